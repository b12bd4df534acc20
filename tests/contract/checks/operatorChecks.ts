/**
 * Officer sign-in (resources/openapi.yaml `operatorSignIn`, issue #11): staff id +
 * PIN checked by the backend; 5 wrong PINs lock a staff id for 15 minutes,
 * with the very same answers for an unknown staff id; at most 20 attempts
 * per kiosk per hour. The identity path's use of the officer token is in
 * identityChecks.ts.
 */
import assert from 'node:assert/strict';
import { randomBytes, randomInt } from 'node:crypto';
import type { CheckContext, ConformanceCheck } from '../checkTypes';
import { newKey, type ApiResponse, type ContractApi } from '../contractApi';
import { expectProblem, expectStatus, type ProblemShape } from './expectations';

/** The contract's cap on officer sign-in attempts per kiosk per hour. */
export const OFFICER_SIGN_INS_PER_KIOSK_HOUR = 20;

export interface Officer {
  staffId: string;
  name: string;
  pin: string;
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** A staff id nobody has used: checks never share a counter, even against a server used before. */
export function randomStaffId(): string {
  let id = 'UJI';
  for (let i = 0; i < 9; i += 1) id += ALPHANUMERIC[randomInt(0, ALPHANUMERIC.length)];
  return id;
}

export function randomPin(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/** A PIN that is not `pin`. */
export function otherPin(pin: string): string {
  return String((Number(pin) + 1) % 1_000_000).padStart(6, '0');
}

/** A token of the contract's shape that no server issued. */
export function madeUpToken(): string {
  return randomBytes(32).toString('base64url');
}

/** A fresh officer of its own (test controls), else the one the suite was given; null when neither. */
export async function officerFor(ctx: CheckContext): Promise<Officer | null> {
  if (ctx.hasControls) {
    const officer = { staffId: randomStaffId(), name: 'PETUGAS UJI', pin: randomPin() };
    await ctx.controls.createOperator(officer);
    return officer;
  }
  return ctx.operator ? { ...ctx.operator, name: '' } : null;
}

/** Signs `officer` in at `kiosk`; their token. */
export async function signInOfficer(api: ContractApi, kiosk: string, officer: { staffId: string; pin: string }): Promise<string> {
  const res = await api.operatorSignIn(kiosk, officer.staffId, officer.pin);
  expectStatus(res, 200, `officer sign-in at ${kiosk}`);
  return (res.body as { operatorToken: string }).operatorToken;
}

/** verifyIdentity with (or without) an `X-Operator-Token`. */
export function verifyIdentityAs(
  api: ContractApi,
  kiosk: string,
  identity: { nik: string; fullName: string; motherMaidenName: string },
  operatorToken?: string,
): Promise<ApiResponse> {
  return api.call('verifyIdentity', {
    method: 'POST',
    path: '/v1/recoveries/identity',
    body: identity,
    headers: { 'x-kiosk-id': kiosk, 'idempotency-key': newKey(), ...(operatorToken !== undefined ? { 'x-operator-token': operatorToken } : {}) },
  });
}

/** Two answers alike in status, content type and body (`lockedUntil` within a few seconds of each other). */
function assertSameAnswer(known: ApiResponse, unknown: ApiResponse, what: string): void {
  assert.equal(unknown.status, known.status, `${what}: status`);
  assert.equal(unknown.contentType, known.contentType, `${what}: content type`);
  const { lockedUntil: a, ...knownRest } = known.body as ProblemShape;
  const { lockedUntil: b, ...unknownRest } = unknown.body as ProblemShape;
  assert.deepEqual(unknownRest, knownRest, `${what}: body`);
  assert.equal(b === undefined, a === undefined, `${what}: lockedUntil given to both or neither`);
  if (a !== undefined && b !== undefined) assert.ok(Math.abs(Date.parse(a) - Date.parse(b)) < 5_000, `${what}: lockedUntil ${a} vs ${b}`);
}

export const operatorChecks: ConformanceCheck[] = [
  {
    id: 'operator.signIn',
    rule: 'staff id + PIN checked by the backend; a wrong one is 401 OPERATOR_INVALID with attemptsRemaining',
    needsControls: false,
    async run({ api, kiosk, operator }) {
      const unknown = expectProblem(await api.operatorSignIn(kiosk, randomStaffId(), randomPin()), 401, 'OPERATOR_INVALID', 'unknown staff id');
      assert.equal(unknown.attemptsRemaining, 4, 'attemptsRemaining before the lock');
      if (!operator) return;
      const wrong = expectProblem(await api.operatorSignIn(kiosk, operator.staffId, otherPin(operator.pin)), 401, 'OPERATOR_INVALID', 'wrong PIN');
      assert.ok(Number.isInteger(wrong.attemptsRemaining), 'attemptsRemaining is given');
      const ok = await api.operatorSignIn(kiosk, operator.staffId, operator.pin);
      expectStatus(ok, 200, 'operator sign-in');
      assert.equal((ok.body as { staffId: string }).staffId, operator.staffId.toUpperCase());
    },
  },
  {
    id: 'operator.pinLockout',
    rule: '5 wrong PINs for one staff id (any case) lock it for 15 minutes: 423 OPERATOR_LOCKED with lockedUntil, the right PIN refused, at any kiosk',
    needsControls: true,
    async run({ api, controls, kiosk, newKiosk }) {
      const officer = { staffId: randomStaffId(), name: 'PETUGAS KUNCI', pin: randomPin() };
      await controls.createOperator(officer);
      const wrong = otherPin(officer.pin);
      for (const [i, left] of [4, 3, 2, 1].entries()) {
        const typed = i % 2 === 0 ? officer.staffId : officer.staffId.toLowerCase();
        const p = expectProblem(await api.operatorSignIn(kiosk, typed, wrong), 401, 'OPERATOR_INVALID', `wrong PIN ${i + 1} as ${typed}`);
        assert.equal(p.attemptsRemaining, left, 'attemptsRemaining counts down');
      }
      const locked = expectProblem(await api.operatorSignIn(kiosk, officer.staffId, wrong), 423, 'OPERATOR_LOCKED', '5th wrong PIN');
      assert.ok(locked.lockedUntil && !Number.isNaN(Date.parse(locked.lockedUntil)), 'lockedUntil is given');
      const again = expectProblem(await api.operatorSignIn(kiosk, officer.staffId, officer.pin), 423, 'OPERATOR_LOCKED', 'right PIN while locked');
      assert.equal(again.lockedUntil, locked.lockedUntil, 'tries while locked do not move the lock');
      expectProblem(await api.operatorSignIn(await newKiosk(), officer.staffId, officer.pin), 423, 'OPERATOR_LOCKED', 'right PIN while locked, another kiosk');
      await controls.advanceClock(14 * 60_000);
      expectProblem(await api.operatorSignIn(kiosk, officer.staffId, officer.pin), 423, 'OPERATOR_LOCKED', 'after 14 minutes');
      await controls.advanceClock(60_000 + 2_000);
      expectStatus(await api.operatorSignIn(kiosk, officer.staffId, officer.pin), 200, 'after 15 minutes');
    },
  },
  {
    id: 'operator.successResetsCount',
    rule: 'the PIN lock counts consecutive wrong PINs: a success starts again at 5',
    needsControls: true,
    async run({ api, controls, kiosk }) {
      const officer = { staffId: randomStaffId(), name: 'PETUGAS ULANG', pin: randomPin() };
      await controls.createOperator(officer);
      for (let i = 0; i < 4; i += 1) await api.operatorSignIn(kiosk, officer.staffId, otherPin(officer.pin));
      expectStatus(await api.operatorSignIn(kiosk, officer.staffId, officer.pin), 200, 'right PIN after 4 wrong');
      const p = expectProblem(await api.operatorSignIn(kiosk, officer.staffId, otherPin(officer.pin)), 401, 'OPERATOR_INVALID', 'wrong again');
      assert.equal(p.attemptsRemaining, 4);
    },
  },
  {
    id: 'operator.unknownIdAlike',
    rule: 'an unknown staff id gets the very same answers as a known one, lock included',
    needsControls: true,
    async run({ api, controls, kiosk, newKiosk }) {
      const officer = { staffId: randomStaffId(), name: 'PETUGAS SAMA', pin: randomPin() };
      await controls.createOperator(officer);
      const unknownId = randomStaffId();
      const other = await newKiosk();
      const wrong = otherPin(officer.pin);
      const statuses: number[] = [];
      for (let i = 0; i < 7; i += 1) {
        const known = await api.operatorSignIn(kiosk, officer.staffId, wrong);
        const unknown = await api.operatorSignIn(other, unknownId, wrong);
        assertSameAnswer(known, unknown, `wrong PIN ${i + 1}`);
        statuses.push(known.status);
      }
      assert.deepEqual(statuses, [401, 401, 401, 401, 423, 423, 423], 'the lock comes with the 5th wrong PIN');
      assertSameAnswer(
        await api.operatorSignIn(kiosk, officer.staffId, officer.pin),
        await api.operatorSignIn(other, unknownId, officer.pin),
        'the right PIN while locked',
      );
    },
  },
  {
    id: 'operator.kioskHourlyCap',
    rule: 'at most 20 officer sign-in attempts per kiosk in any hour, right or wrong, then 429 KIOSK_RATE_LIMITED with Retry-After; no PIN try is counted; another kiosk is not capped',
    needsControls: true,
    async run({ api, controls, kiosk, newKiosk }) {
      const officer = { staffId: randomStaffId(), name: 'PETUGAS BATAS', pin: randomPin() };
      await controls.createOperator(officer);
      expectStatus(await api.operatorSignIn(kiosk, officer.staffId, officer.pin), 200, 'attempt 1, right PIN');
      for (let i = 1; i < OFFICER_SIGN_INS_PER_KIOSK_HOUR; i += 1) {
        expectProblem(await api.operatorSignIn(kiosk, randomStaffId(), randomPin()), 401, 'OPERATOR_INVALID', `attempt ${i + 1}`);
      }
      const over = await api.operatorSignIn(kiosk, officer.staffId, otherPin(officer.pin));
      const capped = expectProblem(over, 429, 'KIOSK_RATE_LIMITED', 'one over the cap, wrong PIN');
      assert.ok(capped.retryAfterSeconds !== undefined && capped.retryAfterSeconds > 0 && capped.retryAfterSeconds <= 3600, 'retryAfterSeconds within the hour');
      assert.equal(over.headers.get('retry-after'), String(capped.retryAfterSeconds), 'Retry-After header');
      expectProblem(await api.operatorSignIn(kiosk, officer.staffId, officer.pin), 429, 'KIOSK_RATE_LIMITED', 'right PIN over the cap');
      const elsewhere = expectProblem(await api.operatorSignIn(await newKiosk(), officer.staffId, otherPin(officer.pin)), 401, 'OPERATOR_INVALID', 'another kiosk');
      assert.equal(elsewhere.attemptsRemaining, 4, 'the refused attempts counted no wrong PIN');
      await controls.advanceClock(60 * 60_000 + 1_000);
      expectStatus(await api.operatorSignIn(kiosk, officer.staffId, officer.pin), 200, 'an hour later');
    },
  },
];
