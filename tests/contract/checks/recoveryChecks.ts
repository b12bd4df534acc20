/**
 * The three recovery paths end to end, and docs/architecture.md §3 "after recovery" and
 * "password" on the backend side.
 */
import assert from 'node:assert/strict';
import type { RecoveryRef } from '../contractApi';
import type { CheckContext, ConformanceCheck } from '../checkTypes';
import { maskedEmail, maskedPhone, newCitizen, randomEmail, randomPhone, strongPassword, type Citizen } from '../fixtures';
import { challengeOf, expectProblem, expectStatus, recoveryOf, started } from './expectations';

const REFERENCE = /^PLH-\d{4}-[A-Z0-9]{6}$/;

async function signedInSession(ctx: CheckContext, c: Citizen): Promise<string> {
  const res = await ctx.api.signIn(ctx.kiosk, c.phone, c.password);
  expectStatus(res, 200, 'sign-in before the recovery');
  const token = (res.body as { sessionToken: string }).sessionToken;
  expectStatus(await ctx.api.session(ctx.kiosk, token), 200, 'session valid before');
  return token;
}

/**
 * The done answer names the account's contacts after the recovery, masked, and
 * the reference goes by SMS to that phone, with no code or password in it.
 */
async function expectDoneAnswer(ctx: CheckContext, body: unknown, now: { phone: string; email: string }): Promise<void> {
  const done = body as { reference: string; phoneMasked: string; emailMasked: string };
  assert.match(done.reference, REFERENCE);
  assert.equal(done.phoneMasked, maskedPhone(now.phone), "the account's phone, masked");
  assert.equal(done.emailMasked, maskedEmail(now.email), "the account's e-mail, masked");
  const sms = (await ctx.controls.messagesTo(maskedPhone(now.phone))).filter((m) => m.body.includes(done.reference));
  assert.equal(sms.length, 1, 'the reference by SMS to the account\'s phone');
  assert.equal(sms[0]?.channel, 'sms');
  assert.ok(sms[0]?.body.includes(`Nomor referensi pemulihan: ${done.reference}`), 'the reference SMS says what it is');
  assert.ok(!/Kode OTP/.test(sms[0]?.body ?? ''), 'no code in the reference SMS');
}

/** Revoked sessions, the notice to the old contacts, old password refused. */
async function expectAfterRecovery(ctx: CheckContext, c: Citizen, session: string, newPassword: string, signInAs: string): Promise<void> {
  expectProblem(await ctx.api.session(ctx.kiosk, session), 401, 'SESSION_INVALID', 'session revoked');
  expectStatus(await ctx.api.signIn(ctx.kiosk, signInAs, newPassword), 200, 'new password');
  expectProblem(await ctx.api.signIn(ctx.kiosk, signInAs, c.password), 401, 'INVALID_CREDENTIALS', 'old password');
  const sms = await ctx.controls.messagesTo(maskedPhone(c.phone));
  const mail = await ctx.controls.messagesTo(maskedEmail(c.email));
  assert.ok(sms.some((m) => m.channel === 'sms' && m.body.includes('Bukan Anda?')), 'notice to the old phone');
  assert.ok(mail.some((m) => m.channel === 'email' && m.body.includes('Bukan Anda?')), 'notice to the old e-mail');
}

async function verifiedIdentity(ctx: CheckContext, c: Citizen): Promise<RecoveryRef> {
  return recoveryOf(
    await ctx.api.verifyIdentity(ctx.kiosk, { nik: c.nik, fullName: c.fullName, motherMaidenName: c.motherMaidenName }),
    'verify identity',
  );
}

