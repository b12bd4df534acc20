import { parseArgs } from 'node:util';

/** What the Electron shell starts from, decided from its command line and environment. */
export interface LaunchOptions {
  /** The kiosk config file, or undefined for the training kiosk. */
  configPath: string | undefined;
  /** The data folder (audit log, stub state), or undefined for Electron's userData. */
  dataDir: string | undefined;
  /** The embedded stub's test controls (clock, faults): never in a packaged kiosk. */
  testControls: boolean;
  /** Flags given but not honoured, to report (never their values). */
  ignoredFlags: string[];
  /** The V8 flags of Electron's `--js-flags` switch, which Chromium gives main's V8 before it starts (v8Flags.ts). */
  v8Flags: string[];
}

/** Set by device management, machine-wide: a packaged kiosk then honours --config and --data-dir. */
export const ALLOW_LAUNCH_FLAGS_ENV = 'PULIH_ALLOW_LAUNCH_FLAGS';

/**
 * A packaged kiosk takes its config and data folder from the machine
 * (PULIH_CONFIG, PULIH_DATA_DIR, else Electron's userData), not from its
 * command line: a desktop shortcut must not point a counter kiosk at another
 * config or folder. Device management may allow the flags with
 * PULIH_ALLOW_LAUNCH_FLAGS=1. Unpackaged (development, tests) the flags are
 * honoured as in the browser shell. `args` is the command line after the
 * executable (and, unpackaged, after the app path).
 */
export function electronLaunchOptions(args: readonly string[], env: NodeJS.ProcessEnv, packaged: boolean): LaunchOptions {
  const { values } = parseArgs({
    args: [...args],
    options: { config: { type: 'string' }, 'data-dir': { type: 'string' }, 'test-controls': { type: 'boolean' }, 'js-flags': { type: 'string' } },
    strict: false,
    allowPositionals: true,
  });
  const flag = (name: string): string | undefined => {
    const value = values[name];
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const pathsAllowed = !packaged || env[ALLOW_LAUNCH_FLAGS_ENV] === '1';
  const ignoredFlags: string[] = [];
  const honour = (name: 'config' | 'data-dir'): string | undefined => {
    const value = flag(name);
    if (value !== undefined && !pathsAllowed) ignoredFlags.push(`--${name}`);
    return pathsAllowed ? value : undefined;
  };
  const configFlag = honour('config');
  const dataDirFlag = honour('data-dir');
  const testControlsAsked = values['test-controls'] === true;
  if (testControlsAsked && packaged) ignoredFlags.push('--test-controls');
  return {
    configPath: configFlag ?? (env.PULIH_CONFIG || undefined),
    dataDir: dataDirFlag ?? (env.PULIH_DATA_DIR || undefined),
    testControls: testControlsAsked && !packaged,
    ignoredFlags,
    v8Flags: (flag('js-flags') ?? '').split(/\s+/).filter(Boolean),
  };
}
