import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KioskMethod } from '../../../../src-shared/contract';
import { operatorIdleOf } from '../../../../src-shared/idle';
import { createBackendClient } from '../../../../src-main/backend/client';
import { startStub, type RunningStub } from '../../../../src-main/backend/stub/server';
import { parseConfig } from '../../../../src-main/core/config';
import { createKioskCore } from '../../../../src-main/core/kioskCore';
import { CITIZEN_METHODS } from '../../../../src-main/core/operatorGate';
import { countingBackend, MemoryAudit } from './coreTestKit';
import { testKioskKey } from '../backend/testKiosks';

/**
 * The kiosk's modes as main enforces them, against the real
 * embedded stub: an assisted kiosk serves no citizen without a signed-in
 * officer, and the identity path needs the officer's ID-card tick.
 */

const SITI_IDENTITY = { nik: '3171014101900001', fullName: 'SITI RAHAYU', motherMaidenName: 'AMINAH' };

/** A payload the contract accepts for each citizen method. */
const CITIZEN_PAYLOADS: Record<(typeof CITIZEN_METHODS)[number], unknown> = {
  signIn: { identifier: 'siti.rahayu@example.com', password: 'Lama#2024a' },
  startRecovery: { path: 'phone', destination: '081234562797' },
  verifyIdentity: { ...SITI_IDENTITY, idCardChecked: true },
  submitNewCredentials: { phone: '081299990000', email: 'siti.baru@example.com', password: 'Kuat#2025x', otpChannel: 'sms' },
  verifyOtp: { code: '254241' },
  resendOtp: undefined,
  setNewPassword: { password: 'Kuat#2025x' },
  getTrainingOutbox: undefined,
};

let stub: RunningStub;

beforeAll(async () => {
  stub = await startStub({
    port: 0,
    kiosks: (['assisted', 'self-service'] as const).map((mode) => ({ kioskId: `KIOSK-${mode}`, key: testKioskKey(`KIOSK-${mode}`), mode })),
  });
});
afterAll(async () => {
  await stub.close();
});

function setup(mode: 'assisted' | 'self-service') {
  const audit = new MemoryAudit();
  const { client, calls } = countingBackend(createBackendClient({ baseUrl: stub.url, kioskKey: testKioskKey(`KIOSK-${mode}`), timeoutMs: 5_000, retries: 0 }));
  const faults: string[] = [];
  const core = createKioskCore({
    config: parseConfig({ mode, kioskId: `KIOSK-${mode}` }),
    backend: client,
    audit,
    training: true,
    demoOperator: { staffId: 'PTG001', pin: '246810' },
    onFault: (what) => faults.push(what),
  });
  const call = (method: KioskMethod, payload?: unknown, windowId = 'w1') => core.router.dispatch({ windowId }, method, payload);
  const signInOperator = () => call('operatorSignIn', { staffId: 'PTG001', pin: '246810' });
  return { core, audit, calls, call, signInOperator, faults };
}

describe('assisted mode: no citizen action without a signed-in officer', () => {
  it.each(CITIZEN_METHODS)('%s is refused with OPERATOR_REQUIRED before anything reaches the backend or the audit log', async (method) => {
    const { call, calls, audit } = setup('assisted');
    expect(await call(method, CITIZEN_PAYLOADS[method])).toEqual({ ok: false, error: { code: 'OPERATOR_REQUIRED' } });
    expect(calls).toEqual([]);
    expect(audit.events).toEqual([]);
  });

  it('the kiosk info, officer sign-in and ending a session still work, so the officer can start', async () => {
    const { call } = setup('assisted');
    expect((await call('getKioskInfo')).ok).toBe(true);
    expect((await call('endSession', { reason: 'cancel' })).ok).toBe(true);
    expect(await call('operatorSignIn', { staffId: 'PTG001', pin: '246810' })).toEqual({
      ok: true,
      value: { staffId: 'PTG001', name: 'PETUGAS SATU' },
    });
  });

  it('a wrong PIN signs nobody in: citizens stay refused', async () => {
    const { call } = setup('assisted');
    expect(await call('operatorSignIn', { staffId: 'PTG001', pin: '111111' })).toMatchObject({ ok: false, error: { code: 'OPERATOR_INVALID' } });
    expect(await call('signIn', CITIZEN_PAYLOADS.signIn)).toEqual({ ok: false, error: { code: 'OPERATOR_REQUIRED' } });
  });

  it('once the officer signed in, a citizen signs in, with the officer id on the audit events', async () => {
    const { call, signInOperator, audit } = setup('assisted');
    await signInOperator();
    expect(await call('signIn', CITIZEN_PAYLOADS.signIn)).toEqual({
      ok: true,
      value: { displayName: 'S*** R***', identifierMasked: 's***@example.com' },
    });
    const signInEvents = audit.events.filter((e) => e.event.startsWith('signin.'));
    expect(signInEvents.map((e) => e.operatorId)).toEqual(['PTG001', 'PTG001']);
  });

  it('after the officer signs out, citizens are refused again', async () => {
    const { call, signInOperator } = setup('assisted');
    await signInOperator();
    expect((await call('operatorSignOut')).ok).toBe(true);
    expect(await call('signIn', CITIZEN_PAYLOADS.signIn)).toEqual({ ok: false, error: { code: 'OPERATOR_REQUIRED' } });
  });

  it('the identity path without the officer tick "KTP asli telah diperiksa petugas" is VALIDATION_FAILED on idCardChecked', async () => {
    const { call, signInOperator, calls, audit } = setup('assisted');
    await signInOperator();
    const before = { calls: calls.length, events: audit.events.length };
    for (const payload of [SITI_IDENTITY, { ...SITI_IDENTITY, idCardChecked: false }]) {
      expect(await call('verifyIdentity', payload)).toEqual({ ok: false, error: { code: 'VALIDATION_FAILED', field: 'idCardChecked' } });
    }
    expect(calls.length).toBe(before.calls);
    expect(audit.events.length).toBe(before.events);
  });

  it('with the tick, the check is audited as operator.id-card-checked before the identity is tried', async () => {
    const { call, signInOperator, audit } = setup('assisted');
    await signInOperator();
    expect(await call('verifyIdentity', { ...SITI_IDENTITY, idCardChecked: true })).toEqual({ ok: true, value: null });
    const events = audit.events.map((e) => e.event);
    const checked = events.indexOf('operator.id-card-checked');
    expect(checked).toBeGreaterThanOrEqual(0);
    expect(events.indexOf('identity.attempted')).toBeGreaterThan(checked);
    expect(audit.events[checked]).toMatchObject({ operatorId: 'PTG001', outcome: 'info' });
    expect(audit.events.find((e) => e.event === 'identity.attempted')?.detail).toMatchObject({ idCardChecked: true });
    expect(JSON.stringify(audit.events)).not.toMatch(/AMINAH|3171014101900001|SITI RAHAYU/);
  });

  it('fail closed: when the tick cannot be audited, the identity is not tried', async () => {
    const { call, signInOperator, audit, calls } = setup('assisted');
    await signInOperator();
    audit.failWhen = (e) => e.event === 'operator.id-card-checked';
    const before = calls.length;
    expect(await call('verifyIdentity', { ...SITI_IDENTITY, idCardChecked: true })).toEqual({ ok: false, error: { code: 'OUT_OF_SERVICE' } });
    expect(calls.length).toBe(before);
  });
});

