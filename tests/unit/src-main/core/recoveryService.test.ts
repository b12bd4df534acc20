import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KioskMethod } from '../../../../src-shared/contract';
import { createBackendClient } from '../../../../src-main/backend/client';
import { startStub, type RunningStub } from '../../../../src-main/backend/stub/server';
import { parseConfig } from '../../../../src-main/core/config';
import { createKioskCore } from '../../../../src-main/core/kioskCore';
import { countingBackend, MemoryAudit } from './coreTestKit';
import { testKioskKey } from '../backend/testKiosks';

/** The recovery service against the real embedded stub: what it records, in what order, and what it refuses. */

let stub: RunningStub;
beforeAll(async () => {
  stub = await startStub({ port: 0, kiosks: [{ kioskId: 'TRAINING-01', key: testKioskKey('TRAINING-01'), mode: 'self-service' }] });
});
afterAll(async () => {
  await stub.close();
});

function setup() {
  const audit = new MemoryAudit();
  const { client, calls } = countingBackend(createBackendClient({ baseUrl: stub.url, kioskKey: testKioskKey('TRAINING-01'), timeoutMs: 5_000, retries: 0 }));
  const core = createKioskCore({ config: parseConfig({ mode: 'self-service' }), backend: client, audit, training: true });
  const call = (method: KioskMethod, payload?: unknown) => core.router.dispatch({ windowId: 'w1' }, method, payload);
  return { audit, calls, call };
}

describe('recovery by a registered contact, from the path table', () => {
  it.each([
    ['phone', '0812-3456-2797', 'sms', '08*****2797'],
    ['email', ' Siti.Rahayu@Example.com', 'email', 's***@example.com'],
  ] as const)('by %s: the code goes by %s and only the masked contact is recorded', async (path, typed, channel, masked) => {
    const { audit, call } = setup();
    const destination = typed.trim();
    expect(await call('startRecovery', { path, destination })).toMatchObject({ ok: true, value: { channel, destinationMasked: masked } });
    expect(audit.events.map((e) => [e.event, e.subject])).toEqual([
      ['recovery.started', masked],
      ['otp.sent', masked],
    ]);
    expect(audit.events[1]?.detail).toEqual({ path, channel });
  });
});

describe('fail closed by construction', () => {
  it('a resend that cannot be recorded is refused before the backend sends anything or voids the code', async () => {
    const { audit, calls, call } = setup();
    expect((await call('startRecovery', { path: 'phone', destination: '081234562797' })).ok).toBe(true);
    audit.failWhen = () => true;
    expect(await call('resendOtp')).toEqual({ ok: false, error: { code: 'OUT_OF_SERVICE' } });
    expect(calls).toEqual(['startRecovery']);
  });

  it('every step after a failed write answers OUT_OF_SERVICE and calls no backend', async () => {
    const { audit, calls, call } = setup();
    audit.failWhen = () => true;
    expect(await call('startRecovery', { path: 'email', destination: 'siti.rahayu@example.com' })).toEqual({
      ok: false,
      error: { code: 'OUT_OF_SERVICE' },
    });
    expect(await call('verifyIdentity', { nik: '3171014101900001', fullName: 'SITI RAHAYU', motherMaidenName: 'AMINAH' })).toEqual({
      ok: false,
      error: { code: 'OUT_OF_SERVICE' },
    });
    expect(calls).toEqual([]);
  });
});

describe('sessions', () => {
  it('ending a session twice records it once: nothing is logged under a session that was never begun', async () => {
    const { audit, call } = setup();
    await call('startRecovery', { path: 'phone', destination: '081234562797' });
    expect(await call('endSession', { reason: 'finish' })).toEqual({ ok: true, value: null });
    expect(await call('endSession', { reason: 'finish' })).toEqual({ ok: true, value: null });
    const sessionIds = new Set(audit.events.map((e) => e.sessionId));
    expect(sessionIds.size).toBe(1);
    expect(audit.events.filter((e) => e.event === 'session.finished')).toHaveLength(1);
  });

  it('a step of a recovery the window does not hold is SESSION_INVALID, recorded nowhere', async () => {
    const { audit, calls, call } = setup();
    expect(await call('verifyOtp', { code: '123456' })).toEqual({ ok: false, error: { code: 'SESSION_INVALID' } });
    expect(await call('resendOtp')).toEqual({ ok: false, error: { code: 'SESSION_INVALID' } });
    expect(await call('setNewPassword', { password: 'Kuat#2025x' })).toEqual({ ok: false, error: { code: 'SESSION_INVALID' } });
    expect(audit.events).toEqual([]);
    expect(calls).toEqual([]);
  });
});
