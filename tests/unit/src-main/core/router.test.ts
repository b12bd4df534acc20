import fc from 'fast-check';
import { afterEach, describe, expect, it, vi, type Mock } from 'vitest';
import { KIOSK_METHODS, type KioskMethod } from '../../../../src-shared/contract';
import { ok, type Result } from '../../../../src-shared/errors';
import { createRouter, type Caller, type Handlers } from '../../../../src-main/core/router';

type Spy = Mock<(caller: Caller, req: unknown) => Promise<Result<unknown>>>;

function spyHandlers(): { handlers: Handlers; spies: Record<KioskMethod, Spy> } {
  const spies = Object.fromEntries(
    KIOSK_METHODS.map((m) => [m, vi.fn(async (_caller: Caller, _req: unknown): Promise<Result<unknown>> => ok(`handled ${m}`))]),
  ) as Record<KioskMethod, Spy>;
  return { handlers: spies as unknown as Handlers, spies };
}

function callsOf(spies: Record<KioskMethod, Spy>): number {
  return KIOSK_METHODS.reduce((n, m) => n + spies[m].mock.calls.length, 0);
}

const caller: Caller = { windowId: 'window-1' };

/** A payload each method accepts; methods without fields take nothing (or `{}`). */
const VALID: Record<KioskMethod, Record<string, unknown> | undefined> = {
  getKioskInfo: undefined,
  signIn: { identifier: '081234562797', password: 'Lama#2024a' },
  operatorSignIn: { staffId: 'PTG001', pin: '246810' },
  operatorSignOut: undefined,
  startRecovery: { path: 'phone', destination: '081234562797' },
  verifyIdentity: { nik: '3171014101900001', fullName: 'SITI RAHAYU', motherMaidenName: 'AMINAH' },
  submitNewCredentials: { phone: '081299990000', email: 'siti.baru@example.com', password: 'Kuat#2025x', otpChannel: 'sms' },
  verifyOtp: { code: '254241' },
  resendOtp: undefined,
  setNewPassword: { password: 'Kuat#2025x' },
  endSession: { reason: 'cancel' },
  getTrainingOutbox: undefined,
  confirmOperatorPin: { pin: '246810' },
  exportAuditCsv: { from: '2026-11-01', to: '2026-11-26' },
  noteActivity: undefined,
  getServiceStatus: undefined,
};

/** Optional fields and their type, beyond the required ones of VALID. */
const OPTIONAL: Partial<Record<KioskMethod, Record<string, 'boolean'>>> = { verifyIdentity: { idCardChecked: 'boolean' } };

const HUGE = 100_000;
const WRONG_VALUES: [string, unknown][] = [
  ['undefined', undefined],
  ['null', null],
  ['0', 0],
  ['a number', 81234562797],
  ['true', true],
  ['an empty array', []],
  ['an array of strings', ['081234562797']],
  ['an empty object', {}],
  ['a nested object', { value: { deeper: '081234562797' } }],
  ['100k letters', 'a'.repeat(HUGE)],
  ['100k digits', '8'.repeat(HUGE)],
  ['100k chars around an @', `${'a'.repeat(HUGE)}@example.com`],
  ['100k spaces', ' '.repeat(HUGE)],
];

function badPayloads(method: KioskMethod): [string, unknown][] {
  const valid = VALID[method];
  const base = valid ?? {};
  const out: [string, unknown][] = [
    ['null', null],
    ['an empty array', []],
    ['an array holding the valid payload', [base]],
    ['a number', 42],
    ['NaN', Number.NaN],
    ['a string', 'signIn'],
    ['a 100k-char string', 'x'.repeat(HUGE)],
    ['true', true],
    ['a Date', new Date()],
    ['an extra unknown field', { ...base, extra: 1 }],
    ['an extra nested object', { ...base, nested: { a: { b: {} } } }],
    ['an extra 100k-char field', { ...base, note: 'x'.repeat(HUGE) }],
    ['a __proto__ key from JSON.parse', JSON.parse(`{"__proto__":{"polluted":true},${JSON.stringify(base).slice(1)}`.replace(/,}$/, '}'))],
    ['a constructor.prototype key', { ...base, constructor: { prototype: { polluted: true } } }],
  ];
  if (valid) {
    out.push(['undefined', undefined], ['an empty object', {}]);
    for (const field of Object.keys(valid)) {
      const { [field]: _dropped, ...rest } = valid;
      out.push([`${field} missing`, rest]);
      for (const [label, value] of WRONG_VALUES) out.push([`${field} as ${label}`, { ...valid, [field]: value }]);
      if (typeof valid[field] === 'string' && field !== 'password') {
        out.push([`${field} with surrounding spaces (the renderer trims)`, { ...valid, [field]: ` ${valid[field] as string} ` }]);
      }
    }
  }
  return out;
}

