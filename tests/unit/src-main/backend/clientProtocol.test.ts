/**
 * The client against a scripted server that records what it receives:
 * headers on every call, the same Idempotency-Key on every retry, no retry
 * of a 4xx, and the mapping of answers to typed Results (raw backend text
 * never passes; unknown codes become BACKEND_ERROR).
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBackendClient } from '../../../../src-main/backend/client';
import { toChallengeView } from '../../../../src-main/core/challengeView';
import type { BackendClient } from '../../../../src-main/backend/types';
import { testKioskKey } from './testKiosks';

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

type Script = { status: number; body: string; headers?: Record<string, string> }[];

let server: Server;
let seen: Seen[];
let script: Script;
let client: BackendClient;
const ctx = { kioskId: 'KIOSK-A', operatorToken: 'op-token-0123456789abcdef' };
const recovery = { recoveryId: 'rcv_AAAAAAAAAAAAAAAA', recoveryToken: 'tok_0123456789abcdefghij' };
/** A finished recovery as the backend answers it: the reference and the account's contacts, masked. */
const DONE = { reference: 'PLH-2026-ABC123', phoneMasked: '08*****2797', emailMasked: 's***@example.com' };

/** A problem as the contract shapes it (type, title, status, code), plus `extra`. */
function problemJson(extra: Record<string, unknown>, status: number): { status: number; body: string; headers: Record<string, string> } {
  const body = { type: `urn:pulih:problem:${String(extra.code)}`, title: 'Error', status, ...extra };
  return { status, body: JSON.stringify(body), headers: { 'content-type': 'application/problem+json' } };
}

const SIGNED_IN = JSON.stringify({ displayName: 'S*** R***', sessionToken: 'session-0123456789abcdef' });

