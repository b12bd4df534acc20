/**
 * One audit record and its line in the log (docs/architecture.md §6).
 *
 * Line format — the canonical JSON (RFC 8785, JCS; see `canonicalJson`) of
 * the record without `hash`, with the `hash` member appended as the last
 * member:
 *
 *     {"detail":{…},"event":"otp.sent",…,"time":"2025-01-02T03:04:05.678Z","hash":"<64 hex>"}\n
 *
 * `hash` is computed over exactly that canonical JSON without `hash`, i.e.
 * the line with its `,"hash":"…"` suffix removed and `}` restored; `prevHash`
 * is the previous record's `hash` (GENESIS_HASH for seq 1). Two formats:
 *
 * - keyed (`"v":2`, every record written since the chain was keyed): `hash`
 *   is the HMAC-SHA-256 (hex) of that text under the chain key
 *   (chainKey.ts), so re-hashing a changed record needs the key. `v` is a
 *   member of the hashed text: it cannot be dropped without the key either.
 * - unkeyed (no `v`, logs written before): `hash` is its SHA-256 (hex). Once
 *   a chain is keyed it stays keyed (chainCheck.ts refuses an unkeyed record
 *   after a keyed one), so a record cannot be downgraded to be re-hashed.
 *
 * Any JSON tool reads a line as an ordinary object; a verifier in another
 * language recomputes the hash by dropping `hash` and re-serialising
 * canonically with any RFC 8785 implementation.
 *
 * Logs written before the switch to the `canonicalize` package (a
 * hand-written serialiser: keys sorted by UTF-16 code units, `JSON.stringify`
 * for strings and numbers) are byte-identical for every value a record may
 * hold; tests/unit/src-main/audit/fixtures/legacy-log is such a log (unkeyed).
 */
import { hash as digest } from 'node:crypto';
import canonicalize from 'canonicalize';
import { chainMacHex } from './chainKey';
import type { AuditOutcome } from './types';

/** `prevHash` of the first record of a log. */
export const GENESIS_HASH = '0'.repeat(64);

/** `v` of a keyed record: its `hash` is an HMAC under the chain key. */
export const KEYED_FORMAT = 2;

/** Small non-secret facts attached to an event. */
export type AuditDetail = Record<string, string | number | boolean>;

/** A record as stored. `event` is a string: logs may hold names from newer versions. */
export interface AuditRecord {
  /** ISO 8601 UTC with milliseconds, from the log's clock. */
  time: string;
  /** 1, 2, 3… without gaps, across files and restarts. */
  seq: number;
  kioskId: string;
  operatorId?: string;
  sessionId?: string;
  event: string;
  outcome: AuditOutcome;
  /** Masked (`08*****2797`) or keyed hash (`hmac:<hex>`). */
  subject?: string;
  detail?: AuditDetail;
  prevHash: string;
  /** 2: `hash` is an HMAC-SHA-256 under the chain key; absent: a SHA-256 (written before the chain was keyed). */
  v?: typeof KEYED_FORMAT;
  hash: string;
}

export type UnsealedRecord = Omit<AuditRecord, 'hash'>;

/** Length of the `,"hash":"<64 hex>"}` suffix that ends every line (before `\n`). */
export const HASH_SUFFIX_LENGTH = 75;
/** The bytes that open the hash suffix. */
export const HASH_MEMBER_PREFIX = ',"hash":"';

const HEX64 = /^[0-9a-f]{64}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const OUTCOMES: readonly string[] = ['success', 'failure', 'info'] satisfies AuditOutcome[];
const OPTIONAL_STRING_FIELDS = ['operatorId', 'sessionId', 'subject'] as const;
/** Every field of a record, in the order supervisors read them (the CSV's columns). */
export const RECORD_FIELDS = [
  'seq',
  'time',
  'kioskId',
  'operatorId',
  'sessionId',
  'event',
  'outcome',
  'subject',
  'detail',
  'prevHash',
  'hash',
] as const;

/** The CSV's columns and `v` (the format, implied by a keyed chain). */
const KNOWN_FIELDS: ReadonlySet<string> = new Set([...RECORD_FIELDS, 'v']);

/**
 * The RFC 8785 (JCS) text of a record body or detail. Throws for what JCS
 * cannot represent (a lone surrogate, a non-finite number); the sanitiser
 * keeps both out of every record the log writes.
 */
export function canonicalJson(value: UnsealedRecord | AuditDetail): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('value has no canonical JSON text');
  return text;
}

/** SHA-256 in lower-case hex. */
export function sha256Hex(data: string | Uint8Array): string {
  return digest('sha256', data, 'hex');
}

/**
 * Computes `hash` and the line (with its trailing `\n`) for a record: keyed
 * (`v: 2`, an HMAC) with `chainKey`, else unkeyed (SHA-256; only tests and
 * tools write those now).
 */
