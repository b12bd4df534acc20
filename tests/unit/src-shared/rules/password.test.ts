import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMMON_PASSWORDS, PASSWORD_SYMBOLS, passwordChecklist, passwordExtraChecklist, passwordProblem } from '../../../../src-shared/rules/password';
import { typedMobile } from './indonesianMobileArbitrary';

const SITI = { nik: '3171014101900001', phone: '081234562797', fullName: 'SITI RAHAYU', email: 'siti.rahayu@example.com' };

describe('passwordChecklist (the live checklist of seed screen 4)', () => {
  it('ticks all five rules for the demo password', () => {
    expect(passwordChecklist('Lama#2024a')).toEqual({ minLength: true, lower: true, upper: true, digit: true, symbol: true });
  });

  it('ticks nothing for an empty password', () => {
    expect(passwordChecklist('')).toEqual({ minLength: false, lower: false, upper: false, digit: false, symbol: false });
  });

  it.each([...PASSWORD_SYMBOLS])('counts %s as the symbol', (symbol) => {
    expect(passwordChecklist(`x${symbol}`).symbol).toBe(true);
  });

  it.each(['-', '_', '.', '~', '(', '?', ' ', '+'])('does not count %j, which is not one of ! @ # $ %% ^ & *', (other) => {
    expect(passwordChecklist(`x${other}`).symbol).toBe(false);
  });

  it('counts 8 characters as enough and 7 as too few', () => {
    expect(passwordChecklist('aaaaaaa').minLength).toBe(false);
    expect(passwordChecklist('aaaaaaaa').minLength).toBe(true);
  });

  it('property: each of the five rules is ticked independently of the others', () => {
    // Filler that satisfies no rule but length.
    const filler = fc.constantFrom('-', '_', '.', '~', ' ', '(');
    fc.assert(
      fc.property(
        fc.record({ minLength: fc.boolean(), lower: fc.boolean(), upper: fc.boolean(), digit: fc.boolean(), symbol: fc.boolean() }),
        fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'),
        fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'),
        fc.constantFrom(...'0123456789'),
        fc.constantFrom(...PASSWORD_SYMBOLS),
        fc.array(filler, { maxLength: 20 }),
        fc.nat(),
        (want, lower, upper, digit, symbol, fill, seed) => {
          const classes = [want.lower ? lower : '', want.upper ? upper : '', want.digit ? digit : '', want.symbol ? symbol : ''].join('');
          // Below 8 when minLength is not wanted (at most 4 class characters + 3 filler), at least 8 when it is.
          const length = want.minLength ? Math.max(8, classes.length + fill.length) : Math.min(7, classes.length + (seed % 4));
          const padding = Array.from({ length: length - classes.length }, (_, i) => fill[i % Math.max(1, fill.length)] ?? '-');
          const chars = [...classes, ...padding];
          // Rotate so the class characters are not always at the front.
          const rotated = chars.map((_, i) => chars[(i + seed) % chars.length]).join('');
          expect(passwordChecklist(rotated)).toEqual(want);
        },
      ),
    );
  });
});

describe('passwordProblem', () => {
  it('accepts a strong password that has nothing of the citizen in it', () => {
    expect(passwordProblem('Kuat#2025x', SITI)).toBeNull();
  });

  it.each([
    ['Ab1!', 'minLength'],
    ['ABCDEFG1!', 'lower'],
    ['abcdefg1!', 'upper'],
    ['Abcdefgh!', 'digit'],
    ['Abcdefgh1', 'symbol'],
  ] as const)('names the first unmet rule of %j: %s', (password, problem) => {
    expect(passwordProblem(password)).toBe(problem);
  });

  it.each([
    ['the NIK', 'Ab#3171014101900001'],
    ['the phone number in 08… form', 'Ab#081234562797'],
    ['the phone number without its leading 0', 'Ab#81234562797'],
    ['the phone number in 628… form', 'Ab#6281234562797'],
    ['the first name', 'Siti#2025x'],
    ['the last name, in another case', 'xRaHaYu#2025'],
    ['a part of the e-mail local part', 'Rahayu!99Q'],
  ])('rejects a password containing %s', (_what, password) => {
    expect(passwordProblem(password, SITI)).toBe('containsPersonalData');
  });

  it('finds the phone number whichever form the context holds it in', () => {
    for (const phone of ['081234562797', '+6281234562797', '6281234562797', '0812-3456-2797']) {
      expect(passwordProblem('Zz#081234562797', { phone })).toBe('containsPersonalData');
    }
  });

  it('property: any password holding a valid mobile number of the citizen (08… or 8…) is rejected', () => {
    fc.assert(
      fc.property(typedMobile, fc.constantFrom('0', ''), ({ nsn, typed }, lead) => {
        expect(passwordProblem(`Qq#${lead}${nsn}`, { phone: typed })).toBe('containsPersonalData');
      }),
    );
  });

  it('ignores name parts shorter than three letters', () => {
    expect(passwordProblem('Kuat#2025an', { fullName: 'AN NUR' })).toBeNull();
    expect(passwordProblem('Kuat#2025nur', { fullName: 'AN NUR' })).toBe('containsPersonalData');
  });

  it.each(['Password1!', 'P@ssw0rd', 'Merdeka45!', 'Jakarta123!', 'pASSWORD1!'])(
    'rejects %j, which meets the five rules but is on the common list',
    (password) => {
      expect(passwordChecklist(password)).toEqual({ minLength: true, lower: true, upper: true, digit: true, symbol: true });
      expect(passwordProblem(password)).toBe('common');
    },
  );

  it('holds its common list in lower case so any casing is caught', () => {
    expect(COMMON_PASSWORDS.size).toBeGreaterThan(0);
    for (const p of COMMON_PASSWORDS) expect(p).toBe(p.toLowerCase());
  });
});

describe('passwordExtraChecklist (the two rules beyond the five, as live lines)', () => {
  it('meets neither line before anything is typed', () => {
    expect(passwordExtraChecklist('', [SITI])).toEqual({ containsPersonalData: false, common: false });
  });

  it('meets both for a strong password with nothing of the citizen in it', () => {
    expect(passwordExtraChecklist('Kuat#2025x', [SITI])).toEqual({ containsPersonalData: true, common: true });
  });

  it('flags a password that meets the five rules yet holds the name', () => {
    expect(passwordChecklist('Siti2026!')).toEqual({ minLength: true, lower: true, upper: true, digit: true, symbol: true });
    expect(passwordExtraChecklist('Siti2026!', [SITI]).containsPersonalData).toBe(false);
  });

  it('flags personal data from any of the contexts it is given', () => {
    const contexts = [{ fullName: 'BUDI' }, { phone: '081234562797' }];
    expect(passwordExtraChecklist('Ab#081234562797', contexts).containsPersonalData).toBe(false);
    expect(passwordExtraChecklist('Ab#Budi2025', contexts).containsPersonalData).toBe(false);
    expect(passwordExtraChecklist('Kuat#2025x', contexts).containsPersonalData).toBe(true);
  });

  it('flags a common password', () => {
    expect(passwordExtraChecklist('Password1!', []).common).toBe(false);
  });

  it('agrees with passwordProblem once the five rules are met', () => {
    for (const password of ['Kuat#2025x', 'Siti#2025x', 'Password1!', 'Ab#3171014101900001']) {
      const lines = passwordExtraChecklist(password, [SITI]);
      const problem = passwordProblem(password, SITI);
      expect(problem === null).toBe(lines.common && lines.containsPersonalData);
    }
  });
});
