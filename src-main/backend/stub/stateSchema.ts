/**
 * The JSON Schema of the stub's state file, checked (Ajv, draft 2020-12)
 * before a loaded state is served: a file that parses but does not fit is
 * refused with the first place it breaks ("/accounts/0/nik must be string")
 * instead of starting a stub that fails later.
 *
 * The schema is written with small typed builders, each carrying the
 * TypeScript type it accepts, and `STATE_SCHEMA` must be exactly
 * `Schema<StubState>`: a field added to StubState (or to one of its
 * records) is a compile error here until it is described, and a field
 * optional in the type must be `optional(...)` here (so older files, which
 * lack it, still load). Every object refuses properties it does not know.
 */
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020.js';
import { OTP_CHANNEL_NAMES, RECOVERY_PATH_NAMES } from '../../../src-shared/recoveryPaths';
import type { SaltedHash } from './secrets';
import {
  STATE_VERSION,
  type AccountRecord,
  type AuditAnchorRecord,
  type ChallengeRecord,
  type CodeLimitsRecord,
  type IdempotencyRecord,
  type LoginCounter,
  type OperatorRecord,
  type OutboxRecord,
  type RecoveryRecord,
  type SessionRecord,
  type StubState,
} from './state';

type Json = Record<string, unknown>;

declare const ACCEPTS: unique symbol;

/** A JSON Schema that accepts exactly the values of type T (the phantom member makes T invariant). */
interface Schema<T> {
  readonly json: Json;
  readonly [ACCEPTS]?: (value: T) => T;
}

interface Optional<T> {
  readonly optional: Schema<T>;
}

type OptionalKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? K : never }[keyof T];

/** One schema per property of T, none missing, none extra; optional properties wrapped in `optional`. */
type Properties<T> = {
  [K in keyof T]-?: K extends OptionalKeys<T> ? Optional<Exclude<T[K], undefined>> : Schema<T[K]>;
};

const schema = <T>(json: Json): Schema<T> => ({ json });

const string = (): Schema<string> => schema({ type: 'string' });
/** Counts and other whole numbers, never negative. */
const count = (): Schema<number> => schema({ type: 'integer', minimum: 0 });
/** Milliseconds since the epoch, as the stub's clock gives them. */
const time = (): Schema<number> => schema({ type: 'number', minimum: 0 });
const literal = <const V extends string | number>(value: V): Schema<V> => schema({ const: value });
const oneOf = <const V extends string>(values: readonly V[]): Schema<V> => schema({ type: 'string', enum: [...values] });
const array = <T>(item: Schema<T>): Schema<T[]> => schema({ type: 'array', items: item.json });
const record = <T>(value: Schema<T>): Schema<Record<string, T>> => schema({ type: 'object', additionalProperties: value.json });
const optional = <T>(inner: Schema<T>): Optional<T> => ({ optional: inner });

function nullable<T>(inner: Schema<T>): Schema<T | null> {
  const { type, ...rest } = inner.json;
  if (typeof type === 'string' && !('enum' in rest) && !('const' in rest)) return schema({ ...rest, type: [type, 'null'] });
  return schema({ anyOf: [inner.json, { type: 'null' }] });
}

function object<T>(properties: Properties<T>): Schema<T> {
  const entries = Object.entries(properties as Record<string, Schema<unknown> | Optional<unknown>>);
  return schema({
    type: 'object',
    additionalProperties: false,
    required: entries.filter(([, p]) => !('optional' in p)).map(([name]) => name),
    properties: Object.fromEntries(entries.map(([name, p]) => [name, 'optional' in p ? p.optional.json : p.json])),
  });
}

const saltedHash = object<SaltedHash>({ salt: string(), hash: string() });

const account = object<AccountRecord>({
  id: string(),
  nik: string(),
  fullName: string(),
  motherMaidenName: string(),
  phone: string(),
  email: string(),
  password: saltedHash,
  sessions: array(object<SessionRecord>({ hash: string(), issuedAt: time() })),
});

const operator = object<OperatorRecord>({ staffId: string(), name: string(), pin: saltedHash });

const loginCounter = object<LoginCounter>({ failures: count(), lockedUntil: nullable(time()), lastFailureAt: time() });

