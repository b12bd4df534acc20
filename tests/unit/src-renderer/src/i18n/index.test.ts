import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../../../src-shared/errors';
import { createKioskI18n } from '../../../../../src-renderer/src/i18n';

/**
 * A key without a message shows the raw key (`errors.OTP_VOIDED`) to a
 * citizen. Every error code and every sign-in validation key must read as a
 * sentence in both languages.
 */
const SIGN_IN_VALIDATION_KEYS = [
  'identifier.required',
  'identifier.invalid',
  'identifier.tooLong',
  'password.required',
  'password.tooLong',
];

describe.each(['id', 'en'] as const)('kiosk messages in %s', (locale) => {
  const i18n = createKioskI18n(locale);
  const { t, te } = i18n.global;

  it.each([...ERROR_CODES])('has a message for the error code %s', (code) => {
    expect(te(`errors.${code}`, locale)).toBe(true);
    expect(t(`errors.${code}`)).not.toContain('errors.');
  });

  it.each(SIGN_IN_VALIDATION_KEYS)('has a message for the sign-in validation key %s', (key) => {
    expect(te(`validation.${key}`, locale)).toBe(true);
  });

  it('puts the number of tries left into the wrong-password message', () => {
    expect(t('errors.INVALID_CREDENTIALS_LEFT', { n: 3 })).toContain('3');
  });
});

describe('Bahasa Indonesia is the seed language', () => {
  it('is the default locale', () => {
    expect(createKioskI18n().global.locale.value).toBe('id');
  });

  it("keeps the seed's sign-in texts to the letter", () => {
    const { t } = createKioskI18n('id').global;
    expect(t('signIn.identifierLabel')).toBe('Email atau nomor handphone');
    expect(t('signIn.identifierPlaceholder')).toBe('Masukkan email atau nomor handphone');
    expect(t('signIn.passwordPlaceholder')).toBe('Masukkan password');
    expect(t('errors.INVALID_CREDENTIALS_LEFT', { n: 3 })).toBe('Email/nomor handphone atau password salah. Sisa percobaan: 3.');
  });
});
