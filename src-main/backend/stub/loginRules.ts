/**
 * Citizen sign-in (docs/architecture.md §3 "login"): e-mail or phone +
 * password; 5 wrong passwords for one identifier lock that identifier for 15
 * minutes. The count is kept per identifier (the normalised phone or e-mail,
 * keyed by its SHA-256), registered or not, whichever account it belongs
 * to: so neither the attempts left nor the lock tell that an identifier
 * exists or that two identifiers share an account. The price: an attacker
 * gets 5 guesses per identifier, so 10 per 15 minutes for an account with a
 * phone and an e-mail. A sign-in session lasts 30 minutes.
 */
import { maskName } from '../../../src-shared/rules/masking';
import { normalizeEmail } from '../../../src-shared/rules/email';
import { normalizeIndonesianMobile } from '../../../src-shared/rules/phone';
import type { ContractSchema } from '../contract/document';
import { countFailure, lockedUntil, pruneFailures } from './failureLock';
import { problem, toIso, type Reply } from './problem';
import { newToken, sha256, verifySecret } from './secrets';
import { findAccountByEmail, findAccountByPhone, type AccountRecord, type SessionRecord, type StubState } from './state';

export const LOGIN_MAX_FAILURES = 5;
export const LOGIN_LOCK_MS = 15 * 60_000;
/** A sign-in session is valid this long after it was issued (docs/architecture.md §3 "login"). */
export const SESSION_TTL_MS = 30 * 60_000;
/** Sign-in sessions kept per account; older ones simply lapse. */
const MAX_SESSIONS = 20;

/** E.164 phone or lower-case e-mail, or null when it is neither. */
export function normalizeIdentifier(identifier: string): string | null {
  return identifier.includes('@') ? normalizeEmail(identifier) : normalizeIndonesianMobile(identifier);
}

export function findAccountByIdentifier(state: StubState, normalized: string): AccountRecord | undefined {
  return normalized.includes('@') ? findAccountByEmail(state, normalized) : findAccountByPhone(state, normalized);
}

/** The lock counter of a normalised identifier: the same key whether or not it is registered. */
function counterKey(normalized: string): string {
  return `id:${sha256(normalized)}`;
}

const isLive = (session: SessionRecord, now: number): boolean => now < session.issuedAt + SESSION_TTL_MS;

export function signIn(state: StubState, identifier: string, password: string, now: number): Reply {
  const normalized = normalizeIdentifier(identifier);
  if (normalized === null) return problem('VALIDATION_FAILED', 400, { field: 'identifier' });
  const account = findAccountByIdentifier(state, normalized);
  const key = counterKey(normalized);
  const locked = lockedUntil(state.loginCounters, key, now);
  if (locked !== null) {
    // Same work as a real check, so a locked identifier does not answer faster.
    verifySecret(password, account?.password ?? null);
    return problem('ACCOUNT_LOCKED', 423, { lockedUntil: toIso(locked), attemptsRemaining: 0 });
  }
  if (account && verifySecret(password, account.password)) {
    delete state.loginCounters[key];
    const sessionToken = newToken();
    const live = account.sessions.filter((s) => isLive(s, now));
    account.sessions = [...live, { hash: sha256(sessionToken), issuedAt: now }].slice(-MAX_SESSIONS);
    return { status: 200, body: { displayName: maskName(account.fullName), sessionToken } satisfies ContractSchema<'SignedIn'> };
  }
  if (!account) verifySecret(password, null);
  const counted = countFailure(state.loginCounters, key, { maxFailures: LOGIN_MAX_FAILURES, lockMs: LOGIN_LOCK_MS }, now);
  if ('lockedUntil' in counted) return problem('ACCOUNT_LOCKED', 423, { lockedUntil: toIso(counted.lockedUntil), attemptsRemaining: 0 });
  return problem('INVALID_CREDENTIALS', 401, { attemptsRemaining: counted.attemptsRemaining });
}

/**
 * Lifts the sign-in locks (and forgets the wrong passwords) of these
 * identifiers, each an E.164 phone or a lower-case e-mail: what a completed
 * recovery does for the account's old and new phone and e-mail.
 */
export function liftSignInLocks(state: StubState, identifiers: readonly string[]): void {
  for (const identifier of identifiers) delete state.loginCounters[counterKey(identifier)];
}

/** Whether a sign-in session token is still valid: issued less than 30 minutes ago and not revoked. */
export function checkSession(state: StubState, sessionToken: string, now: number): Reply {
  const hash = sha256(sessionToken);
  const account = state.accounts.find((a) => a.sessions.some((s) => s.hash === hash && isLive(s, now)));
  if (!account) return problem('SESSION_INVALID', 401);
  return { status: 200, body: { displayName: maskName(account.fullName) } satisfies ContractSchema<'Session'> };
}

/** Forgets old runs of failures and ended locks so that the state stays small. */
export function pruneLoginCounters(state: StubState, now: number): void {
  pruneFailures(state.loginCounters, now);
}

/** Forgets sign-in sessions past their lifetime. */
export function pruneSessions(state: StubState, now: number): void {
  for (const account of state.accounts) {
    if (account.sessions.some((s) => !isLive(s, now))) account.sessions = account.sessions.filter((s) => isLive(s, now));
  }
}
