/** docs/architecture.md §3 "OTP" and "SMS text". */
import assert from 'node:assert/strict';
import { otpSmsText } from '../../../src-shared/rules/otp';
import type { CheckContext, ConformanceCheck } from '../checkTypes';
import { maskedEmail, maskedPhone, newCitizen, type Citizen } from '../fixtures';
import { challengeOf, expectOneOfProblems, expectProblem, expectStatus, started, wrongCode } from './expectations';

async function startByPhone({ api, controls, kiosk }: CheckContext): Promise<{ c: Citizen } & ReturnType<typeof started>> {
  const c = newCitizen();
  await controls.createAccount(c);
  return { c, ...started(await api.startByPhone(kiosk, c.phone), 'start by phone') };
}

export const otpChecks: ConformanceCheck[] = [
  {
    id: 'otp.smsText',
    rule: 'a 6-digit code; the SMS text is exactly the seed\'s',
    needsControls: true,
    async run(ctx) {
      const { c, challenge } = await startByPhone(ctx);
      assert.equal(challenge.destinationMasked, maskedPhone(c.phone));
      assert.equal(challenge.channel, 'sms');
      const sent = await ctx.controls.messagesTo(maskedPhone(c.phone));
      assert.equal(sent.length, 1, 'one SMS');
      const code = await ctx.controls.latestCode(maskedPhone(c.phone));
      assert.match(code, /^\d{6}$/);
      assert.equal(sent[0]?.channel, 'sms');
      assert.equal(sent[0]?.body, otpSmsText(code), 'SMS text');
    },
  },
  {
    id: 'otp.emailText',
    rule: 'the e-mail OTP has a subject and a short Bahasa Indonesia text with the code',
    needsControls: true,
    async run({ api, controls, kiosk }) {
      const c = newCitizen();
      await controls.createAccount(c);
      const { challenge } = started(await api.startByEmail(kiosk, c.email), 'start by e-mail');
      assert.equal(challenge.channel, 'email');
      assert.equal(challenge.destinationMasked, maskedEmail(c.email));
      const [mail] = await controls.messagesTo(maskedEmail(c.email));
      const code = await controls.latestCode(maskedEmail(c.email));
      assert.equal(mail?.channel, 'email');
      assert.ok(mail?.subject && mail.subject.length > 0, 'subject');
      assert.ok(mail?.body.includes(`Kode OTP: ${code}`), 'code in body');
      assert.ok(mail?.body.includes('jangan berikan ke siapapun'), 'anti-fraud warning');
    },
  },
  {
    id: 'otp.validFiveMinutes',
    rule: 'a code is valid 5 minutes',
    needsControls: true,
    async run(ctx) {
      const { c, rec, challenge } = await startByPhone(ctx);
      const code = await ctx.controls.latestCode(maskedPhone(c.phone));
      assert.equal(Date.parse(challenge.expiresAt) - Date.parse(challenge.resendAvailableAt), 4 * 60_000, 'expiresAt is 5 min after issue');
      await ctx.controls.advanceClock(4 * 60_000 + 50_000);
      expectProblem(await ctx.api.verifyOtp(ctx.kiosk, rec, challenge.challengeId, wrongCode(code)), 422, 'OTP_INVALID', 'at 4:50');
      await ctx.controls.advanceClock(11_000);
      expectProblem(await ctx.api.verifyOtp(ctx.kiosk, rec, challenge.challengeId, code), 410, 'OTP_EXPIRED', 'at 5:01');
    },
  },
  {
    id: 'otp.singleUse',
    rule: 'a code works once',
    needsControls: true,
    async run(ctx) {
      const { c, rec, challenge } = await startByPhone(ctx);
      const code = await ctx.controls.latestCode(maskedPhone(c.phone));
      const ok = await ctx.api.verifyOtp(ctx.kiosk, rec, challenge.challengeId, code);
      expectStatus(ok, 200, 'right code');
      assert.deepEqual(ok.body, { status: 'otp-verified' });
      const again = await ctx.api.verifyOtp(ctx.kiosk, rec, challenge.challengeId, code);
      expectOneOfProblems(again, [[410, 'OTP_VOIDED'], [409, 'SESSION_INVALID']], 'same code again');
    },
  },
  {
    id: 'otp.fiveWrongVoid',
    rule: '5 wrong entries void the challenge',
    needsControls: true,
    async run(ctx) {
      const { c, rec, challenge } = await startByPhone(ctx);
      const code = await ctx.controls.latestCode(maskedPhone(c.phone));
      for (const left of [4, 3, 2, 1]) {
        const p = expectProblem(await ctx.api.verifyOtp(ctx.kiosk, rec, challenge.challengeId, wrongCode(code)), 422, 'OTP_INVALID', 'wrong code');
        assert.equal(p.attemptsRemaining, left);
      }
      expectProblem(await ctx.api.verifyOtp(ctx.kiosk, rec, challenge.challengeId, wrongCode(code)), 410, 'OTP_VOIDED', '5th wrong code');
      expectProblem(await ctx.api.verifyOtp(ctx.kiosk, rec, challenge.challengeId, code), 410, 'OTP_VOIDED', 'right code after the void');
    },
  },
  {
    id: 'otp.resendRules',
    rule: 'resend after 60 s, at most 3 times; it voids the previous code and keeps the wrong-entry count',
    needsControls: true,
    async run(ctx) {
      const { api, controls, kiosk } = ctx;
      const { c, rec, challenge } = await startByPhone(ctx);
      const id = challenge.challengeId;
      const to = maskedPhone(c.phone);
      const first = await controls.latestCode(to);
      const early = expectProblem(await api.resendOtp(kiosk, rec, id), 429, 'RESEND_COOLDOWN', 'resend at once');
      assert.ok(early.retryAfterSeconds !== undefined && early.retryAfterSeconds > 0 && early.retryAfterSeconds <= 60, 'retryAfterSeconds');
      await api.verifyOtp(kiosk, rec, id, wrongCode(first));
      await api.verifyOtp(kiosk, rec, id, wrongCode(first));
      await controls.advanceClock(60_000);
      const resent = challengeOf(await api.resendOtp(kiosk, rec, id), 200, '1st resend');
      assert.equal(resent.resendsRemaining, 2);
      assert.equal((await controls.messagesTo(to)).length, 2, 'a second SMS');
      const second = await controls.latestCode(to);
      if (second !== first) {
        const p = expectProblem(await api.verifyOtp(kiosk, rec, id, first), 422, 'OTP_INVALID', 'previous code after a resend');
        assert.equal(p.attemptsRemaining, 2, 'wrong entries kept across the resend');
      }
      await controls.advanceClock(60_000);
      expectStatus(await api.resendOtp(kiosk, rec, id), 200, '2nd resend');
      await controls.advanceClock(60_000);
      assert.equal(challengeOf(await api.resendOtp(kiosk, rec, id), 200, '3rd resend').resendsRemaining, 0);
      await controls.advanceClock(60_000);
      expectProblem(await api.resendOtp(kiosk, rec, id), 409, 'RESEND_LIMIT', '4th resend');
      const last = await controls.latestCode(to);
      expectStatus(await api.verifyOtp(kiosk, rec, id, last), 200, 'newest code');
    },
  },
];
