/**
 * The whole mutable state of the stub, as one JSON-serialisable value so
 * that it can be written atomically to the state file and read back after a
 * restart (attempt counters, accounts, outbox, challenges, idempotency).
 */
import type { RecoveryPath } from '../../../src-shared/recoveryPaths';
import type { OtpChannel } from '../../../src-shared/contract';
import type { SaltedHash } from './secrets';

export const STATE_VERSION = 1;

export interface AccountRecord {
  id: string;
  nik: string;
  fullName: string;
  /** The backend's own record, compared after normalisation; never logged. */
  motherMaidenName: string;
  /** E.164. */
  phone: string;
  /** Lower-case. */
  email: string;
  password: SaltedHash;
  /** The sign-in sessions, each valid SESSION_TTL_MS from its issue (loginRules.ts). */
  sessions: SessionRecord[];
}

/** A sign-in session: the SHA-256 of its token (never the token) and when it was issued. */
export interface SessionRecord {
  hash: string;
  issuedAt: number;
}

export interface OperatorRecord {
  staffId: string;
  name: string;
  pin: SaltedHash;
}

/**
 * Consecutive wrong passwords for one identifier (an E.164 phone or a
 * lower-case e-mail, keyed `id:<SHA-256>`), registered or not, whichever
 * account it belongs to: so the count tells nothing about accounts.
 */
export interface LoginCounter {
  failures: number;
  lockedUntil: number | null;
  lastFailureAt: number;
}

export type ChallengeStatus = 'active' | 'used' | 'voided';

export interface ChallengeRecord {
  id: string;
  channel: OtpChannel;
  /** E.164 or e-mail: where the code went (or would have gone). */
  destination: string;
  destinationMasked: string;
  code: SaltedHash;
  issuedAt: number;
  expiresAt: number;
  resendAvailableAt: number;
  resendsUsed: number;
  wrongEntries: number;
  status: ChallengeStatus;
}

export type RecoveryStep = 'identity-verified' | 'otp-sent' | 'otp-verified' | 'completed' | 'voided';

export interface RecoveryRecord {
  id: string;
  tokenHash: string;
  path: RecoveryPath;
  /** Null for a recovery started with an unregistered destination (a decoy, indistinguishable outside). */
  accountId: string | null;
  kioskId: string;
  createdAt: number;
  expiresAt: number;
  step: RecoveryStep;
  challenge: ChallengeRecord | null;
  /** Identity path: what the citizen submitted, applied only when the OTP is verified. */
  pending: { phone: string; email: string; password: SaltedHash } | null;
  reference: string | null;
}

export interface OutboxRecord {
  id: string;
  channel: OtpChannel;
  to: string;
  toMasked: string;
  sentAt: number;
  subject?: string;
  body: string;
  /** The kiosk whose request caused it: the only one it is shown to ('' for none). */
  kioskId: string;
}

/**
 * A stored answer (idempotency.ts). Its body holds live tokens, so it is
 * kept sealed (AES-256-GCM) under a key derived from the Idempotency-Key,
 * which the state never holds; the fingerprint is keyed the same way.
 */
export interface IdempotencyRecord {
  fingerprint: string;
  status: number;
  /** base64url of IV, tag and ciphertext of the answer's body. */
  sealed: string;
  storedAt: number;
}

/** A kiosk's audit chain head (docs/architecture.md §6): the highest it sent for one UTC day. */
export interface AuditAnchorRecord {
  kioskId: string;
  /** `YYYY-MM-DD`. */
  day: string;
  seq: number;
  /** 64 lower-case hex. */
  hash: string;
  /** When the kiosk sent it (ISO, the kiosk's clock). */
  at: string;
  /** When the stub stored it (ms, the stub's clock). */
  receivedAt: number;
}

/**
 * The limits on the paths to a code (codeLimits.ts), each a list of times
 * still inside its rolling window. Destinations are keyed by a SHA-256 of
 * the E.164 phone or lower-case e-mail, registered or not.
 */
