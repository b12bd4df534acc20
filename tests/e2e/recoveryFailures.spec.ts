import {
  chooseOption,
  enterOtp,
  expectRecovered,
  fillIdentity,
  checkNewCredentials,
  fillNewCredentials,
  heading,
  NEW_CONTACTS,
  NEW_PASSWORD,
  openRecoveryOptions,
  otpInput,
  otpMessages,
  readOtp,
  setNewPassword,
  SITI,
  startByPhone,
  stub,
  verifyIdentity,
} from './fixtures/flows';
import { expect, test } from './fixtures/test';

// A whole recovery is a long story (and these machines are shared): more time than a sign-in check.
test.describe.configure({ timeout: 60_000 });

// What goes wrong, and what the citizen sees: wrong and expired codes, the resend cooldown,
// the identity lockout, a backend that is down or slow. Each test has its own stub.

test('a wrong code says how many tries are left; the fifth voids the code and "Mulai lagi", the only button left, starts over', async ({ page }) => {
  await startByPhone(page, SITI.phone);
  const right = await readOtp(page, SITI.phoneMasked);
  const wrong = right === '000000' ? '111111' : '000000';
  for (let left = 4; left >= 1; left--) {
    await enterOtp(page, wrong);
    await expect(page.getByRole('alert')).toHaveText(`Kode OTP salah. Sisa percobaan: ${left}.`);
    // The typed code is gone once judged.
    await expect(otpInput(page)).toHaveValue('');
  }
  await enterOtp(page, wrong);
  await expect(page.getByRole('alert').filter({ hasText: /\S/ })).toHaveText('Kode OTP tidak berlaku lagi. Silakan mulai lagi.');
  await expect(otpInput(page)).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Konfirmasi' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Kirim Ulang' })).toHaveCount(0);
  await expect(page.locator('form').getByRole('button')).toHaveText(['Mulai lagi']);

  await page.getByRole('button', { name: 'Mulai lagi' }).click();
  await expect(heading(page, 'Pemulihan Akun')).toBeVisible();
  await expect(page.getByLabel('Nomor Handphone', { exact: true })).toHaveValue(SITI.phone);
  await page.getByRole('button', { name: 'Lanjutkan' }).click();
  await enterOtp(page, await readOtp(page, SITI.phoneMasked, 2));
  await setNewPassword(page, NEW_PASSWORD);
  await expectRecovered(page);
});

test('an expired code says so; "Kirim Ulang" is the one next step, offered at once, and the new code works', async ({ page, kiosk }) => {
  await startByPhone(page, SITI.phone);
  const first = await readOtp(page, SITI.phoneMasked);
  await stub.advanceClock(kiosk, 5 * 60_000 + 1_000);
  await enterOtp(page, first);
  await expect(page.getByRole('alert').filter({ hasText: /\S/ })).toHaveText('Kode OTP sudah kedaluwarsa. Minta kode baru.');
  await expect(page.getByRole('button', { name: 'Mulai lagi' })).toHaveCount(0);
  await expect(page.locator('form').getByRole('button')).toHaveText(['Kirim Ulang']);
  const resend = page.getByRole('button', { name: 'Kirim Ulang' });
  await expect(resend).toBeEnabled();
  await resend.click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Kode OTP baru telah dikirim ke 08*****2797. Hanya kode terbaru yang berlaku.' }),
  ).toBeVisible();
  const second = await readOtp(page, SITI.phoneMasked, 2);
  await enterOtp(page, second);
  await setNewPassword(page, NEW_PASSWORD);
  await expectRecovered(page);
});

test('with the backend\'s clock an hour ahead of the kiosk, the code screen still counts one minute to "Kirim Ulang" and the code works', async ({
  page,
  kiosk,
}) => {
  await stub.advanceClock(kiosk, 60 * 60_000);
  await startByPhone(page, SITI.phone);
  await expect(page.getByText(/\(Kirim ulang tersedia dalam (1:00|0:5\d)\)/)).toBeVisible();
  await enterOtp(page, await readOtp(page, SITI.phoneMasked));
  await setNewPassword(page, NEW_PASSWORD);
  await expectRecovered(page);
});

