import { describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../../../../src-shared/errors';
import type { ContactPath, OtpChannel, RecoveryPath } from '../../../../../src-shared/recoveryPaths';
import en from '../../../../../src-renderer/src/i18n/en';
import { createKioskI18n, type MessageKey, type MessageSchema, type useTexts } from '../../../../../src-renderer/src/i18n';

/**
 * The messages are typed: `npm run typecheck` (vue-tsc over this file) fails
 * when a line marked `@ts-expect-error` below stops being an error, i.e. when
 * the kiosk would accept a key it has no text for, or a language missing a
 * key. The runtime checks beside them say the same of the texts themselves.
 */
type T = ReturnType<typeof useTexts>['t'];

/** Never called: the compiler checks its body. */
export function keysTheCompilerRefuses(t: T): void {
  t('app.name');
  // @ts-expect-error a key with no text in the messages
  t('no.such.key');
  // @ts-expect-error a group is not a text
  t('paths.phone');
  const path = 'phone' as RecoveryPath;
  t(`paths.${path}.title`);
  // @ts-expect-error only paths that start from a registered contact have an intro
  t(`paths.${path}.intro`);
  const contactPath = 'email' as ContactPath;
  t(`paths.${contactPath}.intro`);
  const channel = 'sms' as OtpChannel;
  t(`channels.${channel}.label`);
  const code = 'OTP_INVALID' as ErrorCode;
  t(`errors.${code}`);
}

/** A language that lacks a key, or has one more, is refused. */
export const missingKey: MessageSchema = {
  ...en,
  // @ts-expect-error "Pemulihan Akun" without its intro
  recovery: { title: en.recovery.title },
};
export const extraKey: MessageSchema = {
  ...en,
  // @ts-expect-error a key Bahasa Indonesia does not have
  app: { ...en.app, colour: 'Colour' },
};

describe('typed messages', () => {
  it('every key the compiler accepts has a text in both languages', () => {
    const i18n = createKioskI18n('id');
    const keys: MessageKey[] = ['app.name', 'paths.identity.title', 'channels.email.label', 'errors.OTP_INVALID', 'kiosk.idle.citizen.title'];
    for (const locale of ['id', 'en'] as const) {
      i18n.global.locale.value = locale;
      for (const key of keys) expect(i18n.global.te(key, locale), `${locale}:${key}`).toBe(true);
    }
  });
});
