/**
 * Reading a line's chain fields (seq, prevHash, hash) for verification, in
 * two strengths:
 *
 * - `FastLineDecoder` works on the bytes: it recomputes the hash over the
 *   line minus its `,"hash":"…"` suffix (the HMAC under the chain key for a
 *   keyed line, which ends `,"v":2`; SHA-256 for an unkeyed one) and reads
 *   seq and prevHash at their places, without JSON parsing. Because the hash
 *   covers every byte, a line that passes is byte-for-byte what the writer
 *   sealed — which is always canonical JSON — unless someone recomputed the
 *   hash on purpose: for a keyed line that takes the key; for an unkeyed one
 *   such forgeries are found by the chain or by the anchors kept off the
 *   machine (docs/architecture.md §6), never by parsing. Without the chain
 *   key it vouches for no keyed line: those go to the strict reading.
 * - `parseRecordLine` (record.ts) is the strict reading: JSON, shape,
 *   canonical form, hash. Verification uses it for every line with
 *   `strict: true`, and otherwise for the last record and to name what is
 *   wrong with any line the fast decoder rejects.
 *
 * The strict reading is ≈6× slower (re-serialising canonical JSON is most of
 * it), which is why the fast one exists. Measured against simpler code, verify
 * takes ≈45% longer with a `createHash` per line instead of one `crypto.hash`
 * over the body in place, ≈6% longer with `Buffer.lastIndexOf` instead of
 * the Horspool search (docs/bench.md, "Audit").
 */
import { hash as digest } from 'node:crypto';
import { chainMacHex } from './chainKey';
import { UNKNOWN } from './lineHasher';
import { HASH_MEMBER_PREFIX, HASH_SUFFIX_LENGTH, KEYED_FORMAT } from './record';

const HASH_PREFIX = Buffer.from(HASH_MEMBER_PREFIX, 'latin1');
const PREV_HASH_MARKER = Buffer.from(',"prevHash":"', 'latin1');
const SEQ_MARKER = Buffer.from('","seq":', 'latin1');
/** How a keyed record's body ends (`v` sorts after every other member). */
const KEYED_MARKER = Buffer.from(`,"v":${KEYED_FORMAT}`, 'latin1');
const CLOSE_BRACE = 0x7d;
const QUOTE = 0x22;
const COMMA = 0x2c;
const COLON = 0x3a;
const S = 0x73;
const E = 0x65;
const Q = 0x71;
/** For each byte: how far back the `"seq":` window can move when that byte is under its first position. */
const SEQ_KEY_SHIFT = new Uint8Array(256).fill(6);
SEQ_KEY_SHIFT[S] = 1;
SEQ_KEY_SHIFT[E] = 2;
SEQ_KEY_SHIFT[Q] = 3;
SEQ_KEY_SHIFT[QUOTE] = 4;
SEQ_KEY_SHIFT[COLON] = 5;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;
const MAX_SEQ_DIGITS = 15;

export class FastLineDecoder {
  /** The decoded record's seq. */
  seq = 0;
  /** The decoded record's prevHash. */
  prevHash = '';
  /** The decoded record's hash (verified against its content). */
  hash = '';
  /** Whether the decoded record is keyed (`v: 2`). */
  keyed = false;

  /** With `chainKey`, keyed lines are checked too; without, only unkeyed ones are decoded. */
  constructor(private readonly chainKey?: Buffer) {}

  /**
   * Decodes `buf[start, end)`; false if the line is not a self-consistent
   * record as the writer writes them. The byte just before the hash suffix
   * is briefly overwritten (and restored) to hash the body in place —
   * unless `verdict` (lineHasher.ts) already says whether the stored hash
   * matches: 1 it does, 0 it does not, UNKNOWN hash it here.
   */
  decode(buf: Buffer, start: number, end: number, verdict = UNKNOWN): boolean {
    const suffix = end - HASH_SUFFIX_LENGTH;
    if (suffix <= start || buf[end - 1] !== CLOSE_BRACE || buf[end - 2] !== QUOTE) return false;
    if (!bytesEqual(buf, suffix, HASH_PREFIX)) return false;
    const keyed = suffix - KEYED_MARKER.length > start && bytesEqual(buf, suffix - KEYED_MARKER.length, KEYED_MARKER);
    if (keyed && this.chainKey === undefined) return false;

    // In canonical JSON the top-level `"seq":` is its last occurrence: only
    // string members and `v` follow it, and strings cannot hold a bare quote.
    // The 64-hex prevHash member comes right before it.
    const seqKey = lastSeqKey(buf, suffix - 6, start);
    if (seqKey === -1) return false;
    const seqMarker = seqKey - 2; // `","seq":`
    const prevHashStart = seqMarker - 64;
    if (prevHashStart - PREV_HASH_MARKER.length < start) return false;
    if (!bytesEqual(buf, seqMarker, SEQ_MARKER)) return false;
    if (!bytesEqual(buf, prevHashStart - PREV_HASH_MARKER.length, PREV_HASH_MARKER)) return false;
    const digitsStart = seqMarker + SEQ_MARKER.length;
    let seq = 0;
    let index = digitsStart;
    for (let byte = buf[index]; byte !== undefined && byte >= DIGIT_0 && byte <= DIGIT_9; byte = buf[index]) {
      seq = seq * 10 + (byte - DIGIT_0);
      index += 1;
    }
    const digits = index - digitsStart;
    if (digits === 0 || digits > MAX_SEQ_DIGITS || buf[digitsStart] === DIGIT_0 || buf[index] !== COMMA) return false;

    // One string from prevHash to the stored hash; both are cheap slices of it.
    const chainText = buf.toString('latin1', prevHashStart, end - 2);
    const storedHash = chainText.slice(chainText.length - 64);
    if (verdict === UNKNOWN) {
      // The body is the line up to the suffix, closed with `}`: hash it in place.
      let bodyHash: string;
      buf[suffix] = CLOSE_BRACE;
      try {
        const body = buf.subarray(start, suffix + 1);
        bodyHash = keyed ? chainMacHex(this.chainKey as Buffer, body) : digest('sha256', body, 'hex');
      } finally {
        buf[suffix] = COMMA;
      }
      if (storedHash !== bodyHash) return false;
    } else if (verdict !== 1) {
      return false;
    }

    this.seq = seq;
    this.prevHash = chainText.slice(0, 64);
    this.hash = storedHash;
    this.keyed = keyed;
    return true;
  }
}

/**
 * Position of the last `"seq":` in `buf` starting at or before `from` and
 * after `min`, or -1. A backward Horspool search: the byte under the
 * window's first position says how far the window may jump, so mostly hex
 * is skipped six bytes at a time (cheaper here than Buffer.lastIndexOf).
 */
function lastSeqKey(buf: Buffer, from: number, min: number): number {
  for (let index = from; index > min; ) {
    const byte = buf[index];
    if (
      byte === QUOTE &&
      buf[index + 1] === S &&
      buf[index + 2] === E &&
      buf[index + 3] === Q &&
      buf[index + 4] === QUOTE &&
      buf[index + 5] === COLON
    ) {
      return index;
    }
    index -= byte === undefined ? 1 : (SEQ_KEY_SHIFT[byte] as number);
  }
  return -1;
}

/** True if `buf` holds `expected` at `offset` (a short, plain loop: cheaper than a native call). */
function bytesEqual(buf: Buffer, offset: number, expected: Buffer): boolean {
  for (let index = 0; index < expected.length; index += 1) {
    if (buf[offset + index] !== expected[index]) return false;
  }
  return true;
}
