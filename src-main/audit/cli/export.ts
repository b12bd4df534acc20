/**
 * `npm run audit:export -- <folder> --from YYYY-MM-DD --to YYYY-MM-DD [--out file.csv] [--key FILE]`
 *
 * Writes the CSV of the days in range to `--out` (then prints a one-line
 * summary) or to stdout. With `--key` (the kiosk's audit key file) keyed
 * records are checked against their HMAC as they are exported. Exit code 0 done, 1 a line could not be exported,
 * 2 usage error.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { AuditExportError, collectRecords, recordsToCsv } from '../csvExport';
import { isMain } from './isMain';
import type { CliOutput } from './verify';

const USAGE = 'usage: npm run audit:export -- <folder> --from YYYY-MM-DD --to YYYY-MM-DD [--out file.csv] [--key FILE]';

/** Runs the command; resolves to the exit code. `write` receives the CSV when there is no --out. */
export async function runExportCli(args: string[], output: CliOutput & { write(csv: string): void }): Promise<number> {
  let folder: string;
  let from: string;
  let to: string;
  let out: string | undefined;
  let key: Buffer | undefined;
  try {
    const { values, positionals } = parseArgs({
      args,
      options: { from: { type: 'string' }, to: { type: 'string' }, out: { type: 'string' }, key: { type: 'string' } },
      allowPositionals: true,
    });
    if (positionals.length !== 1) throw new Error('give exactly one folder');
    if (values.from === undefined || values.to === undefined) throw new Error('--from and --to are required');
    folder = positionals[0] as string;
    ({ from, to, out } = values as { from: string; to: string; out?: string });
    if (!(await stat(folder)).isDirectory()) throw new Error(`${folder} is not a folder`);
    if (values.key !== undefined) key = await readFile(values.key);
  } catch (error) {
    output.err(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  try {
    const records = await collectRecords(folder, from, to, key);
    const csv = recordsToCsv(records);
    if (out === undefined) {
      output.write(csv);
    } else {
      await writeFile(out, csv, { mode: 0o640 });
      output.out(`exported ${records.length} records (${from} to ${to}) to ${out}`);
    }
    return 0;
  } catch (error) {
    if (error instanceof RangeError) {
      output.err(`${error.message}\n${USAGE}`);
      return 2;
    }
    if (error instanceof AuditExportError) {
      output.err(`export failed: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

if (isMain(import.meta.url)) {
  process.exitCode = await runExportCli(process.argv.slice(2), {
    out: (line) => console.log(line),
    err: (line) => console.error(line),
    write: (csv) => process.stdout.write(csv),
  });
}
