import { useForm, useFormContext, type FormContext } from 'vee-validate';
import { computed, type MaybeRefOrGetter, toValue } from 'vue';
import { object, type AnyObject, type ObjectSchema } from 'yup';
import {
  emailField,
  idCardCheckedField,
  nameField,
  nikField,
  otpChannelField,
  passwordConfirmationField,
  phoneField,
  wizardPasswordField,
} from '../../../src-shared/rules/schemas';
import type { OtpChannel } from '../../../src-shared/contract';
import type { RecoveryScreen } from '../stores/wizard';

/**
 * Everything a citizen types in the recovery wizard: one vee-validate form
 * for all steps (one schema per step, values kept when a step unmounts), so
 * Back, a language switch or a retry never loses what was typed. The OTP is
 * not here: it lives only in its own input until submitted.
 */
export interface RecoveryValues {
  /** Phone path: the registered number. */
  registeredPhone: string;
  /** E-mail path: the registered address. */
  registeredEmail: string;
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

export type RecoveryField = keyof RecoveryValues;

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
    otpChannel: 'sms',
    password: '',
    passwordConfirmation: '',
  };
}

const password = { password: wizardPasswordField, passwordConfirmation: passwordConfirmationField };

/** The schema of one step: only the fields on that screen (the rules main enforces, from src-shared). */
export function stepSchema(screen: RecoveryScreen, options: { assisted: boolean }): ObjectSchema<AnyObject> {
  switch (screen) {
    case 'recovery-phone':
      return object({ registeredPhone: phoneField });
    case 'recovery-email':
      return object({ registeredEmail: emailField });
    case 'identity':
      return object({
        nik: nikField,
        fullName: nameField,
        motherMaidenName: nameField,
        ...(options.assisted ? { idCardChecked: idCardCheckedField } : {}),
      });
    case 'new-credentials':
      return object({ phone: phoneField, email: emailField, otpChannel: otpChannelField, ...password });
    case 'new-password':
      return object(password);
    default:
      return object({});
  }
}

export type RecoveryForm = FormContext<RecoveryValues>;

/** Creates the wizard's form; the steps below reach it with useRecoveryForm(). */
export function provideRecoveryForm(screen: MaybeRefOrGetter<RecoveryScreen>, assisted: MaybeRefOrGetter<boolean>): RecoveryForm {
  return useForm<RecoveryValues>({
    validationSchema: computed(() => stepSchema(toValue(screen), { assisted: toValue(assisted) })),
    initialValues: emptyRecoveryValues(),
    keepValuesOnUnmount: true,
  });
}

export function useRecoveryForm(): RecoveryForm {
  return useFormContext<RecoveryValues>();
}