async function identityPath(ctx: CheckContext, channel: 'sms' | 'email'): Promise<void> {
  const c = newCitizen();
  await ctx.controls.createAccount(c);
  const session = await signedInSession(ctx, c);
  const rec = await verifiedIdentity(ctx, c);
  const fresh = { phone: randomPhone(), email: randomEmail(), password: strongPassword() };
  const challenge = challengeOf(await ctx.api.submitCredentials(ctx.kiosk, rec, { ...fresh, otpChannel: channel }), 201, 'new credentials');
  const to = channel === 'sms' ? maskedPhone(fresh.phone) : maskedEmail(fresh.email);
  assert.equal(challenge.destinationMasked, to, 'OTP goes to the NEW contact');
  const oldTo = channel === 'sms' ? maskedPhone(c.phone) : maskedEmail(c.email);
  assert.equal((await ctx.controls.messagesTo(oldTo)).length, 0, 'no OTP to the old contact');
  expectStatus(await ctx.api.signIn(ctx.kiosk, c.phone, c.password), 200, 'nothing changes before the OTP');
  const code = await ctx.controls.latestCode(to);
  const done = await ctx.api.verifyOtp(ctx.kiosk, rec, challenge.challengeId, code);
  expectStatus(done, 200, 'verify OTP');
  const body = done.body as { status: string; reference: string };
  assert.equal(body.status, 'completed');
  await expectDoneAnswer(ctx, body, fresh);
  await expectAfterRecovery(ctx, c, session, fresh.password, channel === 'sms' ? fresh.phone : fresh.email);
  expectStatus(await ctx.api.signIn(ctx.kiosk, fresh.email, fresh.password), 200, 'new e-mail is the account\'s');
  expectStatus(await ctx.api.signIn(ctx.kiosk, fresh.phone, fresh.password), 200, 'new phone is the account\'s');
  expectProblem(await ctx.api.signIn(ctx.kiosk, c.phone, fresh.password), 401, 'INVALID_CREDENTIALS', 'old phone no longer the account\'s');
}

async function contactPath(ctx: CheckContext, path: 'phone' | 'email'): Promise<void> {
  const c = newCitizen();
  await ctx.controls.createAccount(c);
  const session = await signedInSession(ctx, c);
  const res = path === 'phone' ? await ctx.api.startByPhone(ctx.kiosk, c.phone) : await ctx.api.startByEmail(ctx.kiosk, c.email);
  const { rec, challenge } = started(res, `start by ${path}`);
  expectProblem(await ctx.api.setPassword(ctx.kiosk, rec, strongPassword()), 409, 'SESSION_INVALID', 'password before the OTP');
  const code = await ctx.controls.latestCode(path === 'phone' ? maskedPhone(c.phone) : maskedEmail(c.email));
  const verified = await ctx.api.verifyOtp(ctx.kiosk, rec, challenge.challengeId, code);
  expectStatus(verified, 200, 'verify OTP');
  assert.deepEqual(verified.body, { status: 'otp-verified' });
  const reject = (password: string, what: string) =>
    ctx.api.setPassword(ctx.kiosk, rec, password).then((r) => expectProblem(r, 422, 'PASSWORD_REJECTED', what));
  await reject('abcdefgh', 'no upper case, digit or symbol');
  await reject(`${c.fullName.split(' ')[1] ?? ''}#12a`, 'contains a name part');
  await reject(`A#a${c.nik}`, 'contains the NIK');
  await reject(`A#a0${c.phone.slice(3)}`, 'contains the phone');
  await reject('Password123!', 'a common password');
  const password = strongPassword();
  const done = await ctx.api.setPassword(ctx.kiosk, rec, password);
  expectStatus(done, 200, 'set password');
  await expectDoneAnswer(ctx, done.body, c);
  await expectAfterRecovery(ctx, c, session, password, path === 'phone' ? c.phone : c.email);
}

