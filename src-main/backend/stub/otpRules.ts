/**
 * OTP challenges (docs/architecture.md §3): 6 digits from the CSPRNG, valid 5 minutes,
 * single use; 5 wrong entries void the challenge; a resend only after 60 s
 * and at most 3 times; a resend voids the previous code but keeps the
 * wrong-entry count (so resending cannot buy more guesses). The limits
 * across challenges (codes per destination, wrong codes per account) are
 * codeLimits.ts's.
 */
import type { ContractSchema } from '../contract/document';
import type { OtpChannel } from '../../../src-shared/contract';
import { otpEmail, otpSmsText } from './messages';
import { deliver, maskDestination } from './outbox';
import { problem, toIso, type Reply } from './problem';
import { hashOtpCode, newId, newOtpCode, verifyOtpCode } from './secrets';
import type { ChallengeRecord, StubState } from './state';

export const OTP_TTL_MS = 5 * 60_000;
export const RESEND_COOLDOWN_MS = 60_000;
export const MAX_RESENDS = 3;
export const MAX_WRONG_ENTRIES = 5;

/** What the API shows of a challenge, as the contract's `Challenge`: never the code. */
export type ChallengeView = ContractSchema<'Challenge'>;

/** Whole seconds from `now` until `atMs`, never negative. */
const secondsFrom = (now: number, atMs: number): number => Math.max(0, Math.ceil((atMs - now) / 1000));

export function challengeView(ch: ChallengeRecord, now: number): ChallengeView {
  return {
    challengeId: ch.id,
    channel: ch.channel,
    destinationMasked: ch.destinationMasked,
    expiresAt: toIso(ch.expiresAt),
    resendAvailableAt: toIso(ch.resendAvailableAt),
    expiresInSeconds: secondsFrom(now, ch.expiresAt),
    resendAvailableInSeconds: secondsFrom(now, ch.resendAvailableAt),
    resendsRemaining: MAX_RESENDS - ch.resendsUsed,
  };
}

/**
 * Makes a code and sends it, unless `send` is false: a challenge for an
 * unregistered destination does all the same work but delivers nothing.
 */
function sendCode(state: StubState, ch: ChallengeRecord, send: boolean, now: number): void {
  const code = newOtpCode();
  ch.code = hashOtpCode(code);
  if (!send) return;
  switch (ch.channel) {
    case 'sms':
      deliver(state, { channel: 'sms', to: ch.destination, body: otpSmsText(code) }, now);
      break;
    case 'email':
      deliver(state, { channel: 'email', to: ch.destination, ...otpEmail(code) }, now);
      break;
    default:
      // A new channel in the path table must say here how its code is sent.
      ch.channel satisfies never;
  }
}

export function issueChallenge(
  state: StubState,
  channel: OtpChannel,
  destination: string,
  send: boolean,
  now: number,
): ChallengeRecord {
  const ch: ChallengeRecord = {
    id: newId('otp'),
    channel,
    destination,
    destinationMasked: maskDestination(channel, destination),
    code: { salt: '', hash: '' },
    issuedAt: now,
    expiresAt: now + OTP_TTL_MS,
    resendAvailableAt: now + RESEND_COOLDOWN_MS,
    resendsUsed: 0,
    wrongEntries: 0,
    status: 'active',
  };
  sendCode(state, ch, send, now);
  return ch;
}

/** What a code check decided: right (the challenge is used up), or a refusal and whether a wrong code was counted. */
export type CodeCheck = { right: true } | { right: false; wrongCounted: boolean; reply: Reply };

/**
 * Checks a code. `knownAccount` false makes every code wrong (the decoy of
 * an unregistered destination). A void or expired challenge judges nothing:
 * no wrong code is counted for it.
 */
export function checkCode(ch: ChallengeRecord, code: string, knownAccount: boolean, now: number): CodeCheck {
  if (ch.status !== 'active') return { right: false, wrongCounted: false, reply: problem('OTP_VOIDED', 410, { attemptsRemaining: 0 }) };
  if (now >= ch.expiresAt) return { right: false, wrongCounted: false, reply: problem('OTP_EXPIRED', 410) };
  const right = verifyOtpCode(code, ch.code) && knownAccount;
  if (right) {
    ch.status = 'used';
    return { right: true };
  }
  ch.wrongEntries += 1;
  if (ch.wrongEntries >= MAX_WRONG_ENTRIES) {
    ch.status = 'voided';
    return { right: false, wrongCounted: true, reply: problem('OTP_VOIDED', 410, { attemptsRemaining: 0 }) };
  }
  return { right: false, wrongCounted: true, reply: problem('OTP_INVALID', 422, { attemptsRemaining: MAX_WRONG_ENTRIES - ch.wrongEntries }) };
}

/** Why this challenge cannot be resent now (void, no resends left, cooldown), or null. */
export function resendRefusal(ch: ChallengeRecord, now: number): Reply | null {
  if (ch.status !== 'active') return problem('OTP_VOIDED', 410, { attemptsRemaining: 0 });
  if (ch.resendsUsed >= MAX_RESENDS) return problem('RESEND_LIMIT', 409);
  if (now < ch.resendAvailableAt) {
    return problem('RESEND_COOLDOWN', 429, { retryAfterSeconds: Math.ceil((ch.resendAvailableAt - now) / 1000) });
  }
  return null;
}

/** Sends a new code for the challenge; the caller checked `resendRefusal` and the destination's limits first. */
export function resendCode(state: StubState, ch: ChallengeRecord, send: boolean, now: number): Reply {
  ch.resendsUsed += 1;
  ch.issuedAt = now;
  ch.expiresAt = now + OTP_TTL_MS;
  ch.resendAvailableAt = now + RESEND_COOLDOWN_MS;
  sendCode(state, ch, send, now);
  return { status: 200, body: challengeView(ch, now) };
}
