import { boolean, mixed, object, string, ValidationError, type AnyObject, type ObjectSchema } from 'yup';
import type { KioskMethod } from './contract';
import { CONTACT_PATHS, codeChannelOf, type ContactPath } from './recoveryPaths';
import {
  emailField,
  identifierField,
  loginPasswordField,
  nameField,
  newPasswordField,
  nikField,
  otpChannelField,
  otpField,
  phoneField,
  pinField,
  staffIdField,
} from './rules/schemas';

const empty = object({}).noUnknown('unknown').strict();

/** The contact the path asks for, checked with that contact's own field rules (phone or e-mail). */
const startRecoverySchema = object({
  path: mixed<ContactPath>().oneOf(CONTACT_PATHS).required(),
  destination: string()
    .required('destination.required')
    .test('destination', (value, ctx) => {
      const path = (ctx.parent as { path?: unknown }).path;
      if (!CONTACT_PATHS.includes(path as ContactPath)) return true; // `path` reports its own error
      try {
        codeChannelOf(path as ContactPath).field.validateSync(value, { strict: true });
        return true;
      } catch (err) {
        return ctx.createError({ message: err instanceof ValidationError ? err.message : 'destination.invalid' });
      }
    }),
});

function req<T extends AnyObject>(shape: ObjectSchema<T>): ObjectSchema<T> {
  return shape.noUnknown('unknown').strict();
}

/**
 * The request schema of every contract method: main's router validates each
 * payload with it before any service runs. Strict: no type coercion, no
 * unknown fields, trimmed strings (the renderer trims before sending).
 */
export const REQUEST_SCHEMAS: { [M in KioskMethod]: ObjectSchema<AnyObject> } = {
  getKioskInfo: empty,
  signIn: req(object({ identifier: identifierField, password: loginPasswordField })),
  operatorSignIn: req(object({ staffId: staffIdField, pin: pinField })),
  operatorSignOut: empty,
  startRecovery: req(startRecoverySchema),
  verifyIdentity: req(
    object({
      nik: nikField,
      fullName: nameField,
      motherMaidenName: nameField,
      idCardChecked: boolean().optional(),
    }),
  ),
  submitNewCredentials: req(
    object({ phone: phoneField, email: emailField, password: newPasswordField, otpChannel: otpChannelField }),
  ),
  verifyOtp: req(object({ code: otpField })),
  resendOtp: empty,
  setNewPassword: req(object({ password: newPasswordField })),
  endSession: req(object({ reason: string().oneOf(['cancel', 'finish', 'idle', 'sign-out']).required() })),
  getTrainingOutbox: empty,
  exportAuditCsv: req(
    object({
      from: string().required().matches(/^\d{4}-\d{2}-\d{2}$/, 'day'),
      to: string().required().matches(/^\d{4}-\d{2}-\d{2}$/, 'day'),
    }),
  ),
};
