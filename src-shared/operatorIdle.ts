import type { KioskInfo } from './contract';

/** Idle times as the renderer gets them: warn after this much inactivity, wipe after the countdown. */
export type IdleTimes = KioskInfo['idle'];

/**
 * What `getKioskInfo` carries besides the contract's `KioskInfo` (issue #6):
 * the officer's own idle times in assisted mode. Kept in its own file until
 * the contract owner folds `operatorIdle` into `KioskInfo`; the value already
 * travels in the same response.
 */
export interface OperatorIdleInfo {
  operatorIdle: IdleTimes;
}

function isIdleTimes(value: unknown): value is IdleTimes {
  if (typeof value !== 'object' || value === null) return false;
  const { warnAfterSeconds, countdownSeconds } = value as Record<string, unknown>;
  return Number.isInteger(warnAfterSeconds) && Number.isInteger(countdownSeconds);
}

/** The officer's idle times from a kiosk info, or undefined where main sent none. */
export function operatorIdleOf(info: KioskInfo): IdleTimes | undefined {
  const candidate = (info as KioskInfo & Partial<OperatorIdleInfo>).operatorIdle;
  return isIdleTimes(candidate) ? candidate : undefined;
}
