import { describe, expect, it } from 'vitest';
import kioskEn from '../../../../../src-renderer/src/i18n/kiosk.en';
import kioskId from '../../../../../src-renderer/src/i18n/kiosk.id';

function leaves(value: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) for (const [p, leaf] of leaves(v, prefix ? `${prefix}.${k}` : k)) out.set(p, leaf);
  } else out.set(prefix, value);
  return out;
}

describe('kiosk frame messages', () => {
  const id = leaves(kioskId);
  const en = leaves(kioskEn);

  it('has every key in both languages', () => {
    expect([...en.keys()].sort()).toEqual([...id.keys()].sort());
  });

  it('every message is a non-empty sentence, with the same {placeholders} in both languages', () => {
    for (const [key, text] of id) {
      expect(typeof text, key).toBe('string');
      expect((text as string).trim().length, key).toBeGreaterThan(0);
      const params = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
      expect(params(en.get(key) as string), key).toEqual(params(text as string));
    }
  });

  it("keeps DESIGN.md §5's wording for the officer screen and the attract screen", () => {
    expect(id.get('kiosk.operatorSignIn.staffIdLabel')).toBe('ID Petugas');
    expect(id.get('kiosk.operatorSignIn.pinLabel')).toBe('PIN');
    expect(id.get('kiosk.operatorSignIn.submit')).toBe('Masuk Petugas');
    expect(id.get('kiosk.attract.title')).toBe('Sentuh layar untuk memulai');
  });
});
