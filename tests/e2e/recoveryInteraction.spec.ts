import type { Locator, Page } from '@playwright/test';
import {
  chooseOption,
  enterOtp,
  expectRecovered,
  fillIdentity,
  fillNewCredentials,
  sendNewCredentials,
  heading,
  NEW_CONTACTS,
  NEW_PASSWORD,
  openRecoveryOptions,
  otpMessages,
  readOtp,
  SITI,
  setNewPassword,
  startByPhone,
  stub,
  verifyIdentity,
} from './fixtures/flows';
import { expect, test } from './fixtures/test';

// A whole recovery is a long story (and these machines are shared): more time than a sign-in check.
test.describe.configure({ timeout: 60_000 });

// How the wizard behaves as a citizen types, switches language, goes back, cancels,
// and completes it by keyboard alone or by touch alone.

test('NIK, phone, e-mail and password are checked as the citizen types, with the rules main enforces', async ({ page }) => {
  await openRecoveryOptions(page);
  await chooseOption(page, 'Melalui Verifikasi Identitas');
  const nik = page.getByLabel('Nomor Induk Kependudukan (No. KTP)', { exact: true });

  const expectNik = async (value: string, message: string | null) => {
    await nik.fill(value);
    await nik.blur();
    if (message === null) {
      await expect(nik).toHaveAttribute('aria-invalid', 'false');
    } else {
      await expect(nik).toHaveAttribute('aria-invalid', 'true');
      await expect(nik).toHaveAccessibleDescription(message);
    }
  };
  await expectNik('317101410190', 'NIK terdiri dari 16 angka.');
  await expectNik('9971014101900001', 'Kode provinsi pada NIK tidak dikenal.');
  await expectNik('3171013202900001', 'Tanggal lahir pada NIK tidak valid.'); // 32 Feb
  await expectNik('3171017202900001', 'Tanggal lahir pada NIK tidak valid.'); // 72 = 32 + 40
  await expectNik('3171014101900000', 'Nomor urut pada NIK tidak valid.');
  await expectNik('3171014101900001', null); // 41 = 1st, a woman (+40)
  await expectNik('3171 0141 0190 0001', null); // pasted with spaces
  await expect(nik).toHaveValue('3171014101900001');

  // Submitting an empty form marks every field, each described by its message.
  await page.getByLabel('Nama Lengkap', { exact: true }).fill('');
  await page.getByRole('button', { name: 'Lanjutkan' }).click();
  await expect(page.getByLabel('Nama Lengkap', { exact: true })).toHaveAccessibleDescription('Nama lengkap wajib diisi.');
  await expect(page.getByLabel('KTP asli telah diperiksa petugas', { exact: true })).toHaveAccessibleDescription(
    'Petugas harus memeriksa KTP asli terlebih dahulu.',
  );
  await fillIdentity(page, SITI);
  await page.getByRole('button', { name: 'Lanjutkan' }).click();
  await expect(heading(page, 'Atur Ulang Password')).toBeVisible();

  const phone = page.getByLabel('Nomor Handphone Baru', { exact: true });
  for (const form of ['081377770011', '6281377770011', '+62 813-7777-0011']) {
    await phone.fill(form);
    await phone.blur();
    await expect(phone).toHaveAttribute('aria-invalid', 'false');
  }
  await phone.fill('0215551234'); // a Jakarta landline, not a mobile
  await expect(phone).toHaveAccessibleDescription('Masukkan nomor handphone Indonesia yang benar (08…, 628… atau +628…).');

  const email = page.getByLabel('Alamat Email Baru', { exact: true });
  await email.fill('siti.baru@');
  await email.blur();
  await expect(email).toHaveAccessibleDescription('Masukkan alamat email yang benar.');

  // The checklist ticks each rule as it is met.
  const password = page.getByLabel('Password Baru', { exact: true });
  // (The two further rules, no personal data and not common, are met by each of these.)
  const met = page.locator('li[data-met="true"]');
  await password.fill('a');
  await expect(met).toHaveCount(1 + 2);
  await password.fill('aB');
  await expect(met).toHaveCount(2 + 2);
  await password.fill('aB3');
  await expect(met).toHaveCount(3 + 2);
  await password.fill('aB3!');
  await expect(met).toHaveCount(4 + 2);
  await password.fill('aB3!kota');
  await expect(met).toHaveCount(5 + 2);
  await expect(page.getByRole('listitem').filter({ hasText: 'Minimal 8 karakter' })).toContainText('(terpenuhi)');
  // The NIK typed two steps ago is personal data: refused on the kiosk.
  await password.fill('Aa!3171014101900001');
  await password.blur();
  await expect(password).toHaveAccessibleDescription(/Password tidak boleh memuat NIK, nama, nomor handphone atau email Anda\./);

  // Show / hide; paste allowed; the confirmation must match.
  await password.fill('');
  await password.focus();
  await page.keyboard.insertText(NEW_PASSWORD); // as a paste does
  await expect(password).toHaveValue(NEW_PASSWORD);
  await expect(password).toHaveAttribute('type', 'password');
  await page.getByRole('button', { name: 'Tampilkan password' }).first().click();
  await expect(password).toHaveAttribute('type', 'text');
  await page.getByRole('button', { name: 'Sembunyikan password' }).click();
  await expect(password).toHaveAttribute('type', 'password');
  const confirmation = page.getByLabel('Konfirmasi Password', { exact: true });
  await confirmation.fill(`${NEW_PASSWORD}x`);
  await confirmation.blur();
  await expect(confirmation).toHaveAccessibleDescription('Konfirmasi password tidak sama dengan password baru.');
  await confirmation.fill(NEW_PASSWORD);
  await expect(confirmation).toHaveAttribute('aria-invalid', 'false');
});

