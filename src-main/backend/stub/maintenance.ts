/**
 * Housekeeping run before each change: forgets what no rule needs any more,
 * so that the state file stays small on a kiosk running for months.
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
