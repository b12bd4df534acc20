import type { ErrorCode, KioskError } from '../../../src-shared/errors';
import { LOCALES, useTexts } from '../i18n';
import { HELP_CENTRE } from '../infoLinks';
import { useKioskStore } from '../stores/kiosk';

/** The backend (or the kiosk) could not give an answer: retrying the same request makes sense, and nothing typed was used. */
const TRANSPORT_FAILURES: ReadonlySet<ErrorCode> = new Set(['BACKEND_UNAVAILABLE', 'BACKEND_ERROR', 'INTERNAL', 'OUT_OF_SERVICE']);
/** The recovery cannot go on from here: the citizen starts the path again. */
const RESTART_NEEDED: ReadonlySet<ErrorCode> = new Set([
  'SESSION_INVALID',
  'OTP_VOIDED',
  'OTP_EXPIRED',
  'RESEND_LIMIT',
  'CODE_RECOVERY_LOCKED',
  'CONTACT_IN_USE',
]);

export function isTransportFailure(error: KioskError | undefined): boolean {
  return error !== undefined && TRANSPORT_FAILURES.has(error.code);
}

/** The citizen cannot go on alone from here (a lock, an outage): the alert says who helps next. */
const DEAD_ENDS: ReadonlySet<ErrorCode> = new Set([
  'IDENTITY_LOCKED',
  'CODE_RECOVERY_LOCKED',
  'KIOSK_RATE_LIMITED',
  'BACKEND_UNAVAILABLE',
  'BACKEND_ERROR',
  'OUT_OF_SERVICE',
  'INTERNAL',
]);

function isDeadEnd(error: KioskError): boolean {
  return DEAD_ENDS.has(error.code) || (error.code === 'IDENTITY_MISMATCH' && error.attemptsRemaining === 0);
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
  const { t, locale } = useTexts();

  function formatTime(iso: string): string {
    const date = new Date(iso);
    const tag = LOCALES[locale.value].dateTag;
    const time = date.toLocaleTimeString(tag, { hour: '2-digit', minute: '2-digit' });
    const sameDay = date.toDateString() === new Date().toDateString();
    return sameDay ? time : `${date.toLocaleDateString(tag, { day: 'numeric', month: 'long', year: 'numeric' })} ${time}`;
  }

  function messageFor(error: KioskError): string {
    const n = error.attemptsRemaining;
    if (error.code === 'IDENTITY_MISMATCH' && n === 0 && error.lockedUntil) {
      return t('errors.IDENTITY_MISMATCH_LOCKED', { time: formatTime(error.lockedUntil) });
    }
    switch (error.code) {
      case 'INVALID_CREDENTIALS':
        // One try left: the citizen hears that a lock comes next.
        if (n === 1) return t('errors.INVALID_CREDENTIALS_LAST');
        return n !== undefined ? t(`errors.${error.code}_LEFT`, { n }) : t(`errors.${error.code}`);
      case 'IDENTITY_MISMATCH':
      case 'OTP_INVALID':
        return n !== undefined ? t(`errors.${error.code}_LEFT`, { n }) : t(`errors.${error.code}`);
      case 'ACCOUNT_LOCKED':
      case 'IDENTITY_LOCKED':
      case 'OPERATOR_LOCKED':
      case 'CODE_RECOVERY_LOCKED':
        return error.lockedUntil ? t(`errors.${error.code}_UNTIL`, { time: formatTime(error.lockedUntil) }) : t(`errors.${error.code}`);
      case 'KIOSK_RATE_LIMITED':
        return error.retryAfterSeconds !== undefined
          ? t('errors.KIOSK_RATE_LIMITED_WAIT', { n: Math.max(1, Math.ceil(error.retryAfterSeconds / 60)) })
          : t('errors.KIOSK_RATE_LIMITED');
      case 'CODE_SENDS_LIMITED':
        return error.retryAfterSeconds !== undefined
          ? t('errors.CODE_SENDS_LIMITED_WAIT', { n: Math.max(1, Math.ceil(error.retryAfterSeconds / 60)) })
          : t('errors.CODE_SENDS_LIMITED');
      case 'RESEND_COOLDOWN':
        return error.retryAfterSeconds !== undefined
          ? t('errors.RESEND_COOLDOWN_WAIT', { n: error.retryAfterSeconds })
          : t('errors.RESEND_COOLDOWN');
      default:
        return t(`errors.${error.code}`);
    }
  }

  const kiosk = useKioskStore();

  /**
   * Where a failure leaves the citizen stuck, who helps next: the officer at
   * an assisted kiosk, else the Pusat Bantuan's line and site. (A locked
   * code recovery already sends the citizen to an officer; at a
   * self-service kiosk the help line is added; so does an out-of-service
   * kiosk's message, which App.vue shows on its own too.)
   */
  function nextStepFor(error: KioskError): string | undefined {
    if (!isDeadEnd(error)) return undefined;
    const helpLine = t('forms.helpLine', { phone: HELP_CENTRE.phone, address: HELP_CENTRE.address });
    if (error.code === 'CODE_RECOVERY_LOCKED' || error.code === 'OUT_OF_SERVICE') return kiosk.assisted ? undefined : helpLine;
    return kiosk.assisted ? t('forms.helpOfficer') : helpLine;
  }

  return { messageFor, nextStepFor, formatTime };
}
