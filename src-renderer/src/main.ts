import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { createKioskI18n, loadLanguage } from './i18n';
import { useKioskStore } from './stores/kiosk';
import './styles/kiosk.css';

/**
 * The kiosk's info (mode, officer, language) is asked for before the first
 * paint, so the first screen drawn is the real one, in the kiosk's language:
 * no "Memuat…" swapped for a screen, no switch of language after it.
 */
async function start(): Promise<void> {
  const pinia = createPinia();
  const kiosk = useKioskStore(pinia);
  await kiosk.load();
  const language = kiosk.info?.defaultLanguage;
  document.documentElement.lang = language ?? document.documentElement.lang;
  await loadLanguage(language);
  createApp(App).use(pinia).use(createKioskI18n(language)).mount('#app');
}

void start();
