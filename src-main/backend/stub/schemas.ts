import { OTP_CHANNEL_NAMES } from '../../../src-shared/recoveryPaths';
import { OTP_LENGTH } from '../../../src-shared/rules/otp';

/**
 * Fastify JSON schemas of every stub route. Strict on purpose: unknown
 * fields, wrong types and oversized strings are answered 400 before any rule
 * runs, so bad input cannot change state. resources/openapi.yaml declares the
 * same request bodies (a unit test keeps the two equal).
 */

/** Stable ids of the stub's public routes, used by fault injection and the contract. */
export const ROUTE_IDS = [
  'signIn',
  'session',
  'operatorSignIn',
  'startByPhone',
  'startByEmail',
  'verifyIdentity',
  'submitCredentials',
  'verifyOtp',
  'resendOtp',
  'setPassword',
  'outbox',
] as const;

export type RouteId = (typeof ROUTE_IDS)[number];

const NAME_PATTERN = "^[\\p{L}\\p{M}' .,-]+$";

const str = (maxLength: number, extra: Record<string, unknown> = {}) => ({ type: 'string', minLength: 1, maxLength, ...extra });

function body(properties: Record<string, unknown>) {
  return { type: 'object', additionalProperties: false, required: Object.keys(properties), properties };
}

const phone = str(32, { pattern: '^\\+?[0-9 .()-]{8,32}$' });
const email = str(254, { pattern: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$' });
const newPassword = str(128);

/** Request bodies, keyed by route id (the OpenAPI document's requestBody schemas). */
export const BODY_SCHEMAS = {
  signIn: body({ identifier: str(254), password: str(128) }),
  operatorSignIn: body({ staffId: str(32, { pattern: '^[A-Za-z0-9]+$' }), pin: str(8, { pattern: '^[0-9]{4,8}$' }) }),
  startByPhone: body({ phone }),
  startByEmail: body({ email }),
  verifyIdentity: body({
    nik: str(16, { pattern: '^[0-9]{16}$' }),
    fullName: str(200, { pattern: NAME_PATTERN }),
    motherMaidenName: str(200, { pattern: NAME_PATTERN }),
  }),
  submitCredentials: body({ phone, email, password: newPassword, otpChannel: { type: 'string', enum: OTP_CHANNEL_NAMES } }),
  verifyOtp: body({ code: str(OTP_LENGTH, { pattern: `^[0-9]{${OTP_LENGTH}}$` }) }),
  resendOtp: { type: 'object', additionalProperties: false, maxProperties: 0, properties: {} },
  setPassword: body({ password: newPassword }),
} as const;

const KIOSK_ID = { type: 'string', pattern: '^[A-Za-z0-9._-]{1,64}$' };
const IDEMPOTENCY_KEY = { type: 'string', pattern: '^[A-Za-z0-9._:-]{8,128}$' };
const BEARER = { type: 'string', maxLength: 200, pattern: '^Bearer [A-Za-z0-9_-]{16,128}$' };
const OPERATOR_TOKEN = { type: 'string', maxLength: 200, pattern: '^[A-Za-z0-9_-]{16,128}$' };

/** Headers of a read: the kiosk id. */
export const READ_HEADERS = {
  type: 'object',
  required: ['x-kiosk-id'],
  properties: { 'x-kiosk-id': KIOSK_ID, 'x-operator-token': OPERATOR_TOKEN },
} as const;

/** Headers of a state-changing request: the kiosk id and an Idempotency-Key. */
export const WRITE_HEADERS = {
  type: 'object',
  required: ['x-kiosk-id', 'idempotency-key'],
  properties: { 'x-kiosk-id': KIOSK_ID, 'idempotency-key': IDEMPOTENCY_KEY, 'x-operator-token': OPERATOR_TOKEN },
} as const;

/** Headers of a recovery step: also the recovery's bearer token. */
export const RECOVERY_HEADERS = {
  type: 'object',
  required: ['x-kiosk-id', 'idempotency-key', 'authorization'],
  properties: { ...WRITE_HEADERS.properties, authorization: BEARER },
} as const;

export const SESSION_HEADERS = {
  type: 'object',
  required: ['x-kiosk-id', 'authorization'],
  properties: { ...READ_HEADERS.properties, authorization: BEARER },
} as const;

const RECOVERY_ID = { type: 'string', pattern: '^rcv_[A-Za-z0-9_-]{16}$' };
const CHALLENGE_ID = { type: 'string', pattern: '^otp_[A-Za-z0-9_-]{16}$' };

export const RECOVERY_PARAMS = {
  type: 'object',
  additionalProperties: false,
  required: ['recoveryId'],
  properties: { recoveryId: RECOVERY_ID },
} as const;

export const CHALLENGE_PARAMS = {
  type: 'object',
  additionalProperties: false,
  required: ['recoveryId', 'challengeId'],
  properties: { recoveryId: RECOVERY_ID, challengeId: CHALLENGE_ID },
} as const;

/** Test controls (mounted only with testControls on). */
export const TEST_SCHEMAS = {
  clockAdvance: body({ ms: { type: 'integer', minimum: 0, maximum: 400 * 24 * 60 * 60_000 } }),
  fault: {
    type: 'object',
    additionalProperties: false,
    required: ['route', 'kind'],
    properties: {
      route: { type: 'string', enum: [...ROUTE_IDS, '*'] },
      kind: { type: 'string', enum: ['latency', 'error', 'drop'] },
      phase: { type: 'string', enum: ['before', 'after'] },
      latencyMs: { type: 'integer', minimum: 0, maximum: 120_000 },
      status: { type: 'integer', minimum: 500, maximum: 599 },
      retryAfterSeconds: { type: 'integer', minimum: 0, maximum: 3600 },
      times: { type: 'integer', minimum: 1, maximum: 10_000 },
    },
  },
  account: body({
    nik: str(16, { pattern: '^[0-9]{16}$' }),
    fullName: str(200, { pattern: NAME_PATTERN }),
    motherMaidenName: str(200, { pattern: NAME_PATTERN }),
    phone,
    email,
    password: str(128),
  }),
  config: {
    type: 'object',
    additionalProperties: false,
    properties: { kioskIdentityLimitPerHour: { type: 'integer', minimum: 1, maximum: 100_000 } },
  },
} as const;
