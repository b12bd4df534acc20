import type {
  NewCredentialsRequest,
  NewPasswordRequest,
  OtpChallengeView,
  RecoveryDoneView,
  StartByEmailRequest,
  StartByPhoneRequest,
  VerifyIdentityRequest,
  VerifyOtpRequest,
  VerifyOtpView,
} from '../../src-shared/contract';
import { fail, ok, type KioskError, type Result } from '../../src-shared/errors';
import { normalizeEmail } from '../../src-shared/rules/email';
import { maskEmail, maskNik, maskPhone } from '../../src-shared/rules/masking';
import { normalizeIndonesianMobile } from '../../src-shared/rules/phone';
import type { AuditEventName } from '../audit/types';
import type { BackendChallenge } from '../backend/types';
import { toChallengeView } from './challengeView';
import { auditBase, callContext, type CoreDeps } from './coreDeps';
import { KioskRateGuard } from './kioskRateGuard';
import type { WindowSession } from './recoverySession';
import type { Caller } from './router';

function errorDetail(error: KioskError): Record<string, string | number> {
  const detail: Record<string, string | number> = { errorCode: error.code };
  if (error.attemptsRemaining !== undefined) detail.attemptsRemaining = error.attemptsRemaining;
  return detail;
}

/**
 * The three recovery paths of seed screens 2–6. Each step checks that the
 * window's session is where the step needs it, records the try in the audit
 * log before the backend sees it (fail closed), and hands the renderer only
 * what it must display.
 */
