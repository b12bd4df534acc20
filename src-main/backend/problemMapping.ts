/**
 * Maps a backend's problem+json to the kiosk's typed errors. Only the
 * stable `code` and a few well-typed numbers cross over; titles, details and
 * any other backend text are dropped so that raw backend text never reaches a
 * citizen. An unknown or kiosk-internal code becomes BACKEND_ERROR.
 */
import type { ErrorCode, KioskError } from '../../src-shared/errors';
import type { ProblemCode } from './contract/document';

/**
 * Every code the contract lets a backend answer with (the Problem schema of
 * resources/openapi.yaml, through the generated types), and the kiosk code it
 * becomes: a code added to the contract does not compile until it is mapped.
 */
const BACKEND_CODE_MAP: Readonly<Record<ProblemCode, ErrorCode>> = {
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
  ACCOUNT_LOCKED: 'ACCOUNT_LOCKED',
  OPERATOR_INVALID: 'OPERATOR_INVALID',
  OPERATOR_REQUIRED: 'OPERATOR_REQUIRED',
  OPERATOR_LOCKED: 'OPERATOR_LOCKED',
  // The kiosk's own key was refused: nothing a citizen can do; the kiosk is out of service until it is fixed.
  KIOSK_UNAUTHENTICATED: 'OUT_OF_SERVICE',
  IDENTITY_MISMATCH: 'IDENTITY_MISMATCH',
  IDENTITY_LOCKED: 'IDENTITY_LOCKED',
  KIOSK_RATE_LIMITED: 'KIOSK_RATE_LIMITED',
  OTP_INVALID: 'OTP_INVALID',
  OTP_EXPIRED: 'OTP_EXPIRED',
  OTP_VOIDED: 'OTP_VOIDED',
  RESEND_COOLDOWN: 'RESEND_COOLDOWN',
  RESEND_LIMIT: 'RESEND_LIMIT',
  CODE_SENDS_LIMITED: 'CODE_SENDS_LIMITED',
  CODE_RECOVERY_LOCKED: 'CODE_RECOVERY_LOCKED',
  CONTACT_IN_USE: 'CONTACT_IN_USE',
  PASSWORD_REJECTED: 'PASSWORD_REJECTED',
  SESSION_INVALID: 'SESSION_INVALID',
  // Only the audit anchor sender sees it (a refused anchor, never a citizen's screen).
  AUDIT_ANCHOR_BEHIND: 'VALIDATION_FAILED',
  BACKEND_UNAVAILABLE: 'BACKEND_UNAVAILABLE',
  BACKEND_ERROR: 'BACKEND_ERROR',
};

const FIELD_NAME = /^[A-Za-z][A-Za-z0-9-]{0,39}$/;
/** Bounds that keep a confused backend from putting absurd numbers on screen. */
const MAX_ATTEMPTS = 1000;
const MAX_RETRY_AFTER_S = 7 * 24 * 3600;

function count(value: unknown, max: number): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= max ? Math.ceil(value) : undefined;
}

/** Re-serialised, so that only a well-formed time crosses, never the backend's string. */
function isoTime(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 40) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** `Retry-After`: delta-seconds or an HTTP date; seconds from now, or undefined. */
export function parseRetryAfter(header: unknown, nowMs: number = Date.now()): number | undefined {
  if (typeof header !== 'string' || header.length > 64) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return count(Number(trimmed), MAX_RETRY_AFTER_S);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : count(Math.max(0, (at - nowMs) / 1000), MAX_RETRY_AFTER_S);
}

/** A non-2xx answer as a KioskError. `retryAfterHeader` fills retryAfterSeconds when the body has none. */
export function problemToError(body: unknown, retryAfterHeader?: unknown): KioskError {
  if (typeof body !== 'object' || body === null) return { code: 'BACKEND_ERROR' };
  const p = body as Record<string, unknown>;
  const code = typeof p.code === 'string' && Object.hasOwn(BACKEND_CODE_MAP, p.code) ? BACKEND_CODE_MAP[p.code as ProblemCode] : undefined;
  if (!code) return { code: 'BACKEND_ERROR' };
  const error: KioskError = { code };
  const attemptsRemaining = count(p.attemptsRemaining, MAX_ATTEMPTS);
  if (attemptsRemaining !== undefined) error.attemptsRemaining = attemptsRemaining;
  const retryAfterSeconds = count(p.retryAfterSeconds, MAX_RETRY_AFTER_S) ?? parseRetryAfter(retryAfterHeader);
  if (retryAfterSeconds !== undefined) error.retryAfterSeconds = retryAfterSeconds;
  const lockedUntil = isoTime(p.lockedUntil);
  if (lockedUntil !== undefined) error.lockedUntil = lockedUntil;
  if (typeof p.field === 'string' && FIELD_NAME.test(p.field)) error.field = p.field;
  return error;
}
