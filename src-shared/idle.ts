/**
 * The kiosk's idle logic as a small state machine, free of DOM and Vue so it
 * can be tested with fake timers (docs/architecture.md §5, Idle).
 *
 *   dormant ──activity──▶ active ──warnAfter idle──▶ warning ──countdown──▶ expired
 *      ▲                    ▲  └──activity (restart)──┘  │                      │
 *      │                    └────────── extend ──────────┘                      │
 *      └──────────────────────────── reset (after the wipe) ────────────────────┘
 *
 * `dormant` means nobody has touched the kiosk since the last wipe: an empty
 * first screen is never "idle", so it is never wiped again and again, and a
 * self-service kiosk keeps its attract screen. During the warning, ordinary
 * activity does not dismiss it: the person must answer it (extend), so a
 * passer-by brushing the screen cannot keep someone else's session alive
 * unseen.
 */

import type { KioskInfo } from './contract';

export type IdlePhase = 'dormant' | 'active' | 'warning' | 'expired';

export interface IdleState {
  phase: IdlePhase;
  /** Whole seconds until the wipe; meaningful in `warning` (0 once expired). */
  secondsLeft: number;
}

/** The clock the machine runs on: the real one in the app, fake ones in tests. */
export interface IdleClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface IdleMachineOptions {
  /** Inactivity before the warning shows. */
  warnAfterMs: number;
  /** Length of the warning's countdown; the wipe follows it. */
  countdownMs: number;
  /** Told of every change of phase and of every second of the countdown. */
  onChange?: (state: IdleState) => void;
  /** The countdown ran out: wipe now. Called once per expiry. */
  onExpire: () => void;
  clock?: IdleClock;
}

export interface IdleMachine {
  readonly state: IdleState;
  /** Someone touched, typed or clicked: arms a dormant machine, restarts the idle timer of an active one. */
  activity(): void;
  /** "I am still here": ends the warning and starts a fresh idle period. */
  extend(): void;
  /** Starts an idle period on a dormant machine without anyone's input (an officer signed in, a page reloaded after a citizen's wipe). */
  arm(): void;
  /** A new inactivity limit from now on (the code screen's longer allowance); an active period is re-timed, nothing is reset. */
  setWarnAfter(ms: number): void;
  /** Back to dormant with no timer running (after a wipe, or when nobody's screen is shown). */
  reset(): void;
  /** Stops every timer for good. */
  dispose(): void;
}

const TICK_MS = 1000;

/**
 * The page reports activity to main (`noteActivity`) at most this often.
 * Main's own idle limits add twice this to the page's times, so that the
 * page's warning, not main's backstop, is what a person normally sees.
 */
export const ACTIVITY_REPORT_MS = 15_000;

function realClock(): IdleClock {
  return {
    now: () => Date.now(),
    setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
    clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
  };
}

export function createIdleMachine(options: IdleMachineOptions): IdleMachine {
  if (!(options.warnAfterMs > 0) || !(options.countdownMs > 0)) {
    throw new RangeError('idle times must be positive');
  }
  const clock = options.clock ?? realClock();
  let warnAfterMs = options.warnAfterMs;
  let state: IdleState = { phase: 'dormant', secondsLeft: 0 };
  let timer: unknown;
  let deadline = 0;
  let lastActivity = 0;
  let disposed = false;

  function set(next: IdleState): void {
    if (next.phase === state.phase && next.secondsLeft === state.secondsLeft) return;
    state = next;
    options.onChange?.(state);
  }

  function clearTimer(): void {
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = undefined;
  }

  function schedule(callback: () => void, ms: number): void {
    clearTimer();
    timer = clock.setTimeout(() => {
      timer = undefined;
      callback();
    }, ms);
  }

  function startIdlePeriod(): void {
    lastActivity = clock.now();
    set({ phase: 'active', secondsLeft: 0 });
    schedule(checkIdle, warnAfterMs);
  }

  /** Activity only stamps the time (pointer moves come by the hundred); the timer looks when it fires. */
  function checkIdle(): void {
    const idleFor = clock.now() - lastActivity;
    if (idleFor >= warnAfterMs) startWarning();
    else schedule(checkIdle, warnAfterMs - idleFor);
  }

  function startWarning(): void {
    deadline = clock.now() + options.countdownMs;
    set({ phase: 'warning', secondsLeft: Math.ceil(options.countdownMs / 1000) });
    schedule(tick, Math.min(TICK_MS, options.countdownMs));
  }

  function tick(): void {
    const left = deadline - clock.now();
    if (left <= 0) {
      set({ phase: 'expired', secondsLeft: 0 });
      options.onExpire();
      return;
    }
    set({ phase: 'warning', secondsLeft: Math.ceil(left / 1000) });
    // Re-align to whole seconds so the display and the wipe never drift apart.
    schedule(tick, left % TICK_MS || TICK_MS);
  }

  return {
    get state() {
      return state;
    },
    activity() {
      if (disposed) return;
      if (state.phase === 'dormant') startIdlePeriod();
      else if (state.phase === 'active') lastActivity = clock.now();
    },
    extend() {
      if (disposed) return;
      if (state.phase === 'warning') startIdlePeriod();
    },
    arm() {
      if (disposed) return;
      if (state.phase === 'dormant') startIdlePeriod();
    },
    setWarnAfter(ms) {
      if (!(ms > 0)) throw new RangeError('idle times must be positive');
      warnAfterMs = ms;
      if (!disposed && state.phase === 'active') checkIdle();
    },
    reset() {
      clearTimer();
      set({ phase: 'dormant', secondsLeft: 0 });
    },
    dispose() {
      disposed = true;
      clearTimer();
    },
  };
}

/** Idle times as the renderer gets them: warn after this much inactivity, wipe after the countdown. */
export type IdleTimes = KioskInfo['idle'];

/**
 * The code screen's allowance (docs/architecture.md §5): a citizen waiting
 * for a code is not idle. A code lasts 5 minutes (§3) and an SMS can take a
 * few, so while a code is awaited the warning comes no sooner than the
 * code's expiry plus a minute, from the last input (sending or resending a
 * code is input). Page and main apply the same rule.
 */
export const CODE_WAIT_WARN_SECONDS = 5 * 60 + 60;

/** Inactivity before the citizen's warning: the configured time, or the code screen's allowance when that is longer. */
export function citizenWarnAfterSeconds(times: IdleTimes, awaitingCode: boolean): number {
  return awaitingCode ? Math.max(times.warnAfterSeconds, CODE_WAIT_WARN_SECONDS) : times.warnAfterSeconds;
}

/**
 * What `getKioskInfo` carries besides the contract's `KioskInfo` in assisted
 * mode: the officer's own idle times, in the same response. The renderer
 * reads them with `operatorIdleOf`, which accepts only well-formed times.
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
