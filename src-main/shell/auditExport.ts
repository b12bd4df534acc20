import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AuditExportView } from '../../src-shared/contract';
import { collectRecords, recordsToCsv } from '../audit/csvExport';

/**
 * The supervisor's export: the audit log of a UTC day range, verified as it
 * is read, written as CSV into `<dataDir>/exports/` (owner-only), where
 * device management or a supervisor collects it. A kiosk opens no file dialog.
 */
export function createAuditExporter(auditDir: string, exportDir: string) {
  return async (from: string, to: string): Promise<AuditExportView> => {
    const rows = await collectRecords(auditDir, from, to);
    const csv = recordsToCsv(rows);
    await mkdir(exportDir, { recursive: true, mode: 0o700 });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const path = join(exportDir, `audit-${from}_${to}-${stamp}.csv`);
    await writeFile(path, csv, { mode: 0o600, flag: 'wx' });
    return { path, records: rows.length };
  };
}
