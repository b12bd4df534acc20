import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportCsv } from '../../../../src-main/audit/csvExport';
import {
  canonicalJson,
  GENESIS_HASH,
  parseRecordLine,
  sealRecord,
  sha256Hex,
  type AuditDetail,
  type UnsealedRecord,
} from '../../../../src-main/audit/record';
import { verifyAuditDir } from '../../../../src-main/audit/verify';
import { allRecords, fakeClock, fileLines, openTestLog, tempRoot, TEST_KEY } from './helpers';

/**
 * Written by the hand-written canonical JSON serialiser that `canonicalize`
 * replaced (openAuditLog, kiosk `KIOSK-JKT-Ñ01`, subject key
 * `Buffer.alloc(32, 7)`; verifying needs no key): 9 records over two days,
 * with a torn-tail repair, non-ASCII and astral text, neutralised control
 * characters, unsorted and mixed-case detail keys, and numbers such as 1e21,
 * 1e-7, -0.125 and -0. Never regenerate it: it stands for logs already on
 * kiosks.
 */
const LEGACY_LOG = join(import.meta.dirname, 'fixtures', 'legacy-log');
const LEGACY_FILES = ['audit-2025-03-04.jsonl', 'audit-2025-03-05.jsonl'];
const LEGACY_HEAD = { seq: 9, hash: 'bb24fe8dd1c14e800fe1e0949c1bbccfcacb7b249f7711dafcaeb4e6746918b6' };

async function legacyCopy(): Promise<string> {
  const dir = join(await tempRoot(), 'audit');
  await cp(LEGACY_LOG, dir, { recursive: true });
  return dir;
}

describe('a log written before the switch to canonicalize', () => {
  it('verifies, fast and strict, with every record and the same chain head', async () => {
    for (const strict of [false, true]) {
      await expect(verifyAuditDir(LEGACY_LOG, { strict })).resolves.toEqual({
        ok: true,
        files: 2,
        records: 9,
        unkeyedRecords: 9,
        keyedRecords: 0,
        macsChecked: false,
        anchorsChecked: 0,
        head: LEGACY_HEAD,
      });
    }
  });

  it('re-seals every line to the same bytes (the old and new canonical forms are identical)', async () => {
    let records = 0;
    for (const file of LEGACY_FILES) {
      for (const line of await fileLines(join(LEGACY_LOG, file))) {
        const parsed = parseRecordLine(line);
        expect(parsed.ok).toBe(true);
        if (!parsed.ok) continue;
        const { hash, ...unsealed } = parsed.record;
        expect(sealRecord(unsealed)).toEqual({ record: parsed.record, line: `${line}\n` });
        expect(hash).toBe(sha256Hex(canonicalJson(unsealed)));
        records += 1;
      }
    }
    expect(records).toBe(9);
    const csv = await exportCsv(LEGACY_LOG, '2025-03-04', '2025-03-05');
    expect(csv.split('\r\n')).toHaveLength(11); // header, 9 rows, the empty string after the last CRLF
    expect(csv).toContain('"{""channel"":""sms"",""customer"":""SITI RAHAYU — Ñ 😀"",""path"":""forgot-password""}"');
  });

  it('detects a one-byte change, naming the record', async () => {
    const dir = await legacyCopy();
    const path = join(dir, 'audit-2025-03-04.jsonl');
    const original = await readFile(path);
    const changed = Buffer.from(original.toString('utf8').replace('SITI RAHAYU', 'SITI RAHAYV'), 'utf8');
    expect(changed.length).toBe(original.length);
    await writeFile(path, changed);
    for (const strict of [false, true]) {
      await expect(verifyAuditDir(dir, { strict, key: TEST_KEY })).resolves.toMatchObject({
        ok: false,
        firstBadSeq: 2,
        file: 'audit-2025-03-04.jsonl',
        line: 2,
        reason: 'hash-mismatch',
      });
    }
  });

  it('detects a flipped bit in any byte of a record and of a whole day file', async () => {
    const dir = await legacyCopy();
    const firstDay = await readFile(join(dir, LEGACY_FILES[0] as string));
    const secondLine = { start: firstDay.indexOf(0x0a) + 1, end: firstDay.indexOf(0x0a, firstDay.indexOf(0x0a) + 1) + 1 };
    const secondDay = await readFile(join(dir, LEGACY_FILES[1] as string));
    const cases = [
      { file: LEGACY_FILES[0] as string, original: firstDay, ...secondLine }, // the record with "SITI RAHAYU — Ñ 😀"
      { file: LEGACY_FILES[1] as string, original: secondDay, start: 0, end: secondDay.length },
    ];
    for (const { file, original, start, end } of cases) {
      for (let offset = start; offset < end; offset += 1) {
        const changed = Buffer.from(original);
        changed[offset] = (changed[offset] as number) ^ 0x01;
        await writeFile(join(dir, file), changed);
        if ((await verifyAuditDir(dir, { key: TEST_KEY })).ok) expect.fail(`${file}: flipping a bit of byte ${offset} went unnoticed`);
      }
      await writeFile(join(dir, file), original);
    }
    await expect(verifyAuditDir(dir, { key: TEST_KEY })).resolves.toMatchObject({ ok: true, records: 9 });
  });

  it('is continued by the current writer, keyed from an audit.chain-keyed record on, into one verifiable chain', async () => {
    const dir = await legacyCopy();
    const clock = fakeClock('2025-03-06T09:00:00.000Z');
    const log = await openTestLog(dir, { now: clock.now });
    expect(log.head().seq).toBe(10);
    await log.append({ event: 'session.finished', outcome: 'info', detail: { note: 'SITI RAHAYU — Ñ 😀' } });
    await log.close();
    // a mixed log: two unkeyed days, then a keyed one
    await expect(verifyAuditDir(dir, { strict: true, key: TEST_KEY })).resolves.toMatchObject({
      ok: true,
      files: 3,
      records: 11,
      unkeyedRecords: 9,
      keyedRecords: 2,
      macsChecked: true,
    });
    await expect(verifyAuditDir(dir, { key: TEST_KEY })).resolves.toMatchObject({ ok: true, records: 11 });
    await expect(verifyAuditDir(dir)).resolves.toMatchObject({ ok: true, records: 11, keyedRecords: 2, macsChecked: false });
    const records = await allRecords(dir);
    expect(records.slice(8).map(({ seq, event, v, prevHash }) => ({ seq, event, v, prevHash }))).toEqual([
      { seq: 9, event: 'session.finished', v: undefined, prevHash: expect.any(String) },
      { seq: 10, event: 'audit.chain-keyed', v: 2, prevHash: LEGACY_HEAD.hash },
      { seq: 11, event: 'session.finished', v: 2, prevHash: records[9]?.hash },
    ]);
    expect(records[9]).toMatchObject({ detail: { unkeyedRecords: 9 } });

    // a reopen writes no second marker
    const again = await openTestLog(dir, { now: clock.now });
    await again.close();
    expect((await allRecords(dir)).filter((record) => record.event === 'audit.chain-keyed')).toHaveLength(1);
  });
});

