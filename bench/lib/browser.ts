import { chromium, type Browser } from '@playwright/test';
import { findChromium } from '../../src-main/shell/findChromium';

/** The browser flags of this machine: no sandbox (root), no GPU, nothing phoning home. */
export const BENCH_CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function chromiumPath(): string | undefined {
  return findChromium();
}

/** One headless Chromium for the whole run (Debian's, as the kiosks and CI use). */
export async function launchChromium(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('no Chromium found (install Debian "chromium" or set PULIH_CHROMIUM)');
  return chromium.launch({ executablePath, headless: true, args: BENCH_CHROMIUM_FLAGS });
}
