import type { ElectronApplication, Page } from '@playwright/test';
import { readAuditLog } from './fixtures/auditLog';
import { signInOperator } from './fixtures/operator';
import { expect, test } from './fixtures/test';

/**
 * The Electron shell's own hardening: what the browser shell cannot show.
 * Runs in the electron project only (playwright.config.ts); without an
 * Electron binary that project says it was skipped.
 */
test.use({ atCitizenScreen: false });

test('the kiosk window is a kiosk, on the in-memory partition, without Node, devtools or zoom', async ({ electronApp, page }) => {
  const facts = await electronApp.evaluate(({ BrowserWindow, session }) => {
    const [win] = BrowserWindow.getAllWindows();
    win!.webContents.openDevTools();
    return {
      kiosk: win!.isKiosk(),
      minimizable: win!.isMinimizable(),
      partition: win!.webContents.session === session.fromPartition('kiosk-memory'),
      devToolsOpened: win!.webContents.isDevToolsOpened(),
      url: win!.webContents.getURL(),
    };
  });
  expect(facts).toEqual({ kiosk: true, minimizable: false, partition: true, devToolsOpened: false, url: 'app://kiosk/index.html' });
  // Isolated and sandboxed: no Node in the page, only the frozen bridge.
  const probe = await page.evaluate(() => {
    const g = globalThis as unknown as { require?: unknown; process?: unknown; kiosk?: object };
    return { require: typeof g.require, process: typeof g.process, frozen: Object.isFrozen(g.kiosk) };
  });
  expect(probe).toEqual({ require: 'undefined', process: 'undefined', frozen: true });
});

test('navigation away from the app and new windows are denied', async ({ electronApp, page }) => {
  type Browser = { location: { href: string }; open(url: string): unknown };
  await page.evaluate(() => {
    (globalThis as unknown as Browser).location.href = 'https://example.com/';
  });
  const opened = await page.evaluate(() => (globalThis as unknown as Browser).open('https://example.com/') === null);
  await page.waitForTimeout(500);
  expect(opened).toBe(true);
  expect(electronApp.windows()).toHaveLength(1);
  expect(page.url()).toBe('app://kiosk/index.html');
});

test('zoom and reload shortcuts do nothing in production', async ({ electronApp, page }) => {
  await page.getByRole('heading', { name: 'Masuk Petugas' }).waitFor();
  await page.getByLabel('ID Petugas').fill('PTG');
  await page.keyboard.press('Control+=');
  await page.keyboard.press('F5');
  await page.keyboard.press('Control+r');
  const zoom = await electronApp.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.webContents.getZoomFactor());
  expect(zoom).toBe(1);
  // No reload happened: what was typed is still there.
  await expect(page.getByLabel('ID Petugas')).toHaveValue('PTG');
});

/** Crashes the kiosk window's renderer; resolves with the window that replaces it. */
async function crashRenderer(electronApp: ElectronApplication): Promise<Page> {
  const next = electronApp.waitForEvent('window');
  await electronApp.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.webContents.forcefullyCrashRenderer());
  return next;
}

test('a renderer crash brings back a clean first screen, wiped and audited', async ({ electronApp, kiosk, page: crashed }) => {
  await signInOperator(crashed);
  await crashed.getByLabel('Email atau nomor handphone').fill('siti.rahayu@example.com');
  const page = await crashRenderer(electronApp);
  await expect(page.getByRole('heading', { name: 'Masuk', exact: true })).toBeVisible();
  await expect(page.getByLabel('Email atau nomor handphone')).toHaveValue('');
  expect(electronApp.windows()).toHaveLength(1);
  const crashes = (await readAuditLog(kiosk.dataDir)).filter((e) => e.event === 'renderer.crashed');
  expect(crashes).toHaveLength(1);
  expect(crashes[0]?.detail).toMatchObject({ outOfService: false });
});

test('repeated crashes show the out-of-service page instead of looping', async ({ electronApp, kiosk, page: first }) => {
  await first.getByRole('heading', { name: 'Masuk Petugas' }).waitFor();
  let page = first;
  for (let i = 0; i < 3; i++) page = await crashRenderer(electronApp);
  await expect(page.getByRole('heading', { name: 'Kios sedang tidak dapat melayani' })).toBeVisible();
  expect(page.url()).toBe('app://kiosk/out-of-service.html');
  const crashes = (await readAuditLog(kiosk.dataDir)).filter((e) => e.event === 'renderer.crashed');
  expect(crashes.map((c) => c.detail?.outOfService)).toEqual([false, false, true]);
});
