// @vitest-environment happy-dom
import { mount, type VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it } from 'vitest';
import { fail, ok } from '../../../../../src-shared/errors';
import { setKioskApi } from '../../../../../src-renderer/src/bridge';
import OperatorSignInStep from '../../../../../src-renderer/src/steps/OperatorSignInStep.vue';
import { useKioskStore } from '../../../../../src-renderer/src/stores/kiosk';
import { createKioskI18n } from '../../../../../src-renderer/src/i18n';
import { fakeKioskApi, settle } from '../testKit';

let wrapper: VueWrapper | undefined;
afterEach(() => {
  wrapper?.unmount();
  setKioskApi(undefined);
});

async function render(api = fakeKioskApi()) {
  setKioskApi(api);
  const pinia = createPinia();
  setActivePinia(pinia);
  await useKioskStore().load();
  wrapper = mount(OperatorSignInStep, { global: { plugins: [pinia, createKioskI18n()] }, attachTo: document.body });
  const [staffId, pin] = wrapper.findAll('input');
  return { w: wrapper, api, staffId: staffId!, pin: pin! };
}

describe('officer sign-in screen', () => {
  it('has the labels of DESIGN.md §5 and, on the training kiosk, the demo officer', async () => {
    const { w } = await render();
    expect(w.find('h1').text()).toBe('Masuk Petugas');
    expect(w.findAll('label').map((l) => l.text())).toEqual(['ID Petugas', 'PIN']);
    expect(w.find('button[type="submit"]').text()).toBe('Masuk Petugas');
    expect(w.text()).toContain('ID PTG001, PIN 246810');
  });

  it('sends the staff id trimmed and upper-cased, and tells the frame', async () => {
    const api = fakeKioskApi({ operatorSignIn: async () => ok({ staffId: 'PTG001', name: 'PETUGAS SATU' }) });
    const { w, staffId, pin } = await render(api);
    await staffId.setValue('  ptg001 ');
    await pin.setValue('246810');
    await w.find('form').trigger('submit');
    // The form checks its fields first (vee-validate validates a few ms later).
    await settle();
    expect(api.operatorSignIn).toHaveBeenCalledWith({ staffId: 'PTG001', pin: '246810' });
    expect(w.emitted('signedIn')).toHaveLength(1);
    expect((pin.element as HTMLInputElement).value).toBe('');
  });

  it('a wrong PIN says so and is cleared', async () => {
    const api = fakeKioskApi({ operatorSignIn: async () => fail('OPERATOR_INVALID') });
    const { w, staffId, pin } = await render(api);
    await staffId.setValue('PTG001');
    await pin.setValue('111111');
    await w.find('form').trigger('submit');
    // The form checks its fields first (vee-validate validates a few ms later).
    await settle();
    expect(w.find('[role="alert"]').text()).toBe('ID Petugas atau PIN salah.');
    expect((pin.element as HTMLInputElement).value).toBe('');
    expect(w.emitted('signedIn')).toBeUndefined();
  });

  it('checks the fields by the contract before calling main', async () => {
    const { w, api, staffId, pin } = await render();
    await staffId.setValue('PTG 001');
    await pin.setValue('12');
    await w.find('form').trigger('submit');
    // The form checks its fields first (vee-validate validates a few ms later).
    await settle();
    expect(w.text()).toContain('ID Petugas hanya berisi huruf dan angka.');
    expect(w.text()).toContain('PIN terdiri dari 4–8 angka.');
    expect(api.operatorSignIn).not.toHaveBeenCalled();
  });
});
