import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, type JsonValue } from '../../../../src-main/audit/canonicalJson';

const json: fc.Arbitrary<JsonValue> = fc.jsonValue() as fc.Arbitrary<JsonValue>;

function shuffleKeys(value: JsonValue, seed: number): JsonValue {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => shuffleKeys(item, seed));
  const keys = Object.keys(value);
  const rotated = keys.slice(seed % Math.max(keys.length, 1)).concat(keys.slice(0, seed % Math.max(keys.length, 1))).reverse();
  return Object.fromEntries(rotated.map((key) => [key, shuffleKeys(value[key] as JsonValue, seed)]));
}

describe('canonicalJson', () => {
  it('sorts keys and has no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: true, c: 'x y' }, e: [2, 1] })).toBe('{"a":{"c":"x y","d":true},"b":1,"e":[2,1]}');
  });

  it('leaves out undefined members and refuses non-finite numbers', () => {
    expect(canonicalJson({ a: undefined, b: null })).toBe('{"b":null}');
    expect(() => canonicalJson({ a: Number.POSITIVE_INFINITY })).toThrow(TypeError);
  });

  it('does not depend on key order and parses back to the same value', () => {
    fc.assert(
      fc.property(json, fc.nat(), (value, seed) => {
        const text = canonicalJson(value);
        expect(canonicalJson(shuffleKeys(value, seed))).toBe(text);
        expect(canonicalJson(JSON.parse(text) as JsonValue)).toBe(text);
        expect(text).not.toMatch(/\n/);
      }),
    );
  });
});
