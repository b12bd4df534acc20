import type {
  NewCredentialsRequest,
  NewPasswordRequest,
  OtpChallengeView,
  RecoveryDoneView,
  StartRecoveryRequest,
  VerifyIdentityRequest,
  VerifyOtpRequest,
  VerifyOtpView,
} from '../../src-shared/contract';
import { fail, ok, type KioskError, type Result } from '../../src-shared/errors';
import { codeChannelOf, OTP_CHANNELS, RECOVERY_PATHS, type ContactPath } from '../../src-shared/recoveryPaths';
import { maskNik } from '../../src-shared/rules/masking';
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
 * The recovery paths of seed screens 2–6 (src-shared/recoveryPaths.ts).
 * Each step checks that the window's session is where the step needs it,
 * records the try in the audit log before the backend sees it, and hands the
 * renderer only what it must display. `record` throws when the log cannot
 * be written, so no backend call follows an unrecorded try (fail closed,
 * mapped to OUT_OF_SERVICE by the router).
 */
export function createRecoveryService(deps: CoreDeps) {
  const guard = new KioskRateGuard(deps.config.limits.identityVerificationsPerHour);

  async function record(
    session: WindowSession,
    event: AuditEventName,
    outcome: 'success' | 'failure' | 'info',
    subject?: string,
    detail?: Record<string, string | number | boolean>,
  ): Promise<void> {
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

  async function start(caller: Caller, path: ContactPath, destination: string, subject: string): Promise<Result<OtpChallengeView>> {
    const session = deps.sessions.open(caller.windowId);
    delete session.recovery;
    await record(session, 'recovery.started', 'info', subject, { path });
    const result = await deps.backend.startRecovery(callContext(deps), path, destination);
    if (!result.ok) {
      await record(session, 'otp.failed', 'failure', subject, errorDetail(result.error));
      return result;
    }
    const { challenge, ...backend } = result.value;
    await record(session, 'otp.sent', 'success', challenge.destinationMasked, { path, channel: challenge.channel });
    session.recovery = { path, backend, challenge, otpVerified: false };
    return ok(challengeView(challenge));
  }

  /** Finishes a recovery: audit, then wipe everything the session held. */
  async function complete(caller: Caller, session: WindowSession, reference: string): Promise<string> {
    await record(session, 'credentials.changed', 'success', undefined, { path: session.recovery?.path ?? 'unknown', reference });
    deps.sessions.wipe(caller.windowId);
    return reference;
  }

  /** The window's recovery, when it is at a step where a code can be checked or resent. */
  function awaitingCode(caller: Caller) {
    const session = deps.sessions.find(caller.windowId);
    const recovery = session?.recovery;
    if (!session || !recovery?.backend || !recovery.challenge || recovery.otpVerified) return undefined;
    return { session, recovery, backend: recovery.backend, challenge: recovery.challenge };
  }

  return {
    startRecovery(caller: Caller, req: StartRecoveryRequest) {
      const channel = codeChannelOf(req.path);
      const destination = channel.normalize(req.destination);
      if (!destination) return Promise.resolve(fail<OtpChallengeView>('VALIDATION_FAILED', { field: 'destination' }));
      return start(caller, req.path, destination, channel.mask(destination));
    },

    async verifyIdentity(caller: Caller, req: VerifyIdentityRequest): Promise<Result<null>> {
      const session = deps.sessions.open(caller.windowId);
      delete session.recovery;
      const subject = maskNik(req.nik);
      const slot = guard.take(deps.now());
      if (!slot.ok) {
        await record(session, 'identity.failed', 'failure', subject, { errorCode: 'KIOSK_RATE_LIMITED' });
        return fail('KIOSK_RATE_LIMITED', { retryAfterSeconds: slot.retryAfterSeconds });
      }
      await record(session, 'identity.attempted', 'info', subject, {
        subjectKey: deps.audit.subjectKey(req.nik),
        idCardChecked: req.idCardChecked === true,
      });
      // The mother's maiden name goes to the backend and nowhere else.
      const result = await deps.backend.verifyIdentity(callContext(deps), {
        nik: req.nik,
        fullName: req.fullName,
        motherMaidenName: req.motherMaidenName,
      });
      if (!result.ok) {
        const event = result.error.code === 'IDENTITY_LOCKED' ? 'identity.locked' : 'identity.failed';
        await record(session, event, 'failure', subject, errorDetail(result.error));
        return result;
      }
      await record(session, 'identity.verified', 'success', subject);
      session.recovery = { path: 'identity', backend: result.value, otpVerified: false };
      return ok(null);
    },

    async submitNewCredentials(caller: Caller, req: NewCredentialsRequest): Promise<Result<OtpChallengeView>> {
      const session = deps.sessions.find(caller.windowId);
      const recovery = session?.recovery;
      if (!session || !recovery?.backend || RECOVERY_PATHS[recovery.path].asks !== 'identity') return fail('SESSION_INVALID');
      const phone = OTP_CHANNELS.sms.normalize(req.phone);
      if (!phone) return fail('VALIDATION_FAILED', { field: 'phone' });
      const email = OTP_CHANNELS.email.normalize(req.email);
      if (!email) return fail('VALIDATION_FAILED', { field: 'email' });
      const subject = OTP_CHANNELS.sms.mask(phone);
      await record(session, 'credentials.submitted', 'info', subject, { channel: req.otpChannel });
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
      await record(session, 'otp.sent', 'success', result.value.destinationMasked, { path: recovery.path, channel: result.value.channel });
      recovery.challenge = result.value;
      return ok(challengeView(result.value));
    },

    async verifyOtp(caller: Caller, req: VerifyOtpRequest): Promise<Result<VerifyOtpView>> {
      const step = awaitingCode(caller);
      if (!step) return fail('SESSION_INVALID');
      const { session, recovery, challenge } = step;
      const subject = challenge.destinationMasked;
      await record(session, 'otp.attempted', 'info', subject);
      const result = await deps.backend.verifyOtp(callContext(deps), step.backend, challenge.challengeId, req.code);
      if (!result.ok) {
        await record(session, result.error.code === 'OTP_EXPIRED' ? 'otp.expired' : 'otp.failed', 'failure', subject, errorDetail(result.error));
        return result;
      }
      await record(session, 'otp.verified', 'success', subject);
      if (result.value.status === 'completed') return ok({ next: 'done', reference: await complete(caller, session, result.value.reference) });
      recovery.otpVerified = true;
      return ok({ next: 'set-password' });
    },

    async resendOtp(caller: Caller): Promise<Result<OtpChallengeView>> {
      const step = awaitingCode(caller);
      if (!step) return fail('SESSION_INVALID');
      const { session, recovery, challenge } = step;
      const subject = challenge.destinationMasked;
      // A resend sends a message and voids the last code: recorded before the backend does either.
      await record(session, 'otp.resend-requested', 'info', subject, { channel: challenge.channel });
      const result = await deps.backend.resendOtp(callContext(deps), step.backend, challenge.challengeId);
      if (!result.ok) {
        await record(session, 'otp.failed', 'failure', subject, errorDetail(result.error));
        return result;
      }
      await record(session, 'otp.resent', 'success', subject, { channel: result.value.channel });
      recovery.challenge = result.value;
      return ok(challengeView(result.value));
    },

    async setNewPassword(caller: Caller, req: NewPasswordRequest): Promise<Result<RecoveryDoneView>> {
      const session = deps.sessions.find(caller.windowId);
      const recovery = session?.recovery;
      if (!session || !recovery?.backend || RECOVERY_PATHS[recovery.path].asks !== 'registered-contact' || !recovery.otpVerified) {
        return fail('SESSION_INVALID');
      }
      await record(session, 'credentials.submitted', 'info', undefined, { path: recovery.path });
      const result = await deps.backend.setPassword(callContext(deps), recovery.backend, req.password);
      if (!result.ok) {
        await record(session, 'credentials.changed', 'failure', undefined, errorDetail(result.error));
        return result;
      }
      return ok({ reference: await complete(caller, session, result.value.reference) });
    },
  };
}
