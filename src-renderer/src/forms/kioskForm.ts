import { useForm, type FormContext, type FormOptions, type GenericObject } from 'vee-validate';
import { computed, inject, provide, shallowReactive, shallowRef, toValue, type ComputedRef, type InjectionKey, type MaybeRefOrGetter, type ShallowRef } from 'vue';
import type { AnyObject, ObjectSchema, ValidateOptions } from 'yup';

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

/** A field on screen as the error summary lists it: its control's id, its label, its message while one shows. */
export interface FieldOnScreen {
  name: string;
  id: string;
  label: () => string | undefined;
  message: () => string | undefined;
}

/** A message the error summary lists: the field's label, its message, and the control a link moves focus to. */
export interface FieldMessage {
  id: string;
  label?: string;
  message: string;
}

/**
 * The messages a form shows, for its error summary (GOV.UK's pattern) and
 * the document title: every FormField on screen registers itself; a
 * submission that finds invalid fields asks for the summary (`request`
 * is the latest ask, a new object each time; the summary shows on each, and
 * focuses itself when the ask says so).
 */
export interface FormMessages {
  register: (field: FieldOnScreen) => () => void;
  /** The messages showing now, in the order of the fields on screen. */
  shown: ComputedRef<FieldMessage[]>;
  request: Readonly<ShallowRef<SummaryRequest | undefined>>;
  requestSummary: (request: SummaryRequest) => void;
}

export interface SummaryRequest {
  /** False when the citizen has moved focus on since submitting: the summary shows and is announced, focus stays. */
  takeFocus: boolean;
}

const FORM_MESSAGES: InjectionKey<FormMessages> = Symbol('formMessages');
const messagesOfForm = new WeakMap<object, FormMessages>();

function createFormMessages(): FormMessages {
  const fields = shallowReactive(new Set<FieldOnScreen>());
  const request = shallowRef<SummaryRequest>();
  const shown = computed(() => {
    const list: (FieldMessage & { element: HTMLElement | null })[] = [];
    for (const field of fields) {
      const message = field.message();
      if (message) list.push({ id: field.id, label: field.label(), message, element: document.getElementById(field.id) });
    }
    // Screen order (a field registered later may stand earlier on the page).
    list.sort((a, b) => (a.element && b.element ? (a.element.compareDocumentPosition(b.element) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1) : 0));
    return list.map(({ id, label, message }) => ({ id, label, message }));
  });
  return {
    register(field) {
      fields.add(field);
      return () => fields.delete(field);
    },
    shown,
    request,
    requestSummary: (ask) => (request.value = { ...ask }),
  };
}

export interface KioskFormOptions<V> {
  schema: MaybeRefOrGetter<ObjectSchema<AnyObject> | LazyRules['schema']>;
  initialValues: V;
  /** The wizard: values stay when a step's fields unmount (Back, another step, a retry). */
  keepValuesOnUnmount?: boolean;
  showErrorsAfter?: ShowErrorsAfter;
}

/**
 * A form's rules that load on first use, so that their code (yup, and
 * libphonenumber-js behind the phone rule) is not on the first screen's
 * download. Only for forms that show messages after a submit: until `load()`
 * is called (the citizen touches the form; a submit must call it first),
 * vee-validate's checks pass unchecked, and nothing shows anyway; from then
 * on every check waits for the rules.
 */
export interface LazyRules {
  /** What `useKioskForm` takes as `schema` (vee-validate calls `validate` as it calls a yup schema's). */
  schema: { validate: (values: AnyObject, options?: ValidateOptions) => Promise<unknown> };
  load: () => Promise<void>;
}

export function lazyRules(importRules: () => Promise<ObjectSchema<AnyObject>>): LazyRules {
  let loading: Promise<ObjectSchema<AnyObject>> | undefined;
  return {
    schema: { validate: async (values, options) => (loading ? (await loading).validate(values, options) : values) },
    load: async () => {
      await (loading ??= importRules());
    },
  };
}

export function useKioskForm<V extends GenericObject>(options: KioskFormOptions<V>): FormContext<V> {
  provide(SHOW_ERRORS_AFTER, options.showErrorsAfter ?? 'blur');
  const messages = createFormMessages();
  provide(FORM_MESSAGES, messages);
  const form = useForm<V, V>({
    // A LazyRules schema is what vee-validate takes a yup schema for: an object with `validate`.
    validationSchema: computed(() => toValue(options.schema) as ObjectSchema<AnyObject>),
    // vee-validate types initial values as a deep partial, which a generic V is not known to satisfy.
    initialValues: options.initialValues as FormOptions<V>['initialValues'],
    keepValuesOnUnmount: options.keepValuesOnUnmount ?? false,
  });
  messagesOfForm.set(form, messages);
  return form;
}

/** The messages of a form made by useKioskForm (for useSubmission, which holds the form itself). */
export function formMessagesOf(form: object): FormMessages | undefined {
  return messagesOfForm.get(form);
}

/** For the fields and the error summary inside a form made by useKioskForm. */
export function useFormMessages(): FormMessages | undefined {
  return inject(FORM_MESSAGES, undefined);
}

/** For FormField: when leaving a field marks it. */
export function useShowErrorsAfter(): ShowErrorsAfter {
  return inject(SHOW_ERRORS_AFTER, 'blur');
}
