/**
 * The idempotency rule's stored answers, at the level of the rule itself:
 * a record sealed as the stub has always sealed them (HKDF-SHA-256 keys from
 * the Idempotency-Key and its scope, AES-256-GCM) still opens, so a state file
 * written by an earlier stub replays its answers; the same key with another
 * request is refused; every seal has an IV of its own.
 */
import { createCipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { lookup, remember, scopeOf, type KeyedRequest } from '../../../../../src-main/backend/stub/idempotency';
import { sha256 } from '../../../../../src-main/backend/stub/secrets';
import { emptyState, type IdempotencyRecord } from '../../../../../src-main/backend/stub/state';

const NOW = Date.UTC(2026, 11, 1, 9, 0, 0);

const request = (over: Partial<KeyedRequest> = {}): KeyedRequest => ({
  kioskId: 'KIOSK-A',
  key: '3f0c2a9e-5b7d-4e21-9a61-0d8f7c3b2e14',
  method: 'POST',
  url: '/v1/recoveries/rcv_x/challenges/otp_y/verify',
  body: { code: '123456' },
  recoveryToken: 'token-of-the-recovery',
  ...over,
});

/** How a stored answer was sealed, written out independently with Node's own HKDF (the format of every state file so far). */
function sealedAsBefore(req: KeyedRequest, status: number, body: unknown): IdempotencyRecord {
  const scope = sha256(`${req.kioskId}\n${req.key}`);
  const key = (purpose: string) => Buffer.from(hkdfSync('sha256', req.key, scope, `pulih-stub idempotency ${purpose} v1`, 32));
  const asked = JSON.stringify([req.method, req.url, req.body, req.recoveryToken ? sha256(req.recoveryToken) : '']);
  const fingerprint = createHmac('sha256', key('fingerprint')).update(asked).digest('base64url');
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key('answer'), iv);
  cipher.setAAD(Buffer.from(`${scope}\n${fingerprint}\n${status}`));
  const text = Buffer.concat([cipher.update(JSON.stringify({ body }), 'utf8'), cipher.final()]);
  return { fingerprint, status, sealed: Buffer.concat([iv, cipher.getAuthTag(), text]).toString('base64url'), storedAt: NOW };
}

describe('idempotency records', () => {
  it('a record sealed by an earlier stub replays its answer, and is refused to another request with the same key', () => {
    const state = emptyState();
    const req = request();
    const answer = { status: 'otp-verified', recoveryToken: 'live-token' };
    state.idempotency[scopeOf(req)] = sealedAsBefore(req, 200, answer);
    expect(lookup(state, request(), NOW + 1000)).toEqual({ kind: 'replay', reply: { status: 200, body: answer } });
    expect(lookup(state, request({ body: { code: '654321' } }), NOW + 1000)).toEqual({ kind: 'conflict' });
    expect(lookup(state, request({ recoveryToken: 'another-recovery' }), NOW + 1000)).toEqual({ kind: 'conflict' });
    expect(lookup(state, request({ kioskId: 'KIOSK-B' }), NOW + 1000)).toEqual({ kind: 'new' });
  });

  it('what remember stores opens for the same request only, and holds no token in clear', () => {
    const state = emptyState();
    const req = request();
    expect(lookup(state, req, NOW)).toEqual({ kind: 'new' });
    remember(state, req, { status: 201, body: { recoveryToken: 'live-token-abc' } }, NOW);
    expect(JSON.stringify(state.idempotency)).not.toContain('live-token-abc');
    expect(lookup(state, request(), NOW + 1)).toEqual({ kind: 'replay', reply: { status: 201, body: { recoveryToken: 'live-token-abc' } } });
    expect(lookup(state, request({ url: '/v1/recoveries/rcv_z/challenges/otp_y/verify' }), NOW + 1)).toEqual({ kind: 'conflict' });
  });

  it('every seal has a fresh IV, also for the same key and answer', () => {
    const ivs = new Set<string>();
    for (let i = 0; i < 1000; i += 1) {
      const state = emptyState();
      const req = request({ key: `key-${i % 2}` });
      remember(state, req, { status: 200, body: { status: 'otp-verified' } }, NOW);
      const record = state.idempotency[scopeOf(req)] as IdempotencyRecord;
      ivs.add(Buffer.from(record.sealed, 'base64url').subarray(0, 12).toString('hex'));
    }
    expect(ivs.size).toBe(1000);
  });
});
