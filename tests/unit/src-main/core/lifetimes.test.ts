import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { KioskMethod, MainTimeout } from '../../../../src-shared/contract';
import { fail, ok, type Result } from '../../../../src-shared/errors';
import type { BackendChallenge, BackendClient, BackendOperator, BackendRecovery, CallContext } from '../../../../src-main/backend/types';
import { parseConfig } from '../../../../src-main/core/config';
import { CODE_WAIT_WARN_SECONDS } from '../../../../src-shared/idle';
import { createKioskCore } from '../../../../src-main/core/kioskCore';
import { MemoryAudit } from './coreTestKit';

/**
 * Lifetimes in main (docs/kiosk.md §3): the officer's shift, the officer's
 * idle time and the citizen's, enforced by main itself on fake time, a
 * little after the page's own warning would have run out.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
/** Citizen: warn after 60 s, 30 s countdown; officer: 900 s and 30 s; shift 10 h (the default). */
const IDLE = { citizen: { warnAfterSeconds: 60, countdownSeconds: 30 }, operator: { warnAfterSeconds: 900, countdownSeconds: 30 } };
/** The page wipes at warnAfter + countdown; main waits this much longer (two activity reports). */
const GRACE = 30 * SECOND;
/** Every recovery below has sent a code: the page wipes after the code screen's allowance (6 min) + the countdown. */
const CITIZEN_PAGE_LIMIT = (CODE_WAIT_WARN_SECONDS + 30) * SECOND;
const OFFICER_PAGE_LIMIT = 930 * SECOND;

/** A backend with the demo officer and one phone recovery whose codes are always wrong; it records who called. */
class FakeBackend {
  readonly contexts: { method: string; ctx: CallContext }[] = [];

  async operatorSignIn(ctx: CallContext, staffId: string, pin: string): Promise<Result<BackendOperator>> {
    this.contexts.push({ method: 'operatorSignIn', ctx });
    return staffId === 'PTG001' && pin === '246810' ? ok({ staffId, name: 'PETUGAS SATU', operatorToken: 'op-token-secret' }) : fail('OPERATOR_INVALID');
  }
  async signIn(ctx: CallContext): Promise<Result<{ displayName: string }>> {
    this.contexts.push({ method: 'signIn', ctx });
    return ok({ displayName: 'SITI RAHAYU' });
  }
  async startRecovery(ctx: CallContext): Promise<Result<BackendRecovery & { challenge: BackendChallenge }>> {
    this.contexts.push({ method: 'startRecovery', ctx });
    const now = Date.now();
    return ok({
      recoveryId: 'rec-1',
      recoveryToken: 'rec-token-secret',
      challenge: {
        challengeId: 'ch-1',
        channel: 'sms',
        destinationMasked: '08*****2797',
        expiresAt: new Date(now + 5 * MINUTE).toISOString(),
        resendAvailableAt: new Date(now + MINUTE).toISOString(),
        resendsRemaining: 3,
      },
    });
  }
  async verifyOtp(ctx: CallContext): Promise<Result<never>> {
    this.contexts.push({ method: 'verifyOtp', ctx });
    return fail('OTP_INVALID', { attemptsRemaining: 4 });
  }
  async outbox(ctx: CallContext): Promise<Result<[]>> {
    this.contexts.push({ method: 'outbox', ctx });
    return ok([]);
  }
  async sendAuditAnchor(): Promise<Result<{ seq: number }>> {
    return fail('BACKEND_UNAVAILABLE');
  }
}

