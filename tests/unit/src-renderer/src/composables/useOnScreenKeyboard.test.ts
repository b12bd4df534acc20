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
  nextFieldOf,
  scrollNeeded,
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
    ['email', 'email'],
    ['text', 'default'],
  ])('inputmode=%s gets the %s layout', (mode, layout) => {
    expect(layoutFor(input({ inputmode: mode }))).toBe(layout);
  });

  it('a field without inputmode gets letters; type=email gets the e-mail keys', () => {
    expect(layoutFor(input())).toBe('default');
    expect(layoutFor(input({ type: 'email' }))).toBe('email');
  });

  it('e-mail layouts have "@gmail.com" and ".com" keys; the others do not', () => {
    const keys = (name: keyof typeof KEYBOARD_LAYOUTS) => KEYBOARD_LAYOUTS[name].join(' ').split(' ');
    for (const name of ['email', 'emailShift'] as const) expect(keys(name)).toEqual(expect.arrayContaining(['@gmail.com', '.com', '@', '{lock}', '{shift}']));
    for (const name of ['default', 'shift', 'numeric', 'tel'] as const) expect(keys(name)).not.toContain('@gmail.com');
    expect(keys('default')).toContain('{lock}');
    expect(keys('emailShift')).toContain('Q');
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
    expect(kb.layout.value).toBe('email');
    kb.press('{shift}');
    expect(kb.layout.value).toBe('emailShift');
    expect(kb.caseState.value).toBe('once');
    kb.press('S');
    kb.press('i');
    expect(email.value).toBe('Si');
    expect(kb.layout.value).toBe('email');
    expect(kb.caseState.value).toBe('off');
    nik.focus();
    await nextTick();
    expect(kb.layout.value).toBe('numeric');
    kb.press('3');
    kb.press('{bksp}');
    kb.press('7');
    expect(nik.value).toBe('7');
    expect(email.value).toBe('Si');
  });

  function form(...fields: HTMLElement[]): { form: HTMLFormElement; onSubmit: ReturnType<typeof vi.fn> } {
    const el = document.createElement('form');
    const onSubmit = vi.fn((e: Event) => e.preventDefault());
    el.addEventListener('submit', onSubmit);
    el.append(...fields);
    document.body.append(el);
    return { form: el, onSubmit };
  }
  function field(attrs: Record<string, string> = {}): HTMLInputElement {
    const el = document.createElement('input');
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    return el;
  }

  it('Enter ("Lanjut") moves to the next field of the form, and submits only from the last one', async () => {
    const { kb } = harness();
    const nik = field({ inputmode: 'numeric' });
    const check = field({ type: 'checkbox' });
    const name = field();
    const done = field({ readonly: '' });
    const toggle = document.createElement('button');
    toggle.type = 'button';
    const mother = field();
    const { onSubmit } = form(nik, check, name, done, toggle, mother);
    nik.focus();
    await nextTick();
    kb.press('{enter}');
    expect(document.activeElement).toBe(name);
    expect(onSubmit).not.toHaveBeenCalled();
    await nextTick();
    expect(kb.target.value).toBe(name);
    kb.press('{enter}');
    // Past the read-only field and the button: the next field that can be typed into.
    expect(document.activeElement).toBe(mother);
    expect(onSubmit).not.toHaveBeenCalled();
    await nextTick();
    kb.press('{enter}');
    expect(onSubmit).toHaveBeenCalledTimes(1);
    expect(nextFieldOf(mother)).toBeUndefined();
  });

  it('Enter skips fields in a hidden part of the form; a field outside any form is left alone', async () => {
    const { kb } = harness();
    const first = field();
    const hidden = document.createElement('div');
    hidden.hidden = true;
    hidden.append(field());
    const last = field();
    form(first, hidden, last);
    expect(nextFieldOf(first)).toBe(last);
    const alone = input();
    alone.focus();
    await nextTick();
    kb.press('{enter}');
    expect(document.activeElement).toBe(alone);
  });

  it('Caps Lock types capitals until pressed again ("SITI RAHAYU" with one key), and shows as on', async () => {
    const { kb } = harness();
    const name = input();
    name.focus();
    await nextTick();
    kb.press('{lock}');
    expect(kb.caseState.value).toBe('lock');
    expect(kb.layout.value).toBe('shift');
    for (const key of ['S', 'I', 'T', 'I', '{space}', 'R', 'A', 'H', 'A', 'Y', 'U']) kb.press(key);
    expect(name.value).toBe('SITI RAHAYU');
    expect(kb.layout.value).toBe('shift');
    kb.press('{lock}');
    expect(kb.caseState.value).toBe('off');
    expect(kb.layout.value).toBe('default');
  });

  it('Shift while Caps Lock is on turns capitals off; Shift twice is no capital', async () => {
    const { kb } = harness();
    const el = input();
    el.focus();
    await nextTick();
    kb.press('{lock}');
    kb.press('{shift}');
    expect(kb.caseState.value).toBe('off');
    kb.press('{shift}');
    kb.press('{shift}');
    expect(kb.caseState.value).toBe('off');
  });

  it('Caps Lock stays on into the next name field, and is let go in e-mail and password fields', async () => {
    const { kb } = harness();
    const name = field();
    const mother = field();
    const email = field({ type: 'email' });
    const password = field({ type: 'password' });
    form(name, mother, email, password);
    name.focus();
    await nextTick();
    kb.press('{lock}');
    kb.press('{enter}');
    await nextTick();
    expect(kb.target.value).toBe(mother);
    expect(kb.caseState.value).toBe('lock');
    kb.press('{enter}');
    await nextTick();
    expect(kb.target.value).toBe(email);
    expect(kb.caseState.value).toBe('off');
    kb.press('{lock}');
    password.focus();
    await nextTick();
    expect(kb.caseState.value).toBe('off');
  });

  it('Shift is one-shot also across fields: moving on lets it go', async () => {
    const { kb } = harness();
    const a = field();
    const b = field();
    form(a, b);
    a.focus();
    await nextTick();
    kb.press('{shift}');
    kb.press('{enter}');
    await nextTick();
    expect(kb.caseState.value).toBe('off');
  });

  it('"@gmail.com" and ".com" type their whole text at the caret; other long names type nothing', async () => {
    const { kb } = harness();
    const email = input({ type: 'email' });
    email.focus();
    await nextTick();
    for (const key of ['s', 'i', 't', 'i', '@gmail.com']) kb.press(key);
    expect(email.value).toBe('siti@gmail.com');
    kb.press('{bksp}');
    kb.press('{bksp}');
    kb.press('{bksp}');
    kb.press('{bksp}');
    kb.press('.com');
    expect(email.value).toBe('siti@gmail.com');
    kb.press('{foo}');
    kb.press('gmail');
    expect(email.value).toBe('siti@gmail.com');
  });

  it('nothing focused: no target, and keys do nothing', async () => {
    const { kb } = harness();
    const el = input();
    el.focus();
    await nextTick();
    el.blur();
    await nextTick();
    // Not at once: after the tap (and its click) that took the focus away.
    expect(kb.target.value).toBe(el);
    await new Promise((r) => setTimeout(r, 0));
    expect(kb.target.value).toBeUndefined();
    kb.press('a');
    expect(el.value).toBe('');
  });

  it('a tap that takes the focus out of the field hides the keyboard only after the tap, so nothing moves under the finger', async () => {
    const { kb } = harness();
    const el = input();
    const button = document.createElement('button');
    document.body.append(button);
    el.focus();
    await nextTick();
    document.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
    button.focus();
    await new Promise((r) => setTimeout(r, 5));
    // A mouse still pressed: the keyboard waits for the release.
    expect(kb.target.value).toBe(el);
    document.dispatchEvent(new PointerEvent('pointerup', { bubbles: true }));
    await new Promise((r) => setTimeout(r, 0));
    expect(kb.target.value).toBeUndefined();
  });

  it('Caps Lock is let go when the keyboard goes away', async () => {
    const { kb } = harness();
    const el = input();
    el.focus();
    await nextTick();
    kb.press('{lock}');
    el.blur();
    await new Promise((r) => setTimeout(r, 0));
    expect(kb.caseState.value).toBe('off');
  });
});

describe('on-screen keyboard: keeping the field in sight', () => {
  const view = { top: 0, bottom: 400 };
  it('scrolls down just enough to bring a field under the keyboard above it, with a margin', () => {
    expect(scrollNeeded({ top: 500, bottom: 600 }, view, 10)).toBe(210);
  });
  it('scrolls up for a field above the screen, and not at all for one in sight', () => {
    expect(scrollNeeded({ top: -50, bottom: 50 }, view, 10)).toBe(-60);
    expect(scrollNeeded({ top: 100, bottom: 200 }, view, 10)).toBe(0);
  });
  it('a group taller than the room above the keyboard goes with its top (the field) at the top', () => {
    expect(scrollNeeded({ top: 300, bottom: 800 }, view, 10)).toBe(290);
  });
});
