/**
 * The kiosk's HTTP client of the recovery backend (a real one or the
 * embedded stub): implements BackendClient with axios. Each method resolves
 * to a typed Result and never throws; every state-changing call carries an
 * Idempotency-Key (the caller's, else a fresh one) that stays the same
 * across its retries. Secrets (passwords, codes, tokens) go only into
 * request bodies and headers; this module logs nothing.
 */
import { randomUUID } from 'node:crypto';
import axios from 'axios';
import type { OutboxMessage } from '../../src-shared/contract';
import { codeChannelOf } from '../../src-shared/recoveryPaths';
import { contractAnswers } from './contract/answers';
import {
  contractOperation,
  pathOf,
  START_OPERATIONS,
  type AnswerOf,
  type ContractSchema,
  type OperationId,
  type RequestBodyOf,
} from './contract/document';
import { callBackend, type RetryPolicy } from './httpCall';
import type { BackendChallenge, BackendClient, BackendRecovery, CallContext } from './types';

/** A backend time, re-serialised: only a well-formed ISO time crosses, never the backend's string. */
const isoTime = (value: string): string => new Date(Date.parse(value)).toISOString();

/**
 * The fields of a challenge the kiosk uses (the contract has checked each).
 * Its times are put on the kiosk's clock from the durations the backend
 * states, so countdowns hold when the two clocks differ.
 */
function challengeOf(c: ContractSchema<'Challenge'>): BackendChallenge {
  const receivedAt = Date.now();
  return {
    challengeId: c.challengeId,
    channel: c.channel,
    destinationMasked: c.destinationMasked,
    expiresAt: new Date(receivedAt + c.expiresInSeconds * 1000).toISOString(),
    resendAvailableAt: new Date(receivedAt + c.resendAvailableInSeconds * 1000).toISOString(),
    resendsRemaining: c.resendsRemaining,
  };
}

const recoveryOf = (r: ContractSchema<'Recovery'>): BackendRecovery => ({ recoveryId: r.recoveryId, recoveryToken: r.recoveryToken });

function outboxMessageOf(m: ContractSchema<'OutboxMessage'>): OutboxMessage {
  return {
    id: m.id,
    channel: m.channel,
    toMasked: m.toMasked,
    sentAt: isoTime(m.sentAt),
    body: m.body,
    ...(m.subject !== undefined ? { subject: m.subject } : {}),
  };
}

export interface BackendClientOptions {
  baseUrl: string;
  /** This kiosk's key (`Authorization: Bearer`), provisioned with its kiosk id; never logged. */
  kioskKey: string;
  /** Per attempt (8 s). */
  timeoutMs?: number;
  /** Retries after the first attempt, for network errors and 5xx only (2). */
  retries?: number;
  /** First backoff between retries (250 ms), doubling up to maxBackoffMs (2 s). */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** Longest Retry-After honoured by waiting (5 s); longer ends the call with retryAfterSeconds. */
  maxRetryAfterMs?: number;
  /**
   * Bound on a whole call; by default every attempt's timeout plus the longest waits between them
   * (with the defaults: 3 × 8 s + 2 × 5 s = 34 s at worst, typically one round trip).
   */
  deadlineMs?: number;
  /** For tests: how Idempotency-Keys are made when the caller brings none (random UUIDs). */
  newIdempotencyKey?: () => string;
}

/** The largest answer accepted (the outbox is the biggest). */
const MAX_RESPONSE_BYTES = 2 * 1024 * 1024;

