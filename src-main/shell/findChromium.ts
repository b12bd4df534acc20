import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
];

/**
 * A Chromium to drive: $PULIH_CHROMIUM, then the system's (Debian's
 * /usr/bin/chromium on kiosks and CI), then Playwright's own download on a
 * developer laptop. Undefined when none is installed.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const fromEnv = env.PULIH_CHROMIUM;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  const system = CANDIDATES.find((path) => existsSync(path));
  if (system) return system;
  try {
    const require = createRequire(import.meta.url);
    const { chromium } = require('playwright-core') as { chromium: { executablePath(): string } };
    const bundled = chromium.executablePath();
    return existsSync(bundled) ? bundled : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Flags for a kiosk-style Chromium window on these machines (no phoning home).
 * Any local user can read them (`ps`): `url` is a one-time launch URL, never one with a secret that lasts.
 */
export function chromiumFlags(options: { url: string; profileDir: string; kiosk: boolean }): string[] {
  const flags = [
    `--app=${options.url}`,
    `--user-data-dir=${options.profileDir}`,
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-gpu',
    '--disable-features=Translate',
  ];
  if (options.kiosk) flags.push('--kiosk');
  if (process.getuid?.() === 0) flags.push('--no-sandbox');
  return flags;
}