test('switching language mid-flow keeps everything typed, and the flow goes on in English', async ({ page }) => {
  await verifyIdentity(page, SITI);
  await fillNewCredentials(page, { ...NEW_CONTACTS, password: 'pulih', confirmation: '' });
  await page.getByLabel('Password Baru', { exact: true }).blur();
  await expect(page.getByText('Password belum memenuhi semua syarat di bawah.')).toBeVisible();

  await page.getByRole('button', { name: 'English' }).click();
  await expect(heading(page, 'Reset password')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByLabel('New mobile number', { exact: true })).toHaveValue(NEW_CONTACTS.phone);
  await expect(page.getByLabel('New e-mail address', { exact: true })).toHaveValue(NEW_CONTACTS.email);
  await expect(page.getByLabel('New password', { exact: true })).toHaveValue('pulih');
  await expect(page.getByPlaceholder('Example: name@domain.com')).toBeVisible();
  // Messages already on screen follow the language.
  await expect(page.getByText('The password does not meet all the rules below yet.')).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'At least one lower-case letter' })).toContainText('(met)');
  await expect(page.getByRole('listitem').filter({ hasText: 'At least 8 characters' })).toContainText('(not met yet)');

  await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel('Confirm password', { exact: true }).fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Send the code' }).click();
  await expect(heading(page, 'Verification')).toBeVisible();
  await expect(page.getByText(`Enter the OTP code we sent to ${NEW_CONTACTS.phoneMasked}.`, { exact: true })).toBeVisible();
  await page.getByLabel('OTP code', { exact: true }).fill('000000');
  await page.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByRole('alert')).toHaveText('Wrong OTP code. Tries left: 4.');
  // And back: the error follows the language too.
  await page.getByRole('button', { name: 'Bahasa Indonesia' }).click();
  await expect(page.getByRole('alert')).toHaveText('Kode OTP salah. Sisa percobaan: 4.');
  await enterOtp(page, await readOtp(page, NEW_CONTACTS.phoneMasked));
  await expectRecovered(page);
});

