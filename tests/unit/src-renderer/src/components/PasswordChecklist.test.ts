// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import PasswordChecklist from '../../../../../src-renderer/src/components/PasswordChecklist.vue';
import { mountKiosk } from '../testKit';

function items(root: Element) {
  return [...root.querySelectorAll('li')].map((li) => ({
    rule: li.getAttribute('data-rule'),
    met: li.getAttribute('data-met') === 'true',
    text: li.textContent?.replace(/\s+/g, ' ').trim(),
  }));
}

describe('PasswordChecklist', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it("shows the seed's five rules and the two further ones, none met for an empty password", async () => {
    const { wrapper } = await mountKiosk(PasswordChecklist, { props: { password: '', id: 'rules' } });
    const list = items(wrapper.element);
    expect(list.map((i) => i.text)).toEqual([
      'Minimal 8 karakter (belum terpenuhi)',
      'Terdapat minimal satu huruf kecil (belum terpenuhi)',
      'Terdapat minimal satu huruf besar (belum terpenuhi)',
      'Terdapat minimal satu angka (belum terpenuhi)',
      'Terdapat salah satu simbol: ! @ # $ % ^ & * (belum terpenuhi)',
      'Tidak memuat NIK, nama, nomor handphone atau email Anda (belum terpenuhi)',
      'Bukan password umum yang mudah ditebak (belum terpenuhi)',
    ]);
    // No name of its own (a description from a named element is only the name): the words come first in its text.
    const described = document.getElementById('rules');
    expect(described?.textContent?.replace(/\s+/g, ' ').trim()).toMatch(/^Syarat password: Minimal 8 karakter \(belum terpenuhi\)/);
    expect(described?.querySelector('[aria-label], [aria-labelledby]')).toBeNull();
    expect(described?.hasAttribute('aria-label')).toBe(false);
  });

  it('ticks each rule as the password grows to meet it', async () => {
    const { wrapper } = await mountKiosk(PasswordChecklist, { props: { password: 'a', id: 'rules' } });
    const met = () => items(wrapper.element).filter((i) => i.met && !['containsPersonalData', 'common'].includes(i.rule ?? '')).map((i) => i.rule);
    expect(met()).toEqual(['lower']);
    await wrapper.setProps({ password: 'aB' });
    expect(met()).toEqual(['lower', 'upper']);
    await wrapper.setProps({ password: 'aB3' });
    expect(met()).toEqual(['lower', 'upper', 'digit']);
    await wrapper.setProps({ password: 'aB3@' });
    expect(met()).toEqual(['lower', 'upper', 'digit', 'symbol']);
    await wrapper.setProps({ password: 'aB3@wxyz' });
    expect(met()).toEqual(['minLength', 'lower', 'upper', 'digit', 'symbol']);
    expect(items(wrapper.element).every((i) => i.text?.endsWith('(terpenuhi)'))).toBe(true);
    // And un-ticks when a character is taken away.
    await wrapper.setProps({ password: 'aB3wxyz' });
    expect(met()).toEqual(['lower', 'upper', 'digit']);
  });

  it('counts characters, not UTF-16 units, for the length rule', async () => {
    const { wrapper } = await mountKiosk(PasswordChecklist, { props: { password: 'aB3@😀😀', id: 'rules' } });
    expect(items(wrapper.element).find((i) => i.rule === 'minLength')?.met).toBe(false);
  });

  it('speaks English when the kiosk does', async () => {
    const { wrapper } = await mountKiosk(PasswordChecklist, { props: { password: 'abc', id: 'rules' }, locale: 'en' });
    expect(items(wrapper.element)[0]?.text).toBe('At least 8 characters (not met yet)');
    expect(items(wrapper.element)[4]?.text).toBe('One of these symbols: ! @ # $ % ^ & * (not met yet)');
  });

  it('says, live, that a password holding the name typed on the identity step is not allowed (five ticks are not enough)', async () => {
    const contexts = [{ nik: '3171014101900001', fullName: 'SITI RAHAYU', phone: '081377770011', email: 'siti.baru@example.org' }];
    const { wrapper } = await mountKiosk(PasswordChecklist, { props: { password: 'Siti2026!', id: 'rules', contexts } });
    const byRule = (rule: string) => items(wrapper.element).find((i) => i.rule === rule);
    expect(items(wrapper.element).filter((i) => i.met)).toHaveLength(6);
    expect(byRule('containsPersonalData')).toMatchObject({ met: false, text: 'Tidak memuat NIK, nama, nomor handphone atau email Anda (belum terpenuhi)' });
    await wrapper.setProps({ password: 'Kuat#2025x' });
    expect(byRule('containsPersonalData')?.text).toBe('Tidak memuat NIK, nama, nomor handphone atau email Anda (terpenuhi)');
    await wrapper.setProps({ password: 'Merdeka45!' });
    expect(byRule('common')).toMatchObject({ met: false, text: 'Bukan password umum yang mudah ditebak (belum terpenuhi)' });
  });

  it('shows both further rules unmet while the service has refused the password', async () => {
    const { wrapper } = await mountKiosk(PasswordChecklist, { props: { password: 'Kuat#2025x', id: 'rules', rejected: true } });
    expect(items(wrapper.element).filter((i) => !i.met).map((i) => i.rule)).toEqual(['containsPersonalData', 'common']);
  });
});
