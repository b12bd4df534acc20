/** Every backend code maps to a typed error; nothing else of a problem body crosses. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contractDocument } from '../../../../src-main/backend/contract/document';
import { parseRetryAfter, problemToError } from '../../../../src-main/backend/problemMapping';
import { ERROR_CODES, isErrorCode } from '../../../../src-shared/errors';

describe('problemToError', () => {
  it('maps every code the contract declares to the kiosk code of the same name (a refused audit anchor to VALIDATION_FAILED, a refused kiosk key to OUT_OF_SERVICE)', () => {
    const declared = (contractDocument().components.schemas.Problem as { properties: { code: { enum: string[] } } }).properties.code.enum;
    expect(declared.length).toBeGreaterThan(10);
    // Only the background anchor sender gets it; no citizen screen needs a text of its own.
    // A kiosk whose key is refused cannot serve anyone until it is fixed: the citizen is told the kiosk is out of service.
    const renamed: Record<string, string> = { AUDIT_ANCHOR_BEHIND: 'VALIDATION_FAILED', KIOSK_UNAUTHENTICATED: 'OUT_OF_SERVICE' };
    for (const code of declared) expect(problemToError({ code }).code).toBe(renamed[code] ?? code);
  });

  it('turns kiosk-only, unknown or missing codes into BACKEND_ERROR', () => {
    for (const code of ['INTERNAL', 'FORBIDDEN', 'OUT_OF_SERVICE', 'TEAPOT', '', 42, null]) {
      expect(problemToError({ code })).toEqual({ code: 'BACKEND_ERROR' });
    }
    expect(problemToError('Service Unavailable')).toEqual({ code: 'BACKEND_ERROR' });
    expect(problemToError(undefined)).toEqual({ code: 'BACKEND_ERROR' });
  });

  it('keeps only well-formed numbers, a re-serialised time and a plain field name', () => {
    expect(
      problemToError({
        code: 'IDENTITY_LOCKED',
        attemptsRemaining: 0,
        lockedUntil: '2026-01-16T01:00:00Z',
        retryAfterSeconds: 12.2,
        field: 'nik',
        title: 'NIK 3171014101900001 terkunci',
      }),
    ).toEqual({ code: 'IDENTITY_LOCKED', attemptsRemaining: 0, lockedUntil: '2026-01-16T01:00:00.000Z', retryAfterSeconds: 13, field: 'nik' });
    expect(problemToError({ code: 'OTP_INVALID', attemptsRemaining: -1, lockedUntil: 'soon', field: '<script>' })).toEqual({
      code: 'OTP_INVALID',
    });
  });

  it('never lets anything but the typed keys through, whatever the body', () => {
    fc.assert(
      fc.property(fc.anything(), fc.option(fc.string()), (body, header) => {
        const error = problemToError(body, header ?? undefined);
        expect(isErrorCode(error.code)).toBe(true);
        expect(ERROR_CODES).toContain(error.code);
        for (const key of Object.keys(error)) expect(['code', 'attemptsRemaining', 'retryAfterSeconds', 'lockedUntil', 'field']).toContain(key);
        if (error.lockedUntil !== undefined) expect(new Date(error.lockedUntil).toISOString()).toBe(error.lockedUntil);
      }),
      { numRuns: 300 },
    );
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.UTC(2026, 0, 15, 1, 0, 0);
    expect(parseRetryAfter('30', now)).toBe(30);
    expect(parseRetryAfter(new Date(now + 90_000).toUTCString(), now)).toBe(90);
    expect(parseRetryAfter('later', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});
