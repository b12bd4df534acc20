// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ok } from '../../../../../src-shared/errors';
import RecoveryWizard from '../../../../../src-renderer/src/steps/RecoveryWizard.vue';
import { alertText, buttonByText, challenge, click, DONE, failure, fakeKioskApi, inputByLabel, mountKiosk, settle, statusText, type } from '../testKit';

async function mountOtp(
  options: { path?: 'phone' | 'identity'; resendIn?: number; expiresIn?: number; resendsRemaining?: number; locale?: 'id' | 'en' } = {},
) {
  const path = options.path ?? 'phone';
  const mounted = await mountKiosk(RecoveryWizard, {
    history:
      path === 'phone'
        ? ['sign-in', 'recovery-options', 'recovery-phone', 'otp']
        : ['sign-in', 'recovery-options', 'identity', 'new-credentials', 'check-credentials', 'otp'],
    locale: options.locale ?? 'id',
    prepare: ({ wizard }) => {
      wizard.path = path;
      wizard.credentialsSent = path === 'identity';
      wizard.challengeIssued(
        challenge({
          resendAvailableInSeconds: options.resendIn ?? 60,
          expiresInSeconds: options.expiresIn ?? 300,
          resendsRemaining: options.resendsRemaining ?? 3,
        }),
      );
    },
  });
  const w = mounted.wrapper;
  return {
    ...mounted,
    /** The buttons of the form: the one next step when the code cannot be used. */
    formButtons: () => w.findAll('form button').map((b) => b.text()),
    hasCodeInput: () => [...w.element.ownerDocument.querySelectorAll('label')].some((l) => l.textContent?.trim() === 'Kode OTP'),
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
    fakeKioskApi({ verifyOtp: async () => ok({ next: 'done' as const, ...DONE }) });
    const step = await mountOtp({ path: 'identity' });
    await type(step.code(), '254241');
    await step.confirm();
    expect(step.wizard.screen).toBe('done');
    expect(step.wizard.reference).toBe('PLH-2026-ABC123');
    expect(step.wizard.accountContacts).toEqual({ phoneMasked: DONE.phoneMasked, emailMasked: DONE.emailMasked });
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

  it('a voided code: no field, no resend, one button, "Mulai lagi", back to the first step', async () => {
    fakeKioskApi({ verifyOtp: async () => failure({ code: 'OTP_VOIDED', attemptsRemaining: 0 }) });
    const step = await mountOtp({ resendIn: 0 });
    await type(step.code(), '000000');
    await step.confirm();
    expect(alertText(step.wrapper)).toBe('Kode OTP tidak berlaku lagi. Silakan mulai lagi.');
    expect(step.hasCodeInput()).toBe(false);
    expect(step.formButtons()).toEqual(['Mulai lagi']);
    expect(step.wrapper.text()).not.toContain('Kirim Ulang');
    expect(step.wrapper.text()).not.toContain('Tidak menerima SMS?');
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
    expect(step.hasCodeInput()).toBe(false);
    expect(step.formButtons()).toEqual(['Mulai lagi']);
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
    expect(step.formButtons()).toEqual(['Start again']);
    expect(step.wrapper.text()).not.toContain('Resend');
  });

  it('an expired code (the backend says so) offers one next step, "Kirim Ulang", and the new code can be typed', async () => {
    const api = fakeKioskApi({ verifyOtp: async () => failure({ code: 'OTP_EXPIRED' }) });
    const step = await mountOtp({ resendIn: 45 });
    expect(step.resendButton().disabled).toBe(true);
    await type(step.code(), '254241');
    await step.confirm();
    expect(alertText(step.wrapper)).toBe('Kode OTP sudah kedaluwarsa. Minta kode baru.');
    expect(step.hasCodeInput()).toBe(false);
    expect(step.formButtons()).toEqual(['Kirim Ulang']);
    expect(step.wrapper.text()).not.toContain('Mulai lagi');
    await click(step.resendButton());
    expect(api.resendOtp).toHaveBeenCalledTimes(1);
    expect(statusText(step.wrapper)).toContain('Kode OTP baru telah dikirim ke 08*****2797. Hanya kode terbaru yang berlaku.');
    expect(alertText(step.wrapper)).toBe('');
    expect(step.hasCodeInput()).toBe(true);
  });

  it('shows how long the code lasts, counting down; a screen reader hears only "1 menit lagi", then the expiry', async () => {
    vi.useFakeTimers();
    fakeKioskApi();
    const step = await mountOtp({ expiresIn: 120, resendIn: 0 });
    expect(step.wrapper.text()).toMatch(/Kode berlaku (2:00|1:59) lagi/);
    expect(step.wrapper.text()).toContain('SMS bisa memerlukan beberapa menit untuk sampai.');
    expect(statusText(step.wrapper)).toBe('');
    await vi.advanceTimersByTimeAsync(30_000);
    await settle();
    expect(step.wrapper.text()).toMatch(/Kode berlaku 1:(30|29) lagi/);
    expect(statusText(step.wrapper)).toBe('');
    await vi.advanceTimersByTimeAsync(31_000);
    await settle();
    expect(statusText(step.wrapper)).toBe('Kode OTP berlaku 1 menit lagi.');
    await vi.advanceTimersByTimeAsync(20_000);
    await settle();
    // Still the same sentence: nothing new to announce while it counts.
    expect(statusText(step.wrapper)).toBe('Kode OTP berlaku 1 menit lagi.');
    await vi.advanceTimersByTimeAsync(40_000);
    await settle();
    expect(alertText(step.wrapper)).toBe('Kode OTP sudah kedaluwarsa. Minta kode baru.');
    expect(statusText(step.wrapper)).toBe('');
    expect(step.formButtons()).toEqual(['Kirim Ulang']);
  });

  it('expired with no resend left: one button, "Mulai lagi"', async () => {
    fakeKioskApi();
    const step = await mountOtp({ expiresIn: 0, resendsRemaining: 0 });
    expect(alertText(step.wrapper)).toBe('Kode OTP sudah kedaluwarsa dan tidak dapat dikirim ulang lagi. Silakan mulai lagi.');
    expect(step.formButtons()).toEqual(['Mulai lagi']);
    await click(buttonByText(step.wrapper, 'Mulai lagi'));
    expect(step.wizard.screen).toBe('recovery-phone');
  });

  it('identity path, expired with no resend left: one button, "Kirim kode baru", to "Periksa Data Anda" without a new identity check', async () => {
    const api = fakeKioskApi();
    const step = await mountOtp({ path: 'identity', expiresIn: 0, resendsRemaining: 0 });
    expect(alertText(step.wrapper)).toBe(
      'Kode OTP sudah kedaluwarsa dan tidak dapat dikirim ulang lagi. Kirim kode baru dari halaman Periksa Data Anda.',
    );
    expect(step.formButtons()).toEqual(['Kirim kode baru']);
    await click(buttonByText(step.wrapper, 'Kirim kode baru'));
    expect(step.wizard.screen).toBe('check-credentials');
    expect(step.wizard.credentialsSent).toBe(false);
    expect(api.verifyIdentity).not.toHaveBeenCalled();
  });

  it('"Tidak menerima SMS?" opens help: check or change the number, or the help line', async () => {
    fakeKioskApi();
    const step = await mountOtp();
    const toggle = buttonByText(step.wrapper, 'Tidak menerima SMS?');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    await click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const panel = step.wrapper.element.ownerDocument.getElementById(toggle.getAttribute('aria-controls') ?? '');
    expect(panel?.textContent).toContain('Pusat Bantuan Kemnaker di 1500 630');
    await click(buttonByText(step.wrapper, 'Periksa atau ubah nomor handphone'));
    expect(step.wizard.screen).toBe('recovery-phone');
    expect(step.wizard.challenge).toBeUndefined();
  });

  it('identity path: "Tidak menerima SMS?" leads back to "Periksa Data Anda", the identity check kept', async () => {
    const api = fakeKioskApi();
    const step = await mountOtp({ path: 'identity' });
    await click(buttonByText(step.wrapper, 'Tidak menerima SMS?'));
    await click(buttonByText(step.wrapper, 'Periksa atau ubah nomor handphone'));
    expect(step.wizard.screen).toBe('check-credentials');
    expect(step.wizard.history).toContain('identity');
    expect(api.verifyIdentity).not.toHaveBeenCalled();
  });

  it('an e-mailed code speaks of e-mail', async () => {
    fakeKioskApi();
    const mounted = await mountKiosk(RecoveryWizard, {
      history: ['sign-in', 'recovery-options', 'recovery-email', 'otp'],
      prepare: ({ wizard }) => {
        wizard.path = 'email';
        wizard.challengeIssued(challenge({ channel: 'email', destinationMasked: 's***@example.com' }));
      },
    });
    expect(mounted.wrapper.text()).toContain('Email bisa memerlukan beberapa menit untuk sampai; periksa juga folder Spam.');
    expect(buttonByText(mounted.wrapper, 'Tidak menerima email?')).toBeTruthy();
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
