/**
 * The attacks of issue #12, end to end: a kiosk's log written with the real
 * AuditLog, its heads anchored to a real stub through the real client, then
 * tampered with on disk and checked with `audit:verify` as a supervisor runs
 * it. Before keying and anchors every one of these passed ("audit OK").
 */
import { readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnchorSender } from '../../../../src-main/audit/anchors';
import { runVerifyCli } from '../../../../src-main/audit/cli/verify';
import { canonicalJson, GENESIS_HASH, sealRecord, sha256Hex, type AuditRecord } from '../../../../src-main/audit/record';
import { createBackendClient } from '../../../../src-main/backend/client';
import { startStub, type RunningStub } from '../../../../src-main/backend/stub/server';
import { appendSamples, fakeClock, fileLines, openTestLog, tempRoot, TEST_KEY, writeLines } from './helpers';
import { kioskHeaders, testKioskKey, testKiosks } from '../backend/testKiosks';

const DAYS = ['audit-2025-03-04.jsonl', 'audit-2025-03-05.jsonl'] as const;

let stub: RunningStub;
beforeAll(async () => {
  stub = await startStub({ kiosks: testKiosks(...Array.from({ length: 40 }, (_, i) => `KIOSK-ATTACK-${i + 1}`)) });
});
afterAll(async () => {
  await stub.close();
});

/**
 * 14 records over two days (an identity check that failed first), anchored
 * every 4 records, at the day's close and at shutdown, as `kioskId`.
 */
async function anchoredLog(kioskId: string): Promise<{ dir: string; keyFile: string }> {
  const root = await tempRoot();
  const dir = join(root, 'audit');
  const clock = fakeClock('2025-03-04T23:59:55.000Z'); // seq 1–6 on the 4th, 7–14 on the 5th
  const log = await openTestLog(dir, { now: clock.now, kioskId });
  const client = createBackendClient({ baseUrl: stub.url, kioskKey: testKioskKey(kioskId), retries: 0, timeoutMs: 2_000 });
  await writeFile(join(root, 'kiosk.key'), testKioskKey(kioskId), { mode: 0o600 });
  const sender = new AnchorSender({ send: (anchor) => client.sendAuditAnchor({ kioskId }, anchor), everyEvents: 4, now: clock.now }, log.chainHead());
  log.onAppended((head) => sender.noteHead(head));
  await log.append({ event: 'identity.failed', outcome: 'failure', subject: '317101******0001', detail: { attemptsRemaining: 2 } });
  await appendSamples(log, 13, clock, 1000);
  await log.close();
  await sender.close();
  const keyFile = join(root, 'audit-subject.key');
  await writeFile(keyFile, TEST_KEY, { mode: 0o600 });
  return { dir, keyFile };
}

let kioskSeq = 0;
const freshKiosk = (): string => `KIOSK-ATTACK-${(kioskSeq += 1)}`;

/** `audit:verify`; asking the stub for anchors, as the kiosk of the folder, with that kiosk's key file (written beside its log). */
async function verify(args: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  if (args.includes(stub.url) && !args.includes('--kiosk-key')) args = [...args, '--kiosk-key', join(args[0] ?? '', '..', 'kiosk.key')];
  const code = await runVerifyCli(args, { out: (line) => lines.push(line), err: (line) => lines.push(line) });
  return { code, out: lines.join('\n') };
}

async function readDays(dir: string): Promise<string[][]> {
  return Promise.all(DAYS.map((name) => fileLines(join(dir, name))));
}

async function writeDays(dir: string, days: readonly (readonly string[])[]): Promise<void> {
  await Promise.all(days.map((lines, index) => writeLines(join(dir, DAYS[index] as string), lines)));
}

/** What someone without the key can do: re-seal records, renumbered and re-linked, keeping `v: 2` with a SHA-256 as hash. */
function resealWithoutKey(records: AuditRecord[]): string[] {
  let prevHash = GENESIS_HASH;
  return records.map((record, index) => {
    const { hash: _hash, ...body } = { ...record, seq: index + 1, prevHash };
    const text = canonicalJson(body);
    prevHash = sha256Hex(text);
    return `${text.slice(0, -1)},"hash":"${prevHash}"}`;
  });
}

/** …or the same in the old, unkeyed format (no `v`), which any SHA-256 checks; from seq `first`, linked to `prevHash`. */
function resealUnkeyed(records: AuditRecord[], first = 1, linkTo = GENESIS_HASH): string[] {
  let prevHash = linkTo;
  return records.map((record, index) => {
    const { hash: _hash, v: _v, ...body } = { ...record, seq: first + index, prevHash };
    const sealed = sealRecord(body);
    prevHash = sealed.record.hash;
    return sealed.line.trimEnd();
  });
}

/** Splits re-sealed lines back into the two day files, by their time. */
function byDay(lines: string[]): string[][] {
  return DAYS.map((name) => lines.filter((line) => name.includes((JSON.parse(line) as AuditRecord).time.slice(0, 10))));
}

