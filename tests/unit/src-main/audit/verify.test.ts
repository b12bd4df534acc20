import { createHmac } from 'node:crypto';
import { mkdir, readFile, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { sealRecord, type AuditRecord } from '../../../../src-main/audit/record';
import { verifyAuditDir } from '../../../../src-main/audit/verify';
import { appendSamples, fakeClock, fileLines, openTestLog, tempRoot, TEST_CHAIN_KEY, TEST_KEY, writeLines } from './helpers';

/** 12 records: seq 1–6 in the first day's file, 7–12 in the second's. */
const DAYS = ['audit-2025-03-04.jsonl', 'audit-2025-03-05.jsonl'] as const;
let pristine: string[][] = [];

beforeAll(async () => {
  const dir = join(await tempRoot(), 'audit');
  const clock = fakeClock('2025-03-04T23:59:54.000Z');
  const log = await openTestLog(dir, { now: clock.now });
  await appendSamples(log, 12, clock, 1000);
  await log.close();
  pristine = await Promise.all(DAYS.map((name) => fileLines(join(dir, name))));
  expect(pristine.map((lines) => lines.length)).toEqual([6, 6]);
});

/** Writes (possibly tampered) copies of the two files into a fresh folder. */
async function folderWith(files: readonly (readonly string[])[]): Promise<string> {
  const dir = join(await tempRoot(), 'audit');
  await mkdir(dir);
  await Promise.all(files.map((lines, index) => writeLines(join(dir, DAYS[index] as string), lines)));
  return dir;
}

const copy = (): string[][] => pristine.map((lines) => [...lines]);
const recordOf = (line: string): AuditRecord => JSON.parse(line) as AuditRecord;

describe('verifyAuditDir', () => {
  it('passes an untouched log and reports its head', async () => {
    const dir = await folderWith(pristine);
    const last = recordOf(pristine[1]?.[5] as string);
    await expect(verifyAuditDir(dir, { key: TEST_KEY })).resolves.toEqual({
      ok: true,
      files: 2,
      records: 12,
      unkeyedRecords: 0,
      keyedRecords: 12,
      macsChecked: true,
      anchorsChecked: 0,
      head: { seq: 12, hash: last.hash },
    });
    await expect(verifyAuditDir(dir, { strict: true, key: TEST_KEY })).resolves.toMatchObject({ ok: true, records: 12 });
  });

  it('names a record whose content was changed (one byte)', async () => {
    const files = copy();
    files[1]![2] = files[1]![2]!.replace('otp.sent', 'otp.sEnt'); // seq 9
    const dir = await folderWith(files);
    await expect(verifyAuditDir(dir, { key: TEST_KEY })).resolves.toMatchObject({
      ok: false,
      reason: 'hash-mismatch',
      firstBadSeq: 9,
      file: DAYS[1],
      line: 3,
    });
  });

  it('names a deleted line as missing', async () => {
    const files = copy();
    files[0]!.splice(3, 1); // seq 4
    const dir = await folderWith(files);
    await expect(verifyAuditDir(dir, { key: TEST_KEY })).resolves.toMatchObject({ ok: false, reason: 'missing', firstBadSeq: 4, file: DAYS[0], line: 4 });
  });

  it('names the last line of a day file deleted, across the file boundary', async () => {
    const files = copy();
    files[0]!.pop(); // seq 6
    const dir = await folderWith(files);
    await expect(verifyAuditDir(dir, { key: TEST_KEY })).resolves.toMatchObject({ ok: false, reason: 'missing', firstBadSeq: 6, file: DAYS[1], line: 1 });
  });

  it('names two swapped lines as reordered', async () => {
    const files = copy();
    [files[1]![1], files[1]![2]] = [files[1]![2]!, files[1]![1]!]; // seq 8 and 9
    const dir = await folderWith(files);
    await expect(verifyAuditDir(dir, { key: TEST_KEY })).resolves.toMatchObject({ ok: false, reason: 'reordered', firstBadSeq: 8, file: DAYS[1], line: 2 });
  });

  it('names a forged line inserted with a self-consistent hash', async () => {
    const files = copy();
    const before = recordOf(files[0]![2]!); // seq 3
    const { hash: _hash, ...template } = recordOf(files[0]![3]!);
    // even sealed with the key: the chain still shows it
    const forged = sealRecord({ ...template, seq: 4, prevHash: before.hash, event: 'credentials.changed', outcome: 'success' }, TEST_CHAIN_KEY);
    files[0]!.splice(3, 0, forged.line.trimEnd());
    const dir = await folderWith(files);
    await expect(verifyAuditDir(dir, { key: TEST_KEY })).resolves.toMatchObject({ ok: false, reason: 'inserted', firstBadSeq: 4, file: DAYS[0] });
  });

  it('names a forged line that links nowhere, even with a self-consistent hash', async () => {
    const files = copy();
    const { hash: _hash, ...template } = recordOf(files[0]![3]!);
    const forged = sealRecord({ ...template, seq: 4, prevHash: 'f'.repeat(64) }, TEST_CHAIN_KEY);
    files[0]!.splice(3, 0, forged.line.trimEnd());
    const dir = await folderWith(files);
    await expect(verifyAuditDir(dir, { key: TEST_KEY })).resolves.toMatchObject({ ok: false, reason: 'inserted', firstBadSeq: 4, file: DAYS[0], line: 4 });
  });

  it('names a forged line whose hash was not recomputed', async () => {
    const files = copy();
    files[0]!.splice(3, 0, files[0]![3]!.replace('otp.failed', 'otp.verified'));
    const dir = await folderWith(files);
    await expect(verifyAuditDir(dir, { key: TEST_KEY })).resolves.toMatchObject({ ok: false, reason: 'hash-mismatch', firstBadSeq: 4, line: 4 });
  });

  it('names a line that was re-linked (prevHash changed, hash recomputed) as a broken link', async () => {
    const files = copy();
    const { hash: _hash, ...record } = recordOf(files[1]![0]!); // seq 7; seq 8 still links to the original
    files[1]![0] = sealRecord({ ...record, prevHash: 'a'.repeat(64) }, TEST_CHAIN_KEY).line.trimEnd();
    const dir = await folderWith(files);
    await expect(verifyAuditDir(dir, { key: TEST_KEY })).resolves.toMatchObject({ ok: false, reason: 'broken-link', firstBadSeq: 7, file: DAYS[1], line: 1 });
  });

  it('names a last file cut mid-line as torn', async () => {
    const dir = await folderWith(pristine);
    const path = join(dir, DAYS[1]);
    const size = (await readFile(path)).length;
    await truncate(path, size - 30);
    await expect(verifyAuditDir(dir, { key: TEST_KEY })).resolves.toMatchObject({ ok: false, reason: 'torn', firstBadSeq: 12, file: DAYS[1], line: 6 });
  });

  it('names a line that is not JSON', async () => {
    const files = copy();
    files[0]![1] = 'hello';
    const dir = await folderWith(files);
    await expect(verifyAuditDir(dir, { key: TEST_KEY })).resolves.toMatchObject({ ok: false, reason: 'parse', firstBadSeq: 2, line: 2 });
  });

  it('flags a log that does not start at seq 1', async () => {
    const files = copy();
    files[0]!.shift();
    const dir = await folderWith(files);
    await expect(verifyAuditDir(dir, { key: TEST_KEY })).resolves.toMatchObject({ ok: false, reason: 'missing', firstBadSeq: 1 });
  });

  it('flags a line that is the same record in non-canonical form', async () => {
    const files = copy();
    files[0]![2] = JSON.stringify(recordOf(files[0]![2]!), null, 0).replace('{', '{ '); // seq 3, same content
    const dir = await folderWith(files);
    for (const strict of [false, true]) {
      await expect(verifyAuditDir(dir, { strict, key: TEST_KEY })).resolves.toMatchObject({ ok: false, reason: 'hash-mismatch', firstBadSeq: 3 });
    }
  });

  it('flags the last record when only its hash was recomputed over non-canonical JSON', async () => {
    const files = copy();
    const last = files[1]![5]!;
    const suffixAt = last.lastIndexOf(',"hash":"');
    const body = `${last.slice(0, suffixAt).replace('"event"', ' "event"')}}`;
    files[1]![5] = `${body.slice(0, -1)},"hash":"${createHmac('sha256', TEST_CHAIN_KEY).update(body).digest('hex')}"}`;
    const dir = await folderWith(files);
    await expect(verifyAuditDir(dir, { key: TEST_KEY })).resolves.toMatchObject({ ok: false, reason: 'hash-mismatch', firstBadSeq: 12 });
  });

  it("does not pass an empty folder: a kiosk's log is never empty", async () => {
    const dir = await folderWith([]);
    await expect(verifyAuditDir(dir, { key: TEST_KEY })).resolves.toMatchObject({ ok: false, reason: 'empty', files: 0, records: 0 });
  });

  /** A tampering and the seq and reason verify must name for it. */
  type Tamper =
    | { kind: 'flip'; seq: number; at: number; byte: number }
    | { kind: 'delete'; seq: number }
    | { kind: 'swap'; seq: number; other: number };

  const tamperArbitrary: fc.Arbitrary<Tamper> = fc.oneof(
    fc.record({
      kind: fc.constant('flip' as const),
      seq: fc.integer({ min: 1, max: 12 }),
      at: fc.nat(),
      byte: fc.integer({ min: 0, max: 255 }),
    }),
    fc.record({ kind: fc.constant('delete' as const), seq: fc.integer({ min: 1, max: 11 }) }),
    fc
      .tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 12 }))
      .filter(([a, b]) => a !== b)
      .map(([a, b]) => ({ kind: 'swap' as const, seq: Math.min(a, b), other: Math.max(a, b) })),
  );

  const EXPECTED_REASONS: Record<Tamper['kind'], readonly string[]> = {
    flip: ['hash-mismatch', 'parse', 'torn'],
    delete: ['missing'],
    swap: ['reordered'],
  };

  it('names the right seq for any single flip, deletion or swap, in fast and strict mode alike', async () => {
    await fc.assert(
      fc.asyncProperty(tamperArbitrary, async (tamper) => {
        const flat = pristine.flatMap((lines, file) => lines.map((line) => ({ file, bytes: Buffer.from(`${line}\n`) })));
        const index = tamper.seq - 1;
        if (tamper.kind === 'flip') {
          const target = flat[index]!;
          const at = tamper.at % target.bytes.length;
          const byte = tamper.byte === target.bytes[at] ? (tamper.byte + 1) % 256 : tamper.byte;
          target.bytes = Buffer.from(target.bytes);
          target.bytes[at] = byte;
        } else if (tamper.kind === 'delete') {
          flat.splice(index, 1);
        } else {
          const a = flat[index]!;
          const b = flat[tamper.other - 1]!;
          [a.bytes, b.bytes] = [b.bytes, a.bytes];
        }
        const dir = await folderWith([]);
        await Promise.all(
          DAYS.map((name, file) =>
            writeFile(join(dir, name), Buffer.concat(flat.filter((entry) => entry.file === file).map((entry) => entry.bytes))),
          ),
        );
        const fast = await verifyAuditDir(dir, { key: TEST_KEY });
        const strict = await verifyAuditDir(dir, { strict: true, key: TEST_KEY });
        expect(fast).toEqual(strict);
        expect(fast).toMatchObject({ ok: false, firstBadSeq: tamper.seq });
        if (!fast.ok) expect(EXPECTED_REASONS[tamper.kind]).toContain(fast.reason);
      }),
      { numRuns: 150 },
    );
  });
});