afterEach(() => {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

describe('router: payloads that fail the contract never reach a service', () => {
  for (const method of KIOSK_METHODS) {
    it.each(badPayloads(method))(`${method} with %s → VALIDATION_FAILED, handler never called`, async (_label, payload) => {
      const { handlers, spies } = spyHandlers();
      const router = createRouter(handlers);
      const result = await router.dispatch(caller, method, payload);
      expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'VALIDATION_FAILED' }) });
      expect(callsOf(spies)).toBe(0);
    });
  }

  it('names the offending field when it can', async () => {
    const { handlers } = spyHandlers();
    const router = createRouter(handlers);
    expect(await router.dispatch(caller, 'signIn', { identifier: 'abc', password: 'x' })).toEqual({
      ok: false,
      error: { code: 'VALIDATION_FAILED', field: 'identifier' },
    });
    expect(await router.dispatch(caller, 'verifyOtp', { code: 254241 })).toEqual({
      ok: false,
      error: { code: 'VALIDATION_FAILED', field: 'code' },
    });
  });

  it('rejects idCardChecked that is not a boolean (no coercion of "true" or 1)', async () => {
    const { handlers, spies } = spyHandlers();
    const router = createRouter(handlers);
    for (const idCardChecked of ['true', 'yes', 1, null]) {
      const result = await router.dispatch(caller, 'verifyIdentity', { ...VALID.verifyIdentity, idCardChecked });
      expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    }
    expect(spies.verifyIdentity).not.toHaveBeenCalled();
  });
});

describe('router: unknown methods', () => {
  it.each([
    ['an empty name', ''],
    ['a different case', 'signin'],
    ['a channel name', 'kiosk:signIn'],
    ['a trailing space', 'signIn '],
    ['constructor', 'constructor'],
    ['__proto__', '__proto__'],
    ['toString', 'toString'],
    ['hasOwnProperty', 'hasOwnProperty'],
    ['a removed method', 'deleteAccount'],
    ['a number', 1],
    ['null', null],
    ['undefined', undefined],
    ['an object', { method: 'signIn' }],
    ['an array', ['signIn']],
    ['a symbol', Symbol('signIn')],
  ])('%s → VALIDATION_FAILED (field method), no handler called', async (_label, method) => {
    const { handlers, spies } = spyHandlers();
    const result = await createRouter(handlers).dispatch(caller, method, VALID.signIn);
    expect(result).toEqual({ ok: false, error: { code: 'VALIDATION_FAILED', field: 'method' } });
    expect(callsOf(spies)).toBe(0);
  });
});

