/**
 * The client against the stub's fault injection: timeouts, retries only
 * where safe (with the same Idempotency-Key), Retry-After, and a bounded
 * BACKEND_UNAVAILABLE when the backend is down. Never a throw, never a hang.
 */
import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackendClient } from '../../../../src-main/backend/client';
import { addFault, latestCode, SITI, startHarness, type Harness } from './stubHarness';
import { testKioskKey } from './testKiosks';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({}, { timeoutMs: 300, retries: 2, backoffMs: 10, maxBackoffMs: 20 });
});
afterEach(async () => h.close());

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 1;
}

async function smsCount(to: string): Promise<number> {
  const outbox = await h.client.outbox(h.ctx);
  return outbox.ok ? outbox.value.filter((m) => m.toMasked === to).length : -1;
}

describe('client resilience', () => {
  it('latency beyond the timeout on every attempt: BACKEND_UNAVAILABLE within the bound, no hang', async () => {
    await addFault(h.url, { route: 'signIn', kind: 'latency', latencyMs: 20_000 });
    const started = Date.now();
    const result = await h.client.signIn(h.ctx, SITI.phone, SITI.password);
    const elapsed = Date.now() - started;
    expect(result).toEqual({ ok: false, error: { code: 'BACKEND_UNAVAILABLE' } });
    // 3 attempts of 300 ms plus two short backoffs: far below the 20 s latency (slack for loaded CI machines).
    expect(elapsed).toBeGreaterThanOrEqual(900);
    expect(elapsed).toBeLessThan(5_000);
  });

  it('latency on the first attempt only: the retry succeeds', async () => {
    await addFault(h.url, { route: 'signIn', kind: 'latency', latencyMs: 2_000, times: 1 });
    expect(await h.client.signIn(h.ctx, SITI.phone, SITI.password)).toEqual({ ok: true, value: { displayName: 'S*** R***' } });
  });

  it('503 then success: retried, answered', async () => {
    await addFault(h.url, { route: 'operatorSignIn', kind: 'error', status: 503, times: 2 });
    const result = await h.client.operatorSignIn(h.ctx, 'PTG001', '246810');
    expect(result.ok && result.value.name).toBe('PETUGAS SATU');
  });

  it('5xx on every attempt: gives up after the retries', async () => {
    await addFault(h.url, { route: 'operatorSignIn', kind: 'error', status: 500 });
    expect(await h.client.operatorSignIn(h.ctx, 'PTG001', '246810')).toEqual({ ok: false, error: { code: 'BACKEND_ERROR' } });
    await addFault(h.url, { route: 'signIn', kind: 'error', status: 503 });
    expect(await h.client.signIn(h.ctx, SITI.phone, SITI.password)).toEqual({ ok: false, error: { code: 'BACKEND_UNAVAILABLE' } });
  });

  it('honours Retry-After before retrying', async () => {
    await addFault(h.url, { route: 'operatorSignIn', kind: 'error', status: 503, retryAfterSeconds: 1, times: 1 });
    const started = Date.now();
    const result = await h.client.operatorSignIn(h.ctx, 'PTG001', '246810');
    expect(result.ok).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
  });

  it('a Retry-After longer than it will wait: stops at once with retryAfterSeconds', async () => {
    await addFault(h.url, { route: 'operatorSignIn', kind: 'error', status: 503, retryAfterSeconds: 120 });
    const started = Date.now();
    const result = await h.client.operatorSignIn(h.ctx, 'PTG001', '246810');
    expect(result).toEqual({ ok: false, error: { code: 'BACKEND_UNAVAILABLE', retryAfterSeconds: 120 } });
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('a dropped connection before the request is handled: retried, one SMS', async () => {
    await addFault(h.url, { route: 'startByPhone', kind: 'drop', times: 1 });
    const result = await h.client.startRecovery(h.ctx, 'phone', SITI.phone);
    expect(result.ok).toBe(true);
    expect(await smsCount('08*****2797')).toBe(1);
  });

  it('a dropped connection after the change was made: the retry carries the same Idempotency-Key, so no second SMS', async () => {
    await addFault(h.url, { route: 'startByPhone', kind: 'drop', phase: 'after', times: 1 });
    const result = await h.client.startRecovery(h.ctx, 'phone', SITI.phone);
    expect(result.ok).toBe(true);
    expect(await smsCount('08*****2797')).toBe(1);
    // And the recovery it got back is the one whose code was sent.
    if (!result.ok) return;
    const code = await latestCode(h, '08*****2797');
    expect(await h.client.verifyOtp(h.ctx, result.value, result.value.challenge.challengeId, code)).toEqual({
      ok: true,
      value: { status: 'otp-verified' },
    });
  });

  it('a 503 after the change was made: the retry is replayed, the try is not counted twice', async () => {
    await addFault(h.url, { route: 'verifyIdentity', kind: 'error', status: 503, phase: 'after', times: 1 });
    const first = await h.client.verifyIdentity(h.ctx, { nik: '3171014101900001', fullName: 'X', motherMaidenName: 'Y' });
    expect(first).toEqual({ ok: false, error: { code: 'IDENTITY_MISMATCH', attemptsRemaining: 2 } });
  });

  it('4xx answers are never retried', async () => {
    await addFault(h.url, { route: 'verifyIdentity', kind: 'error', status: 503, phase: 'after', times: 1 });
    // Without retries, the 503 is what the kiosk sees; the stub counted the try anyway.
    const noRetry = createBackendClient({ baseUrl: h.url, kioskKey: testKioskKey('KIOSK-A'), timeoutMs: 300, retries: 0 });
    expect(await noRetry.verifyIdentity(h.ctx, { nik: '3273011505850002', fullName: 'X', motherMaidenName: 'Y' })).toEqual({
      ok: false,
      error: { code: 'BACKEND_UNAVAILABLE' },
    });
    // A 4xx with retries on: exactly one more try counted (2 → 1), not three.
    const r = await h.client.verifyIdentity(h.ctx, { nik: '3273011505850002', fullName: 'X', motherMaidenName: 'Y' });
    expect(r).toEqual({ ok: false, error: { code: 'IDENTITY_MISMATCH', attemptsRemaining: 1 } });
  });

  it('connection refused on a closed port: BACKEND_UNAVAILABLE quickly', async () => {
    const port = await closedPort();
    const client = createBackendClient({ baseUrl: `http://127.0.0.1:${port}`, kioskKey: testKioskKey('KIOSK-A'), timeoutMs: 300, retries: 2, backoffMs: 10 });
    const started = Date.now();
    expect(await client.signIn(h.ctx, SITI.phone, SITI.password)).toEqual({ ok: false, error: { code: 'BACKEND_UNAVAILABLE' } });
    expect(await client.outbox(h.ctx)).toEqual({ ok: false, error: { code: 'BACKEND_UNAVAILABLE' } });
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  it('a base URL that is not even a URL: a Result, not a throw', async () => {
    const client = createBackendClient({ baseUrl: 'not a url', kioskKey: testKioskKey('KIOSK-A'), timeoutMs: 100, retries: 0 });
    const result = await client.signIn(h.ctx, SITI.phone, SITI.password);
    expect(result.ok).toBe(false);
  });

  it('the deadline bounds the whole call even with generous retries', async () => {
    await addFault(h.url, { route: 'signIn', kind: 'latency', latencyMs: 20_000 });
    const client = createBackendClient({ baseUrl: h.url, kioskKey: testKioskKey('KIOSK-A'), timeoutMs: 400, retries: 10, backoffMs: 10, deadlineMs: 700 });
    const started = Date.now();
    expect(await client.signIn(h.ctx, SITI.phone, SITI.password)).toEqual({ ok: false, error: { code: 'BACKEND_UNAVAILABLE' } });
    // 11 attempts of 400 ms would take 4.4 s; the deadline stops it at 0.7 s (slack for load).
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});
