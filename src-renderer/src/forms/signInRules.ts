import { object } from 'yup';
import { identifierField, loginPasswordField, pinField, staffIdField } from '../../../src-shared/rules/schemas';

/** "Masuk": the shared rules for an e-mail or Indonesian mobile and a password (SignInStep loads this on first use). */
export const signInRules = object({ identifier: identifierField, password: loginPasswordField });

/** The officer's sign-in at the start of a shift: "ID Petugas" and "PIN" (OperatorSignInStep loads this on first use). */
export const operatorSignInRules = object({ staffId: staffIdField, pin: pinField });
