import type { Locator, Page } from '@playwright/test';
import { chooseOption, heading, NEW_CONTACTS, NEW_PASSWORD, openRecoveryOptions, readOtp, SITI } from './fixtures/flows';
import { keyboardKey, onScreenKeyboard } from './fixtures/onScreenKeyboard';
import { expect, test } from './fixtures/test';

/**
 * Issue #13's blocker: at a self-service kiosk the on-screen keyboard must
 * never cover the field being typed into. On every field of every path, at
 * a landscape 1366×768 and a portrait 1080×1920 screen: the citizen taps the
 * field, and its label, the field, its hint, its error and what else
 * describes it (the password checklist) lie fully inside the screen above
 * the keyboard's top edge; the step's button can be scrolled above the
 * keyboard. One kiosk per screen size and path; values are filled in
 * directly once the geometry is checked (typing by keys is tested in
 * kioskSelfService.spec.ts).
 */

/** The few browser globals used inside `evaluate`, typed structurally (the node typecheck has no DOM library; see fixtures/pageGlobals.ts). */
interface PageBox {
  top: number;
  bottom: number;
  left: number;
  right: number;
  height: number;
}
interface PageElement {
  getBoundingClientRect(): PageBox;
  getAttribute(name: string): string | null;
  textContent: string | null;
  labels?: ArrayLike<PageElement> | null;
}
interface PageWindow {
  document: {
    querySelector(selector: string): PageElement | null;
    getElementById(id: string): PageElement | null;
    documentElement: { scrollHeight: number };
  };
  innerWidth: number;
  innerHeight: number;
  scrollBy(options: { top: number; behavior: 'instant' }): void;
  scrollTo(options: { top: number; behavior: 'instant' }): void;
}

/** Everything of `field` that must be seen, and where it is against the keyboard's top edge: a list of what is out of sight. */
function outOfSight(field: Locator): Promise<string[]> {
  return field.evaluate((el) => {
    const { document, innerWidth } = globalThis as unknown as PageWindow;
    const keyboard = document.querySelector('[role="group"][aria-label="Keyboard layar"]');
    if (!keyboard || keyboard.getBoundingClientRect().height === 0) return ['the keyboard is not shown'];
    const keyboardTop = keyboard.getBoundingClientRect().top;
    const input = el as unknown as PageElement;
    const parts: [string, PageElement | null][] = [
      ['the field', input],
      ['its label', input.labels?.[0] ?? null],
      ...(input.getAttribute('aria-describedby') ?? '')
        .split(/\s+/)
        .filter(Boolean)
        .map((id): [string, PageElement | null] => {
          const d = document.getElementById(id);
          return [`its description "${(d?.textContent ?? '').trim().slice(0, 40)}"`, d];
        }),
    ];
    const problems: string[] = [];
    for (const [what, part] of parts) {
      if (!part) continue;
      const r = part.getBoundingClientRect();
      if (r.height === 0) continue;
      if (r.top < 0) problems.push(`${what}: top ${Math.round(r.top)} above the screen`);
      if (r.bottom > keyboardTop) problems.push(`${what}: bottom ${Math.round(r.bottom)} below the keyboard's top ${Math.round(keyboardTop)}`);
      if (r.left < 0 || r.right > innerWidth) problems.push(`${what}: outside the screen's width`);
    }
    return problems;
  });
}

/** Taps `label`'s field as a citizen does and checks it stays in sight above the keyboard. */
async function tapField(page: Page, label: string): Promise<Locator> {
  const field = page.getByLabel(label, { exact: true });
  await field.click();
  await expect(field).toBeFocused();
  await expect(onScreenKeyboard(page)).toBeVisible();
  await expect.poll(() => outOfSight(field), { message: `"${label}" out of sight`, timeout: 3_000 }).toEqual([]);
  return field;
}

