import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/test';

// Demo citizens of docs/architecture.md §8.
const SITI = { email: 'siti.rahayu@example.com', phone: '081234562797', password: 'Lama#2024a' };

async function signIn(page: Page, identifier: string, password: string): Promise<void> {
  await page.getByLabel('Email atau nomor handphone').fill(identifier);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
}

test('the first screen is seed screen 1 in Bahasa Indonesia, with the training banner', async ({ page }) => {
  await expect(page.getByRole('heading', { name: 'Masuk' })).toBeVisible();
  await expect(page.getByPlaceholder('Masukkan email atau nomor handphone')).toBeVisible();
  await expect(page.getByPlaceholder('Masukkan password')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Kendala Masuk ke Akun?' })).toBeVisible();
  await expect(page.getByText('Belum memiliki akun?')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Daftar Sekarang' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Kunjungi Pusat Bantuan' })).toBeVisible();
  await expect(page.getByText('MODE PELATIHAN — data contoh')).toBeVisible();
  // Neither the launch code nor the bridge token stays in the address bar.
  expect(page.url()).not.toContain('launch=');
  expect(page.url()).not.toContain('token=');
});

test('a citizen signs in by e-mail, sees a masked identity, and signs out', async ({ page }) => {
  await signIn(page, SITI.email, SITI.password);
  await expect(page.getByRole('heading', { name: 'Berhasil masuk' })).toBeVisible();
  await expect(page.getByText('S*** R***')).toBeVisible();
  await expect(page.getByText('s***@example.com')).toBeVisible();
  await expect(page.getByText('SITI RAHAYU')).toHaveCount(0);
  await page.getByRole('button', { name: 'Keluar' }).click();
  await expect(page.getByRole('heading', { name: 'Masuk' })).toBeVisible();
  // The next citizen finds nothing of the last one.
  await expect(page.getByLabel('Email atau nomor handphone')).toHaveValue('');
  await expect(page.getByLabel('Password', { exact: true })).toHaveValue('');
});

for (const form of ['081234562797', '6281234562797', '+6281234562797', '0812-3456-2797']) {
  test(`a citizen signs in by phone written as ${form}`, async ({ page }) => {
    await signIn(page, form, SITI.password);
    await expect(page.getByRole('heading', { name: 'Berhasil masuk' })).toBeVisible();
    await expect(page.getByText('08*****2797')).toBeVisible();
  });
}

test('a wrong password says so and how many tries are left', async ({ page }) => {
  await signIn(page, SITI.email, 'Salah#2024a');
  await expect(page.getByRole('alert')).toContainText('Email/nomor handphone atau password salah. Sisa percobaan: 4.');
  await expect(page.getByLabel('Password', { exact: true })).toHaveValue('');
  await expect(page.getByRole('heading', { name: 'Masuk' })).toBeVisible();
});

test('the fourth wrong password warns of the lock; the fifth locks the account for 15 minutes, says until when, and points to recovery', async ({ page }) => {
  for (let left = 4; left >= 1; left--) {
    await signIn(page, SITI.phone, 'Salah#2024a');
    await expect(page.getByRole('alert')).toContainText(`Sisa percobaan: ${left}.`);
  }
  // The fourth says what the fifth does, and where the way out is.
  await expect(page.getByRole('alert')).toContainText('Bila salah sekali lagi, akun dikunci sementara; lupa password? Pilih "Kendala Masuk ke Akun?".');
  const before = Date.now();
  await signIn(page, SITI.phone, 'Salah#2024a');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Akun dikunci sementara');
  await expect(alert).toContainText('pulihkan akun Anda sekarang lewat "Kendala Masuk ke Akun?"');
  const text = (await alert.textContent()) ?? '';
  const match = /(\d{2})[.:](\d{2})/.exec(text);
  expect(match, `a time in: ${text}`).not.toBeNull();
  // The time shown is 15 minutes from now (to the minute, in the kiosk's local time).
  const shown = Number(match![1]) * 60 + Number(match![2]);
  const expected = new Date(before + 15 * 60_000);
  const expectedMinutes = expected.getHours() * 60 + expected.getMinutes();
  expect(Math.abs(shown - expectedMinutes) % (24 * 60)).toBeLessThanOrEqual(1);

  // While locked, even the right password is refused.
  await signIn(page, SITI.phone, SITI.password);
  await expect(page.getByRole('alert')).toContainText('Akun dikunci sementara');
  await expect(page.getByRole('heading', { name: 'Berhasil masuk' })).toHaveCount(0);
});

test('an invalid identifier is caught on the kiosk with a localised message, in the field and in "Ada masalah"', async ({ page }) => {
  await signIn(page, '12345', SITI.password);
  const input = page.getByLabel('Email atau nomor handphone');
  await expect(input).toHaveAttribute('aria-invalid', 'true');
  await expect(input).toHaveAccessibleDescription(/Masukkan email yang benar atau nomor handphone Indonesia/);
  // GOV.UK's error summary: at the top, focused (so it is heard), a link per message that moves focus to its field.
  const summary = page.locator('.error-summary');
  await expect(summary.getByRole('heading', { name: 'Ada masalah' })).toBeVisible();
  await expect(summary).toBeFocused();
  await expect(page).toHaveTitle('Galat: Masuk – Pulih');
  await summary.getByRole('link', { name: /Masukkan email yang benar/ }).click();
  await expect(input).toBeFocused();
  await input.fill(SITI.email);
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Berhasil masuk' })).toBeVisible();
});

