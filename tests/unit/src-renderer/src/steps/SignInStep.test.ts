// @vitest-environment happy-dom
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia, type Pinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SignInRequest, SignedInView } from '../../../../../src-shared/contract';
import { fail, ok, type Result } from '../../../../../src-shared/errors';
import { setKioskApi } from '../../../../../src-renderer/src/bridge';
import { createKioskI18n } from '../../../../../src-renderer/src/i18n';
import SignInStep from '../../../../../src-renderer/src/steps/SignInStep.vue';
import { useWizardStore } from '../../../../../src-renderer/src/stores/wizard';
import { fakeKioskApi, SITI, type FakeKioskApi } from '../testKit';

let pinia: Pinia;
let i18n: ReturnType<typeof createKioskI18n>;
let wrapper: VueWrapper | undefined;
let api: FakeKioskApi;

function render(signIn: (req: SignInRequest) => Promise<Result<SignedInView>> = async () => fail('INVALID_CREDENTIALS')) {
  api = fakeKioskApi({ signIn });
  wrapper = mount(SignInStep, { global: { plugins: [pinia, i18n] }, attachTo: document.body });
  return wrapper;
}

/** The input a label points at, found the way a screen reader does: label[for] → id. */
function inputLabelled(w: VueWrapper, text: string) {
  const label = w.findAll('label').find((l) => l.text() === text);
  if (!label) throw new Error(`no label "${text}"`);
  const id = label.attributes('for');
  expect(id).toBeTruthy();
  const input = w.find<HTMLInputElement>(`input[id="${id}"]`);
  expect(input.exists()).toBe(true);
  return input;
}

function button(w: VueWrapper, text: string) {
  const b = w.findAll('button').find((x) => x.text() === text);
  if (!b) throw new Error(`no button "${text}"`);
  return b;
}

/**
 * vee-validate batches schema validation in 5 ms windows and validates
 * asynchronously (yup); the form's rules load on first use (a dynamic import).
 */
