import fc from 'fast-check';

/**
 * Indonesian mobile numbers as a citizen may type them, for property tests.
 * The national significant number is `8` + an operator digit (1–3, 5–9) + 7–10
 * digits (9–12 digits in all), the range libphonenumber's mobile metadata
 * accepts for Indonesia.
 */
export interface TypedMobile {
  /** Digits after the country code, e.g. `81234562797`. */
  nsn: string;
  /** What was typed: `08…`, `628…` or `+628…`, possibly with spaces and dashes. */
  typed: string;
  form: 'national' | 'international' | 'e164';
}

export const mobileNsn: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom('1', '2', '3', '5', '6', '7', '8', '9'), fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 7, maxLength: 10 }))
  .map(([operator, rest]) => `8${operator}${rest}`);

const separator = fc.constantFrom('', '', '', ' ', '-');

/** Inserts the given separators between the digits (never inside a leading `+`). */
function withSeparators(text: string, seps: readonly string[]): string {
  let out = '';
  [...text].forEach((ch, i) => {
    out += ch;
    const next = text[i + 1];
    if (next !== undefined && ch !== '+') out += seps[i] ?? '';
  });
  return out;
}

export const typedMobile: fc.Arbitrary<TypedMobile> = fc
  .record({
    nsn: mobileNsn,
    form: fc.constantFrom('national', 'international', 'e164') as fc.Arbitrary<TypedMobile['form']>,
    seps: fc.array(separator, { minLength: 16, maxLength: 16 }),
  })
  .map(({ nsn, form, seps }) => {
    const plain = form === 'national' ? `0${nsn}` : form === 'international' ? `62${nsn}` : `+62${nsn}`;
    return { nsn, form, typed: withSeparators(plain, seps) };
  });
