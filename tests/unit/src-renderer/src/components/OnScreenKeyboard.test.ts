// @vitest-environment happy-dom
import { mount, type VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { defineComponent, h, nextTick, ref } from 'vue';
import OnScreenKeyboard from '../../../../../src-renderer/src/components/OnScreenKeyboard.vue';
import { createKioskI18n } from '../../../../../src-renderer/src/i18n';

let wrapper: VueWrapper | undefined;
afterEach(() => {
  wrapper?.unmount();
  wrapper = undefined;
  document.body.innerHTML = '';
});

/** A field bound with v-model, as the wizard's are, and the keyboard beside it. */
function render(inputmode: string, language: 'id' | 'en' = 'id') {
  const value = ref('');
  const Page = defineComponent({
    setup: () => () => [
      h('input', { id: 'field', inputmode, value: value.value, onInput: (e: Event) => (value.value = (e.target as HTMLInputElement).value) }),
      h(OnScreenKeyboard),
    ],
  });
  wrapper = mount(Page, { global: { plugins: [createKioskI18n(language)] }, attachTo: document.body });
  return { value, field: document.getElementById('field') as HTMLInputElement };
}

function key(label: string): HTMLElement {
  const el = document.querySelector<HTMLElement>(`.osk [data-skbtn="${label}"]`);
  if (!el) throw new Error(`no key ${label}`);
  return el;
}

function tap(label: string): void {
  const el = key(label);
  el.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
  el.dispatchEvent(new PointerEvent('pointerup', { bubbles: true }));
  el.click();
}

describe('on-screen keyboard component', () => {
  it('is hidden until a field has focus, then shows the numeric pad for inputmode=numeric', async () => {
    const { field } = render('numeric');
    const group = () => document.querySelector<HTMLElement>('[role="group"][aria-label="Keyboard layar"]');
    expect(group()?.style.display).toBe('none');
    field.focus();
    await nextTick();
    await nextTick();
    expect(group()?.style.display).not.toBe('none');
    expect(document.querySelector('.osk [data-skbtn="q"]')).toBeNull();
    expect(key('7')).toBeTruthy();
  });

  it('its keys type into the focused field, through v-model; keys never take focus', async () => {
    const { field, value } = render('numeric');
    field.focus();
    await nextTick();
    await nextTick();
    for (const d of ['3', '1', '7']) tap(d);
    tap('{bksp}');
    expect(value.value).toBe('31');
    expect(key('1').getAttribute('tabindex')).toBe('-1');
    expect(key('{bksp}').getAttribute('aria-label')).toBe('Hapus');
  });

  it('shows letters and the "@gmail.com" and ".com" keys for an e-mail field', async () => {
    const { field, value } = render('email');
    field.focus();
    await nextTick();
    await nextTick();
    expect(key('q')).toBeTruthy();
    expect(key('@')).toBeTruthy();
    tap('b');
    tap('@gmail.com');
    expect(value.value).toBe('b@gmail.com');
    expect(key('.com').textContent).toBe('.com');
  });

  it('words beside ⌫, ⇧ and ⇪; the accessible names are the words', async () => {
    const { field } = render('text');
    field.focus();
    await nextTick();
    await nextTick();
    expect(key('{bksp}').textContent).toBe('⌫ Hapus');
    expect(key('{bksp}').getAttribute('aria-label')).toBe('Hapus');
    expect(key('{shift}').textContent).toBe('⇧ Huruf besar');
    expect(key('{shift}').getAttribute('aria-label')).toBe('Huruf besar');
    expect(key('{lock}').textContent).toBe('⇪ Kunci kapital');
    expect(key('{lock}').getAttribute('aria-label')).toBe('Kunci kapital');
    expect(key('{enter}').getAttribute('aria-label')).toBe('Lanjut');
  });

  it('Shift and Caps Lock look pressed and say so (aria-pressed) while on', async () => {
    const { field, value } = render('text');
    field.focus();
    await nextTick();
    await nextTick();
    expect(key('{shift}').getAttribute('aria-pressed')).toBe('false');
    tap('{shift}');
    await nextTick();
    expect(key('{shift}').getAttribute('aria-pressed')).toBe('true');
    expect(key('{shift}').classList).toContain('osk__key--on');
    tap('S');
    await nextTick();
    expect(key('{shift}').getAttribute('aria-pressed')).toBe('false');
    tap('{lock}');
    await nextTick();
    expect(key('{lock}').getAttribute('aria-pressed')).toBe('true');
    expect(key('{lock}').classList).toContain('osk__key--on');
    tap('I');
    tap('T');
    await nextTick();
    expect(value.value).toBe('SIT');
    expect(key('{lock}').getAttribute('aria-pressed')).toBe('true');
    tap('{lock}');
    await nextTick();
    expect(key('{lock}').getAttribute('aria-pressed')).toBe('false');
    expect(key('{lock}').classList).not.toContain('osk__key--on');
  });

  it('in English, the words are English', async () => {
    const { field } = render('text', 'en');
    field.focus();
    await nextTick();
    await nextTick();
    expect(key('{bksp}').textContent).toBe('⌫ Delete');
    expect(key('{lock}').getAttribute('aria-label')).toBe('Caps lock');
  });
});
