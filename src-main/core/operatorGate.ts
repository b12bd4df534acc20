import type { KioskMethod, VerifyIdentityRequest } from '../../src-shared/contract';
import { fail, type Result } from '../../src-shared/errors';
import { auditBase, type CoreDeps } from './coreDeps';
import type { Caller, Handlers } from './router';

/**
 * Everything that acts for a citizen. At an assisted kiosk none of it runs
 * without a signed-in officer (docs/architecture.md §5): the renderer hides these
 * screens until then, and main refuses them anyway, because the renderer is
 * untrusted.
 */
export const CITIZEN_METHODS = [
  'signIn',
  'startRecovery',
  'verifyIdentity',
  'submitNewCredentials',
  'verifyOtp',
  'resendOtp',
  'setNewPassword',
  // The training phone shows OTP codes: nobody reads it without an officer either.
  'getTrainingOutbox',
] as const satisfies readonly KioskMethod[];

type AnyHandler = (caller: Caller, req: unknown) => Promise<Result<unknown>>;

/**
 * Wraps the core's handlers with the rules of the kiosk's mode:
 * - assisted: citizen methods need an officer (OPERATOR_REQUIRED); the
 *   identity path needs the officer's tick "KTP asli telah diperiksa petugas"
 *   (VALIDATION_FAILED on `idCardChecked`), recorded as its own audit event
 *   before the identity check is tried (ahead of `identity.attempted`, in the
 *   same durable write);
 * - self-service: there is no officer, so officer sign-in is FORBIDDEN.
 */
export function gateByMode(handlers: Handlers, deps: CoreDeps): Handlers {
  const gated: Record<KioskMethod, AnyHandler> = { ...(handlers as unknown as Record<KioskMethod, AnyHandler>) };

  if (deps.config.mode === 'self-service') {
    gated.operatorSignIn = async () => fail('FORBIDDEN');
    gated.confirmOperatorPin = async () => fail('FORBIDDEN');
    return gated as unknown as Handlers;
  }

  for (const method of CITIZEN_METHODS) {
    const inner = gated[method];
    gated[method] = (caller, req) => (deps.operator.current ? inner(caller, req) : Promise.resolve(fail('OPERATOR_REQUIRED')));
  }

  const verifyIdentity = gated.verifyIdentity;
  gated.verifyIdentity = async (caller, req) => {
    if (!deps.operator.current) return verifyIdentity(caller, req);
    if ((req as VerifyIdentityRequest).idCardChecked !== true) return fail('VALIDATION_FAILED', { field: 'idCardChecked' });
    const session = deps.sessions.open(caller.windowId);
    // Shares a sync with identity.attempted, whose `record` waits for both before the backend is called.
    deps.audit.recordAhead({ ...auditBase(deps, session), event: 'operator.id-card-checked', outcome: 'info' });
    return verifyIdentity(caller, req);
  };

  return gated as unknown as Handlers;
}
