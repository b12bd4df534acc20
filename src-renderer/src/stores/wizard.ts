import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { SignedInView } from '../../../src-shared/contract';

/** Every screen of the kiosk; the wizard shows one at a time. */
export type Screen = 'sign-in' | 'signed-in' | 'recovery-options' | 'info-register' | 'info-help';

/**
 * Where the citizen is, and the little the screens share. Holds no secret:
 * passwords and codes live only in their form until submitted.
 */
export const useWizardStore = defineStore('wizard', () => {
  const history = ref<Screen[]>(['sign-in']);
  const signedIn = ref<SignedInView>();

  const screen = computed<Screen>(() => history.value[history.value.length - 1] ?? 'sign-in');
  const canGoBack = computed(() => history.value.length > 1);

  function go(next: Screen): void {
    history.value.push(next);
  }

  function back(): void {
    if (history.value.length > 1) history.value.pop();
  }

  function showSignedIn(view: SignedInView): void {
    signedIn.value = view;
    history.value = ['sign-in', 'signed-in'];
  }

  /** Back to the first screen with nothing of the last citizen left. */
  function reset(): void {
    history.value = ['sign-in'];
    signedIn.value = undefined;
  }

  return { screen, canGoBack, signedIn, go, back, showSignedIn, reset };
});
