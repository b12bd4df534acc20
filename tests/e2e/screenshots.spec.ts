import { mkdir } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import {
  chooseOption,
  enterOtp,
  expectRecovered,
  fillIdentity,
  fillNewCredentials,
  heading,
  NEW_CONTACTS,
  NEW_PASSWORD,
  openRecoveryOptions,
  readOtp,
  SITI,
  BUDI,
} from './fixtures/flows';
import { expect, test } from './fixtures/test';

/**
 * A picture of every screen in both languages (test-results/screenshots/
 * <step>-<lang>.png), taken on the way through every path; switching the
 * language on each screen also shows that nothing typed is lost. The key
 * Indonesian ones are copied to docs/screenshots/ for the README.
 */
const DIR = 'test-results/screenshots';

/** The Electron window's pictures go beside the browser shell's, never over them. */
function screenshotDir(): string {
  const { name } = test.info().project;
  return name === 'browser' ? DIR : `${DIR}/${name}`;
}

async function shoot(page: Page, step: string): Promise<void> {
  // Every target on the screen is at least 44 px (touch), and nothing typed is lost on a switch.
  const values = await typedValues(page);
  await expectTargetsLargeEnough(page);
  await page.screenshot({ path: `${screenshotDir()}/${step}-id.png`, fullPage: true });
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.screenshot({ path: `${screenshotDir()}/${step}-en.png`, fullPage: true });
  expect(await typedValues(page)).toEqual(values);
  await page.getByRole('button', { name: 'Bahasa Indonesia' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'id');
}

function typedValues(page: Page): Promise<string[]> {
  return page
    .locator('main input:not([type=checkbox]):not([type=radio])')
    .evaluateAll((inputs) => inputs.map((i) => (i as unknown as { value: string }).value));
}

async function expectTargetsLargeEnough(page: Page): Promise<void> {
  const small = await page.locator('main button:visible, main input:visible, main label.choice__option, main label.check').evaluateAll((els) =>
    els
      .filter((el) => !(el.tagName === 'INPUT' && ['checkbox', 'radio'].includes((el as unknown as { type: string }).type)))
      .map((el) => ({ el: el.outerHTML.slice(0, 80), box: el.getBoundingClientRect() }))
      .filter(({ box }) => box.height < 44 || box.width < 44)
      .map(({ el, box }) => `${el} ${Math.round(box.width)}x${Math.round(box.height)}`),
  );
  expect(small, 'targets smaller than 44 px').toEqual([]);
}

test('every screen, in Bahasa Indonesia and English', async ({ page }) => {
  test.setTimeout(90_000);
  await mkdir(screenshotDir(), { recursive: true });

  await expect(heading(page, 'Masuk')).toBeVisible();
  await shoot(page, '01-sign-in');

  await openRecoveryOptions(page);
  await shoot(page, '02-options');

  await chooseOption(page, 'Melalui Email');
  await page.getByLabel('Email', { exact: true }).fill('budi.santoso@');
  await page.getByLabel('Email', { exact: true }).blur();
  await shoot(page, '03-email-invalid');
  await page.getByRole('button', { name: 'Kembali' }).click();

  await chooseOption(page, 'Melalui Nomor Handphone');
  await page.getByLabel('Nomor Handphone', { exact: true }).fill(BUDI.phone);
  await shoot(page, '03-phone');
  await page.getByRole('button', { name: 'Kembali' }).click();

  await chooseOption(page, 'Melalui Verifikasi Identitas');
  await expect(heading(page, 'Pemulihan Akun')).toBeVisible();
  await shoot(page, '04-identity');
  await fillIdentity(page, SITI);
  await shoot(page, '04-identity-filled');
  await page.getByRole('button', { name: 'Lanjutkan' }).click();

  await expect(heading(page, 'Atur Ulang Password')).toBeVisible();
  await shoot(page, '05-new-credentials');
  await fillNewCredentials(page, { ...NEW_CONTACTS, password: 'pulih2026', confirmation: 'pulih' });
  await page.getByLabel('Alamat Email Baru', { exact: true }).click();
  await shoot(page, '05-new-credentials-checklist');
  await page.getByLabel('Password Baru', { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel('Konfirmasi Password', { exact: true }).fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Lanjutkan' }).click();
  await expect(heading(page, 'Periksa Data Anda')).toBeVisible();
  await shoot(page, '05-check-credentials');
  await page.getByRole('button', { name: 'Kirim Kode OTP' }).click();

  await expect(heading(page, 'Verifikasi')).toBeVisible();
  await readOtp(page, NEW_CONTACTS.phoneMasked);
  await shoot(page, '06-otp');
  await enterOtp(page, '000000');
  await expect(page.getByRole('alert')).toContainText('Sisa percobaan: 4');
  await shoot(page, '06-otp-wrong');
  await enterOtp(page, await readOtp(page, NEW_CONTACTS.phoneMasked));
  await expectRecovered(page);
  await shoot(page, '08-done');
  await page.getByRole('button', { name: 'Kembali ke halaman Masuk' }).click();

  // The phone path's own screen: a new password after Verifikasi.
  await openRecoveryOptions(page);
  await chooseOption(page, 'Melalui Nomor Handphone');
  await page.getByLabel('Nomor Handphone', { exact: true }).fill(BUDI.phone);
  await page.getByRole('button', { name: 'Lanjutkan' }).click();
  await enterOtp(page, await readOtp(page, BUDI.phoneMasked));
  await expect(heading(page, 'Atur Ulang Password')).toBeVisible();
  await page.getByLabel('Password Baru', { exact: true }).fill('Budi#20');
  await shoot(page, '07-new-password');
});
