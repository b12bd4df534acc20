import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { signInOperator } from '../e2e/fixtures/operator';
import { installedElectron } from './electronBinary';

const executablePath = installedElectron();
test.skip(!executablePath, 'Electron binary is not installed on this machine (its download host is unreachable); run where it is.');

let app: ElectronApplication;
let page: Page;
let dataDir: string;

test.beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'pulih-electron-'));
  app = await electron.launch({
    executablePath: executablePath!,
    args: [resolve('out/main/index.js'), `--data-dir=${dataDir}`],
    env: { ...process.env, PULIH_CONFIG: '' },
  });
  page = await app.firstWindow();
  // The training kiosk is assisted: the demo officer starts the shift first (DESIGN.md §5).
  await signInOperator(page);
});

test.afterEach(async () => {
  await app?.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function signIn(identifier: string, password: string): Promise<void> {
  await page.getByLabel('Email atau nomor handphone').fill(identifier);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
}

test('signs in by e-mail and by phone, in the real Electron window', async () => {
  await signIn('siti.rahayu@example.com', 'Lama#2024a');
  await expect(page.getByText('s***@example.com')).toBeVisible();
  await page.getByRole('button', { name: 'Keluar' }).click();
  await signIn('+6281234562797', 'Lama#2024a');
  await expect(page.getByText('08*****2797')).toBeVisible();
});

test('wrong passwords count down and the fifth locks the account', async () => {
  for (let left = 4; left >= 1; left--) {
    await signIn('081234562797', 'Salah#2024a');
    await expect(page.getByRole('alert')).toContainText(`Sisa percobaan: ${left}.`);
  }
  await signIn('081234562797', 'Salah#2024a');
  await expect(page.getByRole('alert')).toContainText('Akun dikunci sementara');
});

test('the renderer has no Node and only the frozen kiosk API', async () => {
  const probe = await page.evaluate(() => ({
    require: typeof (globalThis as { require?: unknown }).require,
    process: typeof (globalThis as { process?: unknown }).process,
    frozen: Object.isFrozen((globalThis as unknown as { kiosk: object }).kiosk),
  }));
  expect(probe).toEqual({ require: 'undefined', process: 'undefined', frozen: true });
});
