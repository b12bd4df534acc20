import { toNationalForm } from './phone';

/** `08*****2797`: first 2 + a fixed run of five asterisks + last 4 of the national form. */
export function maskPhone(phone: string): string {
  const national = toNationalForm(phone.replace(/[\s.\-()]/g, ''));
  if (national.length < 6) return '*'.repeat(5);
  return `${national.slice(0, 2)}*****${national.slice(-4)}`;
}

/** `s***@example.com`: first letter + `***` + `@domain`. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

/** `317101******0001`: first 6 + `******` + last 4. */
export function maskNik(nik: string): string {
  if (nik.length !== 16) return '*'.repeat(16);
  return `${nik.slice(0, 6)}******${nik.slice(-4)}`;
}

/** `S*** R***`: initials only, for "signed in as" and operator-facing lists. */
export function maskName(fullName: string): string {
  return fullName
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((part) => `${part[0]}***`)
    .join(' ');
}
