import { bridgeCall } from './fixtures/bridgeCall';
import { onScreenKeyboard, tapKeys } from './fixtures/onScreenKeyboard';
import { expect, test } from './fixtures/test';

const SITI = { email: 'siti.rahayu@example.com', password: 'Lama#2024a' };

test.describe('self-service kiosk', () => {
  test.use({ kioskMode: 'self-service', atCitizenScreen: false });

  test('shows the attract screen; a touch leads to the first screen, with no officer anywhere', async ({ page }) => {
    await expect(page.getByRole('heading', { name: 'Sentuh layar untuk memulai' })).toBeVisible();
    await page.getByRole('heading', { name: 'Sentuh layar untuk memulai' }).click();
    await expect(page.getByRole('heading', { name: 'Masuk', exact: true })).toBeVisible();
    await expect(page.getByText(/Petugas:/)).toHaveCount(0);
    expect(await bridgeCall(page, 'operatorSignIn', { staffId: 'PTG001', pin: '246810' })).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  test('a citizen signs in with the on-screen keyboard alone', async ({ page }) => {
    // About forty taps, each one waiting for the page: more than the default 30 s on a busy machine.
    test.slow();
    await page.getByRole('button', { name: 'Mulai' }).click();
    const keyboard = onScreenKeyboard(page);
    await expect(keyboard).toBeHidden();

    await page.getByLabel('Email atau nomor handphone').click();
    await expect(keyboard).toBeVisible();
    await expect(keyboard.getByRole('button', { name: '@', exact: true })).toBeVisible();
    await tapKeys(page, SITI.email);
    await expect(page.getByLabel('Email atau nomor handphone')).toHaveValue(SITI.email);
    // Typing kept the focus in the field: the keys never took it.
    await expect(page.getByLabel('Email atau nomor handphone')).toBeFocused();

    await page.getByLabel('Password', { exact: true }).click();
    await tapKeys(page, 'Lama#2024x');
    await keyboard.getByRole('button', { name: 'Hapus' }).click();
    await tapKeys(page, 'a');
    await expect(page.getByLabel('Password', { exact: true })).toHaveValue(SITI.password);

    await keyboard.getByRole('button', { name: 'Lanjut' }).click();
    await expect(page.getByRole('heading', { name: 'Berhasil masuk' })).toBeVisible();
    await expect(page.getByText('s***@example.com')).toBeVisible();
  });

  test('the keyboard is a digit pad for the NIK and letters again for the name', async ({ page }) => {
    test.slow();
    await page.getByRole('button', { name: 'Mulai' }).click();
    await page.getByRole('button', { name: 'Kendala Masuk ke Akun?' }).click();
    await page.getByRole('button', { name: /Melalui Verifikasi Identitas/ }).click();
    const keyboard = onScreenKeyboard(page);
    const nik = page.getByLabel('Nomor Induk Kependudukan (No. KTP)');
    await nik.click();
    await expect(keyboard.getByRole('button', { name: '7', exact: true })).toBeVisible();
    await expect(keyboard.getByRole('button', { name: 'q', exact: true })).toHaveCount(0);
    await tapKeys(page, '3171014101900001');
    expect((await nik.inputValue()).replace(/\D/g, '')).toBe('3171014101900001');

    await page.getByLabel('Nama Lengkap').click();
    await expect(keyboard.getByRole('button', { name: 'q', exact: true })).toBeVisible();
    await tapKeys(page, 'SITI');
    await expect(page.getByLabel('Nama Lengkap')).toHaveValue('SITI');
  });
});
