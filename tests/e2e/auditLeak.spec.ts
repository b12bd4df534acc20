import { randomInt } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import {
  chooseOption,
  enterOtp,
  expectRecovered,
  fillIdentity,
  fillNewCredentials,
  sendNewCredentials,
  heading,
  openRecoveryOptions,
  readOtp,
  signIn,
} from './fixtures/flows';
import { expect, test } from './fixtures/test';

// A whole recovery is a long story on a shared 2-core machine.
test.describe.configure({ timeout: 90_000 });

const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const word = (n: number) => Array.from({ length: n }, () => LETTERS[randomInt(LETTERS.length)]).join('');
const digits = (n: number) => Array.from({ length: n }, () => String(randomInt(10))).join('');

/** A citizen nobody has seen before: every secret in this test is fresh, so a hit cannot be a coincidence. */
function generatedCitizen() {
  const nik = `3171${digits(2)}${String(1 + randomInt(28)).padStart(2, '0')}0${1 + randomInt(9)}9${randomInt(10)}${digits(3)}${1 + randomInt(9)}`;
  return {
    nik,
    fullName: `${word(7)} ${word(8)}`,
    mother: `${word(6)} ${word(9)}`,
    wrongMother: `${word(6)} ${word(9)}`,
    phone: `0813${digits(8)}`,
    email: `${word(8).toLowerCase()}@example.com`,
    password: `Lama#${digits(4)}${word(2).toLowerCase()}`,
    newPhone: `0857${digits(8)}`,
    newEmail: `${word(8).toLowerCase()}@example.org`,
    newPassword: `Baru!${digits(4)}${word(2).toLowerCase()}`,
  };
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

test('a full identity recovery leaves no typed secret in the kiosk’s files, output, console or storage', async ({ page, kiosk }) => {
  const citizen = generatedCitizen();
  const created = await fetch(`${kiosk.stubUrl}/__test/accounts`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      nik: citizen.nik,
      fullName: citizen.fullName,
      motherMaidenName: citizen.mother,
      phone: citizen.phone,
      email: citizen.email,
      password: citizen.password,
    }),
  });
  expect(created.status).toBe(201);

  const console: string[] = [];
  page.on('console', (message) => console.push(message.text()));
  page.on('pageerror', (error) => console.push(String(error)));

  // A wrong try (a mother's name typed and rejected), then the right one.
  await openRecoveryOptions(page);
  await chooseOption(page, 'Melalui Verifikasi Identitas');
  await fillIdentity(page, { nik: citizen.nik, fullName: citizen.fullName, mother: citizen.wrongMother });
  await page.getByRole('button', { name: 'Lanjutkan' }).click();
  await expect(page.getByRole('alert')).toContainText('Data identitas tidak cocok');
  await page.getByLabel('Nama Ibu Kandung', { exact: true }).fill(citizen.mother);
  await page.getByRole('button', { name: 'Lanjutkan' }).click();
  await expect(heading(page, 'Atur Ulang Password')).toBeVisible();

  await fillNewCredentials(page, { phone: citizen.newPhone, email: citizen.newEmail, password: citizen.newPassword });
  await sendNewCredentials(page);
  await expect(heading(page, 'Verifikasi')).toBeVisible();
  const newPhoneMasked = `08*****${citizen.newPhone.slice(-4)}`;
  const otp = await readOtp(page, newPhoneMasked);
  await enterOtp(page, otp);
  await expectRecovered(page);
  await page.getByRole('button', { name: 'Kembali ke halaman Masuk' }).click();
  await signIn(page, citizen.newPhone, citizen.newPassword);
  await expect(heading(page, 'Berhasil masuk')).toBeVisible();

  const storage = await page.evaluate(() => {
    const { localStorage, sessionStorage } = globalThis as unknown as { localStorage: Record<string, string>; sessionStorage: Record<string, string> };
    return JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage });
  });

  // What the kiosk must never keep or print (docs/architecture.md §6): passwords, OTPs, the mother's
  // maiden name (right or wrong), the full NIK, full names. Phone and e-mail appear only masked.
  const never: Record<string, string> = {
    'old password': citizen.password,
    'new password': citizen.newPassword,
    'OTP code': otp,
    "mother's maiden name": citizen.mother,
    "mother's maiden name (wrong try)": citizen.wrongMother,
    'full NIK': citizen.nik,
    'full name': citizen.fullName,
    'family name': citizen.fullName.split(' ')[1]!,
    'new phone': citizen.newPhone,
    'new phone, E.164': `+62${citizen.newPhone.slice(1)}`,
    'new e-mail': citizen.newEmail,
  };

  const places: [string, string][] = [
    ['shell output', kiosk.output()],
    ['browser console', console.join('\n')],
    ['page storage', storage],
  ];
  // The kiosk's own files: audit log, keys, exports. (stub/ is the embedded backend's
  // database, which holds accounts by design; it is checked for what no backend may keep.)
  const files = await filesUnder(kiosk.dataDir);
  const kioskFiles = files.filter((f) => !relative(kiosk.dataDir, f).startsWith('stub'));
  expect(kioskFiles.some((f) => f.includes('audit-'))).toBe(true);
  for (const file of kioskFiles) places.push([relative(kiosk.dataDir, file), await readFile(file, 'latin1')]);

  for (const [where, text] of places) {
    for (const [what, secret] of Object.entries(never)) {
      expect(text.includes(secret), `${what} found in ${where}`).toBe(false);
    }
  }

  // (OTP codes do stay there: the training outbox is the simulated phone that shows them.)
  const backendSecrets = { 'new password': citizen.newPassword, "mother's maiden name (wrong try)": citizen.wrongMother };
  for (const file of files.filter((f) => relative(kiosk.dataDir, f).startsWith('stub'))) {
    const text = await readFile(file, 'latin1');
    for (const [what, secret] of Object.entries(backendSecrets)) {
      expect(text.includes(secret), `${what} found in the stub's ${relative(kiosk.dataDir, file)}`).toBe(false);
    }
  }

  // And the audit log did record the story, masked.
  const audit = (await Promise.all(kioskFiles.filter((f) => f.includes('audit-')).map((f) => readFile(f, 'utf8')))).join('');
  expect(audit).toContain('"identity.failed"');
  expect(audit).toContain('"credentials.changed"');
  expect(audit).toContain(`${citizen.nik.slice(0, 6)}******${citizen.nik.slice(-4)}`);
});
