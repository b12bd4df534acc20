import fc from 'fast-check';
import { parsePhoneNumberFromString as parseWithWholeMetadata } from 'libphonenumber-js/mobile';
import { describe, expect, it } from 'vitest';
import { isIndonesianMobile, looksLikePhone, normalizeIndonesianMobile, toNationalForm } from '../../../../src-shared/rules/phone';
import { mobileNsn, typedMobile } from './indonesianMobileArbitrary';

describe('normalizeIndonesianMobile', () => {
  it.each([
    '081234562797',
    '6281234562797',
    '+6281234562797',
    '0812-3456-2797',
    '0812 3456 2797',
    '62 812 3456 2797',
    '+62 812-3456-2797',
    '  081234562797  ',
  ])('stores the demo number typed as %j as +6281234562797', (typed) => {
    expect(normalizeIndonesianMobile(typed)).toBe('+6281234562797');
  });

  it('accepts the shortest and longest Indonesian mobile lengths', () => {
    expect(normalizeIndonesianMobile('0812345678')).toBe('+62812345678');
    expect(normalizeIndonesianMobile('0812345678901')).toBe('+62812345678901');
  });

  it.each([
    ['a Jakarta landline', '021 5550 1234'],
    ['a Jakarta landline in international form', '+62 21 5550 1234'],
    ['a Bandung landline', '022-1234567'],
    ['an unallocated 084 prefix', '0841234567'],
    ['a number one digit too long', '08123456789012'],
    ['a number one digit too short', '081234567'],
    ['a US number', '+1 415 555 0123'],
    ['a Malaysian mobile', '+60 12 345 6789'],
    ['a Singapore mobile', '+65 9123 4567'],
    ['a mobile with an international 00 prefix', '0062812345678'],
    ['a plus before the trunk 0', '+081234562797'],
    ['letters', '0812ABCD2797'],
    ['an e-mail address', 'siti.rahayu@example.com'],
    ['nothing', ''],
  ])('rejects %s (%j)', (_what, typed) => {
    expect(normalizeIndonesianMobile(typed)).toBeNull();
    expect(isIndonesianMobile(typed)).toBe(false);
  });

  it('property: every valid mobile, in any of the three forms with spaces/dashes, becomes +62 + the same digits', () => {
    fc.assert(
      fc.property(typedMobile, ({ nsn, typed }) => {
        expect(normalizeIndonesianMobile(typed)).toBe(`+62${nsn}`);
      }),
    );
  });

  it('property: the three forms of one number normalise to the same E.164 and back to the 08… national form', () => {
    fc.assert(
      fc.property(mobileNsn, (nsn) => {
        const forms = [`0${nsn}`, `62${nsn}`, `+62${nsn}`].map(normalizeIndonesianMobile);
        expect(new Set(forms).size).toBe(1);
        const e164 = forms[0];
        expect(e164).toMatch(/^\+628\d{8,11}$/);
        expect(toNationalForm(e164!)).toBe(`0${nsn}`);
      }),
    );
  });

  it('property: Indonesian landlines (0 + area code 2–7) are never accepted as mobiles', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('2', '3', '4', '5', '6', '7'),
        fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 7, maxLength: 10 }),
        fc.constantFrom('0', '62', '+62'),
        (area, rest, prefix) => {
          expect(normalizeIndonesianMobile(`${prefix}${area}${rest}`)).toBeNull();
        },
      ),
    );
  });

  it('property: numbers of other countries are never accepted, even when they look like 8…', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('1', '7', '33', '44', '60', '61', '63', '65', '66', '81', '84', '86', '91', '966', '971'),
        fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 8, maxLength: 11 }),
        (cc, rest) => {
          expect(normalizeIndonesianMobile(`+${cc}8${rest}`)).toBeNull();
        },
      ),
    );
  });
});

describe('toNationalForm', () => {
  it('shows +628… as 08…', () => {
    expect(toNationalForm('+6281234562797')).toBe('081234562797');
  });
});

describe('looksLikePhone', () => {
  it.each(['081234562797', '+62 812-3456-2797', '(0812) 3456.2797'])('treats %j as a phone number', (typed) => {
    expect(looksLikePhone(typed)).toBe(true);
  });
  it.each(['siti.rahayu@example.com', 'siti', '0812abc', '0812@x.id'])('does not treat %j as a phone number', (typed) => {
    expect(looksLikePhone(typed)).toBe(false);
  });
});

/**
 * phone.ts reads Indonesia's metadata alone (scripts/phone-metadata.ts), so
 * that the renderer does not download the world's. Cut down, it must answer
 * as libphonenumber-js with its whole mobile metadata does, for any input.
 */
describe('Indonesia-only metadata', () => {
  function withWholeMetadata(input: string): string | null {
    const compact = input.trim().replace(/[\s.\-()]/g, '');
    if (!/^\+?\d{8,16}$/.test(compact)) return null;
    const parsed = parseWithWholeMetadata(compact.startsWith('62') ? `+${compact}` : compact, 'ID');
    return parsed && parsed.country === 'ID' && parsed.isValid() ? parsed.number : null;
  }

  it.each(['081234562797', '+62 812-3456-2797', '0812345678', '0812345678901', '021 5550 1234', '+1 415 555 0123', '+60 12 345 6789', '0062812345678'])(
    'answers as the whole metadata does for %j',
    (typed) => {
      expect(normalizeIndonesianMobile(typed)).toBe(withWholeMetadata(typed));
    },
  );

  it('property: any digits, with or without + or 62 before them, get the same answer as with the whole metadata', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('', '+', '0', '62', '+62', '+6', '00'),
        fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 6, maxLength: 15 }),
        (prefix, digits) => {
          expect(normalizeIndonesianMobile(`${prefix}${digits}`)).toBe(withWholeMetadata(`${prefix}${digits}`));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('property: every valid mobile as typed gets the same answer as with the whole metadata', () => {
    fc.assert(
      fc.property(typedMobile, ({ typed }) => {
        expect(normalizeIndonesianMobile(typed)).toBe(withWholeMetadata(typed));
      }),
    );
  });
});
