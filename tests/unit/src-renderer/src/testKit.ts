import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { SITI as DEMO_SITI } from '../../../demoCitizens';
import { createPinia, setActivePinia, type Pinia } from 'pinia';
import { vi } from 'vitest';
import type { Component } from 'vue';
import type { KioskApi, KioskInfo, Language, OtpChallengeView, SignedInView, StartRecoveryRequest } from '../../../../src-shared/contract';
import type { OperatorIdleInfo } from '../../../../src-shared/idle';
import { ok, type KioskError, type Result } from '../../../../src-shared/errors';
import { setKioskApi } from '../../../../src-renderer/src/bridge';
import { createKioskI18n } from '../../../../src-renderer/src/i18n';
import { useKioskStore } from '../../../../src-renderer/src/stores/kiosk';
import { useWizardStore, type Screen } from '../../../../src-renderer/src/stores/wizard';

/**
 * The renderer's one test kit: the demo data, a fake kiosk API, and mounting
 * with the real Pinia and the real i18n; helpers find things the way a
 * person does (labels, button texts, alerts).
 */

// ---- demo data (docs/architecture.md §8) ----

export const SITI = {
  ...DEMO_SITI,
  /** What the kiosk shows of her once signed in. */
  signedIn: { displayName: 'S*** R***', identifierMasked: '08*****2797' } satisfies SignedInView,
} as const;

/** New contacts and password for the identity path: no demo account uses them. */
export const NEW_DETAILS = {
  phone: '081377770011',
  phoneMasked: '08*****0011',
  email: 'siti.baru@example.org',
  emailMasked: 's***@example.org',
  password: 'Pulih#2026b',
} as const;

export const DEMO_OPERATOR = { staffId: 'PTG001', pin: '246810', name: 'PETUGAS SATU' } as const;

export const REFERENCE = 'PLH-2026-ABC123';

/** A training kiosk in assisted mode, as main describes it without a config file. */
export const TRAINING_INFO: KioskInfo & OperatorIdleInfo = {
  kioskId: 'TRAINING-01',
  mode: 'assisted',
  training: true,
  defaultLanguage: 'id',
  demoOperator: { staffId: DEMO_OPERATOR.staffId, pin: DEMO_OPERATOR.pin },
  idle: { warnAfterSeconds: 180, countdownSeconds: 30 },
  operatorIdle: { warnAfterSeconds: 900, countdownSeconds: 30 },
};

/** An OTP challenge as main reports it: Siti's phone unless told otherwise. */
export function challenge(overrides: Partial<OtpChallengeView> = {}): OtpChallengeView {
  return {
    channel: 'sms',
    destinationMasked: SITI.phoneMasked,
    expiresInSeconds: 300,
    resendAvailableInSeconds: 60,
    resendsRemaining: 3,
    ...overrides,
  };
}

export function failure<T = never>(error: KioskError): Result<T> {
  return { ok: false, error };
}

// ---- the fake kiosk API ----

/** A KioskApi whose every method is a vi.fn; override what a test needs. */
export type FakeKioskApi = { [M in keyof KioskApi]: ReturnType<typeof vi.fn<KioskApi[M]>> };

/**
 * A fake kiosk API where everything goes right for Siti, installed as the
 * renderer's bridge (`setKioskApi`). Every method is a spy.
 */
export function fakeKioskApi(overrides: Partial<KioskApi> = {}): FakeKioskApi {
  const defaults: KioskApi = {
    getKioskInfo: async () => ok(TRAINING_INFO),
    signIn: async () => ok(SITI.signedIn),
    operatorSignIn: async () => ok({ staffId: DEMO_OPERATOR.staffId, name: DEMO_OPERATOR.name }),
    operatorSignOut: async () => ok(null),
    startRecovery: async (req: StartRecoveryRequest) =>
      ok({ phone: challenge(), email: challenge({ channel: 'email', destinationMasked: SITI.emailMasked }) }[req.path]),
    verifyIdentity: async () => ok(null),
    submitNewCredentials: async () => ok(challenge({ destinationMasked: NEW_DETAILS.phoneMasked })),
    verifyOtp: async () => ok({ next: 'set-password' as const }),
    resendOtp: async () => ok(challenge()),
    setNewPassword: async () => ok({ reference: REFERENCE }),
    endSession: async () => ok(null),
    getTrainingOutbox: async () => ok([]),
    exportAuditCsv: async () => ok({ path: '/data/exports/audit.csv', records: 0 }),
    noteActivity: async () => ok({}),
  };
  const implementations = { ...defaults, ...overrides } as Record<string, (...args: never[]) => unknown>;
  const api = Object.fromEntries(Object.entries(implementations).map(([name, impl]) => [name, vi.fn(impl)])) as unknown as FakeKioskApi;
  setKioskApi(api as unknown as KioskApi);
  return api;
}

// ---- mounting ----

export type KioskI18n = ReturnType<typeof createKioskI18n>;

export interface Mounted {
  wrapper: VueWrapper;
  pinia: Pinia;
  i18n: KioskI18n;
  wizard: ReturnType<typeof useWizardStore>;
  kiosk: ReturnType<typeof useKioskStore>;
}

/**
 * Mounts a component with the real Pinia and the real i18n (Bahasa
 * Indonesia unless told), the kiosk described by `info` (TRAINING_INFO
 * unless told; null: not loaded) and the wizard at `history`'s last screen.
 */
export async function mountKiosk(
  component: Component,
  options: {
    history?: Screen[];
    info?: KioskInfo | null;
    locale?: Language;
    props?: Record<string, unknown>;
    slots?: Record<string, () => unknown>;
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
    slots: options.slots ?? {},
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

// ---- finding and using things as a person does ----

/** The input a visible label names (label[for] → id, or the input inside the label). */
export function inputByLabel(wrapper: VueWrapper, label: string): HTMLInputElement {
  const labels = [...wrapper.element.ownerDocument.querySelectorAll('label')];
  const found = labels.find((l) => l.textContent?.trim() === label);
  if (!found) throw new Error(`no label "${label}" in: ${labels.map((l) => l.textContent?.trim()).join(' | ')}`);
  const input = found.htmlFor ? wrapper.element.ownerDocument.getElementById(found.htmlFor) : found.querySelector('input');
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

/** The text of the elements that describe an input (its error and hint), as a screen reader reads them. */
export function descriptionOf(input: HTMLInputElement): string {
  const ids = (input.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
  return ids.map((id) => input.ownerDocument.getElementById(id)?.textContent?.trim() ?? '').join(' ');
}

export function alertText(wrapper: VueWrapper): string {
  return [...wrapper.element.ownerDocument.querySelectorAll('[role="alert"]')]
    .map((a) => a.textContent?.trim() ?? '')
    .filter(Boolean)
    .join(' ');
}

export function statusText(wrapper: VueWrapper): string {
  return [...wrapper.element.ownerDocument.querySelectorAll('[role="status"]')]
    .map((a) => a.textContent?.trim() ?? '')
    .filter(Boolean)
    .join(' ');
}
