/**
 * Housekeeping run before each change: forgets what no rule needs any more,
 * so that the state file stays small on a kiosk running for months.
 */
import { pruneIdempotency } from './idempotency';
import { pruneIdentityWindows } from './identityRules';
import { pruneLoginCounters } from './loginRules';
import { pruneOperatorSessions } from './operatorRules';
import { pruneOutbox } from './outbox';
import { pruneRecoveries } from './recoveryRules';
import type { StubState } from './state';

export function prune(state: StubState, now: number): void {
  pruneLoginCounters(state, now);
  pruneOperatorSessions(state, now);
  pruneIdentityWindows(state, now);
  pruneRecoveries(state, now);
  pruneIdempotency(state, now);
  pruneOutbox(state);
}
