import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeAuditFs, type AuditFs } from '../../../../src-main/audit/auditFs';
import type { AuditEventInput, AuditSink } from '../../../../src-main/audit/types';
import { AuditTrail, AuditUnavailableError } from '../../../../src-main/core/auditTrail';
import { openTestLog, tempRoot } from '../audit/helpers';

/** A sink whose appends settle only when the test says so. */
function heldSink() {
  const held: Array<{ event: string; resolve(): void; reject(error: Error): void }> = [];
  const sink: AuditSink = {
    append: (input: AuditEventInput) =>
      new Promise((resolve, reject) => {
        held.push({ event: input.event, resolve: () => resolve({ seq: held.length }), reject });
      }),
    subjectKey: (raw) => raw,
  };
  return { sink, held };
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('AuditTrail: events recorded ahead of the one before an action', () => {
  it('record waits until the events recorded ahead of it are durable too', async () => {
    const { sink, held } = heldSink();
    const trail = new AuditTrail(sink);
    trail.recordAhead({ event: 'operator.id-card-checked', outcome: 'info' });
    let done = false;
    const recorded = trail.record({ event: 'identity.attempted', outcome: 'info' }).then(() => (done = true));
    expect(held.map((entry) => entry.event)).toEqual(['operator.id-card-checked', 'identity.attempted']);
    held[1]?.resolve();
    await tick();
    expect(done).toBe(false);
    held[0]?.resolve();
    await recorded;
    expect(done).toBe(true);
  });

  it('record throws AuditUnavailableError when an event recorded ahead failed, even if its own is durable', async () => {
    const { sink, held } = heldSink();
    const failures: unknown[] = [];
    const trail = new AuditTrail(sink, (err) => failures.push(err));
    trail.recordAhead({ event: 'operator.id-card-checked', outcome: 'info' });
    const recorded = trail.record({ event: 'identity.attempted', outcome: 'info' });
    held[0]?.reject(new Error('ENOSPC'));
    held[1]?.resolve();
    await expect(recorded).rejects.toBeInstanceOf(AuditUnavailableError);
    expect(failures).toHaveLength(1);
  });

  it('with the real log, an event recorded ahead and the next one share one write and one sync', async () => {
    const writes: number[] = [];
    let syncs = 0;
    const fs: AuditFs = {
      ...nodeAuditFs,
      async open(path, flags, mode) {
        const real = await nodeAuditFs.open(path, flags, mode);
        if (!path.endsWith('.jsonl')) return real;
        return {
          read: (...args) => real.read(...args),
          write: (buffer, offset, length, position) => {
            writes.push(Buffer.from(buffer).subarray(offset, offset + length).toString('utf8').split('\n').length - 1);
            return real.write(buffer, offset, length, position);
          },
          datasync: () => {
            syncs += 1;
            return real.datasync();
          },
          sync: () => real.sync(),
          truncate: (length) => real.truncate(length),
          stat: () => real.stat(),
          close: () => real.close(),
        };
      },
    };
    const log = await openTestLog(join(await tempRoot(), 'audit'), { fs, durability: 'fdatasync' });
    const trail = new AuditTrail(log);
    trail.recordAhead({ event: 'operator.id-card-checked', outcome: 'info' });
    await trail.record({ event: 'identity.attempted', outcome: 'info' });
    await log.close();
    expect(writes).toEqual([2]);
    expect(syncs).toBe(1);
    expect(log.head().seq).toBe(2);
  });
});
