import { vi } from 'vitest';
import type { KioskApi, KioskInfo } from '../../../../src-shared/contract';
import { fail, ok } from '../../../../src-shared/errors';
import { createKioskI18n } from '../../../../src-renderer/src/i18n';
import kioskEn from '../../../../src-renderer/src/i18n/kiosk.en';
import kioskId from '../../../../src-renderer/src/i18n/kiosk.id';

/** The app's i18n with the kiosk frame's fragments merged, as KioskFrame does at start. */
export function kioskI18n(locale: 'id' | 'en' = 'id') {
  const i18n = createKioskI18n(locale);
  i18n.global.mergeLocaleMessage('id', kioskId);
  i18n.global.mergeLocaleMessage('en', kioskEn);
  return i18n;
}

export const TRAINING_INFO: KioskInfo & { operatorIdle: KioskInfo['idle'] } = {
  kioskId: 'TRAINING-01',
  mode: 'assisted',
  training: true,
  defaultLanguage: 'id',
  demoOperator: { staffId: 'PTG001', pin: '246810' },
  idle: { warnAfterSeconds: 60, countdownSeconds: 30 },
  operatorIdle: { warnAfterSeconds: 900, countdownSeconds: 30 },
};

/** A fake kiosk API: every method a spy; unlisted ones answer INTERNAL. */
export function fakeKioskApi(overrides: Partial<KioskApi> = {}): KioskApi {
  const unused = () => Promise.resolve(fail<never>('INTERNAL'));
  const api: KioskApi = {
    getKioskInfo: async () => ok(TRAINING_INFO),
    signIn: unused,
    operatorSignIn: unused,
    operatorSignOut: async () => ok(null),
    startRecovery: unused,
    verifyIdentity: unused,
    submitNewCredentials: unused,
    verifyOtp: unused,
    resendOtp: unused,
    setNewPassword: unused,
    endSession: async () => ok(null),
    getTrainingOutbox: async () => ok([]),
    exportAuditCsv: unused,
    ...overrides,
  };
  for (const key of Object.keys(api) as (keyof KioskApi)[]) {
    (api as unknown as Record<string, unknown>)[key] = vi.fn(api[key]);
  }
  return api;
}
