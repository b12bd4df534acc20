import {
  BUDI,
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
  otpMessages,
  phonePanel,
  readOtp,
  sendNewCredentials,
  setNewPassword,
  signIn,
  SITI,
  startByEmail,
  startByPhone,
  verifyIdentity,
} from './fixtures/flows';
import { expect, test } from './fixtures/test';

// A whole recovery is a long story (and these machines are shared): more time than a sign-in check.
test.describe.configure({ timeout: 60_000 });

// The three recovery paths of seed screens 2–6, end to end through the UI, ending where the new password signs in.

const SMS_TEXT = /^Kode OTP: \d{6}\. Hati-hati penipuan! Kode OTP ini hanya untuk kamu, jangan berikan ke siapapun\. Pihak Kemnaker RI tidak pernah meminta kode ini\.$/;

test('by phone: registered number → SMS → Verifikasi → new password → done → the new password signs in', async ({ page }) => {
  await openRecoveryOptions(page);
  await expect(page.getByText('Jika Anda memiliki kendala masuk ke Akun, silakan pilih opsi pemulihan akun di bawah.')).toBeVisible();
  await expect(page.getByText('Pengaturan ulang password dengan kode OTP yang dikirimkan ke handphone Anda')).toBeVisible();
  await expect(page.getByText('Pengaturan ulang password dengan kode OTP yang dikirimkan ke email Anda')).toBeVisible();
  await expect(page.getByText('Lupa no hp dan email? Anda dapat mengatur ulang no hp, email dan password dengan verifikasi identitas')).toBeVisible();
  await page.getByRole('button', { name: 'Kembali' }).click();

  await startByPhone(page, SITI.phone);
  // Seed screen 6, to the letter.
  await expect(page.getByText('Masukkan kode OTP yang telah kami kirim ke 08*****2797.', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Konfirmasi' })).toBeVisible();
  await expect(page.getByText('Belum menerima kode?')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Kirim Ulang' })).toBeDisabled();

  // Seed screen 5 on the simulated phone: the time, the SMS text exactly, and "time • Telkomsel".
  const sms = otpMessages(page, SITI.phoneMasked).first();
  await expect(sms).toBeVisible();
  await expect(sms.locator('.message__bubble')).toHaveText(SMS_TEXT);
  const time = (await sms.locator('.message__time').textContent())?.trim() ?? '';
  expect(time).toMatch(/^\d{1,2}:\d{2} (AM|PM)$/);
  await expect(sms.locator('.message__meta')).toHaveText(`${time} • Telkomsel`);

  await enterOtp(page, await readOtp(page, SITI.phoneMasked));
  await setNewPassword(page, NEW_PASSWORD);
  await expectRecovered(page);
  await expect(page.getByText('Silakan masuk dengan password baru Anda.')).toBeVisible();

  // The old phone and e-mail hear of it ("Bukan Anda?").
  await expect(phonePanel(page).getByRole('listitem').filter({ hasText: SITI.phoneMasked }).filter({ hasText: 'Bukan Anda?' })).toHaveCount(1);
  await expect(phonePanel(page).getByRole('listitem').filter({ hasText: SITI.emailMasked }).filter({ hasText: 'Bukan Anda?' })).toHaveCount(1);

  await page.getByRole('button', { name: 'Kembali ke halaman Masuk' }).click();
  await signIn(page, SITI.phone, SITI.password);
  await expect(page.getByRole('alert')).toContainText('Email/nomor handphone atau password salah.');
  await signIn(page, SITI.phone, NEW_PASSWORD);
  await expect(heading(page, 'Berhasil masuk')).toBeVisible();
});

test('by e-mail: registered address → e-mail with the code → new password → the new password signs in', async ({ page }) => {
  await startByEmail(page, '  Budi.Santoso@Example.com ');
  await expect(page.getByText('Masukkan kode OTP yang telah kami kirim ke b***@example.com.', { exact: true })).toBeVisible();
  const mail = otpMessages(page, BUDI.emailMasked).first();
  await expect(mail).toContainText('Kode OTP Pemulihan Akun');
  await enterOtp(page, await readOtp(page, BUDI.emailMasked));
  // A password made of the citizen's own e-mail is refused on the kiosk, before the backend sees it.
  await setNewPassword(page, 'Santoso#77x');
  await expect(page.getByLabel('Password Baru', { exact: true })).toHaveAccessibleDescription(
    /Password tidak boleh memuat NIK, nama, nomor handphone atau email Anda\./,
  );
  await setNewPassword(page, 'Kelapa#77x');
  await expectRecovered(page);
  await page.getByRole('button', { name: 'Kembali ke halaman Masuk' }).click();
  await signIn(page, BUDI.email, 'Kelapa#77x');
  await expect(heading(page, 'Berhasil masuk')).toBeVisible();
});

test('an unregistered number is answered just like a registered one (no enumeration)', async ({ page }) => {
  await startByPhone(page, '081399990000');
  await expect(page.getByText('Masukkan kode OTP yang telah kami kirim ke 08*****0000.', { exact: true })).toBeVisible();
  await expect(otpMessages(page, '08*****0000')).toHaveCount(0);
});

test('by identity: seed screens 3 and 4 → SMS to the NEW phone → Verifikasi → done; new phone and password sign in', async ({ page }) => {
  await openRecoveryOptions(page);
  await chooseOption(page, 'Melalui Verifikasi Identitas');
  // Seed screen 3.
  await expect(heading(page, 'Pemulihan Akun')).toBeVisible();
  await expect(
    page.getByText(
      'Opsi pemulihan akun dengan melalui verifikasi identitas hanya bisa dicoba sebanyak 3x dalam waktu 24 jam. Pastikan Anda menggunakan data identitas yang benar.',
    ),
  ).toBeVisible();
  await expect(page.getByPlaceholder('Masukkan nomor induk kependudukan')).toBeVisible();
  await expect(page.getByPlaceholder('Masukkan nama lengkap')).toBeVisible();
  await expect(page.getByPlaceholder('Masukkan nama ibu kandung')).toBeVisible();
  const mother = page.getByLabel('Nama Ibu Kandung', { exact: true });
  await expect(mother).toHaveAccessibleDescription(
    'Kami tidak menyimpan data ibu kandung Anda. Data ini hanya digunakan untuk memverifikasi identitas Anda.',
  );
  // Names are compared case- and space-insensitively by the backend.
  await fillIdentity(page, { nik: SITI.nik, fullName: ' siti  rahayu', mother: 'Aminah' });
  await page.getByRole('button', { name: 'Lanjutkan' }).click();

  // Seed screen 4.
  await expect(heading(page, 'Atur Ulang Password')).toBeVisible();
  await expect(
    page.getByText(
      'Pastikan Anda memasukkan nomor handphone dan email baru yang aktif. Kami akan mengirimkan kode verifikasi OTP ke salah satu nomor handphone atau email.',
    ),
  ).toBeVisible();
  await expect(page.getByPlaceholder('Contoh: 081288488955')).toBeVisible();
  await expect(page.getByPlaceholder('Contoh: nama@domain.com')).toBeVisible();
  await expect(page.getByPlaceholder('Masukkan password baru kamu')).toBeVisible();
  await expect(page.getByPlaceholder('Masukkan konfirmasi password')).toBeVisible();
  for (const rule of [
    'Minimal 8 karakter',
    'Terdapat minimal satu huruf kecil',
    'Terdapat minimal satu huruf besar',
    'Terdapat minimal satu angka',
    'Terdapat salah satu simbol: ! @ # $ % ^ & *',
  ]) {
    await expect(page.getByRole('listitem').filter({ hasText: rule })).toBeVisible();
  }
  await expect(page.getByLabel('SMS ke nomor handphone baru')).toBeChecked();
  await fillNewCredentials(page, { ...NEW_CONTACTS, password: NEW_PASSWORD });
  await checkNewCredentials(page);
  // Shown in full, as typed, before anything is sent; the password never.
  await expect(page.getByRole('definition').filter({ hasText: NEW_CONTACTS.phone }).first()).toBeVisible();
  await expect(page.getByText(NEW_CONTACTS.email, { exact: true })).toBeVisible();
  await expect(page.getByText(`SMS ke ${NEW_CONTACTS.phone}`, { exact: true })).toBeVisible();
  await expect(page.getByText(NEW_PASSWORD)).toHaveCount(0);
  await expect(otpMessages(page, NEW_CONTACTS.phoneMasked)).toHaveCount(0);
  await page.getByRole('button', { name: 'Kirim Kode OTP' }).click();

  // The code goes to the NEW phone, by SMS.
  await expect(heading(page, 'Verifikasi')).toBeVisible();
  await expect(page.getByText(`Masukkan kode OTP yang telah kami kirim ke ${NEW_CONTACTS.phoneMasked}.`, { exact: true })).toBeVisible();
  await enterOtp(page, await readOtp(page, NEW_CONTACTS.phoneMasked));
  await expectRecovered(page);
  await expect(page.getByText('Nomor handphone dan email akun Anda telah diganti dengan yang baru.')).toBeVisible();
  // The contacts now on the account, masked; the reference also by SMS to the new phone.
  await expect(page.getByText(`Nomor referensi juga dikirim lewat SMS ke ${NEW_CONTACTS.phoneMasked}.`)).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: NEW_CONTACTS.emailMasked })).toBeVisible();
  const referenceSms = phonePanel(page).getByRole('listitem').filter({ hasText: 'Nomor referensi pemulihan: PLH-' });
  await expect(referenceSms.filter({ hasText: NEW_CONTACTS.phoneMasked })).toHaveCount(1);

  // The notices go to the OLD phone and e-mail.
  const notices = phonePanel(page).getByRole('listitem').filter({ hasText: 'Bukan Anda?' });
  await expect(notices.filter({ hasText: SITI.phoneMasked })).toHaveCount(1);
  await expect(notices.filter({ hasText: SITI.emailMasked })).toHaveCount(1);

  await page.getByRole('button', { name: 'Kembali ke halaman Masuk' }).click();
  await signIn(page, NEW_CONTACTS.phone, NEW_PASSWORD);
  await expect(heading(page, 'Berhasil masuk')).toBeVisible();
  await expect(page.getByText(`Anda masuk sebagai S*** R*** (${NEW_CONTACTS.phoneMasked}).`)).toBeVisible();
});

