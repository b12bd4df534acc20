import { appendFile, readFile, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chainMacHex } from '../../../../src-main/audit/chainKey';
import { canonicalJson, GENESIS_HASH } from '../../../../src-main/audit/record';
import { verifyAuditDir } from '../../../../src-main/audit/verify';
import {
  allRecords,
  appendSamples,
  auditFiles,
  fakeClock,
  fileLines,
  openTestLog,
  sampleEvent,
  tempRoot,
  TEST_CHAIN_KEY,
  TEST_KEY,
  writeLines,
} from './helpers';

describe('the audit chain', () => {
  it('writes one keyed (HMAC under the chain key), chained record per line with every field of the issue', async () => {
    const dir = join(await tempRoot(), 'audit');
    const clock = fakeClock('2025-03-04T05:06:07.089Z');
    const log = await openTestLog(dir, { now: clock.now });
    await appendSamples(log, 3, clock);
    await log.close();

    const lines = await fileLines(join(dir, 'audit-2025-03-04.jsonl'));
    expect(lines).toHaveLength(3);
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records[0]).toMatchObject({
      time: '2025-03-04T05:06:07.089Z',
      seq: 1,
      kioskId: 'KIOSK-TEST-01',
      operatorId: 'PTG001',
      sessionId: 'session-0',
      event: 'otp.sent',
      outcome: 'success',
      subject: '08*****2797',
      detail: { channel: 'sms', attemptsRemaining: 0 },
      prevHash: GENESIS_HASH,
      v: 2,
    });
    records.forEach((record, index) => {
      const { hash, ...rest } = record;
      expect(hash).toBe(chainMacHex(TEST_CHAIN_KEY, canonicalJson(rest as never)));
      expect(record.prevHash).toBe(index === 0 ? GENESIS_HASH : records[index - 1]?.hash);
    });
  });

  it('rotates at UTC midnight by the injected clock and continues the chain into the new file', async () => {
    const dir = join(await tempRoot(), 'audit');
    const clock = fakeClock('2025-03-04T23:59:58.000Z');
    const log = await openTestLog(dir, { now: clock.now });
    await appendSamples(log, 4, clock, 1000); // 23:59:58, 23:59:59, 00:00:00, 00:00:01
    await log.close();

    expect(await auditFiles(dir)).toEqual(['audit-2025-03-04.jsonl', 'audit-2025-03-05.jsonl']);
    const first = await fileLines(join(dir, 'audit-2025-03-04.jsonl'));
    const second = await fileLines(join(dir, 'audit-2025-03-05.jsonl'));
    expect(first).toHaveLength(2);
    expect(second).toHaveLength(2);
    const lastOfDay = JSON.parse(first[1] as string) as { hash: string; seq: number };
    const firstOfNext = JSON.parse(second[0] as string) as { prevHash: string; seq: number };
    expect(firstOfNext.prevHash).toBe(lastOfDay.hash);
    expect(firstOfNext.seq).toBe(lastOfDay.seq + 1);
    await expect(verifyAuditDir(dir, { key: TEST_KEY })).resolves.toMatchObject({ ok: true, files: 2, records: 4 });
  });

  it('never writes into an earlier day file when the clock steps back over midnight', async () => {
    const dir = join(await tempRoot(), 'audit');
    const clock = fakeClock('2025-03-05T00:00:05.000Z');
    const log = await openTestLog(dir, { now: clock.now });
    await log.append(sampleEvent(1));
    clock.set('2025-03-04T23:59:59.000Z');
    await log.append(sampleEvent(2));
    await log.close();
    expect(await auditFiles(dir)).toEqual(['audit-2025-03-05.jsonl']);
    await expect(verifyAuditDir(dir, { key: TEST_KEY })).resolves.toMatchObject({ ok: true, records: 2 });
  });

  it('continues seq and hash after a reopen, also on a later day', async () => {
    const dir = join(await tempRoot(), 'audit');
    const clock = fakeClock('2025-03-04T10:00:00.000Z');
    const first = await openTestLog(dir, { now: clock.now });
    await appendSamples(first, 3, clock);
    const headBefore = first.head();
    await first.close();

    clock.set('2025-03-06T08:00:00.000Z');
    const second = await openTestLog(dir, { now: clock.now });
    expect(second.head()).toEqual(headBefore);
    expect(await appendSamples(second, 2, clock)).toEqual([4, 5]);
    await second.close();

    const records = await allRecords(dir);
    expect(records.map((record) => record.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(records[3]?.prevHash).toBe(headBefore.hash);
    await expect(verifyAuditDir(dir, { key: TEST_KEY })).resolves.toMatchObject({ ok: true, files: 2, records: 5 });
  });

  it('repairs a torn last line on open and records the repair as an event', async () => {
    const dir = join(await tempRoot(), 'audit');
    const clock = fakeClock('2025-03-04T10:00:00.000Z');
    const log = await openTestLog(dir, { now: clock.now });
    await appendSamples(log, 3, clock);
    await log.close();
    const file = join(dir, 'audit-2025-03-04.jsonl');
    const torn = '{"detail":{"channel":"sms"},"event":"otp.se';
    await appendFile(file, torn);
    await expect(verifyAuditDir(dir, { key: TEST_KEY })).resolves.toMatchObject({ ok: false, reason: 'torn', firstBadSeq: 4, line: 4 });

    const reopened = await openTestLog(dir, { now: clock.now });
    await reopened.append(sampleEvent(9));
    await reopened.close();

    const records = await allRecords(dir);
    expect(records.map((record) => [record.seq, record.event])).toEqual([
      [1, 'otp.sent'],
      [2, 'otp.failed'],
      [3, 'otp.sent'],
      [4, 'audit.repaired'],
      [5, 'otp.failed'],
    ]);
    expect(records[3]).toMatchObject({
      outcome: 'info',
      detail: { file: 'audit-2025-03-04.jsonl', bytesRemoved: Buffer.byteLength(torn) },
    });
    expect(await readFile(file, 'utf8')).not.toContain(torn);
    await expect(verifyAuditDir(dir, { key: TEST_KEY })).resolves.toMatchObject({ ok: true, records: 5 });
  });

  it('does not repair a complete line that fails verification: it keeps it and verify still reports it', async () => {
    const dir = join(await tempRoot(), 'audit');
    const clock = fakeClock('2025-03-04T10:00:00.000Z');
    const log = await openTestLog(dir, { now: clock.now });
    await appendSamples(log, 3, clock);
    await log.close();
    const file = join(dir, 'audit-2025-03-04.jsonl');
    const lines = await fileLines(file);
    const tampered = (lines[2] as string).replace('"outcome":"success"', '"outcome":"failure"');
    expect(tampered).not.toBe(lines[2]);
    await writeLines(file, [...lines.slice(0, 2), tampered]);

    const reopened = await openTestLog(dir, { now: clock.now });
    expect(await reopened.append(sampleEvent(5))).toEqual({ seq: 4 });
    await reopened.close();

    const after = await fileLines(file);
    expect(after[2]).toBe(tampered);
    expect(after.some((line) => line.includes('audit.repaired'))).toBe(false);
    await expect(verifyAuditDir(dir, { key: TEST_KEY })).resolves.toMatchObject({ ok: false, reason: 'hash-mismatch', firstBadSeq: 3 });
  });

  it('continues from the previous file when the last file is empty', async () => {
    const dir = join(await tempRoot(), 'audit');
    const clock = fakeClock('2025-03-04T10:00:00.000Z');
    const log = await openTestLog(dir, { now: clock.now });
    await appendSamples(log, 2, clock);
    await log.close();
    await writeFile(join(dir, 'audit-2025-03-05.jsonl'), '');
    clock.set('2025-03-05T09:00:00.000Z');
    const reopened = await openTestLog(dir, { now: clock.now });
    expect(await reopened.append(sampleEvent(3))).toEqual({ seq: 3 });
    await reopened.close();
    await expect(verifyAuditDir(dir, { key: TEST_KEY })).resolves.toMatchObject({ ok: true, files: 2, records: 3 });
  });

  it('repairs a file that is nothing but a torn line', async () => {
    const dir = join(await tempRoot(), 'audit');
    const clock = fakeClock('2025-03-04T10:00:00.000Z');
    const log = await openTestLog(dir, { now: clock.now });
    await appendSamples(log, 1, clock);
    await log.close();
    await truncate(join(dir, 'audit-2025-03-04.jsonl'), 40);
    const reopened = await openTestLog(dir, { now: clock.now });
    await reopened.close();
    const records = await allRecords(dir);
    expect(records.map((record) => [record.seq, record.event])).toEqual([[1, 'audit.repaired']]);
    await expect(verifyAuditDir(dir, { key: TEST_KEY })).resolves.toMatchObject({ ok: true, records: 1 });
  });

  it('serialises 200 concurrent appends: seq 1..200 in call order, one chain', async () => {
    const dir = join(await tempRoot(), 'audit');
    const log = await openTestLog(dir);
    const results = await Promise.all(Array.from({ length: 200 }, (_, n) => log.append(sampleEvent(n))));
    await log.close();
    expect(results.map((result) => result.seq)).toEqual(Array.from({ length: 200 }, (_, n) => n + 1));
    const records = await allRecords(dir);
    expect(records.map((record) => record.seq)).toEqual(Array.from({ length: 200 }, (_, n) => n + 1));
    expect(records.map((record) => record.sessionId)).toEqual(Array.from({ length: 200 }, (_, n) => `session-${n}`));
    await expect(verifyAuditDir(dir, { key: TEST_KEY })).resolves.toMatchObject({ ok: true, records: 200 });
  });

  it('rejects appends after close', async () => {
    const dir = join(await tempRoot(), 'audit');
    const log = await openTestLog(dir);
    await log.close();
    await expect(log.append(sampleEvent(1))).rejects.toMatchObject({ name: 'AuditUnavailableError' });
  });
});
