import { computed, onBeforeUnmount, onMounted, ref, type ComputedRef, type Ref } from 'vue';

/** The layouts of the on-screen keyboard, in simple-keyboard's notation ({name} = a function key). */
export type KeyboardLayoutName = 'default' | 'shift' | 'numeric' | 'tel';

/** Letters, digits and every symbol the forms need: e-mail (@ . - _ +) and the password rule's ! @ # $ % ^ & *. */
export const KEYBOARD_LAYOUTS: Record<KeyboardLayoutName, string[]> = {
  default: [
    '1 2 3 4 5 6 7 8 9 0 {bksp}',
    'q w e r t y u i o p',
    'a s d f g h j k l @',
    '{shift} z x c v b n m . - _',
    '! # $ % ^ & * + {space} {enter}',
  ],
  shift: [
    '1 2 3 4 5 6 7 8 9 0 {bksp}',
    'Q W E R T Y U I O P',
    'A S D F G H J K L @',
    '{shift} Z X C V B N M . - _',
    '! # $ % ^ & * + {space} {enter}',
  ],
  // NIK and OTP: digits only.
  numeric: ['1 2 3', '4 5 6', '7 8 9', '{bksp} 0 {enter}'],
  // Phone numbers may start with +62.
  tel: ['1 2 3', '4 5 6', '7 8 9', '+ 0 {bksp}', '{enter}'],
};

export type TextTarget = HTMLInputElement | HTMLTextAreaElement;

const TYPABLE_INPUTS = new Set(['text', 'email', 'tel', 'password', 'search', 'url', 'number']);

/** Inputs the keyboard types into: text-like inputs and textareas that can be edited. */
export function isTextTarget(el: EventTarget | null): el is TextTarget {
  if (el instanceof HTMLTextAreaElement) return !el.readOnly && !el.disabled;
  return el instanceof HTMLInputElement && TYPABLE_INPUTS.has(el.type) && !el.readOnly && !el.disabled;
}

/** Numeric pad for `inputmode="numeric"` (NIK, OTP), phone pad for `inputmode="tel"`, letters otherwise. */
export function layoutFor(el: TextTarget | undefined): 'default' | 'numeric' | 'tel' {
  const mode = el?.getAttribute('inputmode');
  if (mode === 'numeric' || mode === 'decimal') return 'numeric';
  if (mode === 'tel') return 'tel';
  return 'default';
}

/** Email inputs have no selection API: they are edited at the end. */
function selection(el: TextTarget): [number, number] {
  const end = el.value.length;
  try {
    return [el.selectionStart ?? end, el.selectionEnd ?? end];
  } catch {
    return [end, end];
  }
}

function commit(el: TextTarget, value: string, caret: number, inputType: string, data: string | null): void {
  el.value = value;
  try {
    el.setSelectionRange(caret, caret);
  } catch {
    // Inputs without a selection API (email): the caret stays at the end.
  }
  // The same event a physical keyboard causes: v-model and validation see it as typing.
  el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType, data }));
}

/** Types `text` at the caret (replacing a selection), within the input's maxlength. */
export function insertText(el: TextTarget, text: string): void {
  const [start, end] = selection(el);
  const next = el.value.slice(0, start) + text + el.value.slice(end);
  if (el.maxLength >= 0 && next.length > el.maxLength) return;
  commit(el, next, start + text.length, 'insertText', text);
}

/** Deletes the selection, or the character before the caret. */
export function deleteBackward(el: TextTarget): void {
  const [start, end] = selection(el);
  if (start === end && start === 0) return;
  const from = start === end ? start - 1 : start;
  commit(el, el.value.slice(0, from) + el.value.slice(end), from, 'deleteContentBackward', null);
}

/** Enter: submits the input's form, as the Enter key of a physical keyboard does. */
export function submitFrom(el: TextTarget): void {
  const form = el.form;
  if (form) form.requestSubmit();
}

export interface OnScreenKeyboard {
  /** The focused field the keys type into, if any. */
  target: Ref<TextTarget | undefined>;
  layout: ComputedRef<KeyboardLayoutName>;
  /** Handles one key of KEYBOARD_LAYOUTS (a character or a {function} key). */
  press(button: string): void;
}

/**
 * Follows focus to know which field the keyboard types into, picks the
 * layout from the field's inputmode, and applies key presses to it. The
 * keyboard keeps focus in the field (its keys never take focus), so typing
 * goes where the citizen last touched.
 */
export function useOnScreenKeyboard(): OnScreenKeyboard {
  const target = ref<TextTarget>();
  const shifted = ref(false);

  const layout = computed<KeyboardLayoutName>(() => {
    const base = layoutFor(target.value);
    return base === 'default' && shifted.value ? 'shift' : base;
  });

  const onFocusIn = (event: FocusEvent) => {
    if (isTextTarget(event.target)) {
      if (target.value !== event.target) shifted.value = false;
      target.value = event.target;
    }
  };
  const onFocusOut = (event: FocusEvent) => {
    // Focus moving to another field is handled by focusin; leaving to nothing hides the keyboard.
    if (!isTextTarget(event.relatedTarget)) target.value = undefined;
  };

  onMounted(() => {
    document.addEventListener('focusin', onFocusIn);
    document.addEventListener('focusout', onFocusOut);
    if (isTextTarget(document.activeElement)) target.value = document.activeElement;
  });
  onBeforeUnmount(() => {
    document.removeEventListener('focusin', onFocusIn);
    document.removeEventListener('focusout', onFocusOut);
  });

  function press(button: string): void {
    const el = target.value;
    if (!el || !el.isConnected) return;
    switch (button) {
      case '{shift}':
        shifted.value = !shifted.value;
        return;
      case '{bksp}':
        deleteBackward(el);
        return;
      case '{enter}':
        submitFrom(el);
        return;
      case '{space}':
        insertText(el, ' ');
        return;
      default:
        if ([...button].length !== 1) return;
        insertText(el, button);
        // Shift is one-shot, as on a phone: one capital, then back to small letters.
        shifted.value = false;
    }
  }

  return { target, layout, press };
}
