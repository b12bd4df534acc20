import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeAuditFs, type AuditFileHandle, type AuditFs } from '../../../../src-main/audit/auditFs';
import { AuditUnavailableError } from '../../../../src-main/audit/errors';
import { verifyAuditDir } from '../../../../src-main/audit/verify';
import { allRecords, errnoError, fakeClock, openTestLog, sampleEvent, tempRoot, TEST_KEY } from './helpers';

/**
 * The real file system, but every fdatasync of a day file waits until the
 * test lets it return (or fail): what the log does while a sync is in flight.
 */
function gatedFs() {
  const syncs: Array<{ release(error?: string): void }> = [];
  /** What reached the file, in order: `write <lines>` and `datasync`. */
  const calls: string[] = [];
  const waiters: Array<() => void> = [];
  const handle = (real: AuditFileHandle): AuditFileHandle => ({
    ...bind(real),
    async write(buffer, offset, length, position) {
      calls.push(`write ${Buffer.from(buffer).subarray(offset, offset + length).toString('utf8').split('\n').length - 1}`);
      return real.write(buffer, offset, length, position);
    },
    async datasync() {
      calls.push('datasync');
      const failure = await new Promise<string | undefined>((resolve) => {
        syncs.push({ release: resolve });
        for (const wake of waiters.splice(0)) wake();
      });
      if (failure !== undefined) throw errnoError(failure);
      return real.datasync();
    },
  });
  const fs: AuditFs = {
    ...nodeAuditFs,
    async open(path, flags, mode) {
      const real = await nodeAuditFs.open(path, flags, mode);
      return path.endsWith('.jsonl') ? handle(real) : real;
    },
  };
  return {
    fs,
    calls,
    /** Waits until the `n`th sync (from 1) is in flight, then lets it return, or fail with `error`. */
    async release(n: number, error?: string): Promise<void> {
      while (syncs.length < n) await new Promise<void>((wake) => waiters.push(wake));
      syncs[n - 1]?.release(error);
    },
  };
}

function bind(real: AuditFileHandle): AuditFileHandle {
  return {
    read: (...args) => real.read(...args),
    write: (...args) => real.write(...args),
    datasync: () => real.datasync(),
    sync: () => real.sync(),
    truncate: (length) => real.truncate(length),
    stat: () => real.stat(),
    close: () => real.close(),
  };
}

/** Tracks which of `promises` have settled so far. */
function settledSoFar<T>(promises: ReadonlyArray<Promise<T>>): () => boolean[] {
  const settled = promises.map(() => false);
  promises.forEach((promise, index) => {
    promise.then(
      () => (settled[index] = true),
      () => (settled[index] = true),
    );
  });
  return () => [...settled];
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('group commit', () => {
  it('events appended while a sync is in flight share the next sync, and none resolves before the sync covering it', async () => {
    const dir = join(await tempRoot(), 'audit');
    const gate = gatedFs();
    const log = await openTestLog(dir, { fs: gate.fs, durability: 'fdatasync', now: fakeClock('2025-03-04T10:00:00.000Z').now });

    const first = log.append(sampleEvent(0));
    await tick();
    const later = [1, 2, 3].map((n) => log.append(sampleEvent(n)));
    const settled = settledSoFar([first, ...later]);
    for (let n = 0; n < 5; n += 1) await tick();
    expect(settled()).toEqual([false, false, false, false]);

    await gate.release(1);
    await expect(first).resolves.toEqual({ seq: 1 });
    for (let n = 0; n < 5; n += 1) await tick();
    // Written, but not synced yet: not acknowledged.
    expect(settled()).toEqual([true, false, false, false]);

    await gate.release(2);
    expect(await Promise.all(later)).toEqual([{ seq: 2 }, { seq: 3 }, { seq: 4 }]);
    expect(gate.calls).toEqual(['write 1', 'datasync', 'write 3', 'datasync']);
    await log.close();
    expect((await allRecords(dir)).map((record) => record.sessionId)).toEqual(['session-0', 'session-1', 'session-2', 'session-3']);
    await expect(verifyAuditDir(dir, { key: TEST_KEY })).resolves.toMatchObject({ ok: true, records: 4 });
  });

  it('events appended in the same tick share one sync even when the log is idle', async () => {
    const dir = join(await tempRoot(), 'audit');
    const gate = gatedFs();
    const log = await openTestLog(dir, { fs: gate.fs, durability: 'fdatasync' });
    const appends = [0, 1, 2].map((n) => log.append(sampleEvent(n)));
    await gate.release(1);
    expect(await Promise.all(appends)).toEqual([{ seq: 1 }, { seq: 2 }, { seq: 3 }]);
    expect(gate.calls).toEqual(['write 3', 'datasync']);
    await log.close();
  });

  it('a failed sync rejects every append waiting for it, leaves the file as it was, and the next append continues the chain', async () => {
    const dir = join(await tempRoot(), 'audit');
    const gate = gatedFs();
    const log = await openTestLog(dir, { fs: gate.fs, durability: 'fdatasync' });
    const first = log.append(sampleEvent(0));
    await tick();
    const group = [1, 2, 3].map((n) => log.append(sampleEvent(n)));
    await gate.release(1);
    await expect(first).resolves.toEqual({ seq: 1 });
    const file = join(dir, (await readdirAudit(dir))[0] as string);

    // The rollback's own datasync (3rd) goes through; the group's (2nd) fails.
    await gate.release(2, 'EIO');
    void gate.release(3);
    for (const append of group) await expect(append).rejects.toBeInstanceOf(AuditUnavailableError);
    // The group's lines were written, then cut off again: only the first record is left.
    expect((await readFile(file, 'utf8')).split('\n')).toHaveLength(2);

    const next = log.append(sampleEvent(4));
    await gate.release(4);
    await expect(next).resolves.toEqual({ seq: 2 });
    await log.close();
    expect((await allRecords(dir)).map((record) => record.sessionId)).toEqual(['session-0', 'session-4']);
    await expect(verifyAuditDir(dir, { key: TEST_KEY })).resolves.toMatchObject({ ok: true, records: 2 });
  });
});

async function readdirAudit(dir: string): Promise<string[]> {
  return (await nodeAuditFs.readdir(dir)).filter((name) => name.endsWith('.jsonl')).sort();
}
