/**
 * The officer sign-in rules (operatorRules.ts, issue #11) where the
 * conformance suite cannot see them: the hashing work is the same whatever
 * the outcome (no timing oracle for which staff ids exist), the state file
 * keeps no typed staff id, tokens are bound to their kiosk and shift, old
 * state files still load, and the test controls behind the conformance
 * checks.
 */
import { scryptSync } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_CONFIG, type StubConfig } from '../../../../../src-main/backend/stub/context';
import { demoState } from '../../../../../src-main/backend/stub/demoData';
import { verifyIdentity } from '../../../../../src-main/backend/stub/identityRules';
import { prune } from '../../../../../src-main/backend/stub/maintenance';
import {
  OPERATOR_KIOSK_WINDOW_MS,
  OPERATOR_LOCK_MS,
  OPERATOR_SESSION_MS,
  officerAt,
  operatorSignIn,
} from '../../../../../src-main/backend/stub/operatorRules';
import { sha256 } from '../../../../../src-main/backend/stub/secrets';
import { startStub, type RunningStub } from '../../../../../src-main/backend/stub/server';
import type { StubState } from '../../../../../src-main/backend/stub/state';
import { checkState } from '../../../../../src-main/backend/stub/stateSchema';
import { raw } from '../stubHarness';
import { kioskHeaders, testKiosks } from '../testKiosks';

vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return { ...actual, scryptSync: vi.fn(actual.scryptSync) };
});

const T0 = Date.UTC(2026, 2, 4, 8, 0, 0);
const CONFIG: StubConfig = { ...DEFAULT_CONFIG };
/** A NIK no demo account has, so finding it in the state means the sign-in kept it. */
const NIK = '3273014101900007';

let state: StubState;
beforeEach(() => {
  state = demoState();
  vi.mocked(scryptSync).mockClear();
});

/** The scrypt runs one sign-in attempt costs. */
function scryptsOf(attempt: () => unknown): number {
  vi.mocked(scryptSync).mockClear();
  attempt();
  return vi.mocked(scryptSync).mock.calls.length;
}

const signIn = (staffId: string, pin: string, kiosk = 'K1', now = T0, config = CONFIG) => operatorSignIn(state, staffId, pin, kiosk, config, now);
const tokenOf = (reply: { body: unknown }) => (reply.body as { operatorToken: string }).operatorToken;

describe('the same work whatever the answer', () => {
  it('one scrypt for a right PIN, a wrong one, an unknown staff id, and a locked known or unknown id', () => {
    expect(scryptsOf(() => expect(signIn('PTG001', '246810').status).toBe(200))).toBe(1);
    expect(scryptsOf(() => expect(signIn('PTG001', '000000').status).toBe(401))).toBe(1);
    expect(scryptsOf(() => expect(signIn('PTGX99', '000000').status).toBe(401))).toBe(1);
    for (let i = 0; i < 4; i += 1) {
      signIn('PTG001', '000000');
      signIn('PTGX99', '000000');
    }
    expect(scryptsOf(() => expect(signIn('PTG001', '246810').status).toBe(423))).toBe(1);
    expect(scryptsOf(() => expect(signIn('PTGX99', '246810').status).toBe(423))).toBe(1);
  });

  it('over the kiosk cap no PIN is checked at all, for any staff id', () => {
    const config = { ...CONFIG, kioskOperatorSignInLimitPerHour: 2 };
    signIn('PTGX01', '000000', 'K1', T0, config);
    signIn('PTGX02', '000000', 'K1', T0, config);
    expect(scryptsOf(() => expect(signIn('PTG001', '246810', 'K1', T0, config).status).toBe(429))).toBe(0);
    expect(scryptsOf(() => expect(signIn('PTGX03', '246810', 'K1', T0, config).status).toBe(429))).toBe(0);
  });
});

describe('the lock', () => {
  it('locks on the 5th wrong PIN for 15 minutes, counting the staff id as typed in any case', () => {
    const answers = ['ptg001', 'PTG001', 'Ptg001', 'PTG001', 'ptg001'].map((id) => signIn(id, '000000'));
    expect(answers.map((a) => a.status)).toEqual([401, 401, 401, 401, 423]);
    expect(answers[4]?.body).toMatchObject({ code: 'OPERATOR_LOCKED', attemptsRemaining: 0, lockedUntil: new Date(T0 + OPERATOR_LOCK_MS).toISOString() });
    expect(signIn('PTG001', '246810', 'K2', T0 + OPERATOR_LOCK_MS - 1).status).toBe(423);
    expect(signIn('PTG001', '246810', 'K2', T0 + OPERATOR_LOCK_MS).status).toBe(200);
  });

  it('keeps no typed staff id in the state: a NIK typed as one is counted under a hash', () => {
    for (let i = 0; i < 5; i += 1) signIn(NIK, '123456');
    expect(signIn(NIK, '123456').body).toMatchObject({ code: 'OPERATOR_LOCKED' });
    const text = JSON.stringify(state);
    expect(text).not.toContain(NIK);
    expect(Object.keys(state.operatorCounters ?? {})).toHaveLength(1);
    expect(checkState(JSON.parse(text))).toBeNull();
  });
});

