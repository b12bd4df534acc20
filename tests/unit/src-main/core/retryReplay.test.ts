import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KioskMethod } from '../../../../src-shared/contract';
import { createBackendClient } from '../../../../src-main/backend/client';
import { startStub, type RunningStub } from '../../../../src-main/backend/stub/server';
import type { BackendClient, CallContext } from '../../../../src-main/backend/types';
import { parseConfig } from '../../../../src-main/core/config';
import { createKioskCore } from '../../../../src-main/core/kioskCore';
import { addFault, raw } from '../backend/stubHarness';
import { MemoryAudit } from './coreTestKit';
import { testKioskKey } from '../backend/testKiosks';

/**
 * "Coba lagi" after a lost answer (issue #12): main keeps a step's
 * Idempotency-Key until the backend has answered that request, so a retry
 * replays it and the citizen sees (and the audit log records) what really
 * happened. A real answer, or a changed payload, gets a new key.
 */

const SITI = { nik: '3171014101900001', fullName: 'SITI RAHAYU', motherMaidenName: 'AMINAH', phone: '081234562797', email: 'siti.rahayu@example.com' };
const NEW = { phone: '081377770011', email: 'siti.baru@example.org', password: 'Pulih#2026b' };

let stub: RunningStub;
beforeEach(async () => {
  stub = await startStub({ port: 0, testControls: true, kiosks: [{ kioskId: 'TRAINING-01', key: testKioskKey('TRAINING-01'), mode: 'self-service' }] });
});
afterEach(async () => {
  await stub.close();
});

/** The backend's calls as the core made them: method and the Idempotency-Key it asked for. */
function keyedBackend(inner: BackendClient): { client: BackendClient; sent: { method: string; key: string | undefined }[] } {
  const sent: { method: string; key: string | undefined }[] = [];
  const client = new Proxy(inner, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      return (ctx: CallContext, ...rest: unknown[]) => {
        sent.push({ method: String(prop), key: ctx.idempotencyKey });
        return (value as (...a: unknown[]) => unknown).apply(target, [ctx, ...rest]);
      };
    },
  });
  return { client, sent };
}

function setup(mode: 'assisted' | 'self-service' = 'self-service', identityVerificationsPerHour = 30) {
  const audit = new MemoryAudit();
  // No retries inside one call: a dropped answer is at once the outage the citizen sees.
  const { client, sent } = keyedBackend(createBackendClient({ baseUrl: stub.url, kioskKey: testKioskKey('TRAINING-01'), timeoutMs: 5_000, retries: 0 }));
  const core = createKioskCore({ config: parseConfig({ mode, limits: { identityVerificationsPerHour } }), backend: client, audit, training: true });
  const call = (method: KioskMethod, payload?: unknown, windowId = 'w1') => core.router.dispatch({ windowId }, method, payload);
  const keysOf = (method: string) => sent.filter((s) => s.method === method).map((s) => s.key);
  const events = () => audit.events.map((e) => e.event);
  return { audit, core, call, sent, keysOf, events };
}

/** The answer to the next request of `route` is lost after the backend acted on it. */
const loseNextAnswer = (route: string) => addFault(stub.url, { route, kind: 'drop', phase: 'after', times: 1 });

async function latestCode(toMasked: string): Promise<string> {
  const res = await raw(stub.url, 'GET', '/v1/training/outbox', { headers: { 'x-kiosk-id': 'TRAINING-01', authorization: `Bearer ${testKioskKey('TRAINING-01')}` } });
  const messages = (res.body as { messages: { toMasked: string; body: string }[] }).messages.filter((m) => m.toMasked === toMasked);
  const codes = messages.map((m) => /Kode OTP: (\d{6})/.exec(m.body)?.[1]).filter((c): c is string => c !== undefined);
  const code = codes.at(-1);
  if (!code) throw new Error(`no code to ${toMasked}`);
  return code;
}

const UNAVAILABLE = { ok: false, error: { code: 'BACKEND_UNAVAILABLE' } };

