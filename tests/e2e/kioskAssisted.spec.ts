import { readFile } from 'node:fs/promises';
import { readAuditLog } from './fixtures/auditLog';
import { bridgeCall } from './fixtures/bridgeCall';
import { expect, test } from './fixtures/test';
import { confirmOperatorPin, DEMO_OPERATOR, signInOperator, signOutOperator } from './fixtures/operator';

test.describe('assisted kiosk (the training kiosk, no config file)', () => {
  test.use({ atCitizenScreen: false });

  test('starts on the officer sign-in, with the demo officer shown; no citizen screen before it', async ({ page }) => {
    await expect(page.getByRole('heading', { name: 'Masuk Petugas' })).toBeVisible();
    await expect(page.getByText('ID PTG001, PIN 246810')).toBeVisible();
    await expect(page.getByLabel('Email atau nomor handphone')).toHaveCount(0);
    // Main refuses citizen calls too, whatever the page shows.
    expect(await bridgeCall(page, 'signIn', { identifier: 'siti.rahayu@example.com', password: 'Lama#2024a' })).toEqual({
      ok: false,
      error: { code: 'OPERATOR_REQUIRED' },
    });
  });

  test('a wrong PIN is refused and cleared', async ({ page }) => {
    await page.getByLabel('ID Petugas').fill('PTG001');
    await page.getByLabel('PIN', { exact: true }).fill('111111');
    await page.getByRole('button', { name: 'Masuk Petugas' }).click();
    await expect(page.getByRole('alert')).toContainText('ID Petugas atau PIN salah.');
    await expect(page.getByLabel('PIN', { exact: true })).toHaveValue('');
    await expect(page.getByRole('heading', { name: 'Masuk Petugas' })).toBeVisible();
  });

  test('officer signs in → a citizen signs in and out → officer signs out, and citizens are refused again', async ({ page, kiosk }) => {
    await signInOperator(page);
    await expect(page.getByText(`Petugas: ${DEMO_OPERATOR.name}`)).toBeVisible();

    await page.getByLabel('Email atau nomor handphone').fill('siti.rahayu@example.com');
    await page.getByLabel('Password', { exact: true }).fill('Lama#2024a');
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Berhasil masuk' })).toBeVisible();
    await page.getByRole('button', { name: 'Keluar', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Masuk', exact: true })).toBeVisible();

    await signOutOperator(page);
    await expect(page.getByLabel('Email atau nomor handphone')).toHaveCount(0);
    expect(await bridgeCall(page, 'startRecovery', { path: 'phone', destination: '081234562797' })).toEqual({
      ok: false,
      error: { code: 'OPERATOR_REQUIRED' },
    });

    // The shift is in the audit log, the citizen's sign-in carrying the officer's id.
    const audit = await readAuditLog(kiosk.dataDir);
    const events = audit.map((e) => `${e.event}:${e.operatorId ?? '-'}`);
    expect(events).toEqual(expect.arrayContaining(['operator.signed-in:PTG001', 'signin.succeeded:PTG001', 'operator.signed-out:PTG001']));
  });

  test('the identity path is refused by main without the officer tick "KTP asli telah diperiksa petugas"', async ({ page }) => {
    await signInOperator(page);
    const identity = { nik: '3171014101900001', fullName: 'SITI RAHAYU', motherMaidenName: 'AMINAH' };
    expect(await bridgeCall(page, 'verifyIdentity', identity)).toEqual({
      ok: false,
      error: { code: 'VALIDATION_FAILED', field: 'idCardChecked' },
    });
    expect((await bridgeCall(page, 'verifyIdentity', { ...identity, idCardChecked: true })).ok).toBe(true);
  });
});

test('a signed-in officer exports today’s audit log as CSV into the kiosk’s data folder, in WIB', async ({ page, kiosk }) => {
  // The default fixture has already signed the demo officer in; the tool asks for the PIN again.
  await page.getByRole('button', { name: 'Ekspor Log Audit' }).click();
  await confirmOperatorPin(page, 'Ekspor Log Audit', 'Buka Ekspor');
  await expect(page.getByLabel('Dari tanggal (WIB)')).toBeVisible();
  await page.getByRole('button', { name: 'Ekspor', exact: true }).click();
  const status = page.getByRole('status').filter({ hasText: 'catatan disimpan ke' });
  await expect(status).toBeVisible();
  const text = (await status.textContent()) ?? '';
  const match = /(\d+) catatan disimpan ke (\S+\.csv)/.exec(text);
  expect(match, text).not.toBeNull();
  expect(match![2]!.startsWith(kiosk.dataDir)).toBe(true);
  const csv = await readFile(match![2]!, 'utf8');
  expect(csv).toContain('operator.signed-in');
  expect(csv).toMatch(/,\d{2}\/\d{2}\/\d{4} \d{2}\.\d{2}\.\d{2} WIB,/);
  expect(csv.trim().split('\r\n')).toHaveLength(Number(match![1]) + 1);
});

test.describe('officer tools out of a citizen’s reach', () => {
  test('the audit export and ending the session need the officer’s PIN; a wrong one opens nothing', async ({ page }) => {
    await page.getByRole('button', { name: 'Ekspor Log Audit' }).click();
    await confirmOperatorPin(page, 'Ekspor Log Audit', 'Buka Ekspor', '111111');
    const dialog = page.getByRole('dialog', { name: 'Ekspor Log Audit' });
    await expect(dialog.getByRole('alert')).toContainText('ID Petugas atau PIN salah.');
    await expect(dialog.getByLabel('PIN', { exact: true })).toHaveValue('');
    await dialog.getByRole('button', { name: 'Batal' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('heading', { name: 'Ekspor Log Audit (CSV)' })).toHaveCount(0);
    // Main refuses the export itself, whatever the page does.
    expect(await bridgeCall(page, 'exportAuditCsv', { from: '2026-01-01', to: '2026-01-01' })).toEqual({ ok: false, error: { code: 'FORBIDDEN' } });

    // Ending the session asks first; "Batal" keeps the officer.
    await page.getByRole('button', { name: 'Akhiri Sesi Petugas' }).click();
    const end = page.getByRole('dialog', { name: 'Akhiri Sesi Petugas?' });
    await expect(end.getByLabel('PIN', { exact: true })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(end).toBeHidden();
    await expect(page.getByText(`Petugas: ${DEMO_OPERATOR.name}`)).toBeVisible();
    await signOutOperator(page);
  });

  test('"Batal" asks before a recovery is thrown away: "Tidak" keeps what was typed', async ({ page }) => {
    await page.getByRole('button', { name: 'Kendala Masuk ke Akun?' }).click();
    await page.getByRole('button', { name: /^Melalui Nomor Handphone/ }).click();
    await page.getByLabel('Nomor Handphone', { exact: true }).fill('081234562797');
    await page.getByRole('button', { name: 'Batal' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Batalkan pemulihan?' });
    await expect(confirm.getByRole('button', { name: 'Tidak' })).toBeFocused();
    await confirm.getByRole('button', { name: 'Tidak' }).click();
    await expect(page.getByLabel('Nomor Handphone', { exact: true })).toHaveValue('081234562797');
    await page.getByRole('button', { name: 'Batal' }).click();
    await confirm.getByRole('button', { name: 'Ya, batalkan' }).click();
    await expect(page.getByRole('heading', { name: 'Masuk', exact: true })).toBeVisible();
  });
});
