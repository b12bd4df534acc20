import { mixed, type StringSchema } from 'yup';
import { emailSchema, normalizeEmail } from './rules/email';
import { maskEmail, maskPhone } from './rules/masking';
import { normalizeIndonesianMobile } from './rules/phone';
import { emailField, phoneField } from './rules/schemas';
import { CHANNEL_CONTACTS, CONTACT_PATHS, OTP_CHANNEL_NAMES, RECOVERY_PATH_NAMES, RECOVERY_PATHS, type ContactPath, type OtpChannel, type RecoveryPath } from './recoveryPathNames';

export { CONTACT_PATHS, OTP_CHANNEL_NAMES, RECOVERY_PATH_NAMES, RECOVERY_PATHS, type ContactPath, type OtpChannel, type RecoveryPath };

/**
 * The one table of recovery paths and code channels (seed screens 2–6),
 * the paths and names from recoveryPathNames.ts with each channel's rules.
 * Everything that differs between "by phone", "by e-mail" and "by identity"
 * is read from here; where code must still branch, it switches on these keys
 * exhaustively, so a new path or channel is a compile error until every
 * place handles it. docs/architecture.md, "How to add a recovery path".
 */

interface ChannelSpec {
  /** The contact a code of this channel goes to (the field name citizens and the backend use). */
  contact: 'phone' | 'email';
  /** The field's yup schema; its messages are i18n keys under `validation.`. */
  field: StringSchema;
  /** The stored form (E.164 phone, lower-case e-mail), or null when it is not a valid contact. */
  normalize(input: string): string | null;
  /** How it may be shown and audited (docs/architecture.md §3, masking). */
  mask(normalized: string): string;
}

export const OTP_CHANNELS = {
  sms: { contact: CHANNEL_CONTACTS.sms, field: phoneField, normalize: normalizeIndonesianMobile, mask: maskPhone },
  email: {
    contact: CHANNEL_CONTACTS.email,
    field: emailField,
    normalize: (input: string) => {
      const email = normalizeEmail(input);
      return email !== '' && emailSchema.isValidSync(email) ? email : null;
    },
    mask: maskEmail,
  },
} as const satisfies Record<OtpChannel, ChannelSpec>;


/** The identity path's choice of channel for the code (seed screen 4). */
export const otpChannelField = mixed<OtpChannel>().oneOf([...OTP_CHANNEL_NAMES]).required();

/** The channel a contact path's code goes by, with its rules. */
export function codeChannelOf(path: ContactPath): (typeof OTP_CHANNELS)[OtpChannel] & { name: OtpChannel } {
  const name = RECOVERY_PATHS[path].channel;
  return { ...OTP_CHANNELS[name], name };
}
