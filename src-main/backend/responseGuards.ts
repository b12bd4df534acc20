/**
 * Shape checks of the backend's successful answers. The client returns only
 * the fields it checked (bounded strings, known enums), so a backend that
 * answers something unexpected yields BACKEND_ERROR instead of odd values
 * travelling through the core to the screen.
 */
import type { OutboxMessage } from '../../src-shared/contract';
import type { BackendChallenge, BackendOperator, BackendOtpResult, BackendRecovery, BackendSignIn } from './types';

export type Guard<T> = (value: unknown) => T | null;

type Obj = Record<string, unknown>;

function obj(value: unknown): Obj | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Obj) : null;
}

function text(value: unknown, max: number, pattern?: RegExp): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > max) return null;
  return pattern && !pattern.test(value) ? null : value;
}

function time(value: unknown): string | null {
  const s = text(value, 40);
  return s !== null && !Number.isNaN(Date.parse(s)) ? new Date(Date.parse(s)).toISOString() : null;
}

function channel(value: unknown): 'sms' | 'email' | null {
  return value === 'sms' || value === 'email' ? value : null;
}

const ID = /^[A-Za-z0-9_-]+$/;
const REFERENCE = /^[A-Z0-9-]{4,40}$/;

export const signInGuard: Guard<BackendSignIn> = (value) => {
  const o = obj(value);
  const displayName = text(o?.displayName, 120);
  return displayName === null ? null : { displayName };
};

export const operatorGuard: Guard<BackendOperator> = (value) => {
  const o = obj(value);
  const staffId = text(o?.staffId, 32, ID);
  const name = text(o?.name, 120);
  const operatorToken = text(o?.operatorToken, 200, ID);
  return staffId && name && operatorToken ? { staffId, name, operatorToken } : null;
};

export const challengeGuard: Guard<BackendChallenge> = (value) => {
  const o = obj(value);
  const challengeId = text(o?.challengeId, 100, ID);
  const ch = channel(o?.channel);
  const destinationMasked = text(o?.destinationMasked, 260);
  const expiresAt = time(o?.expiresAt);
  const resendAvailableAt = time(o?.resendAvailableAt);
  const resendsRemaining = o?.resendsRemaining;
  if (!challengeId || !ch || !destinationMasked || !expiresAt || !resendAvailableAt) return null;
  if (typeof resendsRemaining !== 'number' || !Number.isInteger(resendsRemaining) || resendsRemaining < 0 || resendsRemaining > 100) {
    return null;
  }
  return { challengeId, channel: ch, destinationMasked, expiresAt, resendAvailableAt, resendsRemaining };
};

export const recoveryGuard: Guard<BackendRecovery> = (value) => {
  const o = obj(value);
  const recoveryId = text(o?.recoveryId, 100, ID);
  const recoveryToken = text(o?.recoveryToken, 200, ID);
  return recoveryId && recoveryToken ? { recoveryId, recoveryToken } : null;
};

export const startGuard: Guard<BackendRecovery & { challenge: BackendChallenge }> = (value) => {
  const recovery = recoveryGuard(value);
  const challenge = challengeGuard(obj(value)?.challenge);
  return recovery && challenge ? { ...recovery, challenge } : null;
};

export const otpResultGuard: Guard<BackendOtpResult> = (value) => {
  const o = obj(value);
  if (o?.status === 'otp-verified') return { status: 'otp-verified' };
  const reference = text(o?.reference, 40, REFERENCE);
  return o?.status === 'completed' && reference ? { status: 'completed', reference } : null;
};

export const referenceGuard: Guard<{ reference: string }> = (value) => {
  const reference = text(obj(value)?.reference, 40, REFERENCE);
  return reference ? { reference } : null;
};

function outboxMessage(value: unknown): OutboxMessage | null {
  const o = obj(value);
  const id = text(o?.id, 100, ID);
  const ch = channel(o?.channel);
  const toMasked = text(o?.toMasked, 260);
  const sentAt = time(o?.sentAt);
  const body = text(o?.body, 4000);
  const subject = o?.subject === undefined ? undefined : text(o.subject, 200);
  if (!id || !ch || !toMasked || !sentAt || !body || subject === null) return null;
  return { id, channel: ch, toMasked, sentAt, body, ...(subject !== undefined ? { subject } : {}) };
}

export const outboxGuard: Guard<OutboxMessage[]> = (value) => {
  const messages = obj(value)?.messages;
  if (!Array.isArray(messages) || messages.length > 10_000) return null;
  const out: OutboxMessage[] = [];
  for (const m of messages) {
    const checked = outboxMessage(m);
    if (!checked) return null;
    out.push(checked);
  }
  return out;
};
