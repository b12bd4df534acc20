/**
 * resources/openapi.yaml as the kiosk reads it: every operation with its
 * method, path and parameters; the rules every operation must keep (a kiosk
 * id on every call, an Idempotency-Key on every POST); only codes the kiosk
 * knows.
 */
import { describe, expect, it } from 'vitest';
import {
  contractDocument,
  contractOperation,
  contractOperations,
  inlineRefs,
  pathOf,
} from '../../../../../src-main/backend/contract/document';
import { OTP_LENGTH } from '../../../../../src-shared/rules/otp';

describe('the contract document', () => {
  it('reads every operation with its method, path and parameters', () => {
    expect(contractOperations().size).toBeGreaterThanOrEqual(11);
    const verify = contractOperation('verifyOtp');
    expect(verify.method).toBe('POST');
    expect(verify.path).toBe('/v1/recoveries/{recoveryId}/challenges/{challengeId}/verify');
    expect(verify.parameters.map((p) => `${p.in}:${p.name}`)).toEqual(
      expect.arrayContaining(['header:X-Kiosk-Id', 'header:Idempotency-Key', 'path:recoveryId', 'path:challengeId']),
    );
    expect(verify.security).toEqual(['kioskKey', 'recoveryToken']);
    expect(verify.requestBody).toMatchObject({ required: ['code'], additionalProperties: false });
  });

  it('requires an Idempotency-Key on every POST and a kiosk id on every call', () => {
    for (const op of contractOperations().values()) {
      const required = op.parameters.filter((p) => p.required && p.in === 'header').map((p) => p.name);
      expect(required, op.id).toContain('X-Kiosk-Id');
      if (op.method === 'POST') expect(required, op.id).toContain('Idempotency-Key');
    }
  });

  it('fills path parameters URI-encoded and refuses a missing one', () => {
    expect(pathOf('resendOtp', { recoveryId: 'rcv_A/B', challengeId: 'otp_C D' })).toBe('/v1/recoveries/rcv_A%2FB/challenges/otp_C%20D/resend');
    expect(() => pathOf('resendOtp', { recoveryId: 'rcv_A' })).toThrow(/challengeId/);
  });

  it('inlines references, so a schema reads without the document around it', () => {
    const started = inlineRefs(contractDocument(), { $ref: '#/components/schemas/RecoveryStarted' });
    expect(JSON.stringify(started)).not.toContain('$ref');
    expect(JSON.stringify(started)).toContain('resendsRemaining');
    expect(() => inlineRefs(contractDocument(), { $ref: '#/components/schemas/Nope' })).toThrow(/unknown reference/);
  });

  it('takes exactly the codes the kiosk asks for (OTP_LENGTH digits)', () => {
    const code = (contractOperation('verifyOtp').requestBody?.properties as Record<string, { pattern: string; maxLength: number }>).code;
    const pattern = new RegExp(code?.pattern ?? '$^', 'u');
    const fits = (s: string) => pattern.test(s) && s.length <= (code?.maxLength ?? 0);
    expect(fits('7'.repeat(OTP_LENGTH))).toBe(true);
    expect(fits('7'.repeat(OTP_LENGTH - 1))).toBe(false);
    expect(fits('7'.repeat(OTP_LENGTH + 1))).toBe(false);
  });

  it('lists in x-problem-codes only codes of its Problem schema (the typecheck maps each onto the kiosk\'s codes)', () => {
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
    visit(contractDocument());
    const declared = (contractDocument().components.schemas.Problem as { properties: { code: { enum: string[] } } }).properties.code.enum;
    expect(named.size).toBeGreaterThan(10);
    for (const code of named) expect(declared).toContain(code);
  });
});
