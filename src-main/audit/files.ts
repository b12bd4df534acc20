/**
 * The daily files: `audit-YYYY-MM-DD.jsonl`, one per UTC day. Names sort in
 * chain order, so "the files in order" is "the names, sorted". Readers
 * (verify, CSV export) go through a file's lines with `readLines`.
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { readdir } from 'node:fs/promises';

const AUDIT_FILE = /^audit-(\d{4}-\d{2}-\d{2})\.jsonl$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const NEWLINE = 0x0a;

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

export interface LineVisitor {
  /** A complete line: `bytes[start, end)`, without its `\n`; `lineNo` counts from 1. Return false to stop. */
  line(bytes: Buffer, start: number, end: number, lineNo: number): boolean;
  /** The bytes after the last `\n`, if any: a torn line (an interrupted write). */
  torn(bytes: Buffer, start: number, end: number, lineNo: number): void;
}

/**
 * Reads an audit file whole and hands its lines to `visitor` in order; false
 * if the visitor stopped early. A file is one UTC day, so memory is bounded
 * by a day's log. The read is synchronous: a day is a few MB at most, read in
 * about a millisecond (checking its lines takes far longer), and without the
 * thread-pool round trips of `readFile` verify is ≈8% faster (docs/bench.md,
 * "Audit"). With `reader`, the file is read into its reused buffer.
 */
export function readLines(path: string, visitor: LineVisitor, reader?: FileReader): boolean {
  const bytes = reader === undefined ? readFileSync(path) : reader.read(path);
  let start = 0;
  let lineNo = 0;
  for (let end = bytes.indexOf(NEWLINE); end !== -1; end = bytes.indexOf(NEWLINE, start)) {
    lineNo += 1;
    if (!visitor.line(bytes, start, end, lineNo)) return false;
    start = end + 1;
  }
  if (start < bytes.length) visitor.torn(bytes, start, bytes.length, lineNo + 1);
  return true;
}

/**
 * Reads files whole into one buffer, reused from file to file: reading many
 * days leaves no multi-MB buffer per day for the garbage collector. The
 * bytes `read` returns are valid until its next call.
 */
export class FileReader {
  private buffer = Buffer.alloc(0);

  read(path: string): Buffer {
    const fd = openSync(path, 'r');
    try {
      const { size } = fstatSync(fd);
      if (this.buffer.length < size) this.buffer = Buffer.allocUnsafe(Math.max(size, this.buffer.length * 2));
      let filled = 0;
      while (filled < size) {
        const bytesRead = readSync(fd, this.buffer, filled, size - filled, filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      return this.buffer.subarray(0, filled);
    } finally {
      closeSync(fd);
    }
  }
}
