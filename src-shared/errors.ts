/**
 * The closed set of error codes that may cross IPC (and the HTTP bridge).
 * The renderer turns each into a localised message; raw backend text never
 * reaches a citizen. Backend problem+json `code`s use the same names.
 */
export const ERROR_CODES = [
  /** The payload did not pass the contract's schema. */
  'VALIDATION_FAILED',
  /** Sign-in: wrong identifier or password (attemptsRemaining may follow). */
  'INVALID_CREDENTIALS',
  /** Sign-in: too many wrong passwords (lockedUntil follows). */
  'ACCOUNT_LOCKED',
  /** Operator sign-in failed. */
  'OPERATOR_INVALID',
  /** Too many wrong PINs for this staff id (lockedUntil follows). */
  'OPERATOR_LOCKED',
  /** The action needs a signed-in operator (assisted mode). */
  'OPERATOR_REQUIRED',
  /** Identity verification did not match; never says which field. */
  'IDENTITY_MISMATCH',
  /** Identity verification: no tries left for this NIK (lockedUntil follows). */
  'IDENTITY_LOCKED',
  /** Per-kiosk guard against enumeration (retryAfterSeconds follows). */
  'KIOSK_RATE_LIMITED',
  /** Wrong OTP code (attemptsRemaining follows). */
  'OTP_INVALID',
  /** The OTP expired; start again or resend. */
  'OTP_EXPIRED',
  /** The challenge was voided (too many wrong codes, or replaced). */
  'OTP_VOIDED',
  /** Resend asked for before the cooldown ended (retryAfterSeconds follows). */
  'RESEND_COOLDOWN',
  /** No resends left. */
  'RESEND_LIMIT',
  /** Too many codes sent to this phone or e-mail lately (retryAfterSeconds follows). */
  'CODE_SENDS_LIMITED',
  /** Too many wrong codes for this account in 24 h: recovery by code is locked (lockedUntil follows). */
  'CODE_RECOVERY_LOCKED',
  /** The new phone or e-mail (field) belongs to another account; said only after its code proved it. */
  'CONTACT_IN_USE',
  /** The new password breaks the service's policy. */
  'PASSWORD_REJECTED',
  /** No recovery session, or it is not at the step the call needs. */
  'SESSION_INVALID',
  /** The backend could not be reached in time. */
  'BACKEND_UNAVAILABLE',
  /** The backend answered with something the kiosk cannot use. */
  'BACKEND_ERROR',
  /** The audit log cannot be written: sensitive actions stop (fail closed). */
  'OUT_OF_SERVICE',
  /** The caller is not the kiosk's own renderer. */
  'FORBIDDEN',
  /** Unexpected fault in the kiosk itself. */
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface KioskError {
  code: ErrorCode;
  /** Tries left before a lock (sign-in, OTP, identity). */
  attemptsRemaining?: number;
  /** Seconds until the action may be tried again. */
  retryAfterSeconds?: number;
  /** ISO 8601 time when a lock ends. */
  lockedUntil?: string;
  /** For VALIDATION_FAILED: the first offending field, when known. */
  field?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: KioskError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(code: ErrorCode, extra: Omit<KioskError, 'code'> = {}): Result<T> {
  return { ok: false, error: { code, ...extra } };
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
