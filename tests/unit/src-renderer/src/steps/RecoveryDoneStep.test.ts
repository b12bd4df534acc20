// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import RecoveryWizard from '../../../../../src-renderer/src/steps/RecoveryWizard.vue';
import { buttonByText, click, DONE, fakeKioskApi, mountKiosk, NEW_DETAILS } from '../testKit';

async function mountDone(path: 'phone' | 'identity', locale: 'id' | 'en' = 'id', done: { reference: string; phoneMasked: string; emailMasked: string } = DONE) {
  return mountKiosk(RecoveryWizard, {
    history: ['sign-in', 'recovery-options'],
    locale,
    prepare: ({ wizard }) => {
      wizard.path = path;
      wizard.finish(done);
    },
  });
}

describe('RecoveryDoneStep', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('"Akun berhasil dipulihkan" with the reference, and the finish recorded in main', async () => {
    const api = fakeKioskApi();
    const { wrapper } = await mountDone('phone');
    expect(wrapper.get('h1').text()).toBe('Akun berhasil dipulihkan');
    expect(wrapper.get('h1').attributes('tabindex')).toBe('-1');
    expect(wrapper.text()).toContain('Nomor referensi');
    expect(wrapper.text()).toContain('PLH-2026-ABC123');
    expect(wrapper.text()).toContain('Silakan masuk dengan password baru Anda.');
    expect(wrapper.text()).not.toContain('telah diganti dengan yang baru');
    expect(api.endSession).toHaveBeenCalledWith({ reason: 'finish' });
  });

  it('identity path: says the contacts were replaced, and shows the new ones, masked', async () => {
    fakeKioskApi();
    const { wrapper } = await mountDone('identity', 'id', { reference: 'PLH-2026-ABC123', phoneMasked: NEW_DETAILS.phoneMasked, emailMasked: NEW_DETAILS.emailMasked });
    expect(wrapper.text()).toContain('Nomor handphone dan email akun Anda telah diganti dengan yang baru.');
    const contacts = wrapper.get('dl');
    expect(contacts.text()).toContain(`Nomor handphone${NEW_DETAILS.phoneMasked}`);
    expect(contacts.text()).toContain(`Email${NEW_DETAILS.emailMasked}`);
    expect(wrapper.text()).toContain(`Nomor referensi juga dikirim lewat SMS ke ${NEW_DETAILS.phoneMasked}.`);
  });

  it("shows the account's phone and e-mail now, masked, and says the reference went to that phone by SMS", async () => {
    fakeKioskApi();
    const { wrapper } = await mountDone('phone');
    expect(wrapper.text()).toContain('Kontak akun Anda sekarang');
    expect(wrapper.get('dl').text()).toContain(DONE.phoneMasked);
    expect(wrapper.get('dl').text()).toContain(DONE.emailMasked);
    expect(wrapper.text()).toContain(`Nomor referensi juga dikirim lewat SMS ke ${DONE.phoneMasked}.`);
  });

  it('back to "Masuk" with nothing of the recovery left', async () => {
    fakeKioskApi();
    const { wrapper, wizard } = await mountDone('phone');
    await click(buttonByText(wrapper, 'Kembali ke halaman Masuk'));
    expect(wizard.screen).toBe('sign-in');
    expect(wizard.reference).toBeUndefined();
    expect(wizard.accountContacts).toBeUndefined();
    expect(wizard.path).toBeUndefined();
  });

  it('speaks English', async () => {
    fakeKioskApi();
    const { wrapper } = await mountDone('phone', 'en');
    expect(wrapper.get('h1').text()).toBe('Account recovered');
    expect(buttonByText(wrapper, 'Back to Sign in')).toBeTruthy();
    expect(wrapper.text()).toContain(`The reference number was also sent by SMS to ${DONE.phoneMasked}.`);
  });
});
