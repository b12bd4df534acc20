import { onMounted, toValue, watchEffect, type MaybeRefOrGetter } from 'vue';
import { useTexts } from '../i18n';

/**
 * The window's title names the kiosk and the screen ("Masuk – Pulih"), with
 * "Galat: " first while the screen shows errors (GOV.UK's pattern: a screen
 * reader hears it first), in the language on screen. Call it where the
 * screen's heading is known; the screen shown last sets the title.
 */
export function useDocumentTitle(title: MaybeRefOrGetter<string>, hasErrors: MaybeRefOrGetter<boolean> = false): void {
  const { t } = useTexts();
  onMounted(() => {
    watchEffect(() => {
      const step = toValue(title);
      const kiosk = t('app.name');
      document.title = toValue(hasErrors) ? t('forms.documentTitleError', { step, kiosk }) : t('forms.documentTitle', { step, kiosk });
    });
  });
}
