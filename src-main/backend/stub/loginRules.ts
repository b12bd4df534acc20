/**
 * Citizen sign-in (docs/architecture.md §3 "login"): e-mail or phone + password;
 * 5 wrong passwords lock the account for 15 minutes. Unknown identifiers get
 * their own counter and the very same answers, so that sign-in does not tell
 * whether an account exists.
 */
import { maskName } from '../../../src-shared/rules/masking';
import { normalizeEmail } from '../../../src-shared/rules/email';
import { normalizeIndonesianMobile } from '../../../src-shared/rules/phone';
import type { ContractSchema } from '../contract/document';
import { problem, toIso, type Reply } from './problem';
import { newToken, sha256, verifySecret } from './secrets';
import { findAccountByEmail, findAccountByPhone, type AccountRecord, type StubState } from './state';

export const LOGIN_MAX_FAILURES = 5;
export const LOGIN_LOCK_MS = 15 * 60_000;
/** A run of wrong passwords is forgotten after a quiet day. */
const FAILURE_MEMORY_MS = 24 * 60 * 60_000;
/** Sign-in sessions kept per account; older ones simply lapse. */
const MAX_SESSIONS = 20;

/** E.164 phone or lower-case e-mail, or null when it is neither. */
export function normalizeIdentifier(identifier: string): string | null {
  return identifier.includes('@') ? normalizeEmail(identifier) : normalizeIndonesianMobile(identifier);
}

export function findAccountByIdentifier(state: StubState, normalized: string): AccountRecord | undefined {
  return normalized.includes('@') ? findAccountByEmail(state, normalized) : findAccountByPhone(state, normalized);
}

export function signIn(state: StubState, identifier: string, password: string, now: number): Reply {
  const normalized = normalizeIdentifier(identifier);
  if (normalized === null) return problem('VALIDATION_FAILED', 400, { field: 'identifier' });
  const account = findAccountByIdentifier(state, normalized);
  const key = account ? `acc:${account.id}` : `unknown:${sha256(normalized)}`;
  let counter = state.loginCounters[key];
  if (counter?.lockedUntil !== null && counter?.lockedUntil !== undefined) {
    if (now < counter.lockedUntil) {
      // Same work as a real check, so a locked account does not answer faster.
      verifySecret(password, account?.password ?? null);
      return problem('ACCOUNT_LOCKED', 423, { lockedUntil: toIso(counter.lockedUntil), attemptsRemaining: 0 });
    }
    counter = undefined;
    delete state.loginCounters[key];
  }
  if (account && verifySecret(password, account.password)) {
    delete state.loginCounters[key];
    const sessionToken = newToken();
    account.sessions = [...account.sessions, sha256(sessionToken)].slice(-MAX_SESSIONS);
    return { status: 200, body: { displayName: maskName(account.fullName), sessionToken } satisfies ContractSchema<'SignedIn'> };
  }
  if (!account) verifySecret(password, null);
  const failures = (counter?.failures ?? 0) + 1;
  if (failures >= LOGIN_MAX_FAILURES) {
    const lockedUntil = now + LOGIN_LOCK_MS;
    state.loginCounters[key] = { failures: 0, lockedUntil, lastFailureAt: now };
    return problem('ACCOUNT_LOCKED', 423, { lockedUntil: toIso(lockedUntil), attemptsRemaining: 0 });
  }
  state.loginCounters[key] = { failures, lockedUntil: null, lastFailureAt: now };
  return problem('INVALID_CREDENTIALS', 401, { attemptsRemaining: LOGIN_MAX_FAILURES - failures });
}

/** Whether a sign-in session token is still valid (revocation is observable through it). */
export function checkSession(state: StubState, sessionToken: string): Reply {
  const hash = sha256(sessionToken);
  const account = state.accounts.find((a) => a.sessions.includes(hash));
  if (!account) return problem('SESSION_INVALID', 401);
  return { status: 200, body: { displayName: maskName(account.fullName) } satisfies ContractSchema<'Session'> };
}

/** Forgets old runs of failures and ended locks so that the state stays small. */
export function pruneLoginCounters(state: StubState, now: number): void {
  for (const [key, counter] of Object.entries(state.loginCounters)) {
    const locked = counter.lockedUntil !== null && now < counter.lockedUntil;
    if (!locked && now - counter.lastFailureAt > FAILURE_MEMORY_MS) delete state.loginCounters[key];
  }
}
