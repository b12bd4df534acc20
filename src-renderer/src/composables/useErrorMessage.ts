import { useI18n } from 'vue-i18n';
import type { KioskError } from '../../../src-shared/errors';

/**
 * A typed error → the localised sentence a citizen reads. Raw backend text
 * never reaches the screen; numbers and times come from the typed fields.
 */
export function useErrorMessage() {
  const { t, locale } = useI18n();

  function formatTime(iso: string): string {
    const date = new Date(iso);
    const time = date.toLocaleTimeString(locale.value === 'en' ? 'en-GB' : 'id-ID', { hour: '2-digit', minute: '2-digit' });
    const sameDay = date.toDateString() === new Date().toDateString();
    return sameDay ? time : `${date.toLocaleDateString(locale.value === 'en' ? 'en-GB' : 'id-ID')} ${time}`;
  }

  function messageFor(error: KioskError): string {
    switch (error.code) {
      case 'INVALID_CREDENTIALS':
        return error.attemptsRemaining !== undefined
          ? t('errors.INVALID_CREDENTIALS_LEFT', { n: error.attemptsRemaining })
          : t('errors.INVALID_CREDENTIALS');
      case 'ACCOUNT_LOCKED':
        return error.lockedUntil
          ? t('errors.ACCOUNT_LOCKED_UNTIL', { time: formatTime(error.lockedUntil) })
          : t('errors.ACCOUNT_LOCKED');
      default:
        return t(`errors.${error.code}`);
    }
  }

  return { messageFor, formatTime };
}