describe('self-service mode: citizens alone, no officer', () => {
  it('a citizen signs in with no officer', async () => {
    const { call } = setup('self-service');
    expect((await call('signIn', CITIZEN_PAYLOADS.signIn)).ok).toBe(true);
  });

  it('officer sign-in is refused: there is no officer at a self-service kiosk', async () => {
    const { call, calls } = setup('self-service');
    expect(await call('operatorSignIn', { staffId: 'PTG001', pin: '246810' })).toEqual({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(calls).toEqual([]);
  });

  it('the identity path needs no officer tick', async () => {
    const { call } = setup('self-service');
    const nik = '3273011505850002';
    expect(await call('verifyIdentity', { nik, fullName: 'BUDI SANTOSO', motherMaidenName: 'SRI WAHYUNI' })).toEqual({ ok: true, value: null });
  });
});

describe('kiosk info carries both idle times', () => {
  it('the citizen idle as the contract has it, and the officer idle beside it', async () => {
    const { call } = setup('assisted');
    const result = await call('getKioskInfo');
    if (!result.ok) throw new Error('no info');
    const info = result.value as Parameters<typeof operatorIdleOf>[0];
    expect(info.idle).toEqual({ warnAfterSeconds: 180, countdownSeconds: 30 });
    expect(operatorIdleOf(info)).toEqual({ warnAfterSeconds: 900, countdownSeconds: 30 });
  });
});

describe('wipe listeners: every wipe is announced, whoever caused it', () => {
  it.each(['cancel', 'finish', 'idle', 'sign-out'] as const)('endSession %s', async (reason) => {
    const { core, call } = setup('self-service');
    const wiped: string[] = [];
    core.onWipe((id) => {
      wiped.push(id);
    });
    await call('signIn', CITIZEN_PAYLOADS.signIn, 'w7');
    expect(core.holdsSession('w7')).toBe(true);
    await call('endSession', { reason }, 'w7');
    expect(wiped).toEqual(['w7']);
    expect(core.holdsSession('w7')).toBe(false);
  });

  it('officer sign-out', async () => {
    const { core, call, signInOperator } = setup('assisted');
    const wiped: string[] = [];
    core.onWipe((id) => {
      wiped.push(id);
    });
    await signInOperator();
    await call('operatorSignOut');
    expect(wiped).toEqual(['w1']);
  });

  it('a renderer crash is wiped and audited even when main held no session for the window', async () => {
    const { core, audit } = setup('assisted');
    const wiped: string[] = [];
    core.onWipe((id) => {
      wiped.push(id);
    });
    await core.wipeWindow('9', 'crash', { reason: 'oom', outOfService: false });
    expect(wiped).toEqual(['9']);
    expect(audit.events).toEqual([{ event: 'renderer.crashed', outcome: 'info', detail: { reason: 'oom', outOfService: false } }]);
  });

  it('a failing listener is reported, and neither the wipe nor the other listeners stop', async () => {
    const { core, call, faults } = setup('self-service');
    const wiped: string[] = [];
    core.onWipe(() => {
      throw new Error('clipboard busy');
    });
    core.onWipe(async () => {
      throw new Error('storage busy');
    });
    core.onWipe((id) => {
      wiped.push(id);
    });
    await call('signIn', CITIZEN_PAYLOADS.signIn);
    await call('endSession', { reason: 'idle' });
    await new Promise((r) => setTimeout(r, 0));
    expect(wiped).toEqual(['w1']);
    expect(core.holdsSession('w1')).toBe(false);
    expect(faults.filter((f) => f === 'wipe-listener')).toHaveLength(2);
  });

  it('an unsubscribed listener hears nothing more', async () => {
    const { core, call } = setup('self-service');
    const wiped: string[] = [];
    const off = core.onWipe((id) => {
      wiped.push(id);
    });
    off();
    await call('endSession', { reason: 'cancel' });
    expect(wiped).toEqual([]);
  });
});