describe('router: valid payloads', () => {
  it.each(KIOSK_METHODS.map((m) => [m]))('%s: reaches its handler exactly once, with the caller and the validated value', async (method) => {
    const { handlers, spies } = spyHandlers();
    const result = await createRouter(handlers).dispatch(caller, method, VALID[method]);
    expect(result).toEqual({ ok: true, value: `handled ${method}` });
    expect(spies[method]).toHaveBeenCalledTimes(1);
    expect(spies[method]).toHaveBeenCalledWith(caller, VALID[method] ?? {});
    expect(callsOf(spies)).toBe(1);
  });

  it('passes a handler’s typed error through unchanged', async () => {
    const { handlers, spies } = spyHandlers();
    spies.signIn.mockResolvedValueOnce({ ok: false, error: { code: 'INVALID_CREDENTIALS', attemptsRemaining: 3 } });
    expect(await createRouter(handlers).dispatch(caller, 'signIn', VALID.signIn)).toEqual({
      ok: false,
      error: { code: 'INVALID_CREDENTIALS', attemptsRemaining: 3 },
    });
  });

  it('hands a password over exactly as typed: spaces are part of it, never trimmed', async () => {
    const { handlers, spies } = spyHandlers();
    const payload = { identifier: 'siti.rahayu@example.com', password: ' Lama#2024a ' };
    await createRouter(handlers).dispatch(caller, 'signIn', payload);
    expect(spies.signIn).toHaveBeenCalledWith(caller, { identifier: 'siti.rahayu@example.com', password: ' Lama#2024a ' });
  });

  it('accepts the optional idCardChecked flag of the assisted identity path', async () => {
    const { handlers, spies } = spyHandlers();
    const payload = { ...VALID.verifyIdentity, idCardChecked: true };
    await createRouter(handlers).dispatch(caller, 'verifyIdentity', payload);
    expect(spies.verifyIdentity).toHaveBeenCalledWith(caller, payload);
  });

  it.each(['cancel', 'finish', 'idle', 'sign-out'])('accepts endSession reason %s', async (reason) => {
    const { handlers, spies } = spyHandlers();
    await createRouter(handlers).dispatch(caller, 'endSession', { reason });
    expect(spies.endSession).toHaveBeenCalledWith(caller, { reason });
  });

  it('accepts all three phone forms the citizen may type', async () => {
    const { handlers, spies } = spyHandlers();
    const router = createRouter(handlers);
    for (const phone of ['081234562797', '6281234562797', '+62 812-3456-2797']) {
      expect((await router.dispatch(caller, 'startRecovery', { path: 'phone', destination: phone })).ok).toBe(true);
    }
    expect(spies.startRecovery).toHaveBeenCalledTimes(3);
  });

  it("checks a recovery's destination with its path's own rules, and names the field", async () => {
    const { handlers, spies } = spyHandlers();
    const router = createRouter(handlers);
    const invalid = { ok: false, error: { code: 'VALIDATION_FAILED', field: 'destination' } };
    expect(await router.dispatch(caller, 'startRecovery', { path: 'phone', destination: 'siti.rahayu@example.com' })).toEqual(invalid);
    expect(await router.dispatch(caller, 'startRecovery', { path: 'email', destination: '081234562797' })).toEqual(invalid);
    expect(await router.dispatch(caller, 'startRecovery', { path: 'identity', destination: '081234562797' })).toEqual({
      ok: false,
      error: { code: 'VALIDATION_FAILED', field: 'path' },
    });
    expect(spies.startRecovery).not.toHaveBeenCalled();
  });
});

