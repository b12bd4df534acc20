/**
 * What to do when the renderer dies (crash, OOM, or killed while hung):
 * restart on a clean first screen, unless it keeps dying. Then the kiosk
 * shows an out-of-service screen rather than looping through crashes in
 * front of a citizen (and through the audit log). Pure: the Electron shell
 * feeds it times and acts on its verdicts.
 */
export interface CrashPolicyOptions {
  /** This many crashes within `windowMs` puts the kiosk out of service. */
  maxCrashes: number;
  windowMs: number;
}

export const DEFAULT_CRASH_POLICY: CrashPolicyOptions = { maxCrashes: 3, windowMs: 10 * 60 * 1000 };

export type CrashVerdict = 'restart' | 'out-of-service';

export interface CrashPolicy {
  /** Records one renderer death at `nowMs` and says what the shell must do. */
  recordCrash(nowMs: number): CrashVerdict;
  /** Sticky: once out of service, staff restart the app (after looking at why). */
  readonly outOfService: boolean;
}

export function createCrashPolicy(options: CrashPolicyOptions = DEFAULT_CRASH_POLICY): CrashPolicy {
  if (!Number.isInteger(options.maxCrashes) || options.maxCrashes < 1 || !(options.windowMs > 0)) {
    throw new RangeError('crash policy needs maxCrashes ≥ 1 and a positive window');
  }
  const crashes: number[] = [];
  let outOfService = false;
  return {
    recordCrash(nowMs) {
      crashes.push(nowMs);
      while (crashes.length > 0 && (crashes[0] ?? nowMs) <= nowMs - options.windowMs) crashes.shift();
      if (crashes.length >= options.maxCrashes) outOfService = true;
      return outOfService ? 'out-of-service' : 'restart';
    },
    get outOfService() {
      return outOfService;
    },
  };
}