describe('canonicalJson (canonicalize, RFC 8785)', () => {
  it('sorts keys by UTF-16 code units, has no whitespace and writes numbers as JavaScript does', () => {
    expect(canonicalJson({ b: 1, a: 'x y', B: true, é: 1e21, '😀': 1e-7, z: -0 })).toBe(
      '{"B":true,"a":"x y","b":1,"z":0,"é":1e+21,"😀":1e-7}',
    );
  });

  it('refuses a lone surrogate, and a line holding one is reported, not thrown', async () => {
    expect(() => canonicalJson({ a: '\ud800' })).toThrow();
    // sealed by hand the way the old serialiser would have done it (JSON.stringify escapes it)
    const body = JSON.stringify({
      detail: { x: '\ud800' },
      event: 'otp.sent',
      kioskId: 'K',
      outcome: 'success',
      prevHash: GENESIS_HASH,
      seq: 1,
      time: '2025-03-04T00:00:00.000Z',
    });
    const line = `${body.slice(0, -1)},"hash":"${sha256Hex(body)}"}`;
    expect(parseRecordLine(line)).toMatchObject({ ok: false, reason: 'parse' });
    const dir = await tempRoot();
    await writeFile(join(dir, 'audit-2025-03-04.jsonl'), `${line}\n`);
    await expect(verifyAuditDir(dir, { key: TEST_KEY })).resolves.toMatchObject({ ok: false, firstBadSeq: 1, reason: 'parse' });
  });

  const text = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }));
  const leaf = fc.oneof(text, fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), fc.boolean());
  const flat = fc.dictionary(text, leaf, { maxKeys: 16 });
  const recordShaped = fc.record(
    { top: flat, detail: flat },
    { requiredKeys: ['top'] },
  ).map(({ top, detail }) => (detail === undefined ? top : { ...top, detail })) as fc.Arbitrary<UnsealedRecord>;

  /** The same members, inserted in a different order (rotated by `seed`, then reversed). */
  function reorder<T extends object>(value: T, seed: number): T {
    const entries = Object.entries(value);
    const cut = seed % Math.max(entries.length, 1);
    const moved = entries.slice(cut).concat(entries.slice(0, cut)).reverse();
    return Object.fromEntries(
      moved.map(([key, member]) => [key, typeof member === 'object' && member !== null ? reorder(member as AuditDetail, seed) : member]),
    ) as T;
  }

  /** What JSON gives back: -0 becomes 0. */
  function parsedForm(value: unknown): unknown {
    if (typeof value === 'number') return Object.is(value, -0) ? 0 : value;
    if (typeof value !== 'object' || value === null) return value;
    return Object.fromEntries(Object.entries(value).map(([key, member]) => [key, parsedForm(member)]));
  }

  it('does not depend on key order and parses back to the same value', () => {
    fc.assert(
      fc.property(recordShaped, fc.nat(), (value, seed) => {
        const canonical = canonicalJson(value);
        expect(canonicalJson(reorder(value, seed))).toBe(canonical);
        const parsed = JSON.parse(canonical) as UnsealedRecord;
        expect(parsed).toEqual(parsedForm(value));
        expect(canonicalJson(parsed)).toBe(canonical);
        expect(canonical).not.toMatch(/[\r\n]/);
      }),
      { numRuns: 500 },
    );
  });
});
