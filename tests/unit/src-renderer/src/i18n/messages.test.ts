import { describe, expect, it } from 'vitest';
import en from '../../../../../src-renderer/src/i18n/en';
import { createKioskI18n } from '../../../../../src-renderer/src/i18n';
import id from '../../../../../src-renderer/src/i18n/id';

function keys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe('the kiosk messages', () => {
  it('English has every key of Bahasa Indonesia, and no more', () => {
    expect(keys(en).sort()).toEqual(keys(id).sort());
  });

  it('every message compiles and renders in both languages (no stray "@" linked-message or "|" plural markers)', () => {
    const i18n = createKioskI18n('id');
    for (const locale of ['id', 'en'] as const) {
      i18n.global.locale.value = locale;
      for (const key of keys(id)) {
        const text = i18n.global.t(key, {
          n: 2,
          time: '08.00',
          destination: '08*****2797',
          url: 'https://x',
          name: 'N',
          identifier: 'I',
          language: 'English',
          otpLength: 6,
          records: 3,
          path: '/data/exports/audit.csv',
          staffId: 'PTG001',
          pin: '246810',
        });
        expect(text, `${locale}:${key}`).not.toBe(key);
        expect(text, `${locale}:${key}`).not.toMatch(/\{'@'\}|\{[a-z]+\}/);
      }
    }
  });

  it("keeps the seed's symbols and example address literally", () => {
    const i18n = createKioskI18n('id');
    expect(i18n.global.t('checklist.symbol')).toBe('Terdapat salah satu simbol: ! @ # $ % ^ & *');
    expect(i18n.global.t('credentials.emailPlaceholder')).toBe('Contoh: nama@domain.com');
    i18n.global.locale.value = 'en';
    expect(i18n.global.t('credentials.emailPlaceholder')).toBe('Example: name@domain.com');
  });
});
