import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { TRAINING_OUTBOX_NEWEST, type OtpChannel, type OutboxMessage } from '../../../../src-shared/contract';
import { fail, ok, type Result } from '../../../../src-shared/errors';
import type {
  BackendChallenge,
  BackendClient,
  BackendOperator,
  BackendOtpResult,
  BackendRecovery,
  BackendSignIn,
  CallContext,
} from '../../../../src-main/backend/types';
import type { KioskConfig } from '../../../../src-main/core/config';
import { createKioskCore } from '../../../../src-main/core/kioskCore';
import { typedMobile } from '../../src-shared/rules/indonesianMobileArbitrary';
import { MemoryAudit } from './coreTestKit';

const SITI = {
  phone: '+6281234562797',
  email: 'siti.rahayu@example.com',
  password: 'Lama#2024a',
  fullName: 'SITI RAHAYU',
};

/** A backend that knows one citizen and one operator, and records every call in `log`. */
class FakeBackend implements BackendClient {
  readonly signIns: { ctx: CallContext; identifier: string; password: string }[] = [];
  attemptsRemaining = 5;
  /** The health check's answer: the backend is up unless a test takes it down. */
  up = true;

  constructor(private readonly log: string[]) {}

  async health(): Promise<Result<null>> {
    this.log.push('backend.health');
    return this.up ? ok(null) : fail('BACKEND_UNAVAILABLE');
  }

  async signIn(ctx: CallContext, identifier: string, password: string): Promise<Result<BackendSignIn>> {
    this.log.push('backend.signIn');
    this.signIns.push({ ctx, identifier, password });
    if ((identifier === SITI.phone || identifier === SITI.email) && password === SITI.password) {
      return ok({ displayName: SITI.fullName });
    }
    this.attemptsRemaining -= 1;
    if (this.attemptsRemaining <= 0) return fail('ACCOUNT_LOCKED', { lockedUntil: '2026-01-01T08:15:00.000Z' });
    return fail('INVALID_CREDENTIALS', { attemptsRemaining: this.attemptsRemaining });
  }

  async operatorSignIn(_ctx: CallContext, staffId: string, pin: string): Promise<Result<BackendOperator>> {
    this.log.push('backend.operatorSignIn');
    return staffId === 'PTG001' && pin === '246810'
      ? ok({ staffId: 'PTG001', name: 'PETUGAS SATU', operatorToken: 'op-token-secret' })
      : fail('OPERATOR_INVALID');
  }

  async startRecovery(): Promise<Result<BackendRecovery & { challenge: BackendChallenge }>> {
    return fail('BACKEND_ERROR');
  }
  async verifyIdentity(): Promise<Result<BackendRecovery>> {
    return fail('BACKEND_ERROR');
  }
  async submitCredentials(
    _ctx: CallContext,
    _recovery: BackendRecovery,
    _creds: { phone: string; email: string; password: string; otpChannel: OtpChannel },
  ): Promise<Result<BackendChallenge>> {
    return fail('BACKEND_ERROR');
  }
  async verifyOtp(): Promise<Result<BackendOtpResult>> {
    return fail('BACKEND_ERROR');
  }
  async resendOtp(): Promise<Result<BackendChallenge>> {
    return fail('BACKEND_ERROR');
  }
  async setPassword(): Promise<Result<{ reference: string; phoneMasked: string; emailMasked: string }>> {
    return fail('BACKEND_ERROR');
  }
  async outbox(): Promise<Result<OutboxMessage[]>> {
    return ok([]);
  }
  async sendAuditAnchor(): Promise<Result<{ seq: number }>> {
    return fail('BACKEND_UNAVAILABLE');
  }
}

const config: KioskConfig = {
  kioskId: 'KIOSK-TEST-01',
  // Citizen stories without an officer; assisted-mode gating has its own tests (operatorGate.test.ts).
  mode: 'self-service',
  backend: 'embedded',
  language: 'id',
  timeZone: 'Asia/Jakarta',
  idle: { citizen: { warnAfterSeconds: 60, countdownSeconds: 30 }, operator: { warnAfterSeconds: 900, countdownSeconds: 30 } },
  operatorShiftHours: 10,
  limits: { identityVerificationsPerHour: 30 },
  backendTimeoutMs: 8000,
};

function setup(mode: KioskConfig['mode'] = 'self-service') {
  const log: string[] = [];
  const backend = new FakeBackend(log);
  const audit = new MemoryAudit(log);
  const faults: string[] = [];
  const core = createKioskCore({ config: { ...config, mode }, backend, audit, training: true, onFault: (what) => faults.push(what) });
  const signIn = (identifier: string, password: string, windowId = 'window-1') =>
    core.router.dispatch({ windowId }, 'signIn', { identifier, password });
  return { log, backend, audit, core, signIn, faults };
}

