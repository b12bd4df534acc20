import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AuditExportView } from '../../src-shared/contract';
import { instantsOfLocalDays, type KioskTimeZone } from '../../src-shared/kioskTime';
import { collectRecords, recordsToCsv } from '../audit/csvExport';


/**
 * The supervisor's export: the audit log of a range of the kiosk's own days
 * (its `timeZone`: WIB, WITA or WIT), verified as it is read, written as CSV
 * with the kiosk's local times into `<dataDir>/exports/` (owner-only), where
 * device management or a supervisor collects it. A kiosk opens no file
 * dialog. The log's files are UTC days, so a local day is read from the UTC
 * day before it too (Indonesia is ahead of UTC) and cut at local midnight.
 */
export function createAuditExporter(auditDir: string, exportDir: string, timeZone: KioskTimeZone) {
  return async (from: string, to: string): Promise<AuditExportView> => {
    const { start, end } = instantsOfLocalDays(from, to, timeZone);
    const utcDay = (at: number) => new Date(at).toISOString().slice(0, 10);
    const rows = (await collectRecords(auditDir, utcDay(start), utcDay(end - 1))).filter((record) => {
      const at = Date.parse(record.time);
      return at >= start && at < end;
    });
    const csv = recordsToCsv(rows, timeZone);
    await mkdir(exportDir, { recursive: true, mode: 0o700 });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const path = join(exportDir, `audit-${from}_${to}-${stamp}.csv`);
    await writeFile(path, csv, { mode: 0o600, flag: 'wx' });
    return { path, records: rows.length };
  };
}

