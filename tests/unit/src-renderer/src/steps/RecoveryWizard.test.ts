// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { nextTick } from 'vue';
import RecoveryWizard from '../../../../../src-renderer/src/steps/RecoveryWizard.vue';
import { buttonByText, click, fakeKioskApi, inputByLabel, mountKiosk, NEW_DETAILS, settle, SITI, type } from '../testKit';


async function throughIdentity() {
  const api = fakeKioskApi();
  const mounted = await mountKiosk(RecoveryWizard, { history: ['sign-in', 'recovery-options'] });
  const w = mounted.wrapper;
  await click(buttonByText(w, /^Melalui Verifikasi Identitas/));
  await type(inputByLabel(w, 'Nomor Induk Kependudukan (No. KTP)'), SITI.nik);
  await type(inputByLabel(w, 'Nama Lengkap'), SITI.fullName);
  await type(inputByLabel(w, 'Nama Ibu Kandung'), SITI.mother);
  await click(inputByLabel(w, 'KTP asli telah diperiksa petugas'));
  await click(buttonByText(w, 'Lanjutkan'));
  expect(mounted.wizard.screen).toBe('new-credentials');
  await type(inputByLabel(w, 'Nomor Handphone Baru'), NEW_DETAILS.phone);
  await type(inputByLabel(w, 'Password Baru'), NEW_DETAILS.password);
  return { ...mounted, api };
}

describe('RecoveryWizard', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('"Batal" ends main\'s session, resets the wizard, and the next visit finds every field empty', async () => {
    const { wrapper, wizard, api } = await throughIdentity();
    await click(buttonByText(wrapper, 'Batal'));
    // It asks first ("Batalkan pemulihan?"): nothing is lost by a slip of the finger.
    expect(api.endSession).not.toHaveBeenCalled();
    await click(buttonByText(wrapper, 'Ya, batalkan'));
    expect(api.endSession).toHaveBeenCalledWith({ reason: 'cancel' });
    expect(wizard.screen).toBe('sign-in');
    expect(wizard.path).toBeUndefined();
    expect(wizard.started).toBe(false);
    // The same wizard component, re-entered (as App.vue would mount it again).
    wizard.startRecovery();
    await click(wrapper.element as HTMLElement);
    await click(buttonByText(wrapper, /^Melalui Verifikasi Identitas/));
    expect(inputByLabel(wrapper, 'Nomor Induk Kependudukan (No. KTP)').value).toBe('');
    expect(inputByLabel(wrapper, 'Nama Lengkap').value).toBe('');
    expect(inputByLabel(wrapper, 'KTP asli telah diperiksa petugas').checked).toBe(false);
  });

  it('Back keeps what was typed on every step; the mother’s maiden name is gone once judged', async () => {
    const { wrapper } = await throughIdentity();
    await click(buttonByText(wrapper, 'Kembali'));
    expect(inputByLabel(wrapper, 'Nomor Induk Kependudukan (No. KTP)').value).toBe(SITI.nik);
    expect(inputByLabel(wrapper, 'Nama Lengkap').value).toBe(SITI.fullName);
    expect(inputByLabel(wrapper, 'Nama Ibu Kandung').value).toBe('');
  });

  it('switching language keeps every value and re-words the messages already shown', async () => {
    const { wrapper, i18n } = await throughIdentity();
    await type(inputByLabel(wrapper, 'Alamat Email Baru'), 'siti.baru@', { blur: true });
    expect(wrapper.text()).toContain('Masukkan alamat email yang benar.');
    i18n.global.locale.value = 'en';
    await click(wrapper.element as HTMLElement);
    expect(wrapper.get('h1').text()).toBe('Reset password');
    expect(inputByLabel(wrapper, 'New mobile number').value).toBe('081377770011');
    expect(inputByLabel(wrapper, 'New e-mail address').value).toBe('siti.baru@');
    expect(inputByLabel(wrapper, 'New password').value).toBe('Pulih#2026b');
    expect(inputByLabel(wrapper, 'New e-mail address').placeholder).toBe('Example: name@domain.com');
    expect(wrapper.text()).toContain('Enter a valid e-mail address.');
  });

  it('holds no secret in any store: no password, no mother’s name, no NIK', async () => {
    const { pinia } = await throughIdentity();
    const state = JSON.stringify(pinia.state.value);
    for (const secret of ['Pulih#2026b', 'AMINAH', SITI.nik, '081377770011']) expect(state).not.toContain(secret);
  });

  it('Back from the options (after a recovery had started) ends main\'s session too', async () => {
    const { wrapper, wizard, api } = await throughIdentity();
    await click(buttonByText(wrapper, 'Kembali'));
    await click(buttonByText(wrapper, 'Kembali'));
    expect(wizard.screen).toBe('recovery-options');
    await click(buttonByText(wrapper, 'Kembali'));
    expect(wizard.screen).toBe('sign-in');
    expect(api.endSession).toHaveBeenCalledWith({ reason: 'cancel' });
  });

  it('a later recovery shows each step it has shown before at once, in the same render, not after an empty frame', async () => {
    const first = await throughIdentity();
    first.wrapper.unmount();
    // The next citizen: App.vue mounts the wizard anew for every recovery.
    const { wrapper, wizard } = await mountKiosk(RecoveryWizard, { history: ['sign-in', 'recovery-options'] });
    wizard.choosePath('identity');
    await nextTick();
    expect(wrapper.find('h1').text()).toBe('Pemulihan Akun');
    expect(inputByLabel(wrapper, 'Nomor Induk Kependudukan (No. KTP)').value).toBe('');
    wizard.identityVerified();
    await nextTick();
    expect(wrapper.find('h1').text()).toBe('Atur Ulang Password');
  });

  it('even the first recovery shows the next step in the render that changes the screen: it loaded while the citizen typed', async () => {
    const { wrapper, wizard } = await mountKiosk(RecoveryWizard, { history: ['sign-in', 'recovery-options'] });
    wizard.choosePath('identity');
    await nextTick();
    expect(inputByLabel(wrapper, 'Nomor Induk Kependudukan (No. KTP)').value).toBe('');
    // The citizen types for a while: the page is idle, the next step's code arrives.
    await settle();
    await vi.dynamicImportSettled();
    await settle();
    wizard.identityVerified();
    await nextTick();
    expect(wrapper.find('h1').text()).toBe('Atur Ulang Password');
  });
});
