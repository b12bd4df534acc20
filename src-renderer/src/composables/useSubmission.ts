import { ref } from 'vue';
import type { KioskError, Result } from '../../../src-shared/errors';

/**
 * One request at a time: while it is pending the step's buttons are
 * disabled and a second press does nothing, so nothing is submitted twice.
 */
export function useSubmission() {
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

  return { pending, failure, run };
}
