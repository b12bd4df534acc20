/**
 * docs/architecture.md §3 "identity verification" and "per-kiosk guard", and
 * the officer an assisted kiosk needs on this path (resources/openapi.yaml
 * `verifyIdentity`): a token of an officer signed in at that same kiosk
 * within their 10-hour shift, else 403 OPERATOR_REQUIRED before any try is
 * counted.
 */
import assert from 'node:assert/strict';
import type { ConformanceCheck } from '../checkTypes';
import { newCitizen, randomNik } from '../fixtures';
import { expectProblem, expectStatus } from './expectations';
import { madeUpToken, officerFor, signInOfficer, verifyIdentityAs, type Officer } from './operatorChecks';

const SHIFT_MS = 10 * 60 * 60_000;

async function needOfficer(officer: Promise<Officer | null>): Promise<Officer> {
  const found = await officer;
  if (!found) throw new Error('no officer to sign in (give --operator ID:PIN, or run the server with test controls)');
  return found;
}

function guess(nik: string) {
  return { nik, fullName: 'NAMA SALAH', motherMaidenName: 'IBU SALAH' };
}

export const identityChecks: ConformanceCheck[] = [
  {
    id: 'identity.threeTriesPerNik',
    rule: 'at most 3 tries per NIK in 24 h; the 4th is refused with lockedUntil',
    needsControls: false,
    async run({ api, kiosk }) {
      const nik = randomNik();
      for (const left of [2, 1, 0]) {
        const p = expectProblem(await api.verifyIdentity(kiosk, guess(nik)), 422, 'IDENTITY_MISMATCH', 'wrong identity');
        assert.equal(p.attemptsRemaining, left, 'attemptsRemaining');
      }
      const locked = expectProblem(await api.verifyIdentity(kiosk, guess(nik)), 423, 'IDENTITY_LOCKED', '4th try');
      assert.ok(locked.lockedUntil, 'lockedUntil is given');
    },
  },
  {
    id: 'identity.sharedAcrossKiosks',
    rule: 'the 3 tries are counted on the backend across all kiosks',
    needsControls: false,
    async run({ api, newKiosk }) {
      const nik = randomNik();
      const [a, b] = [await newKiosk(), await newKiosk()];
      await api.verifyIdentity(a, guess(nik));
      await api.verifyIdentity(b, guess(nik));
      const third = expectProblem(await api.verifyIdentity(a, guess(nik)), 422, 'IDENTITY_MISMATCH', '3rd try, kiosk A');
      assert.equal(third.attemptsRemaining, 0);
      expectProblem(await api.verifyIdentity(b, guess(nik)), 423, 'IDENTITY_LOCKED', '4th try, kiosk B');
    },
  },
  {
    id: 'identity.parallelTries',
    rule: 'concurrent tries cannot exceed the limit: 10 parallel requests, exactly 3 evaluated',
    needsControls: false,
    async run({ api, newKiosk }) {
      const nik = randomNik();
      const kiosks = await Promise.all(Array.from({ length: 10 }, () => newKiosk()));
      const answers = await Promise.all(kiosks.map((k) => api.verifyIdentity(k, guess(nik))));
      const codes = answers.map((r) => (r.body as { code?: string }).code);
      assert.equal(codes.filter((c) => c === 'IDENTITY_MISMATCH').length, 3, `evaluated: ${codes.join(',')}`);
      assert.equal(codes.filter((c) => c === 'IDENTITY_LOCKED').length, 7, `refused: ${codes.join(',')}`);
    },
  },
  {
    id: 'identity.rollingWindow',
    rule: 'the window is a rolling 24 h: a try frees up 24 h after it was made',
    needsControls: true,
    async run({ api, controls, kiosk }) {
      const nik = randomNik();
      await api.verifyIdentity(kiosk, guess(nik));
      await controls.advanceClock(12 * 60 * 60_000);
      await api.verifyIdentity(kiosk, guess(nik));
      await api.verifyIdentity(kiosk, guess(nik));
      expectProblem(await api.verifyIdentity(kiosk, guess(nik)), 423, 'IDENTITY_LOCKED', 'after 3 tries');
      await controls.advanceClock(12 * 60 * 60_000 + 1_000);
      const freed = expectProblem(await api.verifyIdentity(kiosk, guess(nik)), 422, 'IDENTITY_MISMATCH', 'first try out of the window');
      assert.equal(freed.attemptsRemaining, 0, 'only the oldest try freed up');
      expectProblem(await api.verifyIdentity(kiosk, guess(nik)), 423, 'IDENTITY_LOCKED', 'locked again');
    },
  },
  {
    id: 'identity.everyTryCounts',
    rule: 'every try counts, a successful one too',
    needsControls: true,
    async run({ api, controls, kiosk }) {
      const c = newCitizen();
      await controls.createAccount(c);
      const right = { nik: c.nik, fullName: c.fullName, motherMaidenName: c.motherMaidenName };
      expectStatus(await api.verifyIdentity(kiosk, right), 201, '1st try, right');
      await api.verifyIdentity(kiosk, { ...right, fullName: 'NAMA SALAH' });
      expectStatus(await api.verifyIdentity(kiosk, right), 201, '3rd try, right');
      expectProblem(await api.verifyIdentity(kiosk, right), 423, 'IDENTITY_LOCKED', '4th try, right data');
    },
  },
  {
    id: 'identity.neverSaysWhichField',
    rule: 'the answer never says which field was wrong (nor whether the NIK exists)',
    needsControls: true,
    async run({ api, controls, kiosk }) {
      const [a, b] = [newCitizen(), newCitizen()];
      await controls.createAccount(a);
      await controls.createAccount(b);
      const wrongName = await api.verifyIdentity(kiosk, { nik: a.nik, fullName: 'NAMA SALAH', motherMaidenName: a.motherMaidenName });
      const wrongMother = await api.verifyIdentity(kiosk, { nik: b.nik, fullName: b.fullName, motherMaidenName: 'IBU SALAH' });
      const unknownNik = await api.verifyIdentity(kiosk, guess(randomNik()));
      expectProblem(wrongName, 422, 'IDENTITY_MISMATCH', 'wrong name');
      assert.deepEqual(wrongMother.body, wrongName.body, 'wrong mother answers like wrong name');
      assert.deepEqual(unknownNik.body, wrongName.body, 'unknown NIK answers like wrong name');
      assert.equal(wrongMother.status, wrongName.status);
      assert.equal(unknownNik.status, wrongName.status);
    },
  },
  {
    id: 'identity.nameNormalisation',
    rule: 'names compared after Unicode NFKC, upper-casing and collapsing spaces',
    needsControls: true,
    async run({ api, controls, kiosk }) {
      const c = newCitizen();
      await controls.createAccount(c);
      const [first = '', last = ''] = c.fullName.split(' ');
      // Full-width letters (NFKC folds them), lower case, runs of spaces.
      const fullWidth = [...first].map((ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0)).join('');
      const res = await api.verifyIdentity(kiosk, {
        nik: c.nik,
        fullName: `  ${fullWidth}   ${last.toLowerCase()} `,
        motherMaidenName: c.motherMaidenName.toLowerCase().replace(' ', '    '),
      });
      expectStatus(res, 201, 'normalised names match');
    },
  },
  {
    id: 'identity.kioskHourlyCap',
    rule: 'at most N identity verifications per kiosk per hour (30 by default), then retryAfterSeconds',
    needsControls: false,
    async run({ api, controls, hasControls, kiosk, kioskLimitPerHour, newKiosk }) {
      for (let i = 0; i < kioskLimitPerHour; i += 1) {
        expectProblem(await api.verifyIdentity(kiosk, guess(randomNik())), 422, 'IDENTITY_MISMATCH', `verification ${i + 1}`);
      }
      const capped = expectProblem(await api.verifyIdentity(kiosk, guess(randomNik())), 429, 'KIOSK_RATE_LIMITED', 'one over the cap');
      assert.ok(capped.retryAfterSeconds !== undefined && capped.retryAfterSeconds > 0 && capped.retryAfterSeconds <= 3600, 'retryAfterSeconds within the hour');
      expectProblem(await api.verifyIdentity(await newKiosk(), guess(randomNik())), 422, 'IDENTITY_MISMATCH', 'another kiosk is not capped');
      if (!hasControls) return;
      await controls.advanceClock(60 * 60_000 + 1_000);
      expectProblem(await api.verifyIdentity(kiosk, guess(randomNik())), 422, 'IDENTITY_MISMATCH', 'an hour later');
    },
  },
  {
    id: 'identity.assistedNeedsOfficer',
    rule: 'an assisted kiosk without an officer token, or with one no server issued, is refused 403 OPERATOR_REQUIRED before any try is counted: no NIK try, no slot of the kiosk cap',
    needsControls: true,
    async run(ctx) {
      const { api, kiosk, kioskLimitPerHour, newKiosk } = ctx;
      const assisted = await newKiosk('assisted');
      const nik = randomNik();
      for (const [what, token] of [['no token', undefined], ['a made-up token', madeUpToken()], ['no token again', undefined]] as const) {
        expectProblem(await verifyIdentityAs(api, assisted, guess(nik), token), 403, 'OPERATOR_REQUIRED', `assisted kiosk, ${what}`);
      }
      // The same NIK at a self-service kiosk: its first counted try.
      const first = expectProblem(await api.verifyIdentity(kiosk, guess(nik)), 422, 'IDENTITY_MISMATCH', 'self-service kiosk after the refusals');
      assert.equal(first.attemptsRemaining, 2, 'the refused requests counted no try');
      // The assisted kiosk, its officer now signed in: the whole hourly cap is still there.
      const token = await signInOfficer(api, assisted, await needOfficer(officerFor(ctx)));
      for (let i = 0; i < kioskLimitPerHour; i += 1) {
        expectProblem(await verifyIdentityAs(api, assisted, guess(randomNik()), token), 422, 'IDENTITY_MISMATCH', `verification ${i + 1} with the officer`);
      }
      expectProblem(await verifyIdentityAs(api, assisted, guess(randomNik()), token), 429, 'KIOSK_RATE_LIMITED', 'one over the cap');
    },
  },
  {
    id: 'identity.officerOfThisKiosk',
    rule: "an assisted kiosk takes only the token of an officer signed in at that kiosk: another kiosk's is refused 403, counting nothing",
    needsControls: true,
    async run(ctx) {
      const { api, controls, newKiosk } = ctx;
      const [a, b] = [await newKiosk('assisted'), await newKiosk('assisted')];
      const officer = await needOfficer(officerFor(ctx));
      const c = newCitizen();
      await controls.createAccount(c);
      const right = { nik: c.nik, fullName: c.fullName, motherMaidenName: c.motherMaidenName };
      const tokenB = await signInOfficer(api, b, officer);
      expectProblem(await verifyIdentityAs(api, a, right, tokenB), 403, 'OPERATOR_REQUIRED', "kiosk A with kiosk B's officer token");
      const tokenA = await signInOfficer(api, a, officer);
      expectStatus(await verifyIdentityAs(api, a, right, tokenA), 201, 'kiosk A with its own officer');
      expectStatus(await verifyIdentityAs(api, b, right, tokenB), 201, 'kiosk B with its own officer');
      const third = expectProblem(await verifyIdentityAs(api, a, { ...right, fullName: 'NAMA SALAH' }, tokenA), 422, 'IDENTITY_MISMATCH', 'a wrong try');
      assert.equal(third.attemptsRemaining, 0, 'only the two verifications and this try were counted');
    },
  },
  {
    id: 'identity.officerShift',
    rule: 'an officer token lasts one shift: 10 hours after sign-in the identity path refuses it (403 OPERATOR_REQUIRED) until the officer signs in again',
    needsControls: true,
    async run(ctx) {
      const { api, controls, newKiosk } = ctx;
      const assisted = await newKiosk('assisted');
      const officer = await needOfficer(officerFor(ctx));
      const token = await signInOfficer(api, assisted, officer);
      expectProblem(await verifyIdentityAs(api, assisted, guess(randomNik()), token), 422, 'IDENTITY_MISMATCH', 'at the start of the shift');
      await controls.advanceClock(SHIFT_MS - 60_000);
      expectProblem(await verifyIdentityAs(api, assisted, guess(randomNik()), token), 422, 'IDENTITY_MISMATCH', 'a minute before the end of the shift');
      await controls.advanceClock(60_000 + 1_000);
      const nik = randomNik();
      expectProblem(await verifyIdentityAs(api, assisted, guess(nik), token), 403, 'OPERATOR_REQUIRED', 'after 10 hours');
      const next = await signInOfficer(api, assisted, officer);
      const p = expectProblem(await verifyIdentityAs(api, assisted, guess(nik), next), 422, 'IDENTITY_MISMATCH', 'signed in again');
      assert.equal(p.attemptsRemaining, 2, 'the refused request counted no try');
    },
  },
];
