// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import RecoveryWizard from '../../../../../src-renderer/src/steps/RecoveryWizard.vue';
import { alertText, buttonByText, challenge, click, descriptionOf, failure, fakeKioskApi, inputByLabel, mountKiosk, NEW_DETAILS, statusText, type } from '../testKit';

async function mountCredentials() {
  const mounted = await mountKiosk(RecoveryWizard, {
    history: ['sign-in', 'recovery-options', 'identity', 'new-credentials'],
    prepare: ({ wizard }) => {
      wizard.path = 'identity';
      wizard.started = true;
    },
  });
  const w = mounted.wrapper;
  return {
    ...mounted,
    phone: () => inputByLabel(w, 'Nomor Handphone Baru'),
    email: () => inputByLabel(w, 'Alamat Email Baru'),
    password: () => inputByLabel(w, 'Password Baru'),
    confirmation: () => inputByLabel(w, 'Konfirmasi Password'),
    submit: () => click(buttonByText(w, 'Lanjutkan')),
  };
}

type Step = Awaited<ReturnType<typeof mountCredentials>>;

async function fillValid(step: Step, password: string = NEW_DETAILS.password) {
  await type(step.phone(), NEW_DETAILS.phone);
  await type(step.email(), NEW_DETAILS.email);
  await type(step.password(), password);
  await type(step.confirmation(), password);
}

