/** Answers are judged against resources/openapi.yaml: shape, status, problem codes, Retry-After. */
import { describe, expect, it } from 'vitest';
import Ajv2020 from 'ajv/dist/2020.js';
import { ContractAnswers } from '../../../../../src-main/backend/contract/answers';
import { contractDocument } from '../../../../../src-main/backend/contract/document';

const answers = new ContractAnswers();
const headers = new Headers();
const challenge = {
  challengeId: 'otp_AAAAAAAAAAAAAAAA',
  channel: 'sms',
  destinationMasked: '08*****2797',
  expiresAt: '2026-01-15T01:05:00.000Z',
  resendAvailableAt: '2026-01-15T01:01:00.000Z',
  expiresInSeconds: 300,
  resendAvailableInSeconds: 60,
  resendsRemaining: 3,
};
const problem = (code: string, status: number) => ({ type: `urn:pulih:problem:${code}`, title: 't', status, code });

describe('ContractAnswers', () => {
  it('is built from schemas that are valid JSON Schema 2020-12 (the kiosk skips this check at start)', () => {
    const ajv = new Ajv2020({ strict: false });
    for (const [name, schema] of Object.entries(contractDocument().components.schemas)) {
      expect(ajv.validateSchema(schema), `${name}: ${ajv.errorsText()}`).toBe(true);
    }
    expect(ajv.validateSchema({ type: 'string', minLength: -1 })).toBe(false);
  });

  it('accepts an answer that fits and says what is wrong with one that does not', () => {
    expect(answers.check('resendOtp', 200, 'application/json', challenge, headers)).toEqual([]);
    expect(answers.fits('resendOtp', 200, challenge)).toBe(true);
    const unmasked = { ...challenge, destinationMasked: '081234562797' };
    expect(answers.check('resendOtp', 200, 'application/json', unmasked, headers).join()).toMatch(/destinationMasked/);
    expect(answers.fits('resendOtp', 200, unmasked)).toBe(false);
    expect(answers.fits('resendOtp', 200, { ...challenge, expiresAt: 'tomorrow' })).toBe(false);
    expect(answers.fits('resendOtp', 200, { ...challenge, resendsRemaining: 4 })).toBe(false);
  });

  it('refuses an undeclared status, a foreign problem code and a problem whose status differs', () => {
    expect(answers.check('resendOtp', 418, 'application/json', {}, headers)[0]).toMatch(/not declared/);
    expect(answers.fits('resendOtp', 418, {})).toBe(false);
    expect(answers.check('resendOtp', 429, 'application/problem+json', problem('OTP_INVALID', 429), headers).join()).toMatch(/not one of/);
    expect(answers.fits('verifyOtp', 422, problem('OTP_INVALID', 422))).toBe(true);
    expect(answers.fits('verifyOtp', 422, problem('IDENTITY_MISMATCH', 422))).toBe(false);
    expect(answers.fits('verifyOtp', 422, problem('OTP_INVALID', 410))).toBe(false);
    expect(answers.fits('verifyOtp', 422, { code: 'OTP_INVALID' })).toBe(false);
  });

  it('wants the declared content type and a Retry-After on a 429', () => {
    expect(answers.check('resendOtp', 200, 'text/html', challenge, headers).join()).toMatch(/content-type/);
    const cooldown = problem('RESEND_COOLDOWN', 429);
    expect(answers.check('resendOtp', 429, 'application/problem+json', cooldown, headers).join()).toMatch(/Retry-After/);
    expect(answers.check('resendOtp', 429, 'application/problem+json', cooldown, new Headers({ 'retry-after': '30' }))).toEqual([]);
  });

  it('takes a completed or a verified OTP result, nothing in between', () => {
    expect(answers.fits('verifyOtp', 200, { status: 'otp-verified' })).toBe(true);
    const contacts = { phoneMasked: '08*****0011', emailMasked: 's***@example.org' };
    expect(answers.fits('verifyOtp', 200, { status: 'completed', reference: 'PLH-2026-AB12CD', ...contacts })).toBe(true);
    // The done page needs the account's contacts: an answer without them does not fit.
    expect(answers.fits('verifyOtp', 200, { status: 'completed', reference: 'PLH-2026-AB12CD' })).toBe(false);
    expect(answers.fits('verifyOtp', 200, { status: 'completed', reference: 'PLH-2026-AB12CD', ...contacts, phoneMasked: '081377770011' })).toBe(false);
    expect(answers.fits('verifyOtp', 200, { status: 'completed' })).toBe(false);
    expect(answers.fits('verifyOtp', 200, { status: 'done', reference: 'PLH-2026-AB12CD' })).toBe(false);
  });
});
