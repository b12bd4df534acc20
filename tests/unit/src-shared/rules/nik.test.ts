import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidNik, nikProblem, PROVINCE_CODES } from '../../../../src-shared/rules/nik';

const OFFICIAL_PROVINCES = [
  '11', '12', '13', '14', '15', '16', '17', '18', '19', '21', '31', '32', '33', '34', '35', '36', '51', '52', '53',
  '61', '62', '63', '64', '65', '71', '72', '73', '74', '75', '76', '81', '82', '91', '92', '93', '94', '95', '96',
];

const digit = fc.constantFrom(...'0123456789');
const digits = (length: number) => fc.string({ unit: digit, minLength: length, maxLength: length });
const two = (n: number) => String(n).padStart(2, '0');

function daysIn(month: number, yy: number): number {
  // Two-digit years: 19yy and 20yy share leap-ness except 1900/2000; the rule accepts a date real in either.
  return new Date(Date.UTC(2000 + yy, month, 0)).getUTCDate();
}

interface NikParts {
  province: string;
  regency: string;
  district: string;
  day: number;
  month: number;
  yy: number;
  woman: boolean;
  serial: string;
}

const nik = (p: NikParts) => `${p.province}${p.regency}${p.district}${two(p.day + (p.woman ? 40 : 0))}${two(p.month)}${two(p.yy)}${p.serial}`;

const validParts: fc.Arbitrary<NikParts> = fc
  .record({
    province: fc.constantFrom(...OFFICIAL_PROVINCES),
    regency: digits(2),
    district: digits(2),
    month: fc.integer({ min: 1, max: 12 }),
    yy: fc.integer({ min: 0, max: 99 }),
    woman: fc.boolean(),
    serial: digits(4).filter((s) => s !== '0000'),
  })
  .chain((p) => fc.integer({ min: 1, max: daysIn(p.month, p.yy) }).map((day) => ({ ...p, day })));

describe('nikProblem', () => {
  it.each(['3171014101900001', '3273011505850002'])('accepts the demo NIK %s', (demo) => {
    expect(nikProblem(demo)).toBeNull();
    expect(isValidNik(demo)).toBe(true);
  });

  it('knows exactly the official province codes of docs/architecture.md §3', () => {
    expect([...PROVINCE_CODES].sort()).toEqual(OFFICIAL_PROVINCES);
  });

  it('property: a NIK with a listed province, a real date (women +40) and a serial other than 0000 is valid', () => {
    fc.assert(
      fc.property(validParts, (p) => {
        expect(nikProblem(nik(p))).toBeNull();
      }),
    );
  });

  it('property: a province code not in the list → province', () => {
    const badProvince = fc.integer({ min: 0, max: 99 }).map(two).filter((code) => !OFFICIAL_PROVINCES.includes(code));
    fc.assert(
      fc.property(validParts, badProvince, (p, province) => {
        expect(nikProblem(nik({ ...p, province }))).toBe('province');
      }),
    );
  });

  it.each([0, 32, 40, 72, 99])('day field %i → date', (dayField) => {
    expect(nikProblem(`317101${two(dayField)}0190` + '0001')).toBe('date');
  });

  it('property: a day field outside 01–31 and 41–71 → date', () => {
    const badDay = fc.oneof(fc.constant(0), fc.integer({ min: 32, max: 40 }), fc.integer({ min: 72, max: 99 }));
    fc.assert(
      fc.property(validParts, badDay, (p, dayField) => {
        const valid = nik(p);
        expect(nikProblem(`${valid.slice(0, 6)}${two(dayField)}${valid.slice(8)}`)).toBe('date');
      }),
    );
  });

  it('property: a month 00 or 13–99 → date', () => {
    const badMonth = fc.oneof(fc.constant(0), fc.integer({ min: 13, max: 99 }));
    fc.assert(
      fc.property(validParts, badMonth, (p, month) => {
        expect(nikProblem(nik({ ...p, month, day: 1 }))).toBe('date');
      }),
    );
  });

  it('property: a day past the end of its month (31 Feb, 31 Apr…) → date, for men and women alike', () => {
    fc.assert(
      fc.property(validParts, fc.integer({ min: 1, max: 12 }), (p, month) => {
        const last = daysIn(month, p.yy);
        fc.pre(last < 31);
        expect(nikProblem(nik({ ...p, month, day: last + 1 }))).toBe('date');
        expect(nikProblem(nik({ ...p, month, day: 31 }))).toBe('date');
      }),
    );
  });

  it('29 February: valid in a leap year (…88), a date error otherwise (…85)', () => {
    expect(nikProblem('3273012902880002')).toBeNull();
    expect(nikProblem('3273016902880002')).toBeNull(); // a woman
    expect(nikProblem('3273012902850002')).toBe('date');
    expect(nikProblem('3273013102880002')).toBe('date');
  });

  it('property: serial 0000 → serial', () => {
    fc.assert(
      fc.property(validParts, (p) => {
        expect(nikProblem(nik({ ...p, serial: '0000' }))).toBe('serial');
      }),
    );
  });

  it('property: 15 or 17 digits → length', () => {
    fc.assert(
      fc.property(validParts, digit, (p, extra) => {
        const valid = nik(p);
        expect(nikProblem(valid.slice(0, 15))).toBe('length');
        expect(nikProblem(`${valid}${extra}`)).toBe('length');
      }),
    );
  });

  it('property: a letter, space or non-ASCII digit anywhere → digits', () => {
    fc.assert(
      fc.property(
        validParts,
        fc.integer({ min: 0, max: 15 }),
        fc.constantFrom('A', 'o', 'O', 'l', ' ', '-', '３', '٣'),
        (p, at, ch) => {
          const valid = nik(p);
          expect(nikProblem(`${valid.slice(0, at)}${ch}${valid.slice(at + 1)}`)).toBe('digits');
        },
      ),
    );
  });

  it('an empty NIK → length', () => {
    expect(nikProblem('')).toBe('length');
  });
});
