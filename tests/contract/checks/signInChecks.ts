/** docs/architecture.md §3 "login" (the officer sign-in is in operatorChecks.ts). */
import assert from 'node:assert/strict';
import type { ConformanceCheck } from '../checkTypes';
import { newCitizen } from '../fixtures';
import { expectProblem, expectStatus } from './expectations';

const WRONG = 'Salah#2024x';
/** A sign-in session lasts 30 minutes from sign-in (docs/architecture.md §3 "login"). */
const SESSION_LIFETIME_MS = 30 * 60_000;

export const signInChecks: ConformanceCheck[] = [
  {
    id: 'login.lockout',
    rule: 'e-mail or phone + password; 5 wrong passwords for one identifier lock that identifier 15 min',
    needsControls: true,
    async run({ api, controls, kiosk, newKiosk }) {
      const c = newCitizen();
      await controls.createAccount(c);
      expectStatus(await api.signIn(kiosk, c.phone, c.password), 200, 'sign-in by phone');
      expectStatus(await api.signIn(kiosk, c.email, c.password), 200, 'sign-in by e-mail');
      for (const left of [4, 3, 2, 1]) {
        const p = expectProblem(await api.signIn(kiosk, c.phone, WRONG), 401, 'INVALID_CREDENTIALS', 'wrong password');
        assert.equal(p.attemptsRemaining, left, 'attemptsRemaining counts down');
      }
      const locked = expectProblem(await api.signIn(kiosk, c.phone, WRONG), 423, 'ACCOUNT_LOCKED', '5th wrong password');
      assert.ok(locked.lockedUntil, 'lockedUntil is given');
      // One account's lock touches no other.
      const other = newCitizen();
      await controls.createAccount(other);
      expectStatus(await api.signIn(kiosk, other.email, other.password), 200, 'another account while the first is locked');
      // Another kiosk, the right password: still locked.
      expectProblem(await api.signIn(await newKiosk(), c.phone, c.password), 423, 'ACCOUNT_LOCKED', 'right password while locked');
      await controls.advanceClock(14 * 60_000);
      expectProblem(await api.signIn(kiosk, c.phone, c.password), 423, 'ACCOUNT_LOCKED', 'after 14 minutes');
      await controls.advanceClock(60_000 + 2_000);
      expectStatus(await api.signIn(kiosk, c.phone, c.password), 200, 'after 15 minutes');
    },
  },
  {
    id: 'login.lockPerIdentifier',
    rule: "the lock of one identifier does not lock the account's other identifier: each has its own count",
    needsControls: true,
    async run({ api, controls, kiosk }) {
      const c = newCitizen();
      await controls.createAccount(c);
      for (let i = 0; i < 4; i += 1) await api.signIn(kiosk, c.phone, WRONG);
      const first = expectProblem(await api.signIn(kiosk, c.email, WRONG), 401, 'INVALID_CREDENTIALS', 'the e-mail after 4 wrong by phone');
      assert.equal(first.attemptsRemaining, 4, "the phone's wrong passwords are not the e-mail's");
      expectProblem(await api.signIn(kiosk, c.phone, WRONG), 423, 'ACCOUNT_LOCKED', '5th wrong password by phone');
      expectProblem(await api.signIn(kiosk, c.phone, c.password), 423, 'ACCOUNT_LOCKED', 'the phone, right password, while locked');
      expectStatus(await api.signIn(kiosk, c.email, c.password), 200, 'the e-mail, right password, while the phone is locked');
      for (const left of [4, 3, 2, 1]) {
        const p = expectProblem(await api.signIn(kiosk, c.email, WRONG), 401, 'INVALID_CREDENTIALS', 'the e-mail, wrong password');
        assert.equal(p.attemptsRemaining, left, 'the e-mail counts on its own');
      }
      expectProblem(await api.signIn(kiosk, c.email, WRONG), 423, 'ACCOUNT_LOCKED', '5th wrong password by e-mail');
    },
  },
  {
    id: 'login.sessionExpires',
    rule: 'a sign-in session lasts 30 minutes from sign-in, then it is invalid',
    needsControls: true,
    async run({ api, controls, kiosk }) {
      const c = newCitizen();
      await controls.createAccount(c);
      const res = await api.signIn(kiosk, c.email, c.password);
      expectStatus(res, 200, 'sign-in');
      const token = (res.body as { sessionToken: string }).sessionToken;
      expectStatus(await api.session(kiosk, token), 200, 'session right after sign-in');
      await controls.advanceClock(SESSION_LIFETIME_MS - 60_000);
      expectStatus(await api.session(kiosk, token), 200, 'session a minute before its end');
      await controls.advanceClock(60_000 + 2_000);
      expectProblem(await api.session(kiosk, token), 401, 'SESSION_INVALID', 'session after 30 minutes');
      // A new sign-in gets a session of its own, valid again.
      const again = await api.signIn(kiosk, c.email, c.password);
      expectStatus(again, 200, 'sign-in again');
      expectStatus(await api.session(kiosk, (again.body as { sessionToken: string }).sessionToken), 200, 'the new session');
      expectProblem(await api.session(kiosk, token), 401, 'SESSION_INVALID', 'the old session stays invalid');
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
];
