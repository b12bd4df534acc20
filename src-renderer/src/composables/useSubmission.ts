import type { FormContext, GenericObject } from 'vee-validate';
import { ref } from 'vue';
import type { KioskError, Result } from '../../../src-shared/errors';

/**
 * How every form and button of the kiosk sends a request: one at a time
 * (while one is pending the step's buttons are disabled and a second press
 * does nothing, so nothing is submitted twice), with the last failure kept
 * for the alert. `submit` first validates the form, touching every field so
 * that each message shows; `run` sends without checking a form (e.g.
 * "Kirim Ulang"), `validate` checks without sending.
 */
export function useSubmission<V extends GenericObject>(form?: FormContext<V>) {
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
    }
  }

  /** Checks the whole form, every field's message showing from now on. */
  async function validate(): Promise<boolean> {
    return form === undefined || (await form.handleSubmit(() => true)()) === true;
  }

  /** Resolves to the result, or undefined when the form is not valid yet or a request was already pending. */
  async function submit<T>(call: () => Promise<Result<T>>): Promise<Result<T> | undefined> {
    if (pending.value || !(await validate())) return undefined;
    return run(call);
  }

  return { pending, failure, validate, run, submit };
}
