/**
 * What the main core needs from the recovery backend. The axios client
 * (`client.ts`) implements it over HTTP against a real backend or the
 * embedded stub; every method resolves to a Result and never throws.
 * Tokens and ids in here stay in main: the core never forwards them to the
 * renderer.
 */
import type { Result } from '../../src-shared/errors';
import type { ContactPath, OtpChannel, OutboxMessage } from '../../src-shared/contract';
import type { ContractSchema } from './contract/document';

/** An OTP challenge as the contract's `Challenge`; its times are ISO times on the kiosk's clock (from the backend's durations). */
export type BackendChallenge = Pick<
  ContractSchema<'Challenge'>,
  'challengeId' | 'channel' | 'destinationMasked' | 'expiresAt' | 'resendAvailableAt' | 'resendsRemaining'
>;

/** A recovery in progress on the backend, as main holds it; `recoveryToken` is the bearer of its later calls. */
export type BackendRecovery = Pick<ContractSchema<'Recovery'>, 'recoveryId' | 'recoveryToken'>;

export type BackendSignIn = Pick<ContractSchema<'SignedIn'>, 'displayName'>;

export type BackendOperator = Pick<ContractSchema<'Operator'>, 'staffId' | 'name' | 'operatorToken'>;

export type BackendOtpResult = ContractSchema<'OtpResult'>;
/** A finished recovery: the reference and the account's contacts, masked. */
export type BackendCompleted = ContractSchema<'Completed'>;

/** An audit chain head for the backend to keep (src-main/audit/anchors.ts). */
export type BackendAuditAnchor = ContractSchema<'AuditAnchorRequest'>;

/** Identifies the calling kiosk (per-kiosk guard) and operator, on every request. */
export interface CallContext {
  kioskId: string;
  operatorToken?: string;
  /**
   * The Idempotency-Key of a state-changing call, when the caller keeps it: main re-sends an
   * unanswered request under its first key (core/pendingRequests.ts). Without it the client makes one.
   */
  idempotencyKey?: string;
}

export interface BackendClient {
  /** `identifier` is normalised: E.164 phone or lower-case e-mail. */
  signIn(ctx: CallContext, identifier: string, password: string): Promise<Result<BackendSignIn>>;
  operatorSignIn(ctx: CallContext, staffId: string, pin: string): Promise<Result<BackendOperator>>;
  /** Phone (E.164) or e-mail path; answers alike whether or not an account exists. */
  startRecovery(
    ctx: CallContext,
    path: ContactPath,
    destination: string,
  ): Promise<Result<BackendRecovery & { challenge: BackendChallenge }>>;
  verifyIdentity(
    ctx: CallContext,
    identity: { nik: string; fullName: string; motherMaidenName: string },
  ): Promise<Result<BackendRecovery>>;
  submitCredentials(
    ctx: CallContext,
    recovery: BackendRecovery,
    creds: { phone: string; email: string; password: string; otpChannel: OtpChannel },
  ): Promise<Result<BackendChallenge>>;
  verifyOtp(
    ctx: CallContext,
    recovery: BackendRecovery,
    challengeId: string,
    code: string,
  ): Promise<Result<BackendOtpResult>>;
  resendOtp(ctx: CallContext, recovery: BackendRecovery, challengeId: string): Promise<Result<BackendChallenge>>;
  /** Phone/e-mail paths, after the OTP was verified. */
  setPassword(ctx: CallContext, recovery: BackendRecovery, password: string): Promise<Result<BackendCompleted>>;
  /** Training only: what the stub "sent". */
  outbox(ctx: CallContext): Promise<Result<OutboxMessage[]>>;
  /** Stores the kiosk's audit chain head off the machine; the anchor sender calls it in the background, never a citizen step. */
  sendAuditAnchor(ctx: CallContext, anchor: BackendAuditAnchor): Promise<Result<{ seq: number }>>;
  /**
   * Whether the backend serves this kiosk at all, by its cheapest
   * authenticated read (the kiosk's own audit anchors): the self-service
   * kiosk's health check before a citizen starts.
   */
  health(ctx: CallContext): Promise<Result<null>>;
}
