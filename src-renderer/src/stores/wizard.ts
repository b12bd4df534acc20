import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { OtpChallengeView, OtpChannel, RecoveryDoneView, RecoveryPath, SignedInView, VerifyOtpView } from '../../../src-shared/contract';
import type { INFO_LINKS } from '../infoLinks';
import { FLOWS, RECOVERY_SCREENS, type RecoveryScreen } from '../recoveryFlows';

export type { RecoveryScreen } from '../recoveryFlows';

export type InfoTopic = keyof typeof INFO_LINKS;
export type InfoScreen = `info-${InfoTopic}`;

/** Every screen of the kiosk; the wizard shows one at a time. */
export type Screen = 'sign-in' | 'signed-in' | InfoScreen | RecoveryScreen;

export function isRecoveryScreen(screen: Screen): screen is RecoveryScreen {
  return (RECOVERY_SCREENS as readonly string[]).includes(screen);
}

export function isInfoScreen(screen: Screen): screen is InfoScreen {
  return screen.startsWith('info-');
}

export function infoTopicOf(screen: InfoScreen): InfoTopic {
  return screen.slice('info-'.length) as InfoTopic;
}

/**
 * What the Verifikasi screen shows of the live OTP challenge: nothing secret
 * (no challenge id, no code). `expiresAt` and `resendAvailableAt` are on
 * this renderer's clock.
 */
export interface ChallengeState {
  channel: OtpChannel;
  destinationMasked: string;
  resendsRemaining: number;
  expiresAt: number;
  resendAvailableAt: number;
}

/**
 * Where the citizen is, and the little the screens share. Holds no secret:
 * no token, no challenge id, no OTP; passwords and codes live only in their
 * form until submitted. Every move between screens is an action here: the
 * steps say what happened (`identityVerified`, `otpVerified`…), and the store
 * takes the next screen of the path from FLOWS.
 */
