/**
 * The seam between the main core and the audit log (docs/architecture.md §6).
 * The core awaits `append` before it acknowledges the action it records;
 * a failed append means the sensitive action must not happen (fail closed).
 */
export const AUDIT_EVENTS = [
  'config.loaded',
  /** The data-folder lock showed the kiosk before this start did not shut down cleanly (killed, power cut). */
  'kiosk.unclean-shutdown',
  'audit.repaired',
  /** The first keyed record of a log written before the chain was keyed (record.ts). */
  'audit.chain-keyed',
  'audit.exported',
  'signin.attempted',
  'signin.succeeded',
  'signin.failed',
  'signin.locked',
  'operator.signed-in',
  'operator.signin-failed',
  'operator.signed-out',
  'operator.id-card-checked',
  /** The officer's PIN asked again before an officer tool (audit export, ending the session). */
  'operator.pin-confirmed',
  'operator.pin-failed',
  'recovery.started',
  'identity.attempted',
  'identity.verified',
  'identity.failed',
  'identity.locked',
  'otp.sent',
  'otp.resend-requested',
  'otp.resent',
  'otp.attempted',
  'otp.verified',
  'otp.failed',
  'otp.expired',
  'credentials.submitted',
  'credentials.changed',
  'session.cancelled',
  'session.timed-out',
  'session.wiped',
  'session.finished',
  'renderer.crashed',
] as const;

export type AuditEventName = (typeof AUDIT_EVENTS)[number];

export type AuditOutcome = 'success' | 'failure' | 'info';

export interface AuditEventInput {
  event: AuditEventName;
  outcome: AuditOutcome;
  sessionId?: string;
  operatorId?: string;
  /**
   * Masked (`08*****2797`, `317101******0001`) or a keyed hash
   * (`hmac:…`, see AuditSink.subjectKey); never a raw identifier.
   */
  subject?: string;
  /** Small non-secret facts: path, channel, attemptsRemaining, error code. */
  detail?: Record<string, string | number | boolean>;
}

export interface AuditSink {
  /** Resolves once the event is on disk (fsync); rejects if it could not be written. */
  append(input: AuditEventInput): Promise<{ seq: number }>;
  /** Keyed HMAC of a raw identifier, for correlation without storing it: `hmac:<hex>`. */
  subjectKey(raw: string): string;
}
