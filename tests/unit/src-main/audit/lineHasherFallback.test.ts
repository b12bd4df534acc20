/**
 * Verification when the hash worker cannot help (lineHasher.ts): one that
 * cannot be started, and one that never takes a file. In `auto` mode every
 * line is then hashed in-thread and the answers are the same; `always`, which
 * waits for the worker, fails instead of waiting for ever.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { auditFileName } from '../../../../src-main/audit/files';
import { GENESIS_HASH, sealRecord } from '../../../../src-main/audit/record';
import { verifyAuditDir } from '../../../../src-main/audit/verify';
import { tempRoot, TEST_CHAIN_KEY, TEST_KEY } from './helpers';

const worker = vi.hoisted(() => ({ starts: 'throw' as 'throw' | 'idle' | 'dies' }));

vi.mock('node:worker_threads', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:worker_threads')>();
  const { EventEmitter } = await import('node:events');
  /** A worker that is never ready: throws at start, ignores every file, or exits at the first. */
  class FakeWorker extends EventEmitter {
    constructor() {
      super();
      if (worker.starts === 'throw') throw new Error('cannot start a worker here');
    }
    ref(): void {}
    unref(): void {}
    postMessage(): void {
      if (worker.starts === 'dies') setImmediate(() => this.emit('exit', 1));
    }
    terminate(): Promise<number> {
      return Promise.resolve(0);
    }
  }
  return { ...actual, Worker: FakeWorker };
});

afterEach(() => {
  worker.starts = 'throw';
});

/** 3 000 keyed records in one file (≈1 MB: handed to the worker in `auto` mode), seq 1 500 changed. */
async function largeLog(): Promise<string> {
  const dir = join(await tempRoot(), 'audit');
  await mkdir(dir);
  const lines: string[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= 3000; seq += 1) {
    const { record, line } = sealRecord(
      {
        time: new Date(Date.UTC(2025, 2, 4, 8, 0, seq)).toISOString(),
        seq,
        kioskId: 'KIOSK-TEST-01',
        event: 'otp.sent',
        outcome: 'success',
        sessionId: `session-${seq}-${'x'.repeat(200)}`,
        detail: { channel: 'sms' },
        prevHash,
      },
      TEST_CHAIN_KEY,
    );
    prevHash = record.hash;
    lines.push(seq === 1500 ? line.replace('otp.sent', 'otp.sEnt') : line);
  }
  await writeFile(join(dir, auditFileName('2025-03-04')), lines.join(''));
  return dir;
}

describe('verifyAuditDir when the hash worker cannot help', () => {
  for (const starts of ['throw', 'idle', 'dies'] as const) {
    it(`gives the in-thread answer when the worker ${starts === 'throw' ? 'cannot be started' : starts === 'idle' ? 'never takes a file' : 'exits'}`, async () => {
      worker.starts = starts;
      const dir = await largeLog();
      const inThread = await verifyAuditDir(dir, { key: TEST_KEY, hashWorker: 'never' });
      expect(inThread).toMatchObject({ ok: false, reason: 'hash-mismatch', firstBadSeq: 1500, line: 1500 });
      expect(await verifyAuditDir(dir, { key: TEST_KEY })).toEqual(inThread);
    });
  }

  it('fails in `always` mode rather than wait for a worker that cannot be started or has exited', async () => {
    const dir = await largeLog();
    await expect(verifyAuditDir(dir, { key: TEST_KEY, hashWorker: 'always' })).rejects.toThrow('cannot start a worker here');
    worker.starts = 'dies';
    await expect(verifyAuditDir(dir, { key: TEST_KEY, hashWorker: 'always' })).rejects.toThrow('the hash worker stopped (exit code 1)');
  });
});
