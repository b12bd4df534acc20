import { useI18n } from 'vue-i18n';
import type { ErrorCode, KioskError } from '../../../src-shared/errors';

/** The backend (or the kiosk) could not give an answer: retrying the same request makes sense, and nothing typed was used. */
const TRANSPORT_FAILURES: ReadonlySet<ErrorCode> = new Set(['BACKEND_UNAVAILABLE', 'BACKEND_ERROR', 'INTERNAL', 'OUT_OF_SERVICE']);
/** The recovery cannot go on from here: the citizen starts the path again. */
const RESTART_NEEDED: ReadonlySet<ErrorCode> = new Set(['SESSION_INVALID', 'OTP_VOIDED', 'OTP_EXPIRED', 'RESEND_LIMIT']);

export function isTransportFailure(error: KioskError | undefined): boolean {
  return error !== undefined && TRANSPORT_FAILURES.has(error.code);
}

export function needsRestart(error: KioskError | undefined): boolean {
  return error !== undefined && RESTART_NEEDED.has(error.code);
}

/**
 * A typed error → the localised sentence a citizen reads. Raw backend text
 * never reaches the screen; numbers and times come from the typed fields.
 * Identity failures never say which field was wrong.
 */
export function useErrorMessage() {
  const { t, locale } = useI18n();

  function formatTime(iso: string): string {
    const date = new Date(iso);
    const tag = locale.value === 'en' ? 'en-GB' : 'id-ID';
    const time = date.toLocaleTimeString(tag, { hour: '2-digit', minute: '2-digit' });
    const sameDay = date.toDateString() === new Date().toDateString();
    return sameDay ? time : `${date.toLocaleDateString(tag, { day: 'numeric', month: 'long', year: 'numeric' })} ${time}`;
  }

  function messageFor(error: KioskError): string {
    const n = error.attemptsRemaining;
    switch (error.code) {
      case 'INVALID_CREDENTIALS':
        return n !== undefined ? t('errors.INVALID_CREDENTIALS_LEFT', { n }) : t('errors.INVALID_CREDENTIALS');
      case 'ACCOUNT_LOCKED':
        return error.lockedUntil
          ? t('errors.ACCOUNT_LOCKED_UNTIL', { time: formatTime(error.lockedUntil) })
          : t('errors.ACCOUNT_LOCKED');
      case 'IDENTITY_MISMATCH':
        if (n === 0 && error.lockedUntil) return t('errors.IDENTITY_MISMATCH_LOCKED', { time: formatTime(error.lockedUntil) });
        return n !== undefined ? t('errors.IDENTITY_MISMATCH_LEFT', { n }) : t('errors.IDENTITY_MISMATCH');
      case 'IDENTITY_LOCKED':
        return error.lockedUntil
          ? t('errors.IDENTITY_LOCKED_UNTIL', { time: formatTime(error.lockedUntil) })
          : t('errors.IDENTITY_LOCKED');
      case 'KIOSK_RATE_LIMITED':
        return error.retryAfterSeconds !== undefined
          ? t('errors.KIOSK_RATE_LIMITED_WAIT', { n: Math.max(1, Math.ceil(error.retryAfterSeconds / 60)) })
          : t('errors.KIOSK_RATE_LIMITED');
      case 'OTP_INVALID':
        return n !== undefined ? t('errors.OTP_INVALID_LEFT', { n }) : t('errors.OTP_INVALID');
      case 'RESEND_COOLDOWN':
        return error.retryAfterSeconds !== undefined
          ? t('errors.RESEND_COOLDOWN_WAIT', { n: error.retryAfterSeconds })
          : t('errors.RESEND_COOLDOWN');
      default:
        return t(`errors.${error.code}`);
    }
  }

  return { messageFor, formatTime };
}