describe('NewCredentialsStep (seed screen 4)', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it("shows the seed's title, notice, labels, example placeholders and the five rules", async () => {
    fakeKioskApi();
    const step = await mountCredentials();
    expect(step.wrapper.get('h1').text()).toBe('Atur Ulang Password');
    expect(step.wrapper.text()).toContain(
      'Pastikan Anda memasukkan nomor handphone dan email baru yang aktif. Kami akan mengirimkan kode verifikasi OTP ke salah satu nomor handphone atau email.',
    );
    expect(step.phone().placeholder).toBe('Contoh: 081288488955');
    expect(step.email().placeholder).toBe('Contoh: nama@domain.com');
    expect(step.password().placeholder).toBe('Masukkan password baru kamu');
    expect(step.confirmation().placeholder).toBe('Masukkan konfirmasi password');
    expect(step.password().type).toBe('password');
    expect(step.password().getAttribute('autocomplete')).toBe('new-password');
    // The checklist describes the password input.
    expect(descriptionOf(step.password())).toContain('Minimal 8 karakter');
    expect(descriptionOf(step.password())).toContain('Terdapat salah satu simbol: ! @ # $ % ^ & *');
    expect(inputByLabel(step.wrapper, 'SMS ke nomor handphone baru').checked).toBe(true);
    expect(inputByLabel(step.wrapper, 'Email ke alamat email baru').checked).toBe(false);
  });

  it('ticks the checklist as the password is typed, and checks the confirmation', async () => {
    fakeKioskApi();
    const step = await mountCredentials();
    const met = () => step.wrapper.findAll('li[data-met="true"]').map((li) => li.attributes('data-rule'));
    await type(step.password(), 'abc');
    expect(met()).toEqual(['lower', 'containsPersonalData', 'common']);
    await type(step.password(), 'abcDEF12');
    expect(met()).toEqual(['minLength', 'lower', 'upper', 'digit', 'containsPersonalData', 'common']);
    await type(step.password(), 'abcDEF12!', { blur: true });
    expect(met()).toHaveLength(7);
    expect(step.password().getAttribute('aria-invalid')).toBe('false');
    await type(step.confirmation(), 'abcDEF12', { blur: true });
    expect(descriptionOf(step.confirmation())).toBe('Konfirmasi password tidak sama dengan password baru.');
    await type(step.confirmation(), 'abcDEF12!');
    expect(step.confirmation().getAttribute('aria-invalid')).toBe('false');
  });

  it('refuses, before sending, a password made of the NIK or name typed on the previous step, or of the new contacts', async () => {
    const api = fakeKioskApi();
    // Through seed screen 3 first: its values live in the same form.
    const mounted = await mountKiosk(RecoveryWizard, {
      history: ['sign-in', 'recovery-options', 'identity'],
      prepare: ({ wizard }) => {
        wizard.path = 'identity';
      },
    });
    const w = mounted.wrapper;
    await type(inputByLabel(w, 'Nomor Induk Kependudukan (No. KTP)'), '3171014101900001');
    await type(inputByLabel(w, 'Nama Lengkap'), 'SITI RAHAYU');
    await type(inputByLabel(w, 'Nama Ibu Kandung'), 'AMINAH');
    await click(inputByLabel(w, 'KTP asli telah diperiksa petugas'));
    await click(buttonByText(w, 'Lanjutkan'));
    expect(mounted.wizard.screen).toBe('new-credentials');

    const password = inputByLabel(w, 'Password Baru');
    await type(inputByLabel(w, 'Nomor Handphone Baru'), '081377770011');
    await type(inputByLabel(w, 'Alamat Email Baru'), 'kembang.baru@example.org');
    for (const personal of ['Rahayu#2026', 'Aa!3171014101900001', 'Aa!081377770011', 'Kembang#2026']) {
      await type(password, personal, { blur: true });
      expect(descriptionOf(password), personal).toContain('Password tidak boleh memuat NIK, nama, nomor handphone atau email Anda.');
    }
    await type(password, 'Password1!');
    expect(descriptionOf(password)).toContain('Password ini terlalu mudah ditebak. Gunakan password lain.');
    await type(inputByLabel(w, 'Konfirmasi Password'), 'Password1!');
    await click(buttonByText(w, 'Lanjutkan'));
    expect(api.submitNewCredentials).not.toHaveBeenCalled();
    await type(password, 'Pulih#2026b');
    expect(password.getAttribute('aria-invalid')).toBe('false');
  });

  it('"Lanjutkan" shows "Periksa Data Anda": the new phone and e-mail in full, as typed, and where the code goes; never the password; nothing sent yet', async () => {
    const api = fakeKioskApi();
    const step = await mountCredentials();
    await type(step.phone(), '+62 813 7777 0011');
    await type(step.email(), NEW_DETAILS.email);
    await type(step.password(), NEW_DETAILS.password);
    await type(step.confirmation(), NEW_DETAILS.password);
    await step.submit();
    expect(step.wizard.screen).toBe('check-credentials');
    expect(step.wrapper.get('h1').text()).toBe('Periksa Data Anda');
    const details = step.wrapper.get('dl').text();
    expect(details).toContain('Nomor Handphone Baru+62 813 7777 0011');
    expect(details).toContain(`Alamat Email Baru${NEW_DETAILS.email}`);
    expect(details).toContain('SMS ke +62 813 7777 0011');
    expect(step.wrapper.text()).not.toContain(NEW_DETAILS.password);
    expect(api.submitNewCredentials).not.toHaveBeenCalled();
    expect(buttonByText(step.wrapper, 'Kirim Kode OTP')).toBeTruthy();
    expect(buttonByText(step.wrapper, 'Ubah')).toBeTruthy();
  });

  it('"Ubah" goes back with everything kept and no identity try spent; the corrected details are what "Kirim Kode OTP" sends, with the chosen channel', async () => {
    const api = fakeKioskApi({ submitNewCredentials: async () => ({ ok: true, value: challenge({ channel: 'email', destinationMasked: 's***@example.org' }) }) });
    const step = await mountCredentials();
    await fillValid(step);
    await type(step.phone(), '081377770099');
    await click(inputByLabel(step.wrapper, 'Email ke alamat email baru'));
    await step.submit();
    expect(step.wrapper.get('dl').text()).toContain(`Email ke ${NEW_DETAILS.email}`);
    await click(buttonByText(step.wrapper, 'Ubah'));
    expect(step.wizard.screen).toBe('new-credentials');
    expect([step.phone().value, step.email().value, step.password().value, step.confirmation().value]).toEqual([
      '081377770099',
      NEW_DETAILS.email,
      NEW_DETAILS.password,
      NEW_DETAILS.password,
    ]);
    await type(step.phone(), NEW_DETAILS.phone);
    await step.submit();
    await click(buttonByText(step.wrapper, 'Kirim Kode OTP'));
    expect(api.verifyIdentity).not.toHaveBeenCalled();
    expect(api.submitNewCredentials).toHaveBeenCalledTimes(1);
    expect(api.submitNewCredentials).toHaveBeenCalledWith({
      phone: '081377770011',
      email: 'siti.baru@example.org',
      password: 'Pulih#2026b',
      otpChannel: 'email',
    });
    expect(step.wizard.screen).toBe('otp');
    expect(step.wizard.credentialsSent).toBe(true);
    expect(step.wizard.challenge?.destinationMasked).toBe('s***@example.org');
  });

  it('a contact the service will not take is said at its row, without saying whose it is', async () => {
    fakeKioskApi({ submitNewCredentials: async () => failure({ code: 'VALIDATION_FAILED', field: 'phone' }) });
    const step = await mountCredentials();
    await fillValid(step);
    await step.submit();
    await click(buttonByText(step.wrapper, 'Kirim Kode OTP'));
    expect(step.wrapper.get('dl').text()).toContain('Nomor handphone ini tidak dapat digunakan. Gunakan nomor lain.');
    expect(alertText(step.wrapper)).toBe('Data yang dimasukkan belum benar. Periksa kembali isian Anda.');
    expect(step.wizard.screen).toBe('check-credentials');
  });

  it('the backend down: "Coba lagi" sends exactly what was typed, nothing retyped', async () => {
    const api = fakeKioskApi({ submitNewCredentials: async () => failure({ code: 'BACKEND_UNAVAILABLE' }) });
    const step = await mountCredentials();
    await fillValid(step);
    await step.submit();
    await click(buttonByText(step.wrapper, 'Kirim Kode OTP'));
    expect(alertText(step.wrapper)).toBe('Layanan sedang tidak dapat dihubungi. Silakan coba lagi. Untuk bantuan, tanyakan kepada petugas di loket.');
    api.submitNewCredentials.mockResolvedValue({ ok: true, value: challenge() });
    await click(buttonByText(step.wrapper, 'Coba lagi'));
    expect(api.submitNewCredentials).toHaveBeenCalledTimes(2);
    expect(api.submitNewCredentials.mock.calls[1]?.[0]).toEqual(api.submitNewCredentials.mock.calls[0]?.[0]);
    expect(step.wizard.screen).toBe('otp');
  });

  it('once sent: Back to the check says so and returns to Verifikasi without sending again; an edit sends the new details', async () => {
    const api = fakeKioskApi({ submitNewCredentials: async () => ({ ok: true, value: challenge({ destinationMasked: '08*****0011' }) }) });
    const step = await mountCredentials();
    await fillValid(step);
    await step.submit();
    await click(buttonByText(step.wrapper, 'Kirim Kode OTP'));
    await click(buttonByText(step.wrapper, 'Kembali'));
    expect(step.wizard.screen).toBe('check-credentials');
    expect(statusText(step.wrapper)).toContain('Kode OTP sudah dikirim ke 08*****0011.');
    await click(buttonByText(step.wrapper, 'Masukkan Kode OTP'));
    expect(step.wizard.screen).toBe('otp');
    expect(api.submitNewCredentials).toHaveBeenCalledTimes(1);

    await click(buttonByText(step.wrapper, 'Kembali'));
    await click(buttonByText(step.wrapper, 'Ubah'));
    expect(step.phone().readOnly).toBe(false);
    expect(statusText(step.wrapper)).toContain('kode baru akan dikirim');
    await type(step.phone(), '081377770022');
    await step.submit();
    await click(buttonByText(step.wrapper, 'Kirim Kode OTP'));
    expect(api.submitNewCredentials).toHaveBeenCalledTimes(2);
    expect(api.submitNewCredentials.mock.calls[1]?.[0]).toMatchObject({ phone: '081377770022' });
    expect(step.wizard.screen).toBe('otp');
  });

  it('"Check your details" speaks English', async () => {
    fakeKioskApi();
    const mounted = await mountKiosk(RecoveryWizard, {
      history: ['sign-in', 'recovery-options', 'identity', 'new-credentials'],
      locale: 'en',
      prepare: ({ wizard }) => {
        wizard.path = 'identity';
        wizard.started = true;
      },
    });
    const w = mounted.wrapper;
    await type(inputByLabel(w, 'New mobile number'), NEW_DETAILS.phone);
    await type(inputByLabel(w, 'New e-mail address'), NEW_DETAILS.email);
    await type(inputByLabel(w, 'New password'), NEW_DETAILS.password);
    await type(inputByLabel(w, 'Confirm password'), NEW_DETAILS.password);
    await click(buttonByText(w, 'Continue'));
    expect(w.get('h1').text()).toBe('Check your details');
    expect(w.get('dl').text()).toContain(`SMS to ${NEW_DETAILS.phone}`);
    expect(buttonByText(w, 'Send the code')).toBeTruthy();
    expect(buttonByText(w, 'Change')).toBeTruthy();
  });
});
