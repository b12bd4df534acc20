import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendSamples, fakeClock, fileLines, openTestLog, tempRoot, TEST_KEY, writeLines } from './helpers';

const REPO = resolve(import.meta.dirname, '../../../..');
const VERIFY = join(REPO, 'src-main/audit/cli/verify.ts');
const EXPORT = join(REPO, 'src-main/audit/cli/export.ts');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[]): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

const tsx = (script: string, args: string[]): Promise<Run> => run(process.execPath, ['--import', 'tsx', script, ...args]);

async function twoDayLog(): Promise<string> {
  const dir = join(await tempRoot(), 'audit');
  const clock = fakeClock('2025-03-04T23:59:57.000Z');
  const log = await openTestLog(dir, { now: clock.now });
  await appendSamples(log, 6, clock); // 3 on 2025-03-04, 3 on 2025-03-05
  await log.append({ event: 'session.wiped', outcome: 'info', subject: '=cmd|"/C calc"!A0***' });
  await log.close();
  return dir;
}

/** The test log's audit key in a file, as `keys/audit-subject.key` holds it. */
async function keyFile(): Promise<string> {
  const path = join(await tempRoot(), 'audit-subject.key');
  await writeFile(path, TEST_KEY, { mode: 0o600 });
  return path;
}

describe('audit CLIs', () => {
  it('verify: exit 0, the summary and what was and was not checked, for a good folder (through npm run audit:verify)', async () => {
    const dir = await twoDayLog();
    const result = await run('npm', ['run', '--silent', 'audit:verify', '--', dir, '--key', await keyFile()]);
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(/^audit OK: 2 files, 7 records; head seq 7 [0-9a-f]{64}$/),
      'checked: order and links of every record read; 7 keyed records against their HMAC',
      'not checked: what must exist (no --anchors): records cut off the end, or a log rewritten from the start, go unnoticed',
    ]);
  });

  it('verify: exit 1 naming the seq, file and line of a tampered record; without the key it says the content went unchecked', async () => {
    const dir = await twoDayLog();
    const file = join(dir, 'audit-2025-03-05.jsonl');
    const lines = await fileLines(file);
    lines[1] = (lines[1] as string).replace('"outcome":"success"', '"outcome":"info"'); // seq 5
    await writeLines(file, lines);
    const result = await tsx(VERIFY, [dir, '--key', await keyFile()]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('audit FAILED: hash-mismatch at seq 5 (audit-2025-03-05.jsonl line 2)');
    const keyless = await tsx(VERIFY, [dir]);
    expect(keyless.code).toBe(0);
    expect(keyless.stdout).toContain('not checked: the content of 7 keyed records (no --key)');
  });

  it('verify: exit 1 for a missing folder (deleted?), exit 2 for usage errors', async () => {
    const nowhere = join(await tempRoot(), 'nope');
    const short = join(await tempRoot(), 'short.key');
    await writeFile(short, 'abc');
    const [none, missing, two, badKey] = await Promise.all([
      tsx(VERIFY, []),
      tsx(VERIFY, [nowhere]),
      tsx(VERIFY, [nowhere, nowhere]),
      tsx(VERIFY, [await twoDayLog(), '--key', short]),
    ]);
    expect([none.code, missing.code, two.code, badKey.code]).toEqual([2, 1, 2, 2]);
    expect(none.stderr).toContain('usage:');
    expect(missing.stdout).toContain(`audit FAILED: empty: ${nowhere} does not exist (deleted?)`);
    expect(badKey.stderr).toContain('not an audit key');
  });

  it('export: writes the CSV of the date range to --out, formula cells guarded', async () => {
    const dir = await twoDayLog();
    const out = join(await tempRoot(), 'export.csv');
    const result = await tsx(EXPORT, [dir, '--from', '2025-03-05', '--to', '2025-03-05', '--out', out]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('exported 4 records');
    const rows = (await readFile(out, 'utf8')).split('\r\n');
    expect(rows.pop()).toBe('');
    expect(rows[0]).toBe('seq,time,kioskId,operatorId,sessionId,event,outcome,subject,detail,prevHash,hash');
    expect(rows.slice(1).map((row) => row.split(',')[0])).toEqual(['4', '5', '6', '7']);
    expect(rows[4]).toContain(`,"'=cmd|""/C calc""!A0***",`);
  });

  it('export: CSV to stdout without --out; exit 2 on a bad range', async () => {
    const dir = await twoDayLog();
    const [result, backwards, noRange] = await Promise.all([
      tsx(EXPORT, [dir, '--from', '2025-03-04', '--to', '2025-03-04']),
      tsx(EXPORT, [dir, '--from', '2025-03-05', '--to', '2025-03-04']),
      tsx(EXPORT, [dir]),
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\r\n').slice(1, -1).map((row) => row.split(',')[0])).toEqual(['1', '2', '3']);
    expect([backwards.code, noRange.code]).toEqual([2, 2]);
  });
});
