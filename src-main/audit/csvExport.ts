/**
 * Supervisor export: the records of a range of days as CSV, for the CLI
 * (`npm run audit:export`) and, later, a supervisor screen.
 *
 * A day is a file: the range covers `audit-<from>.jsonl` … `audit-<to>.jsonl`
 * (each file holds the events of its UTC day). Every exported line is read
 * strictly (JSON, shape, hash), and a line that fails stops the export with
 * an error naming it — a supervisor never gets a tampered row looking
 * genuine. A keyed record's hash is an HMAC: it is checked only when the
 * audit `key` is given, otherwise only its form is. The chain across lines
 * is not checked here: run verify for that.
 * A torn last line (an interrupted, unacknowledged write) is skipped.
 *
 * CSV per RFC 4180 (csv-stringify): CRLF line ends; a cell with a comma,
 * quote, CR or LF is quoted and its quotes doubled. Formula-injection guard:
 * a text cell starting with `=`, `+`, `-`, `@`, tab or CR (or a full-width
 * `＝＋－＠`) gets a leading `'` so spreadsheets show it instead of
 * evaluating it; numbers are written as they are.
 */
import { join } from 'node:path';
import { stringify, type Options } from 'csv-stringify/sync';
import { dayOfAuditFile, isDay, listAuditFiles, readLines } from './files';
import { deriveChainKey } from './chainKey';
import { formatKioskTime, type KioskTimeZone } from '../../src-shared/kioskTime';
import { canonicalJson, parseRecordLine, RECORD_FIELDS, type AuditRecord } from './record';

/** The CSV has one column per record field, in the record's reading order. */
export const CSV_COLUMNS = RECORD_FIELDS;

export type CsvValue = string | number | boolean | undefined;

const CSV_OPTIONS: Options = {
  record_delimiter: 'windows',
  // also quote a lone CR or LF (csv-stringify stops doing so once record_delimiter is set)
  quote_record_delimiter: true,
  escape_formulas: true,
  // `true`/`false`, not csv-stringify's default `1`/empty
  cast: { boolean: (value) => String(value) },
};

/** Rows as CSV text, each CRLF-terminated; `undefined` is an empty cell. */
export function csvText(rows: readonly (readonly CsvValue[])[]): string {
  return stringify(rows as unknown[], CSV_OPTIONS);
}

/** A line that could not be exported. */
export class AuditExportError extends Error {
  override readonly name = 'AuditExportError';
}

/** The CSV (header + one row per record) of the days `from`…`to` (`YYYY-MM-DD`, inclusive). */
export async function exportCsv(dir: string, from: string, to: string, key?: Buffer): Promise<string> {
  return recordsToCsv(await collectRecords(dir, from, to, key));
}

/**
 * The records of the days `from`…`to`, in chain order; with the audit `key`,
 * keyed records are checked against their HMAC. Throws RangeError for a bad range.
 */
export async function collectRecords(dir: string, from: string, to: string, key?: Buffer): Promise<AuditRecord[]> {
  if (!isDay(from) || !isDay(to)) throw new RangeError('dates must be YYYY-MM-DD');
  if (from > to) throw new RangeError('--from is after --to');
  const files = (await listAuditFiles(dir)).filter((name) => {
    const day = dayOfAuditFile(name) as string;
    return day >= from && day <= to;
  });
  const chainKey = key === undefined ? undefined : deriveChainKey(key);
  const records: AuditRecord[] = [];
  for (const file of files) {
    readLines(join(dir, file), {
      line(bytes, start, end, line) {
        const parsed = parseRecordLine(bytes.toString('utf8', start, end), chainKey);
        if (!parsed.ok) throw new AuditExportError(`${file} line ${line}: ${parsed.message} (run audit:verify)`);
        records.push(parsed.record);
        return true;
      },
      torn() {
        // an unacknowledged, interrupted write: not a record
      },
    });
  }
  return records;
}

/**
 * Header plus one row per record. `time` is the record's own (ISO, UTC), or,
 * with the kiosk's `timeZone` (the officer's export), `dd/MM/yyyy HH.mm.ss`
 * in that zone with the zone named in the cell (`WIB`, `WITA`, `WIT`).
 */
export function recordsToCsv(records: readonly AuditRecord[], timeZone?: KioskTimeZone): string {
  return csvText([
    CSV_COLUMNS,
    ...records.map((record) => [
      record.seq,
      timeZone === undefined ? record.time : formatKioskTime(Date.parse(record.time), timeZone),
      record.kioskId,
      record.operatorId,
      record.sessionId,
      record.event,
      record.outcome,
      record.subject,
      record.detail === undefined ? undefined : canonicalJson(record.detail),
      record.prevHash,
      record.hash,
    ]),
  ]);
}
