// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import RecoveryWizard from '../../../../../src-renderer/src/steps/RecoveryWizard.vue';
import { buttonByText, click, fakeKioskApi, mountKiosk } from '../testKit';

async function mountDone(path: 'phone' | 'identity', locale: 'id' | 'en' = 'id') {
  return mountKiosk(RecoveryWizard, {
    history: ['sign-in', 'recovery-options'],
    locale,
    prepare: ({ wizard }) => {
      wizard.path = path;
      wizard.finish('PLH-2026-ABC123');
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

  it('identity path: says the contacts were replaced', async () => {
    fakeKioskApi();
    const { wrapper } = await mountDone('identity');
    expect(wrapper.text()).toContain('Nomor handphone dan email akun Anda telah diganti dengan yang baru.');
  });

  it('back to "Masuk" with nothing of the recovery left', async () => {
    fakeKioskApi();
    const { wrapper, wizard } = await mountDone('phone');
    await click(buttonByText(wrapper, 'Kembali ke halaman Masuk'));
    expect(wizard.screen).toBe('sign-in');
    expect(wizard.reference).toBeUndefined();
    expect(wizard.path).toBeUndefined();
  });

  it('speaks English', async () => {
    fakeKioskApi();
    const { wrapper } = await mountDone('phone', 'en');
    expect(wrapper.get('h1').text()).toBe('Account recovered');
    expect(buttonByText(wrapper, 'Back to Sign in')).toBeTruthy();
  });
});
