/**
 * Operator sign-in (docs/architecture.md §5 assisted mode): staff id + PIN, checked by
 * the backend. The token lets the backend attribute later calls to the
 * operator; the stub records it but does not require it (kiosk mode is the
 * kiosk's business).
 */
import type { ContractSchema } from '../contract/document';
import { problem, type Reply } from './problem';
import { newToken, sha256, verifySecret } from './secrets';
import type { StubState } from './state';

/** A shift: operator tokens lapse after 12 hours. */
const OPERATOR_SESSION_MS = 12 * 60 * 60_000;

export function operatorSignIn(state: StubState, staffId: string, pin: string, now: number): Reply {
  const operator = state.operators.find((o) => o.staffId === staffId.trim().toUpperCase());
  if (!verifySecret(pin, operator?.pin ?? null) || !operator) return problem('OPERATOR_INVALID', 401);
  const operatorToken = newToken();
  state.operatorSessions[sha256(operatorToken)] = { staffId: operator.staffId, issuedAt: now };
  return { status: 200, body: { staffId: operator.staffId, name: operator.name, operatorToken } satisfies ContractSchema<'Operator'> };
}

export function pruneOperatorSessions(state: StubState, now: number): void {
  for (const [key, session] of Object.entries(state.operatorSessions)) {
    if (now - session.issuedAt > OPERATOR_SESSION_MS) delete state.operatorSessions[key];
  }
}
