import { OPERATOR_TOOLS_SECONDS, type ConfirmOperatorPinRequest, type OperatorSignInRequest, type OperatorView } from '../../src-shared/contract';
import { fail, ok, type Result } from '../../src-shared/errors';
import { auditBase, callContext, type CoreDeps } from './coreDeps';
import type { Caller } from './router';

/** Counter staff sign in at the start of a shift (assisted mode, docs/architecture.md §5). */
export function createOperatorService(deps: CoreDeps) {
  return {
    async operatorSignIn(caller: Caller, req: OperatorSignInRequest): Promise<Result<OperatorView>> {
      const session = deps.sessions.open(caller.windowId);
      // After a lost answer the same staff id and PIN go again under the same key.
      const request = session.pending.begin('operatorSignIn', [req.staffId, req.pin]);
      const result = await deps.backend.operatorSignIn(callContext(deps, request.key), req.staffId, req.pin);
      return request.settle(result, async (): Promise<Result<OperatorView>> => {
        if (!result.ok) {
          await deps.audit.record({
            sessionId: session.sessionId,
            // Never the text typed as the staff id (it may be a PIN, a NIK, a name): a keyed hash of it,
            // trimmed and upper-cased as the backend reads it, in a domain of its own so that a NIK typed
            // here never matches that citizen's subject. No operatorId: nobody signed in. The PIN never
            // leaves this function.
            subject: deps.audit.subjectKey(`staff-id:${req.staffId.trim().toUpperCase()}`),
            event: 'operator.signin-failed',
            outcome: 'failure',
            detail: { errorCode: result.error.code },
          });
          return result;
        }
        const { operatorToken, ...view } = result.value;
        // Signed in only once that is on record.
        await deps.audit.record({ sessionId: session.sessionId, operatorId: view.staffId, event: 'operator.signed-in', outcome: 'success' });
        deps.operator.current = { view, operatorToken, signedInAt: deps.now() };
        return ok(view);
      });
    },

    /**
     * The officer's PIN again before an officer tool opens: a citizen at the
     * counter cannot export the log or end the officer's session. Checked as
     * a sign-in of the signed-in staff id, so the backend's PIN limits count
     * (5 wrong PINs lock the staff id); the new token is dropped, the shift's
     * own stays. The PIN is never kept or recorded.
     */
    async confirmOperatorPin(caller: Caller, req: ConfirmOperatorPinRequest): Promise<Result<null>> {
      const officer = deps.operator.current;
      if (!officer) return fail('OPERATOR_REQUIRED');
      delete officer.toolsUntil;
      const base = auditBase(deps, deps.sessions.find(caller.windowId));
      const result = await deps.backend.operatorSignIn(callContext(deps), officer.view.staffId, req.pin);
      if (!result.ok) {
        await deps.audit.record({ ...base, event: 'operator.pin-failed', outcome: 'failure', detail: { errorCode: result.error.code } });
        return result;
      }
      // Signed out meanwhile (idle, shift): nothing to open.
      if (deps.operator.current !== officer) return fail('OPERATOR_REQUIRED');
      await deps.audit.record({ ...base, event: 'operator.pin-confirmed', outcome: 'success' });
      officer.toolsUntil = deps.now() + OPERATOR_TOOLS_SECONDS * 1000;
      return ok(null);
    },

    async operatorSignOut(caller: Caller): Promise<Result<null>> {
      if (!deps.operator.current) return ok(null);
      try {
        await deps.audit.record({ ...auditBase(deps, deps.sessions.find(caller.windowId)), event: 'operator.signed-out', outcome: 'info' });
      } finally {
        // Signing out always happens: an officer's session must not outlive a broken log.
        delete deps.operator.current;
        deps.sessions.wipe(caller.windowId);
      }
      return ok(null);
    },
  };
}
