import { useForm, type FormContext, type FormOptions, type GenericObject } from 'vee-validate';
import { computed, inject, provide, toValue, type InjectionKey, type MaybeRefOrGetter } from 'vue';
import type { AnyObject, ObjectSchema } from 'yup';

/**
 * The one way to write a form in the kiosk: vee-validate's own state
 * (`useForm` with a yup schema made of the rules in src-shared), fields that
 * bind themselves by name (`FormField.vue` with `useField`: TextField,
 * PasswordField, OtpInput, CheckField, ChoiceField), and one submission
 * composable (`useSubmission`) that shows every message, then sends once.
 *
 * A field's message shows once the field is "touched": always after a
 * submit (vee-validate touches every field then), and before that as this
 * form says:
 * - `blur`: when the field is left (the wizard);
 * - `filled-blur`: when it is left with something typed (the OTP: one may
 *   look away to the phone without being scolded for an empty field);
 * - `submit`: only after a submit (sign-in forms).
 * From then on it follows what is typed and the language on screen.
 */
export type ShowErrorsAfter = 'blur' | 'filled-blur' | 'submit';

const SHOW_ERRORS_AFTER: InjectionKey<ShowErrorsAfter> = Symbol('showErrorsAfter');

export interface KioskFormOptions<V> {
  schema: MaybeRefOrGetter<ObjectSchema<AnyObject>>;
  initialValues: V;
  /** The wizard: values stay when a step's fields unmount (Back, another step, a retry). */
  keepValuesOnUnmount?: boolean;
  showErrorsAfter?: ShowErrorsAfter;
}

export function useKioskForm<V extends GenericObject>(options: KioskFormOptions<V>): FormContext<V> {
  provide(SHOW_ERRORS_AFTER, options.showErrorsAfter ?? 'blur');
  return useForm<V, V>({
    validationSchema: computed(() => toValue(options.schema)),
    // vee-validate types initial values as a deep partial, which a generic V is not known to satisfy.
    initialValues: options.initialValues as FormOptions<V>['initialValues'],
    keepValuesOnUnmount: options.keepValuesOnUnmount ?? false,
  });
}

/** For FormField: when leaving a field marks it. */
export function useShowErrorsAfter(): ShowErrorsAfter {
  return inject(SHOW_ERRORS_AFTER, 'blur');
}
