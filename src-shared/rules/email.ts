import { string } from 'yup';

/** Lower-cased, trimmed: the form the backend compares. */
export function normalizeEmail(input: string): string {
  return input.trim().toLowerCase();
}

export const emailSchema = string()
  .trim()
  .max(254, 'email.tooLong')
  .email('email.invalid')
  .matches(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, { message: 'email.invalid', excludeEmptyString: true });
