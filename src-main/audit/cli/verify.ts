/**
 * `npm run audit:verify -- <folder> [--strict]`
 *
 * Prints one line: the pass summary, or the first problem with its seq, file
 * and line. Exit code 0 pass, 1 problem found, 2 usage error (bad arguments,
 * folder missing or unreadable).
 */
import { stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { verifyAuditDir } from '../verify';
import { isMain } from './isMain';

const USAGE = 'usage: npm run audit:verify -- <folder> [--strict]';

export interface CliOutput {
  out(line: string): void;
  err(line: string): void;
}

/** Runs the command; resolves to the exit code. */
export async function runVerifyCli(args: string[], output: CliOutput): Promise<number> {
  let folder: string;
  let strict: boolean;
  try {
    const { values, positionals } = parseArgs({ args, options: { strict: { type: 'boolean' } }, allowPositionals: true });
    if (positionals.length !== 1) throw new Error('give exactly one folder');
    folder = positionals[0] as string;
    strict = values.strict === true;
  } catch (error) {
    output.err(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  try {
    if (!(await stat(folder)).isDirectory()) throw new Error('not a folder');
  } catch (error) {
    output.err(`cannot read ${folder}: ${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  const result = await verifyAuditDir(folder, { strict });
  if (result.ok) {
    output.out(`audit OK: ${result.files} files, ${result.records} records; head seq ${result.head.seq} ${result.head.hash}`);
    return 0;
  }
  output.out(
    `audit FAILED: ${result.reason} at seq ${result.firstBadSeq} (${result.file} line ${result.line}): ${result.message}`,
  );
  return 1;
}

if (isMain(import.meta.url)) {
  process.exitCode = await runVerifyCli(process.argv.slice(2), {
    out: (line) => console.log(line),
    err: (line) => console.error(line),
  });
}
