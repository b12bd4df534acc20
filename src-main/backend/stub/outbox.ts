/**
 * The training outbox: the SMS and e-mails the stub "sent". It is the
 * simulated phone and inbox of a training kiosk (seed screen 5), so OTP codes
 * are in the bodies by design; only the stub has it, and it shows each kiosk
 * only the messages its own requests caused (one kiosk of a training room
 * does not read the codes sent for a recovery at another).
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

/** The kiosk whose request is being answered (handler.ts), while its rule runs. */
let answering: string | null = null;

/**
 * Runs a rule (synchronously, as every rule runs) on behalf of `kioskId`:
 * what it delivers without naming a kiosk is that kiosk's.
 */
export function onBehalfOf<T>(kioskId: string, rule: () => T): T {
  const outer = answering;
  answering = kioskId;
  try {
    return rule();
  } finally {
    answering = outer;
  }
}

/**
 * Puts a message in the outbox, recorded as `kioskId`'s: by default the
 * kiosk whose request is being answered (the completing kiosk for the
 * "Bukan Anda?" notices); outside a request, no kiosk's ('', shown to none).
 */
export function deliver(
  state: StubState,
  message: { channel: OtpChannel; to: string; subject?: string; body: string },
  now: number,
  kioskId: string = answering ?? '',
): void {
  state.outbox.push({
    id: newId('msg'),
    channel: message.channel,
    to: message.to,
    toMasked: maskDestination(message.channel, message.to),
    sentAt: now,
    ...(message.subject !== undefined ? { subject: message.subject } : {}),
    body: message.body,
    kioskId,
  });
}

/** The messages `kioskId`'s requests caused, oldest first, destinations masked. */
export function outboxView(state: StubState, kioskId: string): ContractSchema<'OutboxMessage'>[] {
  if (kioskId === '') return [];
  // The newest OUTBOX_MAX: older ones are removed by the next pruning (maintenance.ts).
  return state.outbox
    .slice(-OUTBOX_MAX)
    .filter((m) => m.kioskId === kioskId)
    .map((m) => ({
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
