import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AuditInputError } from '../../../../src-main/audit/errors';
import { parseRecordLine } from '../../../../src-main/audit/record';
import { MAX_DETAIL_STRING_LENGTH, MAX_SUBJECT_LENGTH, sanitiseEvent } from '../../../../src-main/audit/sanitise';
import type { AuditEventInput } from '../../../../src-main/audit/types';
import { verifyAuditDir } from '../../../../src-main/audit/verify';
import { allRecords, auditFiles, fileLines, openTestLog, sampleEvent, tempRoot, TEST_KEY } from './helpers';

/** Any text, minus the digit runs that are refused on purpose (see below). */
const noLongDigitRun = (maxLength: number): fc.Arbitrary<string> =>
  fc.string({ unit: 'binary', maxLength }).filter((text) => !/\d{10}/.test(text));

const base: AuditEventInput = { event: 'identity.failed', outcome: 'failure' };

describe('what may go into a record', () => {
  it('CR/LF in a subject cannot forge a second line', async () => {
    const dir = join(await tempRoot(), 'audit');
    const log = await openTestLog(dir);
    await log.append(sampleEvent(1));
    const forgedLine = '{"event":"credentials.changed","kioskId":"KIOSK-TEST-01","outcome":"success","seq":3}';
    await log.append({ ...base, subject: `08*****2797\r\n${forgedLine}\n`, sessionId: 'a\nb', operatorId: 'PTG\r001' });
    await log.append(sampleEvent(3));
    await log.close();

    const [file] = await auditFiles(dir);
    const lines = await fileLines(join(dir, file as string));
    expect(lines).toHaveLength(3);
    expect(lines.some((line) => line.startsWith('{"event":"credentials.changed"'))).toBe(false);
    const records = await allRecords(dir);
    expect(records.map((record) => record.seq)).toEqual([1, 2, 3]);
    expect(records[1]?.subject).toBe(`08*****2797\uFFFD\uFFFD${forgedLine}\uFFFD`);
    expect(records[1]?.sessionId).toBe('a\uFFFDb');
    expect(records[1]?.operatorId).toBe('PTG\uFFFD001');
    await expect(verifyAuditDir(dir, { key: TEST_KEY })).resolves.toMatchObject({ ok: true, records: 3 });
  });

  it('keeps any string, control characters and lone surrogates included, to one verifiable line', async () => {
    const dir = join(await tempRoot(), 'audit');
    const log = await openTestLog(dir);
    let expected = 0;
    await fc.assert(
      fc.asyncProperty(noLongDigitRun(300), fc.string({ unit: 'binary', maxLength: 80 }), async (text, id) => {
        await log.append({ ...base, sessionId: id, operatorId: id, subject: `${text}***`, detail: { reason: text } });
        expected += 1;
      }),
      { numRuns: 60 },
    );
    await log.close();
    const [file] = await auditFiles(dir);
    const lines = await fileLines(join(dir, file as string));
    expect(lines).toHaveLength(expected);
    for (const line of lines) {
      expect(parseRecordLine(line).ok).toBe(true);
      expect(line).not.toMatch(/[\u0000-\u001f\u2028\u2029]/);
    }
    await expect(verifyAuditDir(dir, { strict: true, key: TEST_KEY })).resolves.toMatchObject({ ok: true, records: expected });
  });

  it('caps string lengths', () => {
    const clean = sanitiseEvent({ ...base, subject: `${'*'.repeat(500)}`, detail: { reason: 'x'.repeat(1000) } });
    expect(clean.subject).toHaveLength(MAX_SUBJECT_LENGTH);
    expect(clean.subject?.endsWith('…')).toBe(true);
    expect(clean.detail?.reason).toHaveLength(MAX_DETAIL_STRING_LENGTH);
  });

  it.each([
    ['password', 'Lama#2024a'],
    ['newPassword', 'Lama#2024a'],
    ['otp', '254241'],
    ['otpCode', 254241],
    ['code', '254241'],
    ['pin', '246810'],
    ['operator_pin', 246810],
    ['accessToken', 'eyJhbGciOi'],
    ['motherName', 'AMINAH'],
    ['nama_ibu', 'AMINAH'],
    ['ibuKandung', 'AMINAH'],
    ['nik', '3171014101900001'],
    ['fullName', 'SITI RAHAYU'],
    ['name', 'SITI'],
  ])('refuses the secret-looking detail key %s', (key, value) => {
    expect(() => sanitiseEvent({ ...base, detail: { [key]: value } })).toThrow(AuditInputError);
  });

  it('accepts secret-looking keys whose value is clearly masked, and errorCode', () => {
    const clean = sanitiseEvent({
      ...base,
      detail: { nik: '317101******0001', name: 'S*** R***', errorCode: 'IDENTITY_MISMATCH', attemptsRemaining: 2 },
    });
    expect(clean.detail).toEqual({ nik: '317101******0001', name: 'S*** R***', errorCode: 'IDENTITY_MISMATCH', attemptsRemaining: 2 });
  });

  it.each([
    ['a raw phone number', { subject: '081234562797' }],
    ['a raw NIK', { subject: '3171014101900001' }],
    ['an unmasked subject', { subject: 'siti.rahayu@example.com' }],
    ['a masked subject with a full NIK next to it', { subject: '317101******0001 3171014101900001' }],
    ['a NIK in a detail value', { detail: { reference: 'NIK 3171014101900001' } }],
    ['a phone number as a detail number', { detail: { reference: 81234562797 } }],
    ['a detail key that is not an identifier', { detail: { 'a b': 1 } }],
    ['a non-finite detail number', { detail: { ratio: Number.NaN } }],
    ['too many detail keys', { detail: Object.fromEntries(Array.from({ length: 17 }, (_, n) => [`k${n}`, n])) }],
    ['an unknown event', { event: 'otp.leaked' }],
    ['an unknown outcome', { outcome: 'maybe' }],
  ])('refuses %s', (_label, change) => {
    expect(() => sanitiseEvent({ ...base, ...(change as Partial<AuditEventInput>) })).toThrow(AuditInputError);
  });

  it('accepts keyed hashes even when their hex has long digit runs', () => {
    const subject = `hmac:${'1234567890'.repeat(6)}abcd`;
    expect(sanitiseEvent({ ...base, subject }).subject).toBe(subject);
  });

  it('a refused event writes nothing and does not disturb the chain', async () => {
    const dir = join(await tempRoot(), 'audit');
    const log = await openTestLog(dir);
    await log.append(sampleEvent(1));
    await expect(log.append({ ...base, detail: { password: 'Lama#2024a' } })).rejects.toBeInstanceOf(AuditInputError);
    await expect(log.append({ ...base, subject: '081234562797' })).rejects.toBeInstanceOf(AuditInputError);
    expect(await log.append(sampleEvent(2))).toEqual({ seq: 2 });
    await log.close();
    const text = (await allRecords(dir)).map((record) => JSON.stringify(record)).join('\n');
    expect(text).not.toContain('Lama#2024a');
    expect(text).not.toContain('081234562797');
    await expect(verifyAuditDir(dir, { key: TEST_KEY })).resolves.toMatchObject({ ok: true, records: 2 });
  });
});