export interface CodeLimitsRecord {
  /** Destination hash → times a code was sent (or would have been, unregistered) in the last 24 h. */
  sends: Record<string, number[]>;
  /** `acc:<account id>` or `dst:<destination hash>` (unregistered) → times of wrong codes in the last 24 h. */
  wrongCodes: Record<string, number[]>;
  /** Kiosk id → times of recovery starts (phone and e-mail) in the last hour. */
  kioskStarts: Record<string, number[]>;
}

export interface StubState {
  version: typeof STATE_VERSION;
  accounts: AccountRecord[];
  operators: OperatorRecord[];
  /**
   * SHA-256 of operator token → staff id, when it was issued and the kiosk it was issued to
   * (operatorRules.ts). `kioskId` is absent only in files written before tokens were bound to a
   * kiosk: such a token is good at no kiosk's identity path.
   */
  operatorSessions: Record<string, { staffId: string; issuedAt: number; kioskId?: string }>;
  /**
   * SHA-256 of the typed staff id (trimmed, upper-cased; known or not) → its run of wrong PINs and
   * lock. Optional: state files written before the PIN lockout have none.
   */
  operatorCounters?: Record<string, LoginCounter>;
  /** Kiosk id → times of officer sign-in attempts in the last hour. Optional, as above. */
  kioskOperatorTries?: Record<string, number[]>;
  loginCounters: Record<string, LoginCounter>;
  /** SHA-256 of the NIK → times of every identity try in the last 24 h (all kiosks). */
  identityTries: Record<string, number[]>;
  /** Kiosk id → times of identity verifications in the last hour. */
  kioskIdentityTries: Record<string, number[]>;
  recoveries: Record<string, RecoveryRecord>;
  outbox: OutboxRecord[];
  /** Scope hash (kiosk + key) → the stored answer. */
  idempotency: Record<string, IdempotencyRecord>;
  /**
   * Audit anchors, one per kiosk and day, never pruned (they are evidence).
   * Optional: state files written before anchors have none.
   */
  auditAnchors?: AuditAnchorRecord[];
  /** Codes sent, wrong codes and starts per kiosk. Optional: state files written before these limits have none. */
  codeLimits?: CodeLimitsRecord;
}

export function emptyState(): StubState {
  return {
    version: STATE_VERSION,
    accounts: [],
    operators: [],
    operatorSessions: {},
    loginCounters: {},
    identityTries: {},
    kioskIdentityTries: {},
    recoveries: {},
    outbox: [],
    idempotency: {},
  };
}

/** The account whose phone (E.164) or e-mail (lower-case) this is. */
export function findAccountByContact(state: StubState, contact: 'phone' | 'email', value: string): AccountRecord | undefined {
  switch (contact) {
    case 'phone':
      return findAccountByPhone(state, value);
    case 'email':
      return findAccountByEmail(state, value);
  }
}

export function findAccountByPhone(state: StubState, e164: string): AccountRecord | undefined {
  return state.accounts.find((a) => a.phone === e164);
}

export function findAccountByEmail(state: StubState, email: string): AccountRecord | undefined {
  return state.accounts.find((a) => a.email === email);
}

/**
 * Where each account was in its `accounts` array when last looked at: a hint, checked at
 * every use, so an array changed since (an account added, replaced, the whole list
 * reset) is never answered wrongly, only looked through again.
 */
const accountSlots = new WeakMap<AccountRecord[], Map<string, number>>();

/** By id, in constant time while the accounts stay where they were (every OTP verify asks for one). */
export function findAccountById(state: StubState, id: string | null): AccountRecord | undefined {
  if (id === null) return undefined;
  const accounts = state.accounts;
  const hinted = accountSlots.get(accounts)?.get(id);
  if (hinted !== undefined && accounts[hinted]?.id === id) return accounts[hinted];
  const slots = new Map<string, number>();
  accounts.forEach((a, i) => {
    if (!slots.has(a.id)) slots.set(a.id, i); // the first, as find() has it
  });
  accountSlots.set(accounts, slots);
  const at = slots.get(id);
  return at === undefined ? undefined : accounts[at];
}
