import type { WritableComputedRef } from 'vue';
import { createI18n, useI18n } from 'vue-i18n';
import { LANGUAGES, type Language } from '../../../src-shared/contract';
import { OTP_LENGTH } from '../../../src-shared/rules/otp';
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
 * Each language of `LANGUAGES`: where its messages come from, its own name
 * (what the language switch offers) and the tag dates and times are written in.
 *
 * The messages are compiled at build (@intlify/unplugin-vue-i18n, see
 * electron.vite.config.ts), so the page runs vue-i18n without its compiler.
 * Bahasa Indonesia, the seed's language and every other's fallback, is in
 * the entry; any other language is a chunk of its own, fetched only when it
 * is the kiosk's default (main.ts waits for it before mounting) or chosen.
 */
export const LOCALES = {
  id: { load: () => Promise.resolve(id), ownName: 'Bahasa Indonesia', dateTag: 'id-ID' },
  en: { load: () => import('./en').then((m) => m.default), ownName: 'English', dateTag: 'en-GB' },
} as const satisfies Record<Language, { load: () => Promise<MessageSchema>; ownName: string; dateTag: string }>;

/** The languages fetched so far (one module-wide copy: every i18n instance of the page shares them). */
const loaded: Partial<Record<Language, MessageSchema>> = { id };

/** Fetches a language's messages once; resolves when `createKioskI18n` or `setLanguage` can show it. */
export async function loadLanguage(language: Language = LANGUAGES[0]): Promise<void> {
  loaded[language] ??= await LOCALES[language].load();
}

/** Values any text may use, so that no text repeats a number the rules own (`{otpLength}`). */
const SHARED_PARAMS: MessageParams = { otpLength: OTP_LENGTH };

/**
 * The page's i18n, with every language loaded so far. A `locale` not loaded
 * yet (call `loadLanguage` first) starts in Bahasa Indonesia.
 */
export function createKioskI18n(locale: Language = LANGUAGES[0]) {
  return createI18n<[MessageSchema], Language, false>({
    legacy: false,
    locale: loaded[locale] ? locale : LANGUAGES[0],
    fallbackLocale: LANGUAGES[0],
    messages: { ...loaded } as Record<Language, MessageSchema>,
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
  /** Shows `language` once its messages are here (fetched on first use): the screen never shows keys or a half-switched page. */
  const setLanguage = async (language: Language): Promise<void> => {
    await loadLanguage(language);
    const messages = loaded[language];
    if (messages && !i18n.availableLocales.includes(language)) i18n.setLocaleMessage(language, messages);
    i18n.locale.value = language;
    document.documentElement.lang = language;
  };
  return { t, validationText, locale: i18n.locale as WritableComputedRef<Language>, setLanguage };
}
