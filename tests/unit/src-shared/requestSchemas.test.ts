import { describe, expect, it } from 'vitest';
import { KIOSK_METHODS } from '../../../src-shared/contract';
import { REQUEST_SCHEMAS } from '../../../src-shared/requestSchemas';

/**
 * The schemas on their own, without the router's options: whoever validates
 * with them gets no coercion and no silent stripping.
 */
describe('REQUEST_SCHEMAS', () => {
  it('has a schema for every method of the contract, and for nothing else', () => {
    expect(Object.keys(REQUEST_SCHEMAS).sort()).toEqual([...KIOSK_METHODS].sort());
  });

  it.each([
    ['verifyOtp', { code: 254241 }],
    ['endSession', { reason: ['cancel'] }],
    ['verifyIdentity', { nik: 3171014101900001, fullName: 'SITI RAHAYU', motherMaidenName: 'AMINAH' }],
    ['verifyIdentity', { nik: '3171014101900001', fullName: 'SITI RAHAYU', motherMaidenName: 'AMINAH', idCardChecked: 'true' }],
    ['operatorSignIn', { staffId: 'PTG001', pin: 246810 }],
  ] as const)('%s does not coerce %j into a valid request', (method, payload) => {
    expect(REQUEST_SCHEMAS[method].isValidSync(payload)).toBe(false);
  });

  it.each([
    ['signIn', { identifier: '081234562797', password: 'Lama#2024a', remember: true }],
    ['getKioskInfo', { debug: true }],
    ['resendOtp', { challengeId: 'c-1' }],
    ['verifyOtp', { code: '254241', challengeId: 'c-1' }],
  ] as const)('%s rejects %j instead of dropping the unknown field', (method, payload) => {
    expect(REQUEST_SCHEMAS[method].isValidSync(payload)).toBe(false);
  });

  it('does not trim: a value with surrounding spaces is rejected, not altered', () => {
    expect(REQUEST_SCHEMAS.startRecovery.isValidSync({ path: 'phone', destination: ' 081234562797 ' })).toBe(false);
    expect(REQUEST_SCHEMAS.verifyIdentity.isValidSync({ nik: '3171014101900001', fullName: ' SITI RAHAYU', motherMaidenName: 'AMINAH' })).toBe(
      false,
    );
  });

  it('holds new credentials to the password policy, including the new phone and e-mail', () => {
    const base = { phone: '081299990000', email: 'siti.baru@example.com', otpChannel: 'sms' };
    expect(REQUEST_SCHEMAS.submitNewCredentials.isValidSync({ ...base, password: 'Kuat#2025x' })).toBe(true);
    expect(REQUEST_SCHEMAS.submitNewCredentials.isValidSync({ ...base, password: 'Aa#081299990000' })).toBe(false);
    expect(REQUEST_SCHEMAS.submitNewCredentials.isValidSync({ ...base, password: 'Baru#2025x' })).toBe(false);
    expect(REQUEST_SCHEMAS.setNewPassword.isValidSync({ password: 'Password1!' })).toBe(false);
  });

  it('accepts any non-empty sign-in password: the policy is for new passwords only', () => {
    expect(REQUEST_SCHEMAS.signIn.isValidSync({ identifier: 'siti.rahayu@example.com', password: 'x' })).toBe(true);
  });
});
