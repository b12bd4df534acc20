// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ok } from '../../../../../src-shared/errors';
import RecoveryWizard from '../../../../../src-renderer/src/steps/RecoveryWizard.vue';
import { alertText, buttonByText, challenge, click, failure, fakeKioskApi, inputByLabel, mountKiosk, settle, statusText, type } from '../testKit';

async function mountOtp(options: { path?: 'phone' | 'identity'; resendIn?: number; locale?: 'id' | 'en' } = {}) {
  const path = options.path ?? 'phone';
  const mounted = await mountKiosk(RecoveryWizard, {
    history: path === 'phone' ? ['sign-in', 'recovery-options', 'recovery-phone', 'otp'] : ['sign-in', 'recovery-options', 'identity', 'new-credentials', 'otp'],
    locale: options.locale ?? 'id',
    prepare: ({ wizard }) => {
      wizard.path = path;
      wizard.credentialsSent = path === 'identity';
      wizard.challengeIssued(challenge({ resendAvailableInSeconds: options.resendIn ?? 60 }));
    },
  });
  const w = mounted.wrapper;
  return {
    ...mounted,
    code: () => inputByLabel(w, options.locale === 'en' ? 'OTP code' : 'Kode OTP'),
    confirm: () => click(buttonByText(w, options.locale === 'en' ? 'Confirm' : 'Konfirmasi')),
    resendButton: () => buttonByText(w, options.locale === 'en' ? 'Resend' : 'Kirim Ulang'),
  };
}

