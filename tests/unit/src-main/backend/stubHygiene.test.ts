/**
 * Bad input of any shape (bytes, content types, methods, paths) gets a 4xx
 * problem+json and leaves the state exactly as it was; the log, when on,
 * holds no password, OTP, mother's name, full NIK or token.
 */
import { Writable } from 'node:stream';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { createBackendClient } from '../../../../src-main/backend/client';
import { createManualClock } from '../../../../src-main/backend/stub/clock';
import { startStub } from '../../../../src-main/backend/stub/server';
import { latestCode, raw, SITI, startHarness, type Harness } from './stubHarness';
import { kioskHeaders, testKioskKey, testKiosks } from './testKiosks';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const PATHS = [
  '/v1/auth/sign-in',
  '/v1/operators/sign-in',
  '/v1/recoveries/phone',
  '/v1/recoveries/email',
  '/v1/recoveries/identity',
  '/v1/recoveries/rcv_AAAAAAAAAAAAAAAA/credentials',
  '/v1/recoveries/rcv_AAAAAAAAAAAAAAAA/challenges/otp_AAAAAAAAAAAAAAAA/verify',
  '/v1/recoveries/rcv_AAAAAAAAAAAAAAAA/challenges/otp_AAAAAAAAAAAAAAAA/resend',
  '/v1/recoveries/rcv_AAAAAAAAAAAAAAAA/password',
  '/v1/recoveries/../../etc/passwd',
  '/v1/recoveries/%00/credentials',
];

async function digest(url: string): Promise<unknown> {
  return (await raw(url, 'GET', '/__test/state-digest')).body;
}

describe('bad input', () => {
  it('random bytes, content types and headers on every route: 4xx problem+json, state untouched', async () => {
    h = await startHarness();
    const url = h.url;
    const before = await digest(url);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...PATHS),
        fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1', ''),
        fc.oneof(fc.string({ maxLength: 300 }), fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('latin1'))),
        fc.boolean(),
        async (path, contentType, body, withKey) => {
          const res = await raw(url, 'POST', path, {
            headers: {
              ...(contentType ? { 'content-type': contentType } : {}),
              ...kioskHeaders('K'),
              ...(withKey ? { 'idempotency-key': 'fuzz-key-0001' } : {}),
            },
            body,
          });
          expect(res.status).toBeGreaterThanOrEqual(400);
          expect(res.status).toBeLessThan(500);
          expect(res.contentType).toMatch(/^application\/problem\+json/);
          expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED' });
        },
      ),
      { numRuns: 150 },
    );
    expect(await digest(url)).toEqual(before);
  });

  it('accepts a body just under 16 KB as input to validate, refuses one over it with 413', async () => {
    h = await startHarness();
    const headers = { 'content-type': 'application/json', ...kioskHeaders('K'), 'idempotency-key': 'size-key-0001' };
    const under = await raw(h.url, 'POST', '/v1/auth/sign-in', { headers, body: JSON.stringify({ identifier: 'x', password: 'y', pad: 'p'.repeat(15_000) }) });
    expect(under.status).toBe(400);
    const over = await raw(h.url, 'POST', '/v1/auth/sign-in', { headers, body: JSON.stringify({ identifier: 'x', password: 'p'.repeat(17_000) }) });
    expect(over.status).toBe(413);
    expect(over.body).toMatchObject({ code: 'VALIDATION_FAILED', status: 413 });
  });
});

describe('logging', () => {
  it('logs requests without passwords, codes, mother\'s names, full NIKs or tokens', async () => {
    let log = '';
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        log += chunk.toString();
        done();
      },
    });
    const stub = await startStub({ logger: true, logStream: stream, testControls: true, clock: createManualClock(), kiosks: testKiosks('K', 'KIOSK-LOG') });
    const client = createBackendClient({ baseUrl: stub.url, kioskKey: testKioskKey('KIOSK-LOG'), retries: 0 });
    const ctx = { kioskId: 'KIOSK-LOG' };
    const secrets: string[] = [SITI.password, SITI.mother, SITI.nik, 'Baru#2026Qz', 'Rahasia#99x'];
    await client.signIn(ctx, SITI.phone, 'Rahasia#99x');
    const op = await client.operatorSignIn(ctx, 'PTG001', '246810');
    if (op.ok) secrets.push(op.value.operatorToken, '246810');
    const rec = await client.verifyIdentity({ ...ctx, ...(op.ok ? { operatorToken: op.value.operatorToken } : {}) }, {
      nik: SITI.nik,
      fullName: SITI.fullName,
      motherMaidenName: SITI.mother,
    });
    if (!rec.ok) throw new Error('identity');
    secrets.push(rec.value.recoveryToken);
    const ch = await client.submitCredentials(ctx, rec.value, {
      phone: '081299990001',
      email: 'siti.lain@example.com',
      password: 'Baru#2026Qz',
      otpChannel: 'sms',
    });
    if (!ch.ok) throw new Error('credentials');
    const code = await latestCode({ url: stub.url, clock: createManualClock(), client, ctx, close: stub.close }, '08*****0001');
    secrets.push(code);
    await client.verifyOtp(ctx, rec.value, ch.value.challengeId, code);
    // Malformed JSON whose parser error would quote the input.
    await raw(stub.url, 'POST', '/v1/auth/sign-in', {
      headers: { 'content-type': 'application/json', ...kioskHeaders('K'), 'idempotency-key': 'log-key-0001' },
      body: `{"identifier":"x","password":"${SITI.password}"`,
    });
    await stub.close();
    expect(log).toContain('incoming request');
    for (const secret of secrets) expect(log).not.toContain(secret);
  });
});
