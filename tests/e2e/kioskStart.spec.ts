import { stub } from './fixtures/flows';
import { expect, test } from './fixtures/test';

/**
 * How a kiosk starts (issue #13, items 7, 11 and 13): the first screen
 * painted is the real one, and a self-service kiosk whose backend is down
 * says so before anyone starts, and comes back by itself.
 */

/** The browser globals the first-paint watch uses (the node typecheck has no DOM library: pageGlobals.ts). */
interface PaintWatch {
  /** What #app showed, each time it changed, from the very first paint. */
  __appTexts?: string[];
  document: { getElementById(id: string): { innerText: string } | null };
  MutationObserver: new (callback: () => void) => { observe(target: unknown, options: Record<string, boolean>): void };
}

test.describe('first paint', () => {
  test.use({ atCitizenScreen: false });

  test('the first screen drawn is the real one: "Memuat…" is never shown', async ({ page }) => {
    await page.addInitScript(() => {
      const page = globalThis as unknown as PaintWatch;
      const texts: string[] = [];
      page.__appTexts = texts;
      new page.MutationObserver(() => {
        const app = page.document.getElementById('app');
        const text = app?.innerText.trim() ?? '';
        if (text && texts[texts.length - 1] !== text && texts.length < 100) texts.push(text);
      }).observe(page.document, { subtree: true, childList: true, characterData: true });
    });
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Masuk Petugas' })).toBeVisible();
    const texts = await page.evaluate(() => (globalThis as unknown as PaintWatch).__appTexts ?? []);
    expect(texts.length).toBeGreaterThan(0);
    expect(texts[0]).toContain('Masuk Petugas');
    for (const text of texts) expect(text).not.toContain('Memuat');
  });
});

test.describe('first paint without a round trip', () => {
  test.use({ kioskMode: 'self-service', kioskConfig: { language: 'en' }, atCitizenScreen: false });

  test("the first screen comes in the kiosk's mode and language while getKioskInfo has not answered", async ({ page }) => {
    // Every getKioskInfo is held: the first screen must not need one (the info comes in the page).
    const held: (() => Promise<void>)[] = [];
    await page.route('**/__bridge/getKioskInfo', (route) => void held.push(() => route.continue()));
    await page.addInitScript(() => {
      const page = globalThis as unknown as PaintWatch;
      const texts: string[] = [];
      page.__appTexts = texts;
      new page.MutationObserver(() => {
        const text = page.document.getElementById('app')?.innerText.trim() ?? '';
        if (text && texts[texts.length - 1] !== text && texts.length < 100) texts.push(text);
      }).observe(page.document, { subtree: true, childList: true, characterData: true });
    });
    // A new document (the fixture's page is on the kiosk already): the reload a wipe makes.
    await page.reload();

    await expect(page.getByRole('button', { name: 'Start', exact: true })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    const texts = await page.evaluate(() => (globalThis as unknown as PaintWatch).__appTexts ?? []);
    expect(texts[0]).toContain('Start');
    for (const text of texts) expect(text).not.toMatch(/Memuat|Loading|Mulai/);

    // getKioskInfo still runs after the mount (it tells main the page loaded); let it through.
    await expect.poll(() => held.length).toBeGreaterThan(0);
    for (const release of held.splice(0)) await release();
    await page.unroute('**/__bridge/getKioskInfo');
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Sign in', exact: true })).toBeVisible();
  });
});

test.describe('a self-service kiosk whose backend is down', () => {
  test.use({ kioskMode: 'self-service', atCitizenScreen: false, fakeClock: true });

  test('shows it is out of service before anyone starts, says what to do, and is back when the backend is', async ({ page, kiosk }) => {
    await stub.addFault(kiosk, { route: '*', kind: 'error', status: 503 });
    const outOfService = page.getByRole('heading', { name: 'Kios sedang tidak dapat digunakan' });
    // Main reuses the backend's last answer for 5 s (the first page, drawn at once now, has asked already):
    // a reload inside that time still shows the attract screen.
    await expect(async () => {
      await page.reload();
      await expect(outOfService).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 20_000 });
    await expect(page.getByRole('status')).toContainText('Silakan minta bantuan petugas di loket, atau kunjungi Pusat Bantuan: bantuan.kemnaker.go.id');
    await expect(page.getByRole('button', { name: 'Mulai' })).toHaveCount(0);
    // The kiosk checks again by itself, and stays out of service while the backend is down.
    await page.clock.fastForward(15_000);
    await expect(outOfService).toBeVisible();

    await stub.clearFaults(kiosk);
    const attract = page.getByRole('heading', { name: 'Sentuh layar untuk memulai' });
    // (Main asks the backend at most every 5 s: a check may get the last answer once more.)
    await expect(async () => {
      await page.clock.fastForward(15_000);
      await expect(attract).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
    await expect(outOfService).toHaveCount(0);
    await page.getByRole('button', { name: 'Mulai' }).click();
    await expect(page.getByRole('heading', { name: 'Masuk', exact: true })).toBeVisible();
  });
});

test.describe('the self-service start page', () => {
  test.use({ kioskMode: 'self-service', atCitizenScreen: false });

  test('says what to bring, how long it takes and the three ways; the language is chosen here without starting', async ({ page }) => {
    await expect(page.getByRole('heading', { name: 'Sentuh layar untuk memulai' })).toBeVisible();
    const bring = page.getByRole('region', { name: 'Yang perlu Anda bawa' });
    await expect(bring.getByRole('listitem')).toHaveText(['KTP asli Anda', 'Handphone yang dapat menerima SMS saat ini']);
    await expect(bring).toContainText('sekitar 5 menit');
    await expect(page.getByRole('region', { name: 'Tiga cara memulihkan akun' }).getByRole('listitem')).toHaveText([
      'Melalui Nomor Handphone',
      'Melalui Email',
      'Melalui Verifikasi Identitas',
    ]);

    // "English" is English on the Indonesian screen, and says so to a screen reader.
    const english = page.getByRole('button', { name: 'Ganti bahasa ke English' });
    await expect(english.locator('[lang="en"]')).toHaveText('English');
    await english.click();
    await expect(page.getByRole('heading', { name: 'Touch the screen to start' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'What to bring' })).toContainText('A mobile phone that can receive SMS now');
    await expect(page.getByRole('button', { name: 'Switch language to Bahasa Indonesia' }).locator('[lang="id"]')).toHaveText('Bahasa Indonesia');

    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Sign in', exact: true })).toBeVisible();
  });
});
