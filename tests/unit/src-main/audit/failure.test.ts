import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditUnavailableError } from '../../../../src-main/audit/errors';
import { verifyAuditDir } from '../../../../src-main/audit/verify';
import {
  allRecords,
  appendSamples,
  fakeClock,
  faultyFs,
  openTestLog,
  sampleEvent,
  tempRoot,
  TEST_KEY,
  type FaultPlan,
} from './helpers';

const DAY_FILE = 'audit-2025-03-04.jsonl';

async function logWithThreeRecords(plan: FaultPlan, durability?: 'dsync' | 'fdatasync') {
  const dir = join(await tempRoot(), 'audit');
  const clock = fakeClock('2025-03-04T10:00:00.000Z');
  const log = await openTestLog(dir, { now: clock.now, fs: faultyFs(plan), ...(durability ? { durability } : {}) });
  await appendSamples(log, 3, clock);
  return { dir, clock, log, file: join(dir, DAY_FILE) };
}

describe('when the log cannot be written', () => {
  it.each(['ENOSPC', 'EACCES', 'EROFS', 'EIO'])(
    'a failing write (%s, half a line on disk) rejects, leaves the file as it was, and the log continues once the fault clears',
    async (code) => {
      const plan: FaultPlan = {};
      const { dir, log, file } = await logWithThreeRecords(plan);
      const before = await readFile(file);

      plan.write = code;
      plan.partialWrite = true;
      const failed = log.append(sampleEvent(4));
      await expect(failed).rejects.toBeInstanceOf(AuditUnavailableError);
      await expect(failed).rejects.toMatchObject({ code });
      expect((await readFile(file)).equals(before)).toBe(true);
      await expect(log.append(sampleEvent(5))).rejects.toBeInstanceOf(AuditUnavailableError);
      await expect(verifyAuditDir(dir, { key: TEST_KEY })).resolves.toMatchObject({ ok: true, records: 3 });

      delete plan.write;
      expect(await log.append(sampleEvent(6))).toEqual({ seq: 4 });
      await log.close();
      const records = await allRecords(dir);
      expect(records.map((record) => [record.seq, record.sessionId])).toEqual([
        [1, 'session-0'],
        [2, 'session-1'],
        [3, 'session-2'],
        [4, 'session-6'],
      ]);
      await expect(verifyAuditDir(dir, { key: TEST_KEY })).resolves.toMatchObject({ ok: true, records: 4 });
    },
  );

  it('a failing fdatasync rejects and the unsynced line is rolled back', async () => {
    const plan: FaultPlan = {};
    const { dir, log, file } = await logWithThreeRecords(plan, 'fdatasync');
    const before = await readFile(file);
    plan.datasync = 'EIO';
    await expect(log.append(sampleEvent(4))).rejects.toMatchObject({ name: 'AuditUnavailableError', code: 'EIO' });
    delete plan.datasync;
    expect((await readFile(file)).equals(before)).toBe(true);
    expect(await log.append(sampleEvent(5))).toEqual({ seq: 4 });
    await log.close();
    await expect(verifyAuditDir(dir, { key: TEST_KEY })).resolves.toMatchObject({ ok: true, records: 4 });
  });

  it('if even the rollback fails, the torn bytes are repaired (and logged) before the next append', async () => {
    const plan: FaultPlan = {};
    const { dir, log, file } = await logWithThreeRecords(plan);
    plan.write = 'ENOSPC';
    plan.partialWrite = true;
    plan.truncate = 'EIO';
    await expect(log.append(sampleEvent(4))).rejects.toBeInstanceOf(AuditUnavailableError);
    await expect(verifyAuditDir(dir, { key: TEST_KEY })).resolves.toMatchObject({ ok: false, reason: 'torn', firstBadSeq: 4 });
    // Still faulty: the repair itself cannot happen, the append is refused.
    await expect(log.append(sampleEvent(5))).rejects.toBeInstanceOf(AuditUnavailableError);

    delete plan.write;
    delete plan.truncate;
    expect(await log.append(sampleEvent(6))).toEqual({ seq: 5 });
    await log.close();
    const records = await allRecords(dir);
    expect(records.map((record) => [record.seq, record.event])).toEqual([
      [1, 'otp.sent'],
      [2, 'otp.failed'],
      [3, 'otp.sent'],
      [4, 'audit.repaired'],
      [5, 'otp.sent'],
    ]);
    expect(records[3]?.detail).toMatchObject({ file: DAY_FILE });
    expect((await readFile(file, 'utf8')).split('\n')).toHaveLength(6);
    await expect(verifyAuditDir(dir, { key: TEST_KEY })).resolves.toMatchObject({ ok: true, records: 5 });
  });

  it('permission denied on the folder makes openAuditLog reject with AuditUnavailableError', async () => {
    const dir = join(await tempRoot(), 'audit');
    const plan: FaultPlan = { open: { code: 'EACCES', when: () => true } };
    await mkdir(dir);
    await writeFile(join(dir, DAY_FILE), '');
    await expect(openTestLog(dir, { fs: faultyFs(plan) })).rejects.toMatchObject({
      name: 'AuditUnavailableError',
      code: 'EACCES',
    });
  });

  it('permission denied when the new day file is created: rejected until it clears, then the chain continues', async () => {
    const plan: FaultPlan = {};
    const { dir, clock, log } = await logWithThreeRecords(plan);
    clock.set('2025-03-05T00:00:01.000Z');
    plan.open = { code: 'EACCES', when: (path) => path.endsWith('audit-2025-03-05.jsonl') };
    await expect(log.append(sampleEvent(4))).rejects.toMatchObject({ name: 'AuditUnavailableError', code: 'EACCES' });
    await expect(log.append(sampleEvent(5))).rejects.toMatchObject({ code: 'EACCES' });
    delete plan.open;
    expect(await log.append(sampleEvent(6))).toEqual({ seq: 4 });
    await log.close();
    await expect(verifyAuditDir(dir, { key: TEST_KEY })).resolves.toMatchObject({ ok: true, files: 2, records: 4 });
  });

  it.runIf(existsSync('/dev/full'))('a real ENOSPC (/dev/full as the day file) rejects, and the log continues once it is gone', async () => {
    const dir = join(await tempRoot(), 'audit');
    const clock = fakeClock('2025-03-04T23:59:58.000Z');
    const log = await openTestLog(dir, { now: clock.now });
    await appendSamples(log, 2, clock);
    const full = join(dir, 'audit-2025-03-05.jsonl');
    await symlink('/dev/full', full);
    clock.set('2025-03-05T00:00:03.000Z');

    await expect(log.append(sampleEvent(3))).rejects.toMatchObject({ name: 'AuditUnavailableError', code: 'ENOSPC' });
    await expect(log.append(sampleEvent(4))).rejects.toMatchObject({ code: 'ENOSPC' });
    // A fresh open meets the same full disk: it opens, but cannot append.
    const second = await openTestLog(dir, { now: clock.now });
    await expect(second.append(sampleEvent(5))).rejects.toMatchObject({ code: 'ENOSPC' });
    await second.close();

    await rm(full);
    expect(await log.append(sampleEvent(6))).toEqual({ seq: 3 });
    await log.close();
    await expect(verifyAuditDir(dir, { key: TEST_KEY })).resolves.toMatchObject({ ok: true, files: 2, records: 3 });
  });
});
