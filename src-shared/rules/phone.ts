import { parsePhoneNumberFromString } from 'libphonenumber-js/mobile';

/**
 * Indonesian mobile numbers as citizens type them: `08…`, `628…` or `+628…`,
 * with spaces, dots or dashes anywhere. libphonenumber-js (mobile metadata)
 * decides what is a real Indonesian mobile number.
 */
export function normalizeIndonesianMobile(input: string): string | null {
  const compact = input.trim().replace(/[\s.\-()]/g, '');
  if (!/^\+?\d{8,16}$/.test(compact)) return null;
  const withPlus = compact.startsWith('62') ? `+${compact}` : compact;
  const parsed = parsePhoneNumberFromString(withPlus, 'ID');
  if (!parsed || parsed.country !== 'ID' || !parsed.isValid()) return null;
  return parsed.number; // E.164, e.g. +6281234562797
}

export function isIndonesianMobile(input: string): boolean {
  return normalizeIndonesianMobile(input) !== null;
}

/** `+628…` (or `628…`) → the national form citizens know, `08…`. */
export function toNationalForm(international: string): string {
  const match = /^\+?62(8\d+)$/.exec(international);
  return match ? `0${match[1]}` : international;
}

/** Anything that looks like a phone number rather than an e-mail address. */
export function looksLikePhone(identifier: string): boolean {
  return !identifier.includes('@') && /^[\s+\d.\-()]+$/.test(identifier.trim());
}
