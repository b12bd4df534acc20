/**
 * The limits on every path to a code (the contract's `recovery` tag,
 * startByPhone/startByEmail, submitCredentials, verifyOtp, resendOtp;
 * docs/architecture.md §3): codes sent per destination, a new start voiding
 * older challenges, wrong codes per account, starts per kiosk, and "already
 * used" said only after the code. Each check uses fresh citizens,
 * destinations and kiosks, so they never share a counter.
 */
import assert from 'node:assert/strict';
import type { ApiResponse } from '../contractApi';
import type { CheckContext, ConformanceCheck } from '../checkTypes';
import { maskedEmail, maskedPhone, newCitizen, randomEmail, randomPhone, strongPassword, type Citizen } from '../fixtures';
import { challengeOf, expectProblem, expectStatus, recoveryOf, sameShape, started, wrongCode, type ChallengeShape, type ProblemShape } from './expectations';

const SENDS_PER_HOUR = 5;
const SENDS_PER_DAY = 10;
const WRONG_CODES_PER_DAY = 10;
const STARTS_PER_KIOSK_HOUR = 60;
const HOUR_MS = 60 * 60_000;
const DAY_MS = 24 * HOUR_MS;
const RESEND_COOLDOWN_MS = 60_000;
const CODE_VALID_MS = 5 * 60_000;
/** Real seconds that may pass within one check while the server's clock runs on. */
const SLACK_S = 30;

/** When the server issued (or last reissued) a challenge: its expiry minus the code's validity. */
const issuedAt = (ch: ChallengeShape): number => Date.parse(ch.expiresAt) - CODE_VALID_MS;

function assertAbout(actualS: number, expectedS: number, what: string): void {
  assert.ok(actualS <= Math.ceil(expectedS) + 1 && actualS >= expectedS - SLACK_S, `${what}: ${actualS} s, expected about ${Math.round(expectedS)} s`);
}

function assertAboutTime(actualIso: string | undefined, expectedMs: number, what: string): void {
  assert.ok(actualIso, `${what}: given`);
  const delta = (Date.parse(actualIso) - expectedMs) / 1000;
  assert.ok(delta >= -1 && delta <= SLACK_S, `${what}: ${actualIso}, expected about ${new Date(expectedMs).toISOString()}`);
}

/** A 429 with `retryAfterSeconds` and the same number in `Retry-After`; the seconds back. */
function expectRetryAfter(res: ApiResponse, code: 'CODE_SENDS_LIMITED' | 'KIOSK_RATE_LIMITED', what: string): number {
  const p = expectProblem(res, 429, code, what);
  const wait = p.retryAfterSeconds;
  assert.ok(wait !== undefined && Number.isInteger(wait) && wait > 0, `${what}: retryAfterSeconds ${String(wait)}`);
  assert.equal(res.headers.get('retry-after'), String(wait), `${what}: Retry-After header`);
  return wait;
}

/** Registered and unregistered answer alike: status, content type, problem code, attempts left, shape; times within the slack. */
function sameAnswer(registered: ApiResponse, unregistered: ApiResponse, what: string): void {
  sameShape(registered, unregistered, what);
  const [a, b] = [registered.body as Partial<ProblemShape>, unregistered.body as Partial<ProblemShape>];
  assert.equal(b.code, a.code, `${what}: code`);
  assert.equal(b.attemptsRemaining, a.attemptsRemaining, `${what}: attemptsRemaining`);
  if (a.retryAfterSeconds !== undefined && b.retryAfterSeconds !== undefined) {
    assert.ok(Math.abs(a.retryAfterSeconds - b.retryAfterSeconds) <= SLACK_S, `${what}: retryAfterSeconds ${a.retryAfterSeconds} vs ${b.retryAfterSeconds}`);
  }
  if (a.lockedUntil !== undefined && b.lockedUntil !== undefined) {
    assert.ok(Math.abs(Date.parse(a.lockedUntil) - Date.parse(b.lockedUntil)) <= SLACK_S * 1000, `${what}: lockedUntil`);
  }
  assert.equal(unregistered.headers.has('retry-after'), registered.headers.has('retry-after'), `${what}: Retry-After header`);
}

async function registered(ctx: CheckContext): Promise<Citizen> {
  const c = newCitizen();
  await ctx.controls.createAccount(c);
  return c;
}

async function verifiedIdentity(ctx: CheckContext, c: Citizen) {
  return recoveryOf(await ctx.api.verifyIdentity(ctx.kiosk, { nik: c.nik, fullName: c.fullName, motherMaidenName: c.motherMaidenName }), 'verify identity');
}