test('a citizen who taps a field while "Masuk" is still checking keeps focus there; "Ada masalah" still shows', async ({ page }) => {
  // The form's rules load on first touch: held here, as on a slow counter PC, until the citizen has tapped the field.
  const held: (() => Promise<void>)[] = [];
  await page.route('**/assets/signInRules-*.js', (route) => void held.push(() => route.continue()));
  // A new document (the fixture's page has them already), as after a wipe.
  await page.reload();
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
  const input = page.getByLabel('Email atau nomor handphone');
  await input.click();
  await expect.poll(() => held.length).toBeGreaterThan(0);
  for (const release of held.splice(0)) await release();
  await expect(page.getByRole('heading', { name: 'Ada masalah' })).toBeVisible();
  await expect(input).toHaveAttribute('aria-invalid', 'true');
  await expect(input).toBeFocused();
});

test('after every answer focus is on the alert or the new heading, never on <body>; the window title names the screen', async ({ page }) => {
  await expect(page).toHaveTitle('Masuk – Pulih');
  await signIn(page, SITI.email, 'Salah#2024a');
  await expect(page.getByRole('alert')).toContainText('Sisa percobaan: 4.');
  // The alert holds focus (before #13 it was <body>: the pressed button had been disabled under it).
  await expect(page.getByRole('alert')).toBeFocused();
  await expect(page).toHaveTitle('Galat: Masuk – Pulih');
  await signIn(page, SITI.email, SITI.password);
  await expect(page.getByRole('heading', { name: 'Berhasil masuk' })).toBeFocused();
  await expect(page).toHaveTitle('Berhasil masuk – Pulih');
  await page.getByRole('button', { name: /English/ }).click();
  await expect(page).toHaveTitle('Signed in – Pulih');
});

test('"Kendala Masuk ke Akun?" is a button as large as "Masuk", not a small link', async ({ page }) => {
  const masuk = await page.getByRole('button', { name: 'Masuk', exact: true }).boundingBox();
  const trouble = await page.getByRole('button', { name: 'Kendala Masuk ke Akun?' }).boundingBox();
  expect(masuk && trouble).toBeTruthy();
  expect(trouble!.height).toBeGreaterThanOrEqual(48);
  expect(Math.abs(trouble!.height - masuk!.height)).toBeLessThanOrEqual(1);
  expect(Math.abs(trouble!.width - masuk!.width)).toBeLessThanOrEqual(1);
});

test('"Kendala Masuk ke Akun?" leads to the three recovery options, and back', async ({ page }) => {
  await page.getByRole('button', { name: 'Kendala Masuk ke Akun?' }).click();
  await expect(page.getByRole('heading', { name: 'Pemulihan Akun' })).toBeVisible();
  await expect(page.getByRole('button', { name: /Melalui Nomor Handphone/ })).toBeVisible();
  await expect(page.getByRole('button', { name: /Melalui Email/ })).toBeVisible();
  await expect(page.getByRole('button', { name: /Melalui Verifikasi Identitas/ })).toBeVisible();
  await page.getByRole('button', { name: 'Kembali' }).click();
  await expect(page.getByRole('heading', { name: 'Masuk' })).toBeVisible();
});

for (const [link, heading] of [
  ['Daftar Sekarang', 'Daftar Sekarang'],
  ['Kunjungi Pusat Bantuan', 'Kunjungi Pusat Bantuan'],
] as const) {
  test(`"${link}" shows an info screen with a QR code instead of opening a browser`, async ({ page }) => {
    await page.getByRole('button', { name: link }).click();
    await expect(page.getByRole('heading', { name: heading })).toBeVisible();
    await expect(page.getByRole('img', { name: /Kode QR/ })).toBeVisible();
    await expect(page.getByText('Kios ini tidak membuka browser.')).toBeVisible();
  });
}

test('switching to English keeps what was typed, and back', async ({ page }) => {
  await page.getByLabel('Email atau nomor handphone').fill(SITI.email);
  await page.getByRole('button', { name: /English/ }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByLabel('E-mail or mobile number')).toHaveValue(SITI.email);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByLabel('Password', { exact: true }).fill('Salah#2024a');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('Wrong e-mail/mobile number or password. Tries left: 4.');
  await page.getByRole('button', { name: /Bahasa Indonesia/ }).click();
  await expect(page.getByRole('heading', { name: 'Masuk' })).toBeVisible();
});

test('the sign-in form works by keyboard alone', async ({ page }) => {
  await page.getByLabel('Email atau nomor handphone').focus();
  await page.keyboard.type(SITI.email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(SITI.password);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Berhasil masuk' })).toBeVisible();
});
