// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, nextTick } from 'vue';
import {
  deleteBackward,
  insertText,
  isTextTarget,
  KEYBOARD_LAYOUTS,
  layoutFor,
  useOnScreenKeyboard,
  type OnScreenKeyboard,
} from '../../../../../src-renderer/src/composables/useOnScreenKeyboard';

function input(attrs: Record<string, string> = {}): HTMLInputElement {
  const el = document.createElement('input');
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  document.body.append(el);
  return el;
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('on-screen keyboard: layouts', () => {
  it.each([
    ['numeric', 'numeric'],
    ['decimal', 'numeric'],
    ['tel', 'tel'],
    ['email', 'default'],
    ['text', 'default'],
  ])('inputmode=%s gets the %s layout', (mode, layout) => {
    expect(layoutFor(input({ inputmode: mode }))).toBe(layout);
  });

  it('a field without inputmode gets letters', () => {
    expect(layoutFor(input())).toBe('default');
  });

  it('the number pads hold digits only (and + for phones); the letters hold every password symbol and @', () => {
    const keys = (name: keyof typeof KEYBOARD_LAYOUTS) => KEYBOARD_LAYOUTS[name].join(' ').split(' ').filter((k) => !k.startsWith('{'));
    expect(keys('numeric').sort()).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(keys('tel').sort()).toEqual(['+', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    for (const symbol of ['!', '@', '#', '$', '%', '^', '&', '*', '.', '-', '_']) expect(keys('default')).toContain(symbol);
    expect(keys('shift')).toContain('L');
  });

  it('types only into editable text fields', () => {
    expect(isTextTarget(input({ type: 'password' }))).toBe(true);
    expect(isTextTarget(input({ type: 'checkbox' }))).toBe(false);
    expect(isTextTarget(input({ readonly: '' }))).toBe(false);
    expect(isTextTarget(document.createElement('button'))).toBe(false);
  });
});

describe('on-screen keyboard: editing', () => {
  it('inserts at the caret, replacing a selection, and tells v-model through an input event', () => {
    const el = input();
    el.value = 'siti@example';
    el.setSelectionRange(4, 4);
    const onInput = vi.fn();
    el.addEventListener('input', onInput);
    insertText(el, '.');
    expect(el.value).toBe('siti.@example');
    expect(el.selectionStart).toBe(5);
    el.setSelectionRange(0, 4);
    insertText(el, 'S');
    expect(el.value).toBe('S.@example');
    expect(onInput).toHaveBeenCalledTimes(2);
  });

  it('keeps to maxlength, as a physical keyboard would', () => {
    const el = input({ maxlength: '3' });
    for (const d of '12345') insertText(el, d);
    expect(el.value).toBe('123');
  });

  it('backspace deletes the character before the caret, or the selection, and nothing at the start', () => {
    const el = input();
    el.value = 'abcd';
    el.setSelectionRange(4, 4);
    deleteBackward(el);
    expect(el.value).toBe('abc');
    el.setSelectionRange(0, 2);
    deleteBackward(el);
    expect(el.value).toBe('c');
    el.setSelectionRange(0, 0);
    deleteBackward(el);
    expect(el.value).toBe('c');
  });
});

describe('on-screen keyboard: following focus', () => {
  function harness() {
    let kb: OnScreenKeyboard | undefined;
    const Comp = defineComponent({
      setup() {
        kb = useOnScreenKeyboard();
        return () => h('div');
      },
    });
    const wrapper = mount(Comp, { attachTo: document.body });
    if (!kb) throw new Error('not mounted');
    return { kb, wrapper };
  }

  it('types into the focused field with the layout of its inputmode; shift gives one capital', async () => {
    const { kb } = harness();
    const email = input({ inputmode: 'email' });
    const nik = input({ inputmode: 'numeric' });
    email.focus();
    await nextTick();
    expect(kb.layout.value).toBe('default');
    kb.press('{shift}');
    expect(kb.layout.value).toBe('shift');
    kb.press('S');
    kb.press('i');
    expect(email.value).toBe('Si');
    expect(kb.layout.value).toBe('default');
    nik.focus();
    await nextTick();
    expect(kb.layout.value).toBe('numeric');
    kb.press('3');
    kb.press('{bksp}');
    kb.press('7');
    expect(nik.value).toBe('7');
    expect(email.value).toBe('Si');
  });

  it('Enter submits the field’s form', async () => {
    const { kb } = harness();
    const form = document.createElement('form');
    const onSubmit = vi.fn((e: Event) => e.preventDefault());
    form.addEventListener('submit', onSubmit);
    const el = document.createElement('input');
    form.append(el);
    document.body.append(form);
    el.focus();
    await nextTick();
    kb.press('{enter}');
    expect(onSubmit).toHaveBeenCalledTimes(1);
  });

  it('nothing focused: no target, and keys do nothing', async () => {
    const { kb } = harness();
    const el = input();
    el.focus();
    await nextTick();
    el.blur();
    await nextTick();
    expect(kb.target.value).toBeUndefined();
    kb.press('a');
    expect(el.value).toBe('');
  });
});