describe('kiosk core: the health check of a self-service kiosk', () => {
  it('says whether the backend answers, asking it at most every 5 s however often pages poll, and counts as nobody at the kiosk', async () => {
    vi.useFakeTimers();
    try {
      const { core, backend, log } = setup();
      const status = () => core.router.dispatch({ windowId: 'window-1' }, 'getServiceStatus', undefined);
      expect(await status()).toEqual({ ok: true, value: { available: true } });
      backend.up = false;
      expect(await status()).toEqual({ ok: true, value: { available: true } });
      vi.advanceTimersByTime(5_000);
      expect(await status()).toEqual({ ok: true, value: { available: false } });
      backend.up = true;
      vi.advanceTimersByTime(5_000);
      expect(await status()).toEqual({ ok: true, value: { available: true } });
      expect(log.filter((l) => l === 'backend.health')).toHaveLength(3);
      expect(core.holdsSession('window-1')).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('kiosk core: citizen sign-in (seed screen 1)', () => {
  it.each(['081234562797', '6281234562797', '+6281234562797', '0812-3456-2797', '+62 812 3456 2797'])(
    'the phone typed as %j reaches the backend as +6281234562797',
    async (typed) => {
      const { backend, signIn } = setup();
      const result = await signIn(typed, SITI.password);
      expect(result.ok).toBe(true);
      expect(backend.signIns.map((c) => c.identifier)).toEqual(['+6281234562797']);
    },
  );

  it('property: every form of any mobile reaches the backend as the same E.164 number', async () => {
    await fc.assert(
      fc.asyncProperty(typedMobile, async ({ nsn, typed }) => {
        const { backend, signIn } = setup();
        await signIn(typed, 'whatever');
        expect(backend.signIns.map((c) => c.identifier)).toEqual([`+62${nsn}`]);
      }),
      { numRuns: 40 },
    );
  });

  it('an e-mail address reaches the backend lower-cased; the password exactly as typed', async () => {
    const { backend, signIn } = setup();
    const result = await signIn('Siti.Rahayu@Example.COM', SITI.password);
    expect(result.ok).toBe(true);
    // The Idempotency-Key is main's, kept until the backend answers (retryReplay.test.ts).
    expect(backend.signIns).toEqual([
      { ctx: { kioskId: 'KIOSK-TEST-01', idempotencyKey: expect.any(String) }, identifier: SITI.email, password: SITI.password },
    ]);
  });

  it('the renderer gets the masked name and identifier, never the full name', async () => {
    const { signIn } = setup();
    const byPhone = await signIn('081234562797', SITI.password);
    expect(byPhone).toEqual({ ok: true, value: { displayName: 'S*** R***', identifierMasked: '08*****2797' } });
    const byEmail = await signIn(SITI.email, SITI.password);
    expect(byEmail).toEqual({ ok: true, value: { displayName: 'S*** R***', identifierMasked: 's***@example.com' } });
    for (const result of [byPhone, byEmail]) {
      expect(JSON.stringify(result)).not.toMatch(/SITI|RAHAYU|rahayu|1234562797/);
    }
  });

  it('a wrong password comes back as INVALID_CREDENTIALS with the tries left', async () => {
    const { signIn } = setup();
    expect(await signIn('081234562797', 'Salah#123')).toEqual({ ok: false, error: { code: 'INVALID_CREDENTIALS', attemptsRemaining: 4 } });
    expect(await signIn('081234562797', 'Salah#123')).toEqual({ ok: false, error: { code: 'INVALID_CREDENTIALS', attemptsRemaining: 3 } });
  });

  it('a lock comes back as ACCOUNT_LOCKED with its end, and is audited as signin.locked', async () => {
    const { signIn, backend, audit } = setup();
    backend.attemptsRemaining = 1;
    expect(await signIn('081234562797', 'Salah#123')).toEqual({
      ok: false,
      error: { code: 'ACCOUNT_LOCKED', lockedUntil: '2026-01-01T08:15:00.000Z' },
    });
    expect(audit.events.map((e) => e.event)).toEqual(['signin.attempted', 'signin.locked']);
  });

  it('records the try in the audit log before the backend sees it', async () => {
    const { signIn, log } = setup();
    await signIn('081234562797', 'Salah#123');
    await signIn('081234562797', SITI.password);
    expect(log).toEqual([
      'audit.signin.attempted',
      'backend.signIn',
      'audit.signin.failed',
      'audit.signin.attempted',
      'backend.signIn',
      'audit.signin.succeeded',
    ]);
  });

  it('audit events carry the masked subject, the outcome and the session, with attemptsRemaining on failure', async () => {
    const { signIn, audit } = setup();
    await signIn('081234562797', 'Salah#123');
    const [attempted, failed] = audit.events;
    expect(attempted).toMatchObject({ event: 'signin.attempted', outcome: 'info', subject: '08*****2797' });
    expect(failed).toMatchObject({ event: 'signin.failed', outcome: 'failure', subject: '08*****2797', detail: { attemptsRemaining: 4 } });
    expect(Object.values(failed?.detail ?? {})).toContain('INVALID_CREDENTIALS');
    expect(attempted?.sessionId).toEqual(expect.any(String));
    expect(failed?.sessionId).toBe(attempted?.sessionId);
  });

  it('fail closed: when the audit log cannot be written, OUT_OF_SERVICE and the backend is never called', async () => {
    const { signIn, audit, backend, faults } = setup();
    audit.failWhen = () => true;
    expect(await signIn('081234562797', SITI.password)).toEqual({ ok: false, error: { code: 'OUT_OF_SERVICE' } });
    expect(await signIn(SITI.email, SITI.password)).toEqual({ ok: false, error: { code: 'OUT_OF_SERVICE' } });
    expect(backend.signIns).toHaveLength(0);
    expect(faults).toContain('audit');
  });

  it('fail closed: a success that cannot be recorded is not acknowledged to the renderer', async () => {
    const { signIn, audit } = setup();
    audit.failWhen = (e) => e.event === 'signin.succeeded';
    const result = await signIn('081234562797', SITI.password);
    expect(result).toEqual({ ok: false, error: { code: 'OUT_OF_SERVICE' } });
    expect(JSON.stringify(result)).not.toContain('S***');
  });

  it('fail closed: a wrong password that cannot be recorded gives OUT_OF_SERVICE, not the tries left', async () => {
    const { signIn, audit } = setup();
    audit.failWhen = (e) => e.event === 'signin.failed';
    expect(await signIn('081234562797', 'Salah#123')).toEqual({ ok: false, error: { code: 'OUT_OF_SERVICE' } });
  });

  it('the audit log never holds the password, the full identifier or the full name', async () => {
    const { signIn, audit } = setup();
    const wrong = 'Salah#Rahasia99';
    for (const typed of ['081234562797', '+62 812-3456-2797', '6281234562797']) {
      await signIn(typed, wrong);
      await signIn(typed, SITI.password);
    }
    await signIn('Siti.Rahayu@Example.COM', wrong);
    await signIn(SITI.email, SITI.password);
    expect(audit.events.length).toBeGreaterThanOrEqual(16);
    const written = JSON.stringify(audit.events);
    for (const secret of [
      SITI.password,
      wrong,
      '081234562797',
      '6281234562797',
      '81234562797',
      '812-3456',
      '1234562797',
      'siti.rahayu',
      'Siti.Rahayu',
      'SITI RAHAYU',
      'RAHAYU',
    ]) {
      expect(written).not.toContain(secret);
    }
  });

  it('once an operator is signed in, sign-in events carry the operator id and the backend gets the operator token', async () => {
    const { core, signIn, audit, backend } = setup('assisted');
    expect(await core.router.dispatch({ windowId: 'window-1' }, 'operatorSignIn', { staffId: 'PTG001', pin: '246810' })).toEqual({
      ok: true,
      value: { staffId: 'PTG001', name: 'PETUGAS SATU' },
    });
    await signIn('081234562797', SITI.password);
    const signInEvents = audit.events.filter((e) => e.event.startsWith('signin.'));
    expect(signInEvents).toHaveLength(2);
    for (const e of signInEvents) expect(e.operatorId).toBe('PTG001');
    expect(backend.signIns[0]?.ctx).toEqual({ kioskId: 'KIOSK-TEST-01', operatorToken: 'op-token-secret', idempotencyKey: expect.any(String) });
    expect(JSON.stringify(audit.events)).not.toContain('op-token-secret');
  });

  it('an identifier that fails the contract never reaches the audit log or the backend', async () => {
    const { signIn, audit, backend } = setup();
    expect(await signIn('021 5550 1234', SITI.password)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await signIn('abc', SITI.password)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(audit.events).toHaveLength(0);
    expect(backend.signIns).toHaveLength(0);
  });
});

describe('kiosk core: the training phone (seed screen 5)', () => {
  it('gets only the newest messages, oldest first, however many the stub keeps (up to 500)', async () => {
    const { backend, core } = setup();
    const sent = Array.from({ length: 500 }, (_, i): OutboxMessage => ({
      id: `m${i}`,
      channel: 'sms',
      toMasked: '08*****2797',
      sentAt: new Date(Date.UTC(2026, 0, 1, 8, 0, i % 60)).toISOString(),
      body: `Kode OTP: ${String(i).padStart(6, '0')}`,
    }));
    backend.outbox = async () => ok(sent);
    const answer = (await core.router.dispatch({ windowId: 'window-1' }, 'getTrainingOutbox', undefined)) as Result<OutboxMessage[]>;
    if (!answer.ok) throw new Error('no outbox');
    expect(answer.value.map((m) => m.id)).toEqual(sent.slice(-TRAINING_OUTBOX_NEWEST).map((m) => m.id));
  });
});
