/**
 * The recovery paths and code channels by name, without their rules: what
 * the renderer's first screen and wizard store need, with no validation
 * library behind it. recoveryPaths.ts adds each channel's rules (and
 * re-exports all of this); a new path or channel starts here.
 */

/** The channels a code can go by; recoveryPaths.ts `OTP_CHANNELS` must give each its rules. */
export const OTP_CHANNEL_NAMES = ['sms', 'email'] as const;
export type OtpChannel = (typeof OTP_CHANNEL_NAMES)[number];

/** The contact a code of each channel goes to (the field name citizens and the backend use). */
export const CHANNEL_CONTACTS = { sms: 'phone', email: 'email' } as const satisfies Record<OtpChannel, 'phone' | 'email'>;

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