function setup(mode: 'assisted' | 'self-service' = 'assisted', more: Record<string, unknown> = {}) {
  const backend = new FakeBackend();
  const audit = new MemoryAudit();
  const timeouts: [string, MainTimeout][] = [];
  const wipes: string[] = [];
  const faults: string[] = [];
  const core = createKioskCore({
    config: parseConfig({ mode, idle: IDLE, ...more }),
    backend: backend as unknown as BackendClient,
    audit,
    training: true,
    onFault: (what) => faults.push(what),
  });
  core.onMainTimeout((windowId, why) => void timeouts.push([windowId, why]));
  core.onWipe((windowId) => void wipes.push(windowId));
  const call = (method: KioskMethod, payload?: unknown, windowId = 'w1') => core.router.dispatch({ windowId }, method, payload);
  const signInOfficer = () => call('operatorSignIn', { staffId: 'PTG001', pin: '246810' });
  const startRecovery = () => call('startRecovery', { path: 'phone', destination: '081234562797' });
  const typeCode = () => call('verifyOtp', { code: '111111' });
  const events = (name?: string) => audit.events.filter((e) => name === undefined || e.event === name);
  return { core, backend, audit, timeouts, wipes, faults, call, signInOfficer, startRecovery, typeCode, events };
}

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-03-02T01:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("the citizen's idle limit, in main", () => {
  it('a recovery left alone is ended by main 30 s after the page would have: the code typed then is refused, and the page is told', async () => {
    const { call, signInOfficer, startRecovery, typeCode, core, timeouts, wipes, events } = setup();
    await signInOfficer();
    expect(await startRecovery()).toMatchObject({ ok: true });

    await vi.advanceTimersByTimeAsync(CITIZEN_PAGE_LIMIT + GRACE - SECOND);
    expect(core.holdsSession('w1')).toBe(true);
    expect(timeouts).toEqual([]);

    await vi.advanceTimersByTimeAsync(SECOND);
    expect(core.holdsSession('w1')).toBe(false);
    // The Electron shell reloads the window; storage and clipboard go with the wipe.
    expect(timeouts).toEqual([['w1', 'citizen-idle']]);
    expect(wipes).toEqual(['w1']);
    expect(events('session.timed-out')).toEqual([expect.objectContaining({ operatorId: 'PTG001', detail: { by: 'main', reason: 'citizen-idle' } })]);
    // The officer stays: only the officer's own limits sign them out.
    expect(await call('getKioskInfo')).toMatchObject({ value: { operator: { staffId: 'PTG001' } } });

    expect(await typeCode()).toEqual({ ok: false, error: { code: 'SESSION_INVALID' } });
  });

  it("the page's report of activity is answered once with what main ended, so a page in the browser shell wipes itself on the next touch", async () => {
    const { call, signInOfficer, startRecovery } = setup();
    await signInOfficer();
    await startRecovery();
    expect(await call('noteActivity')).toEqual({ ok: true, value: {} });
    await vi.advanceTimersByTimeAsync(CITIZEN_PAGE_LIMIT + GRACE);
    expect(await call('noteActivity')).toEqual({ ok: true, value: { ended: 'citizen-idle' } });
    expect(await call('noteActivity')).toEqual({ ok: true, value: {} });
  });

  it('a page that loads afresh is told nothing: it shows nothing of before', async () => {
    const { call, signInOfficer, startRecovery } = setup();
    await signInOfficer();
    await startRecovery();
    await vi.advanceTimersByTimeAsync(CITIZEN_PAGE_LIMIT + GRACE);
    await call('getKioskInfo');
    expect(await call('noteActivity')).toEqual({ ok: true, value: {} });
  });

  it("when the page wipes at the end of its own countdown, main has nothing left to do", async () => {
    const { call, signInOfficer, startRecovery, timeouts, events } = setup();
    await signInOfficer();
    await startRecovery();
    await vi.advanceTimersByTimeAsync(CITIZEN_PAGE_LIMIT);
    await call('endSession', { reason: 'idle' });
    await vi.advanceTimersByTimeAsync(10 * MINUTE);
    expect(timeouts).toEqual([]);
    expect(events('session.timed-out')).toEqual([expect.not.objectContaining({ detail: expect.anything() })]);
  });

  it('someone still at the kiosk keeps the session: activity reports and calls count', async () => {
    const { call, signInOfficer, startRecovery, typeCode, core, timeouts } = setup();
    await signInOfficer();
    await startRecovery();
    for (let i = 0; i < 20; i++) {
      await vi.advanceTimersByTimeAsync(CITIZEN_PAGE_LIMIT);
      await call('noteActivity');
    }
    expect(core.holdsSession('w1')).toBe(true);
    expect(await typeCode()).toEqual({ ok: false, error: { code: 'OTP_INVALID', attemptsRemaining: 4 } });
    expect(timeouts).toEqual([]);
  });

  it("the page's own polling (kiosk info, the training phone) is nobody at the kiosk", async () => {
    const { call, signInOfficer, startRecovery, core } = setup();
    await signInOfficer();
    await startRecovery();
    for (let t = 0; t < CITIZEN_PAGE_LIMIT + GRACE; t += 2 * SECOND) {
      await call('getTrainingOutbox');
      await call('getKioskInfo');
      await vi.advanceTimersByTimeAsync(2 * SECOND);
    }
    expect(core.holdsSession('w1')).toBe(false);
  });

  it('each window has its own limit', async () => {
    const { call, signInOfficer, startRecovery, core } = setup();
    await signInOfficer();
    await startRecovery();
    await vi.advanceTimersByTimeAsync(CITIZEN_PAGE_LIMIT);
    await call('startRecovery', { path: 'phone', destination: '081234562797' }, 'w2');
    await vi.advanceTimersByTimeAsync(GRACE);
    expect(core.holdsSession('w1')).toBe(false);
    expect(core.holdsSession('w2')).toBe(true);
  });

  it('a citizen waiting for a code keeps the code screen\'s allowance (as the page does); without a code the plain idle time applies', async () => {
    const { call, signInOfficer, startRecovery, core, timeouts } = setup();
    await signInOfficer();
    await call('signIn', { identifier: '081234562797', password: 'Lama#2024a' }, 'w2');
    await startRecovery();
    // The page's own limit for a window with no code: 60 s + 30 s; main's 30 s later.
    await vi.advanceTimersByTimeAsync(90 * SECOND + GRACE);
    expect(core.holdsSession('w2')).toBe(false);
    expect(core.holdsSession('w1')).toBe(true);
    // Verifikasi: 5 min for the code + 1 min, the countdown, then main's grace.
    await vi.advanceTimersByTimeAsync(CITIZEN_PAGE_LIMIT - 90 * SECOND - SECOND);
    expect(core.holdsSession('w1')).toBe(true);
    await vi.advanceTimersByTimeAsync(SECOND);
    expect(core.holdsSession('w1')).toBe(false);
    expect(timeouts).toEqual([
      ['w2', 'citizen-idle'],
      ['w1', 'citizen-idle'],
    ]);
  });

  it('at a self-service kiosk too (60 s by default there)', async () => {
    const { call, core, timeouts } = setup('self-service', { idle: { citizen: { countdownSeconds: 30 } } });
    await call('signIn', { identifier: '081234562797', password: 'Lama#2024a' });
    await vi.advanceTimersByTimeAsync(90 * SECOND + GRACE);
    expect(core.holdsSession('w1')).toBe(false);
    expect(timeouts).toEqual([['w1', 'citizen-idle']]);
  });
});

