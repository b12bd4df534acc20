import type { OtpChallengeView } from '../../src-shared/contract';
import type { BackendChallenge } from '../backend/types';

/** What the Verifikasi screen may know of a challenge: no id, no code; times as countdowns. */
export function toChallengeView(challenge: BackendChallenge, nowMs: number): OtpChallengeView {
  const secondsUntil = (iso: string) => Math.max(0, Math.ceil((Date.parse(iso) - nowMs) / 1000));
  return {
    channel: challenge.channel,
    destinationMasked: challenge.destinationMasked,
    expiresInSeconds: secondsUntil(challenge.expiresAt),
    resendAvailableInSeconds: secondsUntil(challenge.resendAvailableAt),
    resendsRemaining: challenge.resendsRemaining,
  };
}
