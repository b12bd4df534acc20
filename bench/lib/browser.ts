import { resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext } from '@playwright/test';
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

/**
 * A fresh context (cold cache, no storage) at the benches' window size, with the in-page probe
 * (bench/inpage/probe.js: step timings, bridge round trips) in every page it opens.
 */
export async function newProbedContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    await context.addInitScript({ path: resolve('bench/inpage/probe.js') });
  } catch (err) {
    await context.close();
    throw err;
  }
  return context;
}