export function sealRecord(unsealed: UnsealedRecord, chainKey?: Buffer): { record: AuditRecord; line: string } {
  if (chainKey === undefined && unsealed.v !== undefined) throw new TypeError('a keyed record needs the chain key');
  const content: UnsealedRecord = chainKey === undefined ? unsealed : { ...unsealed, v: KEYED_FORMAT };
  const body = canonicalJson(content);
  const hash = chainKey === undefined ? sha256Hex(body) : chainMacHex(chainKey, body);
  return { record: { ...content, hash }, line: `${body.slice(0, -1)}${HASH_MEMBER_PREFIX}${hash}"}\n` };
}

export type ParsedLine =
  | {
      ok: true;
      record: AuditRecord;
      /** `v: 2`: its hash is an HMAC under the chain key. */
      keyed: boolean;
      /** Whether `hash` was recomputed: always for an unkeyed record, for a keyed one only with the chain key. */
      checked: boolean;
    }
  | { ok: false; reason: 'parse' | 'hash-mismatch'; message: string };

/**
 * Strictly reads one line (without its `\n`): valid JSON, the record's shape,
 * byte-for-byte canonical, and a `hash` that matches its content — for a
 * keyed record only when `chainKey` is given (else `checked: false`).
 */
export function parseRecordLine(text: string, chainKey?: Buffer): ParsedLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'parse', message: 'not valid JSON' };
  }
  const shapeProblem = recordShapeProblem(value);
  if (shapeProblem !== undefined) return { ok: false, reason: 'parse', message: shapeProblem };
  const record = value as AuditRecord;
  const { hash, ...unsealed } = record;
  let body: string;
  try {
    body = canonicalJson(unsealed);
  } catch (error) {
    // only a lone surrogate (`"\ud800"`) gets here: no writer ever sealed one
    return { ok: false, reason: 'parse', message: `not representable as canonical JSON (${(error as Error).message})` };
  }
  if (`${body.slice(0, -1)}${HASH_MEMBER_PREFIX}${hash}"}` !== text) {
    return { ok: false, reason: 'hash-mismatch', message: 'line is not in canonical form' };
  }
  if (record.v === undefined) {
    if (sha256Hex(body) !== hash) return { ok: false, reason: 'hash-mismatch', message: 'hash does not match the record' };
    return { ok: true, record, keyed: false, checked: true };
  }
  if (chainKey === undefined) return { ok: true, record, keyed: true, checked: false };
  if (chainMacHex(chainKey, body) !== hash) {
    return { ok: false, reason: 'hash-mismatch', message: 'the MAC does not match the record (changed, or not this kiosk\'s key)' };
  }
  return { ok: true, record, keyed: true, checked: true };
}

/** What is wrong with `value` as an AuditRecord, or undefined if nothing. */
function recordShapeProblem(value: unknown): string | undefined {
  if (!isPlainObject(value)) return 'not a JSON object';
  for (const key of Object.keys(value)) {
    if (!KNOWN_FIELDS.has(key)) return `unknown field ${JSON.stringify(key)}`;
  }
  const { time, seq, kioskId, event, outcome, detail, prevHash, v, hash } = value;
  if (typeof time !== 'string' || !ISO_TIME.test(time)) return 'bad time';
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1) return 'bad seq';
  if (typeof kioskId !== 'string' || kioskId === '') return 'bad kioskId';
  if (typeof event !== 'string' || event === '') return 'bad event';
  if (typeof outcome !== 'string' || !OUTCOMES.includes(outcome)) return 'bad outcome';
  for (const field of OPTIONAL_STRING_FIELDS) {
    const fieldValue = value[field];
    if (fieldValue !== undefined && typeof fieldValue !== 'string') return `bad ${field}`;
  }
  if (detail !== undefined) {
    if (!isPlainObject(detail)) return 'bad detail';
    for (const member of Object.values(detail)) {
      const ok =
        typeof member === 'string' ||
        typeof member === 'boolean' ||
        (typeof member === 'number' && Number.isFinite(member));
      if (!ok) return 'bad detail value';
    }
  }
  if (typeof prevHash !== 'string' || !HEX64.test(prevHash)) return 'bad prevHash';
  if (v !== undefined && v !== KEYED_FORMAT) return `unknown format version ${JSON.stringify(v)}`;
  if (typeof hash !== 'string' || !HEX64.test(hash)) return 'bad hash';
  return undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The seq of a line that is at least JSON with an integer `seq`, however
 * damaged otherwise; used to look for a record that went missing.
 */
export function looseSeq(text: string): number | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (isPlainObject(value) && typeof value.seq === 'number' && Number.isSafeInteger(value.seq)) {
      return value.seq;
    }
  } catch {
    // not JSON at all
  }
  return undefined;
}
