import { createI18n } from 'vue-i18n';
import type { Language } from '../../../src-shared/contract';
import en from './en';
import id from './id';

export type MessageSchema = typeof id;

export function createKioskI18n(locale: Language = 'id') {
  return createI18n<[MessageSchema], Language, false>({
    legacy: false,
    locale,
    fallbackLocale: 'id',
    messages: { id, en },
    // Kiosk text is ours; no HTML in messages, so no warnings to silence.
    missingWarn: false,
    fallbackWarn: false,
  });
}
