/** docs/architecture.md §3 "login" and the operator sign-in. */
import assert from 'node:assert/strict';
import type { ConformanceCheck } from '../checkTypes';
import { newCitizen, randomKiosk } from '../fixtures';
import { expectProblem, expectStatus } from './expectations';

const WRONG = 'Salah#2024x';

export const signInChecks: ConformanceCheck[] = [
  {
    id: 'login.lockout',
    rule: 'email or phone + password; 5 wrong passwords lock the account 15 min',
    needsControls: true,
    async run({ api, controls, kiosk }) {
      const c = newCitizen();
      await controls.createAccount(c);
      expectStatus(await api.signIn(kiosk, c.phone, c.password), 200, 'sign-in by phone');
      expectStatus(await api.signIn(kiosk, c.email, c.password), 200, 'sign-in by e-mail');
      for (const left of [4, 3, 2, 1]) {
        const p = expectProblem(await api.signIn(kiosk, c.phone, WRONG), 401, 'INVALID_CREDENTIALS', 'wrong password');
        assert.equal(p.attemptsRemaining, left, 'attemptsRemaining counts down');
      }
      const locked = expectProblem(await api.signIn(kiosk, c.email, WRONG), 423, 'ACCOUNT_LOCKED', '5th wrong password');
      assert.ok(locked.lockedUntil, 'lockedUntil is given');
      // One account's lock touches no other.
      const other = newCitizen();
      await controls.createAccount(other);
      expectStatus(await api.signIn(kiosk, other.email, other.password), 200, 'another account while the first is locked');
      // Another kiosk, the right password: still locked.
      expectProblem(await api.signIn(randomKiosk(), c.phone, c.password), 423, 'ACCOUNT_LOCKED', 'right password while locked');
      await controls.advanceClock(14 * 60_000);
      expectProblem(await api.signIn(kiosk, c.phone, c.password), 423, 'ACCOUNT_LOCKED', 'after 14 minutes');
      await controls.advanceClock(60_000 + 2_000);
      expectStatus(await api.signIn(kiosk, c.phone, c.password), 200, 'after 15 minutes');
    },
  },
  {
    id: 'login.successResetsCount',
    rule: 'the lock counts consecutive wrong passwords: a success starts again at 5',
    needsControls: true,
    async run({ api, controls, kiosk }) {
      const c = newCitizen();
      await controls.createAccount(c);
      for (let i = 0; i < 4; i += 1) await api.signIn(kiosk, c.phone, WRONG);
      expectStatus(await api.signIn(kiosk, c.phone, c.password), 200, 'right password');
      const p = expectProblem(await api.signIn(kiosk, c.phone, WRONG), 401, 'INVALID_CREDENTIALS', 'wrong again');
      assert.equal(p.attemptsRemaining, 4);
    },
  },
  {
    id: 'operator.signIn',
    rule: 'staff id + PIN checked by the backend',
    needsControls: false,
    async run({ api, kiosk, operator }) {
      expectProblem(await api.operatorSignIn(kiosk, 'PTGX99', '13579246'), 401, 'OPERATOR_INVALID', 'unknown staff id');
      if (!operator) return;
      expectProblem(await api.operatorSignIn(kiosk, operator.staffId, operator.pin === '0000' ? '1111' : '0000'), 401, 'OPERATOR_INVALID', 'wrong PIN');
      const ok = await api.operatorSignIn(kiosk, operator.staffId, operator.pin);
      expectStatus(ok, 200, 'operator sign-in');
      assert.equal((ok.body as { staffId: string }).staffId, operator.staffId.toUpperCase());
    },
  },
];
