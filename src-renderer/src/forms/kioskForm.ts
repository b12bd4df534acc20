import { useField, useForm, type FormContext, type FormOptions, type GenericObject } from 'vee-validate';
import { computed, toValue, type MaybeRef, type MaybeRefOrGetter } from 'vue';
import type { AnyObject, ObjectSchema } from 'yup';
import { provideKioskForm, type FormCheck, type ShowErrorsAfter } from './formCore';

export interface KioskFormOptions<V> {
  schema: MaybeRefOrGetter<ObjectSchema<AnyObject>>;
  initialValues: V;
  /** The wizard: values stay when a step's fields unmount (Back, another step, a retry). */
  keepValuesOnUnmount?: boolean;
  showErrorsAfter?: ShowErrorsAfter;
}

/**
 * A kiosk form kept by vee-validate (formCore.ts): `useForm` with a yup
 * schema made of the rules in src-shared; each field binds with
 * vee-validate's own `useField`. Every form but the sign-in screens'.
 */
export function useKioskForm<V extends GenericObject>(options: KioskFormOptions<V>): FormContext<V> {
  const form = useForm<V, V>({
    validationSchema: computed(() => toValue(options.schema)),
    // vee-validate types initial values as a deep partial, which a generic V is not known to satisfy.
    initialValues: options.initialValues as FormOptions<V>['initialValues'],
    keepValuesOnUnmount: options.keepValuesOnUnmount ?? false,
  });
  provideKioskForm(form, {
    showErrorsAfter: options.showErrorsAfter,
    bindField: (name) => useField<unknown>(name),
    checkAll: () => checkAll(form),
  });
  return form;
}

/**
 * Touches every field and starts vee-validate's own validation, which waits
 * a 5 ms batching timer. Values that pass the form's schema are known valid
 * at once, checked here directly; `settled` is vee-validate's run, for
 * whoever must not act before it ends.
 */
async function checkAll(form: FormContext<GenericObject>): Promise<FormCheck> {
  const own = form.handleSubmit(() => true)();
  const schema = schemaOf(form);
  if (schema !== undefined && (await schema.isValid(form.values))) return { valid: true, settled: own };
  return { valid: (await own) === true, settled: own };
}

/** What a yup schema offers that this needs. */
interface ValidatingSchema {
  isValid(values: unknown): Promise<boolean>;
}

/**
 * The form's schema: vee-validate keeps it on the form object (`schema`, left out of the
 * public type). Undefined when it is not there (another vee-validate), and the check then
 * takes vee-validate's own way.
 */
function schemaOf(form: object): ValidatingSchema | undefined {
  const schema: unknown = toValue((form as { schema?: MaybeRef<unknown> }).schema);
  return typeof schema === 'object' && schema !== null && typeof (schema as Partial<ValidatingSchema>).isValid === 'function'
    ? (schema as ValidatingSchema)
    : undefined;
}
