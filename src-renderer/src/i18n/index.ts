import type { WritableComputedRef } from 'vue';
import { createI18n, useI18n } from 'vue-i18n';
import { LANGUAGES, type Language } from '../../../src-shared/contract';
import { OTP_LENGTH } from '../../../src-shared/rules/otp';
import en from './en';
import id from './id';

/** The shape of every language's messages: Bahasa Indonesia's (the seed's), which en.ts is typed against. */
export type MessageSchema = typeof id;

type LeafKeys<T> = { [K in keyof T & string]: T[K] extends string ? K : `${K}.${LeafKeys<T[K]>}` }[keyof T & string];

/**
 * Every key that leads to a text, e.g. `paths.phone.title`. `useTexts().t`
 * takes only these, so `t('no.such.key')`, or a key built from a recovery
 * path or channel that has no texts yet, fails `npm run typecheck`.
 */
export type MessageKey = LeafKeys<MessageSchema>;

export type MessageParams = Record<string, string | number>;

/**
 * Each language of `LANGUAGES`: its messages, its own name (what the
 * language switch offers) and the tag dates and times are written in.
 */
export const LOCALES = {
  id: { messages: id, ownName: 'Bahasa Indonesia', dateTag: 'id-ID' },
  en: { messages: en, ownName: 'English', dateTag: 'en-GB' },
} as const satisfies Record<Language, { messages: MessageSchema; ownName: string; dateTag: string }>;

/** Values any text may use, so that no text repeats a number the rules own (`{otpLength}`). */
const SHARED_PARAMS: MessageParams = { otpLength: OTP_LENGTH };

export function createKioskI18n(locale: Language = LANGUAGES[0]) {
  return createI18n<[MessageSchema], Language, false>({
    legacy: false,
    locale,
    fallbackLocale: LANGUAGES[0],
    messages: Object.fromEntries(LANGUAGES.map((language) => [language, LOCALES[language].messages])) as Record<Language, MessageSchema>,
    // Kiosk text is ours; no HTML in messages, so no warnings to silence.
    missingWarn: false,
    fallbackWarn: false,
  });
}

/**
 * The renderer's texts, in the language on screen (they follow a switch).
 * `t` is typed by the messages; `validationText` turns a rule's message key
 * from src-shared (`identifier.invalid`) into its text under `validation.`,
 * where `validation.field.<field>.<rule>` may word a shared rule for one
 * field ("Nama ibu kandung wajib diisi.").
 */
export function useTexts() {
  const i18n = useI18n();
  const t = (key: MessageKey, params?: MessageParams): string => i18n.t(key, { ...SHARED_PARAMS, ...params });
  const validationText = (ruleKey: string, field?: string): string => {
    const rule = ruleKey.slice(ruleKey.lastIndexOf('.') + 1);
    const override = field === undefined ? undefined : `validation.field.${field}.${rule}`;
    return i18n.t(override !== undefined && i18n.te(override) ? override : `validation.${ruleKey}`, SHARED_PARAMS);
  };
  return { t, validationText, locale: i18n.locale as WritableComputedRef<Language> };
}
