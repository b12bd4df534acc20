/**
 * Housekeeping: forgets what no rule needs any more, so that the state (in
 * memory and on disk) stays small on a kiosk running for months. Run on a
 * timer and at close (server.ts), not per request: every rule ignores what
 * has lapsed by itself (rolling windows, lapsed recoveries and sessions,
 * idempotency records older than a day, outbox beyond the newest 500, runs
 * of wrong passwords older than a day), so pruning changes no answer.
 */
import { pruneCodeLimits } from './codeLimits';
import { pruneIdempotency } from './idempotency';
import { pruneIdentityWindows } from './identityRules';
import { pruneLoginCounters, pruneSessions } from './loginRules';
import { pruneOperatorState } from './operatorRules';
import { pruneOutbox } from './outbox';
import { pruneRecoveries } from './recoveryRules';
import type { StubState } from './state';

export function prune(state: StubState, now: number): void {
  pruneLoginCounters(state, now);
  pruneSessions(state, now);
  pruneOperatorState(state, now);
  pruneIdentityWindows(state, now);
  pruneRecoveries(state, now);
  pruneCodeLimits(state, now);
  pruneIdempotency(state, now);
  pruneOutbox(state);
}
