// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { ok } from '../../../../../src-shared/errors';
import RecoveryWizard from '../../../../../src-renderer/src/steps/RecoveryWizard.vue';
import { alertText, buttonByText, challenge, click, descriptionOf, failure, fakeKioskApi, inputByLabel, mountKiosk, type } from '../testKit';

async function mountContact(path: 'phone' | 'email') {
  return mountKiosk(RecoveryWizard, {
    history: ['sign-in', 'recovery-options', path === 'phone' ? 'recovery-phone' : 'recovery-email'],
    prepare: ({ wizard }) => {
      wizard.path = path;
    },
  });
}

describe('RegisteredContactStep', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('phone: checks the number as typed (08…, 628…, +628…), then sends it once and shows Verifikasi', async () => {
    let release: () => void = () => {};
    const api = fakeKioskApi({
      startRecovery: () => new Promise((resolve) => (release = () => resolve(ok(challenge())))),
    });
    const { wrapper, wizard } = await mountContact('phone');
    expect(wrapper.text()).toContain('Melalui Nomor Handphone');
    const phone = inputByLabel(wrapper, 'Nomor Handphone');
    expect(phone.placeholder).toBe('Masukkan nomor handphone');
    await type(phone, '0215551234', { blur: true });
    expect(phone.getAttribute('aria-invalid')).toBe('true');
    expect(descriptionOf(phone)).toContain('Masukkan nomor handphone Indonesia yang benar (08…, 628… atau +628…).');
    for (const form of ['081234562797', '6281234562797', '+62 812-3456-2797']) {
      await type(phone, form);
      expect(phone.getAttribute('aria-invalid')).toBe('false');
    }
    await type(phone, ' 081234562797 ');
    await click(buttonByText(wrapper, 'Lanjutkan'));
    await click(buttonByText(wrapper, 'Lanjutkan'));
    expect(api.startRecovery).toHaveBeenCalledTimes(1);
    expect(api.startRecovery).toHaveBeenCalledWith({ path: 'phone', destination: '081234562797' });
    expect(buttonByText(wrapper, 'Lanjutkan').disabled).toBe(true);
    release();
    await click(wrapper.element as HTMLElement);
    expect(wizard.screen).toBe('otp');
    expect(wizard.challenge?.destinationMasked).toBe('08*****2797');
  });

  it('email: checks the address and sends it', async () => {
    const api = fakeKioskApi();
    const { wrapper, wizard } = await mountContact('email');
    const email = inputByLabel(wrapper, 'Email');
    expect(email.placeholder).toBe('Masukkan email');
    await type(email, 'siti.rahayu@', { blur: true });
    expect(descriptionOf(email)).toBe('Masukkan alamat email yang benar.');
    await click(buttonByText(wrapper, 'Lanjutkan'));
    expect(api.startRecovery).not.toHaveBeenCalled();
    await type(email, 'siti.rahayu@example.com');
    await click(buttonByText(wrapper, 'Lanjutkan'));
    expect(api.startRecovery).toHaveBeenCalledWith({ path: 'email', destination: 'siti.rahayu@example.com' });
    expect(wizard.screen).toBe('otp');
  });

  it('backend down: a localised message and "Coba lagi", which sends the same number again', async () => {
    const api = fakeKioskApi({ startRecovery: async () => failure({ code: 'BACKEND_UNAVAILABLE' }) });
    const { wrapper, wizard } = await mountContact('phone');
    await type(inputByLabel(wrapper, 'Nomor Handphone'), '081234562797');
    await click(buttonByText(wrapper, 'Lanjutkan'));
    expect(alertText(wrapper)).toBe('Layanan sedang tidak dapat dihubungi. Silakan coba lagi. Untuk bantuan, tanyakan kepada petugas di loket.');
    expect(wizard.screen).toBe('recovery-phone');
    api.startRecovery.mockResolvedValue(ok(challenge()));
    await click(buttonByText(wrapper, 'Coba lagi'));
    expect(api.startRecovery).toHaveBeenCalledTimes(2);
    expect(api.startRecovery).toHaveBeenLastCalledWith({ path: 'phone', destination: '081234562797' });
    expect(wizard.screen).toBe('otp');
  });

  it('back from Verifikasi with the same number goes forward without sending another code; a new number sends one', async () => {
    const api = fakeKioskApi();
    const { wrapper, wizard } = await mountContact('phone');
    await type(inputByLabel(wrapper, 'Nomor Handphone'), '081234562797');
    await click(buttonByText(wrapper, 'Lanjutkan'));
    expect(wizard.screen).toBe('otp');
    await click(buttonByText(wrapper, 'Kembali'));
    expect(inputByLabel(wrapper, 'Nomor Handphone').value).toBe('081234562797');
    await click(buttonByText(wrapper, 'Lanjutkan'));
    expect(wizard.screen).toBe('otp');
    expect(api.startRecovery).toHaveBeenCalledTimes(1);
    await click(buttonByText(wrapper, 'Kembali'));
    await type(inputByLabel(wrapper, 'Nomor Handphone'), '081288488955');
    await click(buttonByText(wrapper, 'Lanjutkan'));
    expect(api.startRecovery).toHaveBeenCalledTimes(2);
  });
});
