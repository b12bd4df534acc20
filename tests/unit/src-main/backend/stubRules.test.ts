/**
 * Stub rules the conformance suite cannot see from outside (or only with
 * settings of the stub): the configurable kiosk cap, the code generator,
 * recovery lifetime, what completion does to locks and other recoveries.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { newOtpCode, newReference } from '../../../../src-main/backend/stub/secrets';
import { BUDI, latestCode, SITI, startHarness, type Harness } from './stubHarness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const wrong = (nik: string) => ({ nik, fullName: 'NAMA SALAH', motherMaidenName: 'IBU SALAH' });

describe('stub rules', () => {
  it('the per-kiosk hourly cap is configurable', async () => {
    h = await startHarness({ kioskIdentityLimitPerHour: 2 });
    await h.client.verifyIdentity(h.ctx, wrong('3171014101900001'));
    await h.client.verifyIdentity(h.ctx, wrong('3273011505850002'));
    const third = await h.client.verifyIdentity(h.ctx, wrong('3171014101900009'));
    expect(third).toEqual({ ok: false, error: { code: 'KIOSK_RATE_LIMITED', retryAfterSeconds: 3600 } });
    h.clock.advance(30 * 60_000);
    const later = await h.client.verifyIdentity(h.ctx, wrong('3171014101900009'));
    expect(later).toEqual({ ok: false, error: { code: 'KIOSK_RATE_LIMITED', retryAfterSeconds: 1800 } });
    // A rate-limited request was not a try for that NIK.
    h.clock.advance(30 * 60_000);
    const tried = await h.client.verifyIdentity(h.ctx, wrong('3171014101900009'));
    expect(tried.ok === false && tried.error).toEqual({ code: 'IDENTITY_MISMATCH', attemptsRemaining: 2 });
  });

  it('an invalid NIK structure is refused without counting a try or a kiosk verification', async () => {
    h = await startHarness({ kioskIdentityLimitPerHour: 1 });
    expect(await h.client.verifyIdentity(h.ctx, wrong('3171014101900000'))).toEqual({
      ok: false,
      error: { code: 'VALIDATION_FAILED', field: 'nik' },
    });
    const first = await h.client.verifyIdentity(h.ctx, wrong('3171014101900001'));
    expect(first.ok === false && first.error.code).toBe('IDENTITY_MISMATCH');
  });

  it('OTP codes are six digits, leading zeros kept, spread over the whole range', () => {
    const codes = Array.from({ length: 3000 }, newOtpCode);
    expect(codes.every((c) => /^\d{6}$/.test(c))).toBe(true);
    expect(new Set(codes).size).toBeGreaterThan(2990);
    expect(codes.some((c) => c.startsWith('0'))).toBe(true);
  });

  it('references look like PLH-2026-XXXXXX and are not predictable from each other', () => {
    const now = Date.UTC(2026, 0, 15);
    const refs = Array.from({ length: 200 }, () => newReference(now));
    expect(refs.every((r) => /^PLH-2026-[A-HJ-NP-Z2-9]{6}$/.test(r))).toBe(true);
    expect(new Set(refs).size).toBe(200);
  });

  it('a recovery lapses after 30 minutes', async () => {
    h = await startHarness();
    const started = await h.client.startRecovery(h.ctx, 'phone', SITI.phone);
    if (!started.ok) throw new Error('start');
    h.clock.advance(29 * 60_000);
    expect((await h.client.resendOtp(h.ctx, started.value, started.value.challenge.challengeId)).ok).toBe(true);
    h.clock.advance(60_000);
    expect(await h.client.resendOtp(h.ctx, started.value, started.value.challenge.challengeId)).toEqual({
      ok: false,
      error: { code: 'SESSION_INVALID' },
    });
  });

  it('completing a recovery lifts a sign-in lock and voids the account\'s other open recoveries', async () => {
    h = await startHarness();
    for (let i = 0; i < 5; i += 1) await h.client.signIn(h.ctx, SITI.phone, 'Salah#2024x');
    const other = await h.client.startRecovery(h.ctx, 'email', SITI.email);
    const mine = await h.client.startRecovery(h.ctx, 'phone', SITI.phone);
    if (!other.ok || !mine.ok) throw new Error('start');
    const code = await latestCode(h, '08*****2797');
    await h.client.verifyOtp(h.ctx, mine.value, mine.value.challenge.challengeId, code);
    expect((await h.client.setPassword(h.ctx, mine.value, 'Baru#2026Qz')).ok).toBe(true);
    expect(await h.client.signIn(h.ctx, SITI.phone, 'Baru#2026Qz')).toEqual({ ok: true, value: { displayName: 'S*** R***' } });
    expect(await h.client.verifyOtp(h.ctx, other.value, other.value.challenge.challengeId, '123456')).toEqual({
      ok: false,
      error: { code: 'SESSION_INVALID' },
    });
  });

  it('does not say at the credentials step that a new phone is another account\'s (only after its code: codeLimits.test.ts)', async () => {
    h = await startHarness();
    const rec = await h.client.verifyIdentity(h.ctx, { nik: SITI.nik, fullName: SITI.fullName, motherMaidenName: SITI.mother });
    if (!rec.ok) throw new Error('identity');
    const taken = await h.client.submitCredentials(h.ctx, rec.value, {
      phone: BUDI.phone,
      email: 'siti.lain@example.com',
      password: 'Baru#2026Qz',
      otpChannel: 'sms',
    });
    expect(taken.ok && taken.value.destinationMasked).toBe('08*****8955');
  });

  it('lets the identity path correct its new details while the code is unverified: the old code is void, wrong entries still count', async () => {
    h = await startHarness();
    const rec = await h.client.verifyIdentity(h.ctx, { nik: SITI.nik, fullName: 'siti  rahayu', motherMaidenName: 'Aminah' });
    if (!rec.ok) throw new Error('identity');
    const creds = { phone: '081299990001', email: 'siti.lain@example.com', password: 'Baru#2026Qz', otpChannel: 'sms' as const };
    const first = await h.client.submitCredentials(h.ctx, rec.value, creds);
    if (!first.ok) throw new Error('first');
    expect(first.value.destinationMasked).toBe('08*****0001');
    const firstCode = await latestCode(h, '08*****0001');
    for (let i = 0; i < 3; i++) {
      const wrong = await h.client.verifyOtp(h.ctx, rec.value, first.value.challengeId, firstCode === '000000' ? '111111' : '000000');
      expect(wrong.ok).toBe(false);
    }
    // The number was mistyped: corrected without a new identity check.
    const second = await h.client.submitCredentials(h.ctx, rec.value, { ...creds, phone: '081299990002' });
    if (!second.ok) throw new Error('second');
    expect(second.value.destinationMasked).toBe('08*****0002');
    expect(second.value.resendsRemaining).toBe(3);
    // The first challenge is gone; its code works no more.
    expect(await h.client.verifyOtp(h.ctx, rec.value, first.value.challengeId, firstCode)).toEqual({ ok: false, error: { code: 'SESSION_INVALID' } });
    // The three wrong entries before still count: two more void the code, and new details cannot buy more guesses.
    const code = await latestCode(h, '08*****0002');
    const wrongCode = code === '000000' ? '111111' : '000000';
    expect(await h.client.verifyOtp(h.ctx, rec.value, second.value.challengeId, wrongCode)).toEqual({
      ok: false,
      error: { code: 'OTP_INVALID', attemptsRemaining: 1 },
    });
    expect(await h.client.verifyOtp(h.ctx, rec.value, second.value.challengeId, wrongCode)).toEqual({
      ok: false,
      error: { code: 'OTP_VOIDED', attemptsRemaining: 0 },
    });
    expect(await h.client.submitCredentials(h.ctx, rec.value, { ...creds, phone: '081299990003' })).toEqual({
      ok: false,
      error: { code: 'SESSION_INVALID' },
    });
  });

  it('a finished recovery answers the account\'s contacts, masked, and sends the reference by SMS to its phone as it is now', async () => {
    h = await startHarness();
    const rec = await h.client.verifyIdentity(h.ctx, { nik: SITI.nik, fullName: SITI.fullName, motherMaidenName: SITI.mother });
    if (!rec.ok) throw new Error('identity');
    const sent = await h.client.submitCredentials(h.ctx, rec.value, {
      phone: '081299990001',
      email: 'siti.lain@example.com',
      password: 'Baru#2026Qz',
      otpChannel: 'sms',
    });
    if (!sent.ok) throw new Error('credentials');
    const done = await h.client.verifyOtp(h.ctx, rec.value, sent.value.challengeId, await latestCode(h, '08*****0001'));
    if (!done.ok || done.value.status !== 'completed') throw new Error('verify');
    expect(done.value).toMatchObject({ phoneMasked: '08*****0001', emailMasked: 's***@example.com' });
    const outbox = await h.client.outbox(h.ctx);
    if (!outbox.ok) throw new Error('outbox');
    const referenceSms = outbox.value.filter((m) => m.body.includes('Nomor referensi pemulihan'));
    expect(referenceSms).toHaveLength(1);
    expect(referenceSms[0]).toMatchObject({ channel: 'sms', toMasked: '08*****0001' });
    expect(referenceSms[0]?.body).toContain(`Nomor referensi pemulihan: ${done.value.reference}.`);
    expect(referenceSms[0]?.body).not.toMatch(/Kode OTP|Baru#2026Qz/);
  });

  it('does not mount the test controls unless asked', async () => {
    h = await startHarness({ testControls: false });
    const res = await fetch(`${h.url}/__test/clock/advance`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"ms":1}' });
    expect(res.status).toBe(404);
  });
});
