/**
 * Checks a log folder end to end: every file in order, every line, the chain
 * from the genesis hash to the last record. Names the first problem by seq,
 * file and line (see chainCheck.ts for what each reason means).
 *
 * What a local check cannot see: the newest records being cut off or the
 * whole tail being rewritten with recomputed hashes. That is what sending
 * each day's chain head off the machine is for (docs/architecture.md §6,
 * not yet done): compare `head` with it.
 */
import { join } from 'node:path';
import { ChainChecker, type ChainFailure, type ChainProblem } from './chainCheck';
import { listAuditFiles, readLines } from './files';
import { FastLineDecoder } from './lineDecode';
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

/** The last accepted record's line: `bytes[start, end)` of `file`. */
interface Head {
  file: string;
  line: number;
  seq: number;
  hash: string;
  bytes: Buffer;
  start: number;
  end: number;
}

/** Verifies the `audit-*.jsonl` files of `dir`. Rejects only if the folder cannot be read. */
export async function verifyAuditDir(dir: string, options: VerifyOptions = {}): Promise<VerifyResult> {
  const files = await listAuditFiles(dir);
  const checker = new ChainChecker();
  const fast = options.strict === true ? undefined : new FastLineDecoder();
  /** Updated in place, per line (seq 0: no record accepted yet). */
  const head: Head = { file: '', line: 0, seq: 0, hash: GENESIS_HASH, bytes: Buffer.alloc(0), start: 0, end: 0 };

  for (const file of files) {
    const going = readLines(join(dir, file), {
      line(bytes, start, end, line) {
        const accepted = checker.records;
        let going: boolean;
        if (fast?.decode(bytes, start, end) === true) {
          going = checker.record(fast.seq, fast.prevHash, fast.hash, file, line);
        } else {
          const text = bytes.toString('utf8', start, end);
          const parsed = parseRecordLine(text);
          if (parsed.ok) {
            const { seq, prevHash, hash } = parsed.record;
            going = checker.record(seq, prevHash, hash, file, line);
          } else {
            going = checker.bad(parsed.reason, parsed.message, () => looseSeq(text), file, line);
          }
        }
        if (checker.records > accepted) {
          head.file = file;
          head.line = line;
          head.seq = checker.records;
          head.bytes = bytes;
          head.start = start;
          head.end = end;
        }
        return going;
      },
      torn(bytes, start, end, line) {
        const text = bytes.toString('utf8', start, end);
        checker.bad('torn', 'the last line is cut short (no newline)', () => looseSeq(text), file, line);
      },
    });
    if (!going) break;
  }

  const failure = checker.finish() ?? checkHead(head);
  if (failure !== undefined) return { ok: false, ...failure, files: files.length, records: checker.records };
  return { ok: true, files: files.length, records: checker.records, head: { seq: head.seq, hash: head.hash } };
}

/** Strictly re-reads the last record (the fast decoder trusts a line because its successor links to it). */
function checkHead(head: Head): ChainFailure | undefined {
  if (head.seq === 0) return undefined;
  const parsed = parseRecordLine(head.bytes.toString('utf8', head.start, head.end));
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
