import { computed, inject, provide, shallowReactive, shallowRef, toValue, type ComputedRef, type InjectionKey, type MaybeRefOrGetter, type Ref, type ShallowRef } from 'vue';

/**
 * What every kiosk form shares, whatever keeps its values: the fields that
 * bind themselves by name (`FormField.vue`: TextField, PasswordField,
 * OtpInput, CheckField, ChoiceField), the messages the error summary lists,
 * and the one check `useSubmission` runs before it sends.
 *
 * Two kinds of form keep the values, and nothing else differs:
 * - `useKioskForm` (kioskForm.ts): vee-validate with a yup schema made of
 *   the rules in src-shared. The wizard and every form after the first
 *   screen.
 * - `useSubmitOnlyForm` (submitOnlyForm.ts): the sign-in screens, whose
 *   messages wait for a submit. A few refs and the same yup rules, loaded
 *   on first touch, so that neither vee-validate nor yup is in the kiosk's
 *   first download (issue #14). ESLint keeps both out of this file and of
 *   the first screen's components.
 *
 * A field's message shows once the field is "touched": always after a
 * submit (every field is touched then), and before that as the form says:
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

/**
 * What a field component holds of its form's value `name`: the shape of
 * vee-validate's `useField`, which `useKioskForm` binds with as it is.
 */
export interface FieldBinding {
  value: Ref<unknown>;
  /** The rule's message key (`identifier.required`) while the value breaks one. */
  errorMessage: Ref<string | undefined>;
  meta: { readonly touched: boolean };
  setValue: (value: unknown) => void;
  /** Marks the field touched and checks it (called on leaving it, as the form's `ShowErrorsAfter` says). */
  handleBlur: (event?: Event, shouldValidate?: boolean) => void;
}

export type BindField = (name: MaybeRefOrGetter<string>) => FieldBinding;

const BIND_FIELD: InjectionKey<BindField> = Symbol('bindField');

/** For FormField: binds the surrounding form's value `name` (called in the field's setup). */
export function useFieldOfForm(name: MaybeRefOrGetter<string>): FieldBinding {
  const bind = inject(BIND_FIELD, undefined);
  if (!bind) throw new Error(`field "${toValue(name)}" outside a kiosk form (useKioskForm or useSubmitOnlyForm)`);
  return bind(name);
}

/** The outcome of checking a whole form; `settled` resolves once the form's own run (vee-validate's) has ended too. */
export interface FormCheck {
  valid: boolean;
  settled: Promise<unknown>;
}

interface FormParts {
  messages: FormMessages;
  /** Touches every field (each message shows from now on) and checks the whole form. */
  checkAll: () => Promise<FormCheck>;
}

const partsOfForm = new WeakMap<object, FormParts>();

/**
 * Makes `form` a kiosk form for the fields and error summary inside the
 * calling component, and for `useSubmission`. Called once in the form's setup.
 */
export function provideKioskForm(
  form: object,
  options: { bindField: BindField; checkAll: () => Promise<FormCheck>; showErrorsAfter?: ShowErrorsAfter },
): void {
  provide(SHOW_ERRORS_AFTER, options.showErrorsAfter ?? 'blur');
  provide(BIND_FIELD, options.bindField);
  const messages = createFormMessages();
  provide(FORM_MESSAGES, messages);
  partsOfForm.set(form, { messages, checkAll: options.checkAll });
}

/** The messages of a kiosk form (for its document title). */
export function formMessagesOf(form: object): FormMessages | undefined {
  return partsOfForm.get(form)?.messages;
}

/** For useSubmission: how a kiosk form is checked as a whole. */
export function formCheckOf(form: object): (() => Promise<FormCheck>) | undefined {
  return partsOfForm.get(form)?.checkAll;
}

/** For the fields and the error summary inside a kiosk form. */
export function useFormMessages(): FormMessages | undefined {
  return inject(FORM_MESSAGES, undefined);
}

/** For FormField: when leaving a field marks it. */
export function useShowErrorsAfter(): ShowErrorsAfter {
  return inject(SHOW_ERRORS_AFTER, 'blur');
}
