import { computed, reactive, shallowRef, toValue } from 'vue';
import type { AnyObject, ObjectSchema } from 'yup';
import { provideKioskForm, type FieldBinding } from './formCore';

/**
 * A form's rules that load on first use, so that their code (yup, and
 * libphonenumber-js behind the phone rule) is not on the first screen's
 * download: nothing shows before the first submit anyway. `prefetch` when
 * the citizen first touches or tabs into the form; a submit waits for them.
 */
export interface LazyRules {
  schema: () => Promise<ObjectSchema<AnyObject>>;
  /** Starts loading; a failure is left for the submit that needs the rules to report. */
  prefetch: () => void;
}

export function lazyRules(importRules: () => Promise<ObjectSchema<AnyObject>>): LazyRules {
  let loading: Promise<ObjectSchema<AnyObject>> | undefined;
  const schema = () =>
    (loading ??= importRules().catch((error: unknown) => {
      loading = undefined; // the next touch or submit tries again
      throw error;
    }));
  return { schema, prefetch: () => void schema().catch(() => undefined) };
}

/** What a sign-in screen holds of its form: the values as typed, and a way to clear one. */
export interface SubmitOnlyForm<V extends Record<string, string>> {
  readonly values: Readonly<V>;
  /** Sets a value; once the form has been submitted it is checked again, unless `shouldValidate` is false. */
  setFieldValue: <K extends keyof V & string>(name: K, value: V[K], shouldValidate?: boolean) => void;
}

/**
 * The sign-in screens' form (formCore.ts): text values in a reactive
 * object, checked against lazily loaded yup rules. Nothing is checked and
 * no message shows before the first submit; from then on every field is
 * touched and each change checks the form again, so the messages follow
 * what is typed (the newest check wins). The fields, the error summary and
 * `useSubmission` treat it as any kiosk form.
 */
export function useSubmitOnlyForm<V extends Record<string, string>>(options: { rules: LazyRules; initialValues: V }): SubmitOnlyForm<V> {
  const values = reactive({ ...options.initialValues }) as V;
  const errors = reactive<Record<string, string | undefined>>({});
  const submitted = shallowRef(false);
  const meta = reactive({ touched: submitted });
  let latest = 0;

  /** Checks every value; the messages of the newest check are the ones shown. */
  async function check(): Promise<boolean> {
    const run = ++latest;
    const found = await errorsOf(await options.rules.schema(), { ...values });
    if (run === latest) for (const name of Object.keys(options.initialValues)) errors[name] = found[name];
    return Object.keys(found).length === 0;
  }

  const form: SubmitOnlyForm<V> = {
    values,
    setFieldValue(name, value, shouldValidate = true) {
      (values as Record<string, string>)[name] = value;
      if (shouldValidate && submitted.value) void check().catch(() => undefined);
    },
  };
  // A field sets what its input holds: text, as every value of this form is.
  const set = (name: string, value: unknown) => form.setFieldValue(name, String(value ?? '') as V[string]);
  provideKioskForm(form, {
    showErrorsAfter: 'submit',
    bindField: (name): FieldBinding => ({
      value: computed({ get: () => values[toValue(name)], set: (value) => set(toValue(name), value) }),
      errorMessage: computed(() => errors[toValue(name)]),
      meta,
      setValue: (value) => set(toValue(name), value),
      // Messages wait for a submit: leaving a field changes nothing.
      handleBlur: () => undefined,
    }),
    checkAll: async () => {
      submitted.value = true;
      return { valid: await check(), settled: Promise.resolve() };
    },
  });
  return form;
}

/** Each field's first message key under the rules (none: valid), as vee-validate would show it. */
async function errorsOf(schema: ObjectSchema<AnyObject>, values: AnyObject): Promise<Record<string, string>> {
  try {
    await schema.validate(values, { abortEarly: false });
    return {};
  } catch (error) {
    if (!isValidationError(error)) throw error;
    const found: Record<string, string> = {};
    for (const problem of error.inner.length > 0 ? error.inner : [error]) {
      if (problem.path !== undefined && !(problem.path in found)) found[problem.path] = problem.message;
    }
    return found;
  }
}

/** yup's ValidationError, known by its shape: importing the class would bring yup into the first download. */
interface ValidationProblem {
  path?: string;
  message: string;
  inner: ValidationProblem[];
}
function isValidationError(error: unknown): error is ValidationProblem {
  return error instanceof Error && error.name === 'ValidationError' && Array.isArray((error as Partial<ValidationProblem>).inner);
}
