/**
 * Reading the end of a log file at open: where the last complete line ends
 * (anything after it is a torn write) and which record the chain continues
 * from. Reads backwards in blocks, so opening does not depend on file size.
 */
import type { AuditFileHandle } from './auditFs';
import { parseJsonObject } from '../../src-shared/json';

const BLOCK_SIZE = 64 * 1024;
const NEWLINE = 0x0a;
const HEX64 = /^[0-9a-f]{64}$/;

export interface ChainLink {
  seq: number;
  hash: string;
}

/** A chain link as read from a file's tail, with the record's format. */
export interface TailLink extends ChainLink {
  /** `v: 2`: the chain is keyed from here on. */
  keyed: boolean;
}

export interface FileTail {
  /** Bytes up to and including the last `\n`; the rest is a torn line. */
  completeLength: number;
  /** The last complete line that holds a seq and a hash, if any. */
  last: TailLink | undefined;
}

/**
 * Finds the torn tail and the last usable record of a file of `size` bytes.
 * A complete line whose hash does not verify still counts as the chain's
 * last record (its successor links to it); `verifyAuditDir` reports it.
 */
export async function readFileTail(handle: AuditFileHandle, size: number): Promise<FileTail> {
  const reader = new BackwardReader(handle, size);
  const completeLength = await reader.skipToLastNewline();
  let line = await reader.previousLine();
  while (line !== undefined) {
    const link = chainLinkOf(line.toString('utf8'));
    if (link !== undefined) return { completeLength, last: link };
    line = await reader.previousLine();
  }
  return { completeLength, last: undefined };
}

function chainLinkOf(text: string): TailLink | undefined {
  const value = parseJsonObject(text);
  if (value === undefined) return undefined;
  const { seq, hash, v } = value as { seq?: unknown; hash?: unknown; v?: unknown };
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1) return undefined;
  return typeof hash === 'string' && HEX64.test(hash) ? { seq, hash, keyed: v !== undefined } : undefined;
}

/** Hands out the lines of a file from the end, one block read at a time. */
class BackwardReader {
  /** File bytes [windowStart, end) held in memory. */
  private window: Buffer = Buffer.alloc(0);
  private windowStart: number;
  /** Lines at or after this offset have been handed out. */
  private end: number;

  constructor(
    private readonly handle: AuditFileHandle,
    size: number,
  ) {
    this.windowStart = size;
    this.end = size;
  }

  /** Moves the end to just after the last `\n`, returning that length (0 if none). */
  async skipToLastNewline(): Promise<number> {
    for (;;) {
      const index = this.window.lastIndexOf(NEWLINE, this.end - this.windowStart - 1);
      if (index !== -1) {
        this.end = this.windowStart + index + 1;
        return this.end;
      }
      if (!(await this.readBlockBefore())) {
        this.end = 0;
        return 0;
      }
    }
  }

  /** The complete line before the current end (without its `\n`), or undefined at the start. */
  async previousLine(): Promise<Buffer | undefined> {
    if (this.end === 0) return undefined;
    const lineEnd = this.end - 1; // the `\n`
    for (;;) {
      const relativeEnd = lineEnd - this.windowStart;
      const index = relativeEnd > 0 ? this.window.lastIndexOf(NEWLINE, relativeEnd - 1) : -1;
      if (index !== -1) {
        const line = this.window.subarray(index + 1, relativeEnd);
        this.end = this.windowStart + index + 1;
        return line;
      }
      if (!(await this.readBlockBefore())) {
        const line = this.window.subarray(0, lineEnd - this.windowStart);
        this.end = 0;
        return line;
      }
    }
  }

  private async readBlockBefore(): Promise<boolean> {
    if (this.windowStart === 0) return false;
    const start = Math.max(0, this.windowStart - BLOCK_SIZE);
    const block = Buffer.alloc(this.windowStart - start);
    let filled = 0;
    while (filled < block.length) {
      const { bytesRead } = await this.handle.read(block, filled, block.length - filled, start + filled);
      if (bytesRead === 0) throw new Error('audit file shrank while it was being read');
      filled += bytesRead;
    }
    this.window = Buffer.concat([block, this.window.subarray(0, this.end - this.windowStart)]);
    this.windowStart = start;
    return true;
  }
}
