import { reactive, ref, type Ref } from 'vue';
import { useRecoveryForm, type RecoveryField, type RecoveryValues } from '../forms/recoveryForm';
import { useFieldError } from './useFieldError';

/**
 * The fields of one wizard step: v-models bound to the wizard's form
 * (validated as the citizen types), and their messages, shown once a field
 * was left or the step was submitted, then kept live while typing.
 */
export function useStepFields<K extends RecoveryField>(names: readonly K[]) {
  const form = useRecoveryForm();
  const fieldError = useFieldError();
  const attempted = ref(false);
  const touched = reactive<Record<string, boolean>>({});
  const models = {} as { [P in K]: Ref<RecoveryValues[P]> };
  for (const name of names) {
    const [model] = form.defineField(name, { validateOnModelUpdate: true });
    models[name] = model as Ref<RecoveryValues[typeof name]>;
  }

  function errorOf(name: K): string | undefined {
    return fieldError(form.errors.value[name], touched[name] === true || attempted.value, name);
  }

  /** On blur: from now on the field's message shows. */
  function touch(name: K): void {
    touched[name] = true;
    void form.validateField(name);
  }

  /** On submit: validates the step's schema and shows every message. */
  async function validateStep(): Promise<boolean> {
    attempted.value = true;
    const { valid } = await form.validate();
    return valid;
  }

  return { form, models, errorOf, touch, validateStep, attempted };
}
