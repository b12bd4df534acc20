import { boolean, mixed, object, string, ValidationError, type AnyObject, type InferType, type ObjectSchema } from 'yup';
import type { KioskMethod } from './contract';
import { CONTACT_PATHS, codeChannelOf, otpChannelField, type ContactPath } from './recoveryPaths';
import {
  emailField,
  identifierField,
  loginPasswordField,
  nameField,
  newPasswordField,
  nikField,
  otpField,
  phoneField,
  pinField,
  staffIdField,
} from './rules/schemas';

const empty = object({}).noUnknown('unknown').strict();

/** Why a session ends: cancelled, finished, idle, or the officer signed out. */
type EndReason = 'cancel' | 'finish' | 'idle' | 'sign-out';

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
 * The contract's request types are derived from these (RequestOf), so a
 * schema and its type cannot drift apart.
 */
export const REQUEST_SCHEMAS = {
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
      /** Assisted mode: the officer ticked "KTP asli telah diperiksa petugas". */
      idCardChecked: boolean().optional(),
    }),
  ),
  submitNewCredentials: req(
    object({ phone: phoneField, email: emailField, password: newPasswordField, otpChannel: otpChannelField }),
  ),
  verifyOtp: req(object({ code: otpField })),
  resendOtp: empty,
  setNewPassword: req(object({ password: newPasswordField })),
  endSession: req(object({ reason: mixed<EndReason>().oneOf(['cancel', 'finish', 'idle', 'sign-out']).required() })),
  getTrainingOutbox: empty,
  confirmOperatorPin: req(object({ pin: pinField })),
  exportAuditCsv: req(
    object({
      from: string().required().matches(/^\d{4}-\d{2}-\d{2}$/, 'day'),
      to: string().required().matches(/^\d{4}-\d{2}-\d{2}$/, 'day'),
    }),
  ),
  noteActivity: empty,
  getServiceStatus: empty,
} satisfies { [M in KioskMethod]: ObjectSchema<AnyObject> };

/** The payload type of a contract method, as its schema accepts it. */
export type RequestOf<M extends KioskMethod> = InferType<(typeof REQUEST_SCHEMAS)[M]>;