describe("the officer's idle limit and shift, in main", () => {
  it('an officer who left the counter is signed out by main after their idle time: citizens are refused, the kiosk info names no officer', async () => {
    const { call, signInOfficer, startRecovery, core, timeouts, events } = setup();
    await signInOfficer();
    await vi.advanceTimersByTimeAsync(OFFICER_PAGE_LIMIT + GRACE - SECOND);
    expect(await call('getKioskInfo')).toMatchObject({ value: { operator: { staffId: 'PTG001' } } });

    await vi.advanceTimersByTimeAsync(SECOND);
    expect(await call('getKioskInfo')).toEqual({ ok: true, value: expect.not.objectContaining({ operator: expect.anything() }) });
    expect(await startRecovery()).toEqual({ ok: false, error: { code: 'OPERATOR_REQUIRED' } });
    expect(events('operator.signed-out')).toEqual([
      expect.objectContaining({ operatorId: 'PTG001', outcome: 'info', detail: { by: 'main', reason: 'idle' } }),
    ]);
    // (The window itself was reset at the citizen's limit already: it held the session of the sign-in.)
    expect(timeouts).toEqual([
      ['w1', 'citizen-idle'],
      ['w1', 'operator-idle'],
    ]);
    expect(core.holdsSession('w1')).toBe(false);
  });

  it("a citizen's session goes with the officer who signed out, on record under that officer", async () => {
    const { call, signInOfficer, startRecovery, core, events } = setup();
    await signInOfficer();
    // A busy counter: a recovery begun every minute until the shift ends.
    for (let t = MINUTE; t < 10 * HOUR; t += MINUTE) {
      await vi.advanceTimersByTimeAsync(MINUTE);
      await startRecovery();
    }
    expect(core.holdsSession('w1')).toBe(true);
    await vi.advanceTimersByTimeAsync(MINUTE);

    expect(core.holdsSession('w1')).toBe(false);
    expect(await call('verifyOtp', { code: '111111' })).toEqual({ ok: false, error: { code: 'OPERATOR_REQUIRED' } });
    const last = events().slice(-2);
    expect(last).toEqual([
      expect.objectContaining({ event: 'session.timed-out', operatorId: 'PTG001', detail: { by: 'main', reason: 'shift-ended' } }),
      expect.objectContaining({ event: 'operator.signed-out', operatorId: 'PTG001', detail: { by: 'main', reason: 'shift-ended' } }),
    ]);
  });

  it('the shift ends 10 h after sign-in however busy the counter is; the backend token goes with it', async () => {
    const { call, signInOfficer, backend, timeouts, events } = setup();
    await signInOfficer();
    for (let t = 0; t < 10 * HOUR - MINUTE; t += MINUTE) {
      await vi.advanceTimersByTimeAsync(MINUTE);
      await call('noteActivity');
    }
    expect(events('operator.signed-out')).toEqual([]);
    await vi.advanceTimersByTimeAsync(MINUTE);
    expect(events('operator.signed-out')).toEqual([expect.objectContaining({ detail: { by: 'main', reason: 'shift-ended' } })]);
    expect(timeouts).toEqual([['w1', 'shift-ended']]);
    expect(await call('noteActivity')).toEqual({ ok: true, value: { ended: 'shift-ended' } });

    // The next officer signs in without the old token riding along.
    await signInOfficer();
    expect(backend.contexts.filter((c) => c.method === 'operatorSignIn').map((c) => c.ctx.operatorToken)).toEqual([undefined, undefined]);
  });

  it('the shift is what the config says', async () => {
    const { call, signInOfficer, events } = setup('assisted', { operatorShiftHours: 2 });
    await signInOfficer();
    for (let t = 0; t < 2 * HOUR; t += MINUTE) {
      await vi.advanceTimersByTimeAsync(MINUTE);
      await call('noteActivity');
    }
    expect(events('operator.signed-out')).toEqual([expect.objectContaining({ detail: { by: 'main', reason: 'shift-ended' } })]);
  });

  it('a timer that fires late (a machine that slept) lets no call through: the call is checked first', async () => {
    const { signInOfficer, startRecovery, backend, events } = setup();
    await signInOfficer();
    // The clock jumps; no timer has run yet.
    vi.setSystemTime(Date.now() + 11 * HOUR);
    expect(await startRecovery()).toEqual({ ok: false, error: { code: 'OPERATOR_REQUIRED' } });
    expect(backend.contexts.map((c) => c.method)).toEqual(['operatorSignIn']);
    expect(events('operator.signed-out')).toEqual([expect.objectContaining({ detail: { by: 'main', reason: 'idle' } })]);
  });

  it('an audit log that cannot be written does not keep the officer signed in', async () => {
    const { call, signInOfficer, audit, faults } = setup();
    await signInOfficer();
    audit.failWhen = () => true;
    await vi.advanceTimersByTimeAsync(OFFICER_PAGE_LIMIT + GRACE);
    expect(await call('getKioskInfo')).toEqual({ ok: true, value: expect.not.objectContaining({ operator: expect.anything() }) });
    expect(faults).toContain('audit');
  });

  it('with nobody signed in and no session, main keeps no timer running', async () => {
    const { call } = setup();
    await call('getKioskInfo');
    await call('noteActivity');
    expect(vi.getTimerCount()).toBe(0);
  });
});
