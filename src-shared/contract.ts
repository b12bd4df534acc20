/**
 * The one IPC contract shared by main, preload and renderer (and by the
 * browser shell's HTTP bridge). Intent-level methods only: the renderer never
 * sees tokens, challenge ids or OTP codes (docs/architecture.md §1).
 */
import type { Result } from './errors';
import type { KioskTimeZone } from './kioskTime';
import type { OtpChannel } from './recoveryPathNames';
import type { RequestOf } from './requestSchemas';

export type { ContactPath, OtpChannel, RecoveryPath } from './recoveryPathNames';
export type KioskMode = 'assisted' | 'self-service';
/** The kiosk's languages: Bahasa Indonesia (the seed's) first, then English. */
export const LANGUAGES = ['id', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export interface KioskInfo {
  kioskId: string;
  mode: KioskMode;
  /** On whenever the embedded stub is the backend. */
  training: boolean;
  defaultLanguage: Language;
  /** The kiosk's local time zone (WIB, WITA or WIT): the audit export's days and times are in it. */
  timeZone: KioskTimeZone;
  /** Shown on the training sign-in screen only. */
  demoOperator?: { staffId: string; pin: string };
  operator?: OperatorView;
  idle: { warnAfterSeconds: number; countdownSeconds: number };
}

export interface OperatorView {
  staffId: string;
  name: string;
}

export type SignInRequest = RequestOf<'signIn'>;

export interface SignedInView {
  /** e.g. `S*** R***`: never the full name. */
  displayName: string;
  /** `08*****2797` or `s***@example.com`. */
  identifierMasked: string;
}

export type OperatorSignInRequest = RequestOf<'operatorSignIn'>;

/** A recovery by a contact already on the account: the phone or e-mail the citizen typed. */
export type StartRecoveryRequest = RequestOf<'startRecovery'>;

export type VerifyIdentityRequest = RequestOf<'verifyIdentity'>;

export type NewCredentialsRequest = RequestOf<'submitNewCredentials'>;

export type VerifyOtpRequest = RequestOf<'verifyOtp'>;

export type NewPasswordRequest = RequestOf<'setNewPassword'>;

/** What the Verifikasi screen needs to show; nothing secret. */
export interface OtpChallengeView {
  channel: OtpChannel;
  destinationMasked: string;
  expiresInSeconds: number;
  resendAvailableInSeconds: number;
  resendsRemaining: number;
}

/** A finished recovery: its reference, and the account's phone and e-mail after it, masked (the done page shows them). */
export interface RecoveryDoneView {
  reference: string;
  phoneMasked: string;
  emailMasked: string;
}

export type VerifyOtpView = { next: 'set-password' } | ({ next: 'done' } & RecoveryDoneView);

export interface OutboxMessage {
  id: string;
  channel: OtpChannel;
  /** Masked destination: the training panel shows whose phone it is. */
  toMasked: string;
  sentAt: string;
  subject?: string;
  body: string;
}

/** Everything the renderer may ask of main. Each method resolves to a Result, never throws. */
export interface KioskApi {
  getKioskInfo(): Promise<Result<KioskInfo>>;
  signIn(req: SignInRequest): Promise<Result<SignedInView>>;
  operatorSignIn(req: OperatorSignInRequest): Promise<Result<OperatorView>>;
  operatorSignOut(): Promise<Result<null>>;
  startRecovery(req: StartRecoveryRequest): Promise<Result<OtpChallengeView>>;
  verifyIdentity(req: VerifyIdentityRequest): Promise<Result<null>>;
  submitNewCredentials(req: NewCredentialsRequest): Promise<Result<OtpChallengeView>>;
  verifyOtp(req: VerifyOtpRequest): Promise<Result<VerifyOtpView>>;
  resendOtp(): Promise<Result<OtpChallengeView>>;
  setNewPassword(req: NewPasswordRequest): Promise<Result<RecoveryDoneView>>;
  /** Wipes the main-process recovery session (cancel, finish, idle). */
  endSession(reason: EndSessionRequest): Promise<Result<null>>;
  /** Training kiosks only: the newest TRAINING_OUTBOX_NEWEST messages the stub "sent" for this kiosk, oldest first. */
  getTrainingOutbox(): Promise<Result<OutboxMessage[]>>;
  /**
   * Assisted mode, signed-in officer only: the officer's PIN again before an
   * officer tool opens (audit export, ending the session). Main checks it
   * with the backend for the signed-in staff id (its PIN limits count) and
   * then allows the officer tools for OPERATOR_TOOLS_SECONDS.
   */
  confirmOperatorPin(req: ConfirmOperatorPinRequest): Promise<Result<null>>;
  /** Assisted mode, signed-in officer only, after confirmOperatorPin: the audit log of a range of the kiosk's local days as CSV in its data folder. */
  exportAuditCsv(req: AuditExportRequest): Promise<Result<AuditExportView>>;
  /**
   * Someone is at the kiosk: the page saw input (at most one report every
   * `ACTIVITY_REPORT_MS`, src-shared/idle.ts). Main's own idle timers count
   * from it and from every other call; the answer says whether main already
   * ended what this page shows.
   */
  noteActivity(): Promise<Result<ActivityView>>;
  /**
   * Whether the backend answers this kiosk now (main asks it; a passive
   * call, not activity): a self-service kiosk shows its out-of-service screen
   * instead of the attract screen while it does not.
   */
  getServiceStatus(): Promise<Result<ServiceStatusView>>;
}

export interface ServiceStatusView {
  available: boolean;
}

/** Why main itself ended a window's session or the officer's (lifetimes in main, docs/kiosk.md §3). */
export type MainTimeout = 'citizen-idle' | 'operator-idle' | 'shift-ended';

export interface ActivityView {
  /** Main timed out what this page shows since the page last loaded: the page must wipe itself (reload). Said once. */
  ended?: MainTimeout;
}

export type AuditExportRequest = RequestOf<'exportAuditCsv'>;

export type ConfirmOperatorPinRequest = RequestOf<'confirmOperatorPin'>;

/**
 * How many of the stub's messages the training phone gets: the newest, enough for what it shows
 * (the last few) and more; not the stub's whole outbox (500), which the page would otherwise hold,
 * and fetch anew, every two seconds of a training day.
 */
export const TRAINING_OUTBOX_NEWEST = 20;

/** How long the officer tools stay open after the PIN was confirmed again. */
export const OPERATOR_TOOLS_SECONDS = 300;

export interface AuditExportView {
  /** Where main wrote the CSV (the kiosk's data folder, exports/). */
  path: string;
  records: number;
}

export type EndSessionRequest = RequestOf<'endSession'>;

export type KioskMethod = keyof KioskApi;

/** Every method of the contract, for the shells' bindings (checked exhaustive below). */
export const KIOSK_METHODS = [
  'getKioskInfo',
  'signIn',
  'operatorSignIn',
  'operatorSignOut',
  'startRecovery',
  'verifyIdentity',
  'submitNewCredentials',
  'verifyOtp',
  'resendOtp',
  'setNewPassword',
  'endSession',
  'getTrainingOutbox',
  'confirmOperatorPin',
  'exportAuditCsv',
  'noteActivity',
  'getServiceStatus',
] as const satisfies readonly KioskMethod[];

type MissingMethods = Exclude<KioskMethod, (typeof KIOSK_METHODS)[number]>;
/** Fails to compile when a KioskApi method is missing from KIOSK_METHODS. */
const _kioskMethodsAreExhaustive: [MissingMethods] extends [never] ? true : never = true;

/** Electron IPC channel of a method; the browser shell uses the method name in its path. */
export function channelOf(method: KioskMethod): string {
  return `kiosk:${method}`;
}

export function isKioskMethod(value: unknown): value is KioskMethod {
  return typeof value === 'string' && (KIOSK_METHODS as readonly string[]).includes(value);
}
