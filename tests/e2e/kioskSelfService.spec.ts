import { bridgeCall } from './fixtures/bridgeCall';
import { keyboardKey, onScreenKeyboard, tapKeys } from './fixtures/onScreenKeyboard';
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

  test('"Lanjut" goes to the next field and signs in only from the last; e-mail keys, Caps Lock and Shift show their state', async ({ page }) => {
    test.slow();
    await page.getByRole('button', { name: 'Mulai' }).click();
    const identifier = page.getByLabel('Email atau nomor handphone');
    const password = page.getByLabel('Password', { exact: true });
    await identifier.click();
    await keyboardKey(page, 'b').click();
    await keyboardKey(page, '@gmail.com').click();
    await expect(identifier).toHaveValue('b@gmail.com');
    await identifier.fill(SITI.email);

    await keyboardKey(page, 'Lanjut').click();
    await expect(password).toBeFocused();
    await expect(page.getByRole('heading', { name: 'Masuk', exact: true })).toBeVisible();
    // Not an e-mail field: no e-mail keys, letters and symbols again.
    await expect(keyboardKey(page, '@gmail.com')).toHaveCount(0);

    const capsLock = keyboardKey(page, 'Kunci kapital');
    const shift = keyboardKey(page, 'Huruf besar');
    await expect(capsLock).toHaveAttribute('aria-pressed', 'false');
    await capsLock.click();
    await expect(capsLock).toHaveAttribute('aria-pressed', 'true');
    await keyboardKey(page, 'L').click();
    await keyboardKey(page, 'A').click();
    await capsLock.click();
    await expect(capsLock).toHaveAttribute('aria-pressed', 'false');
    await shift.click();
    await expect(shift).toHaveAttribute('aria-pressed', 'true');
    await keyboardKey(page, 'M').click();
    await expect(shift).toHaveAttribute('aria-pressed', 'false');
    await keyboardKey(page, 'a').click();
    await expect(password).toHaveValue('LAMa');
    // Every key is at least 48 px tall, and the keys with a symbol carry a word too.
    const heights = await onScreenKeyboard(page).getByRole('button').evaluateAll((keys) => keys.map((k) => k.getBoundingClientRect().height));
    expect(Math.min(...heights)).toBeGreaterThanOrEqual(48);
    await expect(keyboardKey(page, 'Hapus')).toHaveText('⌫ Hapus');
    await expect(shift).toHaveText('⇧ Huruf besar');

    await password.fill(SITI.password);
    await keyboardKey(page, 'Lanjut').click();
    await expect(page.getByRole('heading', { name: 'Berhasil masuk' })).toBeVisible();
  });
});
