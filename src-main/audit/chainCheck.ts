/**
 * The rules that name the first problem in a sequence of records, fed one
 * line at a time in file order. A record is accepted when its seq is the
 * next one and its prevHash is the previous record's hash. Otherwise:
 *
 * - `hash-mismatch` / `parse` / `torn`: the line itself is bad (content
 *   changed, not a record, cut short); named by the seq expected there.
 * - `missing`: a seq is skipped and never turns up later (a deleted line).
 * - `reordered`: a seq is skipped but turns up later (lines swapped/moved);
 *   named by the skipped seq, at the line where order broke.
 * - `inserted`: a record claims a seq already used — a second record for
 *   the same place in the chain (a forged line, even with a self-consistent
 *   hash; the line named is the one that does not link, or the repeat).
 * - `broken-link`: seq in order but prevHash is not the previous hash.
 * - `downgraded`: an unkeyed record after a keyed one. A chain never goes
 *   back from keyed to unkeyed, so this is a record re-hashed without the
 *   key (record.ts).
 */
import { GENESIS_HASH } from './record';

export type ChainProblem = 'hash-mismatch' | 'broken-link' | 'missing' | 'reordered' | 'inserted' | 'torn' | 'parse' | 'downgraded';

export interface LinePosition {
  file: string;
  /** 1-based line number in `file`. */
  line: number;
}

export interface ChainFailure extends LinePosition {
  firstBadSeq: number;
  reason: ChainProblem;
  message: string;
}

interface Pending extends LinePosition {
  seq: number;
  message: string;
}

export class ChainChecker {
  /** Records accepted so far. */
  records = 0;
  /** Of those, the keyed ones (the rest were written before the chain was keyed). */
  keyedRecords = 0;
  /** The first problem, once found; later lines are ignored. */
  failure: ChainFailure | undefined;
  private expectedSeq = 1;
  private prevHash = GENESIS_HASH;
  private lastAcceptedFile = '';
  private lastAcceptedLine = 0;
  /** A skipped seq; the rest of the log is searched for it. */
  private gap: Pending | undefined;
  /** A record in seq order whose prevHash does not link; the next line decides why. */
  private unlinked: (Pending & { linkTo: string }) | undefined;

  /** Feeds a line that is a well-formed, self-consistent record. Returns false once a verdict is reached. */
  record(seq: number, prevHash: string, hash: string, keyed: boolean, file: string, line: number): boolean {
    if (this.failure !== undefined) return false;
    if (this.gap !== undefined) {
      if (seq === this.gap.seq) {
        return this.fail('reordered', this.gap, `${this.gap.message}; it appears later, at ${file} line ${line}`);
      }
      return true;
    }
    const unlinked = this.unlinked;
    if (unlinked !== undefined) {
      if (seq === unlinked.seq && prevHash === unlinked.linkTo) {
        return this.fail('inserted', unlinked, `an extra record claims seq ${seq}; the genuine one follows it`);
      }
      return this.fail('broken-link', unlinked, unlinked.message);
    }
    if (seq === this.expectedSeq) {
      if (prevHash !== this.prevHash) {
        this.unlinked = { seq, file, line, linkTo: this.prevHash, message: `seq ${seq} does not link to the record before it` };
        return true;
      }
      if (!keyed && this.keyedRecords > 0) {
        return this.fail('downgraded', { seq, file, line, message: '' }, `seq ${seq} is unkeyed after keyed records: re-hashed without the key`);
      }
      if (keyed) this.keyedRecords += 1;
      this.prevHash = hash;
      this.expectedSeq += 1;
      this.records += 1;
      this.lastAcceptedFile = file;
      this.lastAcceptedLine = line;
      return true;
    }
    if (seq > this.expectedSeq) {
      this.gap = { seq: this.expectedSeq, file, line, message: `seq ${this.expectedSeq} is not where it belongs (seq ${seq} came first)` };
      return true;
    }
    const before = this.records === 0 ? '' : ` (seq ${this.records} was at ${this.lastAcceptedFile} line ${this.lastAcceptedLine})`;
    return this.fail('inserted', { seq, file, line, message: '' }, `seq ${seq} appears a second time${before}`);
  }

  /**
   * Feeds a line that is not a valid record. `looseSeq` reads whatever seq
   * it claims, for the search of a skipped seq.
   */
  bad(reason: 'hash-mismatch' | 'parse' | 'torn', message: string, looseSeq: () => number | undefined, file: string, line: number): boolean {
    if (this.failure !== undefined) return false;
    if (this.gap !== undefined) {
      if (looseSeq() === this.gap.seq) {
        return this.fail('reordered', this.gap, `${this.gap.message}; it appears later, at ${file} line ${line}`);
      }
      return true;
    }
    if (this.unlinked !== undefined) return this.fail('broken-link', this.unlinked, this.unlinked.message);
    return this.fail(reason, { seq: this.expectedSeq, file, line, message: '' }, `seq ${this.expectedSeq}: ${message}`);
  }

  /** Call after the last line; settles what was pending. */
  finish(): ChainFailure | undefined {
    if (this.failure === undefined && this.gap !== undefined) {
      this.fail('missing', this.gap, `seq ${this.gap.seq} is missing`);
    }
    if (this.failure === undefined && this.unlinked !== undefined) {
      this.fail('broken-link', this.unlinked, this.unlinked.message);
    }
    return this.failure;
  }

  private fail(reason: ChainProblem, at: Pending, message: string): false {
    this.failure = { firstBadSeq: at.seq, file: at.file, line: at.line, reason, message };
    return false;
  }
}
