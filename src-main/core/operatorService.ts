import type { OperatorSignInRequest, OperatorView } from '../../src-shared/contract';
import { fail, ok, type Result } from '../../src-shared/errors';
import { auditBase, callContext, type CoreDeps } from './coreDeps';
import type { Caller } from './router';

/** Counter staff sign in at the start of a shift (assisted mode, DESIGN.md §5). */
export function createOperatorService(deps: CoreDeps) {
  return {
    async operatorSignIn(caller: Caller, req: OperatorSignInRequest): Promise<Result<OperatorView>> {
      const session = deps.sessions.get(caller.windowId);
      const result = await deps.backend.operatorSignIn(callContext(deps), req.staffId, req.pin);
      if (!result.ok) {
        const recorded = await deps.audit.record({
          sessionId: session.sessionId,
          // A staff id is not a secret; the PIN never leaves this function.
          operatorId: req.staffId.toUpperCase(),
          event: 'operator.signin-failed',
          outcome: 'failure',
          detail: { errorCode: result.error.code },
        });
        return recorded ? result : fail('OUT_OF_SERVICE');
      }
      const { operatorToken, ...view } = result.value;
      deps.operator.current = { view, operatorToken };
      if (!(await deps.audit.record({ ...auditBase(deps, session), event: 'operator.signed-in', outcome: 'success' }))) {
        delete deps.operator.current;
        return fail('OUT_OF_SERVICE');
      }
      return ok(view);
    },

    async operatorSignOut(caller: Caller): Promise<Result<null>> {
      const session = deps.sessions.get(caller.windowId);
      if (!deps.operator.current) return ok(null);
      await deps.audit.record({ ...auditBase(deps, session), event: 'operator.signed-out', outcome: 'info' });
      delete deps.operator.current;
      deps.sessions.wipe(caller.windowId);
      return ok(null);
    },
  };
}
