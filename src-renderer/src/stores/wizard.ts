import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { OtpChallengeView, OtpChannel, RecoveryPath, SignedInView } from '../../../src-shared/contract';

/** The screens of the recovery wizard (seed screens 2–6 and the end). */
export const RECOVERY_SCREENS = [
  'recovery-options',
  'recovery-phone',
  'recovery-email',
  'identity',
  'new-credentials',
  'otp',
  'new-password',
  'done',
] as const;

export type RecoveryScreen = (typeof RECOVERY_SCREENS)[number];

/** Every screen of the kiosk; the wizard shows one at a time. */
export type Screen = 'sign-in' | 'signed-in' | 'info-register' | 'info-help' | RecoveryScreen;

export function isRecoveryScreen(screen: Screen): screen is RecoveryScreen {
  return (RECOVERY_SCREENS as readonly string[]).includes(screen);
}

/** The first screen of each recovery path: where "Mulai lagi" leads. */
export const FIRST_SCREEN: Record<RecoveryPath, RecoveryScreen> = {
  phone: 'recovery-phone',
  email: 'recovery-email',
  identity: 'identity',
};

/**
 * What the Verifikasi screen shows of the live OTP challenge: nothing secret
 * (no challenge id, no code). `resendAvailableAt` is on this renderer's clock.
 */
export interface ChallengeState {
  channel: OtpChannel;
  destinationMasked: string;
  resendsRemaining: number;
  resendAvailableAt: number;
}

/**
 * Where the citizen is, and the little the screens share. Holds no secret:
 * no token, no challenge id, no OTP; passwords and codes live only in their
 * form until submitted.
 */
export const useWizardStore = defineStore('wizard', () => {
  const history = ref<Screen[]>(['sign-in']);
  const signedIn = ref<SignedInView>();
  const path = ref<RecoveryPath>();
  const challenge = ref<ChallengeState>();
  /** Identity path: the new contacts and password went to the backend (they cannot be changed in this recovery). */
  const credentialsSent = ref(false);
  /** Main may hold a recovery session for this window (so leaving ends it). */
  const started = ref(false);
  const reference = ref<string>();

  const screen = computed<Screen>(() => history.value[history.value.length - 1] ?? 'sign-in');
  const canGoBack = computed(() => history.value.length > 1);
  const inRecovery = computed(() => isRecoveryScreen(screen.value));

  function go(next: Screen): void {
    history.value.push(next);
  }

  function back(): void {
    if (history.value.length > 1) history.value.pop();
  }

  /** Swaps the current screen for `next` (a step that cannot be returned to, e.g. a used OTP). */
  function replace(next: Screen): void {
    history.value = [...history.value.slice(0, -1), next];
  }

  function showSignedIn(view: SignedInView): void {
    signedIn.value = view;
    history.value = ['sign-in', 'signed-in'];
  }

  function choosePath(next: RecoveryPath): void {
    if (path.value !== next) {
      challenge.value = undefined;
      credentialsSent.value = false;
    }
    path.value = next;
    go(FIRST_SCREEN[next]);
  }

  function challengeIssued(view: OtpChallengeView, nowMs: number = Date.now()): void {
    started.value = true;
    challenge.value = {
      channel: view.channel,
      destinationMasked: view.destinationMasked,
      resendsRemaining: view.resendsRemaining,
      resendAvailableAt: nowMs + view.resendAvailableInSeconds * 1000,
    };
  }

  /** The backend says a resend may come at `nowMs + seconds` (cooldown, or at once after expiry). */
  function resendAvailableIn(seconds: number, nowMs: number = Date.now()): void {
    if (challenge.value) challenge.value = { ...challenge.value, resendAvailableAt: nowMs + seconds * 1000 };
  }

  function noResendsLeft(): void {
    if (challenge.value) challenge.value = { ...challenge.value, resendsRemaining: 0 };
  }

  function identityVerified(): void {
    started.value = true;
    challenge.value = undefined;
    credentialsSent.value = false;
    go('new-credentials');
  }

  function credentialsSubmitted(view: OtpChallengeView): void {
    challengeIssued(view);
    credentialsSent.value = true;
    go('otp');
  }

  /** Phone/e-mail path: the code was right; the used challenge is gone, Back leads to the path's first step. */
  function otpVerified(): void {
    challenge.value = undefined;
    replace('new-password');
  }

  function finish(ref: string): void {
    reference.value = ref;
    challenge.value = undefined;
    credentialsSent.value = false;
    started.value = false;
    history.value = ['sign-in', 'done'];
  }

  /** "Mulai lagi": back to the first step of the path, the old challenge forgotten. */
  function restartPath(): void {
    challenge.value = undefined;
    credentialsSent.value = false;
    const first = path.value ? FIRST_SCREEN[path.value] : 'recovery-options';
    const at = history.value.lastIndexOf(first);
    history.value = at >= 0 ? history.value.slice(0, at + 1) : ['sign-in', 'recovery-options', first];
  }

  /** Back to the first screen with nothing of the last citizen left. */
  function reset(): void {
    history.value = ['sign-in'];
    signedIn.value = undefined;
    path.value = undefined;
    challenge.value = undefined;
    credentialsSent.value = false;
    started.value = false;
    reference.value = undefined;
  }

  return {
    history,
    screen,
    canGoBack,
    inRecovery,
    signedIn,
    path,
    challenge,
    credentialsSent,
    started,
    reference,
    go,
    back,
    replace,
    showSignedIn,
    choosePath,
    challengeIssued,
    resendAvailableIn,
    noResendsLeft,
    identityVerified,
    credentialsSubmitted,
    otpVerified,
    finish,
    restartPath,
    reset,
  };
});