describe('officer tokens', () => {
  it('are bound to the kiosk that signed in and last one shift of 10 hours', () => {
    const token = tokenOf(signIn('PTG001', '246810', 'K1'));
    expect(OPERATOR_SESSION_MS).toBe(10 * 60 * 60_000);
    expect(officerAt(state, token, 'K1', T0)).toBe('PTG001');
    expect(officerAt(state, token, 'K2', T0)).toBeNull();
    expect(officerAt(state, '', 'K1', T0)).toBeNull();
    expect(officerAt(state, token, 'K1', T0 + OPERATOR_SESSION_MS - 1)).toBe('PTG001');
    expect(officerAt(state, token, 'K1', T0 + OPERATOR_SESSION_MS)).toBeNull();
  });

  it('the identity path of an assisted kiosk refuses before anything is counted; a self-service kiosk needs none', () => {
    const identity = { nik: NIK, fullName: 'X', motherMaidenName: 'Y' };
    const token = tokenOf(signIn('PTG001', '246810', 'K1'));
    for (const operatorToken of ['', token]) {
      const refused = verifyIdentity(state, identity, { kioskId: 'K2', mode: 'assisted', operatorToken }, CONFIG, T0);
      expect(refused).toMatchObject({ status: 403, body: { code: 'OPERATOR_REQUIRED' } });
    }
    expect(state.identityTries).toEqual({});
    expect(state.kioskIdentityTries).toEqual({});
    expect(verifyIdentity(state, identity, { kioskId: 'K1', mode: 'assisted', operatorToken: token }, CONFIG, T0).body).toMatchObject({ attemptsRemaining: 2 });
    expect(verifyIdentity(state, identity, { kioskId: 'K3', mode: 'self-service', operatorToken: '' }, CONFIG, T0).body).toMatchObject({ attemptsRemaining: 1 });
  });

  it('a session from a state file written before tokens were bound to a kiosk loads, and is good at no kiosk', () => {
    const legacy = JSON.parse(JSON.stringify(demoState())) as StubState;
    const token = 'a-token-issued-before-kiosk-binding';
    legacy.operatorSessions = { [sha256(token)]: { staffId: 'PTG001', issuedAt: T0 } };
    delete legacy.operatorCounters;
    delete legacy.kioskOperatorTries;
    expect(checkState(legacy)).toBeNull();
    for (const kioskId of ['K1', 'K2', '']) expect(officerAt(legacy, token, kioskId, T0)).toBeNull();
  });
});

describe('housekeeping', () => {
  it('forgets lapsed tokens, per-kiosk attempts after an hour, ended locks and old runs of wrong PINs after a quiet day', () => {
    signIn('PTG001', '246810', 'K1');
    signIn('PTGX99', '000000', 'K1');
    for (let i = 0; i < 5; i += 1) signIn('PTGX98', '000000', 'K2');
    prune(state, T0 + OPERATOR_KIOSK_WINDOW_MS);
    expect(state.kioskOperatorTries).toEqual({});
    expect(Object.keys(state.operatorSessions)).toHaveLength(1);
    expect(Object.keys(state.operatorCounters ?? {})).toHaveLength(2);
    prune(state, T0 + OPERATOR_SESSION_MS);
    expect(state.operatorSessions).toEqual({});
    prune(state, T0 + 24 * 60 * 60_000 + 1);
    expect(state.operatorCounters).toEqual({});
  });
});

describe('test controls for the conformance suite', () => {
  let stub: RunningStub;
  beforeEach(async () => {
    stub = await startStub({ testControls: true, kiosks: testKiosks('K1') });
  });
  afterEach(async () => stub.close());

  const json = (method: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
    raw(stub.url, method, path, { headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const officerSignIn = (staffId: string, pin: string, key: string) =>
    json('POST', '/v1/operators/sign-in', { staffId, pin }, { ...kioskHeaders('K1'), 'idempotency-key': key });

  it('POST /__test/operators makes an officer who can sign in (once per staff id); PUT /__test/config sets the kiosk cap', async () => {
    expect(await json('POST', '/__test/operators', { staffId: 'uji001', name: 'PETUGAS UJI', pin: '135790' })).toMatchObject({ status: 201, body: { staffId: 'UJI001' } });
    expect((await json('POST', '/__test/operators', { staffId: 'UJI001', name: 'LAGI', pin: '135790' })).status).toBe(409);
    expect((await json('POST', '/__test/operators', { staffId: 'UJI 002', name: 'X', pin: '1' })).status).toBe(400);
    expect((await officerSignIn('UJI001', '135790', 'operator-key-0001')).status).toBe(200);
    expect(await json('PUT', '/__test/config', { kioskOperatorSignInLimitPerHour: 2 }, {})).toMatchObject({
      status: 200,
      body: { kioskOperatorSignInLimitPerHour: 2 },
    });
    expect((await officerSignIn('UJI001', '135790', 'operator-key-0002')).status).toBe(200);
    expect(await officerSignIn('UJI001', '135790', 'operator-key-0003')).toMatchObject({ status: 429, body: { code: 'KIOSK_RATE_LIMITED' } });
  });
});
