import type { MainTimeout } from '../../src-shared/contract';
import { ACTIVITY_REPORT_MS, citizenWarnAfterSeconds, type IdleClock } from '../../src-shared/idle';
import type { KioskConfig } from './config';

/**
 * Lifetimes in main (docs/kiosk.md §3): the page's idle timers show the
 * warnings, but the renderer is untrusted and a page can stop counting (a
 * reload leaves its machines dormant, a hung or tampered page never
 * expires), so main enforces the same limits itself, a little later:
 *
 * - a citizen's session ends `warnAfter + countdown + MAIN_GRACE_MS` after
 *   the window's last activity, `warnAfter` being the code screen's longer
 *   allowance while the session awaits a code (citizenWarnAfterSeconds, the
 *   page's rule);
 * - the officer is signed out the same way after the officer's idle time,
 *   and in any case `operatorShiftHours` after signing in.
 *
 * Activity is every call from the window (but the page's own polling) and
 * the page's `noteActivity` reports. Limits are checked by a timer and again
 * before every call, so a late timer (a suspended machine) never lets an
 * expired session serve one more call.
 */

/**
 * Added to the page's idle times: the page reports input at most every
 * ACTIVITY_REPORT_MS, so main may have last heard of someone up to that much
 * before the page did; the rest leaves the page time for its own wipe.
 */
export const MAIN_GRACE_MS = 2 * ACTIVITY_REPORT_MS;

/** setTimeout can wait at most this long (2^31 - 1 ms); a later deadline is looked at again then. */
const MAX_TIMER_MS = 2_147_483_647;

export type LifetimeTimers = Pick<IdleClock, 'setTimeout' | 'clearTimeout'>;

/** Why main signed the officer out (the audit event's `detail.reason`). */
export type OperatorEnd = 'idle' | 'shift-ended';

export interface LifetimesOptions {
  config: Pick<KioskConfig, 'idle' | 'operatorShiftHours'>;
  now: () => number;
  /** The real timers by default (unref'd: they never keep a process alive); tests use fake ones. */
  timers?: LifetimeTimers;
  /** When the signed-in officer signed in; undefined while nobody is. */
  operatorSignedInAt: () => number | undefined;
  holdsSession: (windowId: string) => boolean;
  /** The window's session has sent a code not yet verified: the citizen is on "Verifikasi". */
  awaitsCode?: (windowId: string) => boolean;
  /**
   * Ends the window's session. Both expiries must change the state before
   * their first `await` (then audit), so that a call checked meanwhile
   * already finds it ended.
   */
  expireCitizen: (windowId: string) => Promise<void>;
  /** Signs the officer out and ends the sessions of these windows. */
  expireOperator: (reason: OperatorEnd, windowIds: readonly string[]) => Promise<void>;
  /** Told once the expiry of a window is done (the Electron shell reloads the window). */
  onEnded?: (windowId: string, why: MainTimeout) => void;
  onFault?: (err: unknown) => void;
}

export interface Lifetimes {
  /** Someone used the window: every limit counting from activity starts again. */
  noteActivity(windowId: string): void;
  /** Ends whatever is past its limit now; never rejects. */
  enforce(): Promise<void>;
  /** (Re)sets the timer for the earliest limit still ahead. */
  arm(): void;
  /** What main ended for this window since its page loaded, once. */
  takeEnded(windowId: string): MainTimeout | undefined;
  /** A fresh page shows nothing of before: nothing left to tell it. */
  pageLoaded(windowId: string): void;
  /** The window is gone (closed, crashed). */
  forget(windowId: string): void;
}

function realTimers(): LifetimeTimers {
  return {
    setTimeout(callback, ms) {
      const handle = globalThis.setTimeout(callback, ms);
      handle.unref?.();
      return handle;
    },
    clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
  };
}

export function createLifetimes(options: LifetimesOptions): Lifetimes {
  const timers = options.timers ?? realTimers();
  const { citizen, operator } = options.config.idle;
  const citizenMs = (awaitingCode: boolean) =>
    (citizenWarnAfterSeconds(citizen, awaitingCode) + citizen.countdownSeconds) * 1000 + MAIN_GRACE_MS;
  const operatorMs = (operator.warnAfterSeconds + operator.countdownSeconds) * 1000 + MAIN_GRACE_MS;
  const shiftMs = options.config.operatorShiftHours * 3_600_000;

  /** Last activity per window; the windows main may have to wipe. */
  const lastActivity = new Map<string, number>();
  const ended = new Map<string, MainTimeout>();
  let lastOperatorActivity = Number.NEGATIVE_INFINITY;
  let timer: unknown;

  function operatorLimit(): { at: number; reason: OperatorEnd } | undefined {
    const since = options.operatorSignedInAt();
    if (since === undefined) return undefined;
    const idleEnd = Math.max(since, lastOperatorActivity) + operatorMs;
    const shiftEnd = since + shiftMs;
    return idleEnd < shiftEnd ? { at: idleEnd, reason: 'idle' } : { at: shiftEnd, reason: 'shift-ended' };
  }

  function citizenLimit(windowId: string): number | undefined {
    const last = lastActivity.get(windowId);
    if (last === undefined || !options.holdsSession(windowId)) return undefined;
    return last + citizenMs(options.awaitsCode?.(windowId) ?? false);
  }

  async function enforce(): Promise<void> {
    const now = options.now();
    const expiries: { windows: string[]; why: MainTimeout; done: Promise<void> }[] = [];
    const officer = operatorLimit();
    if (officer && now >= officer.at) {
      const windows = [...lastActivity.keys()];
      const why: MainTimeout = officer.reason === 'idle' ? 'operator-idle' : 'shift-ended';
      for (const windowId of windows) ended.set(windowId, why);
      // Runs up to its first await here: the officer and every session are gone before the loop below looks.
      expiries.push({ windows, why, done: options.expireOperator(officer.reason, windows) });
    }
    for (const windowId of lastActivity.keys()) {
      const at = citizenLimit(windowId);
      if (at === undefined || now < at) continue;
      ended.set(windowId, 'citizen-idle');
      expiries.push({ windows: [windowId], why: 'citizen-idle', done: options.expireCitizen(windowId) });
    }
    for (const expiry of expiries) {
      try {
        await expiry.done;
      } catch (err) {
        options.onFault?.(err);
      }
      for (const windowId of expiry.windows) {
        try {
          options.onEnded?.(windowId, expiry.why);
        } catch (err) {
          options.onFault?.(err);
        }
      }
    }
  }

  function arm(): void {
    if (timer !== undefined) timers.clearTimeout(timer);
    timer = undefined;
    let next = operatorLimit()?.at ?? Number.POSITIVE_INFINITY;
    for (const windowId of lastActivity.keys()) next = Math.min(next, citizenLimit(windowId) ?? Number.POSITIVE_INFINITY);
    if (next === Number.POSITIVE_INFINITY) return;
    const delay = Math.min(Math.max(0, next - options.now()), MAX_TIMER_MS);
    timer = timers.setTimeout(() => {
      timer = undefined;
      void enforce().then(arm);
    }, delay);
  }

  return {
    noteActivity(windowId) {
      const now = options.now();
      lastActivity.set(windowId, now);
      lastOperatorActivity = now;
    },
    enforce,
    arm,
    takeEnded(windowId) {
      const why = ended.get(windowId);
      ended.delete(windowId);
      return why;
    },
    pageLoaded(windowId) {
      ended.delete(windowId);
    },
    forget(windowId) {
      lastActivity.delete(windowId);
      ended.delete(windowId);
    },
  };
}
