import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskEmail, maskName, maskNik, maskPhone } from '../../../../src-shared/rules/masking';
import { typedMobile } from './indonesianMobileArbitrary';

const digit = fc.constantFrom(...'0123456789');
const digits = (length: number) => fc.string({ unit: digit, minLength: length, maxLength: length });

describe('maskPhone', () => {
  // The core masks the normalised E.164 number; 08… is how staff type it.
  it.each(['081234562797', '+6281234562797', '6281234562797', '0812-3456-2797', '+62 812 3456 2797'])(
    'shows the demo number typed as %j as 08*****2797 (seed screen 6)',
    (phone) => {
      expect(maskPhone(phone)).toBe('08*****2797');
    },
  );

  it('property: always the first 2 + exactly five asterisks + the last 4 of the 08… form', () => {
    fc.assert(
      fc.property(typedMobile.filter((m) => m.form !== 'international'), ({ nsn, typed }) => {
        const national = `0${nsn}`;
        const masked = maskPhone(typed);
        expect(masked).toBe(`${national.slice(0, 2)}*****${national.slice(-4)}`);
        // A fixed run: the mask does not even tell how long the number is.
        expect(masked).toMatch(/^08\*{5}\d{4}$/);
      }),
    );
  });

  it('property: the middle digits never show: numbers differing only there get the same mask', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('1', '2', '3', '5', '6', '7', '8', '9'),
        fc.integer({ min: 3, max: 6 }).chain((n) => fc.tuple(digits(n), digits(n))),
        digits(4),
        (operator, [middleA, middleB], last4) => {
          const a = maskPhone(`08${operator}${middleA}${last4}`);
          const b = maskPhone(`+628${operator}${middleB}${last4}`);
          expect(a).toBe(b);
          expect(a).toBe(`08*****${last4}`);
        },
      ),
    );
  });

  it('shows nothing of a string too short to mask', () => {
    expect(maskPhone('0812')).toBe('*****');
  });
});

describe('maskEmail', () => {
  it('masks the demo address as s***@example.com', () => {
    expect(maskEmail('siti.rahayu@example.com')).toBe('s***@example.com');
  });

  it('property: first letter + *** + @domain; the rest of the local part never shows', () => {
    const localTail = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789._-'), minLength: 1, maxLength: 30 });
    fc.assert(
      fc.property(
        fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'),
        localTail,
        localTail,
        fc.constantFrom('example.com', 'kemnaker.go.id', 'mail.co.id'),
        (first, tailA, tailB, domain) => {
          const masked = maskEmail(`${first}${tailA}@${domain}`);
          expect(masked).toBe(`${first}***@${domain}`);
          expect(maskEmail(`${first}${tailB}@${domain}`)).toBe(masked);
        },
      ),
    );
  });

  it.each(['no-at-sign', '@example.com', ''])('shows only *** for %j, which has no local part', (email) => {
    expect(maskEmail(email)).toBe('***');
  });
});

describe('maskNik', () => {
  it('masks the demo NIK as 317101******0001', () => {
    expect(maskNik('3171014101900001')).toBe('317101******0001');
  });

  it('property: first 6 + six asterisks + last 4; the birth date digits never show', () => {
    fc.assert(
      fc.property(digits(6), digits(6), digits(6), digits(4), (region, dateA, dateB, serial) => {
        const masked = maskNik(`${region}${dateA}${serial}`);
        expect(masked).toBe(`${region}******${serial}`);
        expect(maskNik(`${region}${dateB}${serial}`)).toBe(masked);
      }),
    );
  });

  it.each(['317101410190000', '31710141019000011', ''])('shows no digit at all of %j, which is not 16 long', (nik) => {
    expect(maskNik(nik)).toBe('****************');
  });
});

describe('maskName', () => {
  it('shows the demo citizen as S*** R***', () => {
    expect(maskName('SITI RAHAYU')).toBe('S*** R***');
  });

  it('ignores stray spaces', () => {
    expect(maskName('  Budi   Santoso ')).toBe('B*** S***');
  });
});
