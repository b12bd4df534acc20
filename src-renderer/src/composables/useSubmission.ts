import { ref } from 'vue';
import type { KioskError, Result } from '../../../src-shared/errors';
import { formCheckOf, formMessagesOf, type FormCheck } from '../forms/formCore';

/**
 * How every form and button of the kiosk sends a request: one at a time
 * (while one is pending the step's fields are locked and its buttons
 * disabled, so nothing is submitted twice or changed mid-flight), with the
 * last failure kept for the alert. `submit` first validates the form,
 * touching every field so that each message shows, and on invalid fields
 * asks for the form's error summary (which takes focus); `run` sends
 * without checking a form (e.g. "Kirim Ulang"), `validate` checks without
 * sending.
 *
 * Focus on invalid fields: the error summary takes it, unless the citizen
 * has moved focus since pressing the button (tapped a field while the rules
 * were still loading): the summary then shows and is announced, and focus
 * stays where they put it.
 *
 * Focus after a round trip: a failure's alert takes it (FailureAlert); a
 * new screen's heading takes it (App.vue); if the answer leaves the same
 * screen and focus was lost with the locked fields, the screen's heading
 * takes it, never `<body>`.
 */
export function useSubmission(form?: object) {
  const checkAll = form === undefined ? undefined : formCheckOf(form);
  if (form !== undefined && checkAll === undefined) throw new Error('useSubmission: not a kiosk form (useKioskForm or useSubmitOnlyForm)');
  const pending = ref(false);
  const failure = ref<KioskError>();

  /** Resolves to the result, or undefined when a request was already pending. */
  async function run<T>(call: () => Promise<Result<T>>): Promise<Result<T> | undefined> {
    if (pending.value) return undefined;
    pending.value = true;
    failure.value = undefined;
    try {
      const result = await call();
      if (!result.ok) failure.value = result.error;
      return result;
    } finally {
      pending.value = false;
      // After the caller has acted on the result (a new screen's heading takes focus then), not before:
      // focusing the old heading first would cost a style and layout pass inside the transition.
      setTimeout(keepFocusOnScreen, 0);
    }
  }

  /**
   * Checks the whole form: every field touched (its message shows from now on). Invalid: the
   * error summary shows, and takes focus if focus is still where it was when the check began
   * (lazily loaded rules may keep a check going while the citizen taps on).
   */
  async function check(): Promise<FormCheck> {
    if (form === undefined || checkAll === undefined) return { valid: true, settled: Promise.resolve() };
    const focusedAtStart = document.activeElement;
    const result = await checkAll();
    if (!result.valid) formMessagesOf(form)?.requestSummary({ takeFocus: !focusMoved(focusedAtStart) });
    return result;
  }

  /** Checks the whole form, every field's message showing from now on; invalid: the error summary shows and takes focus. */
  async function validate(): Promise<boolean> {
    return (await check()).valid;
  }

  /**
   * Resolves to the result, or undefined when the form is not valid yet or a request was already pending.
   * A valid form's request goes at once; the answer reaches the caller once the form's own run (vee-validate's) has
   * ended too, so that what the caller does with it (clear a field) comes after it, as it always did.
   */
  async function submit<T>(call: () => Promise<Result<T>>): Promise<Result<T> | undefined> {
    if (pending.value) return undefined;
    const { valid, settled } = await check();
    if (!valid) return undefined;
    const [result] = await Promise.all([run(call), settled]);
    return result;
  }

  return { pending, failure, validate, run, submit };
}

/** Whether the citizen has put focus somewhere else since `before` (focus dropped to `<body>` does not count). */
function focusMoved(before: Element | null): boolean {
  const now = document.activeElement;
  return now !== before && now !== null && now !== document.body;
}

/** When the locked fields or a disabled button dropped focus, it goes to the screen's heading (a failure's alert takes it first). */
function keepFocusOnScreen(): void {
  const active = document.activeElement;
  if (active !== null && active !== document.body) return;
  document.querySelector<HTMLElement>('h1[tabindex="-1"]')?.focus();
}
