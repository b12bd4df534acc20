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
import type { BackendChallenge, BackendCompleted } from '../backend/types';
import { toChallengeView } from './challengeView';
import { auditBase, callContext, type CoreDeps } from './coreDeps';
import { KioskRateGuard } from './kioskRateGuard';
import type { PendingRequest } from './pendingRequests';
import type { WindowSession } from './recoverySession';
import type { Caller } from './router';

/** Marks the record of a try that re-sends an unanswered request (the backend counts it once). */
const replayed = (request: PendingRequest, detail: Record<string, string | number | boolean> = {}) =>
  request.replay ? { ...detail, replay: true } : detail;

function errorDetail(error: KioskError): Record<string, string | number> {
  const detail: Record<string, string | number> = { errorCode: error.code };
  if (error.attemptsRemaining !== undefined) detail.attemptsRemaining = error.attemptsRemaining;
  return detail;
}

/**
 * The recovery paths of seed screens 2–6 (src-shared/recoveryPaths.ts).
 * Each step checks that the window's session is where the step needs it,
 * records the try in the audit log before the backend sees it, and hands the
 * renderer only what it must display. A step the backend did not answer goes
 * again under the same Idempotency-Key when the citizen retries it unchanged
 * (pendingRequests.ts): the backend then answers what it really did, and the
 * try is recorded again marked `replay`. `record` throws when the log cannot
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
    const request = session.pending.begin('startRecovery', [path, destination]);
    await record(session, 'recovery.started', 'info', subject, replayed(request, { path }));
    const result = await deps.backend.startRecovery(callContext(deps, request.key), path, destination);
    return request.settle(result, async (): Promise<Result<OtpChallengeView>> => {
      if (!result.ok) {
        await record(session, 'otp.failed', 'failure', subject, errorDetail(result.error));
        return result;
      }
      const { challenge, ...backend } = result.value;
      await record(session, 'otp.sent', 'success', challenge.destinationMasked, { path, channel: challenge.channel });
      session.recovery = { path, backend, challenge, otpVerified: false };
      return ok(challengeView(challenge));
    });
  }

  /** Finishes a recovery: audit, then wipe everything the session held; what the done page shows. */
  async function complete(caller: Caller, session: WindowSession, done: BackendCompleted): Promise<RecoveryDoneView> {
    await record(session, 'credentials.changed', 'success', undefined, { path: session.recovery?.path ?? 'unknown', reference: done.reference });
    deps.sessions.wipe(caller.windowId);
    return { reference: done.reference, phoneMasked: done.phoneMasked, emailMasked: done.emailMasked };
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
      // The mother's maiden name goes to the backend and nowhere else (main keeps a keyed hash of the request).
      const identity = { nik: req.nik, fullName: req.fullName, motherMaidenName: req.motherMaidenName };
      const request = session.pending.begin('verifyIdentity', [identity.nik, identity.fullName, identity.motherMaidenName]);
      // A replay asks the backend to check nothing new: it takes no slot of the kiosk's hourly cap.
      const slot = request.replay ? undefined : guard.take(deps.now());
      if (slot && !slot.ok) {
        // Refused here, never sent: its key goes, so the same request again meets the cap again.
        const refused = fail<null>('KIOSK_RATE_LIMITED', { retryAfterSeconds: slot.retryAfterSeconds });
        return request.settle(refused, async () => {
          await record(session, 'identity.failed', 'failure', subject, { errorCode: 'KIOSK_RATE_LIMITED' });
          return refused;
        });
      }
      await record(
        session,
        'identity.attempted',
        'info',
        subject,
        replayed(request, { subjectKey: deps.audit.subjectKey(req.nik), idCardChecked: req.idCardChecked === true }),
      );
      const result = await deps.backend.verifyIdentity(callContext(deps, request.key), identity);
      return request.settle(result, async (): Promise<Result<null>> => {
        if (!result.ok) {
          const event = result.error.code === 'IDENTITY_LOCKED' ? 'identity.locked' : 'identity.failed';
          await record(session, event, 'failure', subject, errorDetail(result.error));
          return result;
        }
        await record(session, 'identity.verified', 'success', subject);
        session.recovery = { path: 'identity', backend: result.value, otpVerified: false };
        return ok(null);
      });
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
      const creds = { phone, email, password: req.password, otpChannel: req.otpChannel };
      const request = session.pending.begin('submitCredentials', [recovery.backend.recoveryId, phone, email, req.password, req.otpChannel]);
      await record(session, 'credentials.submitted', 'info', subject, replayed(request, { channel: req.otpChannel }));
      const result = await deps.backend.submitCredentials(callContext(deps, request.key), recovery.backend, creds);
      return request.settle(result, async (): Promise<Result<OtpChallengeView>> => {
        if (!result.ok) {
          await record(session, 'otp.failed', 'failure', subject, errorDetail(result.error));
          return result;
        }
        await record(session, 'otp.sent', 'success', result.value.destinationMasked, { path: recovery.path, channel: result.value.channel });
        recovery.challenge = result.value;
        return ok(challengeView(result.value));
      });
    },

    async verifyOtp(caller: Caller, req: VerifyOtpRequest): Promise<Result<VerifyOtpView>> {
      const step = awaitingCode(caller);
      if (!step) return fail('SESSION_INVALID');
      const { session, recovery, challenge } = step;
      const subject = challenge.destinationMasked;
      const request = session.pending.begin('verifyOtp', [step.backend.recoveryId, challenge.challengeId, req.code]);
      await record(session, 'otp.attempted', 'info', subject, replayed(request));
      const result = await deps.backend.verifyOtp(callContext(deps, request.key), step.backend, challenge.challengeId, req.code);
      return request.settle(result, async (): Promise<Result<VerifyOtpView>> => {
        if (!result.ok) {
          await record(session, result.error.code === 'OTP_EXPIRED' ? 'otp.expired' : 'otp.failed', 'failure', subject, errorDetail(result.error));
          return result;
        }
        await record(session, 'otp.verified', 'success', subject);
        if (result.value.status === 'completed') return ok({ next: 'done', ...(await complete(caller, session, result.value)) });
        recovery.otpVerified = true;
        return ok({ next: 'set-password' });
      });
    },

    async resendOtp(caller: Caller): Promise<Result<OtpChallengeView>> {
      const step = awaitingCode(caller);
      if (!step) return fail('SESSION_INVALID');
      const { session, recovery, challenge } = step;
      const subject = challenge.destinationMasked;
      const request = session.pending.begin('resendOtp', [step.backend.recoveryId, challenge.challengeId]);
      // A resend sends a message and voids the last code: recorded before the backend does either.
      await record(session, 'otp.resend-requested', 'info', subject, replayed(request, { channel: challenge.channel }));
      const result = await deps.backend.resendOtp(callContext(deps, request.key), step.backend, challenge.challengeId);
      return request.settle(result, async (): Promise<Result<OtpChallengeView>> => {
        if (!result.ok) {
          await record(session, 'otp.failed', 'failure', subject, errorDetail(result.error));
          return result;
        }
        await record(session, 'otp.resent', 'success', subject, { channel: result.value.channel });
        recovery.challenge = result.value;
        return ok(challengeView(result.value));
      });
    },

    async setNewPassword(caller: Caller, req: NewPasswordRequest): Promise<Result<RecoveryDoneView>> {
      const session = deps.sessions.find(caller.windowId);
      const recovery = session?.recovery;
      if (!session || !recovery?.backend || RECOVERY_PATHS[recovery.path].asks !== 'registered-contact' || !recovery.otpVerified) {
        return fail('SESSION_INVALID');
      }
      const request = session.pending.begin('setPassword', [recovery.backend.recoveryId, req.password]);
      await record(session, 'credentials.submitted', 'info', undefined, replayed(request, { path: recovery.path }));
      const result = await deps.backend.setPassword(callContext(deps, request.key), recovery.backend, req.password);
      return request.settle(result, async (): Promise<Result<RecoveryDoneView>> => {
        if (!result.ok) {
          await record(session, 'credentials.changed', 'failure', undefined, errorDetail(result.error));
          return result;
        }
        return ok(await complete(caller, session, result.value));
      });
    },
  };
}