export const useWizardStore = defineStore('wizard', () => {
  const history = ref<Screen[]>(['sign-in']);
  const signedIn = ref<SignedInView>();
  const path = ref<RecoveryPath>();
  const challenge = ref<ChallengeState>();
  /** Identity path: the new contacts and password went to the backend as they are now in the form (editing them clears it). */
  const credentialsSent = ref(false);
  /** Main may hold a recovery session for this window (so leaving ends it). */
  const started = ref(false);
  const reference = ref<string>();
  /** The done page: the account's contacts after the recovery, masked. */
  const accountContacts = ref<Pick<RecoveryDoneView, 'phoneMasked' | 'emailMasked'>>();

  const screen = computed<Screen>(() => history.value[history.value.length - 1] ?? 'sign-in');
  const inRecovery = computed(() => isRecoveryScreen(screen.value));

  /** The screen after this one on the chosen path, if any. */
  const nextScreen = computed<RecoveryScreen | undefined>(() => {
    if (path.value === undefined) return undefined;
    const screens = FLOWS[path.value].screens;
    const at = screens.indexOf(screen.value as RecoveryScreen);
    return at >= 0 ? screens[at + 1] : undefined;
  });

  function go(next: Screen): void {
    history.value.push(next);
  }

  function back(): void {
    if (history.value.length > 1) history.value.pop();
  }

  /** On along the path. */
  function next(): void {
    if (nextScreen.value !== undefined) go(nextScreen.value);
  }

  /** "Kendala Masuk ke Akun?": the recovery options (seed screen 2). */
  function startRecovery(): void {
    go('recovery-options');
  }

  /** "Daftar Sekarang" / "Kunjungi Pusat Bantuan". */
  function showInfo(topic: InfoTopic): void {
    go(`info-${topic}`);
  }

  function showSignedIn(view: SignedInView): void {
    signedIn.value = view;
    history.value = ['sign-in', 'signed-in'];
  }

  function choosePath(chosen: RecoveryPath): void {
    if (path.value !== chosen) {
      challenge.value = undefined;
      credentialsSent.value = false;
    }
    path.value = chosen;
    go(FLOWS[chosen].screens[0] ?? 'recovery-options');
  }

  function challengeIssued(view: OtpChallengeView, nowMs: number = Date.now()): void {
    started.value = true;
    challenge.value = {
      channel: view.channel,
      destinationMasked: view.destinationMasked,
      resendsRemaining: view.resendsRemaining,
      expiresAt: nowMs + view.expiresInSeconds * 1000,
      resendAvailableAt: nowMs + view.resendAvailableInSeconds * 1000,
    };
  }

  /** A contact path's code went out: on to Verifikasi. */
  function codeSent(view: OtpChallengeView): void {
    challengeIssued(view);
    next();
  }

  /** The backend says a resend may come at `nowMs + seconds` (cooldown, or at once after expiry). */
  function resendAvailableIn(seconds: number, nowMs: number = Date.now()): void {
    if (challenge.value) challenge.value = { ...challenge.value, resendAvailableAt: nowMs + seconds * 1000 };
  }

  function noResendsLeft(): void {
    if (challenge.value) challenge.value = { ...challenge.value, resendsRemaining: 0 };
  }

  /** The backend says the code has expired (whatever this renderer's clock says). */
  function codeExpired(nowMs: number = Date.now()): void {
    if (challenge.value) challenge.value = { ...challenge.value, expiresAt: Math.min(challenge.value.expiresAt, nowMs) };
  }

  function identityVerified(): void {
    started.value = true;
    challenge.value = undefined;
    credentialsSent.value = false;
    next();
  }

  /** "Kirim Kode OTP" on "Periksa Data Anda": the code went to the new contact. */
  function credentialsSubmitted(view: OtpChallengeView): void {
    challengeIssued(view);
    credentialsSent.value = true;
    next();
  }

  /**
   * Identity path: the new details were edited after a code went out, so
   * "Kirim Kode OTP" must send them (the backend then voids the old code).
   */
  function credentialsChanged(): void {
    credentialsSent.value = false;
  }

  /**
   * "Tidak menerima SMS?" → change the number (or address): back to the
   * screen where it was typed, what was typed kept. On a contact path that is
   * the path's first screen, the challenge forgotten (a new start sends a new
   * code); on the identity path seed screen 4, the identity check kept.
   */
  function changeContact(): void {
    if (path.value === undefined) return;
    const entry = FLOWS[path.value].contactEntry;
    if (entry === FLOWS[path.value].screens[0]) {
      restartPath();
      return;
    }
    const at = history.value.lastIndexOf(entry);
    if (at >= 0) history.value = history.value.slice(0, at + 1);
  }

  /**
   * The code was right. Either the recovery is done, or the path goes on
   * (a new password); the used challenge is gone and Verifikasi is not
   * returned to: Back leads to the step before it.
   */
  function otpVerified(view: VerifyOtpView): void {
    challenge.value = undefined;
    if (view.next === 'done') {
      finish(view);
      return;
    }
    const following = nextScreen.value;
    if (following !== undefined) history.value = [...history.value.slice(0, -1), following];
  }

  function finish(done: RecoveryDoneView): void {
    reference.value = done.reference;
    accountContacts.value = { phoneMasked: done.phoneMasked, emailMasked: done.emailMasked };
    challenge.value = undefined;
    credentialsSent.value = false;
    started.value = false;
    history.value = ['sign-in', 'done'];
  }

  /** "Mulai lagi": back to the first step of the path, the old challenge forgotten. */
  function restartPath(): void {
    challenge.value = undefined;
    credentialsSent.value = false;
    const first = (path.value && FLOWS[path.value].screens[0]) ?? 'recovery-options';
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
    accountContacts.value = undefined;
  }

  return {
    history,
    screen,
    inRecovery,
    signedIn,
    path,
    challenge,
    credentialsSent,
    started,
    reference,
    accountContacts,
    back,
    next,
    startRecovery,
    showInfo,
    showSignedIn,
    choosePath,
    challengeIssued,
    codeSent,
    resendAvailableIn,
    noResendsLeft,
    codeExpired,
    identityVerified,
    credentialsSubmitted,
    credentialsChanged,
    changeContact,
    otpVerified,
    finish,
    restartPath,
    reset,
  };
});
