/**
 * Defence in depth for what goes into a record. Callers pass structured,
 * already-masked values; this still makes sure that
 *  - one event is always exactly one line and a string can never forge
 *    another record (control characters, CR/LF, U+2028/2029 and lone
 *    surrogates become U+FFFD; JSON escaping would already keep them inside
 *    the string, this keeps them out of CSV exports and terminals too);
 *  - strings are short (capped, with `…`);
 *  - nothing that looks like a secret or a raw identifier is written.
 *
 * Refusals throw AuditInputError: a caller bug, and the action it records
 * must not go ahead (fail closed).
 */
import { AuditInputError } from './errors';
import type { AuditDetail } from './record';
import { AUDIT_EVENTS, type AuditEventInput, type AuditEventName, type AuditOutcome } from './types';

export const MAX_ID_LENGTH = 64;
export const MAX_SUBJECT_LENGTH = 128;
export const MAX_DETAIL_KEYS = 16;
export const MAX_DETAIL_KEY_LENGTH = 40;
export const MAX_DETAIL_STRING_LENGTH = 200;

/**
 * Words that make a detail key look secret; matched against the key's
 * words (`otpCode` → otp, code; `nama_ibu` → nama, ibu).
 */
export const SECRET_KEY_WORDS: ReadonlySet<string> = new Set([
  'password',
  'passwd',
  'pwd',
  'pass',
  'sandi',
  'otp',
  'code',
  'kode',
  'pin',
  'token',
  'secret',
  'mother',
  'maiden',
  'ibu',
  'nik',
  'name',
  'nama',
]);

/** Keys that contain a secret word but are known not to hold a secret. */
export const NON_SECRET_KEYS: ReadonlySet<string> = new Set(['errorCode']);

/** The recognised events, for inputs that did not come through the type checker. */
const EVENT_NAMES: ReadonlySet<string> = new Set(AUDIT_EVENTS);
const OUTCOMES: ReadonlySet<string> = new Set<AuditOutcome>(['success', 'failure', 'info']);

const UNSAFE_CHARACTERS =
  /[\u0000-\u001f\u007f-\u009f\u2028\u2029]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const DETAIL_KEY = /^[A-Za-z][A-Za-z0-9_]*$/;
const KEYED_HASH = /^hmac:[0-9a-f]{64}$/;
/** Ten digits in a row: an unmasked phone number or NIK. */
const LONG_DIGIT_RUN = /\d{10}/;
const MASK_MARK = '***';

/** An event ready to be sealed into a record. */
export interface SanitisedEvent {
  event: AuditEventName;
  outcome: AuditOutcome;
  operatorId?: string;
  sessionId?: string;
  subject?: string;
  detail?: AuditDetail;
}

/** Replaces characters that could break a line or a terminal, and caps the length. */
export function neutraliseText(text: string, maxLength: number): string {
  let clean = text.replace(UNSAFE_CHARACTERS, '\uFFFD');
  if (clean.length > maxLength) {
    clean = `${clean.slice(0, maxLength - 1)}…`.replace(UNSAFE_CHARACTERS, '\uFFFD');
  }
  return clean;
}

/** True for values written masked (`08*****2797`, `s***@x.id`) or as a keyed hash. */
export function isClearlyMasked(value: string): boolean {
  return value.includes(MASK_MARK) || KEYED_HASH.test(value);
}

/** Checks and cleans one event; throws AuditInputError when it must not be written. */
export function sanitiseEvent(input: AuditEventInput): SanitisedEvent {
  if (!EVENT_NAMES.has(input.event)) throw new AuditInputError(`unknown audit event ${JSON.stringify(input.event)}`);
  if (!OUTCOMES.has(input.outcome)) throw new AuditInputError(`unknown outcome ${JSON.stringify(input.outcome)}`);
  const clean: SanitisedEvent = { event: input.event, outcome: input.outcome };
  const operatorId = optionalText(input.operatorId, MAX_ID_LENGTH, 'operatorId');
  if (operatorId !== undefined) clean.operatorId = operatorId;
  const sessionId = optionalText(input.sessionId, MAX_ID_LENGTH, 'sessionId');
  if (sessionId !== undefined) clean.sessionId = sessionId;
  const subject = optionalText(input.subject, MAX_SUBJECT_LENGTH, 'subject');
  if (subject !== undefined) {
    if (!isClearlyMasked(subject)) {
      throw new AuditInputError('subject must be masked (contain "***") or a keyed hash from subjectKey()');
    }
    refuseRawIdentifier(subject, 'subject');
    clean.subject = subject;
  }
  if (input.detail !== undefined) {
    const detail = sanitiseDetail(input.detail);
    if (detail !== undefined) clean.detail = detail;
  }
  return clean;
}

/** Cleans the kiosk id given at open; it must not be empty. */
export function sanitiseKioskId(kioskId: string): string {
  const clean = optionalText(kioskId, MAX_ID_LENGTH, 'kioskId');
  if (clean === undefined) throw new AuditInputError('kioskId must not be empty');
  return clean;
}

function optionalText(value: unknown, maxLength: number, field: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new AuditInputError(`${field} must be a string`);
  const clean = neutraliseText(value, maxLength).trim();
  return clean === '' ? undefined : clean;
}

function sanitiseDetail(detail: Record<string, unknown>): AuditDetail | undefined {
  const keys = Object.keys(detail);
  if (keys.length > MAX_DETAIL_KEYS) throw new AuditInputError(`detail has more than ${MAX_DETAIL_KEYS} keys`);
  const clean: AuditDetail = {};
  for (const key of keys) {
    if (key.length > MAX_DETAIL_KEY_LENGTH || !DETAIL_KEY.test(key)) {
      throw new AuditInputError(`detail key ${JSON.stringify(key.slice(0, MAX_DETAIL_KEY_LENGTH))} is not a plain identifier`);
    }
    const value = detail[key];
    let cleanValue: string | number | boolean;
    if (typeof value === 'string') {
      cleanValue = neutraliseText(value, MAX_DETAIL_STRING_LENGTH);
    } else if (typeof value === 'number' && Number.isFinite(value)) {
      cleanValue = value;
    } else if (typeof value === 'boolean') {
      cleanValue = value;
    } else {
      throw new AuditInputError(`detail.${key} must be a string, a finite number or a boolean`);
    }
    if (looksSecret(key) && !(typeof cleanValue === 'string' && isClearlyMasked(cleanValue))) {
      throw new AuditInputError(`detail.${key} looks like a secret; leave it out or pass it masked`);
    }
    if (typeof cleanValue !== 'boolean') refuseRawIdentifier(String(cleanValue), `detail.${key}`);
    clean[key] = cleanValue;
  }
  return keys.length === 0 ? undefined : clean;
}

/** The words of an identifier: `otpCode` → otp, code; `nama_ibu` → nama, ibu. */
function keyWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()
    .split(/[_\d]+/)
    .filter(Boolean);
}

function looksSecret(key: string): boolean {
  return !NON_SECRET_KEYS.has(key) && keyWords(key).some((word) => SECRET_KEY_WORDS.has(word));
}

function refuseRawIdentifier(value: string, field: string): void {
  if (!KEYED_HASH.test(value) && LONG_DIGIT_RUN.test(value)) {
    throw new AuditInputError(`${field} holds a long run of digits (an unmasked phone number or NIK?)`);
  }
}
