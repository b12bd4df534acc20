import { computed, onBeforeUnmount, onMounted, ref, type ComputedRef, type Ref } from 'vue';

/** The layouts of the on-screen keyboard, in simple-keyboard's notation ({name} = a function key). */
export type KeyboardLayoutName = 'default' | 'shift' | 'email' | 'emailShift' | 'numeric' | 'tel';

/** Keys that type a whole piece of an e-mail address at once (e-mail fields only). */
export const TEXT_KEYS = ['@gmail.com', '.com'] as const;

const LETTER_ROWS = ['q w e r t y u i o p', '{lock} a s d f g h j k l @', '{shift} z x c v b n m . - _'];
const upper = (row: string) => row.replace(/(^| )([a-z])(?= |$)/g, (_, space: string, letter: string) => space + letter.toUpperCase());

/**
 * Letters, digits and every symbol the forms need: e-mail (@ . - _ +) and the
 * password rule's ! @ # $ % ^ & *. E-mail fields trade the password symbols
 * and the space for "@gmail.com" and ".com".
 */
export const KEYBOARD_LAYOUTS: Record<KeyboardLayoutName, string[]> = {
  default: ['1 2 3 4 5 6 7 8 9 0 {bksp}', ...LETTER_ROWS, '! # $ % ^ & * + {space} {enter}'],
  shift: ['1 2 3 4 5 6 7 8 9 0 {bksp}', ...LETTER_ROWS.map(upper), '! # $ % ^ & * + {space} {enter}'],
  email: ['1 2 3 4 5 6 7 8 9 0 {bksp}', ...LETTER_ROWS, `+ ${TEXT_KEYS.join(' ')} {enter}`],
  emailShift: ['1 2 3 4 5 6 7 8 9 0 {bksp}', ...LETTER_ROWS.map(upper), `+ ${TEXT_KEYS.join(' ')} {enter}`],
  // NIK and OTP: digits only.
  numeric: ['1 2 3', '4 5 6', '7 8 9', '{bksp} 0 {enter}'],
  // Phone numbers may start with +62.
  tel: ['1 2 3', '4 5 6', '7 8 9', '+ 0 {bksp}', '{enter}'],
};

/** Capitals: off, for the next letter only (Shift), or until turned off (Caps Lock). */
export type CaseState = 'off' | 'once' | 'lock';

export type TextTarget = HTMLInputElement | HTMLTextAreaElement;

const TYPABLE_INPUTS = new Set(['text', 'email', 'tel', 'password', 'search', 'url', 'number']);

/** Inputs the keyboard types into: text-like inputs and textareas that can be edited. */
export function isTextTarget(el: EventTarget | null): el is TextTarget {
  if (el instanceof HTMLTextAreaElement) return !el.readOnly && !el.disabled;
  return el instanceof HTMLInputElement && TYPABLE_INPUTS.has(el.type) && !el.readOnly && !el.disabled;
}

/** E-mail fields: `type="email"` or `inputmode="email"` (the sign-in identifier, which may also be a number). */
export function isEmailField(el: TextTarget | undefined): boolean {
  return el?.getAttribute('type') === 'email' || el?.getAttribute('inputmode') === 'email';
}

