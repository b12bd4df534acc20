/**
 * Officer sign-in (docs/architecture.md §5 assisted mode): staff id + PIN,
 * checked by the backend (resources/openapi.yaml `operatorSignIn`).
 *
 * - 5 wrong PINs in a row for one staff id (trimmed, upper-cased) lock it for
 *   15 minutes: 423 OPERATOR_LOCKED with `lockedUntil`, the right PIN
 *   refused meanwhile. An unknown staff id has a counter of its own and gets
 *   the very same answers, with the same hashing work (one scrypt per
 *   attempt, locked or not), so the answers do not tell which ids exist.
 *   Counters are keyed by the SHA-256 of the staff id: whatever was typed
 *   into "ID Petugas" (a NIK, a name) is not kept in the state file.
 * - At most `kioskOperatorSignInLimitPerHour` (20) attempts per kiosk in
 *   any rolling hour, right or wrong; then 429 KIOSK_RATE_LIMITED before any
 *   PIN is checked.
 * - The token lasts one shift (10 hours) and is bound to the kiosk that
 *   signed in: the identity path of an assisted kiosk takes only a token of
 *   its own (identityRules.ts, `officerAt`).
 */
import type { ContractSchema } from '../contract/document';
import type { StubConfig } from './context';
import { countFailure, lockedUntil, pruneFailures } from './failureLock';
import { problem, toIso, type Reply } from './problem';
import { pruneBook, takeKioskSlot } from './rollingWindow';
import { newToken, sha256, verifySecret } from './secrets';
import type { StubState } from './state';

export const OPERATOR_MAX_FAILURES = 5;
export const OPERATOR_LOCK_MS = 15 * 60_000;
/** A shift: officer tokens lapse 10 hours after sign-in (the kiosk's default shift). */
export const OPERATOR_SESSION_MS = 10 * 60 * 60_000;
export const OPERATOR_KIOSK_WINDOW_MS = 60 * 60_000;

export function normalizeStaffId(staffId: string): string {
  return staffId.trim().toUpperCase();
}

export function operatorSignIn(state: StubState, staffId: string, pin: string, kioskId: string, config: StubConfig, now: number): Reply {
  const capped = takeKioskSlot((state.kioskOperatorTries ??= {}), kioskId, config.kioskOperatorSignInLimitPerHour, OPERATOR_KIOSK_WINDOW_MS, now);
  if (capped) return capped;

  const normalized = normalizeStaffId(staffId);
  const operator = state.operators.find((o) => o.staffId === normalized);
  // Exactly one scrypt whatever follows (unknown id, locked, wrong or right PIN): no timing oracle.
  const pinOk = verifySecret(pin, operator?.pin ?? null);
  const counters = (state.operatorCounters ??= {});
  const key = sha256(normalized);
  const locked = lockedUntil(counters, key, now);
  if (locked !== null) return problem('OPERATOR_LOCKED', 423, { attemptsRemaining: 0, lockedUntil: toIso(locked) });
  if (pinOk && operator) {
    delete counters[key];
    const operatorToken = newToken();
    state.operatorSessions[sha256(operatorToken)] = { staffId: operator.staffId, issuedAt: now, kioskId };
    return { status: 200, body: { staffId: operator.staffId, name: operator.name, operatorToken } satisfies ContractSchema<'Operator'> };
  }
  const counted = countFailure(counters, key, { maxFailures: OPERATOR_MAX_FAILURES, lockMs: OPERATOR_LOCK_MS }, now);
  if ('lockedUntil' in counted) return problem('OPERATOR_LOCKED', 423, { attemptsRemaining: 0, lockedUntil: toIso(counted.lockedUntil) });
  return problem('OPERATOR_INVALID', 401, { attemptsRemaining: counted.attemptsRemaining });
}

/**
 * The staff id of the officer whose token this is, signed in at `kioskId`
 * within their shift; null for no token, an unknown or lapsed one, or
 * another kiosk's (sessions kept from before tokens were bound to a kiosk
 * belong to none).
 */
export function officerAt(state: StubState, operatorToken: string, kioskId: string, now: number): string | null {
  if (operatorToken === '') return null;
  const session = state.operatorSessions[sha256(operatorToken)];
  if (!session || session.kioskId !== kioskId || now >= session.issuedAt + OPERATOR_SESSION_MS) return null;
  return session.staffId;
}

/** Forgets lapsed tokens, ended locks, old runs of wrong PINs and per-kiosk attempts out of the window. */
export function pruneOperatorState(state: StubState, now: number): void {
  for (const [key, session] of Object.entries(state.operatorSessions)) {
    if (now >= session.issuedAt + OPERATOR_SESSION_MS) delete state.operatorSessions[key];
  }
  if (state.operatorCounters) pruneFailures(state.operatorCounters, now);
  if (state.kioskOperatorTries) pruneBook(state.kioskOperatorTries, OPERATOR_KIOSK_WINDOW_MS, now);
}