export const recoveryChecks: ConformanceCheck[] = [
  {
    id: 'recovery.phonePath',
    rule: 'phone path: OTP to the registered phone, then a new password; sessions revoked, notice to old contacts',
    needsControls: true,
    run: (ctx) => contactPath(ctx, 'phone'),
  },
  {
    id: 'recovery.emailPath',
    rule: 'e-mail path: OTP to the registered e-mail, then a new password',
    needsControls: true,
    run: (ctx) => contactPath(ctx, 'email'),
  },
  {
    id: 'recovery.identityPathSms',
    rule: 'identity path: new phone, e-mail and password; OTP by SMS to the NEW phone; verifying completes',
    needsControls: true,
    run: (ctx) => identityPath(ctx, 'sms'),
  },
  {
    id: 'recovery.identityPathEmail',
    rule: 'identity path with the OTP by e-mail to the NEW address',
    needsControls: true,
    run: (ctx) => identityPath(ctx, 'email'),
  },
  {
    id: 'recovery.identityCorrectDetails',
    rule: 'identity path: until the code is verified, new details may be sent again without a new identity check; the old code is void and only the last details are applied',
    needsControls: true,
    async run(ctx) {
      const c = newCitizen();
      await ctx.controls.createAccount(c);
      const rec = await verifiedIdentity(ctx, c);
      const mistyped = { phone: randomPhone(), email: randomEmail(), password: strongPassword(), otpChannel: 'sms' as const };
      const first = challengeOf(await ctx.api.submitCredentials(ctx.kiosk, rec, mistyped), 201, 'first details');
      const firstCode = await ctx.controls.latestCode(maskedPhone(mistyped.phone));
      const corrected = { ...mistyped, phone: randomPhone() };
      const second = challengeOf(await ctx.api.submitCredentials(ctx.kiosk, rec, corrected), 201, 'corrected details');
      assert.equal(second.destinationMasked, maskedPhone(corrected.phone), 'the code goes to the corrected phone');
      assert.notEqual(second.challengeId, first.challengeId, 'a new challenge');
      const old = await ctx.api.verifyOtp(ctx.kiosk, rec, first.challengeId, firstCode);
      assert.ok(old.status >= 400, 'the first code no longer works');
      const done = await ctx.api.verifyOtp(ctx.kiosk, rec, second.challengeId, await ctx.controls.latestCode(maskedPhone(corrected.phone)));
      expectStatus(done, 200, 'verify the new code');
      await expectDoneAnswer(ctx, done.body, corrected);
      expectStatus(await ctx.api.signIn(ctx.kiosk, corrected.phone, corrected.password), 200, 'the corrected phone is the account\'s');
      expectProblem(await ctx.api.signIn(ctx.kiosk, mistyped.phone, corrected.password), 401, 'INVALID_CREDENTIALS', 'the mistyped phone is not');
    },
  },
  {
    id: 'recovery.identityPasswordPolicy',
    rule: 'the password policy holds on the backend (with the NIK, phone, name and e-mail as context)',
    needsControls: true,
    async run(ctx) {
      const c = newCitizen();
      await ctx.controls.createAccount(c);
      const rec = await verifiedIdentity(ctx, c);
      const fresh = { phone: randomPhone(), email: randomEmail(), otpChannel: 'sms' as const };
      const reject = async (password: string, what: string) =>
        expectProblem(await ctx.api.submitCredentials(ctx.kiosk, rec, { ...fresh, password }), 422, 'PASSWORD_REJECTED', what);
      await reject(`Aa#${c.nik}`, 'contains the NIK');
      await reject(`Aa#0${fresh.phone.slice(3)}`, 'contains the new phone');
      await reject(`Aa#1${c.email.split('@')[0]?.split('.')[1] ?? ''}`, 'contains an e-mail part');
      await reject('Abc12345!', 'a common password');
      await reject('Pendek1!'.slice(0, 7), 'shorter than 8');
      challengeOf(await ctx.api.submitCredentials(ctx.kiosk, rec, { ...fresh, password: strongPassword() }), 201, 'a good password');
    },
  },
  {
    id: 'recovery.stepsAndTokens',
    rule: 'a recovery answers only its own bearer token and kiosk, and only at the right step',
    needsControls: true,
    async run(ctx) {
      const c = newCitizen();
      await ctx.controls.createAccount(c);
      const { rec, challenge } = started(await ctx.api.startByPhone(ctx.kiosk, c.phone), 'start by phone');
      const forged = { ...rec, recoveryToken: 'A'.repeat(43) };
      expectProblem(await ctx.api.verifyOtp(ctx.kiosk, forged, challenge.challengeId, '123456'), 401, 'SESSION_INVALID', 'wrong token');
      expectProblem(await ctx.api.verifyOtp(await ctx.newKiosk(), rec, challenge.challengeId, '123456'), 401, 'SESSION_INVALID', 'another kiosk');
      const creds = { phone: randomPhone(), email: randomEmail(), password: strongPassword(), otpChannel: 'sms' as const };
      expectProblem(await ctx.api.submitCredentials(ctx.kiosk, rec, creds), 409, 'SESSION_INVALID', 'credentials on the phone path');
      const idRec = await verifiedIdentity(ctx, c);
      expectProblem(await ctx.api.setPassword(ctx.kiosk, idRec, strongPassword()), 409, 'SESSION_INVALID', 'password step on the identity path');
    },
  },
];