describe('router: faults in a service', () => {
  const SECRET = 'backend said: token=abc123 for 081234562797';

  it.each([
    ['rejects with an Error', () => Promise.reject(new Error(SECRET))],
    ['throws synchronously', () => {
      throw new Error(SECRET);
    }],
    ['throws a bare string', () => Promise.reject(SECRET)],
  ])('a handler that %s → INTERNAL, with nothing of the message', async (_label, impl) => {
    const { handlers, spies } = spyHandlers();
    spies.signIn.mockImplementation(impl as () => Promise<Result<unknown>>);
    const onFault = vi.fn();
    const result = await createRouter(handlers, { onFault }).dispatch(caller, 'signIn', VALID.signIn);
    expect(result).toEqual({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(result)).not.toContain('token');
    expect(JSON.stringify(result)).not.toContain('081234562797');
    expect(onFault).toHaveBeenCalledTimes(1);
    expect(onFault.mock.calls[0]?.[0]).toBe('signIn');
  });
});

describe('router: properties over arbitrary payloads', () => {
  const anything = fc.anything({
    withBoxedValues: true,
    withMap: true,
    withSet: true,
    withDate: true,
    withBigInt: true,
    withNullPrototype: true,
    withTypedArray: true,
    withSparseArray: true,
    withObjectString: true,
  });

  /** An oracle independent of yup: what a payload must at least look like to be allowed through. */
  function looksAcceptable(method: KioskMethod, payload: unknown): boolean {
    const value = payload === undefined ? {} : payload;
    if (Object.prototype.toString.call(value) !== '[object Object]') return false;
    const record = value as Record<string, unknown>;
    const required = Object.keys(VALID[method] ?? {});
    const optional = OPTIONAL[method] ?? {};
    const keys = Object.keys(record);
    // Own keys only: `'valueOf' in {}` is true through Object.prototype.
    if (!keys.every((k) => required.includes(k) || Object.hasOwn(optional, k))) return false;
    if (!required.every((k) => typeof record[k] === 'string')) return false;
    return Object.entries(optional).every(([k, type]) => record[k] === undefined || typeof record[k] === type);
  }

  for (const method of KIOSK_METHODS) {
    it(`${method}: fc.anything() never throws and reaches the handler only when it fits the contract`, async () => {
      await fc.assert(
        fc.asyncProperty(anything, async (payload) => {
          const { handlers, spies } = spyHandlers();
          const result = await createRouter(handlers).dispatch(caller, method, payload);
          const called = spies[method].mock.calls.length;
          expect(callsOf(spies)).toBe(called);
          if (called === 0) {
            expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
          } else {
            expect(called).toBe(1);
            expect(looksAcceptable(method, payload)).toBe(true);
            expect(result).toEqual({ ok: true, value: `handled ${method}` });
          }
          if (VALID[method] === undefined) {
            // Methods without fields: exactly nothing, or an object with no keys, gets through.
            expect(called).toBe(looksAcceptable(method, payload) ? 1 : 0);
          }
        }),
        { numRuns: 60 },
      );
    });
  }

  for (const method of KIOSK_METHODS.filter((m) => VALID[m] !== undefined)) {
    it(`${method}: a valid payload with fields dropped, overwritten or added (fc.object) reaches the handler only when it still fits`, async () => {
      const valid = VALID[method]!;
      const fields = Object.keys(valid);
      await fc.assert(
        fc.asyncProperty(
          fc.subarray(fields),
          fc.dictionary(fc.constantFrom(...fields), anything, { maxKeys: fields.length }),
          fc.option(fc.object(), { nil: undefined }),
          async (drop, overwrite, extra) => {
            const payload: Record<string, unknown> = { ...valid, ...overwrite, ...(extra ?? {}) };
            for (const f of drop) delete payload[f];
            const { handlers, spies } = spyHandlers();
            const result = await createRouter(handlers).dispatch(caller, method, payload);
            if (spies[method].mock.calls.length > 0) {
              expect(looksAcceptable(method, payload)).toBe(true);
              expect(spies[method]).toHaveBeenCalledWith(caller, payload);
            } else {
              expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
            }
            if (!looksAcceptable(method, payload)) expect(callsOf(spies)).toBe(0);
          },
        ),
        { numRuns: 60 },
      );
    });
  }
});

describe('router: only plain data crosses', () => {
  // Found by fast-check (seed 2120770934): yup's string() accepts a boxed String,
  // which Electron's structured clone can deliver. The router refuses it first.
  it.each([
    ['a boxed String password', { identifier: '081234562797', password: new String('Lama#2024a') }],
    ['a Date identifier', { identifier: new Date(), password: 'Lama#2024a' }],
    ['a Map payload', new Map([['identifier', '081234562797']])],
    ['an Infinity field', { identifier: '081234562797', password: 'Lama#2024a', n: Infinity }],
  ])('%s → VALIDATION_FAILED, handler never called', async (_name, payload) => {
    const { handlers, spies } = spyHandlers();
    expect(await createRouter(handlers).dispatch(caller, 'signIn', payload)).toEqual({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(callsOf(spies)).toBe(0);
  });
});
