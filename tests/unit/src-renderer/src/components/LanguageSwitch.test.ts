// @vitest-environment happy-dom
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, type Component } from 'vue';

/**
 * English is a chunk of its own, fetched on its first choice. Each test
 * takes a fresh copy of the i18n module (the test setup has fetched every
 * language in its own copy), so it starts as the page does: Bahasa
 * Indonesia only.
 */
let wrapper: VueWrapper | undefined;
afterEach(() => {
  wrapper?.unmount();
  wrapper = undefined;
  document.body.innerHTML = '';
  document.documentElement.lang = '';
});

let i18nModule: typeof import('../../../../../src-renderer/src/i18n');
let LanguageSwitch: Component;
beforeEach(async () => {
  vi.resetModules();
  i18nModule = await import('../../../../../src-renderer/src/i18n');
  LanguageSwitch = (await import('../../../../../src-renderer/src/components/LanguageSwitch.vue')).default;
});

function render(locale: 'id' | 'en' = 'id') {
  const i18n = i18nModule.createKioskI18n(locale);
  const Page = defineComponent({
    setup: () => () => [h('h1', i18n.global.t('signIn.title')), h(LanguageSwitch)],
  });
  wrapper = mount(Page, { global: { plugins: [i18n] }, attachTo: document.body });
  return i18n;
}

describe('language switch', () => {
  it('starts with Bahasa Indonesia alone, and offers English by its own name', () => {
    const i18n = render();
    expect(i18n.global.availableLocales).toEqual(['id']);
    const button = wrapper!.get('button');
    expect(button.text()).toBe('English');
    expect(button.attributes('aria-label')).toBe('Ganti bahasa ke English');
  });

  it('fetches English when chosen and switches only once it is here: the page speaks English, the document says so', async () => {
    const i18n = render();
    await wrapper!.get('button').trigger('click');
    await flushPromises();
    await vi.dynamicImportSettled();
    await flushPromises();
    expect(i18n.global.locale.value).toBe('en');
    expect(i18n.global.t('signIn.title')).toBe('Sign in');
    expect(document.documentElement.lang).toBe('en');
    // And back: the button now offers Bahasa Indonesia.
    expect(wrapper!.get('button').text()).toBe('Bahasa Indonesia');
    await wrapper!.get('button').trigger('click');
    await flushPromises();
    expect(i18n.global.t('signIn.title')).toBe('Masuk');
    expect(document.documentElement.lang).toBe('id');
  });

  it('a kiosk whose default is English has it before the page is made (main.ts waits for loadLanguage)', async () => {
    expect(i18nModule.createKioskI18n('en').global.locale.value).toBe('id');
    await i18nModule.loadLanguage('en');
    const i18n = i18nModule.createKioskI18n('en');
    expect(i18n.global.locale.value).toBe('en');
    expect(i18n.global.t('signIn.title')).toBe('Sign in');
  });
});
