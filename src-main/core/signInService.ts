import type { SignInRequest, SignedInView } from '../../src-shared/contract';
import { fail, ok, type Result } from '../../src-shared/errors';
import { normalizeEmail } from '../../src-shared/rules/email';
import { maskEmail, maskName, maskPhone } from '../../src-shared/rules/masking';
import { normalizeIndonesianMobile } from '../../src-shared/rules/phone';
import type { Caller } from './router';
import { auditBase, callContext, type CoreDeps } from './coreDeps';

/** Citizen sign-in (seed screen 1): e-mail or any Indonesian mobile form + password. */
export function createSignInService(deps: CoreDeps) {
  return {
    async signIn(caller: Caller, req: SignInRequest): Promise<Result<SignedInView>> {
      const session = deps.sessions.open(caller.windowId);
      const isEmail = req.identifier.includes('@');
      const identifier = isEmail ? normalizeEmail(req.identifier) : normalizeIndonesianMobile(req.identifier);
      if (!identifier) return fail('VALIDATION_FAILED', { field: 'identifier' });
      const identifierMasked = isEmail ? maskEmail(identifier) : maskPhone(identifier);
      const base = { ...auditBase(deps, session), subject: identifierMasked };

      // The same identifier and password after a lost answer: the same request again, one try.
      const request = session.pending.begin('signIn', [identifier, req.password]);
      // The backend counts wrong passwords: the try is recorded before it is made.
      await deps.audit.record({ ...base, event: 'signin.attempted', outcome: 'info', ...(request.replay ? { detail: { replay: true } } : {}) });
      const result = await deps.backend.signIn(callContext(deps, request.key), identifier, req.password);
      return request.settle(result, async (): Promise<Result<SignedInView>> => {
        if (result.ok) {
          const view: SignedInView = { displayName: maskName(result.value.displayName), identifierMasked };
          await deps.audit.record({ ...base, event: 'signin.succeeded', outcome: 'success' });
          session.signedIn = view;
          return ok(view);
        }
        const { error } = result;
        const detail: Record<string, string | number> = { errorCode: error.code };
        if (error.attemptsRemaining !== undefined) detail.attemptsRemaining = error.attemptsRemaining;
        const event = error.code === 'ACCOUNT_LOCKED' ? 'signin.locked' : 'signin.failed';
        await deps.audit.record({ ...base, event, outcome: 'failure', detail });
        return result;
      });
    },
  };
}