beforeEach(async () => {
  seen = [];
  script = [];
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const next = script.shift() ?? { status: 500, body: '' };
      res.writeHead(next.status, { 'content-type': 'application/json', ...next.headers });
      res.end(next.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  client = createBackendClient({ baseUrl: `http://127.0.0.1:${port}/`, kioskKey: testKioskKey('KIOSK-A'), timeoutMs: 1_000, retries: 2, backoffMs: 5, maxBackoffMs: 10 });
});
afterEach(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('client protocol', () => {
  it('sends the kiosk id and key, operator token, recovery token and a JSON body; the same Idempotency-Key on each retry', async () => {
    script = [
      { status: 503, body: '' },
      { status: 502, body: 'Bad gateway' },
      { status: 200, body: JSON.stringify({ status: 'otp-verified' }) },
    ];
    const result = await client.verifyOtp(ctx, recovery, 'otp_BBBBBBBBBBBBBBBB', '123456');
    expect(result).toEqual({ ok: true, value: { status: 'otp-verified' } });
    expect(seen).toHaveLength(3);
    const first = seen[0];
    expect(first?.method).toBe('POST');
    expect(first?.url).toBe('/v1/recoveries/rcv_AAAAAAAAAAAAAAAA/challenges/otp_BBBBBBBBBBBBBBBB/verify');
    expect(first?.headers['x-kiosk-id']).toBe('KIOSK-A');
    expect(first?.headers['x-operator-token']).toBe(ctx.operatorToken);
    expect(first?.headers.authorization).toBe(`Bearer ${testKioskKey('KIOSK-A')}`);
    expect(first?.headers['x-recovery-token']).toBe(recovery.recoveryToken);
    expect(first?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(first?.body ?? '')).toEqual({ code: '123456' });
    const keys = new Set(seen.map((s) => s.headers['idempotency-key']));
    expect(keys.size).toBe(1);
    expect([...keys][0]).toMatch(/^[A-Za-z0-9._:-]{8,128}$/);
  });

  it("a caller's Idempotency-Key is sent as given, the same on each retry (a replay of a call that gave up)", async () => {
    script = [
      { status: 503, body: '' },
      { status: 200, body: JSON.stringify(DONE) },
    ];
    const key = '3f1c2a9e-0000-4000-8000-00000000abcd';
    expect(await client.setPassword({ ...ctx, idempotencyKey: key }, recovery, 'Pulih#2026b')).toEqual({ ok: true, value: DONE });
    expect(seen.map((s) => s.headers['idempotency-key'])).toEqual([key, key]);
    // The key is a header of its own, never another header's value.
    expect(Object.values(seen[0]?.headers ?? {}).filter((v) => v === key)).toHaveLength(1);
  });

  it('a new call gets a new Idempotency-Key', async () => {
    script = [
      { status: 200, body: SIGNED_IN },
      { status: 200, body: SIGNED_IN },
    ];
    await client.signIn(ctx, '+6281234562797', 'x');
    await client.signIn(ctx, '+6281234562797', 'x');
    expect(seen[0]?.headers['idempotency-key']).not.toBe(seen[1]?.headers['idempotency-key']);
  });

  it('never retries a 4xx, and keeps only the typed fields of the problem', async () => {
    script = [
      problemJson(
        { title: 'Password salah untuk SITI RAHAYU', detail: 'raw text', code: 'INVALID_CREDENTIALS', attemptsRemaining: 3, extra: 'leak' },
        401,
      ),
    ];
    const result = await client.signIn(ctx, '+6281234562797', 'x');
    expect(result).toEqual({ ok: false, error: { code: 'INVALID_CREDENTIALS', attemptsRemaining: 3 } });
    expect(seen).toHaveLength(1);
  });

  it('takes retryAfterSeconds from a 429 Retry-After header when the body has none', async () => {
    script = [problemJson({ code: 'RESEND_COOLDOWN' }, 429)];
    script[0] = { ...script[0]!, headers: { ...script[0]!.headers, 'retry-after': '42' } };
    expect(await client.resendOtp(ctx, recovery, 'otp_BBBBBBBBBBBBBBBB')).toEqual({
      ok: false,
      error: { code: 'RESEND_COOLDOWN', retryAfterSeconds: 42 },
    });
    expect(seen).toHaveLength(1);
  });

  it('a problem the contract does not declare for that answer is BACKEND_ERROR', async () => {
    script = [
      problemJson({ code: 'OTP_INVALID', attemptsRemaining: 2 }, 401),
      { status: 401, body: JSON.stringify({ code: 'INVALID_CREDENTIALS' }), headers: { 'content-type': 'application/problem+json' } },
      problemJson({ code: 'INVALID_CREDENTIALS', status: 400 }, 401),
      problemJson({ code: 'INVALID_CREDENTIALS' }, 418),
    ];
    for (let i = 0; i < 4; i += 1) {
      expect(await client.signIn(ctx, 'a@b.co', 'x')).toEqual({ ok: false, error: { code: 'BACKEND_ERROR' } });
    }
    expect(seen).toHaveLength(4);
  });

  it('maps unknown, kiosk-only and missing codes to BACKEND_ERROR', async () => {
    script = [
      problemJson({ code: 'SOMETHING_NEW' }, 400),
      problemJson({ code: 'INTERNAL' }, 400),
      { status: 404, body: '<html>not found</html>', headers: { 'content-type': 'text/html' } },
    ];
    expect(await client.signIn(ctx, 'a@b.co', 'x')).toEqual({ ok: false, error: { code: 'BACKEND_ERROR' } });
    expect(await client.signIn(ctx, 'a@b.co', 'x')).toEqual({ ok: false, error: { code: 'BACKEND_ERROR' } });
    expect(await client.signIn(ctx, 'a@b.co', 'x')).toEqual({ ok: false, error: { code: 'BACKEND_ERROR' } });
  });

  it('a 2xx of the wrong shape is BACKEND_ERROR, not odd values passed on', async () => {
    script = [
      { status: 200, body: 'not json' },
      { status: 201, body: JSON.stringify({ recoveryId: 'rcv_x', recoveryToken: 'tok', challenge: { challengeId: 'otp_x' } }) },
      { status: 200, body: JSON.stringify({ messages: [{ id: 'm', channel: 'fax', toMasked: 'x', sentAt: 'now', body: 'b' }] }) },
    ];
    expect(await client.signIn(ctx, 'a@b.co', 'x')).toEqual({ ok: false, error: { code: 'BACKEND_ERROR' } });
    expect(await client.startRecovery(ctx, 'phone', '+6281234562797')).toEqual({ ok: false, error: { code: 'BACKEND_ERROR' } });
    expect(await client.outbox(ctx)).toEqual({ ok: false, error: { code: 'BACKEND_ERROR' } });
  });

  it('returns only the fields it checked from a 2xx', async () => {
    script = [{ status: 200, body: JSON.stringify({ displayName: 'S*** R***', sessionToken: 'session-0123456789abcdef', debug: 'x' }) }];
    expect(await client.signIn(ctx, 'a@b.co', 'x')).toEqual({ ok: true, value: { displayName: 'S*** R***' } });
  });

  it('GETs the outbox without an Idempotency-Key, and sends the resend with an empty JSON body', async () => {
    script = [
      { status: 200, body: JSON.stringify({ messages: [] }) },
      {
        status: 200,
        body: JSON.stringify({
          challengeId: 'otp_BBBBBBBBBBBBBBBB',
          channel: 'sms',
          destinationMasked: '08*****2797',
          expiresAt: '2026-01-15T01:05:00.000Z',
          resendAvailableAt: '2026-01-15T01:01:00.000Z',
          expiresInSeconds: 300,
          resendAvailableInSeconds: 60,
          resendsRemaining: 2,
        }),
      },
    ];
    expect(await client.outbox(ctx)).toEqual({ ok: true, value: [] });
    expect(seen[0]?.method).toBe('GET');
    expect(seen[0]?.headers['idempotency-key']).toBeUndefined();
    const resent = await client.resendOtp(ctx, recovery, 'otp_BBBBBBBBBBBBBBBB');
    expect(resent.ok && resent.value.resendsRemaining).toBe(2);
    expect(seen[1]?.body).toBe('{}');
  });

  it.each([
    ['the backend 60 min ahead', 60 * 60_000, 0],
    ['the kiosk 10 min ahead', 0, 10 * 60_000],
    ['the kiosk 10 min behind', 0, -10 * 60_000],
  ])('counts down from the durations the backend states, whatever the clocks: %s', async (_, backendAheadMs, kioskSkewMs) => {
    const backendNow = Date.now() + backendAheadMs;
    script = [
      {
        status: 200,
        body: JSON.stringify({
          challengeId: 'otp_BBBBBBBBBBBBBBBB',
          channel: 'sms',
          destinationMasked: '08*****2797',
          expiresAt: new Date(backendNow + 300_000).toISOString(),
          resendAvailableAt: new Date(backendNow + 60_000).toISOString(),
          expiresInSeconds: 300,
          resendAvailableInSeconds: 60,
          resendsRemaining: 2,
        }),
      },
    ];
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + kioskSkewMs });
    try {
      const resent = await client.resendOtp(ctx, recovery, 'otp_BBBBBBBBBBBBBBBB');
      expect(resent.ok).toBe(true);
      if (!resent.ok) return;
      const shown = toChallengeView(resent.value, Date.now());
      expect(shown.expiresInSeconds).toBeGreaterThanOrEqual(299);
      expect(shown.expiresInSeconds).toBeLessThanOrEqual(300);
      expect(shown.resendAvailableInSeconds).toBeGreaterThanOrEqual(59);
      expect(shown.resendAvailableInSeconds).toBeLessThanOrEqual(60);
    } finally {
      vi.useRealTimers();
    }
  });
});
