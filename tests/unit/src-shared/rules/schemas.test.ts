import { otpChannelField } from '../../../../src-shared/recoveryPaths';
import { describe, expect, it } from 'vitest';
import { object, ValidationError, type AnySchema } from 'yup';
import {
  emailField,
  identifierField,
  loginPasswordField,
  nameField,
  newPasswordField,
  nikField,
  otpField,
  phoneField,
  pinField,
  staffIdField,
} from '../../../../src-shared/rules/schemas';

/**
 * The renderer validates with these schemas as vee-validate does (not strict:
 * transforms such as trim run first); the message is an i18n key that the
 * renderer looks up under `validation.`.
 */
function messageOf(schema: AnySchema, value: unknown): string | null {
  try {
    schema.validateSync(value);
    return null;
  } catch (err) {
    if (err instanceof ValidationError) return err.message;
    throw err;
  }
}

describe('identifierField (seed screen 1: "Email atau nomor handphone")', () => {
  it.each(['081234562797', '+62 812-3456-2797', '6281234562797', 'siti.rahayu@example.com', '  081234562797  '])(
    'accepts %j',
    (value) => {
      expect(messageOf(identifierField, value)).toBeNull();
    },
  );

  it.each([
    ['abc', 'identifier.invalid'],
    ['0215550123', 'identifier.invalid'],
    ['+14155550123', 'identifier.invalid'],
    ['siti@example', 'identifier.invalid'],
    ['', 'identifier.required'],
    ['   ', 'identifier.required'],
    [undefined, 'identifier.required'],
    [`${'a'.repeat(250)}@example.com`, 'identifier.tooLong'],
  ])('rejects %j with %s', (value, key) => {
    expect(messageOf(identifierField, value)).toBe(key);
  });
});

describe('loginPasswordField', () => {
  it('accepts any non-empty password: the sign-in form does not re-check the policy', () => {
    expect(messageOf(loginPasswordField, 'x')).toBeNull();
  });
  it.each([
    ['', 'password.required'],
    ['x'.repeat(129), 'password.tooLong'],
  ])('rejects %j with %s', (value, key) => {
    expect(messageOf(loginPasswordField, value)).toBe(key);
  });
});

describe('phoneField (seed screen 4: "Nomor Handphone Baru")', () => {
  it('accepts the seed example 081288488955', () => {
    expect(messageOf(phoneField, '081288488955')).toBeNull();
  });
  it.each([
    ['', 'phone.required'],
    ['021 5550 1234', 'phone.invalid'],
    ['nama@domain.com', 'phone.invalid'],
    ['0'.repeat(40), 'phone.invalid'],
  ])('rejects %j with %s', (value, key) => {
    expect(messageOf(phoneField, value)).toBe(key);
  });
});

describe('emailField (seed screen 4: "Alamat Email Baru")', () => {
  it('accepts the seed example nama@domain.com', () => {
    expect(messageOf(emailField, 'nama@domain.com')).toBeNull();
  });
  it.each([
    [undefined, 'email.required'],
    ['', 'email.required'],
    ['abc', 'email.invalid'],
  ])('rejects %j with %s', (value, key) => {
    expect(messageOf(emailField, value)).toBe(key);
  });
});

describe('nikField', () => {
  it('accepts the demo NIK', () => {
    expect(messageOf(nikField, '3171014101900001')).toBeNull();
  });
  it.each([
    ['', 'nik.required'],
    ['317101410190000', 'nik.length'],
    ['31710141019O0001', 'nik.digits'],
    ['2071014101900001', 'nik.province'],
    ['3171013102900001', 'nik.date'],
    ['3171014101900000', 'nik.serial'],
  ])('rejects %j with %s', (value, key) => {
    expect(messageOf(nikField, value)).toBe(key);
  });
});

describe('nameField', () => {
  it.each(['SITI RAHAYU', "Nur'aini", 'José da Silva', 'R.A. Kartini', 'Siti Nur-Aini'])('accepts %j', (value) => {
    expect(messageOf(nameField, value)).toBeNull();
  });
  it.each([
    ['', 'name.required'],
    ['   ', 'name.required'],
    ['Siti2', 'name.invalid'],
    ['<script>', 'name.invalid'],
    ['A'.repeat(201), 'name.tooLong'],
  ])('rejects %j with %s', (value, key) => {
    expect(messageOf(nameField, value)).toBe(key);
  });
});

describe('newPasswordField (seed screen 4: "Password Baru")', () => {
  const form = object({ phone: phoneField, email: emailField, password: newPasswordField });
  const values = { phone: '081299990000', email: 'siti.baru@example.com' };

  it('accepts a strong password unrelated to the new phone and e-mail', () => {
    expect(messageOf(form, { ...values, password: 'Kuat#2025x' })).toBeNull();
  });

  it.each([
    ['', 'password.required'],
    ['Kuat#2', 'password.minLength'],
    ['KUAT#2025X', 'password.lower'],
    ['kuat#2025x', 'password.upper'],
    ['Kuat#abcdx', 'password.digit'],
    ['Kuat2025xx', 'password.symbol'],
    ['Password1!', 'password.common'],
    ['Aa#081299990000', 'password.containsPersonalData'],
    ['Baru#2025x', 'password.containsPersonalData'],
    [`Aa1!${'x'.repeat(125)}`, 'password.tooLong'],
  ])('rejects %j with %s', (password, key) => {
    expect(messageOf(form, { ...values, password })).toBe(key);
  });
});

describe('otpField', () => {
  it.each([
    ['254241', null],
    ['', 'otp.required'],
    ['25424', 'otp.invalid'],
    ['25424a', 'otp.invalid'],
  ])('%j → %s', (value, key) => {
    expect(messageOf(otpField, value)).toBe(key);
  });
});

describe('operator fields ("ID Petugas", "PIN")', () => {
  it('accept the demo operator PTG001 / 246810', () => {
    expect(messageOf(staffIdField, 'PTG001')).toBeNull();
    expect(messageOf(pinField, '246810')).toBeNull();
  });
  it.each([
    ['ID Petugas', '', 'staffId.required', staffIdField],
    ['ID Petugas', 'PTG 001', 'staffId.invalid', staffIdField],
    ['ID Petugas', 'P'.repeat(33), 'staffId.invalid', staffIdField],
    ['PIN', '', 'pin.required', pinField],
    ['PIN', '123', 'pin.invalid', pinField],
    ['PIN', '123456789', 'pin.invalid', pinField],
    ['PIN', '12a456', 'pin.invalid', pinField],
  ] as const)('%s: rejects %j with %s', (_label, value, key, schema) => {
    expect(messageOf(schema, value)).toBe(key);
  });
});

describe('otpChannelField', () => {
  it('allows sms and email only', () => {
    expect(messageOf(otpChannelField, 'sms')).toBeNull();
    expect(messageOf(otpChannelField, 'email')).toBeNull();
    expect(messageOf(otpChannelField, 'whatsapp')).not.toBeNull();
    expect(messageOf(otpChannelField, undefined)).not.toBeNull();
  });
});