async function settle() {
  for (let i = 0; i < 3; i++) {
    await flushPromises();
    await vi.dynamicImportSettled();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await flushPromises();
}

async function submit(w: VueWrapper) {
  await w.find('form').trigger('submit');
  await settle();
}

const SITI_VIEW: SignedInView = SITI.signedIn;

beforeEach(() => {
  pinia = createPinia();
  setActivePinia(pinia);
  i18n = createKioskI18n('id');
});

afterEach(() => {
  wrapper?.unmount();
  wrapper = undefined;
  setKioskApi(undefined);
});

describe('SignInStep (seed screen 1, "Masuk")', () => {
  it("shows the seed's texts for the heading, labels, placeholders and buttons", () => {
    const w = render();
    expect(w.find('h1').text()).toBe('Masuk');
    expect(inputLabelled(w, 'Email atau nomor handphone').attributes('placeholder')).toBe('Masukkan email atau nomor handphone');
    expect(inputLabelled(w, 'Password').attributes('placeholder')).toBe('Masukkan password');
    for (const text of ['Kendala Masuk ke Akun?', 'Masuk', 'Daftar Sekarang', 'Kunjungi Pusat Bantuan']) {
      expect(button(w, text).exists()).toBe(true);
    }
    expect(w.text()).toContain('Belum memiliki akun?');
    expect(w.text()).toContain('LUPA EMAIL / NO. HP? SEKARANG MUDAH LOH!');
  });

  it('labels each input with its own id, and hides the password by default', () => {
    const w = render();
    const identifier = inputLabelled(w, 'Email atau nomor handphone');
    const password = inputLabelled(w, 'Password');
    expect(identifier.attributes('id')).not.toBe(password.attributes('id'));
    expect(password.attributes('type')).toBe('password');
    expect(identifier.attributes('aria-invalid')).toBe('false');
  });

  it('submitting empty shows both required messages, tied to their inputs, and calls nothing', async () => {
    const w = render();
    await submit(w);
    const cases = [
      ['Email atau nomor handphone', 'Email atau nomor handphone wajib diisi.'],
      ['Password', 'Password wajib diisi.'],
    ] as const;
    for (const [label, message] of cases) {
      const input = inputLabelled(w, label);
      expect(input.attributes('aria-invalid')).toBe('true');
      const describedBy = input.attributes('aria-describedby');
      expect(describedBy).toBeTruthy();
      const described = describedBy!.split(' ').map((id) => document.getElementById(id)?.textContent?.trim());
      expect(described).toContain(message);
    }
    expect(api.signIn).not.toHaveBeenCalled();
  });

  it.each(['abc', '021 5550 1234', '+1 415 555 0123', 'siti@example'])(
    'an invalid identifier (%j) shows the format message and never calls the API',
    async (typed) => {
      const w = render();
      await inputLabelled(w, 'Email atau nomor handphone').setValue(typed);
      await inputLabelled(w, 'Password').setValue('Lama#2024a');
      await submit(w);
      expect(w.text()).toContain('Masukkan email yang benar atau nomor handphone Indonesia (08…, 628…, +628…).');
      expect(inputLabelled(w, 'Email atau nomor handphone').attributes('aria-invalid')).toBe('true');
      expect(api.signIn).not.toHaveBeenCalled();
    },
  );

  it('sends the trimmed identifier and the password as typed', async () => {
    const w = render(async () => ok(SITI_VIEW));
    await inputLabelled(w, 'Email atau nomor handphone').setValue('  0812-3456-2797 ');
    await inputLabelled(w, 'Password').setValue(' Lama#2024a');
    await submit(w);
    expect(api.signIn).toHaveBeenCalledTimes(1);
    expect(api.signIn).toHaveBeenCalledWith({ identifier: '0812-3456-2797', password: ' Lama#2024a' });
  });

  it("a wrong password shows 'Sisa percobaan: 3' in an alert and clears the password", async () => {
    const w = render(async () => fail('INVALID_CREDENTIALS', { attemptsRemaining: 3 }));
    await inputLabelled(w, 'Email atau nomor handphone').setValue('081234562797');
    await inputLabelled(w, 'Password').setValue('Salah#123');
    await submit(w);
    const alert = w.find('[role="alert"]');
    expect(alert.text()).toContain('Sisa percobaan: 3');
    expect(alert.text()).toBe('Email/nomor handphone atau password salah. Sisa percobaan: 3.');
    expect(inputLabelled(w, 'Password').element.value).toBe('');
    // The cleared field is not blamed: the citizen did type a password.
    expect(inputLabelled(w, 'Password').attributes('aria-invalid')).toBe('false');
    expect(w.text()).not.toContain('Password wajib diisi.');
    expect(inputLabelled(w, 'Email atau nomor handphone').element.value).toBe('081234562797');
    expect(useWizardStore().screen).toBe('sign-in');
  });

  it('a locked account says so in the alert', async () => {
    const w = render(async () => fail('ACCOUNT_LOCKED'));
    await inputLabelled(w, 'Email atau nomor handphone').setValue('081234562797');
    await inputLabelled(w, 'Password').setValue('Salah#123');
    await submit(w);
    expect(w.find('[role="alert"]').text()).toBe(
      'Akun dikunci sementara karena terlalu banyak salah password. Pulihkan akun Anda lewat "Kendala Masuk ke Akun?".',
    );
  });

  it('an outage says who helps next, and offers no "Coba lagi" (the password is already cleared)', async () => {
    const w = render(async () => fail('BACKEND_UNAVAILABLE'));
    await inputLabelled(w, 'Email atau nomor handphone').setValue('081234562797');
    await inputLabelled(w, 'Password').setValue('Lama#2024a');
    await submit(w);
    expect(w.find('[role="alert"]').text()).toBe(
      'Layanan sedang tidak dapat dihubungi. Silakan coba lagi. Untuk bantuan, hubungi Pusat Bantuan Kemnaker di 1500 630 atau kunjungi bantuan.kemnaker.go.id.',
    );
    expect(w.findAll('button').map((b) => b.text())).not.toContain('Coba lagi');
  });

  it('the fourth wrong password says that one more locks the account, and where recovery is', async () => {
    const w = render(async () => fail('INVALID_CREDENTIALS', { attemptsRemaining: 1 }));
    await inputLabelled(w, 'Email atau nomor handphone').setValue('081234562797');
    await inputLabelled(w, 'Password').setValue('Salah#123');
    await submit(w);
    expect(w.find('[role="alert"]').text()).toBe(
      'Email/nomor handphone atau password salah. Sisa percobaan: 1. Bila salah sekali lagi, akun dikunci sementara; lupa password? Pilih "Kendala Masuk ke Akun?".',
    );
    // The alert has focus: the citizen hears it, and focus is not lost to <body>.
    expect(document.activeElement).toBe(w.find('[role="alert"]').element);
  });

  it('"Kendala Masuk ke Akun?" is a full-width button like "Masuk", not a link', () => {
    const w = render();
    const trouble = button(w, 'Kendala Masuk ke Akun?');
    expect(trouble.classes()).toEqual(expect.arrayContaining(['button', 'button--block']));
    expect(trouble.classes()).not.toContain('link');
  });

  it('an empty submit shows "Ada masalah" with a link per field, focused, and titles the window "Galat: Masuk – Pulih"', async () => {
    const w = render();
    expect(document.title).toBe('Masuk – Pulih');
    await submit(w);
    const summary = w.find('.error-summary');
    expect(summary.exists()).toBe(true);
    expect(document.activeElement).toBe(summary.element);
    expect(summary.find('h2').text()).toBe('Ada masalah');
    expect(summary.findAll('a').map((a) => a.text())).toEqual([
      'Email atau nomor handphone: Email atau nomor handphone wajib diisi.',
      'Password: Password wajib diisi.',
    ]);
    await summary.findAll('a')[1]!.trigger('click');
    expect(document.activeElement).toBe(inputLabelled(w, 'Password').element);
    expect(document.title).toBe('Galat: Masuk – Pulih');
    i18n.global.locale.value = 'en';
    await settle();
    expect(w.find('.error-summary h2').text()).toBe('There is a problem');
    expect(document.title).toBe('Error: Sign in – Pulih');
  });

  it('a citizen who taps a field while an empty submit is still being checked keeps focus there; "Ada masalah" still shows', async () => {
    const w = render();
    const field = inputLabelled(w, 'Email atau nomor handphone');
    void w.find('form').trigger('submit');
    // The rules may still be loading (they arrive on first use): the citizen has moved on to the field.
    (field.element as HTMLInputElement).focus();
    await settle();
    expect(w.find('.error-summary').exists()).toBe(true);
    expect(document.activeElement).toBe(field.element);
  });

  it('while the answer is awaited the fields are locked and "Memeriksa data…" is said', async () => {
    let resolve: (r: Result<SignedInView>) => void = () => {};
    const w = render(() => new Promise((r) => (resolve = r)));
    await inputLabelled(w, 'Email atau nomor handphone').setValue('081234562797');
    await inputLabelled(w, 'Password').setValue('Lama#2024a');
    await submit(w);
    expect(w.find('[role="status"]').text()).toBe('Memeriksa data…');
    expect(w.find('fieldset').attributes('disabled')).toBeDefined();
    resolve(fail('INVALID_CREDENTIALS', { attemptsRemaining: 4 }));
    await settle();
    expect(w.find('[role="status"]').text()).toBe('');
    expect(w.find('fieldset').attributes('disabled')).toBeUndefined();
  });

  it('a success switches the wizard to signed-in with the masked view, and keeps no password', async () => {
    const w = render(async () => ok(SITI_VIEW));
    await inputLabelled(w, 'Email atau nomor handphone').setValue('siti.rahayu@example.com');
    await inputLabelled(w, 'Password').setValue('Lama#2024a');
    await submit(w);
    const wizard = useWizardStore();
    expect(wizard.screen).toBe('signed-in');
    expect(wizard.signedIn).toEqual(SITI_VIEW);
    expect(inputLabelled(w, 'Password').element.value).toBe('');
    expect(w.find('[role="alert"]').text()).toBe('');
  });

  it('ignores a second submit while the first is pending', async () => {
    let resolve: (r: Result<SignedInView>) => void = () => {};
    const w = render(() => new Promise((r) => (resolve = r)));
    await inputLabelled(w, 'Email atau nomor handphone').setValue('081234562797');
    await inputLabelled(w, 'Password').setValue('Lama#2024a');
    await submit(w);
    expect(button(w, 'Masuk').attributes('disabled')).toBeDefined();
    await submit(w);
    expect(api.signIn).toHaveBeenCalledTimes(1);
    resolve(ok(SITI_VIEW));
    await settle();
    expect(useWizardStore().screen).toBe('signed-in');
  });

  it('the show/hide toggle flips the input type, its label and aria-pressed', async () => {
    const w = render();
    const password = () => inputLabelled(w, 'Password');
    const toggle = () => w.find('button[aria-pressed]');
    expect(toggle().attributes('aria-label')).toBe('Tampilkan password');
    expect(toggle().attributes('aria-pressed')).toBe('false');
    await password().setValue('Lama#2024a');
    await toggle().trigger('click');
    expect(password().attributes('type')).toBe('text');
    expect(toggle().attributes('aria-label')).toBe('Sembunyikan password');
    expect(toggle().attributes('aria-pressed')).toBe('true');
    expect(password().element.value).toBe('Lama#2024a');
    await toggle().trigger('click');
    expect(password().attributes('type')).toBe('password');
    expect(toggle().attributes('aria-label')).toBe('Tampilkan password');
  });

  it('switching the language to English keeps what was typed and translates the form', async () => {
    const w = render();
    await inputLabelled(w, 'Email atau nomor handphone').setValue('081234562797');
    i18n.global.locale.value = 'en';
    await settle();
    expect(w.find('h1').text()).toBe('Sign in');
    const identifier = inputLabelled(w, 'E-mail or mobile number');
    expect(identifier.element.value).toBe('081234562797');
    expect(identifier.attributes('placeholder')).toBe('Enter your e-mail or mobile number');
    expect(button(w, 'Sign in').exists()).toBe(true);
  });

  it('validation messages follow the language switch', async () => {
    const w = render();
    await submit(w);
    expect(w.text()).toContain('Email atau nomor handphone wajib diisi.');
    i18n.global.locale.value = 'en';
    await settle();
    expect(w.text()).toContain('Enter your e-mail or mobile number.');
    expect(w.text()).not.toContain('wajib diisi');
  });

  it.each([
    ['Kendala Masuk ke Akun?', 'recovery-options'],
    ['Daftar Sekarang', 'info-register'],
    ['Kunjungi Pusat Bantuan', 'info-help'],
  ] as const)('"%s" leads to the %s screen', async (text, screen) => {
    const w = render();
    await button(w, text).trigger('click');
    expect(useWizardStore().screen).toBe(screen);
    expect(api.signIn).not.toHaveBeenCalled();
  });
});