const challenge = object<ChallengeRecord>({
  id: string(),
  channel: oneOf(OTP_CHANNEL_NAMES),
  destination: string(),
  destinationMasked: string(),
  code: saltedHash,
  issuedAt: time(),
  expiresAt: time(),
  resendAvailableAt: time(),
  resendsUsed: count(),
  wrongEntries: count(),
  status: oneOf(['active', 'used', 'voided']),
});

const recovery = object<RecoveryRecord>({
  id: string(),
  tokenHash: string(),
  path: oneOf(RECOVERY_PATH_NAMES),
  accountId: nullable(string()),
  kioskId: string(),
  createdAt: time(),
  expiresAt: time(),
  step: oneOf(['identity-verified', 'otp-sent', 'otp-verified', 'completed', 'voided']),
  challenge: nullable(challenge),
  pending: nullable(object<NonNullable<RecoveryRecord['pending']>>({ phone: string(), email: string(), password: saltedHash })),
  reference: nullable(string()),
});

const outboxMessage = object<OutboxRecord>({
  id: string(),
  channel: oneOf(OTP_CHANNEL_NAMES),
  to: string(),
  toMasked: string(),
  sentAt: time(),
  subject: optional(string()),
  body: string(),
  kioskId: string(),
});

const idempotent = object<IdempotencyRecord>({ fingerprint: string(), status: count(), sealed: string(), storedAt: time() });

const auditAnchor = object<AuditAnchorRecord>({
  kioskId: string(),
  day: string(),
  seq: count(),
  hash: string(),
  at: string(),
  receivedAt: time(),
});

const codeLimits = object<CodeLimitsRecord>({
  sends: record(array(time())),
  wrongCodes: record(array(time())),
  kioskStarts: record(array(time())),
});

/** The whole state file. A new StubState field goes here (the compiler says so). */
const STATE_SCHEMA: Schema<StubState> = object<StubState>({
  version: literal(STATE_VERSION),
  accounts: array(account),
  operators: array(operator),
  operatorSessions: record(object<StubState['operatorSessions'][string]>({ staffId: string(), issuedAt: time(), kioskId: optional(string()) })),
  operatorCounters: optional(record(loginCounter)),
  kioskOperatorTries: optional(record(array(time()))),
  loginCounters: record(loginCounter),
  identityTries: record(array(time())),
  kioskIdentityTries: record(array(time())),
  recoveries: record(recovery),
  outbox: array(outboxMessage),
  idempotency: record(idempotent),
  auditAnchors: optional(array(auditAnchor)),
  codeLimits: optional(codeLimits),
});

let validate: ValidateFunction | undefined;

/** Null when `value` is a StubState, else the first place it is not ("/accounts/0/nik must be string"). */
export function checkState(value: unknown): string | null {
  validate ??= new Ajv2020({ allErrors: false, strict: true }).compile(STATE_SCHEMA.json);
  if (validate(value)) return null;
  const first = validate.errors?.[0];
  if (!first) return 'does not fit';
  const extra = (first.params as { additionalProperty?: unknown }).additionalProperty;
  const named = typeof extra === 'string' ? ` (${JSON.stringify(extra).slice(1, -1).slice(0, 64)})` : '';
  return `${first.instancePath || '/'} ${first.message ?? 'does not fit'}${named}`;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Brings what older version-1 state files hold, and this stub no longer
 * writes, to today's shape before the check (in place; anything else is
 * left for `checkState` to judge):
 * - a sign-in session kept as a bare hash, without its issue time, is
 *   dropped: it counts as expired (sessions last 30 minutes);
 * - a stored idempotent answer kept in clear (`body`, with live tokens) is
 *   dropped: it cannot be sealed without the Idempotency-Key, which the
 *   state never held (a retry of that request is performed anew);
 * - an outbox message without its kiosk is kept for no kiosk (`''`).
 */
export function upgradeState(value: unknown): unknown {
  if (!isObject(value)) return value;
  if (Array.isArray(value.accounts)) {
    for (const account of value.accounts) {
      if (isObject(account) && Array.isArray(account.sessions)) account.sessions = account.sessions.filter((s) => typeof s !== 'string');
    }
  }
  if (isObject(value.idempotency)) {
    for (const [scope, stored] of Object.entries(value.idempotency)) {
      if (isObject(stored) && !('sealed' in stored) && 'body' in stored) delete value.idempotency[scope];
    }
  }
  if (Array.isArray(value.outbox)) {
    for (const message of value.outbox) if (isObject(message) && !('kioskId' in message)) message.kioskId = '';
  }
  return value;
}
