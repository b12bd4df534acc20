import type { FormContext } from 'vee-validate';
import { inject, provide, toValue, type InjectionKey, type MaybeRefOrGetter } from 'vue';
import { object, type AnyObject, type ObjectSchema } from 'yup';
import type { OtpChannel } from '../../../src-shared/contract';
import { codeChannelOf, OTP_CHANNELS, otpChannelField } from '../../../src-shared/recoveryPaths';
import {
  emailField,
  idCardCheckedField,
  nameField,
  nikField,
  passwordConfirmationField,
  phoneField,
  wizardPasswordField,
} from '../../../src-shared/rules/schemas';
import type { MessageKey } from '../i18n';
import { contactPathOf, isContactScreen, type ContactScreen, type RecoveryScreen } from '../recoveryFlows';
import { useKioskForm } from './kioskForm';

/** The kinds of contact a code goes to (a channel's `contact` in src-shared/recoveryPaths.ts). */
export type ContactKind = (typeof OTP_CHANNELS)[OtpChannel]['contact'];

/**
 * How each kind of contact is typed, wherever it is asked for (the
 * registered contact of a path, the identity path's new contacts): the
 * registered contact's field in the wizard's form (named after the kind,
 * which is what the password rule reads) and its input.
 */
interface ContactInput<K extends ContactKind> {
  field: `registered${Capitalize<K>}`;
  type: 'text' | 'tel';
  inputmode: 'tel' | 'email';
  maxlength: number;
  hint?: MessageKey;
}

export const CONTACT_INPUTS: { [K in ContactKind]: ContactInput<K> } = {
  phone: { field: 'registeredPhone', type: 'tel', inputmode: 'tel', maxlength: 32, hint: 'contact.phoneHint' },
  email: { field: 'registeredEmail', type: 'text', inputmode: 'email', maxlength: 254 },
};

export type RegisteredField = `registered${Capitalize<ContactKind>}`;

/**
 * Everything a citizen types in the recovery wizard: one vee-validate form
 * for all steps (one schema per step, values kept when a step unmounts), so
 * Back, a language switch or a retry never loses what was typed. The OTP is
 * not here: it lives only in the Verifikasi screen's own form.
 */
export interface RecoveryValues extends Record<RegisteredField, string> {
  nik: string;
  fullName: string;
  /** Cleared as soon as the backend has given its verdict; never leaves the form. */
  motherMaidenName: string;
  idCardChecked: boolean;
  /** Identity path (seed screen 4): the new contacts. */
  phone: string;
  email: string;
  otpChannel: OtpChannel;
  /** The new password, on either path. */
  password: string;
  passwordConfirmation: string;
}

export function emptyRecoveryValues(): RecoveryValues {
  return {
    registeredPhone: '',
    registeredEmail: '',
    nik: '',
    fullName: '',
    motherMaidenName: '',
    idCardChecked: false,
    phone: '',
    email: '',
    // docs/architecture.md §4: the code goes by SMS to the new phone unless the citizen chooses e-mail.
    otpChannel: 'sms',
    password: '',
    passwordConfirmation: '',
  };
}

/** A contact path's first step: the registered contact, checked by its channel's rule. */
export function registeredContactOf(screen: ContactScreen) {
  const channel = codeChannelOf(contactPathOf(screen));
  return { channel, input: CONTACT_INPUTS[channel.contact] };
}

const password = { password: wizardPasswordField, passwordConfirmation: passwordConfirmationField };
const nothing = () => object({});

/** The schema of each other step: only the fields on that screen (the rules main enforces, from src-shared). */
const STEP_SCHEMAS: { [S in Exclude<RecoveryScreen, ContactScreen>]: (options: { assisted: boolean }) => ObjectSchema<AnyObject> } = {
  'recovery-options': nothing,
  identity: ({ assisted }) =>
    object({
      nik: nikField,
      fullName: nameField,
      motherMaidenName: nameField,
      ...(assisted ? { idCardChecked: idCardCheckedField } : {}),
    }),
  'new-credentials': () => object({ phone: phoneField, email: emailField, otpChannel: otpChannelField, ...password }),
  // "Periksa Data Anda" only shows what seed screen 4 checked.
  'check-credentials': nothing,
  otp: nothing,
  'new-password': () => object(password),
  done: nothing,
};

function stepSchema(screen: RecoveryScreen, options: { assisted: boolean }): ObjectSchema<AnyObject> {
  if (!isContactScreen(screen)) return STEP_SCHEMAS[screen](options);
  const { channel, input } = registeredContactOf(screen);
  return object({ [input.field]: channel.field });
}

export type RecoveryForm = FormContext<RecoveryValues>;

const RECOVERY_FORM: InjectionKey<RecoveryForm> = Symbol('recoveryForm');

/** Creates the wizard's form; the steps below reach it with useRecoveryForm(). */
export function provideRecoveryForm(screen: MaybeRefOrGetter<RecoveryScreen>, assisted: MaybeRefOrGetter<boolean>): RecoveryForm {
  const form = useKioskForm<RecoveryValues>({
    schema: () => stepSchema(toValue(screen), { assisted: toValue(assisted) }),
    initialValues: emptyRecoveryValues(),
    keepValuesOnUnmount: true,
  });
  provide(RECOVERY_FORM, form);
  return form;
}

export function useRecoveryForm(): RecoveryForm {
  const form = inject(RECOVERY_FORM);
  if (!form) throw new Error('useRecoveryForm() outside RecoveryWizard');
  return form;
}
