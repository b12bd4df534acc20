// @vitest-environment happy-dom
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import type { KioskApi, KioskInfo } from '../../../../../src-shared/contract';
import { ok } from '../../../../../src-shared/errors';
import { setKioskApi } from '../../../../../src-renderer/src/bridge';
import KioskFrame from '../../../../../src-renderer/src/components/KioskFrame.vue';
import { useKioskStore } from '../../../../../src-renderer/src/stores/kiosk';
import { createKioskI18n } from '../../../../../src-renderer/src/i18n';
import { fakeKioskApi, settle, TRAINING_INFO } from '../testKit';

const wipes = vi.hoisted(() => ({ calls: [] as string[] }));
vi.mock('../../../../../src-renderer/src/kioskWipe', () => ({
  wipeKiosk: async (reason: string) => void wipes.calls.push(reason),
}));

/** Stands in for the wizard in the frame's slot. */
const Wizard = defineComponent({ render: () => h('section', { id: 'wizard' }, [h('h1', 'Masuk'), h('input', { id: 'identifier', inputmode: 'email' })]) });

let wrapper: VueWrapper | undefined;
let api: KioskApi;

async function render(info: Partial<KioskInfo> & Record<string, unknown> = {}, overrides: Partial<KioskApi> = {}) {
  let current: KioskInfo = { ...TRAINING_INFO, ...info } as KioskInfo;
  api = fakeKioskApi({
    getKioskInfo: async () => ok(current),
    operatorSignIn: async () => {
      current = { ...current, operator: { staffId: 'PTG001', name: 'PETUGAS SATU' } };
      return ok({ staffId: 'PTG001', name: 'PETUGAS SATU' });
    },
    ...overrides,
  });
  setKioskApi(api);
  const pinia = createPinia();
  setActivePinia(pinia);
  wrapper = mount(KioskFrame, { slots: { default: () => h(Wizard) }, global: { plugins: [pinia, createKioskI18n()] }, attachTo: document.body });
  await useKioskStore().load();
  // The first screen of each mode loads when first shown.
  await settle();
  return wrapper;
}

beforeEach(() => {
  wipes.calls = [];
});
afterEach(() => {
  wrapper?.unmount();
  wrapper = undefined;
  setKioskApi(undefined);
  vi.useRealTimers();
});

describe('kiosk frame, assisted mode', () => {
  it('shows the officer sign-in, not the wizard, until an officer is signed in', async () => {
    const w = await render();
    expect(w.find('#wizard').exists()).toBe(false);
    expect(w.find('h1').text()).toBe('Masuk Petugas');
    expect(w.text()).toContain('ID Petugas');
    expect(w.text()).toContain('PTG001');
  });

  it('after the officer signs in: the wizard, with the officer named and a way to end the session', async () => {
    const w = await render();
    await w.findAll('input')[0]!.setValue('ptg001');
    await w.findAll('input')[1]!.setValue('246810');
    await w.find('form').trigger('submit');
    // The form checks its fields first (vee-validate validates a few ms later).
    await settle();
    expect(api.operatorSignIn).toHaveBeenCalledWith({ staffId: 'PTG001', pin: '246810' });
    expect(w.find('#wizard').exists()).toBe(true);
    expect(w.text()).toContain('Petugas: PETUGAS SATU (PTG001)');
    await w.findAll('button').find((b) => b.text() === 'Akhiri Sesi Petugas')!.trigger('click');
    // The dialog loads when first opened.
    await settle();
    // "Akhiri Sesi Petugas?": the officer's PIN again is the answer; nothing ends before it.
    const dialog = w.find('dialog');
    expect(dialog.find('h2').text()).toBe('Akhiri Sesi Petugas?');
    expect(wipes.calls).toEqual([]);
    await dialog.find('input').setValue('246810');
    await dialog.find('form').trigger('submit');
    await settle();
    expect(api.confirmOperatorPin).toHaveBeenCalledWith({ pin: '246810' });
    expect(wipes.calls).toEqual(['operator-sign-out']);
    expect(w.find('#wizard').exists()).toBe(false);
  });

  it('no on-screen keyboard at an assisted counter', async () => {
    const w = await render({ operator: { staffId: 'PTG001', name: 'PETUGAS SATU' } });
    expect(w.find('[role="group"]').exists()).toBe(false);
  });
});

describe('kiosk frame, self-service mode', () => {
  it('shows the attract screen first; a touch starts, with the keyboard', async () => {
    const w = await render({ mode: 'self-service', demoOperator: undefined });
    expect(w.find('h1').text()).toBe('Sentuh layar untuk memulai');
    expect(w.find('#wizard').exists()).toBe(false);
    await w.find('main').trigger('click');
    expect(w.find('#wizard').exists()).toBe(true);
    // The keyboard's code loads on demand, only at self-service kiosks.
    await vi.waitFor(() => expect(w.find('[role="group"][aria-label="Keyboard layar"]').exists()).toBe(true), { timeout: 10_000 });
  });
});

