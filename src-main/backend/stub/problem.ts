/**
 * RFC 9457 problem details as the stub answers them. Every error carries a
 * stable `code` of the contract's Problem schema (resources/openapi.yaml, typed
 * through the generated openapi.d.ts) so that clients never have to interpret
 * human text; a code the contract does not declare does not compile here.
 */
import type { ProblemCode } from '../contract/document';

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: ProblemCode;
  attemptsRemaining?: number;
  retryAfterSeconds?: number;
  lockedUntil?: string;
  field?: string;
}

/** What a rule decided: a status and a JSON body (success or problem). */
export interface Reply {
  status: number;
  body: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Short, fixed English titles: informative for developers, never shown to citizens. */
const TITLES: Record<ProblemCode, string> = {
  VALIDATION_FAILED: 'The request is not valid',
  INVALID_CREDENTIALS: 'Wrong identifier or password',
  ACCOUNT_LOCKED: 'The account is locked for a while',
  OPERATOR_INVALID: 'Wrong staff id or PIN',
  OPERATOR_REQUIRED: 'An operator of this kiosk must be signed in',
  OPERATOR_LOCKED: 'Too many wrong PINs for this staff id',
  KIOSK_UNAUTHENTICATED: 'The kiosk is not authenticated',
  IDENTITY_MISMATCH: 'The identity data do not match',
  IDENTITY_LOCKED: 'No identity verification tries left for now',
  KIOSK_RATE_LIMITED: 'This kiosk reached its hourly cap for this action',
  OTP_INVALID: 'Wrong code',
  OTP_EXPIRED: 'The code expired',
  OTP_VOIDED: 'The code can no longer be used',
  RESEND_COOLDOWN: 'A new code cannot be sent yet',
  RESEND_LIMIT: 'No more codes can be sent',
  CODE_SENDS_LIMITED: 'Too many codes sent to this destination lately',
  CODE_RECOVERY_LOCKED: 'Too many wrong codes: recovery by code is locked for now',
  CONTACT_IN_USE: 'The new phone or e-mail belongs to another account',
  PASSWORD_REJECTED: 'The new password breaks the policy',
  SESSION_INVALID: 'No such recovery, or not at this step',
  AUDIT_ANCHOR_BEHIND: 'The anchor is behind one already stored for this kiosk',
  BACKEND_UNAVAILABLE: 'The service is unavailable',
  BACKEND_ERROR: 'The service failed',
};

export function problemBody(
  code: ProblemCode,
  status: number,
  extra: Pick<ProblemBody, 'attemptsRemaining' | 'retryAfterSeconds' | 'lockedUntil' | 'field'> = {},
): ProblemBody {
  return {
    type: `urn:pulih:problem:${code}`,
    title: TITLES[code],
    status,
    code,
    ...extra,
  };
}

export function problem(
  code: ProblemCode,
  status: number,
  extra: Pick<ProblemBody, 'attemptsRemaining' | 'retryAfterSeconds' | 'lockedUntil' | 'field'> = {},
): Reply {
  return { status, body: problemBody(code, status, extra) };
}

export function toIso(ms: number): string {
  return new Date(ms).toISOString();
}
