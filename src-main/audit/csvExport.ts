/**
 * Supervisor export: the records of a range of days as CSV, for the CLI
 * (`npm run audit:export`) and, later, a supervisor screen.
 *
 * A day is a file: the range covers `audit-<from>.jsonl` … `audit-<to>.jsonl`
 * (each file holds the events of its UTC day). Every exported line is read
 * strictly (JSON, shape, hash), and a line that fails stops the export with
 * an error naming it — a supervisor never gets a tampered row looking
 * genuine. The chain across lines is not checked here: run verify for that.
 * A torn last line (an interrupted, unacknowledged write) is skipped.
 */
import { join } from 'node:path';
import { canonicalJson } from './canonicalJson';
import { csvRow } from './csv';
import { dayOfAuditFile, isDay, listAuditFiles, readLines } from './files';
import { parseRecordLine, RECORD_FIELDS, type AuditRecord } from './record';

/** The CSV has one column per record field, in the record's reading order. */
export const CSV_COLUMNS = RECORD_FIELDS;

/** A line that could not be exported. */
export class AuditExportError extends Error {
  override readonly name = 'AuditExportError';
}

/** The CSV (header + one row per record) of the days `from`…`to` (`YYYY-MM-DD`, inclusive). */
export async function exportCsv(dir: string, from: string, to: string): Promise<string> {
  return recordsToCsv(await collectRecords(dir, from, to));
}

/** The records of the days `from`…`to`, in chain order. Throws RangeError for a bad range. */
export async function collectRecords(dir: string, from: string, to: string): Promise<AuditRecord[]> {
  if (!isDay(from) || !isDay(to)) throw new RangeError('dates must be YYYY-MM-DD');
  if (from > to) throw new RangeError('--from is after --to');
  const files = (await listAuditFiles(dir)).filter((name) => {
    const day = dayOfAuditFile(name) as string;
    return day >= from && day <= to;
  });
  const records: AuditRecord[] = [];
  for (const file of files) {
    readLines(join(dir, file), {
      line(bytes, start, end, line) {
        const parsed = parseRecordLine(bytes.toString('utf8', start, end));
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

/** Header plus one row per record. */
export function recordsToCsv(records: readonly AuditRecord[]): string {
  const rows = [csvRow(CSV_COLUMNS)];
  for (const record of records) {
    rows.push(
      csvRow([
        record.seq,
        record.time,
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
    );
  }
  return rows.join('');
}