describe('kiosk frame, idle', () => {
  it('warns after the idle time with a countdown; "Lanjutkan" keeps the citizen; then the wipe', async () => {
    vi.useFakeTimers();
    const w = await render({ mode: 'self-service', idle: { warnAfterSeconds: 60, countdownSeconds: 20 } });
    await w.find('main').trigger('click');
    vi.advanceTimersByTime(60_000);
    await flushPromises();
    const dialog = () => w.find('[role="alertdialog"]');
    expect(dialog().exists()).toBe(true);
    expect(dialog().text()).toContain('20 detik');
    // Nothing behind the warning can be reached until it is answered.
    expect(w.find('#wizard').element.closest('[inert]')).not.toBeNull();
    vi.advanceTimersByTime(5_000);
    await flushPromises();
    expect(dialog().text()).toContain('15 detik');
    await dialog().find('button').trigger('click');
    expect(dialog().exists()).toBe(false);
    expect(w.find('#wizard').element.closest('[inert]')).toBeNull();
    expect(w.find('#wizard').exists()).toBe(true);
    vi.advanceTimersByTime(60_000 + 20_000);
    await flushPromises();
    expect(wipes.calls).toEqual(['idle']);
    // The citizen's screens go at once, before the page reloads.
    expect(w.find('#wizard').exists()).toBe(false);
    expect(dialog().exists()).toBe(false);
  });

  it("the officer's own idle warns, then signs the officer out", async () => {
    vi.useFakeTimers();
    const w = await render({
      operator: { staffId: 'PTG001', name: 'PETUGAS SATU' },
      idle: { warnAfterSeconds: 600, countdownSeconds: 30 },
      operatorIdle: { warnAfterSeconds: 120, countdownSeconds: 30 },
    });
    window.dispatchEvent(new Event('pointerdown'));
    vi.advanceTimersByTime(120_000);
    await flushPromises();
    expect(w.find('[role="alertdialog"]').text()).toContain('Sesi petugas akan berakhir');
    vi.advanceTimersByTime(30_000);
    await flushPromises();
    expect(wipes.calls).toEqual(['operator-idle']);
  });

  it('nobody touched the kiosk: no warning, ever', async () => {
    vi.useFakeTimers();
    const w = await render({ operator: { staffId: 'PTG001', name: 'PETUGAS SATU' }, idle: { warnAfterSeconds: 60, countdownSeconds: 20 } });
    vi.advanceTimersByTime(10 * 60_000);
    await flushPromises();
    expect(w.find('[role="alertdialog"]').exists()).toBe(false);
    expect(wipes.calls).toEqual([]);
  });
});

describe('kiosk frame, activity reported to main (which enforces the limits too)', () => {
  const OFFICER = { operator: { staffId: 'PTG001', name: 'PETUGAS SATU' } };

  it('input is reported at most every 15 s, however much of it there is', async () => {
    vi.useFakeTimers();
    await render({ ...OFFICER, idle: { warnAfterSeconds: 600, countdownSeconds: 30 } });
    for (let i = 0; i < 40; i++) {
      window.dispatchEvent(new Event('pointermove'));
      vi.advanceTimersByTime(1_000);
    }
    await flushPromises();
    // At 0, 15 and 30 s of the 40.
    expect(api.noteActivity).toHaveBeenCalledTimes(3);
  });

  it('a touch during the warning is not reported, "Lanjutkan" is, at once', async () => {
    vi.useFakeTimers();
    const w = await render({ ...OFFICER, idle: { warnAfterSeconds: 60, countdownSeconds: 20 } });
    window.dispatchEvent(new Event('pointerdown'));
    vi.advanceTimersByTime(60_000);
    await flushPromises();
    expect(api.noteActivity).toHaveBeenCalledTimes(1);
    window.dispatchEvent(new Event('pointermove'));
    expect(api.noteActivity).toHaveBeenCalledTimes(1);
    await w.find('[role="alertdialog"] button').trigger('click');
    expect(api.noteActivity).toHaveBeenCalledTimes(2);
  });

  it.each([
    ['shift-ended', 'operator-sign-out'],
    ['operator-idle', 'operator-idle'],
    ['citizen-idle', 'idle'],
  ] as const)('when main answers that it ended what the page shows (%s), the next touch wipes the page (%s)', async (ended, wipe) => {
    const w = await render(OFFICER, { noteActivity: async () => ok({ ended }) });
    expect(wipes.calls).toEqual([]);
    window.dispatchEvent(new Event('pointerdown'));
    await flushPromises();
    expect(wipes.calls).toEqual([wipe]);
    expect(w.find('#wizard').exists()).toBe(false);
  });

  it('nothing is reported from the officer sign-in screen, where nobody is timed', async () => {
    const w = await render();
    await w.findAll('input')[0]!.setValue('ptg001');
    window.dispatchEvent(new Event('pointerdown'));
    await flushPromises();
    expect(api.noteActivity).not.toHaveBeenCalled();
  });
});