/** Numeric pad for `inputmode="numeric"` (NIK, OTP), phone pad for `inputmode="tel"`, letters with e-mail keys for e-mail fields, letters otherwise. */
export function layoutFor(el: TextTarget | undefined): 'default' | 'email' | 'numeric' | 'tel' {
  const mode = el?.getAttribute('inputmode');
  if (mode === 'numeric' || mode === 'decimal') return 'numeric';
  if (mode === 'tel') return 'tel';
  if (isEmailField(el)) return 'email';
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

/** A field the citizen can see (not in a hidden or inert part of the page). */
function shown(el: TextTarget): boolean {
  if (el.closest('[hidden], [inert]')) return false;
  return typeof el.checkVisibility === 'function' ? el.checkVisibility() : true;
}

/** The next field of `el`'s form that the keyboard types into, in the form's order; none after the last. */
export function nextFieldOf(el: TextTarget): TextTarget | undefined {
  const form = el.form;
  if (!form) return undefined;
  const fields = [...form.elements].filter((f): f is TextTarget => isTextTarget(f) && shown(f));
  const at = fields.indexOf(el);
  return at < 0 ? undefined : fields[at + 1];
}

/**
 * Enter ("Lanjut"): to the next field of the form; from the last one it
 * submits the form, as the Enter key of a physical keyboard does.
 */
export function nextOrSubmit(el: TextTarget): void {
  const next = nextFieldOf(el);
  if (next) {
    next.focus();
    return;
  }
  el.form?.requestSubmit();
}

/** A box on the screen, top and bottom edges in CSS pixels from the top of the viewport. */
export interface VerticalBox {
  top: number;
  bottom: number;
}

/** Room kept between what must be seen and the keyboard (or the top of the screen). */
export const REVEAL_MARGIN_PX = 12;

/**
 * What must stay in sight while typing into `el`: its form group (label,
 * field, hint, error; FormField's `.field`) and what else describes it (the
 * password checklist), as one box.
 */
export function revealBox(el: TextTarget): VerticalBox {
  const group = el.closest('.field') ?? el;
  const ids = (el.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
  const parts = [group, ...ids.map((id) => document.getElementById(id)).filter((d): d is HTMLElement => d !== null && !group.contains(d))];
  const boxes = parts.map((p) => p.getBoundingClientRect()).filter((r) => r.height > 0);
  if (boxes.length === 0) return { top: 0, bottom: 0 };
  return { top: Math.min(...boxes.map((b) => b.top)), bottom: Math.max(...boxes.map((b) => b.bottom)) };
}

/**
 * How far to scroll the page down (negative: up) so that `box` lies inside
 * `view` (the part of the screen above the keyboard), with a margin. A box
 * taller than the view is put with its top edge at the top: the field comes
 * before its descriptions.
 */
export function scrollNeeded(box: VerticalBox, view: VerticalBox, margin = REVEAL_MARGIN_PX): number {
  const top = view.top + margin;
  const bottom = view.bottom - margin;
  if (box.bottom - box.top > bottom - top || box.top < top) return box.top - top;
  if (box.bottom > bottom) return box.bottom - bottom;
  return 0;
}

export interface OnScreenKeyboard {
  /** The focused field the keys type into, if any. */
  target: Ref<TextTarget | undefined>;
  layout: ComputedRef<KeyboardLayoutName>;
  /** Whether the next letter (Shift) or every letter (Caps Lock) is a capital. */
  caseState: Ref<CaseState>;
  /** Handles one key of KEYBOARD_LAYOUTS (a character, a text key or a {function} key). */
  press(button: string): void;
}

/** Fields where Caps Lock is let go on arrival: capitals there are rare (e-mail) or easy to get wrong unseen (password). */
function releasesCapsLock(el: TextTarget): boolean {
  return isEmailField(el) || el.getAttribute('type') === 'password';
}

/**
 * Follows focus to know which field the keyboard types into, picks the
 * layout from the field's inputmode, and applies key presses to it. The
 * keyboard keeps focus in the field (its keys never take focus), so typing
 * goes where the citizen last touched.
 *
 * Capitals: Shift gives one capital; Caps Lock ("SITI RAHAYU", as on the
 * KTP) stays on from field to field while the keyboard is up, until pressed
 * again, Shift is pressed, or the focus enters an e-mail or password field.
 */
export function useOnScreenKeyboard(): OnScreenKeyboard {
  const target = ref<TextTarget>();
  const caseState = ref<CaseState>('off');

  const layout = computed<KeyboardLayoutName>(() => {
    const base = layoutFor(target.value);
    if (caseState.value === 'off') return base;
    if (base === 'default') return 'shift';
    if (base === 'email') return 'emailShift';
    return base;
  });

  // The keyboard goes away only after the tap that took the focus from the field (its click included):
  // the room it makes under the page must not vanish under the finger mid-tap. A mouse's press and release
  // are two tasks (wait for the release); a touch's compatibility mousedown, mouseup and click come in one.
  let pointerDown = false;
  let hideAfterTap = false;
  const hide = () => {
    target.value = undefined;
    caseState.value = 'off';
  };
  const hideSoon = () =>
    setTimeout(() => {
      if (!isTextTarget(document.activeElement)) hide();
    });
  const onPointerDown = () => {
    pointerDown = true;
  };
  const onPointerUp = () => {
    pointerDown = false;
    if (!hideAfterTap) return;
    hideAfterTap = false;
    hideSoon();
  };

  const onFocusIn = (event: FocusEvent) => {
    const el = event.target;
    if (!isTextTarget(el)) return;
    hideAfterTap = false;
    if (target.value !== el) {
      if (caseState.value === 'once' || (caseState.value === 'lock' && releasesCapsLock(el))) caseState.value = 'off';
    }
    target.value = el;
  };
  const onFocusOut = (event: FocusEvent) => {
    // Focus moving to another field is handled by focusin; leaving to nothing hides the keyboard.
    if (isTextTarget(event.relatedTarget)) return;
    if (pointerDown) hideAfterTap = true;
    else hideSoon();
  };

  onMounted(() => {
    document.addEventListener('focusin', onFocusIn);
    document.addEventListener('focusout', onFocusOut);
    document.addEventListener('pointerdown', onPointerDown, true);
    document.addEventListener('pointerup', onPointerUp, true);
    document.addEventListener('pointercancel', onPointerUp, true);
    if (isTextTarget(document.activeElement)) target.value = document.activeElement;
  });
  onBeforeUnmount(() => {
    document.removeEventListener('focusin', onFocusIn);
    document.removeEventListener('focusout', onFocusOut);
    document.removeEventListener('pointerdown', onPointerDown, true);
    document.removeEventListener('pointerup', onPointerUp, true);
    document.removeEventListener('pointercancel', onPointerUp, true);
  });

  function press(button: string): void {
    const el = target.value;
    if (!el || !el.isConnected) return;
    switch (button) {
      case '{shift}':
        caseState.value = caseState.value === 'off' ? 'once' : 'off';
        return;
      case '{lock}':
        caseState.value = caseState.value === 'lock' ? 'off' : 'lock';
        return;
      case '{bksp}':
        deleteBackward(el);
        return;
      case '{enter}':
        nextOrSubmit(el);
        return;
      case '{space}':
        insertText(el, ' ');
        return;
      default:
        if ([...button].length !== 1 && !(TEXT_KEYS as readonly string[]).includes(button)) return;
        insertText(el, button);
        // Shift is one-shot, as on a phone: one capital, then back to small letters.
        if (caseState.value === 'once') caseState.value = 'off';
    }
  }

  return { target, layout, caseState, press };
}