export const codeLimitChecks: ConformanceCheck[] = [
  {
    id: 'codes.sendsPerHour',
    rule: 'at most 5 codes to one destination in any rolling hour, starts and resends together; then 429 CODE_SENDS_LIMITED with Retry-After, nothing sent, nothing changed',
    needsControls: true,
    async run(ctx) {
      const { api, controls, kiosk } = ctx;
      const c = await registered(ctx);
      const to = maskedPhone(c.phone);
      const first = started(await api.startByPhone(kiosk, c.phone), 'code 1 (start)');
      await controls.advanceClock(RESEND_COOLDOWN_MS);
      challengeOf(await api.resendOtp(kiosk, first.rec, first.challenge.challengeId), 200, 'code 2 (resend)');
      let last = first;
      for (let n = 3; n <= SENDS_PER_HOUR; n += 1) last = started(await api.startByPhone(kiosk, c.phone), `code ${n} (start)`);
      assert.equal((await controls.messagesTo(to)).length, SENDS_PER_HOUR, 'five codes sent');
      const wait = expectRetryAfter(await api.startByPhone(kiosk, c.phone), 'CODE_SENDS_LIMITED', '6th code within the hour');
      assertAbout(wait, (issuedAt(first.challenge) + HOUR_MS - issuedAt(last.challenge)) / 1000, 'retryAfterSeconds: until the oldest code is an hour old');
      assert.equal((await controls.messagesTo(to)).length, SENDS_PER_HOUR, 'nothing sent for the refused start');
      // Nothing else changed: the newest challenge was not voided by the refused start.
      const code = await controls.latestCode(to);
      expectStatus(await api.verifyOtp(kiosk, last.rec, last.challenge.challengeId, code), 200, 'the newest code after the refusal');
      // The refusal was not counted: once the first code is an hour old, exactly one more goes out.
      await controls.advanceClock(HOUR_MS - RESEND_COOLDOWN_MS);
      started(await api.startByPhone(kiosk, c.phone), 'a code once the first one is an hour old');
      expectRetryAfter(await api.startByPhone(kiosk, c.phone), 'CODE_SENDS_LIMITED', 'and the one after is refused again');
    },
  },
  {
    id: 'codes.sendsPerDay',
    rule: 'at most 10 codes to one destination in any rolling 24 h; the wait runs until the oldest is a day old',
    needsControls: true,
    async run(ctx) {
      const { api, controls, kiosk } = ctx;
      const c = await registered(ctx);
      const first = started(await api.startByEmail(kiosk, c.email), 'code 1');
      for (let n = 2; n <= SENDS_PER_HOUR; n += 1) started(await api.startByEmail(kiosk, c.email), `code ${n}`);
      await controls.advanceClock(HOUR_MS);
      let last = first;
      for (let n = SENDS_PER_HOUR + 1; n < SENDS_PER_DAY; n += 1) last = started(await api.startByEmail(kiosk, c.email), `code ${n}`);
      await controls.advanceClock(RESEND_COOLDOWN_MS);
      const resent = challengeOf(await api.resendOtp(kiosk, last.rec, last.challenge.challengeId), 200, `code ${SENDS_PER_DAY} (resend)`);
      await controls.advanceClock(HOUR_MS);
      const sent = (await controls.messagesTo(maskedEmail(c.email))).length;
      assert.equal(sent, SENDS_PER_DAY, 'ten codes sent');
      const wait = expectRetryAfter(await api.startByEmail(kiosk, c.email), 'CODE_SENDS_LIMITED', '11th code within 24 h, none in the last hour');
      assert.ok(wait > HOUR_MS / 1000, `the day's window blocks, not the hour's: ${wait} s`);
      assertAbout(wait, (issuedAt(first.challenge) + DAY_MS - (issuedAt(resent) + HOUR_MS)) / 1000, 'retryAfterSeconds: until the oldest code is a day old');
      assert.equal((await controls.messagesTo(maskedEmail(c.email))).length, sent, 'nothing sent');
      await controls.advanceClock(wait * 1000);
      started(await api.startByEmail(kiosk, c.email), 'a code once the first one is a day old');
    },
  },
  {
    id: 'codes.identityPathCounts',
    rule: "the identity path's code to a new contact counts against that destination's limit, with starts",
    needsControls: true,
    async run(ctx) {
      const { api, controls, kiosk } = ctx;
      // Five starts to a number no account has, then the identity path's code to it.
      const target = randomPhone();
      for (let n = 1; n <= SENDS_PER_HOUR; n += 1) started(await api.startByPhone(kiosk, target), `start ${n} to the number`);
      const c = await registered(ctx);
      const rec = await verifiedIdentity(ctx, c);
      const creds = { phone: target, email: randomEmail(), password: strongPassword(), otpChannel: 'sms' as const };
      expectRetryAfter(await api.submitCredentials(kiosk, rec, creds), 'CODE_SENDS_LIMITED', 'the identity path\'s code to that number');
      assert.equal((await controls.messagesTo(maskedPhone(target))).length, 0, 'nothing sent');
      // Nothing changed: the recovery is still at its step and takes another new contact.
      const fresh = randomPhone();
      challengeOf(await api.submitCredentials(kiosk, rec, { ...creds, phone: fresh }), 201, 'another new phone');
      // And the other way: the identity path's code counts before starts to the same address.
      const d = await registered(ctx);
      const rec2 = await verifiedIdentity(ctx, d);
      const email = randomEmail();
      challengeOf(await api.submitCredentials(kiosk, rec2, { phone: randomPhone(), email, password: strongPassword(), otpChannel: 'email' }), 201, 'code by e-mail to a new address');
      for (let n = 2; n <= SENDS_PER_HOUR; n += 1) started(await api.startByEmail(kiosk, email), `start ${n} to that address`);
      expectRetryAfter(await api.startByEmail(kiosk, email), 'CODE_SENDS_LIMITED', 'the 6th code to that address');
    },
  },
  {
    id: 'codes.sameAnswersUnregistered',
    rule: 'an unregistered destination gets exactly the same answers from the send limit (status, code, retryAfterSeconds, Retry-After)',
    needsControls: true,
    async run(ctx) {
      const { api, kiosk } = ctx;
      const c = await registered(ctx);
      const other = randomPhone();
      for (let n = 1; n <= SENDS_PER_HOUR + 2; n += 1) {
        const a = await api.startByPhone(kiosk, c.phone);
        const b = await api.startByPhone(kiosk, other);
        sameAnswer(a, b, `start ${n}`);
        expectStatus(a, n <= SENDS_PER_HOUR ? 201 : 429, `start ${n}`);
      }
      const d = await registered(ctx);
      const otherEmail = randomEmail();
      for (let n = 1; n <= SENDS_PER_HOUR + 1; n += 1) sameAnswer(await api.startByEmail(kiosk, d.email), await api.startByEmail(kiosk, otherEmail), `e-mail start ${n}`);
    },
  },
  {
    id: 'codes.newStartVoidsOlder',
    rule: "a new start voids the destination's and the account's older open challenges (410 OTP_VOIDED), registered or not",
    needsControls: true,
    async run(ctx) {
      const { api, controls, kiosk } = ctx;
      const c = await registered(ctx);
      const phoneTo = maskedPhone(c.phone);
      const a = started(await api.startByPhone(kiosk, c.phone), 'first start');
      const codeA = await controls.latestCode(phoneTo);
      const b = started(await api.startByPhone(kiosk, c.phone), 'second start to the same phone');
      const voided = expectProblem(await api.verifyOtp(kiosk, a.rec, a.challenge.challengeId, codeA), 410, 'OTP_VOIDED', 'the first code after a second start');
      assert.equal(voided.attemptsRemaining, 0);
      await controls.advanceClock(RESEND_COOLDOWN_MS);
      expectProblem(await api.resendOtp(kiosk, a.rec, a.challenge.challengeId), 410, 'OTP_VOIDED', 'a resend of the voided challenge');
      const codeB = await controls.latestCode(phoneTo);
      const e = started(await api.startByEmail(kiosk, c.email), 'a start by the same account\'s e-mail');
      expectProblem(await api.verifyOtp(kiosk, b.rec, b.challenge.challengeId, codeB), 410, 'OTP_VOIDED', 'the phone\'s code after a start by e-mail');
      const codeE = await controls.latestCode(maskedEmail(c.email));
      expectStatus(await api.verifyOtp(kiosk, e.rec, e.challenge.challengeId, codeE), 200, 'the newest code');
      // An unregistered number answers the same way.
      const other = randomPhone();
      const u = started(await api.startByPhone(kiosk, other), 'first start, unregistered');
      started(await api.startByPhone(kiosk, other), 'second start, unregistered');
      expectProblem(await api.verifyOtp(kiosk, u.rec, u.challenge.challengeId, '123456'), 410, 'OTP_VOIDED', 'the first challenge of an unregistered number');
    },
  },
  {
    id: 'codes.wrongCodesLock',
    rule: 'the 10th wrong code in 24 h across an account\'s challenges locks recovery by code (423 CODE_RECOVERY_LOCKED, lockedUntil) for verify, resend and start; the identity path stays open',
    needsControls: true,
    async run(ctx) {
      const { api, controls, kiosk } = ctx;
      const c = await registered(ctx);
      const phoneTo = maskedPhone(c.phone);
      const wrongs = async (s: ReturnType<typeof started>, code: string, what: string) => {
        for (const left of [4, 3, 2]) {
          const p = expectProblem(await api.verifyOtp(kiosk, s.rec, s.challenge.challengeId, wrongCode(code)), 422, 'OTP_INVALID', what);
          assert.equal(p.attemptsRemaining, left, `${what}: attemptsRemaining`);
        }
      };
      // 3 wrong codes on each of three challenges (phone, e-mail, phone again): a new challenge does not reset the count.
      const s1 = started(await api.startByPhone(kiosk, c.phone), 'start by phone');
      await wrongs(s1, await controls.latestCode(phoneTo), 'wrong codes 1-3');
      const s2 = started(await api.startByEmail(kiosk, c.email), 'start by e-mail');
      await wrongs(s2, await controls.latestCode(maskedEmail(c.email)), 'wrong codes 4-6');
      const s3 = started(await api.startByPhone(kiosk, c.phone), 'start by phone again');
      const code3 = await controls.latestCode(phoneTo);
      await wrongs(s3, code3, 'wrong codes 7-9');
      const locked = expectProblem(await api.verifyOtp(kiosk, s3.rec, s3.challenge.challengeId, wrongCode(code3)), 423, 'CODE_RECOVERY_LOCKED', `wrong code ${WRONG_CODES_PER_DAY}`);
      assertAboutTime(locked.lockedUntil, issuedAt(s1.challenge) + DAY_MS, 'lockedUntil: the first wrong code + 24 h');
      // The challenge itself is alive (4 wrong entries of 5), yet its right code is refused.
      const refused = expectProblem(await api.verifyOtp(kiosk, s3.rec, s3.challenge.challengeId, code3), 423, 'CODE_RECOVERY_LOCKED', 'the right code while locked');
      assert.equal(refused.lockedUntil, locked.lockedUntil, 'the same lockedUntil');
      await controls.advanceClock(RESEND_COOLDOWN_MS);
      expectProblem(await api.resendOtp(kiosk, s3.rec, s3.challenge.challengeId), 423, 'CODE_RECOVERY_LOCKED', 'a resend while locked');
      const sent = (await controls.outbox()).length;
      expectProblem(await api.startByPhone(kiosk, c.phone), 423, 'CODE_RECOVERY_LOCKED', 'a start by phone while locked');
      expectProblem(await api.startByEmail(kiosk, c.email), 423, 'CODE_RECOVERY_LOCKED', 'a start by the account\'s e-mail while locked');
      assert.equal((await controls.outbox()).length, sent, 'nothing sent while locked');
      // The identity path (with an officer) stays open, to its end.
      const rec = await verifiedIdentity(ctx, c);
      const fresh = { phone: randomPhone(), email: randomEmail(), password: strongPassword() };
      const ch = challengeOf(await api.submitCredentials(kiosk, rec, { ...fresh, otpChannel: 'sms' }), 201, 'identity path: new credentials');
      const done = await api.verifyOtp(kiosk, rec, ch.challengeId, await controls.latestCode(maskedPhone(fresh.phone)));
      expectStatus(done, 200, 'identity path: the code');
      assert.equal((done.body as { status: string }).status, 'completed');
      // The lock is the account's, not a number's: its new phone is locked too, until lockedUntil.
      expectProblem(await api.startByPhone(kiosk, fresh.phone), 423, 'CODE_RECOVERY_LOCKED', 'a start by the account\'s new phone');
      await controls.advanceClock(DAY_MS);
      started(await api.startByPhone(kiosk, fresh.phone), 'a start a day later');
    },
  },
  {
    id: 'codes.wrongCodesLockUnregistered',
    rule: 'an unregistered number is locked after 10 wrong codes the same way: the same answers, wrong code after wrong code',
    needsControls: true,
    async run(ctx) {
      const { api, controls, kiosk } = ctx;
      const c = await registered(ctx);
      const other = randomPhone();
      for (let round = 1; round <= 2; round += 1) {
        const a = started(await api.startByPhone(kiosk, c.phone), `round ${round}: start, registered`);
        const b = started(await api.startByPhone(kiosk, other), `round ${round}: start, unregistered`);
        const guess = wrongCode(await controls.latestCode(maskedPhone(c.phone)));
        for (let n = 1; n <= 5; n += 1) {
          const ra = await api.verifyOtp(kiosk, a.rec, a.challenge.challengeId, guess);
          const rb = await api.verifyOtp(kiosk, b.rec, b.challenge.challengeId, guess);
          const what = `wrong code ${(round - 1) * 5 + n}`;
          sameAnswer(ra, rb, what);
          if (round === 2 && n === 5) expectProblem(ra, 423, 'CODE_RECOVERY_LOCKED', what);
        }
      }
      sameAnswer(await api.startByPhone(kiosk, c.phone), await api.startByPhone(kiosk, other), 'a start after the lock');
    },
  },
  {
    id: 'codes.kioskStartCap',
    rule: 'at most 60 recovery starts (phone and e-mail) per kiosk in any rolling hour, then 429 KIOSK_RATE_LIMITED with Retry-After',
    needsControls: true,
    async run({ api, controls, kiosk, newKiosk }) {
      for (let n = 1; n <= STARTS_PER_KIOSK_HOUR; n += 1) {
        const res = n % 2 === 0 ? await api.startByPhone(kiosk, randomPhone()) : await api.startByEmail(kiosk, randomEmail());
        expectStatus(res, 201, `start ${n}`);
      }
      const phone = randomPhone();
      const wait = expectRetryAfter(await api.startByPhone(kiosk, phone), 'KIOSK_RATE_LIMITED', `start ${STARTS_PER_KIOSK_HOUR + 1}`);
      assert.ok(wait <= HOUR_MS / 1000, `retryAfterSeconds within the hour: ${wait}`);
      expectRetryAfter(await api.startByEmail(kiosk, randomEmail()), 'KIOSK_RATE_LIMITED', 'an e-mail start counts the same');
      // Per kiosk: another kiosk still starts; the refused number was not counted either.
      started(await api.startByPhone(await newKiosk(), phone), 'another kiosk');
      await controls.advanceClock(wait * 1000);
      started(await api.startByPhone(kiosk, randomPhone()), 'the same kiosk an hour later');
    },
  },
  {
    id: 'codes.contactInUseAfterCode',
    rule: 'identity path: "already used" comes only after the code proved the new contact (409 CONTACT_IN_USE, field), and the recovery ends',
    needsControls: true,
    async run(ctx) {
      const { api, controls, kiosk } = ctx;
      const a = await registered(ctx);
      const b = await registered(ctx);
      // Another account's phone: taken like a free one, the code goes there (only its holder can go on).
      const rec = await verifiedIdentity(ctx, a);
      const creds = { phone: b.phone, email: randomEmail(), password: strongPassword(), otpChannel: 'sms' as const };
      const ch = challengeOf(await api.submitCredentials(kiosk, rec, creds), 201, 'another account\'s phone: nothing said before the code');
      assert.equal(ch.destinationMasked, maskedPhone(b.phone));
      const code = await controls.latestCode(maskedPhone(b.phone));
      const inUse = expectProblem(await api.verifyOtp(kiosk, rec, ch.challengeId, code), 409, 'CONTACT_IN_USE', 'the right code');
      assert.equal(inUse.field, 'phone');
      // The recovery ended: nothing more with it.
      expectProblem(await api.verifyOtp(kiosk, rec, ch.challengeId, code), 401, 'SESSION_INVALID', 'the same recovery afterwards');
      expectProblem(await api.resendOtp(kiosk, rec, ch.challengeId), 401, 'SESSION_INVALID', 'a resend afterwards');
      // Nothing changed on either account.
      expectStatus(await api.signIn(kiosk, a.phone, a.password), 200, 'the old password still works');
      expectStatus(await api.signIn(kiosk, b.phone, b.password), 200, 'the other account keeps its phone');
      // Another attempt needs a new identity check; the same with another account's e-mail, proven by its code.
      const rec2 = await verifiedIdentity(ctx, a);
      const ch2 = challengeOf(
        await api.submitCredentials(kiosk, rec2, { phone: randomPhone(), email: b.email, password: strongPassword(), otpChannel: 'email' }),
        201,
        'another account\'s e-mail',
      );
      const inUse2 = expectProblem(await api.verifyOtp(kiosk, rec2, ch2.challengeId, await controls.latestCode(maskedEmail(b.email))), 409, 'CONTACT_IN_USE', 'the right code by e-mail');
      assert.equal(inUse2.field, 'email');
    },
  },
];
