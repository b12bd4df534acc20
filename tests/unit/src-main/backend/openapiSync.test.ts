/**
 * resources/openapi.yaml and the stub say the same thing: the request body
 * schemas are identical, every route has an operation, every problem code
 * the contract names is one of the kiosk's codes, and the response validator
 * used by the conformance suite does reject what it should.
 */
import { describe, expect, it } from 'vitest';
import { BODY_SCHEMAS, ROUTE_IDS } from '../../../../src-main/backend/stub/schemas';
import { ERROR_CODES } from '../../../../src-shared/errors';
import { loadOpenApi, OpenApiValidator } from '../../../contract/openapiValidator';

const doc = loadOpenApi();

const REQUEST_SCHEMA_NAMES: Record<keyof typeof BODY_SCHEMAS, string> = {
  signIn: 'SignInRequest',
  operatorSignIn: 'OperatorSignInRequest',
  startByPhone: 'StartByPhoneRequest',
  startByEmail: 'StartByEmailRequest',
  verifyIdentity: 'VerifyIdentityRequest',
  submitCredentials: 'SubmitCredentialsRequest',
  verifyOtp: 'VerifyOtpRequest',
  resendOtp: 'ResendOtpRequest',
  setPassword: 'SetPasswordRequest',
};

function operations(): Map<string, { path: string; method: string; op: Record<string, unknown> }> {
  const out = new Map<string, { path: string; method: string; op: Record<string, unknown> }>();
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) out.set(String(op.operationId), { path, method, op });
  }
  return out;
}

describe('openapi.yaml', () => {
  it('declares exactly the stub\'s routes', () => {
    expect([...operations().keys()].sort()).toEqual([...ROUTE_IDS].sort());
  });

  it('has the same request body schemas as the stub validates with', () => {
    for (const [route, name] of Object.entries(REQUEST_SCHEMA_NAMES)) {
      expect(JSON.parse(JSON.stringify(BODY_SCHEMAS[route as keyof typeof BODY_SCHEMAS])), route).toEqual(doc.components.schemas[name]);
      const op = operations().get(route)?.op as { requestBody?: { content: Record<string, { schema: { $ref: string } }> } };
      expect(op.requestBody?.content['application/json']?.schema.$ref).toBe(`#/components/schemas/${name}`);
    }
  });

  it('requires an Idempotency-Key on every POST and a kiosk id on every call', () => {
    for (const { method, op } of operations().values()) {
      const params = (op.parameters as { $ref?: string }[]).map((p) => p.$ref);
      expect(params).toContain('#/components/parameters/KioskId');
      if (method === 'post') expect(params).toContain('#/components/parameters/IdempotencyKey');
    }
  });

  it('names only codes of src-shared/errors.ts', () => {
    const named = new Set<string>();
    const visit = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(visit);
      else if (typeof node === 'object' && node !== null) {
        for (const [key, value] of Object.entries(node)) {
          if (key === 'x-problem-codes' && Array.isArray(value)) value.forEach((c) => named.add(String(c)));
          visit(value);
        }
      }
    };
    visit(doc);
    expect(named.size).toBeGreaterThan(10);
    for (const code of named) expect(ERROR_CODES).toContain(code);
  });

  it('its validator rejects a wrong shape, an undeclared status and a foreign problem code', () => {
    const validator = new OpenApiValidator(doc);
    const headers = new Headers();
    const challenge = {
      challengeId: 'otp_AAAAAAAAAAAAAAAA',
      channel: 'sms',
      destinationMasked: '08*****2797',
      expiresAt: '2026-01-15T01:05:00.000Z',
      resendAvailableAt: '2026-01-15T01:01:00.000Z',
      resendsRemaining: 3,
    };
    expect(validator.check('resendOtp', 200, 'application/json', challenge, headers)).toEqual([]);
    expect(validator.check('resendOtp', 200, 'application/json', { ...challenge, destinationMasked: '081234562797' }, headers)).toHaveLength(1);
    expect(validator.check('resendOtp', 418, 'application/json', {}, headers)[0]).toMatch(/not declared/);
    const problem = { type: 'urn:pulih:problem:OTP_INVALID', title: 't', status: 422, code: 'OTP_INVALID' };
    expect(validator.check('resendOtp', 429, 'application/problem+json', { ...problem, status: 429 }, headers).join()).toMatch(/not one of/);
  });
});
