import type { Page } from '@playwright/test';
import { readAuditLog } from './fixtures/auditLog';
import { startByPhone } from './fixtures/flows';
import type { PageGlobals, StorageLike } from './fixtures/pageGlobals';
import { expect, test } from './fixtures/test';

const SITI = { email: 'siti.rahayu@example.com', password: 'Lama#2024a' };
/** Everything of Siti the page showed or was given. */
const TRACES = ['siti.rahayu', 'S*** R***', 's***@example.com', SITI.password, 'Berhasil masuk'];
const IDLE = { citizen: { warnAfterSeconds: 15, countdownSeconds: 20 } };
const SITI_PHONE = '081234562797';
/** The citizen's idle warning, by its question. */
const IDLE_QUESTION = 'Apakah Anda masih menggunakan kios ini?';

/** What a scan of the page finds: its HTML, its text, its field values, its web storage. */
async function pageTraces(page: Page): Promise<string> {
  return page.evaluate(() => {
    const { document, localStorage, sessionStorage } = globalThis as unknown as PageGlobals;
    const storage = (s: StorageLike) => Array.from({ length: s.length }, (_, i) => `${s.key(i)}=${s.getItem(s.key(i) ?? '')}`).join('\n');
    const values = Array.from(document.querySelectorAll('input, textarea'), (el) => el.value).join('\n');
    return [document.documentElement.outerHTML, document.body.innerText, values, storage(localStorage), storage(sessionStorage)].join('\n');
  });
}

async function signInSiti(page: Page): Promise<void> {
  await page.getByLabel('Email atau nomor handphone').fill(SITI.email);
  await page.getByLabel('Password', { exact: true }).fill(SITI.password);
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Berhasil masuk' })).toBeVisible();
}

test.describe('idle warning and wipe (assisted, short idle times)', () => {
  test.use({ kioskConfig: { idle: IDLE }, fakeClock: true });

  test('warns with a countdown; "Lanjutkan" keeps the citizen; left alone, everything is wiped', async ({ page, kiosk }) => {
    await signInSiti(page);
    const warning = page.getByRole('alertdialog', { name: IDLE_QUESTION });

    await page.clock.fastForward(15_000);
    await expect(warning).toBeVisible();
    await expect(warning).toContainText('20 detik');
    await page.clock.fastForward(5_000);
    await expect(warning).toContainText('15 detik');
    // Someone who reads English can switch here; that is not an answer, the warning stays.
    await warning.getByRole('button', { name: 'Ganti bahasa ke English' }).click();
    const english = page.getByRole('alertdialog', { name: 'Are you still using this kiosk?' });
    await expect(english).toContainText('seconds');
    await english.getByRole('button', { name: 'Continue' }).click();
    await expect(english).toBeHidden();
    await page.getByRole('button', { name: 'Switch language to Bahasa Indonesia' }).click();
    await expect(page.getByText('s***@example.com')).toBeVisible();

    await page.clock.fastForward(15_000);
    await expect(warning).toBeVisible();
    await page.clock.fastForward(20_000);
    // Back on the first screen, the officer still at the counter.
    await expect(page.getByRole('heading', { name: 'Masuk', exact: true })).toBeVisible();
    await expect(page.getByText('Petugas: PETUGAS SATU (PTG001)')).toBeVisible();
    await expect(warning).toBeHidden();
    await expect(page.getByLabel('Email atau nomor handphone')).toHaveValue('');

    const traces = await pageTraces(page);
    for (const trace of TRACES) expect(traces, trace).not.toContain(trace);

    const events = (await readAuditLog(kiosk.dataDir)).map((e) => e.event);
    expect(events).toContain('session.timed-out');
  });

  test('what was typed but never sent is wiped too', async ({ page }) => {
    await page.getByLabel('Email atau nomor handphone').fill(SITI.email);
    await page.getByLabel('Password', { exact: true }).fill(SITI.password);
    await page.clock.fastForward(15_000);
    await expect(page.getByRole('alertdialog')).toBeVisible();
    await page.clock.fastForward(20_000);
    await expect(page.getByRole('alertdialog')).toBeHidden();
    await expect(page.getByRole('heading', { name: 'Masuk', exact: true })).toBeVisible();
    await expect(page.getByLabel('Email atau nomor handphone')).toHaveValue('');
    const traces = await pageTraces(page);
    for (const trace of [SITI.email, SITI.password]) expect(traces, trace).not.toContain(trace);
  });
});

test.describe('idle at a self-service kiosk', () => {
  test.use({ kioskMode: 'self-service', kioskConfig: { idle: IDLE }, fakeClock: true });

  test('after the wipe the attract screen is back for the next person', async ({ page }) => {
    await signInSiti(page);
    await page.clock.fastForward(15_000);
    await expect(page.getByRole('alertdialog')).toBeVisible();
    await page.clock.fastForward(20_000);
    await expect(page.getByRole('heading', { name: 'Sentuh layar untuk memulai' })).toBeVisible();
    const traces = await pageTraces(page);
    for (const trace of TRACES) expect(traces, trace).not.toContain(trace);
  });
});

test.describe("the officer's own idle time (assisted)", () => {
  test.use({ kioskConfig: { idle: { ...IDLE, operator: { warnAfterSeconds: 60, countdownSeconds: 20 } } }, fakeClock: true });

  test("still runs after a citizen's wipe on a kiosk nobody touches again: the officer is signed out", async ({ page }) => {
    await signInSiti(page);
    await page.clock.fastForward(15_000);
    await page.clock.fastForward(20_000);
    await expect(page.getByRole('heading', { name: 'Masuk', exact: true })).toBeVisible();
    await expect(page.getByText('Petugas: PETUGAS SATU (PTG001)')).toBeVisible();

    // Nobody at the counter any more.
    const officerWarning = page.getByRole('alertdialog', { name: 'Sesi petugas akan berakhir' });
    await page.clock.fastForward(60_000);
    await expect(officerWarning).toBeVisible();
    await page.clock.fastForward(20_000);
    await expect(page.getByRole('heading', { name: 'Masuk Petugas' })).toBeVisible();
    await expect(page.getByText('Petugas: PETUGAS SATU (PTG001)')).toHaveCount(0);
  });
});

test.describe('waiting for a code (assisted, short idle times)', () => {
  test.use({ kioskConfig: { idle: IDLE }, fakeClock: true });

  test('"Verifikasi" gets the code\'s lifetime and a minute before the idle warning; other screens keep the short time', async ({ page }) => {
    await startByPhone(page, SITI_PHONE);
    const warning = page.getByRole('alertdialog', { name: IDLE_QUESTION });
    // Past the short idle time and the resend's minute: the citizen is still waiting for the SMS.
    await page.clock.fastForward(120_000);
    await expect(warning).toBeHidden();
    // (The page's clock also runs on in real time between these steps.)
    await page.clock.fastForward(220_000);
    await expect(warning).toBeHidden();
    await page.clock.fastForward(25_000);
    await expect(warning).toBeVisible();
    await warning.getByRole('button', { name: 'Lanjutkan' }).click();

    // Back on a screen where nothing is awaited: the short time again.
    await page.getByRole('button', { name: 'Kembali' }).click();
    await page.clock.fastForward(15_000);
    await expect(warning).toBeVisible();
  });
});
