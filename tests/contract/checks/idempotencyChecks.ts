/** Every state-changing request carries an Idempotency-Key; a repeat has no second effect. */
import assert from 'node:assert/strict';
import type { ConformanceCheck } from '../checkTypes';
import type { OperationId } from '../../../src-main/backend/contract/document';
import { newKey } from '../contractApi';
import { maskedPhone, newCitizen, randomNik } from '../fixtures';
import { expectProblem, expectStatus } from './expectations';

const guess = (nik: string) => ({ nik, fullName: 'NAMA SALAH', motherMaidenName: 'IBU SALAH' });

/** Each POST operation and a valid body for it (recovery ids made up: the key check comes first). */
const POSTS: { operationId: OperationId; path: string; body: unknown }[] = [
  { operationId: 'signIn', path: '/v1/auth/sign-in', body: { identifier: 'tidak.ada@example.com', password: 'Salah#2024x' } },
  { operationId: 'operatorSignIn', path: '/v1/operators/sign-in', body: { staffId: 'PTGX99', pin: '13579246' } },
  { operationId: 'startByPhone', path: '/v1/recoveries/phone', body: { phone: '+6281299990001' } },
  { operationId: 'startByEmail', path: '/v1/recoveries/email', body: { email: 'tidak.ada@example.com' } },
  { operationId: 'verifyIdentity', path: '/v1/recoveries/identity', body: guess('3171014101900009') },
];

export const idempotencyChecks: ConformanceCheck[] = [
  {
    id: 'idempotency.replay',
    rule: 'a repeated request with the same key returns the stored result and has no second effect',
    needsControls: false,
    async run({ api, kiosk }) {
      const nik = randomNik();
      const key = newKey();
      const first = await api.verifyIdentity(kiosk, guess(nik), key);
      const again = await api.verifyIdentity(kiosk, guess(nik), key);
      const p = expectProblem(first, 422, 'IDENTITY_MISMATCH', 'first try');
      assert.equal(p.attemptsRemaining, 2);
      assert.equal(again.status, first.status, 'replayed status');
      assert.deepEqual(again.body, first.body, 'replayed body');
      const next = expectProblem(await api.verifyIdentity(kiosk, guess(nik)), 422, 'IDENTITY_MISMATCH', 'next try, new key');
      assert.equal(next.attemptsRemaining, 1, 'the replay did not count as a try');
    },
  },
  {
    id: 'idempotency.noSecondSms',
    rule: 'a repeated start with the same key sends no second SMS',
    needsControls: true,
    async run({ api, controls, kiosk }) {
      const c = newCitizen();
      await controls.createAccount(c);
      const key = newKey();
      const first = await api.startByPhone(kiosk, c.phone, key);
      const again = await api.startByPhone(kiosk, c.phone, key);
      expectStatus(first, 201, 'start');
      assert.equal(again.status, 201);
      assert.deepEqual(again.body, first.body, 'the same recovery');
      assert.equal((await controls.messagesTo(maskedPhone(c.phone))).length, 1, 'one SMS');
    },
  },
  {
    id: 'idempotency.replayCarriesTokens',
    rule: 'a repeated sign-in or start with the same key returns the same token, which works; the same key from another kiosk is another request',
    needsControls: true,
    async run({ api, controls, kiosk, newKiosk }) {
      const c = newCitizen();
      await controls.createAccount(c);
      const key = newKey();
      const first = await api.signIn(kiosk, c.email, c.password, key);
      expectStatus(first, 200, 'sign-in');
      const again = await api.signIn(kiosk, c.email, c.password, key);
      expectStatus(again, 200, 'the same sign-in again');
      assert.deepEqual(again.body, first.body, 'the same session token');
      const token = (first.body as { sessionToken: string }).sessionToken;
      expectStatus(await api.session(kiosk, token), 200, 'the replayed session works');
      const elsewhere = await api.signIn(await newKiosk(), c.email, c.password, key);
      expectStatus(elsewhere, 200, 'the same key at another kiosk');
      assert.notEqual((elsewhere.body as { sessionToken: string }).sessionToken, token, "another kiosk does not get this kiosk's answer");
      const startKey = newKey();
      const started = await api.startByEmail(kiosk, c.email, startKey);
      expectStatus(started, 201, 'start');
      assert.deepEqual((await api.startByEmail(kiosk, c.email, startKey)).body, started.body, 'the same recovery token');
    },
  },
  {
    id: 'idempotency.keyReuseRejected',
    rule: 'the same key with another body is rejected (409) and has no effect',
    needsControls: false,
    async run({ api, kiosk }) {
      const [a, b] = [randomNik(), randomNik()];
      const key = newKey();
      await api.verifyIdentity(kiosk, guess(a), key);
      const reused = expectProblem(await api.verifyIdentity(kiosk, guess(b), key), 409, 'VALIDATION_FAILED', 'same key, other NIK');
      assert.equal(reused.field, 'Idempotency-Key');
      const firstOfB = expectProblem(await api.verifyIdentity(kiosk, guess(b)), 422, 'IDENTITY_MISMATCH', 'other NIK, new key');
      assert.equal(firstOfB.attemptsRemaining, 2, 'the refused request counted no try');
    },
  },
  {
    id: 'idempotency.keyRequired',
    rule: 'every state-changing request carries an Idempotency-Key',
    needsControls: false,
    async run({ api, kiosk }) {
      for (const post of POSTS) {
        const res = await api.call(post.operationId, { method: 'POST', path: post.path, body: post.body, headers: { 'x-kiosk-id': kiosk } });
        expectProblem(res, 400, 'VALIDATION_FAILED', `${post.operationId} without a key`);
      }
      const nik = randomNik();
      await api.call('verifyIdentity', { method: 'POST', path: '/v1/recoveries/identity', body: guess(nik), headers: { 'x-kiosk-id': kiosk } });
      const p = expectProblem(await api.verifyIdentity(kiosk, guess(nik)), 422, 'IDENTITY_MISMATCH', 'with a key');
      assert.equal(p.attemptsRemaining, 2, 'the keyless request counted no try');
    },
  },
];
