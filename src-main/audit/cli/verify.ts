/**
 * `npm run audit:verify -- <folder> [--key FILE] [--anchors FILE|URL] [--kiosk ID] [--kiosk-key FILE] [--strict]`
 *
 * Prints the pass summary, or the first problem with its seq, file and line,
 * then what was checked and what could not be: keyed records' contents need
 * the kiosk's audit key (`--key`, its key file), a cut-off tail or a deleted
 * folder needs the anchors the kiosk sent (`--anchors`: the backend's URL,
 * asked as `--kiosk` or the log's own kiosk id with that kiosk's key file
 * `--kiosk-key`, or a file of its answer).
 * Exit code 0 pass, 1 problem found (an empty or missing folder is one),
 * 2 usage error (bad arguments, unreadable folder, key or anchors).
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { AnchorSourceError, readAnchors } from '../anchorSource';
import type { AuditAnchor } from '../anchors';
import { errnoCode } from '../errors';
import { listAuditFiles } from '../files';
import { verifyAuditDir, type VerifyResult } from '../verify';
import { isMain } from './isMain';
import { readPlainKioskKey } from '../../shell/kioskKey';

const USAGE = 'usage: npm run audit:verify -- <folder> [--key FILE] [--anchors FILE|URL] [--kiosk ID] [--kiosk-key FILE] [--strict]';
/** The audit key's length (keys.ts); a shorter file is not one. */
const MIN_KEY_BYTES = 16;

export interface CliOutput {
  out(line: string): void;
  err(line: string): void;
}

interface VerifyArgs {
  folder: string;
  strict: boolean;
  key?: Buffer;
  anchorSource?: string;
  kioskId?: string;
  kioskKey?: string;
}

class UsageError extends Error {}