test('"Kirim Ulang" waits out the cooldown with a visible countdown; the backend enforces it too; a resent code replaces the old one', async ({
  page,
  kiosk,
}) => {
  // The kiosk's own clock is a test clock here, so the countdown can be fast-forwarded.
  await page.clock.install();
  await page.reload();
  await startByPhone(page, SITI.phone);
  const first = await readOtp(page, SITI.phoneMasked);
  const resend = page.getByRole('button', { name: 'Kirim Ulang' });
  await expect(resend).toBeDisabled();
  await expect(page.getByText(/\(Kirim ulang tersedia dalam (1:00|0:5\d)\)/)).toBeVisible();
  await page.clock.fastForward(5_000);
  await expect(page.getByText(/\(Kirim ulang tersedia dalam 0:5\d\)/)).toBeVisible();

  // The kiosk's countdown ends early (clock skew): the backend still refuses, and says how long to wait.
  await page.clock.fastForward(56_000);
  await expect(resend).toBeEnabled();
  await resend.click();
  await expect(page.getByRole('alert')).toContainText(/Tunggu \d+ detik sebelum meminta kode baru\./);
  await expect(resend).toBeDisabled();

  // The cooldown really over, on both clocks.
  await stub.advanceClock(kiosk, 61_000);
  await page.clock.fastForward(61_000);
  await expect(resend).toBeEnabled();
  await resend.click();
  await expect(page.getByRole('status').filter({ hasText: 'Kode OTP baru telah dikirim ke 08*****2797.' })).toBeVisible();
  await expect(resend).toBeDisabled();
  const second = await readOtp(page, SITI.phoneMasked, 2);
  expect(second).not.toBe(first);

  // The old code is void; the new one works.
  await enterOtp(page, first);
  await expect(page.getByRole('alert')).toHaveText('Kode OTP salah. Sisa percobaan: 4.');
  await enterOtp(page, second);
  await expect(heading(page, 'Atur Ulang Password')).toBeVisible();
});

test('identity: each failure shows the tries left, the third shows until when the NIK is locked, and none says which field', async ({
  page,
}) => {
  await openRecoveryOptions(page);
  await chooseOption(page, 'Melalui Verifikasi Identitas');
  const mother = page.getByLabel('Nama Ibu Kandung', { exact: true });
  const alert = page.getByRole('alert');
  const submit = page.getByRole('button', { name: 'Lanjutkan' });

  await fillIdentity(page, { ...SITI, mother: 'SITI AMINAH' });
  await submit.click();
  await expect(alert).toHaveText('Data identitas tidak cocok. Sisa percobaan: 2.');
  // The mother's maiden name is not kept once judged; the rest stays.
  await expect(mother).toHaveValue('');
  await expect(page.getByLabel('Nomor Induk Kependudukan (No. KTP)', { exact: true })).toHaveValue(SITI.nik);
  // No field is singled out.
  await expect(page.locator('input[aria-invalid="true"]')).toHaveCount(0);

  await page.getByLabel('Nama Lengkap', { exact: true }).fill('SITI RAHAYU PUTRI');
  await mother.fill(SITI.mother);
  await submit.click();
  await expect(alert).toHaveText('Data identitas tidak cocok. Sisa percobaan: 1.');

  const before = Date.now();
  await page.getByLabel('Nama Lengkap', { exact: true }).fill(SITI.fullName);
  await mother.fill('AMINA');
  await submit.click();
  await expect(alert).toContainText('Data identitas tidak cocok. Verifikasi identitas untuk NIK ini dikunci hingga ');
  const lockedUntil = new Date(before + 24 * 60 * 60_000);
  const day = lockedUntil.toLocaleDateString('id-ID', { day: 'numeric', month: 'long', year: 'numeric' });
  await expect(alert).toContainText(day);
  // The time ends the lock's sentence; who helps next follows it (#13).
  const shown = /(\d{2})[.:](\d{2})\. Untuk bantuan, tanyakan kepada petugas di loket\.$/.exec((await alert.textContent()) ?? '');
  expect(shown, 'a time at the end of the sentence, then the next step').not.toBeNull();
  const minutes = Number(shown![1]) * 60 + Number(shown![2]);
  expect(Math.abs(minutes - (lockedUntil.getHours() * 60 + lockedUntil.getMinutes())) % (24 * 60)).toBeLessThanOrEqual(1);

  // Locked: even the right data is refused, with the same "until".
  await fillIdentity(page, SITI);
  await submit.click();
  await expect(alert).toContainText(`Verifikasi identitas untuk NIK ini dikunci hingga ${day}`);
  await expect(heading(page, 'Atur Ulang Password')).toHaveCount(0);
  for (const word of ['NIK salah', 'nama salah', 'ibu kandung salah', 'Nama Lengkap', 'Nama Ibu']) {
    await expect(alert).not.toContainText(word);
  }
});

