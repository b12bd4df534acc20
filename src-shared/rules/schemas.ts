import { boolean, ref, string } from 'yup';
import { emailSchema } from './email';
import { nikProblem } from './nik';
import { isOtpCode } from './otp';
import { passwordProblem, type PasswordContext } from './password';
import { isIndonesianMobile } from './phone';

/**
 * yup schemas for every field a citizen or officer types. The renderer uses
 * them for live validation (vee-validate); main uses the request schemas in
 * `contract.ts` to reject bad payloads before any service sees them.
 * Messages are i18n keys under `validation.` in the renderer's messages.
 */

const MAX_TEXT = 200;

export const identifierField = string()
  .trim()
  .required('identifier.required')
  .max(254, 'identifier.tooLong')
  .test('identifier', 'identifier.invalid', (value) =>
    value === undefined ? false : value.includes('@') ? emailSchema.isValidSync(value) : isIndonesianMobile(value),
  );

export const loginPasswordField = string().required('password.required').max(128, 'password.tooLong');

export const phoneField = string()
  .trim()
  .required('phone.required')
  .max(32, 'phone.invalid')
  .test('phone', 'phone.invalid', (value) => value !== undefined && isIndonesianMobile(value));

export const emailField = emailSchema.required('email.required');

export const nikField = string()
  .required('nik.required')
  .test('nik', (value, ctx) => {
    const problem = nikProblem(value ?? '');
    return problem === null ? true : ctx.createError({ message: `nik.${problem}` });
  });

export const nameField = string()
  .trim()
  .required('name.required')
  .max(MAX_TEXT, 'name.tooLong')
  .matches(/^[\p{L}\p{M}' .,-]+$/u, 'name.invalid');

export const newPasswordField = string()
  .required('password.required')
  .max(128, 'password.tooLong')
  .test('password', (value, ctx) => {
    const problem = passwordProblem(value ?? '', {
      phone: typeof ctx.parent?.phone === 'string' ? ctx.parent.phone : undefined,
      email: typeof ctx.parent?.email === 'string' ? ctx.parent.email : undefined,
    });
    return problem === null ? true : ctx.createError({ message: `password.${problem}` });
  });

export const otpField = string()
  .required('otp.required')
  .test('otp', 'otp.invalid', (value) => value !== undefined && isOtpCode(value));

export const staffIdField = string().trim().required('staffId.required').max(32, 'staffId.invalid').matches(/^[A-Za-z0-9]+$/, 'staffId.invalid');
export const pinField = string().required('pin.required').matches(/^\d{4,8}$/, 'pin.invalid');




/**
 * The wizard's new password (renderer, live): the service's five rules plus
 * the personal data typed on the wizard's earlier steps, read from the form's
 * other values (`phone`, `email`, `registeredPhone`, `registeredEmail`, `nik`,
 * `fullName`), so the citizen learns before submitting what the backend would
 * reject. Main checks the same password with `newPasswordField`.
 */
export const wizardPasswordField = string()
  .required('password.required')
  .max(128, 'password.tooLong')
  .test('password', (value, ctx) => {
    const parent: Record<string, unknown> = typeof ctx.parent === 'object' && ctx.parent !== null ? ctx.parent : {};
    for (const context of wizardPasswordContexts(parent)) {
      const problem = passwordProblem(value ?? '', context);
      if (problem !== null) return ctx.createError({ message: `password.${problem}` });
    }
    return true;
  });

/**
 * The personal data the wizard's form holds, as the password rule reads it:
 * the identity path's NIK, name and new contacts, and a contact path's
 * registered phone or e-mail. The checklist shows the same contexts live.
 */
export function wizardPasswordContexts(values: Record<string, unknown>): PasswordContext[] {
  const text = (key: string): string | undefined => {
    const v = values[key];
    return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
  };
  return [
    { phone: text('phone'), email: text('email'), nik: text('nik'), fullName: text('fullName') },
    { phone: text('registeredPhone'), email: text('registeredEmail') },
  ];
}

/** "Konfirmasi Password": must equal the sibling `password`. Renderer only. */
export const passwordConfirmationField = string()
  .required('confirm.required')
  .oneOf([ref('password')], 'confirm.mismatch');

/** Assisted mode: "KTP asli telah diperiksa petugas" must be ticked before the identity path. Renderer only. */
export const idCardCheckedField = boolean().required('idCardChecked.required').oneOf([true], 'idCardChecked.required');
