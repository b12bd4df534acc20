import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeName } from '../../../../src-shared/rules/names';

/** ASCII letters → their full-width forms (U+FF21…), as some IMEs type them. */
const fullWidth = (s: string) =>
  s.replace(/[A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x41 + 0xff21)).replace(/ /g, '\u3000');

describe('normalizeName (how the backend compares names)', () => {
  it.each([
    ['siti  rahayu ', 'SITI RAHAYU'],
    ['  Siti Rahayu', 'SITI RAHAYU'],
    ['siti\trahayu\n', 'SITI RAHAYU'],
    ['siti\u00a0rahayu', 'SITI RAHAYU'],
    ['ｓｉｔｉ　ｒａｈａｙｕ', 'SITI RAHAYU'],
    ['ＳＩＴＩ ＲＡＨＡＹＵ', 'SITI RAHAYU'],
    ["Nur'aini", "NUR'AINI"],
  ])('%j → %j', (input, expected) => {
    expect(normalizeName(input)).toBe(expected);
  });

  it('treats a precomposed and a combining accent alike (NFKC)', () => {
    expect(normalizeName('Jos\u00e9')).toBe(normalizeName('Jose\u0301'));
  });

  const word = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'), minLength: 1, maxLength: 10 });
  const name = fc.array(word, { minLength: 1, maxLength: 4 }).map((w) => w.join(' '));
  const space = fc.constantFrom(' ', '  ', '\t', '\u00a0', '\u3000');

  it('property: case, full-width letters and any run of spaces do not change the compared form', () => {
    fc.assert(
      fc.property(
        name,
        fc.array(space, { minLength: 6, maxLength: 6 }),
        fc.boolean(),
        fc.boolean(),
        (n, spaces, wide, upper) => {
          let typed = n
            .split(' ')
            .map((w, i) => w + (spaces[i] ?? ' '))
            .join('');
          typed = `${spaces[5]}${typed}`;
          if (upper) typed = typed.toUpperCase();
          if (wide) typed = fullWidth(typed);
          expect(normalizeName(typed)).toBe(n.toUpperCase());
        },
      ),
    );
  });

  it('property: the result is upper-case, trimmed and has single spaces only', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'abcXYZ éñ\t\u3000\u00a0\'-.') }), (typed) => {
        const out = normalizeName(typed);
        expect(out).toBe(out.toUpperCase());
        expect(out).toBe(out.trim());
        expect(out).not.toMatch(/\s\s/);
        expect(out).not.toMatch(/[^\S ]/);
      }),
    );
  });
});