test('the backend down mid-flow: a clear message and "Coba lagi"; nothing retyped, nothing sent twice', async ({ page, kiosk }) => {
  await verifyIdentity(page, SITI);
  await fillNewCredentials(page, { ...NEW_CONTACTS, password: NEW_PASSWORD });
  await checkNewCredentials(page);
  await stub.addFault(kiosk, { route: 'submitCredentials', kind: 'error', status: 503, times: 20 });
  await page.getByRole('button', { name: 'Kirim Kode OTP' }).click();
  await expect(page.getByRole('alert')).toHaveText('Layanan sedang tidak dapat dihubungi. Silakan coba lagi. Untuk bantuan, tanyakan kepada petugas di loket.');
  await expect(heading(page, 'Periksa Data Anda')).toBeVisible();
  // Everything typed is still there.
  await expect(page.getByText(`SMS ke ${NEW_CONTACTS.phone}`, { exact: true })).toBeVisible();
  await expect(page.getByText(NEW_CONTACTS.email, { exact: true })).toBeVisible();

  await stub.clearFaults(kiosk);
  await page.getByRole('button', { name: 'Coba lagi' }).click();
  await expect(heading(page, 'Verifikasi')).toBeVisible();
  await expect(otpMessages(page, NEW_CONTACTS.phoneMasked)).toHaveCount(1);
  await enterOtp(page, await readOtp(page, NEW_CONTACTS.phoneMasked));
  await expectRecovered(page);
});

test('a slow backend: the button is disabled while pending, and a second press sends nothing more', async ({ page, kiosk }) => {
  await openRecoveryOptions(page);
  await chooseOption(page, 'Melalui Nomor Handphone');
  await page.getByLabel('Nomor Handphone', { exact: true }).fill(SITI.phone);
  await stub.addFault(kiosk, { route: 'startByPhone', kind: 'latency', latencyMs: 2_000, times: 1 });
  const submit = page.getByRole('button', { name: 'Lanjutkan' });
  await submit.click();
  await expect(submit).toBeDisabled();
  await expect(submit).toHaveAttribute('aria-busy', 'true');
  await page.getByLabel('Nomor Handphone', { exact: true }).press('Enter');
  await expect(heading(page, 'Verifikasi')).toBeVisible();
  await readOtp(page, SITI.phoneMasked);
  // Give a second request every chance to show up: exactly one code was sent.
  await page.getByRole('button', { name: 'Kembali' }).click();
  await expect(page.getByLabel('Nomor Handphone', { exact: true })).toHaveValue(SITI.phone);
  await page.getByRole('button', { name: 'Lanjutkan' }).click();
  await expect(heading(page, 'Verifikasi')).toBeVisible();
  await expect(otpMessages(page, SITI.phoneMasked)).toHaveCount(1);
});
