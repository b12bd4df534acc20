/**
 * The limits on every path to a code (docs/architecture.md §3, the contract's
 * `recovery` tag), on top of each challenge's own rules (otpRules.ts):
 *
 * - Codes sent per destination (an E.164 phone or a lower-case e-mail,
 *   registered or not): starts, resends and the identity path's code to a
 *   new contact counted together, at most `codeSendsPerHour` in any rolling
 *   hour and `codeSendsPerDay` in any rolling 24 h; beyond that 429
 *   CODE_SENDS_LIMITED and nothing is sent. An unregistered destination is
 *   counted the same way, so the limit tells nothing about registration.
 * - Wrong codes per account (per destination when unregistered, so the
 *   answers look alike): the 10th in any rolling 24 h across all its
 *   challenges locks recovery by code (423 CODE_RECOVERY_LOCKED) until the
 *   oldest of them is a day old. The identity path is not locked.
 * - Recovery starts per kiosk: at most `kioskStartLimitPerHour` in any
 *   rolling hour (429 KIOSK_RATE_LIMITED).
 *
 * Each check and its count run in the same synchronous rule (handler.ts), so
 * parallel requests cannot slip past a limit. Only what happened is counted:
 * a refused request changes none of these counters.
 */
import type { StubConfig } from './context';
import { problem, toIso, type Reply } from './problem';
import { pruneBook, recent, waitBelow } from './rollingWindow';
import { sha256 } from './secrets';
import type { CodeLimitsRecord, StubState } from './state';

export const HOUR_MS = 60 * 60_000;
export const DAY_MS = 24 * HOUR_MS;
/** Wrong codes per account (or unregistered destination) in any rolling 24 h; the last of them locks. */
export const MAX_WRONG_CODES_PER_DAY = 10;

/** Whose wrong codes count together: the account, or the destination when no account has it. */
export interface CodeSubject {
  accountId: string | null;
  destination: string;
}

function limitsOf(state: StubState): CodeLimitsRecord {
  return (state.codeLimits ??= { sends: {}, wrongCodes: {}, kioskStarts: {} });
}

/** Destinations are never kept in clear in the counters. */
function destinationKey(destination: string): string {
  return sha256(destination);
}

function wrongCodesKey(subject: CodeSubject): string {
  return subject.accountId !== null ? `acc:${subject.accountId}` : `dst:${destinationKey(subject.destination)}`;
}

/** 429 CODE_SENDS_LIMITED when one more code to `destination` would break a window (the later of the two waits), else null. */
export function sendLimitReached(state: StubState, destination: string, config: StubConfig, now: number): Reply | null {
  const times = limitsOf(state).sends[destinationKey(destination)];
  const wait = Math.max(waitBelow(times, config.codeSendsPerHour, HOUR_MS, now), waitBelow(times, config.codeSendsPerDay, DAY_MS, now));
  return wait > 0 ? problem('CODE_SENDS_LIMITED', 429, { retryAfterSeconds: wait }) : null;
}

/** Counts a code sent (or, for an unregistered destination, one that would have been). */
export function countSend(state: StubState, destination: string, now: number): void {
  const sends = limitsOf(state).sends;
  const key = destinationKey(destination);
  sends[key] = [...recent(sends[key], DAY_MS, now), now];
}

/** 423 CODE_RECOVERY_LOCKED (with `lockedUntil`) while the subject's wrong codes of the last 24 h are at the limit, else null. */
export function codeRecoveryLock(state: StubState, subject: CodeSubject, now: number): Reply | null {
  const wrong = recent(limitsOf(state).wrongCodes[wrongCodesKey(subject)], DAY_MS, now);
  if (wrong.length < MAX_WRONG_CODES_PER_DAY) return null;
  const oldest = wrong[wrong.length - MAX_WRONG_CODES_PER_DAY] ?? now;
  return problem('CODE_RECOVERY_LOCKED', 423, { lockedUntil: toIso(oldest + DAY_MS) });
}

/** Counts a wrong code; the lock when this one reached the limit, else null. */
export function countWrongCode(state: StubState, subject: CodeSubject, now: number): Reply | null {
  const wrongCodes = limitsOf(state).wrongCodes;
  const key = wrongCodesKey(subject);
  wrongCodes[key] = [...recent(wrongCodes[key], DAY_MS, now), now];
  return codeRecoveryLock(state, subject, now);
}

/** 429 KIOSK_RATE_LIMITED when the kiosk started `kioskStartLimitPerHour` recoveries in the last hour, else null. */
export function kioskStartLimitReached(state: StubState, kioskId: string, config: StubConfig, now: number): Reply | null {
  const wait = waitBelow(limitsOf(state).kioskStarts[kioskId], config.kioskStartLimitPerHour, HOUR_MS, now);
  return wait > 0 ? problem('KIOSK_RATE_LIMITED', 429, { retryAfterSeconds: wait }) : null;
}

export function countKioskStart(state: StubState, kioskId: string, now: number): void {
  const starts = limitsOf(state).kioskStarts;
  starts[kioskId] = [...recent(starts[kioskId], HOUR_MS, now), now];
}

/** Forgets every time outside its window. */
export function pruneCodeLimits(state: StubState, now: number): void {
  const limits = state.codeLimits;
  if (!limits) return;
  pruneBook(limits.sends, DAY_MS, now);
  pruneBook(limits.wrongCodes, DAY_MS, now);
  pruneBook(limits.kioskStarts, HOUR_MS, now);
}