export function createRecoveryService(deps: CoreDeps) {
  const guard = new KioskRateGuard(deps.config.limits.identityVerificationsPerHour);

  async function record(
    session: WindowSession,
    event: AuditEventName,
    outcome: 'success' | 'failure' | 'info',
    subject?: string,
    detail?: Record<string, string | number | boolean>,
  ): Promise<boolean> {
    return deps.audit.record({
      ...auditBase(deps, session),
      event,
      outcome,
      ...(subject === undefined ? {} : { subject }),
      ...(detail === undefined ? {} : { detail }),
    });
  }

  function challengeView(challenge: BackendChallenge): OtpChallengeView {
    return toChallengeView(challenge, deps.now());
  }

  async function start(
    caller: Caller,
    path: 'phone' | 'email',
    destination: string,
    subject: string,
  ): Promise<Result<OtpChallengeView>> {
    const session = deps.sessions.get(caller.windowId);
    delete session.recovery;
    if (!(await record(session, 'recovery.started', 'info', subject, { path }))) return fail('OUT_OF_SERVICE');
    const result = await deps.backend.startRecovery(callContext(deps), path, destination);
    if (!result.ok) {
      await record(session, 'otp.failed', 'failure', subject, errorDetail(result.error));
      return result;
    }
    const { challenge, ...backend } = result.value;
    const channel = challenge.channel;
    if (!(await record(session, 'otp.sent', 'success', challenge.destinationMasked, { path, channel }))) {
      return fail('OUT_OF_SERVICE');
    }
    session.recovery = { path, backend, challenge, otpVerified: false };
    return ok(challengeView(challenge));
  }

  /** Finishes a recovery: audit, then wipe everything the session held. */
  async function complete(caller: Caller, session: WindowSession, reference: string): Promise<Result<string>> {
    const path = session.recovery?.path ?? 'unknown';
    if (!(await record(session, 'credentials.changed', 'success', undefined, { path, reference }))) {
      return fail('OUT_OF_SERVICE');
    }
    deps.sessions.wipe(caller.windowId);
    return ok(reference);
  }

  return {
    startRecoveryByPhone(caller: Caller, req: StartByPhoneRequest) {
      const phone = normalizeIndonesianMobile(req.phone);
      if (!phone) return Promise.resolve(fail<OtpChallengeView>('VALIDATION_FAILED', { field: 'phone' }));
      return start(caller, 'phone', phone, maskPhone(phone));
    },

    startRecoveryByEmail(caller: Caller, req: StartByEmailRequest) {
      const email = normalizeEmail(req.email);
      return start(caller, 'email', email, maskEmail(email));
    },

    async verifyIdentity(caller: Caller, req: VerifyIdentityRequest): Promise<Result<null>> {
      const session = deps.sessions.get(caller.windowId);
      delete session.recovery;
      const subject = maskNik(req.nik);
      const slot = guard.take(deps.now());
      if (!slot.ok) {
        await record(session, 'identity.failed', 'failure', subject, { errorCode: 'KIOSK_RATE_LIMITED' });
        return fail('KIOSK_RATE_LIMITED', { retryAfterSeconds: slot.retryAfterSeconds });
      }
      const detail = { subjectKey: deps.audit.subjectKey(req.nik), idCardChecked: req.idCardChecked === true };
      if (!(await record(session, 'identity.attempted', 'info', subject, detail))) return fail('OUT_OF_SERVICE');
      // The mother's maiden name goes to the backend and nowhere else.
      const result = await deps.backend.verifyIdentity(callContext(deps), {
        nik: req.nik,
        fullName: req.fullName,
        motherMaidenName: req.motherMaidenName,
      });
      if (!result.ok) {
        const event = result.error.code === 'IDENTITY_LOCKED' ? 'identity.locked' : 'identity.failed';
        if (!(await record(session, event, 'failure', subject, errorDetail(result.error)))) return fail('OUT_OF_SERVICE');
        return result;
      }
      if (!(await record(session, 'identity.verified', 'success', subject))) return fail('OUT_OF_SERVICE');
      session.recovery = { path: 'identity', backend: result.value, otpVerified: false };
      return ok(null);
    },

    async submitNewCredentials(caller: Caller, req: NewCredentialsRequest): Promise<Result<OtpChallengeView>> {
      const session = deps.sessions.get(caller.windowId);
      const recovery = session.recovery;
      if (recovery?.path !== 'identity' || !recovery.backend) return fail('SESSION_INVALID');
      const phone = normalizeIndonesianMobile(req.phone);
      if (!phone) return fail('VALIDATION_FAILED', { field: 'phone' });
      const email = normalizeEmail(req.email);
      const subject = maskPhone(phone);
      if (!(await record(session, 'credentials.submitted', 'info', subject, { channel: req.otpChannel }))) {
        return fail('OUT_OF_SERVICE');
      }
      const result = await deps.backend.submitCredentials(callContext(deps), recovery.backend, {
        phone,
        email,
        password: req.password,
        otpChannel: req.otpChannel,
      });
      if (!result.ok) {
        await record(session, 'otp.failed', 'failure', subject, errorDetail(result.error));
        return result;
      }
      const channel = result.value.channel;
      if (!(await record(session, 'otp.sent', 'success', result.value.destinationMasked, { path: 'identity', channel }))) {
        return fail('OUT_OF_SERVICE');
      }
      recovery.challenge = result.value;
      return ok(challengeView(result.value));
    },

    async verifyOtp(caller: Caller, req: VerifyOtpRequest): Promise<Result<VerifyOtpView>> {
      const session = deps.sessions.get(caller.windowId);
      const recovery = session.recovery;
      if (!recovery?.backend || !recovery.challenge || recovery.otpVerified) return fail('SESSION_INVALID');
      const subject = recovery.challenge.destinationMasked;
      if (!(await record(session, 'otp.attempted', 'info', subject))) return fail('OUT_OF_SERVICE');
      const result = await deps.backend.verifyOtp(callContext(deps), recovery.backend, recovery.challenge.challengeId, req.code);
      if (!result.ok) {
        const event = result.error.code === 'OTP_EXPIRED' ? 'otp.expired' : 'otp.failed';
        if (!(await record(session, event, 'failure', subject, errorDetail(result.error)))) return fail('OUT_OF_SERVICE');
        return result;
      }
      if (!(await record(session, 'otp.verified', 'success', subject))) return fail('OUT_OF_SERVICE');
      if (result.value.status === 'completed') {
        const done = await complete(caller, session, result.value.reference);
        return done.ok ? ok({ next: 'done', reference: done.value }) : done;
      }
      recovery.otpVerified = true;
      return ok({ next: 'set-password' });
    },

    async resendOtp(caller: Caller): Promise<Result<OtpChallengeView>> {
      const session = deps.sessions.get(caller.windowId);
      const recovery = session.recovery;
      if (!recovery?.backend || !recovery.challenge || recovery.otpVerified) return fail('SESSION_INVALID');
      const subject = recovery.challenge.destinationMasked;
      const result = await deps.backend.resendOtp(callContext(deps), recovery.backend, recovery.challenge.challengeId);
      if (!result.ok) {
        await record(session, 'otp.failed', 'failure', subject, errorDetail(result.error));
        return result;
      }
      if (!(await record(session, 'otp.resent', 'success', subject, { channel: result.value.channel }))) {
        return fail('OUT_OF_SERVICE');
      }
      recovery.challenge = result.value;
      return ok(challengeView(result.value));
    },

    async setNewPassword(caller: Caller, req: NewPasswordRequest): Promise<Result<RecoveryDoneView>> {
      const session = deps.sessions.get(caller.windowId);
      const recovery = session.recovery;
      if (!recovery?.backend || recovery.path === 'identity' || !recovery.otpVerified) return fail('SESSION_INVALID');
      if (!(await record(session, 'credentials.submitted', 'info', undefined, { path: recovery.path }))) {
        return fail('OUT_OF_SERVICE');
      }
      const result = await deps.backend.setPassword(callContext(deps), recovery.backend, req.password);
      if (!result.ok) {
        await record(session, 'credentials.changed', 'failure', undefined, errorDetail(result.error));
        return result;
      }
      const done = await complete(caller, session, result.value.reference);
      return done.ok ? ok({ reference: done.value }) : done;
    },
  };
}
