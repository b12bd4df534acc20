// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import RecoveryWizard from '../../../../../src-renderer/src/steps/RecoveryWizard.vue';
import { alertText, buttonByText, click, descriptionOf, failure, fakeKioskApi, inputByLabel, mountKiosk, settle, type } from '../testKit';

async function mountNewPassword() {
  const mounted = await mountKiosk(RecoveryWizard, {
    history: ['sign-in', 'recovery-options', 'recovery-phone', 'new-password'],
    prepare: ({ wizard }) => {
      wizard.path = 'phone';
      wizard.started = true;
    },
  });
  const w = mounted.wrapper;
  return {
    ...mounted,
    password: () => inputByLabel(w, 'Password Baru'),
    confirmation: () => inputByLabel(w, 'Konfirmasi Password'),
    submit: () => click(buttonByText(w, 'Lanjutkan')),
  };
}

describe('NewPasswordStep (phone and e-mail paths)', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('asks for the new password with the live checklist and a confirmation', async () => {
    fakeKioskApi();
    const step = await mountNewPassword();
    expect(step.wrapper.get('h1').text()).toBe('Atur Ulang Password');
    expect(step.password().placeholder).toBe('Masukkan password baru kamu');
    expect(step.wrapper.findAll('li[data-rule]')).toHaveLength(7);
    await type(step.password(), 'Pulih#2026b');
    expect(step.wrapper.findAll('li[data-met="true"]')).toHaveLength(7);
  });

  it('show/hide reveals the password without changing it', async () => {
    fakeKioskApi();
    const step = await mountNewPassword();
    await type(step.password(), 'Pulih#2026b');
    const toggle = buttonByText(step.wrapper, '');
    expect(toggle.getAttribute('aria-label')).toBe('Tampilkan password');
    await click(toggle);
    expect(step.password().type).toBe('text');
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    expect(toggle.getAttribute('aria-label')).toBe('Sembunyikan password');
    expect(step.password().value).toBe('Pulih#2026b');
  });

  it('sends the password once the rules and confirmation are met, and shows the done screen', async () => {
    const api = fakeKioskApi();
    const step = await mountNewPassword();
    await type(step.password(), 'Pulih#2026b');
    await type(step.confirmation(), 'Pulih#2026');
    await step.submit();
    expect(descriptionOf(step.confirmation())).toBe('Konfirmasi password tidak sama dengan password baru.');
    expect(api.setNewPassword).not.toHaveBeenCalled();
    await type(step.confirmation(), 'Pulih#2026b');
    await step.submit();
    expect(api.setNewPassword).toHaveBeenCalledWith({ password: 'Pulih#2026b' });
    expect(step.wizard.screen).toBe('done');
    expect(step.wizard.reference).toBe('PLH-2026-ABC123');
  });

  it('a password the service rejects after five green ticks says why, at the field and in the checklist', async () => {
    fakeKioskApi({ setNewPassword: async () => failure({ code: 'PASSWORD_REJECTED', field: 'password' }) });
    const step = await mountNewPassword();
    // Holds the account's name, which the kiosk does not know on the phone path: the service refuses it.
    await type(step.password(), 'Siti2026!');
    await type(step.confirmation(), 'Siti2026!');
    expect(step.wrapper.findAll('li[data-met="true"]')).toHaveLength(7);
    await step.submit();
    expect(alertText(step.wrapper)).toContain('tidak boleh memuat NIK, nama, nomor handphone atau email Anda');
    expect(descriptionOf(step.password())).toContain(
      'Layanan menolak password ini: password tidak boleh memuat NIK, nama, nomor handphone atau email Anda, dan tidak boleh mudah ditebak.',
    );
    // The checklist no longer shows every rule met, in words a screen reader hears.
    expect(descriptionOf(step.password())).toContain('Tidak memuat NIK, nama, nomor handphone atau email Anda (belum terpenuhi)');
    expect(step.wrapper.findAll('li[data-met="true"]')).toHaveLength(5);
    expect(step.wizard.screen).toBe('new-password');
    // A new password is judged afresh.
    await type(step.password(), 'Pulih#2026b');
    expect(step.wrapper.findAll('li[data-met="true"]')).toHaveLength(7);
  });

  it('the checklist flags the registered phone typed on the first step, and a common password, before any request', async () => {
    const api = fakeKioskApi();
    const step = await mountNewPassword();
    // The number typed on the path's first step (the form keeps it).
    step.wizard.history = ['sign-in', 'recovery-options', 'recovery-phone'];
    await settle();
    await type(inputByLabel(step.wrapper, 'Nomor Handphone'), '0812-3456-2797');
    step.wizard.history = ['sign-in', 'recovery-options', 'recovery-phone', 'new-password'];
    await settle();
    await type(step.password(), 'Ab#081234562797');
    expect(descriptionOf(step.password())).toContain('Tidak memuat NIK, nama, nomor handphone atau email Anda (belum terpenuhi)');
    await type(step.password(), 'Password1!');
    expect(descriptionOf(step.password())).toContain('Bukan password umum yang mudah ditebak (belum terpenuhi)');
    await type(step.confirmation(), 'Password1!');
    await step.submit();
    expect(api.setNewPassword).not.toHaveBeenCalled();
  });

  it('Back leads to the phone step (the used code cannot be entered again)', async () => {
    fakeKioskApi();
    const step = await mountNewPassword();
    await click(buttonByText(step.wrapper, 'Kembali'));
    expect(step.wizard.screen).toBe('recovery-phone');
  });
});
