import { LANGUAGES } from '../../src-shared/contract';
import { loadLanguage } from '../../src-renderer/src/i18n';

/**
 * The page fetches a language other than Bahasa Indonesia when it is first
 * needed (src-renderer/src/i18n/index.ts). Component tests switch languages
 * by setting the locale, as a page that has both would: every language is
 * fetched before each test file, as main.ts fetches the kiosk's default
 * before mounting. tests/unit/src-renderer/src/i18n/lazyLanguages.test.ts
 * checks the fetching itself, on a fresh copy of the module.
 */
await Promise.all(LANGUAGES.map((language) => loadLanguage(language)));
