/**
 * "N wrong in a row lock it for a while": the citizen's password
 * (loginRules.ts, per identifier) and the officer's PIN (operatorRules.ts,
 * per staff id). One counter per key in a book of the state; a success
 * clears it; a run of failures is forgotten after a quiet day.
 */
import type { LoginCounter } from './state';

export type FailureBook = Record<string, LoginCounter>;

export interface LockRule {
  maxFailures: number;
  lockMs: number;
}

/** A run of wrong tries is forgotten after a quiet day. */
const FAILURE_MEMORY_MS = 24 * 60 * 60_000;

/** When the key's lock ends, if it is locked at `now`; an ended lock is cleared (a fresh run starts). */
export function lockedUntil(book: FailureBook, key: string, now: number): number | null {
  const until = book[key]?.lockedUntil ?? null;
  if (until === null) return null;
  if (now < until) return until;
  delete book[key];
  return null;
}

/** Counts a wrong try: the lock's end when this one locks the key, else the tries left. */
export function countFailure(book: FailureBook, key: string, rule: LockRule, now: number): { lockedUntil: number } | { attemptsRemaining: number } {
  const previous = book[key];
  // A run of failures is forgotten after a quiet day (whether or not pruning has removed it yet).
  const failures = (previous && now - previous.lastFailureAt <= FAILURE_MEMORY_MS ? previous.failures : 0) + 1;
  if (failures >= rule.maxFailures) {
    const until = now + rule.lockMs;
    book[key] = { failures: 0, lockedUntil: until, lastFailureAt: now };
    return { lockedUntil: until };
  }
  book[key] = { failures, lockedUntil: null, lastFailureAt: now };
  return { attemptsRemaining: rule.maxFailures - failures };
}

/** Forgets ended locks and runs of failures older than a day, so the state stays small. */
export function pruneFailures(book: FailureBook, now: number): void {
  for (const [key, counter] of Object.entries(book)) {
    const locked = counter.lockedUntil !== null && now < counter.lockedUntil;
    if (!locked && now - counter.lastFailureAt > FAILURE_MEMORY_MS) delete book[key];
  }
}
