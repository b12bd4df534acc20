/**
 * Checks a log folder end to end: every file in order, every line, the chain
 * from the genesis hash to the last record. Names the first problem by seq,
 * file and line (see chainCheck.ts for what each reason means).
 *
 * What is checked depends on what the verifier is given:
 *
 * - always: every line's form, order (seq), links (prevHash), that a keyed
 *   chain never turns unkeyed, and that unkeyed records match their SHA-256;
 * - with the audit `key`: that every keyed record matches its HMAC, so no
 *   record was changed, forged or removed (and the rest re-hashed). Without
 *   it a keyed record's content is not checked, only its place in the chain;
 * - with `anchors` (the chain heads the kiosk sent to the backend,
 *   anchors.ts): that every anchored record is still there, in its day's
 *   file, with the anchored hash. That is what finds a cut-off tail, a
 *   rewritten log, and an emptied or deleted folder.
 *
 * A folder with no record at all never passes: a kiosk's first start writes
 * one, so an empty log is a deleted one unless proven otherwise.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { AuditAnchor } from './anchors';
import { ChainChecker, type ChainFailure, type ChainProblem } from './chainCheck';
import { deriveChainKey } from './chainKey';
import { errnoCode } from './errors';
import { auditFileName, FileReader, listAuditFiles, readLines, type LineVisitor } from './files';
import { FastLineDecoder } from './lineDecode';
import { LineHasher, type HashWorkerMode } from './lineHasher';
import { GENESIS_HASH, looseSeq, parseRecordLine } from './record';
import type { ChainLink } from './tail';

export type VerifyReason =
  | ChainProblem
  /** No record at all: the folder is missing, or holds no audit file, or only empty ones. */
  | 'empty'
  /** The last day file is empty: its records were removed. */
  | 'empty-file'
  /** An anchor names a record past the log's end: the tail was cut off. */
  | 'truncated'
  /** An anchored record differs from what was anchored (hash or day file): the log was rewritten. */
  | 'anchor-mismatch';

/** What a verification covered, pass or fail. */
export interface VerifyCoverage {
  files: number;
  records: number;
  /** Records written before the chain was keyed (plain SHA-256). */
  unkeyedRecords: number;
  /** Keyed records (`v: 2`). */
  keyedRecords: number;
  /** Whether the keyed records' HMACs were checked (a key was given). */
  macsChecked: boolean;
  /** Anchors compared with the log (0 when none were given). */
  anchorsChecked: number;
  /** The highest anchor given, if any. */
  latestAnchor?: AuditAnchor;
}

export type VerifyResult = VerifyCoverage &
  (
    | { ok: true; head: ChainLink }
    | {
        ok: false;
        firstBadSeq: number;
        /** Empty when the problem is not at a line (an empty or missing folder). */
        file: string;
        line: number;
        reason: VerifyReason;
        message: string;
      }
  );