const recordsOf = (days: string[][]): AuditRecord[] => days.flat().map((line) => JSON.parse(line) as AuditRecord);

describe('audit:verify against the attacks of issue #12', () => {
  it('passes the untouched log with the key and the anchors, and says what it checked', async () => {
    const kiosk = freshKiosk();
    const { dir, keyFile } = await anchoredLog(kiosk);
    const result = await verify([dir, '--key', keyFile, '--anchors', stub.url]);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^audit OK: 2 files, 14 records; head seq 14 [0-9a-f]{64}$/m);
    expect(result.out).toContain('14 keyed records against their HMAC');
    expect(result.out).toMatch(/checked: 2 anchors from http:\/\/127\.0\.0\.1:\d+, the latest seq 14 \(2025-03-05, sent /);
  });

  it('re-hash without the key: a failed identity check turned "verified" is refused', async () => {
    const kiosk = freshKiosk();
    const { dir, keyFile } = await anchoredLog(kiosk);
    const records = recordsOf(await readDays(dir));
    records[0] = { ...(records[0] as AuditRecord), event: 'identity.verified', outcome: 'success' };

    await writeDays(dir, byDay(resealWithoutKey(records)));
    expect(await verify([dir, '--key', keyFile])).toMatchObject({ code: 1, out: expect.stringContaining('audit FAILED: hash-mismatch at seq 1') });
    expect(await verify([dir, '--anchors', stub.url])).toMatchObject({ code: 1, out: expect.stringContaining('audit FAILED: anchor-mismatch') });

    // the whole log rewritten in the old unkeyed format: only the anchors know better
    await writeDays(dir, byDay(resealUnkeyed(records)));
    const keyOnly = await verify([dir, '--key', keyFile]);
    expect(keyOnly.code).toBe(0);
    expect(keyOnly.out).toContain('not checked: whether the 14 unkeyed records are genuine');
    expect(await verify([dir, '--key', keyFile, '--anchors', stub.url])).toMatchObject({
      code: 1,
      out: expect.stringContaining('audit FAILED: anchor-mismatch at seq 6'),
    });
  });

  it('re-hash without the key in the old format from a record on: a keyed chain never turns unkeyed', async () => {
    const kiosk = freshKiosk();
    const { dir } = await anchoredLog(kiosk);
    const lines = (await readDays(dir)).flat();
    const records = recordsOf([lines]);
    const changed = { ...(records[8] as AuditRecord), outcome: 'success' as const }; // seq 9
    const tail = resealUnkeyed([changed, ...records.slice(9)], 9, (records[7] as AuditRecord).hash);
    await writeDays(dir, byDay([...lines.slice(0, 8), ...tail]));
    expect(await verify([dir])).toMatchObject({ code: 1, out: expect.stringContaining('audit FAILED: downgraded at seq 9') });
  });

  it('delete a record: refused, renumbered and re-hashed or not', async () => {
    const kiosk = freshKiosk();
    const { dir, keyFile } = await anchoredLog(kiosk);
    const days = await readDays(dir);
    const withoutThird = days.map((lines, index) => (index === 0 ? lines.filter((_, line) => line !== 2) : lines));
    await writeDays(dir, withoutThird);
    expect(await verify([dir])).toMatchObject({ code: 1, out: expect.stringContaining('audit FAILED: missing at seq 3') });

    const records = recordsOf(days).filter((record) => record.seq !== 3);
    await writeDays(dir, byDay(resealWithoutKey(records)));
    expect(await verify([dir, '--key', keyFile])).toMatchObject({ code: 1, out: expect.stringContaining('audit FAILED: hash-mismatch at seq 1') });
    await writeDays(dir, byDay(resealUnkeyed(records)));
    expect(await verify([dir, '--anchors', stub.url])).toMatchObject({ code: 1, out: expect.stringContaining('audit FAILED: anchor-mismatch') });
  });

  it('insert a forged officer sign-in: refused', async () => {
    const kiosk = freshKiosk();
    const { dir, keyFile } = await anchoredLog(kiosk);
    const records = recordsOf(await readDays(dir));
    const template = records[1] as AuditRecord;
    records.splice(2, 0, { ...template, event: 'operator.signed-in', outcome: 'success', operatorId: 'PTG999', subject: undefined } as AuditRecord);
    const forged = resealWithoutKey(records.map((record) => JSON.parse(JSON.stringify(record)) as AuditRecord));
    await writeDays(dir, byDay(forged));
    expect(await verify([dir, '--key', keyFile])).toMatchObject({ code: 1, out: expect.stringContaining('audit FAILED: hash-mismatch at seq 1') });
    await writeDays(dir, byDay(resealUnkeyed(records.map((record) => JSON.parse(JSON.stringify(record)) as AuditRecord))));
    expect(await verify([dir, '--anchors', stub.url])).toMatchObject({ code: 1, out: expect.stringContaining('audit FAILED: anchor-mismatch') });
  });

  it('truncate the tail: caught by the anchors; without them verify says it could not tell', async () => {
    const kiosk = freshKiosk();
    const { dir, keyFile } = await anchoredLog(kiosk);
    const days = await readDays(dir);
    await writeDays(dir, [days[0] as string[], (days[1] as string[]).slice(0, -3)]);
    const keyOnly = await verify([dir, '--key', keyFile]);
    expect(keyOnly.code).toBe(0);
    expect(keyOnly.out).toContain('not checked: what must exist (no --anchors)');
    const anchored = await verify([dir, '--key', keyFile, '--anchors', stub.url]);
    expect(anchored.code).toBe(1);
    expect(anchored.out).toContain('audit FAILED: truncated at seq 12');
    expect(anchored.out).toContain('the log ends at seq 11, but the backend holds anchors up to seq 14');
  });

  it('empty a file: refused with or without anchors', async () => {
    const kiosk = freshKiosk();
    const { dir, keyFile } = await anchoredLog(kiosk);
    await writeFile(join(dir, DAYS[1]), '');
    expect(await verify([dir, '--key', keyFile])).toMatchObject({ code: 1, out: expect.stringContaining(`audit FAILED: empty-file at seq 7 (${DAYS[1]} line 0)`) });
    expect(await verify([dir, '--anchors', stub.url])).toMatchObject({ code: 1, out: expect.stringContaining('audit FAILED: truncated at seq 7') });
    await writeFile(join(dir, DAYS[0]), '');
    expect(await verify([dir])).toMatchObject({ code: 1, out: expect.stringContaining('audit FAILED: empty:') });
  });

  it('delete the folder, or every file in it: not a pass without anchors; with them, what is missing', async () => {
    const kiosk = freshKiosk();
    const { dir, keyFile } = await anchoredLog(kiosk);
    await Promise.all((await readdir(dir)).map((name) => rm(join(dir, name))));
    const emptied = await verify([dir, '--key', keyFile]);
    expect(emptied.code).toBe(1);
    expect(emptied.out).toContain('audit FAILED: empty:');
    expect(emptied.out).toContain('without anchors nothing says what should be there');
    await rm(dir, { recursive: true });
    const deleted = await verify([dir]);
    expect(deleted).toMatchObject({ code: 1, out: expect.stringContaining('does not exist (deleted?)') });
    // the folder names no kiosk any more: the supervisor says which
    expect((await verify([dir, '--anchors', stub.url])).code).toBe(2);
    const anchored = await verify([dir, '--anchors', stub.url, '--kiosk', kiosk]);
    expect(anchored.code).toBe(1);
    expect(anchored.out).toMatch(
      /^audit FAILED: truncated: the folder does not exist, but the backend holds anchors up to seq 14 \(2025-03-05, sent [^)]+\): records 1–14 at least were removed$/m,
    );
  });

  it('asks the backend as the kiosk, with its key: without the key file it says so; with another kiosk\'s key the backend refuses', async () => {
    const kiosk = freshKiosk();
    const { dir, keyFile } = await anchoredLog(kiosk);
    const noKey = await verify([dir, '--key', keyFile, '--anchors', stub.url, '--kiosk-key', join(dir, '..', 'missing.key')]);
    expect(noKey).toMatchObject({ code: 2, out: expect.stringContaining('kioskKeyFile: cannot read') });
    const foreign = join(dir, '..', 'foreign.key');
    await writeFile(foreign, testKioskKey('KIOSK-ATTACK-40'), { mode: 0o600 });
    const refused = await verify([dir, '--key', keyFile, '--anchors', stub.url, '--kiosk-key', foreign]);
    expect(refused).toMatchObject({ code: 2, out: expect.stringContaining('401') });
    const { runVerifyCli } = await import('../../../../src-main/audit/cli/verify');
    const lines: string[] = [];
    expect(await runVerifyCli([dir, '--anchors', stub.url], { out: (l) => lines.push(l), err: (l) => lines.push(l) })).toBe(2);
    expect(lines.join('\n')).toContain('give --kiosk-key FILE');
  });

  it('reads anchors from a file holding the backend\'s answer as well', async () => {
    const kiosk = freshKiosk();
    const { dir, keyFile } = await anchoredLog(kiosk);
    const answer = await (await fetch(`${stub.url}/v1/audit/anchors`, { headers: kioskHeaders(kiosk) })).json();
    const anchorFile = join(await tempRoot(), 'anchors.json');
    await writeFile(anchorFile, JSON.stringify(answer));
    expect((await verify([dir, '--key', keyFile, '--anchors', anchorFile])).code).toBe(0);
    const days = await readDays(dir);
    await writeDays(dir, [days[0] as string[], (days[1] as string[]).slice(0, -1)]);
    expect(await verify([dir, '--anchors', anchorFile])).toMatchObject({ code: 1, out: expect.stringContaining('audit FAILED: truncated at seq 14') });
    await writeFile(anchorFile, '{"anchors":[{"day":"yesterday"}]}');
    expect((await verify([dir, '--anchors', anchorFile])).code).toBe(2);
  });
});