/** Taps the field, checks it, fills it in. */
async function enter(page: Page, label: string, value: string): Promise<void> {
  const field = await tapField(page, label);
  await field.fill(value);
  // Typing may change what describes it (the password checklist): still in sight.
  await expect.poll(() => outOfSight(field), { message: `"${label}" out of sight after typing`, timeout: 3_000 }).toEqual([]);
}

/** With the keyboard up, the step's button can be scrolled fully into the screen above the keyboard. */
async function expectButtonReachable(page: Page, name: string): Promise<void> {
  await expect(onScreenKeyboard(page)).toBeVisible();
  const button = page.getByRole('button', { name, exact: true });
  const where = await button.evaluate((b) => {
    const window = globalThis as unknown as PageWindow;
    const keyboardTop = window.document.querySelector('[role="group"][aria-label="Keyboard layar"]')?.getBoundingClientRect().top ?? window.innerHeight;
    const before = b.getBoundingClientRect();
    // As a finger would: scroll the page by as much as the button is below the keyboard (or above the screen).
    if (before.bottom > keyboardTop) window.scrollBy({ top: before.bottom - keyboardTop + 8, behavior: 'instant' });
    else if (before.top < 0) window.scrollBy({ top: before.top - 8, behavior: 'instant' });
    const after = b.getBoundingClientRect();
    return { top: after.top, bottom: after.bottom, keyboardTop };
  });
  expect(where.top, `"${name}" above the screen`).toBeGreaterThanOrEqual(0);
  expect(where.bottom, `"${name}" under the keyboard`).toBeLessThanOrEqual(where.keyboardTop);
}

async function submit(page: Page, name: string): Promise<void> {
  await expectButtonReachable(page, name);
  await page.getByRole('button', { name, exact: true }).click();
}

/** From "Atur Ulang Password" (identity path) to "Verifikasi": through the check screen where the kiosk has one. */
async function toCodeScreen(page: Page): Promise<void> {
  const check = heading(page, 'Periksa Data Anda');
  await expect(check.or(heading(page, 'Verifikasi'))).toBeVisible();
  if (await check.isVisible()) await page.getByRole('button', { name: 'Kirim Kode OTP', exact: true }).click();
  await expect(heading(page, 'Verifikasi')).toBeVisible();
}

async function newPasswordScreen(page: Page): Promise<void> {
  await expect(heading(page, 'Atur Ulang Password')).toBeVisible();
  await enter(page, 'Password Baru', NEW_PASSWORD);
  await enter(page, 'Konfirmasi Password', NEW_PASSWORD);
  await expectButtonReachable(page, 'Lanjutkan');
}

/** Issue #13's two screens for every path; the full-HD screen for the identity path, whose password rules the keyboard hid there. */
const SCREENS = [
  { width: 1366, height: 768, everyPath: true },
  { width: 1080, height: 1920, everyPath: true },
  { width: 1920, height: 1080, everyPath: false },
] as const;