test('Back keeps what was typed; a code already sent is not sent again, also from "Periksa Data Anda"', async ({ page }) => {
  await startByPhone(page, SITI.phone);
  await readOtp(page, SITI.phoneMasked);
  await page.getByRole('button', { name: 'Kembali' }).click();
  await expect(page.getByLabel('Nomor Handphone', { exact: true })).toHaveValue(SITI.phone);
  await page.getByRole('button', { name: 'Lanjutkan' }).click();
  await expect(heading(page, 'Verifikasi')).toBeVisible();
  await expect(otpMessages(page, SITI.phoneMasked)).toHaveCount(1);
  await page.getByRole('button', { name: 'Kembali' }).click();
  await page.getByRole('button', { name: 'Kembali' }).click();
  await expect(heading(page, 'Pemulihan Akun')).toBeVisible();

  // Identity path: Back from Verifikasi reaches "Periksa Data Anda", which returns without sending again.
  await chooseOption(page, 'Melalui Verifikasi Identitas');
  await fillIdentity(page, SITI);
  await page.getByRole('button', { name: 'Lanjutkan' }).click();
  await fillNewCredentials(page, { ...NEW_CONTACTS, password: NEW_PASSWORD });
  await sendNewCredentials(page);
  await expect(heading(page, 'Verifikasi')).toBeVisible();
  await page.getByRole('button', { name: 'Kembali' }).click();
  await expect(heading(page, 'Periksa Data Anda')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Kode OTP sudah dikirim' })).toContainText(`Kode OTP sudah dikirim ke ${NEW_CONTACTS.phoneMasked}.`);
  await page.getByRole('button', { name: 'Masukkan Kode OTP' }).click();
  await expect(heading(page, 'Verifikasi')).toBeVisible();
  await expect(otpMessages(page, NEW_CONTACTS.phoneMasked)).toHaveCount(1);
  await enterOtp(page, await readOtp(page, NEW_CONTACTS.phoneMasked));
  await expectRecovered(page);
});

test('"Batal" on any step ends the recovery and leaves nothing of the citizen behind', async ({ page }) => {
  await verifyIdentity(page, SITI);
  await fillNewCredentials(page, { ...NEW_CONTACTS, password: NEW_PASSWORD });
  await page.getByRole('button', { name: 'Batal' }).click();
  await page.getByRole('alertdialog', { name: 'Batalkan pemulihan?' }).getByRole('button', { name: 'Ya, batalkan' }).click();
  await expect(heading(page, 'Masuk')).toBeVisible();

  await openRecoveryOptions(page);
  await chooseOption(page, 'Melalui Verifikasi Identitas');
  await expect(page.getByLabel('Nomor Induk Kependudukan (No. KTP)', { exact: true })).toHaveValue('');
  await expect(page.getByLabel('Nama Lengkap', { exact: true })).toHaveValue('');
  await expect(page.getByLabel('KTP asli telah diperiksa petugas', { exact: true })).not.toBeChecked();

  // And from Verifikasi: the session in main is gone, a new start sends a new code.
  await page.getByRole('button', { name: 'Batal' }).click();
  await page.getByRole('alertdialog', { name: 'Batalkan pemulihan?' }).getByRole('button', { name: 'Ya, batalkan' }).click();
  await startByPhone(page, SITI.phone);
  await readOtp(page, SITI.phoneMasked);
  await page.getByRole('button', { name: 'Batal' }).click();
  await page.getByRole('alertdialog', { name: 'Batalkan pemulihan?' }).getByRole('button', { name: 'Ya, batalkan' }).click();
  await expect(heading(page, 'Masuk')).toBeVisible();
  await startByPhone(page, SITI.phone);
  await expect(page.getByLabel('Kode OTP', { exact: true })).toHaveValue('');
  await expect(otpMessages(page, SITI.phoneMasked)).toHaveCount(2);
});

/** Presses Tab until `target` has the focus (a keyboard user finding a control). */
async function tabTo(page: Page, target: Locator): Promise<void> {
  for (let i = 0; i < 40; i++) {
    if (await target.evaluate((el) => el === el.ownerDocument.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('never reached by Tab');
}

test('the phone path works by keyboard alone, focus following each new screen', async ({ page }) => {
  await tabTo(page, page.getByRole('button', { name: 'Kendala Masuk ke Akun?' }));
  await page.keyboard.press('Enter');
  await expect(heading(page, 'Pemulihan Akun')).toBeFocused();
  await tabTo(page, page.getByRole('button', { name: /^Melalui Nomor Handphone/ }));
  await page.keyboard.press('Space');
  await expect(heading(page, 'Pemulihan Akun')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Nomor Handphone', { exact: true })).toBeFocused();
  await page.keyboard.type(SITI.phone);
  await page.keyboard.press('Enter');
  await expect(heading(page, 'Verifikasi')).toBeFocused();
  const code = await readOtp(page, SITI.phoneMasked);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Kode OTP', { exact: true })).toBeFocused();
  await page.keyboard.type(code);
  await page.keyboard.press('Enter');
  await expect(heading(page, 'Atur Ulang Password')).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.type(NEW_PASSWORD);
  await tabTo(page, page.getByLabel('Konfirmasi Password', { exact: true }));
  await page.keyboard.type(NEW_PASSWORD);
  await page.keyboard.press('Enter');
  await expect(heading(page, 'Akun berhasil dipulihkan')).toBeFocused();
  await tabTo(page, page.getByRole('button', { name: 'Kembali ke halaman Masuk' }));
  await page.keyboard.press('Enter');
  await expect(heading(page, 'Masuk')).toBeVisible();
});

test.describe('on a touch screen', () => {
  test.use({ hasTouch: true });

  test('the identity path works by touch alone', async ({ page }) => {
    await page.getByRole('button', { name: 'Kendala Masuk ke Akun?' }).tap();
    await page.getByRole('button', { name: /^Melalui Verifikasi Identitas/ }).tap();
    const type = async (label: string, value: string) => {
      await page.getByLabel(label, { exact: true }).tap();
      await page.getByLabel(label, { exact: true }).fill(value);
    };
    await type('Nomor Induk Kependudukan (No. KTP)', SITI.nik);
    await type('Nama Lengkap', SITI.fullName);
    await type('Nama Ibu Kandung', SITI.mother);
    await page.getByText('KTP asli telah diperiksa petugas').tap();
    await page.getByRole('button', { name: 'Lanjutkan' }).tap();
    await expect(heading(page, 'Atur Ulang Password')).toBeVisible();
    await type('Nomor Handphone Baru', NEW_CONTACTS.phone);
    await type('Alamat Email Baru', NEW_CONTACTS.email);
    await type('Password Baru', NEW_PASSWORD);
    await type('Konfirmasi Password', NEW_PASSWORD);
    await page.getByText('Email ke alamat email baru').tap();
    await expect(page.getByLabel('Email ke alamat email baru', { exact: true })).toBeChecked();
    await page.getByText('SMS ke nomor handphone baru').tap();
    await page.getByRole('button', { name: 'Lanjutkan' }).tap();
    await page.getByRole('button', { name: 'Kirim Kode OTP' }).tap();
    await expect(heading(page, 'Verifikasi')).toBeVisible();
    await type('Kode OTP', await readOtp(page, NEW_CONTACTS.phoneMasked));
    await page.getByRole('button', { name: 'Konfirmasi' }).tap();
    await expectRecovered(page);
    await page.getByRole('button', { name: 'Kembali ke halaman Masuk' }).tap();
    await expect(heading(page, 'Masuk')).toBeVisible();
  });
});

/** The lines of the password checklist, each as a screen reader reads it (the rule, then met or not). */
function checklistLines(page: Page): Locator {
  return page.getByRole('list').filter({ hasText: 'Minimal 8 karakter' }).getByRole('listitem');
}

function checklistLine(page: Page, rule: string): Locator {
  return checklistLines(page).filter({ hasText: rule });
}

test('all seven password rules are live lines: a password holding the name typed on the identity step is flagged before sending', async ({ page }) => {
  await verifyIdentity(page, SITI);
  const personal = checklistLine(page, 'Tidak memuat NIK, nama, nomor handphone atau email Anda');
  const common = checklistLine(page, 'Bukan password umum yang mudah ditebak');
  await expect(checklistLines(page)).toHaveCount(7);
  const password = page.getByLabel('Password Baru', { exact: true });
  // Meets the service's five rules, yet holds "SITI", typed as the full name on the step before.
  await password.fill('Siti2026!');
  await expect(checklistLines(page).filter({ hasText: '(belum terpenuhi)' })).toHaveCount(1);
  await expect(personal).toHaveText(/\(belum terpenuhi\)$/);
  await password.fill('Password1!');
  await expect(common).toHaveText(/\(belum terpenuhi\)$/);
  await expect(personal).toHaveText(/\(terpenuhi\)$/);
  await password.fill(NEW_PASSWORD);
  await expect(checklistLines(page).filter({ hasText: '(belum terpenuhi)' })).toHaveCount(0);
  // What a screen reader says for the field: every rule and whether it is met (before #13: "Syarat password", nothing more).
  await expect(password).toHaveAccessibleDescription(/Syarat password: .*Tidak memuat NIK, nama, nomor handphone atau email Anda \(terpenuhi\)/);
});

test('phone path: a password the service refuses after every line is ticked says why, and the checklist shows it', async ({ page }) => {
  await startByPhone(page, SITI.phone);
  await expect(page).toHaveTitle('Verifikasi – Pulih');
  await enterOtp(page, await readOtp(page, SITI.phoneMasked));
  // The kiosk cannot know the account's name on this path; the service can, and refuses "Rahayu…".
  await setNewPassword(page, 'Rahayu#2026');
  const password = page.getByLabel('Password Baru', { exact: true });
  await expect(password).toHaveAccessibleDescription(/Layanan menolak password ini: password tidak boleh memuat NIK, nama, nomor handphone atau email Anda/);
  await expect(checklistLine(page, 'Tidak memuat NIK, nama, nomor handphone atau email Anda')).toHaveText(/\(belum terpenuhi\)$/);
  await expect(page).toHaveTitle('Galat: Atur Ulang Password – Pulih');
  await setNewPassword(page, NEW_PASSWORD);
  await expectRecovered(page);
});

test('while the backend checks the identity: "Memeriksa data…", the fields locked; then the next heading has focus, not <body>', async ({ page, kiosk }) => {
  await openRecoveryOptions(page);
  await chooseOption(page, 'Melalui Verifikasi Identitas');
  await expect(page).toHaveTitle('Pemulihan Akun – Pulih');
  await fillIdentity(page, SITI);
  await stub.addFault(kiosk, { route: 'verifyIdentity', kind: 'latency', latencyMs: 2_000, times: 1 });
  await page.getByRole('button', { name: 'Lanjutkan' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Memeriksa data…' })).toBeVisible();
  await expect(page.getByLabel('Nama Lengkap', { exact: true })).toBeDisabled();
  await expect(heading(page, 'Atur Ulang Password')).toBeFocused();
  await expect(page).toHaveTitle('Atur Ulang Password – Pulih');
});

test('a submit with mistakes: "Ada masalah" at the top, focused, each link takes the citizen to the field', async ({ page }) => {
  await openRecoveryOptions(page);
  await chooseOption(page, 'Melalui Nomor Handphone');
  await page.getByLabel('Nomor Handphone', { exact: true }).fill('0212345');
  await page.getByRole('button', { name: 'Lanjutkan' }).click();
  const summary = page.locator('.error-summary');
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('heading', { name: 'Ada masalah' })).toBeVisible();
  await expect(page).toHaveTitle('Galat: Pemulihan Akun – Pulih');
  await summary.getByRole('link', { name: /^Nomor Handphone: / }).click();
  await expect(page.getByLabel('Nomor Handphone', { exact: true })).toBeFocused();
  await page.getByLabel('Nomor Handphone', { exact: true }).fill(SITI.phone);
  await expect(summary).toHaveCount(0);
  await page.getByRole('button', { name: 'Lanjutkan' }).click();
  await expect(heading(page, 'Verifikasi')).toBeFocused();
});
