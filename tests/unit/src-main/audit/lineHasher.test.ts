/**
 * Verification with the hash worker (lineHasher.ts) over files large enough
 * to be handed to it in `auto` mode, where the worker hashes from each file's
 * end while verification hashes from its start: whatever the split, the
 * answer must be the in-thread one (`never`), and the worker's alone
 * (`always`) too — on a good log and on each kind of damage, wherever in the
 * file it is.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditFileName } from '../../../../src-main/audit/files';
import { GENESIS_HASH, sealRecord } from '../../../../src-main/audit/record';
import { verifyAuditDir, type VerifyOptions, type VerifyResult } from '../../../../src-main/audit/verify';
import { tempRoot, TEST_CHAIN_KEY, TEST_KEY } from './helpers';

/** Records per day file: ≈1.3 MB, over the size `auto` hands to the worker. */
const PER_FILE = 4000;
const FILES = 2;
const RECORDS = PER_FILE * FILES;

/** The lines of each day file (with their `\n`), keyed or not. */
function sealedLog(keyed: boolean): Buffer[][] {
  const files: Buffer[][] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= RECORDS; seq += 1) {
    const day = Math.floor((seq - 1) / PER_FILE);
    const { record, line } = sealRecord(
      {
        time: new Date(Date.UTC(2025, 2, 4 + day, 8, 0, (seq - 1) % PER_FILE)).toISOString(),
        seq,
        kioskId: 'KIOSK-TEST-01',
        event: seq % 3 === 0 ? 'otp.verified' : 'otp.sent',
        outcome: 'success',
        sessionId: `session-${seq}`,
        operatorId: 'PTG001',
        subject: '08*****2797',
        detail: { channel: 'sms', attemptsRemaining: seq % 5 },
        prevHash,
      },
      keyed ? TEST_CHAIN_KEY : undefined,
    );
    prevHash = record.hash;
    (files[day] ??= []).push(Buffer.from(line));
  }
  return files;
}

async function folderWith(files: readonly (readonly Buffer[])[]): Promise<string> {
  const dir = join(await tempRoot(), 'audit');
  await mkdir(dir);
  await Promise.all(files.map((lines, day) => writeFile(join(dir, auditFileName(`2025-03-0${4 + day}`)), Buffer.concat(lines))));
  return dir;
}

/** The answers of the three modes; they must be one. */
async function answers(dir: string, options: VerifyOptions): Promise<VerifyResult> {
  const never = await verifyAuditDir(dir, { ...options, hashWorker: 'never' });
  expect(await verifyAuditDir(dir, { ...options, hashWorker: 'auto' })).toEqual(never);
  expect(await verifyAuditDir(dir, { ...options, hashWorker: 'always' })).toEqual(never);
  return never;
}

let keyedLog: Buffer[][] = [];
let unkeyedLog: Buffer[][] = [];
beforeAll(() => {
  keyedLog = sealedLog(true);
  unkeyedLog = sealedLog(false);
});