for (const { everyPath, ...viewport } of SCREENS) {
  test.describe(`the on-screen keyboard covers no field at ${viewport.width}×${viewport.height}`, () => {
    test.use({ kioskMode: 'self-service', viewport });
    // Every field tapped and measured, each step a round trip: more than the default on a busy machine.
    test.slow();

    if (everyPath) test('sign-in, its errors included', async ({ page }) => {
      // Errors first: each field then has its message under it.
      await page.getByRole('button', { name: 'Masuk', exact: true }).click();
      await expect(page.getByRole('heading', { name: 'Ada masalah', exact: true })).toBeVisible();
      await enter(page, 'Email atau nomor handphone', SITI.email);
      await enter(page, 'Password', SITI.password);
      await submit(page, 'Masuk');
      await expect(heading(page, 'Berhasil masuk')).toBeVisible();
    });

    if (everyPath) test('phone path: number (and its error), code, new password', async ({ page }) => {
      await openRecoveryOptions(page);
      await chooseOption(page, 'Melalui Nomor Handphone');
      const phone = await tapField(page, 'Nomor Handphone');
      await phone.fill('0812');
      // "Lanjut" on the only field sends the form: the error appears under the field, in sight.
      await keyboardKey(page, 'Lanjut').click();
      await expect(page.getByLabel('Nomor Handphone', { exact: true })).toHaveAttribute('aria-invalid', 'true');
      await tapField(page, 'Nomor Handphone');
      await phone.fill(SITI.phone);
      await submit(page, 'Lanjutkan');
      await expect(heading(page, 'Verifikasi')).toBeVisible();
      await enter(page, 'Kode OTP', await readOtp(page, SITI.phoneMasked));
      await submit(page, 'Konfirmasi');
      await newPasswordScreen(page);
    });

    if (everyPath) test('e-mail path: address, code, new password', async ({ page }) => {
      await openRecoveryOptions(page);
      await chooseOption(page, 'Melalui Email');
      await enter(page, 'Email', SITI.email);
      await submit(page, 'Lanjutkan');
      await expect(heading(page, 'Verifikasi')).toBeVisible();
      await enter(page, 'Kode OTP', await readOtp(page, SITI.emailMasked));
      await submit(page, 'Konfirmasi');
      await newPasswordScreen(page);
    });

    test('identity path: NIK, names, new contacts and password, code', async ({ page }) => {
      await openRecoveryOptions(page);
      await chooseOption(page, 'Melalui Verifikasi Identitas');
      await enter(page, 'Nomor Induk Kependudukan (No. KTP)', SITI.nik);
      await enter(page, 'Nama Lengkap', SITI.fullName);
      await enter(page, 'Nama Ibu Kandung', SITI.mother);
      await submit(page, 'Lanjutkan');
      await expect(heading(page, 'Atur Ulang Password')).toBeVisible();
      await enter(page, 'Nomor Handphone Baru', NEW_CONTACTS.phone);
      // Left empty: its error appears above the next field as the citizen moves on, pushing it down.
      await tapField(page, 'Alamat Email Baru');
      await enter(page, 'Password Baru', NEW_PASSWORD);
      await expect(page.getByLabel('Alamat Email Baru', { exact: true })).toHaveAttribute('aria-invalid', 'true');
      await enter(page, 'Alamat Email Baru', NEW_CONTACTS.email);
      await enter(page, 'Konfirmasi Password', NEW_PASSWORD);
      await submit(page, 'Lanjutkan');
      await toCodeScreen(page);
      await enter(page, 'Kode OTP', await readOtp(page, NEW_CONTACTS.phoneMasked));
      await expectButtonReachable(page, 'Konfirmasi');
    });
  });
}

test.describe('the room under the page while the keyboard is up', () => {
  test.use({ kioskMode: 'self-service', viewport: { width: 1366, height: 768 }, hasTouch: true });

  test('a tap on the step’s button scrolled above the keyboard lands on it (nothing moves under the finger)', async ({ page }) => {
    const room = page.locator('.osk-room');
    await expect(room).toHaveCount(0);
    await enter(page, 'Email atau nomor handphone', SITI.email);
    await enter(page, 'Password', SITI.password);
    // The room exists only while the keyboard is up, and is as tall as it.
    const [roomHeight, keyboardHeight] = await Promise.all([room.evaluate((r) => r.getBoundingClientRect().height), onScreenKeyboard(page).evaluate((k) => k.getBoundingClientRect().height)]);
    expect(roomHeight).toBeGreaterThan(200);
    expect(Math.abs(roomHeight - keyboardHeight)).toBeLessThan(1);
    // Scrolled all the way down into that room, then the button tapped.
    await page.evaluate(() => {
      const window = globalThis as unknown as PageWindow;
      window.scrollTo({ top: window.document.documentElement.scrollHeight, behavior: 'instant' });
    });
    await expectButtonReachable(page, 'Masuk');
    await page.getByRole('button', { name: 'Masuk', exact: true }).tap();
    await expect(heading(page, 'Berhasil masuk')).toBeVisible();
    await expect(onScreenKeyboard(page)).toBeHidden();
    await expect(room).toHaveCount(0);
  });
});
