import { createPinia } from 'pinia';
import { createApp } from 'vue';
import { KIOSK_INFO_ELEMENT_ID, parseKioskInfo } from '../../src-shared/pageInfo';
import App from './App.vue';
import { kioskApi } from './bridge';
import { createKioskI18n, loadLanguage } from './i18n';
import { useKioskStore } from './stores/kiosk';
import './styles/kiosk.css';

/**
 * The first screen drawn is the real one, in the kiosk's language: no
 * "Memuat…" swapped for a screen, no switch of language after it. The
 * kiosk's info (mode, officer, language) comes in the page itself, put there
 * by the shell that served it (src-shared/pageInfo.ts), so nothing waits for
 * a round trip before the first paint. getKioskInfo still runs right after
 * the mount: it tells main the page loaded and brings what changed since.
 * A page served without the info (the dev server) asks for it first.
 */
async function start(): Promise<void> {
  const pinia = createPinia();
  const kiosk = useKioskStore(pinia);
  // Under the browser shell this starts the launch exchange (or the reload's hello) now, alongside the mount.
  kioskApi();
  const inPage = parseKioskInfo(document.getElementById(KIOSK_INFO_ELEMENT_ID)?.textContent);
  if (inPage) kiosk.info = inPage;
  else await kiosk.load();
  const language = kiosk.info?.defaultLanguage;
  document.documentElement.lang = language ?? document.documentElement.lang;
  await loadLanguage(language);
  createApp(App).use(pinia).use(createKioskI18n(language)).mount('#app');
  if (inPage) void kiosk.load();
}

void start();
