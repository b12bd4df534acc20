import { describe, expect, it } from 'vitest';
import en from '../../../../../src-renderer/src/i18n/en';
import id from '../../../../../src-renderer/src/i18n/id';

function leaves(value: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) for (const [p, leaf] of leaves(v, prefix ? `${prefix}.${k}` : k)) out.set(p, leaf);
  } else out.set(prefix, value);
  return out;
}

describe('kiosk frame messages', () => {
  const idKiosk = leaves({ kiosk: id.kiosk });
  const enKiosk = leaves({ kiosk: en.kiosk });

  it('has every key in both languages', () => {
    expect([...enKiosk.keys()].sort()).toEqual([...idKiosk.keys()].sort());
  });

  it('every message is a non-empty sentence, with the same {placeholders} in both languages', () => {
    for (const [key, text] of idKiosk) {
      expect(typeof text, key).toBe('string');
      expect((text as string).trim().length, key).toBeGreaterThan(0);
      const params = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
      expect(params(enKiosk.get(key) as string), key).toEqual(params(text as string));
    }
  });

  it("keeps DESIGN.md §5's wording for the officer screen and the attract screen", () => {
    expect(idKiosk.get('kiosk.operatorSignIn.staffIdLabel')).toBe('ID Petugas');
    expect(idKiosk.get('kiosk.operatorSignIn.pinLabel')).toBe('PIN');
    expect(idKiosk.get('kiosk.operatorSignIn.submit')).toBe('Masuk Petugas');
    expect(idKiosk.get('kiosk.attract.title')).toBe('Sentuh layar untuk memulai');
  });
});
