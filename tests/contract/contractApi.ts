/**
 * The conformance suite's own HTTP client: raw fetch, independent of the
 * kiosk's axios client, so that the suite judges the server and nothing
 * else. Every response is checked against openapi.yaml; violations are
 * collected and fail the check that caused them.
 */
import { randomUUID } from 'node:crypto';
import type { ContractAnswers } from '../../src-main/backend/contract/answers';
import type { OperationId } from '../../src-main/backend/contract/document';

export interface ApiResponse {
  status: number;
  contentType: string;
  headers: Headers;
  body: unknown;
}

export interface RecoveryRef {
  recoveryId: string;
  recoveryToken: string;
}

export interface RawRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  headers?: Record<string, string>;
  /** An object is sent as JSON; a string is sent as is. */
  body?: unknown;
}

/** Requests time out rather than hang the suite. */
const REQUEST_TIMEOUT_MS = 15_000;

export function newKey(): string {
  return randomUUID();
}

export class ContractApi {
  readonly violations: string[] = [];

  constructor(
    readonly baseUrl: string,
    private readonly validator: ContractAnswers,
    /** Kiosk id → its key: a request naming one of these kiosks carries its key, unless it sets `authorization` itself. */
    private readonly kioskKeys: Map<string, string> = new Map(),
  ) {}

  /** Remembers a kiosk's key, for every later request naming that kiosk. */
  addKiosk(kioskId: string, key: string): void {
    this.kioskKeys.set(kioskId, key);
  }

  /** The `Authorization` value of a known kiosk (for tests that build requests by hand). */
  kioskAuthorization(kioskId: string): string {
    const key = this.kioskKeys.get(kioskId);
    if (!key) throw new Error(`no key for kiosk ${kioskId}`);
    return `Bearer ${key}`;
  }

  private withKioskKey(headers: Record<string, string> = {}): Record<string, string> {
    if (Object.keys(headers).some((h) => h.toLowerCase() === 'authorization')) return headers;
    const key = this.kioskKeys.get(headers['x-kiosk-id'] ?? '');
    return key ? { ...headers, authorization: `Bearer ${key}` } : headers;
  }

  /** Sends without validating: for requests the contract does not describe (test controls, garbage). */
  async raw(req: RawRequest): Promise<ApiResponse> {
    const isText = typeof req.body === 'string';
    const res = await fetch(`${this.baseUrl}${req.path}`, {
      method: req.method,
      headers: {
        ...(req.body !== undefined && !isText ? { 'content-type': 'application/json' } : {}),
        ...this.withKioskKey(req.headers),
      },
      body: req.body === undefined ? null : isText ? (req.body as string) : JSON.stringify(req.body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text.length > 0 ? JSON.parse(text) : undefined;
    } catch {
      // kept as text
    }
    return { status: res.status, contentType: res.headers.get('content-type') ?? '', headers: res.headers, body };
  }

  /** Sends and checks the answer against the operation's responses in openapi.yaml. */
  async call(operationId: OperationId, req: RawRequest): Promise<ApiResponse> {
    const res = await this.raw(req);
    this.violations.push(...this.validator.check(operationId, res.status, res.contentType, res.body, res.headers));
    return res;
  }

  private post(operationId: OperationId, path: string, kiosk: string, body: unknown, key: string, token?: string): Promise<ApiResponse> {
    return this.call(operationId, {
      method: 'POST',
      path,
      body,
      headers: { 'x-kiosk-id': kiosk, 'idempotency-key': key, ...(token ? { 'x-recovery-token': token } : {}) },
    });
  }

  signIn(kiosk: string, identifier: string, password: string, key = newKey()): Promise<ApiResponse> {
    return this.post('signIn', '/v1/auth/sign-in', kiosk, { identifier, password }, key);
  }

  session(kiosk: string, sessionToken: string): Promise<ApiResponse> {
    return this.call('session', {
      method: 'GET',
      path: '/v1/auth/session',
      headers: { 'x-kiosk-id': kiosk, 'x-session-token': sessionToken },
    });
  }

  operatorSignIn(kiosk: string, staffId: string, pin: string, key = newKey()): Promise<ApiResponse> {
    return this.post('operatorSignIn', '/v1/operators/sign-in', kiosk, { staffId, pin }, key);
  }

  startByPhone(kiosk: string, phone: string, key = newKey()): Promise<ApiResponse> {
    return this.post('startByPhone', '/v1/recoveries/phone', kiosk, { phone }, key);
  }

  startByEmail(kiosk: string, email: string, key = newKey()): Promise<ApiResponse> {
    return this.post('startByEmail', '/v1/recoveries/email', kiosk, { email }, key);
  }

  verifyIdentity(
    kiosk: string,
    identity: { nik: string; fullName: string; motherMaidenName: string },
    key = newKey(),
  ): Promise<ApiResponse> {
    return this.post('verifyIdentity', '/v1/recoveries/identity', kiosk, identity, key);
  }

  submitCredentials(
    kiosk: string,
    rec: RecoveryRef,
    creds: { phone: string; email: string; password: string; otpChannel: 'sms' | 'email' },
    key = newKey(),
  ): Promise<ApiResponse> {
    return this.post('submitCredentials', `/v1/recoveries/${rec.recoveryId}/credentials`, kiosk, creds, key, rec.recoveryToken);
  }

  verifyOtp(kiosk: string, rec: RecoveryRef, challengeId: string, code: string, key = newKey()): Promise<ApiResponse> {
    const path = `/v1/recoveries/${rec.recoveryId}/challenges/${challengeId}/verify`;
    return this.post('verifyOtp', path, kiosk, { code }, key, rec.recoveryToken);
  }

  resendOtp(kiosk: string, rec: RecoveryRef, challengeId: string, key = newKey()): Promise<ApiResponse> {
    const path = `/v1/recoveries/${rec.recoveryId}/challenges/${challengeId}/resend`;
    return this.post('resendOtp', path, kiosk, {}, key, rec.recoveryToken);
  }

  setPassword(kiosk: string, rec: RecoveryRef, password: string, key = newKey()): Promise<ApiResponse> {
    return this.post('setPassword', `/v1/recoveries/${rec.recoveryId}/password`, kiosk, { password }, key, rec.recoveryToken);
  }

  outbox(kiosk: string): Promise<ApiResponse> {
    return this.call('outbox', { method: 'GET', path: '/v1/training/outbox', headers: { 'x-kiosk-id': kiosk } });
  }

  auditAnchor(kiosk: string, anchor: unknown, key = newKey()): Promise<ApiResponse> {
    return this.post('auditAnchor', '/v1/audit/anchors', kiosk, anchor, key);
  }

  /** `query` as it goes on the URL (`from=2025-03-04&to=…`), unchecked: bad ones are tests too. */
  auditAnchors(kiosk: string, query = ''): Promise<ApiResponse> {
    return this.call('auditAnchors', { method: 'GET', path: `/v1/audit/anchors${query ? `?${query}` : ''}`, headers: { 'x-kiosk-id': kiosk } });
  }
}
