/**
 * Main's own V8 flags, which both shells are launched with.
 *
 * `--max-semi-space-size=1` keeps V8's young generation at two 1 MB
 * semi-spaces. Left to itself, V8 doubles them up to 16 MB each as objects
 * survive scavenges, and a full GC does not give them back. In the
 * 500-recovery soak that was 15–30 MB of main's RSS growth while its heap in
 * use stayed flat (docs/bench.md, "Profiling a miss").
 *
 * The flag sizes a heap that V8 lays out before any of main's code runs, so
 * main cannot set it on itself (`v8.setFlagsFromString` is too late; Electron's
 * command-line-switches page: `--js-flags` must be given when Electron
 * starts for main to get it). Its launchers give it: `npm start` and
 * `npm run start:browser` (package.json), the Linux desktop entry
 * (electron-builder.yml `linux.executableArgs`), the Windows shell launcher's
 * command line (docs/kiosk.md, "Launch flags"), and the e2e fixtures and
 * benches, which start main as a counter does. A main started without it
 * runs as before and says so on stderr and in its start-up audit record.
 */
export const MAIN_V8_FLAGS: readonly string[] = ['--max-semi-space-size=1'];

/** V8 reads `_` and `-` in a flag's name alike. */
const normalised = (flag: string): string => {
  const eq = flag.indexOf('=');
  return eq < 0 ? flag.replace(/_/g, '-') : flag.slice(0, eq).replace(/_/g, '-') + flag.slice(eq);
};

/** The flags of MAIN_V8_FLAGS that `given` lacks (Node's `process.execArgv`, or the words of Electron's `--js-flags`). */
export function missingMainV8Flags(given: readonly string[]): string[] {
  const have = new Set(given.map(normalised));
  return MAIN_V8_FLAGS.filter((flag) => !have.has(normalised(flag)));
}

/** Electron's form: one switch that carries every V8 flag, e.g. `--js-flags=--max-semi-space-size=1`. */
export const ELECTRON_JS_FLAGS_SWITCH = `--js-flags=${MAIN_V8_FLAGS.join(' ')}`;

/**
 * What both shells do at start: when main was launched without some of MAIN_V8_FLAGS (`given`: Node's
 * `process.execArgv`, or the words of Electron's `--js-flags`), say so on stderr and return them for the
 * start-up audit record; an empty object when none is missing.
 */
export function checkMainV8Flags(given: readonly string[], howToLaunch: string): { v8FlagsMissing?: string } {
  const missing = missingMainV8Flags(given);
  if (missing.length === 0) return {};
  console.error(missingV8FlagsWarning(missing, howToLaunch));
  return { v8FlagsMissing: missing.join(' ') };
}

/** The line both shells print on stderr when main was launched without some of them (names only). */
export function missingV8FlagsWarning(missing: readonly string[], howToLaunch: string): string {
  return `[pulih] main was started without ${missing.join(' ')}: its memory grows by up to 30 MB with use; ${howToLaunch} (docs/kiosk.md, "Launch flags")`;
}
