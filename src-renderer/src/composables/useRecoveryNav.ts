import { ref } from 'vue';
import { kioskApi } from '../bridge';
import { emptyRecoveryValues, useRecoveryForm } from '../forms/recoveryForm';
import { isRecoveryScreen, useWizardStore } from '../stores/wizard';

/**
 * Back, "Batal" and "Mulai lagi" of every wizard step. Leaving the wizard
 * (Batal, or Back past the options) ends main's recovery session and clears
 * every form value, so the next citizen finds nothing of this one.
 */
export function useRecoveryNav() {
  const wizard = useWizardStore();
  const form = useRecoveryForm();
  const leaving = ref(false);

  async function leave(reason: 'cancel'): Promise<void> {
    if (leaving.value) return;
    leaving.value = true;
    try {
      // Wiped in main whatever the outcome; the renderer resets either way.
      await kioskApi().endSession({ reason });
    } finally {
      form.resetForm({ values: emptyRecoveryValues() });
      wizard.reset();
      leaving.value = false;
    }
  }

  function cancel(): Promise<void> {
    return leave('cancel');
  }

  async function back(): Promise<void> {
    const previous = wizard.history[wizard.history.length - 2];
    if (previous === undefined || !isRecoveryScreen(previous)) {
      if (wizard.started) return leave('cancel');
      form.resetForm({ values: emptyRecoveryValues() });
      wizard.reset();
      return;
    }
    wizard.back();
  }

  function restart(): void {
    wizard.restartPath();
  }

  return { back, cancel, restart, leaving };
}
