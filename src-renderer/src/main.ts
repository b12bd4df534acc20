import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { createKioskI18n } from './i18n';
import './styles/kiosk.css';

createApp(App).use(createPinia()).use(createKioskI18n()).mount('#app');