export interface VerifyOptions {
  /** Parse and re-canonicalise every line, not only the last (see lineDecode.ts). Slower. */
  strict?: boolean;
  /** The kiosk's audit key (the bytes of its key file): keyed records are checked with the chain key derived from it. */
  key?: Buffer;
  /** The chain heads the kiosk sent to the backend: what must be in the log. */
  anchors?: readonly AuditAnchor[];
  /** Whether line hashes are also computed on a worker thread (lineHasher.ts; not with `strict`). Default `auto`. */
  hashWorker?: HashWorkerMode;
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

/** Where an anchored record was found. */
interface Found {
  hash: string;
  file: string;
  line: number;
}

/** Verifies the `audit-*.jsonl` files of `dir`. Rejects only if the folder exists but cannot be read. */
export async function verifyAuditDir(dir: string, options: VerifyOptions = {}): Promise<VerifyResult> {
  const files = await auditFilesOf(dir);
  const chainKey = options.key === undefined ? undefined : deriveChainKey(options.key);
  const checker = new ChainChecker();
  const fast = options.strict === true ? undefined : new FastLineDecoder(chainKey);
  /** Updated in place, per line (seq 0: no record accepted yet). */
  const head: Head = { file: '', line: 0, seq: 0, hash: GENESIS_HASH, bytes: Buffer.alloc(0), start: 0, end: 0 };
  const anchors = [...(options.anchors ?? [])].sort((a, b) => a.seq - b.seq);
  const anchoredSeqs = new Set(anchors.map((anchor) => anchor.seq));
  const found = new Map<number, Found>();
  let lastFileBytes = 0;
  const reader = new FileReader();
  const hashWorker = options.hashWorker ?? 'auto';
  const hasher = fast === undefined || hashWorker === 'never' ? undefined : new LineHasher(hashWorker, chainKey);

  try {
    for (const [index, file] of (files ?? []).entries()) {
      lastFileBytes = 0;
      const visitor: LineVisitor = {
        line(bytes, start, end, line) {
          lastFileBytes = bytes.length;
          const accepted = checker.records;
          let going: boolean;
          let hash = '';
          if (fast?.decode(bytes, start, end, hasher?.verdict(line - 1)) === true) {
            hash = fast.hash;
            going = checker.record(fast.seq, fast.prevHash, fast.hash, fast.keyed, file, line);
          } else {
            const text = bytes.toString('utf8', start, end);
            const parsed = parseRecordLine(text, chainKey);
            if (parsed.ok) {
              const { seq, prevHash } = parsed.record;
              hash = parsed.record.hash;
              going = checker.record(seq, prevHash, hash, parsed.keyed, file, line);
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
            if (anchoredSeqs.has(head.seq)) found.set(head.seq, { hash, file, line });
          }
          return going;
        },
        torn(bytes, start, end, line) {
          lastFileBytes = bytes.length;
          const text = bytes.toString('utf8', start, end);
          checker.bad('torn', 'the last line is cut short (no newline)', () => looseSeq(text), file, line);
        },
      };
      const path = join(dir, file);
      const next = files?.[index + 1];
      const going =
        hasher === undefined ? readLines(path, visitor, reader) : await hasher.readLines(path, visitor, next === undefined ? undefined : join(dir, next));
      // The reader reuses its buffer: keep the head's line past this file.
      if (head.file === file && head.bytes.length > head.end - head.start) {
        head.bytes = Buffer.from(head.bytes.subarray(head.start, head.end));
        head.start = 0;
        head.end = head.bytes.length;
      }
      if (!going) break;
    }
  } finally {
    hasher?.close();
  }

  const coverage: VerifyCoverage = {
    files: files?.length ?? 0,
    records: checker.records,
    unkeyedRecords: checker.records - checker.keyedRecords,
    keyedRecords: checker.keyedRecords,
    macsChecked: chainKey !== undefined,
    anchorsChecked: anchors.length,
    ...(anchors.length > 0 ? { latestAnchor: anchors.at(-1) as AuditAnchor } : {}),
  };
  const failure =
    checker.finish() ??
    checkHead(head, chainKey) ??
    checkAnchors(anchors, found, head, files) ??
    checkNotEmpty(dir, files, head, lastFileBytes, anchors.length > 0);
  if (failure !== undefined) return { ok: false, ...failure, ...coverage };
  return { ok: true, ...coverage, head: { seq: head.seq, hash: head.hash } };
}

/** The audit files of `dir` in chain order; undefined when the folder does not exist. */
async function auditFilesOf(dir: string): Promise<string[] | undefined> {
  try {
    return await listAuditFiles(dir, (path) => readdir(path));
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return undefined;
    throw error;
  }
}

/** Strictly re-reads the last record (the fast decoder trusts a line because its successor links to it). */
function checkHead(head: Head, chainKey: Buffer | undefined): ChainFailure | undefined {
  if (head.seq === 0) return undefined;
  const parsed = parseRecordLine(head.bytes.toString('utf8', head.start, head.end), chainKey);
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

type Failure = Omit<Extract<VerifyResult, { ok: false }>, 'ok' | keyof VerifyCoverage>;

/** Every anchored record must be there, in its day's file, with its anchored hash. */
function checkAnchors(
  anchors: readonly AuditAnchor[],
  found: ReadonlyMap<number, Found>,
  head: Head,
  files: string[] | undefined,
): Failure | undefined {
  for (const anchor of anchors) {
    const at = found.get(anchor.seq);
    const sent = `anchored for ${anchor.day} at ${anchor.at}`;
    if (at === undefined) {
      const latest = anchors.at(-1) as AuditAnchor;
      const where = files === undefined ? 'the folder does not exist' : head.seq === 0 ? 'the log holds no record' : `the log ends at seq ${head.seq}`;
      return {
        firstBadSeq: head.seq + 1,
        file: head.file,
        line: head.line,
        reason: 'truncated',
        message: `${where}, but the backend holds anchors up to seq ${latest.seq} (${latest.day}, sent ${latest.at}): records ${head.seq + 1}–${latest.seq} at least were removed`,
      };
    }
    if (at.hash !== anchor.hash) {
      return {
        firstBadSeq: anchor.seq,
        file: at.file,
        line: at.line,
        reason: 'anchor-mismatch',
        message: `seq ${anchor.seq} is not the record ${sent}: the log was rewritten up to here`,
      };
    }
    if (at.file !== auditFileName(anchor.day)) {
      return {
        firstBadSeq: anchor.seq,
        file: at.file,
        line: at.line,
        reason: 'anchor-mismatch',
        message: `seq ${anchor.seq} is in ${at.file}, but was ${sent} (file ${auditFileName(anchor.day)})`,
      };
    }
  }
  return undefined;
}

/** A log with no record, or whose last day file is empty, is not a log that passes. */
function checkNotEmpty(dir: string, files: string[] | undefined, head: Head, lastFileBytes: number, hadAnchors: boolean): Failure | undefined {
  const unanchored = hadAnchors ? 'the backend holds no anchor for this kiosk' : 'without anchors nothing says what should be there';
  if (files === undefined) {
    return { firstBadSeq: 1, file: '', line: 0, reason: 'empty', message: `${dir} does not exist (deleted?); ${unanchored}` };
  }
  if (head.seq === 0) {
    const what = files.length === 0 ? 'no audit file' : `${files.length} empty audit file(s)`;
    return {
      firstBadSeq: 1,
      file: '',
      line: 0,
      reason: 'empty',
      message: `${dir} holds ${what}: a kiosk's log is never empty (its first start records config.loaded), so it was emptied or deleted; ${unanchored}`,
    };
  }
  const last = files.at(-1) as string;
  if (lastFileBytes === 0 && last !== head.file) {
    return {
      firstBadSeq: head.seq + 1,
      file: last,
      line: 0,
      reason: 'empty-file',
      message: `${last} is empty: a day file is made to hold records, so the records after seq ${head.seq} were removed`,
    };
  }
  return undefined;
}
