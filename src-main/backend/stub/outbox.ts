/**
 * The training outbox: the SMS and e-mails the stub "sent". It is the
 * simulated phone and inbox of a training kiosk (seed screen 5), so OTP codes
 * are in the bodies by design; only the stub has it.
 */
import type { OtpChannel } from '../../../src-shared/contract';
import { OTP_CHANNELS } from '../../../src-shared/recoveryPaths';
import type { ContractSchema } from '../contract/document';
import { toIso } from './problem';
import { newId } from './secrets';
import type { StubState } from './state';

/** The newest messages kept: enough for a training day, small enough for the state file. */
export const OUTBOX_MAX = 500;

export function maskDestination(channel: OtpChannel, destination: string): string {
  return OTP_CHANNELS[channel].mask(destination);
}

export function deliver(
  state: StubState,
  message: { channel: OtpChannel; to: string; subject?: string; body: string },
  now: number,
): void {
  state.outbox.push({
    id: newId('msg'),
    channel: message.channel,
    to: message.to,
    toMasked: maskDestination(message.channel, message.to),
    sentAt: now,
    ...(message.subject !== undefined ? { subject: message.subject } : {}),
    body: message.body,
  });
}

/** Oldest first, destinations masked. */
export function outboxView(state: StubState): ContractSchema<'OutboxMessage'>[] {
  return state.outbox.map((m) => ({
    id: m.id,
    channel: m.channel,
    toMasked: m.toMasked,
    sentAt: toIso(m.sentAt),
    ...(m.subject !== undefined ? { subject: m.subject } : {}),
    body: m.body,
  }));
}

export function pruneOutbox(state: StubState): void {
  if (state.outbox.length > OUTBOX_MAX) state.outbox.splice(0, state.outbox.length - OUTBOX_MAX);
}
