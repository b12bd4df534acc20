// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { Result } from '../../../../../src-shared/errors';
import RecoveryWizard from '../../../../../src-renderer/src/steps/RecoveryWizard.vue';
import { alertText, buttonByText, click, descriptionOf, failure, fakeKioskApi, inputByLabel, mountKiosk, settle, SITI, statusText, type } from '../testKit';

const HISTORY = ['sign-in', 'recovery-options', 'identity'] as const;

async function mountIdentity(options: { assisted?: boolean } = {}) {
  const mounted = await mountKiosk(RecoveryWizard, {
    history: [...HISTORY],
    prepare: ({ wizard, kiosk }) => {
      wizard.path = 'identity';
      if (options.assisted === false && kiosk.info) kiosk.info = { ...kiosk.info, mode: 'self-service' };
    },
  });
  const w = mounted.wrapper;
  return {
    ...mounted,
    nik: () => inputByLabel(w, 'Nomor Induk Kependudukan (No. KTP)'),
    fullName: () => inputByLabel(w, 'Nama Lengkap'),
    mother: () => inputByLabel(w, 'Nama Ibu Kandung'),
    idCard: () => inputByLabel(w, 'KTP asli telah diperiksa petugas'),
    submit: () => click(buttonByText(w, 'Lanjutkan')),
  };
}

async function fill(step: Awaited<ReturnType<typeof mountIdentity>>, person: { nik: string; fullName: string; mother: string } = SITI, tick = true) {
  await type(step.nik(), person.nik);
  await type(step.fullName(), person.fullName);
  await type(step.mother(), person.mother);
  if (tick) {
    step.idCard().click();
    await type(step.mother(), person.mother);
  }
}

