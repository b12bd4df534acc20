import { mixed, type StringSchema } from 'yup';
import { emailSchema, normalizeEmail } from './rules/email';
import { maskEmail, maskPhone } from './rules/masking';
import { normalizeIndonesianMobile } from './rules/phone';
import { emailField, phoneField } from './rules/schemas';

/**
 * The one table of recovery paths and code channels (seed screens 2–6).
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
  sms: { contact: 'phone', field: phoneField, normalize: normalizeIndonesianMobile, mask: maskPhone },
  email: {
    contact: 'email',
    field: emailField,
    normalize: (input: string) => {
      const email = normalizeEmail(input);
      return email !== '' && emailSchema.isValidSync(email) ? email : null;
    },
    mask: maskEmail,
  },
} as const satisfies Record<string, ChannelSpec>;

export type OtpChannel = keyof typeof OTP_CHANNELS;
export const OTP_CHANNEL_NAMES = Object.keys(OTP_CHANNELS) as OtpChannel[];

/** The identity path's choice of channel for the code (seed screen 4). */
export const otpChannelField = mixed<OtpChannel>().oneOf(OTP_CHANNEL_NAMES).required();

interface PathSpec {
  /**
   * 'registered-contact': the citizen types the phone or e-mail on the
   * account, a code goes there, then the new password is set.
   * 'identity': NIK, name and mother's maiden name, then new contacts and
   * password together, then a code to the new contact of the citizen's choice.
   */
  asks: 'registered-contact' | 'identity';
  /** registered-contact paths: the channel of the code. */
  channel?: OtpChannel;
}

export const RECOVERY_PATHS = {
  phone: { asks: 'registered-contact', channel: 'sms' },
  email: { asks: 'registered-contact', channel: 'email' },
  identity: { asks: 'identity' },
} as const satisfies Record<string, PathSpec>;

export type RecoveryPath = keyof typeof RECOVERY_PATHS;
export const RECOVERY_PATH_NAMES = Object.keys(RECOVERY_PATHS) as RecoveryPath[];

/** The paths that start from a contact already on the account (a code goes there first). */
export type ContactPath = {
  [P in RecoveryPath]: (typeof RECOVERY_PATHS)[P] extends { channel: OtpChannel } ? P : never;
}[RecoveryPath];
export const CONTACT_PATHS = RECOVERY_PATH_NAMES.filter((path): path is ContactPath => 'channel' in RECOVERY_PATHS[path]);


/** The channel a contact path's code goes by, with its rules. */
export function codeChannelOf(path: ContactPath): (typeof OTP_CHANNELS)[OtpChannel] & { name: OtpChannel } {
  const name = RECOVERY_PATHS[path].channel;
  return { ...OTP_CHANNELS[name], name };
}
