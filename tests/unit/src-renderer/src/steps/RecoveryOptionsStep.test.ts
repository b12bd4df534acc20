// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import RecoveryWizard from '../../../../../src-renderer/src/steps/RecoveryWizard.vue';
import { buttonByText, click, fakeKioskApi, inputByLabel, mountKiosk, type } from '../testKit';

describe('RecoveryOptionsStep (seed screen 2)', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it("offers the seed's three options with their hints", async () => {
    fakeKioskApi();
    const { wrapper } = await mountKiosk(RecoveryWizard, { history: ['sign-in', 'recovery-options'] });
    expect(wrapper.get('h1').text()).toBe('Pemulihan Akun');
    expect(wrapper.text()).toContain('Jika Anda memiliki kendala masuk ke Akun, silakan pilih opsi pemulihan akun di bawah.');
    // Each option is named by all it shows, its title first (WCAG 2.5.3: the name holds the visible words).
    const options = wrapper.findAll('button.option').map((b) => ({
      name: b.get('.option__title').text(),
      description: b.get('.option__hint').text(),
      labelledElsewhere: b.attributes('aria-labelledby') !== undefined || b.attributes('aria-label') !== undefined,
    }));
    expect(options).toEqual([
      { name: 'Melalui Nomor Handphone', description: 'Pengaturan ulang password dengan kode OTP yang dikirimkan ke handphone Anda', labelledElsewhere: false },
      { name: 'Melalui Email', description: 'Pengaturan ulang password dengan kode OTP yang dikirimkan ke email Anda', labelledElsewhere: false },
      {
        name: 'Melalui Verifikasi Identitas',
        description: 'Lupa no hp dan email? Anda dapat mengatur ulang no hp, email dan password dengan verifikasi identitas',
        labelledElsewhere: false,
      },
    ]);
  });

  it.each([
    [/^Melalui Nomor Handphone/, 'recovery-phone', 'phone'],
    [/^Melalui Email/, 'recovery-email', 'email'],
    [/^Melalui Verifikasi Identitas/, 'identity', 'identity'],
  ] as const)('%s leads to its first step', async (option, screen, path) => {
    fakeKioskApi();
    const { wrapper, wizard } = await mountKiosk(RecoveryWizard, { history: ['sign-in', 'recovery-options'] });
    await click(buttonByText(wrapper, option));
    expect(wizard.screen).toBe(screen);
    expect(wizard.path).toBe(path);
  });

  it('Back returns to "Masuk"; nothing was started, so main is not bothered', async () => {
    const api = fakeKioskApi();
    const { wrapper, wizard } = await mountKiosk(RecoveryWizard, { history: ['sign-in', 'recovery-options'] });
    await click(buttonByText(wrapper, 'Kembali'));
    expect(wizard.screen).toBe('sign-in');
    expect(api.endSession).not.toHaveBeenCalled();
  });

  it('a different path starts with empty fields; the same path keeps them', async () => {
    fakeKioskApi();
    const { wrapper, wizard } = await mountKiosk(RecoveryWizard, { history: ['sign-in', 'recovery-options'] });
    await click(buttonByText(wrapper, /^Melalui Nomor Handphone/));
    await type(inputByLabel(wrapper, 'Nomor Handphone'), '081234562797');
    await click(buttonByText(wrapper, 'Kembali'));
    await click(buttonByText(wrapper, /^Melalui Nomor Handphone/));
    expect(inputByLabel(wrapper, 'Nomor Handphone').value).toBe('081234562797');
    await click(buttonByText(wrapper, 'Kembali'));
    await click(buttonByText(wrapper, /^Melalui Email/));
    await click(buttonByText(wrapper, 'Kembali'));
    await click(buttonByText(wrapper, /^Melalui Nomor Handphone/));
    expect(wizard.path).toBe('phone');
    expect(inputByLabel(wrapper, 'Nomor Handphone').value).toBe('');
  });
});