test('by identity, a mistyped number is corrected before and after the code went out, and no identity try is spent on it', async ({ page }) => {
  const mistyped = { phone: '081377770099', phoneMasked: '08*****0099' };
  await verifyIdentity(page, SITI);
  await fillNewCredentials(page, { ...NEW_CONTACTS, phone: mistyped.phone, password: NEW_PASSWORD });
  await checkNewCredentials(page);
  // "Ubah": back to seed screen 4, everything kept.
  await page.getByRole('button', { name: 'Ubah' }).click();
  await expect(heading(page, 'Atur Ulang Password')).toBeVisible();
  await expect(page.getByLabel('Nomor Handphone Baru', { exact: true })).toHaveValue(mistyped.phone);
  await expect(page.getByLabel('Password Baru', { exact: true })).toHaveValue(NEW_PASSWORD);
  await sendNewCredentials(page);
  await expect(heading(page, 'Verifikasi')).toBeVisible();
  await expect(page.getByText(/^Kode berlaku [45]:\d\d lagi$/)).toBeVisible();
  await expect(page.getByText('SMS bisa memerlukan beberapa menit untuk sampai.')).toBeVisible();
  await readOtp(page, mistyped.phoneMasked);

  // The SMS never comes: "Tidak menerima SMS?" → the details again, the number corrected.
  await page.getByRole('button', { name: 'Tidak menerima SMS?' }).click();
  await expect(page.getByText(/Pusat Bantuan Kemnaker di 1500 630/)).toBeVisible();
  await page.getByRole('button', { name: 'Periksa atau ubah nomor handphone' }).click();
  await expect(heading(page, 'Periksa Data Anda')).toBeVisible();
  await expect(page.getByText(`SMS ke ${mistyped.phone}`, { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Ubah' }).click();
  await page.getByLabel('Nomor Handphone Baru', { exact: true }).fill(NEW_CONTACTS.phone);
  await sendNewCredentials(page);
  await expect(page.getByText(`Masukkan kode OTP yang telah kami kirim ke ${NEW_CONTACTS.phoneMasked}.`, { exact: true })).toBeVisible();
  await enterOtp(page, await readOtp(page, NEW_CONTACTS.phoneMasked));
  await expectRecovered(page);
  await expect(page.getByText(`Nomor referensi juga dikirim lewat SMS ke ${NEW_CONTACTS.phoneMasked}.`)).toBeVisible();

  // One identity try was spent (the check that passed), so a wrong one now leaves one.
  await page.getByRole('button', { name: 'Kembali ke halaman Masuk' }).click();
  await openRecoveryOptions(page);
  await chooseOption(page, 'Melalui Verifikasi Identitas');
  await fillIdentity(page, { ...SITI, mother: 'SITI AMINAH' });
  await page.getByRole('button', { name: 'Lanjutkan' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Data identitas tidak cocok' })).toHaveText('Data identitas tidak cocok. Sisa percobaan: 1.');
});

test('by identity, with the code sent to the new e-mail address instead', async ({ page }) => {
  await openRecoveryOptions(page);
  await chooseOption(page, 'Melalui Verifikasi Identitas');
  await fillIdentity(page, BUDI);
  await page.getByRole('button', { name: 'Lanjutkan' }).click();
  await expect(heading(page, 'Atur Ulang Password')).toBeVisible();
  await fillNewCredentials(page, { phone: '+62 813 7777 0022', email: 'budi.baru@example.org', password: 'Kelapa#88y', channel: 'email' });
  await checkNewCredentials(page);
  await expect(page.getByText('Email ke budi.baru@example.org', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Kirim Kode OTP' }).click();
  await expect(page.getByText('Masukkan kode OTP yang telah kami kirim ke b***@example.org.', { exact: true })).toBeVisible();
  await expect(otpMessages(page, '08*****0022')).toHaveCount(0);
  await enterOtp(page, await readOtp(page, 'b***@example.org'));
  await expectRecovered(page);
  await page.getByRole('button', { name: 'Kembali ke halaman Masuk' }).click();
  await signIn(page, 'budi.baru@example.org', 'Kelapa#88y');
  await expect(heading(page, 'Berhasil masuk')).toBeVisible();
});
