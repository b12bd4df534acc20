import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isOtpCode, otpSmsText } from '../../../../src-shared/rules/otp';

describe('otpSmsText', () => {
  it("is the seed's SMS of screen 5, to the letter", () => {
    expect(otpSmsText('254241')).toBe(
      'Kode OTP: 254241. Hati-hati penipuan! Kode OTP ini hanya untuk kamu, jangan berikan ke siapapun. Pihak Kemnaker RI tidak pernah meminta kode ini.',
    );
  });

  it('property: carries the code exactly once, in the same place', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 6, maxLength: 6 }), (code) => {
        const text = otpSmsText(code);
        expect(text.startsWith(`Kode OTP: ${code}. Hati-hati penipuan!`)).toBe(true);
        expect(text.split(code).length - 1).toBe(1);
        expect(text.replace(code, '254241')).toBe(otpSmsText('254241'));
      }),
    );
  });
});

describe('isOtpCode', () => {
  it('property: any six ASCII digits are a code', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 6, maxLength: 6 }), (code) => {
        expect(isOtpCode(code)).toBe(true);
      }),
    );
  });

  it.each(['', '25424', '2542411', '25424a', ' 254241', '254241 ', '254 241', '２５４２４１', '-25424'])(
    'rejects %j',
    (code) => {
      expect(isOtpCode(code)).toBe(false);
    },
  );

  it('property: other lengths are never a code', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'0123456789'), maxLength: 12 }).filter((s) => s.length !== 6),
        (code) => {
          expect(isOtpCode(code)).toBe(false);
        },
      ),
    );
  });
});
