import type { FormContext, GenericObject } from 'vee-validate';
import { ref, toValue, type MaybeRef } from 'vue';
import type { KioskError, Result } from '../../../src-shared/errors';
import { formMessagesOf } from '../forms/kioskForm';

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
export interface SubmissionOptions {
  /** What must have loaded before the form can be checked (a form's lazy rules: `lazyRules().load`). */
  ready?: () => Promise<void>;
}

export function useSubmission<V extends GenericObject>(form?: FormContext<V>, options: SubmissionOptions = {}) {
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
   * Checks the whole form: every field touched (its message shows from now on) and
   * vee-validate's own validation started, which waits a 5 ms batching timer. Values that
   * pass the form's schema are known valid at once, checked here directly; `settled` is
   * vee-validate's run, for whoever must not act before it ends. Invalid: the error summary
   * shows, and takes focus if focus is still where it was when the check began.
   */
  async function check(): Promise<{ valid: boolean; settled: Promise<unknown> }> {
    if (form === undefined) return { valid: true, settled: Promise.resolve() };
    const focusedAtStart = document.activeElement;
    await options.ready?.();
    const own = form.handleSubmit(() => true)();
    const schema = schemaOf(form);
    if (schema !== undefined && (await schema.isValid(form.values))) return { valid: true, settled: own };
    const valid = (await own) === true;
    if (!valid) formMessagesOf(form)?.requestSummary({ takeFocus: !focusMoved(focusedAtStart) });
    return { valid, settled: own };
  }

  /** Checks the whole form, every field's message showing from now on; invalid: the error summary shows and takes focus. */
  async function validate(): Promise<boolean> {
    return (await check()).valid;
  }

  /**
   * Resolves to the result, or undefined when the form is not valid yet or a request was already pending.
   * A valid form's request goes at once; the answer reaches the caller once vee-validate's own run has
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

/** What a yup schema offers that this needs. */
interface ValidatingSchema {
  isValid(values: unknown): Promise<boolean>;
}

/**
 * The form's schema: vee-validate keeps it on the form object (`schema`, left out of the
 * public type). Undefined when it is not there (another vee-validate), and submit then takes
 * vee-validate's own way.
 */
function schemaOf(form: object): ValidatingSchema | undefined {
  const schema: unknown = toValue((form as { schema?: MaybeRef<unknown> }).schema);
  return typeof schema === 'object' && schema !== null && typeof (schema as Partial<ValidatingSchema>).isValid === 'function'
    ? (schema as ValidatingSchema)
    : undefined;
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
