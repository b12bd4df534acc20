import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia, type Pinia } from 'pinia';
import { vi } from 'vitest';
import type { Component } from 'vue';
import type { KioskApi, KioskInfo, OtpChallengeView, StartRecoveryRequest } from '../../../../src-shared/contract';
import { ok, type KioskError, type Result } from '../../../../src-shared/errors';
import { setKioskApi } from '../../../../src-renderer/src/bridge';
import { createKioskI18n } from '../../../../src-renderer/src/i18n';
import { useKioskStore } from '../../../../src-renderer/src/stores/kiosk';
import { useWizardStore, type Screen } from '../../../../src-renderer/src/stores/wizard';

/** A KioskApi whose every method is a vi.fn; override what a test needs. */
export type FakeKioskApi = { [M in keyof KioskApi]: ReturnType<typeof vi.fn<KioskApi[M]>> };

export const TRAINING_INFO: KioskInfo = {
  kioskId: 'TEST-01',
  mode: 'assisted',
  training: true,
  defaultLanguage: 'id',
  idle: { warnAfterSeconds: 180, countdownSeconds: 30 },
};

export function challenge(overrides: Partial<OtpChallengeView> = {}): OtpChallengeView {
  return {
    channel: 'sms',
    destinationMasked: '08*****2797',
    expiresInSeconds: 300,
    resendAvailableInSeconds: 60,
    resendsRemaining: 3,
    ...overrides,
  };
}

export function failure<T = never>(error: KioskError): Result<T> {
  return { ok: false, error };
}

export function fakeKioskApi(overrides: Partial<KioskApi> = {}): FakeKioskApi {
  const api = {
    getKioskInfo: vi.fn(async () => ok(TRAINING_INFO)),
    signIn: vi.fn(async () => ok({ displayName: 'S*** R***', identifierMasked: '08*****2797' })),
    operatorSignIn: vi.fn(async () => ok({ staffId: 'PTG001', name: 'PETUGAS SATU' })),
    operatorSignOut: vi.fn(async () => ok(null)),
    startRecovery: vi.fn(async (req: StartRecoveryRequest) =>
      ok({ phone: challenge(), email: challenge({ channel: 'email', destinationMasked: 's***@example.com' }) }[req.path]),
    ),
    verifyIdentity: vi.fn(async () => ok(null)),
    submitNewCredentials: vi.fn(async () => ok(challenge({ destinationMasked: '08*****0011' }))),
    verifyOtp: vi.fn(async () => ok({ next: 'set-password' as const })),
    resendOtp: vi.fn(async () => ok(challenge())),
    setNewPassword: vi.fn(async () => ok({ reference: 'PLH-2026-ABC123' })),
    endSession: vi.fn(async () => ok(null)),
    getTrainingOutbox: vi.fn(async () => ok([])),
  } as unknown as FakeKioskApi;
  for (const [name, impl] of Object.entries(overrides)) {
    (api as unknown as Record<string, ReturnType<typeof vi.fn>>)[name] = vi.fn(impl as (...args: unknown[]) => unknown);
  }
  setKioskApi(api as unknown as KioskApi);
  return api;
}

export interface Mounted {
  wrapper: VueWrapper;
  pinia: Pinia;
  i18n: ReturnType<typeof createKioskI18n>;
  wizard: ReturnType<typeof useWizardStore>;
  kiosk: ReturnType<typeof useKioskStore>;
}

/**
 * Mounts a component with the real Pinia and the real i18n (Bahasa
 * Indonesia unless told), the wizard already at `history`'s last screen.
 */
export async function mountKiosk(
  component: Component,
  options: {
    history?: Screen[];
    info?: KioskInfo | null;
    locale?: 'id' | 'en';
    props?: Record<string, unknown>;
    prepare?: (stores: { wizard: ReturnType<typeof useWizardStore>; kiosk: ReturnType<typeof useKioskStore> }) => void;
  } = {},
): Promise<Mounted> {
  const pinia = createPinia();
  setActivePinia(pinia);
  const i18n = createKioskI18n(options.locale ?? 'id');
  const wizard = useWizardStore();
  const kiosk = useKioskStore();
  if (options.info !== null) kiosk.info = options.info ?? TRAINING_INFO;
  if (options.history) wizard.history = [...options.history];
  options.prepare?.({ wizard, kiosk });
  const wrapper = mount(component, {
    props: options.props ?? {},
    global: { plugins: [pinia, i18n] },
    attachTo: document.body,
  });
  await settle();
  return { wrapper, pinia, i18n, wizard, kiosk };
}

/**
 * Lets promises, async components and re-renders finish, and vee-validate's
 * form validation, which is debounced by a few milliseconds.
 */
export async function settle(): Promise<void> {
  for (let round = 0; round < 2; round++) {
    await flushPromises();
    await vi.dynamicImportSettled();
    if (vi.isFakeTimers()) await vi.advanceTimersByTimeAsync(10);
    else await new Promise<void>((resolve) => setTimeout(resolve, 10));
    await flushPromises();
  }
}

/** The text of an element by its visible label (what a person reads next to it). */
export function inputByLabel(wrapper: VueWrapper, label: string): HTMLInputElement {
  const labels = [...wrapper.element.ownerDocument.querySelectorAll('label')];
  const found = labels.find((l) => l.textContent?.trim() === label);
  if (!found) throw new Error(`no label "${label}" in: ${labels.map((l) => l.textContent?.trim()).join(' | ')}`);
  const input = found.htmlFor
    ? wrapper.element.ownerDocument.getElementById(found.htmlFor)
    : found.querySelector('input');
  if (!(input instanceof HTMLInputElement)) throw new Error(`label "${label}" labels no input`);
  return input;
}

export function buttonByText(wrapper: VueWrapper, text: string | RegExp): HTMLButtonElement {
  const buttons = [...wrapper.element.ownerDocument.querySelectorAll('button')];
  const found = buttons.find((b) => (typeof text === 'string' ? b.textContent?.trim() === text : text.test(b.textContent ?? '')));
  if (!found) throw new Error(`no button "${String(text)}" in: ${buttons.map((b) => b.textContent?.trim()).join(' | ')}`);
  return found;
}

/** Types into an input as a person does: value, then input event; blur when asked. */
export async function type(input: HTMLInputElement, value: string, options: { blur?: boolean } = {}): Promise<void> {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  if (options.blur) input.dispatchEvent(new Event('blur'));
  await settle();
}

export async function click(element: HTMLElement): Promise<void> {
  element.click();
  await settle();
}

/** The text of the element that describes an input (its error and hint), as a screen reader reads it. */
export function descriptionOf(input: HTMLInputElement): string {
  const ids = (input.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
  return ids.map((id) => input.ownerDocument.getElementById(id)?.textContent?.trim() ?? '').join(' ');
}

export function alertText(wrapper: VueWrapper): string {
  return [...wrapper.element.ownerDocument.querySelectorAll('[role="alert"]')].map((a) => a.textContent?.trim() ?? '').join(' ');
}

export function statusText(wrapper: VueWrapper): string {
  return [...wrapper.element.ownerDocument.querySelectorAll('[role="status"]')].map((a) => a.textContent?.trim() ?? '').join(' ');
}
