import { object } from 'yup';
import { identifierField, loginPasswordField } from '../../../src-shared/rules/schemas';

/** "Masuk": the shared rules for an e-mail or Indonesian mobile and a password (SignInStep loads this on first use). */
export const signInRules = object({ identifier: identifierField, password: loginPasswordField });
