/**
 * Time as the stub sees it. Every rule (lockouts, OTP expiry, rolling
 * windows) reads this clock instead of Date.now(), so that tests and the
 * conformance suite can travel in time instead of sleeping.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

/** A clock that tests (or the `/__test/clock/advance` control) can move forward. */
export interface AdjustableClock extends Clock {
  advance(ms: number): void;
}

/** Fixed time that only moves when told to: for unit tests. */
export function createManualClock(startMs: number = Date.UTC(2026, 0, 15, 1, 0, 0)): AdjustableClock {
  let current = startMs;
  return {
    now: () => current,
    advance(ms: number) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError('a clock only moves forward');
      current += ms;
    },
  };
}

/** Real time plus an offset: the default, so a running stub can still be advanced by test controls. */
export function createSystemClock(): AdjustableClock {
  let offset = 0;
  return {
    now: () => Date.now() + offset,
    advance(ms: number) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError('a clock only moves forward');
      offset += ms;
    },
  };
}

export function isAdjustable(clock: Clock): clock is AdjustableClock {
  return typeof (clock as Partial<AdjustableClock>).advance === 'function';
}
