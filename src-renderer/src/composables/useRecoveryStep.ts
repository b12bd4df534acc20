import { useRecoveryForm } from '../forms/recoveryForm';
import { useTexts } from '../i18n';
import { useWizardStore } from '../stores/wizard';
import { useSubmission } from './useSubmission';

/** What a form step of the recovery wizard works with: its texts, the wizard, the wizard's form and one submission on it. */
export function useRecoveryStep() {
  const form = useRecoveryForm();
  return { t: useTexts().t, wizard: useWizardStore(), form, ...useSubmission(form) };
}