describe('OtpStep (seed screen 6, "Verifikasi")', () => {
  afterEach(() => {
    vi.useRealTimers();
    document.body.innerHTML = '';
  });

  it("shows the seed's text with the masked destination, one six-digit field, and Konfirmasi", async () => {
    fakeKioskApi();
    const step = await mountOtp();
    expect(step.wrapper.get('h1').text()).toBe('Verifikasi');
    expect(step.wrapper.text()).toContain('Masukkan kode OTP yang telah kami kirim ke 08*****2797.');
    expect(step.code().getAttribute('autocomplete')).toBe('one-time-code');
    expect(step.code().getAttribute('inputmode')).toBe('numeric');
    expect(step.wrapper.text()).toContain('Belum menerima kode?');
  });

  it('a short code is caught on the kiosk; a full one is sent once and cleared from its input', async () => {
    const api = fakeKioskApi();
    const step = await mountOtp();
    await type(step.code(), '1234');
    await step.confirm();
    expect(step.code().getAttribute('aria-invalid')).toBe('true');
    expect(api.verifyOtp).not.toHaveBeenCalled();
    await type(step.code(), '123456');
    await step.confirm();
    expect(api.verifyOtp).toHaveBeenCalledTimes(1);
    expect(api.verifyOtp).toHaveBeenCalledWith({ code: '123456' });
    // Phone path: a new password comes next; the used challenge is forgotten.
    expect(step.wizard.screen).toBe('new-password');
    expect(step.wizard.challenge).toBeUndefined();
    expect(step.wizard.history).not.toContain('otp');
  });

  it('identity path: a right code finishes the recovery with its reference', async () => {
    fakeKioskApi({ verifyOtp: async () => ok({ next: 'done' as const, reference: 'PLH-2026-ABC123' }) });
    const step = await mountOtp({ path: 'identity' });
    await type(step.code(), '254241');
    await step.confirm();
    expect(step.wizard.screen).toBe('done');
    expect(step.wizard.reference).toBe('PLH-2026-ABC123');
  });

  it('a wrong code says how many tries are left, and the input is emptied', async () => {
    fakeKioskApi({ verifyOtp: async () => failure({ code: 'OTP_INVALID', attemptsRemaining: 3 }) });
    const step = await mountOtp();
    await type(step.code(), '000000');
    await step.confirm();
    expect(alertText(step.wrapper)).toBe('Kode OTP salah. Sisa percobaan: 3.');
    expect(step.code().value).toBe('');
    // Emptied, but not scolded for being empty.
    expect(step.code().getAttribute('aria-invalid')).toBe('false');
  });

  it('a voided code: the field and Konfirmasi are disabled, "Mulai lagi" goes back to the first step', async () => {
    fakeKioskApi({ verifyOtp: async () => failure({ code: 'OTP_VOIDED', attemptsRemaining: 0 }) });
    const step = await mountOtp();
    await type(step.code(), '000000');
    await step.confirm();
    expect(alertText(step.wrapper)).toBe('Kode OTP tidak berlaku lagi. Silakan mulai lagi.');
    expect(step.code().disabled).toBe(true);
    expect(buttonByText(step.wrapper, 'Konfirmasi').disabled).toBe(true);
    await click(buttonByText(step.wrapper, 'Mulai lagi'));
    expect(step.wizard.screen).toBe('recovery-phone');
    expect(step.wizard.challenge).toBeUndefined();
  });

  it('identity path: "Mulai lagi" goes back to identity verification', async () => {
    fakeKioskApi({ verifyOtp: async () => failure({ code: 'SESSION_INVALID' }) });
    const step = await mountOtp({ path: 'identity' });
    await type(step.code(), '000000');
    await step.confirm();
    expect(alertText(step.wrapper)).toBe('Sesi pemulihan sudah berakhir. Silakan mulai lagi.');
    await click(buttonByText(step.wrapper, 'Mulai lagi'));
    expect(step.wizard.screen).toBe('identity');
    expect(step.wizard.credentialsSent).toBe(false);
  });

  it('identity path: a proven new contact that is another account\'s ends the recovery: the message, nothing more to type, "Mulai lagi" to identity', async () => {
    const api = fakeKioskApi({ verifyOtp: async () => failure({ code: 'CONTACT_IN_USE', field: 'phone' }) });
    const step = await mountOtp({ path: 'identity', resendIn: 0 });
    await type(step.code(), '254241');
    await step.confirm();
    expect(alertText(step.wrapper)).toBe('Nomor handphone atau email baru sudah terdaftar pada akun lain. Pemulihan ini berakhir; silakan mulai lagi dengan data lain.');
    expect(step.code().disabled).toBe(true);
    expect(buttonByText(step.wrapper, 'Konfirmasi').disabled).toBe(true);
    expect(step.resendButton().disabled).toBe(true);
    await step.confirm();
    expect(api.verifyOtp).toHaveBeenCalledTimes(1);
    await click(buttonByText(step.wrapper, 'Mulai lagi'));
    expect(step.wizard.screen).toBe('identity');
    expect(step.wizard.credentialsSent).toBe(false);
  });

  it('recovery by code locked: the time it ends, nothing more to type or resend, "Mulai lagi"', async () => {
    fakeKioskApi({ verifyOtp: async () => failure({ code: 'CODE_RECOVERY_LOCKED', lockedUntil: '2026-01-16T01:00:00.000Z' }) });
    const step = await mountOtp({ locale: 'en', resendIn: 0 });
    await type(step.code(), '000000');
    await step.confirm();
    expect(alertText(step.wrapper)).toMatch(/^Recovery by code is locked until .+ after too many wrong codes\. Ask the officer to help you verify your identity\.$/);
    expect(step.code().disabled).toBe(true);
    expect(step.resendButton().disabled).toBe(true);
    expect(buttonByText(step.wrapper, 'Start again')).toBeTruthy();
  });

  it('an expired code says so and lets a new one be asked for at once', async () => {
    const api = fakeKioskApi({ verifyOtp: async () => failure({ code: 'OTP_EXPIRED' }) });
    const step = await mountOtp({ resendIn: 45 });
    expect(step.resendButton().disabled).toBe(true);
    await type(step.code(), '254241');
    await step.confirm();
    expect(alertText(step.wrapper)).toBe('Kode OTP sudah kedaluwarsa. Kirim ulang kode atau mulai lagi.');
    expect(buttonByText(step.wrapper, 'Mulai lagi')).toBeTruthy();
    expect(step.resendButton().disabled).toBe(false);
    await click(step.resendButton());
    expect(api.resendOtp).toHaveBeenCalledTimes(1);
    expect(statusText(step.wrapper)).toBe('Kode OTP baru telah dikirim ke 08*****2797.');
    expect(alertText(step.wrapper)).toBe('');
  });

  it('"Kirim Ulang" counts down the cooldown, then resends and counts down again', async () => {
    vi.useFakeTimers();
    const api = fakeKioskApi({ resendOtp: async () => ok(challenge({ resendAvailableInSeconds: 60, resendsRemaining: 2 })) });
    const step = await mountOtp({ resendIn: 60 });
    expect(step.resendButton().disabled).toBe(true);
    expect(step.wrapper.text()).toMatch(/Kirim ulang tersedia dalam (1:00|0:59)/);
    await vi.advanceTimersByTimeAsync(30_000);
    await settle();
    expect(step.wrapper.text()).toMatch(/Kirim ulang tersedia dalam 0:(29|30)/);
    await vi.advanceTimersByTimeAsync(30_000);
    await settle();
    expect(step.resendButton().disabled).toBe(false);
    await click(step.resendButton());
    expect(api.resendOtp).toHaveBeenCalledTimes(1);
    expect(step.resendButton().disabled).toBe(true);
    expect(step.wrapper.text()).toMatch(/Kirim ulang tersedia dalam (1:00|0:59)/);
    expect(step.wizard.challenge?.resendsRemaining).toBe(2);
  });

  it('the backend refuses a resend during its cooldown: its own wait is shown and counted down', async () => {
    vi.useFakeTimers();
    fakeKioskApi({ resendOtp: async () => failure({ code: 'RESEND_COOLDOWN', retryAfterSeconds: 20 }) });
    const step = await mountOtp({ resendIn: 0 });
    await click(step.resendButton());
    expect(alertText(step.wrapper)).toBe('Tunggu 20 detik sebelum meminta kode baru.');
    expect(step.resendButton().disabled).toBe(true);
    expect(step.wrapper.text()).toMatch(/Kirim ulang tersedia dalam 0:(20|19)/);
  });

  it('no resends left: the link gives way to a sentence', async () => {
    fakeKioskApi({ resendOtp: async () => failure({ code: 'RESEND_LIMIT' }) });
    const step = await mountOtp({ resendIn: 0 });
    await click(step.resendButton());
    expect(step.wrapper.text()).toContain('Kode tidak dapat dikirim ulang lagi.');
    expect(step.wrapper.findAll('button').some((b) => b.text() === 'Kirim Ulang')).toBe(false);
  });

  it('a transport failure keeps the code (it was never judged) for "Coba lagi"', async () => {
    const api = fakeKioskApi({ verifyOtp: async () => failure({ code: 'BACKEND_UNAVAILABLE' }) });
    const step = await mountOtp();
    await type(step.code(), '254241');
    await step.confirm();
    expect(step.code().value).toBe('254241');
    api.verifyOtp.mockResolvedValue(ok({ next: 'set-password' as const }));
    await click(buttonByText(step.wrapper, 'Coba lagi'));
    expect(api.verifyOtp).toHaveBeenLastCalledWith({ code: '254241' });
    expect(step.wizard.screen).toBe('new-password');
  });

  it('speaks English', async () => {
    fakeKioskApi({ verifyOtp: async () => failure({ code: 'OTP_INVALID', attemptsRemaining: 4 }) });
    const step = await mountOtp({ locale: 'en' });
    expect(step.wrapper.get('h1').text()).toBe('Verification');
    expect(step.wrapper.text()).toContain('Enter the OTP code we sent to 08*****2797.');
    await type(step.code(), '000000');
    await step.confirm();
    expect(alertText(step.wrapper)).toBe('Wrong OTP code. Tries left: 4.');
  });

  it('the OTP never reaches a store', async () => {
    fakeKioskApi({ verifyOtp: async () => failure({ code: 'OTP_INVALID', attemptsRemaining: 4 }) });
    const step = await mountOtp();
    await type(step.code(), '987654');
    expect(JSON.stringify(step.pinia.state.value)).not.toContain('987654');
    await step.confirm();
    expect(JSON.stringify(step.pinia.state.value)).not.toContain('987654');
  });
});