describe('a lost answer: "Coba lagi" replays the same request under the same key', () => {
  it('phone path, every step: the true outcome, one SMS, the recovery completed and on record', async () => {
    const { call, keysOf, events, audit } = setup();

    await loseNextAnswer('startByPhone');
    expect(await call('startRecovery', { path: 'phone', destination: SITI.phone })).toEqual(UNAVAILABLE);
    expect(await call('startRecovery', { path: 'phone', destination: SITI.phone })).toMatchObject({ ok: true, value: { resendsRemaining: 3 } });
    const [firstStart, secondStart] = keysOf('startRecovery');
    expect(firstStart).toEqual(expect.any(String));
    expect(secondStart).toBe(firstStart);
    const code = await latestCode('08*****2797');

    await loseNextAnswer('verifyOtp');
    expect(await call('verifyOtp', { code })).toEqual(UNAVAILABLE);
    expect(await call('verifyOtp', { code })).toEqual({ ok: true, value: { next: 'set-password' } });
    expect(new Set(keysOf('verifyOtp')).size).toBe(1);

    await loseNextAnswer('setPassword');
    expect(await call('setNewPassword', { password: NEW.password })).toEqual(UNAVAILABLE);
    expect(await call('setNewPassword', { password: NEW.password })).toMatchObject({ ok: true, value: { reference: expect.stringMatching(/^PLH-/) } });
    expect(new Set(keysOf('setPassword')).size).toBe(1);

    // What the log says is what happened: no verdict on the right code, the change made.
    expect(audit.events.filter((e) => e.event === 'otp.failed').map((e) => e.detail?.errorCode)).toEqual([
      'BACKEND_UNAVAILABLE',
      'BACKEND_UNAVAILABLE',
    ]);
    expect(events()).toContain('otp.verified');
    expect(audit.events.filter((e) => e.event === 'credentials.changed').map((e) => e.outcome)).toEqual(['failure', 'success']);
    // The repeated tries say they were replays.
    expect(audit.events.filter((e) => e.detail?.replay === true).map((e) => e.event)).toEqual([
      'recovery.started',
      'otp.attempted',
      'credentials.submitted',
    ]);
    const outbox = await raw(stub.url, 'GET', '/v1/training/outbox', { headers: { 'x-kiosk-id': 'TRAINING-01', authorization: `Bearer ${testKioskKey('TRAINING-01')}` } });
    const otps = (outbox.body as { messages: { body: string }[] }).messages.filter((m) => /Kode OTP: \d{6}/.test(m.body));
    expect(otps).toHaveLength(1);
  });

  it('identity path: the lost verification costs one try, not two; lost credentials and code complete the recovery', async () => {
    const { call, keysOf, audit } = setup();
    const identity = { nik: SITI.nik, fullName: SITI.fullName, motherMaidenName: SITI.motherMaidenName };

    await loseNextAnswer('verifyIdentity');
    expect(await call('verifyIdentity', identity)).toEqual(UNAVAILABLE);
    expect(await call('verifyIdentity', identity)).toEqual({ ok: true, value: null });
    expect(new Set(keysOf('verifyIdentity')).size).toBe(1);

    const creds = { phone: NEW.phone, email: NEW.email, password: NEW.password, otpChannel: 'sms' };
    await loseNextAnswer('submitCredentials');
    expect(await call('submitNewCredentials', creds)).toEqual(UNAVAILABLE);
    expect(await call('submitNewCredentials', creds)).toMatchObject({ ok: true, value: { destinationMasked: '08*****0011' } });
    expect(new Set(keysOf('submitCredentials')).size).toBe(1);

    const code = await latestCode('08*****0011');
    await loseNextAnswer('verifyOtp');
    expect(await call('verifyOtp', { code })).toEqual(UNAVAILABLE);
    expect(await call('verifyOtp', { code })).toMatchObject({ ok: true, value: { next: 'done', reference: expect.stringMatching(/^PLH-/) } });
    expect(new Set(keysOf('verifyOtp')).size).toBe(1);
    expect(audit.events.filter((e) => e.event === 'credentials.changed').map((e) => e.outcome)).toEqual(['success']);

    // Two of the three daily tries are left: the replay was not counted.
    const other = setup();
    const wrong = await other.call('verifyIdentity', { ...identity, motherMaidenName: 'BUKAN' }, 'w2');
    expect(wrong).toEqual({ ok: false, error: { code: 'IDENTITY_MISMATCH', attemptsRemaining: 1 } });
  });

  it('a lost resend: the retry is the same resend (one code sent, one resend counted)', async () => {
    const { call, keysOf } = setup();
    expect((await call('startRecovery', { path: 'email', destination: SITI.email })).ok).toBe(true);
    await raw(stub.url, 'POST', '/__test/clock/advance', { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ms: 61_000 }) });
    await loseNextAnswer('resendOtp');
    expect(await call('resendOtp')).toEqual(UNAVAILABLE);
    expect(await call('resendOtp')).toMatchObject({ ok: true, value: { resendsRemaining: 2 } });
    expect(new Set(keysOf('resendOtp')).size).toBe(1);
  });

  it('citizen sign-in: a lost "wrong password" is one wrong try, not two', async () => {
    const { call, keysOf } = setup();
    const wrong = { identifier: SITI.email, password: 'Salah#2024a' };
    await loseNextAnswer('signIn');
    expect(await call('signIn', wrong)).toEqual(UNAVAILABLE);
    expect(await call('signIn', wrong)).toEqual({ ok: false, error: { code: 'INVALID_CREDENTIALS', attemptsRemaining: 4 } });
    expect(new Set(keysOf('signIn')).size).toBe(1);
  });

  it('officer sign-in: the retry is the same request under the same key', async () => {
    const { call, keysOf } = setup('assisted');
    await loseNextAnswer('operatorSignIn');
    const officer = { staffId: 'PTG001', pin: '246810' };
    expect(await call('operatorSignIn', officer)).toEqual(UNAVAILABLE);
    expect(await call('operatorSignIn', officer)).toMatchObject({ ok: true, value: { staffId: 'PTG001' } });
    const keys = keysOf('operatorSignIn');
    expect(keys).toHaveLength(2);
    expect(keys[0]).toEqual(expect.any(String));
    expect(keys[1]).toBe(keys[0]);
  });
});