/** Runs the command; resolves to the exit code. */
export async function runVerifyCli(args: string[], output: CliOutput): Promise<number> {
  let parsed: VerifyArgs;
  let anchors: AuditAnchor[] | undefined;
  try {
    parsed = await parseVerifyArgs(args);
    if (parsed.anchorSource !== undefined) {
      anchors = await readAnchors(parsed.anchorSource, parsed.kioskId ?? (await kioskIdOfLog(parsed.folder)), parsed.kioskKey);
    }
  } catch (error) {
    if (!(error instanceof UsageError || error instanceof AnchorSourceError)) throw error;
    output.err(`${error.message}\n${USAGE}`);
    return 2;
  }
  let result: VerifyResult;
  try {
    result = await verifyAuditDir(parsed.folder, {
      strict: parsed.strict,
      ...(parsed.key ? { key: parsed.key } : {}),
      ...(anchors ? { anchors } : {}),
    });
  } catch (error) {
    output.err(`cannot read ${parsed.folder}: ${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  if (result.ok) {
    output.out(`audit OK: ${result.files} files, ${result.records} records; head seq ${result.head.seq} ${result.head.hash}`);
  } else if (result.file === '') {
    output.out(`audit FAILED: ${result.reason}: ${result.message}`);
  } else {
    output.out(`audit FAILED: ${result.reason} at seq ${result.firstBadSeq} (${result.file} line ${result.line}): ${result.message}`);
  }
  for (const line of coverageLines(result, parsed.anchorSource)) output.out(line);
  return result.ok ? 0 : 1;
}

async function parseVerifyArgs(args: string[]): Promise<VerifyArgs> {
  let values: { strict?: boolean; key?: string; anchors?: string; kiosk?: string; 'kiosk-key'?: string };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args,
      options: {
        strict: { type: 'boolean' },
        key: { type: 'string' },
        anchors: { type: 'string' },
        kiosk: { type: 'string' },
        'kiosk-key': { type: 'string' },
      },
      allowPositionals: true,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (positionals.length !== 1) throw new UsageError('give exactly one folder');
  const folder = positionals[0] as string;
  try {
    if (!(await stat(folder)).isDirectory()) throw new UsageError(`${folder} is not a folder`);
  } catch (error) {
    // A missing folder is a finding (deleted?), reported by the verification itself.
    if (error instanceof UsageError) throw error;
    if (errnoCode(error) !== 'ENOENT') throw new UsageError(`cannot read ${folder}: ${(error as Error).message}`);
  }
  let key: Buffer | undefined;
  if (values.key !== undefined) {
    try {
      key = await readFile(values.key);
    } catch (error) {
      throw new UsageError(`cannot read the key file ${values.key}: ${(error as Error).message}`);
    }
    if (key.length < MIN_KEY_BYTES) throw new UsageError(`${values.key} holds ${key.length} bytes: not an audit key (keys/audit-subject.key)`);
  }
  let kioskKey: string | undefined;
  if (values['kiosk-key'] !== undefined) {
    try {
      kioskKey = await readPlainKioskKey(values['kiosk-key']);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  }
  return {
    folder,
    strict: values.strict === true,
    ...(kioskKey ? { kioskKey } : {}),
    ...(key ? { key } : {}),
    ...(values.anchors !== undefined ? { anchorSource: values.anchors } : {}),
    ...(values.kiosk !== undefined ? { kioskId: values.kiosk } : {}),
  };
}

/** The kiosk id of the log's first record, if there is one. */
async function kioskIdOfLog(folder: string): Promise<string | undefined> {
  let files: string[];
  try {
    files = await listAuditFiles(folder);
  } catch {
    return undefined;
  }
  for (const file of files) {
    const first = (await readFile(join(folder, file), 'utf8')).split('\n', 1)[0] ?? '';
    try {
      const { kioskId } = JSON.parse(first) as { kioskId?: unknown };
      if (typeof kioskId === 'string' && kioskId !== '') return kioskId;
    } catch {
      // not a record: the next file may hold one
    }
  }
  return undefined;
}

/** What the verification covered, and what it could not, in a supervisor's words. */
function coverageLines(result: VerifyResult, anchorSource: string | undefined): string[] {
  const checked = ['order and links of every record read'];
  const notChecked: string[] = [];
  if (result.unkeyedRecords > 0) checked.push(`${result.unkeyedRecords} unkeyed records (written before keying) against their SHA-256`);
  if (result.keyedRecords > 0) {
    if (result.macsChecked) checked.push(`${result.keyedRecords} keyed records against their HMAC`);
    else {
      notChecked.push(
        `the content of ${result.keyedRecords} keyed records (no --key): a record changed with its hash left as it was goes unnoticed`,
      );
    }
  }
  const lines = [`checked: ${checked.join('; ')}`];
  if (result.unkeyedRecords > 0 && result.latestAnchor === undefined) {
    notChecked.push(
      `whether the ${result.unkeyedRecords} unkeyed records are genuine: anyone can re-hash records in the old format, only anchors vouch for them`,
    );
  }
  if (result.latestAnchor !== undefined) {
    const { seq, day, at } = result.latestAnchor;
    lines.push(`checked: ${result.anchorsChecked} anchors from ${anchorSource ?? 'the backend'}, the latest seq ${seq} (${day}, sent ${at})`);
    notChecked.push(`records after seq ${seq}, the latest anchor: ones cut off after it go unnoticed`);
  } else if (anchorSource !== undefined) {
    lines.push(`checked: anchors from ${anchorSource}: there are none for this kiosk`);
    notChecked.push('what must exist: the backend holds no anchor, so records cut off the end or a rewritten log go unnoticed');
  } else {
    notChecked.push('what must exist (no --anchors): records cut off the end, or a log rewritten from the start, go unnoticed');
  }
  return [...lines, ...notChecked.map((line) => `not checked: ${line}`)];
}

if (isMain(import.meta.url)) {
  process.exitCode = await runVerifyCli(process.argv.slice(2), {
    out: (line) => console.log(line),
    err: (line) => console.error(line),
  });
}
