import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from 'yup';
import { emailSchema, normalizeEmail } from '../../../../src-shared/rules/email';

function messageOf(value: unknown): string | null {
  try {
    emailSchema.validateSync(value);
    return null;
  } catch (err) {
    if (err instanceof ValidationError) return err.message;
    throw err;
  }
}

describe('normalizeEmail', () => {
  it('lower-cases and trims: the form the backend compares', () => {
    expect(normalizeEmail('  Siti.Rahayu@Example.COM ')).toBe('siti.rahayu@example.com');
  });

  it('property: is idempotent and leaves no upper-case ASCII letter', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const once = normalizeEmail(s);
        expect(normalizeEmail(once)).toBe(once);
        expect(once).not.toMatch(/[A-Z]/);
      }),
    );
  });
});

describe('emailSchema', () => {
  it.each(['siti.rahayu@example.com', 'budi.santoso@example.com', 'nama@domain.com', 'a+b@kemnaker.go.id'])('accepts %j', (email) => {
    expect(messageOf(email)).toBeNull();
  });

  it.each(['abc', 'siti@', '@example.com', 'siti@example', 'siti rahayu@example.com', 'siti@@example.com'])(
    'rejects %j with the i18n key email.invalid',
    (email) => {
      expect(messageOf(email)).toBe('email.invalid');
    },
  );

  it('rejects an address longer than 254 characters with email.tooLong', () => {
    expect(messageOf(`${'a'.repeat(250)}@example.com`)).toBe('email.tooLong');
  });
});