describe('verifyAuditDir with the hash worker', () => {
  it('passes a good log, keyed or not, with or without the key', async () => {
    const keyed = await folderWith(keyedLog);
    const unkeyed = await folderWith(unkeyedLog);
    expect(await answers(keyed, { key: TEST_KEY })).toMatchObject({ ok: true, records: RECORDS, keyedRecords: RECORDS, macsChecked: true });
    expect(await answers(keyed, {})).toMatchObject({ ok: true, records: RECORDS, keyedRecords: RECORDS, macsChecked: false });
    expect(await answers(unkeyed, {})).toMatchObject({ ok: true, records: RECORDS, unkeyedRecords: RECORDS });
  });

  it('reads a file the same when it is read again (the shared buffers are reused)', async () => {
    const dir = await folderWith(keyedLog);
    const first = await verifyAuditDir(dir, { key: TEST_KEY });
    await Promise.all([verifyAuditDir(dir, { key: TEST_KEY }), verifyAuditDir(dir, { key: TEST_KEY })]);
    expect(await verifyAuditDir(dir, { key: TEST_KEY })).toEqual(first);
  });

  it('names a changed byte, a deleted line, swapped lines and a torn end the same wherever they are', async () => {
    type Damage = { kind: 'flip'; seq: number; at: number } | { kind: 'delete'; seq: number } | { kind: 'swap'; seq: number; other: number } | { kind: 'tear'; keep: number };
    const seqArbitrary = fc.oneof(fc.integer({ min: 1, max: RECORDS }), fc.constantFrom(1, PER_FILE, PER_FILE + 1, RECORDS));
    const damageArbitrary: fc.Arbitrary<Damage> = fc.oneof(
      fc.record({ kind: fc.constant('flip' as const), seq: seqArbitrary, at: fc.nat() }),
      fc.record({ kind: fc.constant('delete' as const), seq: seqArbitrary }),
      fc.tuple(seqArbitrary, seqArbitrary).filter(([a, b]) => a !== b).map(([a, b]) => ({ kind: 'swap' as const, seq: Math.min(a, b), other: Math.max(a, b) })),
      fc.record({ kind: fc.constant('tear' as const), keep: fc.integer({ min: 1, max: 300 }) }),
    );
    await fc.assert(
      fc.asyncProperty(damageArbitrary, fc.boolean(), fc.boolean(), async (damage, keyed, withKey) => {
        const files = (keyed ? keyedLog : unkeyedLog).map((lines) => [...lines]);
        const at = (seq: number): [number, number] => [Math.floor((seq - 1) / PER_FILE), (seq - 1) % PER_FILE];
        if (damage.kind === 'flip') {
          const [file, index] = at(damage.seq);
          const line = Buffer.from(files[file]![index]!);
          const offset = damage.at % (line.length - 1); // not the newline: that is a torn line, below
          line[offset] = line[offset] === 0x30 ? 0x31 : 0x30;
          files[file]![index] = line;
        } else if (damage.kind === 'delete') {
          const [file, index] = at(damage.seq);
          files[file]!.splice(index, 1);
        } else if (damage.kind === 'swap') {
          const [fileA, indexA] = at(damage.seq);
          const [fileB, indexB] = at(damage.other);
          [files[fileA]![indexA], files[fileB]![indexB]] = [files[fileB]![indexB]!, files[fileA]![indexA]!];
        } else {
          const last = files[FILES - 1]!;
          last[last.length - 1] = last.at(-1)!.subarray(0, damage.keep);
        }
        const dir = await folderWith(files);
        const result = await answers(dir, withKey ? { key: TEST_KEY } : {});
        if (damage.kind !== 'flip' || (keyed && !withKey)) return; // a flip can still be canonical JSON and a valid-looking record
        expect(result).toMatchObject({ ok: false, firstBadSeq: damage.seq });
      }),
      { numRuns: 40 },
    );
  });

  it('reads a file it cannot read in its turn: a problem before it is still named, else verification fails there', async () => {
    const damaged = keyedLog.map((lines) => [...lines]);
    damaged[1]![11] = Buffer.from(damaged[1]![11]!.toString().replace('otp.sent', 'otp.sEnt')); // seq 4012
    for (const files of [keyedLog, damaged]) {
      const dir = await folderWith(files);
      await mkdir(join(dir, auditFileName('2025-03-06'))); // listed as the last day file, but not a file
      for (const hashWorker of ['never', 'auto', 'always'] as const) {
        const verified = verifyAuditDir(dir, { key: TEST_KEY, hashWorker });
        if (files === damaged) await expect(verified).resolves.toMatchObject({ ok: false, firstBadSeq: PER_FILE + 12, reason: 'hash-mismatch' });
        else await expect(verified).rejects.toThrow('EISDIR');
      }
    }
  });

  it('names an unkeyed record after keyed ones (a downgrade) the same', async () => {
    const files = keyedLog.map((lines) => [...lines]);
    // Seq 5000 re-sealed without the key, linked to seq 4999: only the downgrade rule can refuse it.
    const record = JSON.parse(files[1]![999]!.toString()) as Record<string, unknown>;
    const { hash: _hash, v: _v, ...unsealed } = record;
    files[1]![999] = Buffer.from(sealRecord(unsealed as never).line);
    const dir = await folderWith(files);
    expect(await answers(dir, {})).toMatchObject({ ok: false, reason: 'downgraded', firstBadSeq: 5000, line: 1000 });
  });
});