export function createBackendClient(options: BackendClientOptions): BackendClient {
  const timeoutMs = options.timeoutMs ?? 8_000;
  const retries = Math.max(0, Math.floor(options.retries ?? 2));
  const maxBackoffMs = options.maxBackoffMs ?? 2_000;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 5_000;
  const policy: RetryPolicy = {
    timeoutMs,
    retries,
    backoffMs: options.backoffMs ?? 250,
    maxBackoffMs,
    maxRetryAfterMs,
    deadlineMs: options.deadlineMs ?? (retries + 1) * timeoutMs + retries * Math.max(maxBackoffMs, maxRetryAfterMs),
  };
  const newKey = options.newIdempotencyKey ?? randomUUID;
  const answers = contractAnswers();
  const http = axios.create({
    baseURL: options.baseUrl.replace(/\/+$/, ''),
    validateStatus: () => true,
    maxRedirects: 0,
    proxy: false,
    responseType: 'text',
    transformResponse: [(data: unknown) => data],
    maxContentLength: MAX_RESPONSE_BYTES,
    headers: { accept: 'application/json, application/problem+json', authorization: `Bearer ${options.kioskKey}` },
  });

  function headers(ctx: CallContext, extra: Record<string, string> = {}): Record<string, string> {
    return {
      'x-kiosk-id': ctx.kioskId,
      ...(ctx.operatorToken ? { 'x-operator-token': ctx.operatorToken } : {}),
      ...extra,
    };
  }

  /**
   * One operation of the contract: its method and path from resources/openapi.yaml, an
   * Idempotency-Key for a POST (the caller's, else a fresh one), the answer checked against the
   * contract and narrowed by `pick`.
   */
  function call<O extends OperationId, T>(
    ctx: CallContext,
    operationId: O,
    request: { params?: Record<string, string>; body?: RequestBodyOf<O>; recovery?: BackendRecovery },
    pick: (answer: AnswerOf<O>) => T,
  ) {
    const { method } = contractOperation(operationId);
    const extra: Record<string, string> =
      method === 'POST' ? { 'content-type': 'application/json', 'idempotency-key': ctx.idempotencyKey ?? newKey() } : {};
    if (request.recovery) extra['x-recovery-token'] = request.recovery.recoveryToken;
    return callBackend(http, policy, answers, {
      operationId,
      method,
      path: pathOf(operationId, request.params),
      headers: headers(ctx, extra),
      ...(request.body !== undefined ? { body: request.body } : {}),
      pick,
    });
  }

  const onRecovery = (recovery: BackendRecovery) => ({ recoveryId: recovery.recoveryId });
  const onChallenge = (recovery: BackendRecovery, challengeId: string) => ({ recoveryId: recovery.recoveryId, challengeId });

  return {
    signIn: (ctx, identifier, password) =>
      call(ctx, 'signIn', { body: { identifier, password } }, (a) => ({ displayName: a.displayName })),
    operatorSignIn: (ctx, staffId, pin) =>
      call(ctx, 'operatorSignIn', { body: { staffId, pin } }, (a) => ({ staffId: a.staffId, name: a.name, operatorToken: a.operatorToken })),
    // One operation per contact path, its body named after the contact: startByPhone { phone }.
    startRecovery: (ctx, path, destination) =>
      call(ctx, START_OPERATIONS[path], { body: { [codeChannelOf(path).contact]: destination } as RequestBodyOf<'startByPhone' | 'startByEmail'> }, (a) => ({
        ...recoveryOf(a),
        challenge: challengeOf(a.challenge),
      })),
    verifyIdentity: (ctx, identity) =>
      call(
        ctx,
        'verifyIdentity',
        { body: { nik: identity.nik, fullName: identity.fullName, motherMaidenName: identity.motherMaidenName } },
        recoveryOf,
      ),
    submitCredentials: (ctx, recovery, creds) =>
      call(
        ctx,
        'submitCredentials',
        {
          params: onRecovery(recovery),
          body: { phone: creds.phone, email: creds.email, password: creds.password, otpChannel: creds.otpChannel },
          recovery,
        },
        challengeOf,
      ),
    verifyOtp: (ctx, recovery, challengeId, code) =>
      call(ctx, 'verifyOtp', { params: onChallenge(recovery, challengeId), body: { code }, recovery }, (a) =>
        a.status === 'completed'
          ? { status: 'completed', reference: a.reference, phoneMasked: a.phoneMasked, emailMasked: a.emailMasked }
          : { status: 'otp-verified' },
      ),
    resendOtp: (ctx, recovery, challengeId) =>
      call(ctx, 'resendOtp', { params: onChallenge(recovery, challengeId), body: {}, recovery }, challengeOf),
    setPassword: (ctx, recovery, password) =>
      call(ctx, 'setPassword', { params: onRecovery(recovery), body: { password }, recovery }, (a) => ({
        reference: a.reference,
        phoneMasked: a.phoneMasked,
        emailMasked: a.emailMasked,
      })),
    outbox: (ctx) => call(ctx, 'outbox', {}, (a) => a.messages.map(outboxMessageOf)),
    health: (ctx) => call(ctx, 'auditAnchors', {}, () => null),
    sendAuditAnchor: (ctx, anchor) =>
      call(ctx, 'auditAnchor', { body: { day: anchor.day, seq: anchor.seq, hash: anchor.hash, at: anchor.at } }, (a) => ({ seq: a.seq })),
  };
}