describe('IdentityStep (seed screen 3)', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it("shows the seed's title, notices, labels and placeholders", async () => {
    fakeKioskApi();
    const step = await mountIdentity();
    const text = step.wrapper.text();
    expect(step.wrapper.get('h1').text()).toBe('Pemulihan Akun');
    expect(step.wrapper.get('h1').attributes('tabindex')).toBe('-1');
    expect(text).toContain(
      'Opsi pemulihan akun dengan melalui verifikasi identitas hanya bisa dicoba sebanyak 3x dalam waktu 24 jam. Pastikan Anda menggunakan data identitas yang benar.',
    );
    expect(step.nik().placeholder).toBe('Masukkan nomor induk kependudukan');
    expect(step.fullName().placeholder).toBe('Masukkan nama lengkap');
    expect(step.mother().placeholder).toBe('Masukkan nama ibu kandung');
    expect(descriptionOf(step.mother())).toBe(
      'Kami tidak menyimpan data ibu kandung Anda. Data ini hanya digunakan untuk memverifikasi identitas Anda.',
    );
    expect(buttonByText(step.wrapper, 'Lanjutkan').type).toBe('submit');
    expect(buttonByText(step.wrapper, 'Kembali')).toBeTruthy();
    expect(buttonByText(step.wrapper, 'Batal')).toBeTruthy();
  });

  it('checks the NIK structure as typed, once the field was left: length, province, date (+40 for women), serial', async () => {
    fakeKioskApi();
    const step = await mountIdentity();
    await type(step.nik(), '99710141019000');
    expect(step.nik().getAttribute('aria-invalid')).toBe('false'); // not yet left
    await type(step.nik(), '99710141019000', { blur: true });
    expect(descriptionOf(step.nik())).toBe('NIK terdiri dari 16 angka.');
    await type(step.nik(), '9971014101900001');
    expect(descriptionOf(step.nik())).toBe('Kode provinsi pada NIK tidak dikenal.');
    await type(step.nik(), '3171017202900001');
    expect(descriptionOf(step.nik())).toBe('Tanggal lahir pada NIK tidak valid.');
    await type(step.nik(), '3171014101900000');
    expect(descriptionOf(step.nik())).toBe('Nomor urut pada NIK tidak valid.');
    await type(step.nik(), '3171 0141-0190.0001');
    expect(step.nik().value).toBe('3171014101900001');
    expect(step.nik().getAttribute('aria-invalid')).toBe('false');
  });

  it('on submit marks every missing field, and in assisted mode asks for the KTP check', async () => {
    const api = fakeKioskApi();
    const step = await mountIdentity();
    await step.submit();
    expect(descriptionOf(step.nik())).toBe('NIK wajib diisi.');
    expect(descriptionOf(step.fullName())).toBe('Nama lengkap wajib diisi.');
    expect(descriptionOf(step.mother())).toContain('Nama ibu kandung wajib diisi.');
    expect(step.idCard().getAttribute('aria-invalid')).toBe('true');
    expect(descriptionOf(step.idCard())).toBe('Petugas harus memeriksa KTP asli terlebih dahulu.');
    expect(api.verifyIdentity).not.toHaveBeenCalled();
  });

  it('sends the trimmed identity once, clears the mother’s maiden name, and moves to seed screen 4', async () => {
    let release: () => void = () => {};
    const api = fakeKioskApi({
      verifyIdentity: () => new Promise((resolve) => (release = () => resolve({ ok: true, value: null }))),
    });
    const step = await mountIdentity();
    await fill(step, { ...SITI, fullName: ' SITI RAHAYU ' });
    await step.submit();
    // Pending: the button is disabled and a second press sends nothing.
    expect(buttonByText(step.wrapper, 'Lanjutkan').disabled).toBe(true);
    await step.submit();
    expect(api.verifyIdentity).toHaveBeenCalledTimes(1);
    expect(api.verifyIdentity).toHaveBeenCalledWith({ nik: SITI.nik, fullName: 'SITI RAHAYU', motherMaidenName: 'AMINAH', idCardChecked: true });
    release();
    await step.submit(); // lets the result land
    expect(step.wizard.screen).toBe('new-credentials');
    expect(step.wizard.started).toBe(true);
  });

  it('does not send idCardChecked in self-service mode, where there is no officer', async () => {
    const api = fakeKioskApi();
    const step = await mountIdentity({ assisted: false });
    expect(step.wrapper.text()).not.toContain('KTP asli telah diperiksa petugas');
    await fill(step, SITI, false);
    await step.submit();
    expect(api.verifyIdentity).toHaveBeenCalledWith({ nik: SITI.nik, fullName: 'SITI RAHAYU', motherMaidenName: 'AMINAH' });
  });

  it('a mismatch shows the tries left, never which field, and forgets the mother’s maiden name', async () => {
    fakeKioskApi({ verifyIdentity: async () => failure({ code: 'IDENTITY_MISMATCH', attemptsRemaining: 2 }) });
    const step = await mountIdentity();
    await fill(step);
    await step.submit();
    expect(alertText(step.wrapper)).toBe('Data identitas tidak cocok. Sisa percobaan: 2.');
    expect(step.mother().value).toBe('');
    expect(step.nik().value).toBe(SITI.nik);
    expect(step.fullName().value).toBe('SITI RAHAYU');
    // No field is marked: the message must not hint at which one was wrong.
    expect(step.wrapper.findAll('[aria-invalid="true"]')).toHaveLength(0);
    expect(step.wizard.screen).toBe('identity');
  });

  it('the third failure says until when the NIK is locked', async () => {
    const lockedUntil = new Date(Date.now() + 24 * 3600_000);
    fakeKioskApi({
      verifyIdentity: async () => failure({ code: 'IDENTITY_MISMATCH', attemptsRemaining: 0, lockedUntil: lockedUntil.toISOString() }),
    });
    const step = await mountIdentity();
    await fill(step);
    await step.submit();
    const day = lockedUntil.toLocaleDateString('id-ID', { day: 'numeric', month: 'long', year: 'numeric' });
    const time = lockedUntil.toLocaleTimeString('id-ID', { hour: '2-digit', minute: '2-digit' });
    expect(alertText(step.wrapper)).toBe(`Data identitas tidak cocok. Verifikasi identitas untuk NIK ini dikunci hingga ${day} ${time}. Untuk bantuan, tanyakan kepada petugas di loket.`);
  });

  it('a locked NIK says until when, in English too', async () => {
    const lockedUntil = new Date(Date.now() + 5 * 3600_000);
    fakeKioskApi({ verifyIdentity: async () => failure({ code: 'IDENTITY_LOCKED', attemptsRemaining: 0, lockedUntil: lockedUntil.toISOString() }) });
    const step = await mountIdentity();
    await fill(step);
    await step.submit();
    expect(alertText(step.wrapper)).toMatch(/^Verifikasi identitas untuk NIK ini dikunci hingga .+\.$/);
    step.i18n.global.locale.value = 'en';
    await click(step.wrapper.element as HTMLElement);
    expect(alertText(step.wrapper)).toMatch(/^Identity verification for this NIK is locked until .+\.$/);
  });

  it('a backend that cannot be reached: a retry with everything still typed, the mother’s name included', async () => {
    const api = fakeKioskApi({ verifyIdentity: async () => failure({ code: 'BACKEND_UNAVAILABLE' }) });
    const step = await mountIdentity();
    await fill(step);
    await step.submit();
    expect(alertText(step.wrapper)).toBe('Layanan sedang tidak dapat dihubungi. Silakan coba lagi. Untuk bantuan, tanyakan kepada petugas di loket.');
    expect(step.mother().value).toBe('AMINAH');
    api.verifyIdentity.mockResolvedValue({ ok: true, value: null });
    await click(buttonByText(step.wrapper, 'Coba lagi'));
    expect(api.verifyIdentity).toHaveBeenCalledTimes(2);
    expect(api.verifyIdentity.mock.calls[1]?.[0]).toEqual(api.verifyIdentity.mock.calls[0]?.[0]);
    expect(step.wizard.screen).toBe('new-credentials');
  });

  it('a locked NIK at a self-service kiosk says whom to call next: the Pusat Bantuan line', async () => {
    fakeKioskApi({ verifyIdentity: async () => failure({ code: 'IDENTITY_LOCKED' }) });
    const step = await mountIdentity({ assisted: false });
    await fill(step, SITI, false);
    await step.submit();
    expect(alertText(step.wrapper)).toBe(
      'Verifikasi identitas untuk NIK ini dikunci. Untuk bantuan, hubungi Pusat Bantuan Kemnaker di 1500 630 atau kunjungi bantuan.kemnaker.go.id.',
    );
  });

  it('a submit with invalid fields: "Ada masalah" at the top, focused, a link per message that moves focus to its field', async () => {
    const api = fakeKioskApi();
    const step = await mountIdentity();
    await type(step.nik(), '123');
    await step.submit();
    const summary = document.querySelector<HTMLElement>('.error-summary');
    expect(summary).not.toBeNull();
    expect(document.activeElement).toBe(summary);
    expect(summary!.querySelector('[role="alert"] h2')?.textContent).toBe('Ada masalah');
    const links = [...summary!.querySelectorAll('a')];
    expect(links.map((a) => a.textContent?.trim())).toEqual([
      'Nomor Induk Kependudukan (No. KTP): NIK terdiri dari 16 angka.',
      'Nama Lengkap: Nama lengkap wajib diisi.',
      'Nama Ibu Kandung: Nama ibu kandung wajib diisi.',
      'KTP asli telah diperiksa petugas: Petugas harus memeriksa KTP asli terlebih dahulu.',
    ]);
    await click(links[1]!);
    expect(document.activeElement).toBe(step.fullName());
    expect(document.title).toBe('Galat: Pemulihan Akun – Pulih');
    // The list follows the corrections, and goes once nothing is wrong.
    await fill(step);
    expect(step.wrapper.element.ownerDocument.querySelector('.error-summary')).toBeNull();
    expect(document.title).toBe('Pemulihan Akun – Pulih');
    expect(api.verifyIdentity).not.toHaveBeenCalled();
  });

  it('while the answer is awaited: "Memeriksa data…" and locked fields; a failure then takes focus (never <body>)', async () => {
    let answer: (r: Result<null>) => void = () => {};
    fakeKioskApi({ verifyIdentity: () => new Promise((resolve) => (answer = resolve)) });
    const step = await mountIdentity();
    await fill(step);
    await step.submit();
    expect(statusText(step.wrapper)).toBe('Memeriksa data…');
    expect(step.nik().disabled || step.nik().closest('fieldset')?.disabled).toBe(true);
    answer(failure({ code: 'IDENTITY_MISMATCH', attemptsRemaining: 2 }));
    await settle();
    expect(statusText(step.wrapper)).toBe('');
    expect(step.nik().closest('fieldset')?.disabled).toBe(false);
    expect(document.activeElement?.getAttribute('role')).toBe('alert');
    expect(document.activeElement?.textContent).toContain('Data identitas tidak cocok. Sisa percobaan: 2.');
    expect(document.title).toBe('Galat: Pemulihan Akun – Pulih');
  });
});
