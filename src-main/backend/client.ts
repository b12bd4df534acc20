/**
 * The kiosk's HTTP client of the recovery backend (a real one or the
 * embedded stub): implements BackendClient with axios. Each method resolves
 * to a typed Result and never throws; every state-changing call carries a
 * fresh Idempotency-Key that stays the same across its retries. Secrets
 * (passwords, codes, tokens) go only into request bodies and headers; this
 * module logs nothing.
 */
import { randomUUID } from 'node:crypto';
import axios from 'axios';
import type { OtpChannel } from '../../src-shared/contract';
import { codeChannelOf } from '../../src-shared/recoveryPaths';
import { callBackend, type CallSpec, type RetryPolicy } from './httpCall';
import {
  challengeGuard,
  operatorGuard,
  otpResultGuard,
  outboxGuard,
  recoveryGuard,
  referenceGuard,
  signInGuard,
  startGuard,
  type Guard,
} from './responseGuards';
import type { BackendClient, BackendRecovery, CallContext } from './types';

export interface BackendClientOptions {
  baseUrl: string;
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
  /** For tests: how Idempotency-Keys are made (random UUIDs). */
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
  const http = axios.create({
    baseURL: options.baseUrl.replace(/\/+$/, ''),
    validateStatus: () => true,
    maxRedirects: 0,
    proxy: false,
    responseType: 'text',
    transformResponse: [(data: unknown) => data],
    maxContentLength: MAX_RESPONSE_BYTES,
    headers: { accept: 'application/json, application/problem+json' },
  });

  function headers(ctx: CallContext, extra: Record<string, string> = {}): Record<string, string> {
    return {
      'x-kiosk-id': ctx.kioskId,
      ...(ctx.operatorToken ? { 'x-operator-token': ctx.operatorToken } : {}),
      ...extra,
    };
  }

  function post<T>(ctx: CallContext, path: string, body: unknown, guard: Guard<T>, recovery?: BackendRecovery) {
    const spec: CallSpec<T> = {
      method: 'POST',
      path,
      body,
      guard,
      headers: headers(ctx, {
        'content-type': 'application/json',
        'idempotency-key': newKey(),
        ...(recovery ? { authorization: `Bearer ${recovery.recoveryToken}` } : {}),
      }),
    };
    return callBackend(http, policy, spec);
  }

  const recoveryPath = (r: BackendRecovery, rest: string): string => `/v1/recoveries/${encodeURIComponent(r.recoveryId)}${rest}`;
  const challengePath = (r: BackendRecovery, challengeId: string, action: 'verify' | 'resend'): string =>
    recoveryPath(r, `/challenges/${encodeURIComponent(challengeId)}/${action}`);

  return {
    signIn: (ctx, identifier, password) => post(ctx, '/v1/auth/sign-in', { identifier, password }, signInGuard),
    operatorSignIn: (ctx, staffId, pin) => post(ctx, '/v1/operators/sign-in', { staffId, pin }, operatorGuard),
    // One endpoint per contact path, its body named after the contact: /v1/recoveries/phone { phone }.
    startRecovery: (ctx, path, destination) =>
      post(ctx, `/v1/recoveries/${path}`, { [codeChannelOf(path).contact]: destination }, startGuard),
    verifyIdentity: (ctx, identity) =>
      post(
        ctx,
        '/v1/recoveries/identity',
        { nik: identity.nik, fullName: identity.fullName, motherMaidenName: identity.motherMaidenName },
        recoveryGuard,
      ),
    submitCredentials: (ctx, recovery, creds: { phone: string; email: string; password: string; otpChannel: OtpChannel }) =>
      post(
        ctx,
        recoveryPath(recovery, '/credentials'),
        { phone: creds.phone, email: creds.email, password: creds.password, otpChannel: creds.otpChannel },
        challengeGuard,
        recovery,
      ),
    verifyOtp: (ctx, recovery, challengeId, code) =>
      post(ctx, challengePath(recovery, challengeId, 'verify'), { code }, otpResultGuard, recovery),
    resendOtp: (ctx, recovery, challengeId) => post(ctx, challengePath(recovery, challengeId, 'resend'), {}, challengeGuard, recovery),
    setPassword: (ctx, recovery, password) => post(ctx, recoveryPath(recovery, '/password'), { password }, referenceGuard, recovery),
    outbox: (ctx) => callBackend(http, policy, { method: 'GET', path: '/v1/training/outbox', headers: headers(ctx), guard: outboxGuard }),
  };
}
