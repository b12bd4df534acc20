/**
 * Checks a log folder end to end: every file in order, every line, the chain
 * from the genesis hash to the last record. Names the first problem by seq,
 * file and line (see chainCheck.ts for what each reason means).
 *
 * What a local check cannot see: the newest records being cut off or the
 * whole tail being rewritten with recomputed hashes. That is what sending
 * each day's chain head off the machine is for (DESIGN.md §6a): compare
 * `head` with it.
 */
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { ChainChecker, type ChainFailure, type ChainProblem } from './chainCheck';
import { listAuditFiles } from './files';
import { FastLineDecoder } from './lineDecode';
import { scanFiles } from './lineScanner';
import { GENESIS_HASH, looseSeq, parseRecordLine } from './record';
import type { ChainLink } from './tail';

export type VerifyReason = ChainProblem;

export type VerifyResult =
  | { ok: true; files: number; records: number; head: ChainLink }
  | {
      ok: false;
      firstBadSeq: number;
      file: string;
      line: number;
      reason: VerifyReason;
      message: string;
      files: number;
      records: number;
    };

export interface VerifyOptions {
  /** Parse and re-canonicalise every line, not only the last (see lineDecode.ts). Slower. */
  strict?: boolean;
}

interface HeadPosition {
  path: string;
  file: string;
  line: number;
  offset: number;
  length: number;
  seq: number;
  hash: string;
}

/** Verifies the `audit-*.jsonl` files of `dir`. Rejects only if the folder cannot be read. */
export async function verifyAuditDir(dir: string, options: VerifyOptions = {}): Promise<VerifyResult> {
  const files = await listAuditFiles(dir);
  const checker = new ChainChecker();
  const fast = options.strict === true ? undefined : new FastLineDecoder();
  /** Where the last accepted record is (seq 0: none yet); updated in place, per line. */
  const head: HeadPosition = { path: '', file: '', line: 0, offset: 0, length: 0, seq: 0, hash: GENESIS_HASH };

  const paths = files.map((file) => join(dir, file));
  await scanFiles(paths, (index) => {
    const file = files[index] as string;
    const path = paths[index] as string;
    return {
      line(buf, start, end, line, offset) {
        const accepted = checker.records;
        let going: boolean;
        if (fast?.decode(buf, start, end) === true) {
          going = checker.record(fast.seq, fast.prevHash, fast.hash, file, line);
        } else {
          const text = buf.toString('utf8', start, end);
          const parsed = parseRecordLine(text);
          if (parsed.ok) {
            const { seq, prevHash, hash } = parsed.record;
            going = checker.record(seq, prevHash, hash, file, line);
          } else {
            going = checker.bad(parsed.reason, parsed.message, () => looseSeq(text), file, line);
          }
        }
        if (checker.records > accepted) {
          head.path = path;
          head.file = file;
          head.line = line;
          head.offset = offset;
          head.length = end - start;
          head.seq = checker.records;
        }
        return going;
      },
      tail(buf, start, end, line) {
        const text = buf.toString('utf8', start, end);
        checker.bad('torn', 'the last line is cut short (no newline)', () => looseSeq(text), file, line);
      },
    };
  });

  const failure = checker.finish() ?? (head.seq === 0 ? undefined : await checkHead(head));
  if (failure !== undefined) return { ok: false, ...failure, files: files.length, records: checker.records };
  return { ok: true, files: files.length, records: checker.records, head: { seq: head.seq, hash: head.hash } };
}

/** Strictly re-reads the last record (the fast decoder trusts a line because its successor links to it). */
async function checkHead(head: HeadPosition): Promise<ChainFailure | undefined> {
  const handle = await open(head.path, 'r');
  const bytes = Buffer.alloc(head.length);
  try {
    await handle.read(bytes, 0, head.length, head.offset);
  } finally {
    await handle.close();
  }
  const parsed = parseRecordLine(bytes.toString('utf8'));
  if (parsed.ok) {
    head.hash = parsed.record.hash;
    return undefined;
  }
  return {
    firstBadSeq: head.seq,
    file: head.file,
    line: head.line,
    reason: parsed.reason,
    message: `seq ${head.seq}: ${parsed.message}`,
  };
}