describe('when a key is dropped', () => {
  it('after a real answer (a 4xx too) the same payload is a new request under a new key, and counts again', async () => {
    const { call, keysOf } = setup();
    const wrong = { identifier: SITI.email, password: 'Salah#2024a' };
    expect(await call('signIn', wrong)).toEqual({ ok: false, error: { code: 'INVALID_CREDENTIALS', attemptsRemaining: 4 } });
    expect(await call('signIn', wrong)).toEqual({ ok: false, error: { code: 'INVALID_CREDENTIALS', attemptsRemaining: 3 } });
    const [first, second] = keysOf('signIn');
    expect(first).toEqual(expect.any(String));
    expect(second).toEqual(expect.any(String));
    expect(second).not.toBe(first);
  });

  it('after a success, the next request of the step gets a new key', async () => {
    const { call, keysOf } = setup();
    expect((await call('startRecovery', { path: 'phone', destination: SITI.phone })).ok).toBe(true);
    expect((await call('startRecovery', { path: 'phone', destination: SITI.phone })).ok).toBe(true);
    const [first, second] = keysOf('startRecovery');
    expect(first).toEqual(expect.any(String));
    expect(second).not.toBe(first);
  });

  it('a changed payload after a lost answer gets a new key (and its own verdict)', async () => {
    const { call, keysOf } = setup();
    expect((await call('startRecovery', { path: 'phone', destination: SITI.phone })).ok).toBe(true);
    const code = await latestCode('08*****2797');
    const wrong = code === '000000' ? '111111' : '000000';
    await loseNextAnswer('verifyOtp');
    expect(await call('verifyOtp', { code: wrong })).toEqual(UNAVAILABLE);
    expect(await call('verifyOtp', { code })).toEqual({ ok: true, value: { next: 'set-password' } });
    const [first, second] = keysOf('verifyOtp');
    expect(first).toEqual(expect.any(String));
    expect(second).toEqual(expect.any(String));
    expect(second).not.toBe(first);
  });

  it("a request the kiosk's own hourly cap refused was never sent: the same one again is no replay and meets the cap again", async () => {
    const { call, keysOf } = setup('self-service', 1);
    const identity = { nik: SITI.nik, fullName: SITI.fullName, motherMaidenName: 'BUKAN' };
    expect(await call('verifyIdentity', identity)).toMatchObject({ ok: false, error: { code: 'IDENTITY_MISMATCH' } });
    expect(await call('verifyIdentity', identity)).toMatchObject({ ok: false, error: { code: 'KIOSK_RATE_LIMITED' } });
    expect(await call('verifyIdentity', identity)).toMatchObject({ ok: false, error: { code: 'KIOSK_RATE_LIMITED' } });
    expect(keysOf('verifyIdentity')).toHaveLength(1);
  });

  it('a wiped session forgets its pending keys: after "Batal" the same request is a new one', async () => {
    const { call, keysOf } = setup();
    await loseNextAnswer('startByPhone');
    expect(await call('startRecovery', { path: 'phone', destination: SITI.phone })).toEqual(UNAVAILABLE);
    expect(await call('endSession', { reason: 'cancel' })).toEqual({ ok: true, value: null });
    expect((await call('startRecovery', { path: 'phone', destination: SITI.phone })).ok).toBe(true);
    const [first, second] = keysOf('startRecovery');
    expect(first).toEqual(expect.any(String));
    expect(second).not.toBe(first);
  });

  it('each window has its own keys: the same payload from another window is another request', async () => {
    const { call, keysOf } = setup();
    await loseNextAnswer('startByPhone');
    expect(await call('startRecovery', { path: 'phone', destination: SITI.phone }, 'w1')).toEqual(UNAVAILABLE);
    expect((await call('startRecovery', { path: 'phone', destination: SITI.phone }, 'w2')).ok).toBe(true);
    const [first, second] = keysOf('startRecovery');
    expect(first).toEqual(expect.any(String));
    expect(second).not.toBe(first);
  });
});
