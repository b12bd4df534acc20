/**
 * Naming of the daily files: `audit-YYYY-MM-DD.jsonl`, one per UTC day. Names
 * sort in chain order, so "the files in order" is "the names, sorted".
 */
import { readdir } from 'node:fs/promises';

const AUDIT_FILE = /^audit-(\d{4}-\d{2}-\d{2})\.jsonl$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The UTC day (`YYYY-MM-DD`) of an instant. */
export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** True for a well-formed `YYYY-MM-DD` that is a real calendar date. */
export function isDay(text: string): boolean {
  return DAY.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) && utcDay(new Date(`${text}T00:00:00Z`)) === text;
}

/** `audit-2025-01-02.jsonl` for `2025-01-02`. */
export function auditFileName(day: string): string {
  return `audit-${day}.jsonl`;
}

/** The day of an audit file name, or undefined for any other file. */
export function dayOfAuditFile(name: string): string | undefined {
  return AUDIT_FILE.exec(name)?.[1];
}

/** The audit files of `dir` in chain order. */
export async function listAuditFiles(dir: string, list: (dir: string) => Promise<string[]> = readdir): Promise<string[]> {
  const names = await list(dir);
  return names.filter((name) => dayOfAuditFile(name) !== undefined).sort();
}
