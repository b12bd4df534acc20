/** Small assertions shared by the checks; failures read as sentences. */
import assert from 'node:assert/strict';
import type { ApiResponse, RecoveryRef } from '../contractApi';

export interface ProblemShape {
  code: string;
  status: number;
  attemptsRemaining?: number;
  retryAfterSeconds?: number;
  lockedUntil?: string;
  field?: string;
}

export interface ChallengeShape {
  challengeId: string;
  channel: 'sms' | 'email';
  destinationMasked: string;
  expiresAt: string;
  resendAvailableAt: string;
  resendsRemaining: number;
}

export function expectStatus(res: ApiResponse, status: number, what: string): void {
  assert.equal(res.status, status, `${what}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
}

export function expectProblem(res: ApiResponse, status: number, code: string, what: string): ProblemShape {
  expectStatus(res, status, what);
  assert.match(res.contentType, /^application\/problem\+json/, `${what}: not problem+json`);
  const body = res.body as ProblemShape;
  assert.equal(body.code, code, `${what}: code`);
  return body;
}

export function expectOneOfProblems(res: ApiResponse, allowed: [number, string][], what: string): void {
  const body = res.body as Partial<ProblemShape> | undefined;
  const ok = allowed.some(([status, code]) => res.status === status && body?.code === code);
  assert.ok(ok, `${what}: expected one of ${JSON.stringify(allowed)}, got ${res.status} ${JSON.stringify(body)}`);
}

export function started(res: ApiResponse, what: string): { rec: RecoveryRef; challenge: ChallengeShape } {
  expectStatus(res, 201, what);
  const body = res.body as RecoveryRef & { challenge: ChallengeShape };
  return { rec: { recoveryId: body.recoveryId, recoveryToken: body.recoveryToken }, challenge: body.challenge };
}

export function recoveryOf(res: ApiResponse, what: string): RecoveryRef {
  expectStatus(res, 201, what);
  const body = res.body as RecoveryRef;
  return { recoveryId: body.recoveryId, recoveryToken: body.recoveryToken };
}

export function challengeOf(res: ApiResponse, status: number, what: string): ChallengeShape {
  expectStatus(res, status, what);
  return res.body as ChallengeShape;
}

/** A six-digit code that is not `code`. */
export function wrongCode(code: string): string {
  return String((Number(code) + 1) % 1_000_000).padStart(6, '0');
}

/** The JSON "shape": same keys and value types, recursively; values themselves may differ. */
export function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shapeOf);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, shapeOf((value as Record<string, unknown>)[k])]));
  }
  return typeof value;
}

/** A registered and an unregistered identifier answered alike: status, content type, body shape. */
export function sameShape(registered: ApiResponse, unregistered: ApiResponse, what: string): void {
  assert.equal(unregistered.status, registered.status, `${what}: status`);
  assert.equal(unregistered.contentType, registered.contentType, `${what}: content-type`);
  assert.deepEqual(shapeOf(unregistered.body), shapeOf(registered.body), `${what}: body shape`);
}
