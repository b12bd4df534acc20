/**
 * Figure: the taps a touch-only citizen needs for the identity path at a
 * self-service kiosk, from the attract screen's "Mulai" to "Akun berhasil
 * dipulihkan" (issue #13: 163 then, aim ≤ 110).
 *
 * Counted: every tap on a button of the page (Mulai, Kendala Masuk ke Akun?,
 * the path, each step's submit, "Kirim Kode OTP" where the check screen
 * exists), every tap on a field to put the cursor in it (none when the field
 * already has focus), and every key of the on-screen keyboard, case keys
 * included. Characters are typed only through the on-screen keyboard, the
 * way a citizen who knows it types (tests/e2e/fixtures/onScreenKeyboard.ts
 * `tapKeys`: Caps Lock for two or more capitals in a row if the keyboard has
 * one, Shift for a single capital, "@gmail.com"/".com" keys where they fit).
 * The OTP is read off the training phone panel (reading is not a tap).
 *
 * The citizen is the demo's SITI RAHAYU (tests/demoCitizens.ts) with a new
 * number, a Gmail address (Indonesia's most common) and a new password. The
 * count does not depend on the machine: one walk, no repetitions.
 */
import type { Browser, Locator, Page } from '@playwright/test';
import { SITI } from '../tests/demoCitizens';
import { tapKeys } from '../tests/e2e/fixtures/onScreenKeyboard';
import type { Row } from './lib/report';
import type { BenchShell } from './lib/shell';
import { otpFromPhonePanel } from './lib/wizard';

export const TAPS_TARGET = 110;
/** What issue #13 counted before the keyboard-aware work. */
const ISSUE_FIGURE = 163;

/** A self-service kiosk (the attract screen, the on-screen keyboard); the embedded stub makes it a training kiosk. */
export const TAPS_CONFIG = { mode: 'self-service' } as const;

export const TAP_CITIZEN = {
  nik: SITI.nik,
  fullName: SITI.fullName,
  mother: SITI.mother,
  newPhone: '081377770011',
  newPhoneMasked: '08*****0011',
  newEmail: 'siti.rahayu@gmail.com',
  newPassword: 'Pulih#2026b',
} as const;

const STEP_TIMEOUT_MS = 15_000;

interface StepCount {
  step: string;
  buttons: number;
  fields: number;
  keys: number;
}

function heading(page: Page, name: string): Locator {
  return page.getByRole('heading', { level: 1, name, exact: true });
}

/** Walks the path, counting taps; returns the count per step. */
async function walk(page: Page): Promise<StepCount[]> {
  const steps: StepCount[] = [];
  let current: StepCount = { step: 'start', buttons: 0, fields: 0, keys: 0 };
  const step = (name: string) => {
    current = { step: name, buttons: 0, fields: 0, keys: 0 };
    steps.push(current);
  };
  const tapButton = async (button: Locator) => {
    await button.click();
    current.buttons += 1;
  };
  const button = (name: string | RegExp) => page.getByRole('button', { name, exact: typeof name === 'string' });
  const type = async (label: string, text: string) => {
    const field = page.getByLabel(label, { exact: true });
    const focused = await field.evaluate((el) => el === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement);
    if (!focused) {
      await field.click();
      current.fields += 1;
    }
    await tapKeys(page, text, () => {
      current.keys += 1;
    });
    if ((await field.inputValue()).replace(/\s/g, '') !== text.replace(/\s/g, '')) throw new Error(`"${label}" holds something else than what was typed`);
  };

  step('attract → Masuk → Pemulihan Akun → identity');
  await tapButton(button('Mulai'));
  await heading(page, 'Masuk').waitFor();
  await tapButton(button('Kendala Masuk ke Akun?'));
  await heading(page, 'Pemulihan Akun').waitFor();
  await tapButton(button(/^Melalui Verifikasi Identitas/));

  step('Isi data diri');
  await type('Nomor Induk Kependudukan (No. KTP)', TAP_CITIZEN.nik);
  await type('Nama Lengkap', TAP_CITIZEN.fullName);
  await type('Nama Ibu Kandung', TAP_CITIZEN.mother);
  await tapButton(button('Lanjutkan'));
  await heading(page, 'Atur Ulang Password').waitFor();

  step('Atur Ulang Password');
  await type('Nomor Handphone Baru', TAP_CITIZEN.newPhone);
  await type('Alamat Email Baru', TAP_CITIZEN.newEmail);
  await type('Password Baru', TAP_CITIZEN.newPassword);
  await type('Konfirmasi Password', TAP_CITIZEN.newPassword);
  await tapButton(button('Lanjutkan'));
  const check = heading(page, 'Periksa Data Anda');
  await check.or(heading(page, 'Verifikasi')).first().waitFor();
  if (await check.isVisible()) {
    step('Periksa Data Anda');
    await tapButton(button('Kirim Kode OTP'));
    await heading(page, 'Verifikasi').waitFor();
  }

  step('Verifikasi');
  const code = await otpFromPhonePanel(page, TAP_CITIZEN.newPhoneMasked);
  await type('Kode OTP', code);
  await tapButton(button('Konfirmasi'));
  await heading(page, 'Akun berhasil dipulihkan').waitFor();
  return steps;
}

export async function benchTaps(opts: { browser: Browser; shell: BenchShell }): Promise<{ rows: Row[]; details: Record<string, unknown> }> {
  const context = await opts.browser.newContext({ viewport: { width: 1920, height: 1080 } });
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    await page.goto(await opts.shell.newAppUrl());
    const steps = await walk(page);
    const sum = (key: 'buttons' | 'fields' | 'keys') => steps.reduce((n, s) => n + s[key], 0);
    const total = sum('buttons') + sum('fields') + sum('keys');
    const typed = [TAP_CITIZEN.nik, TAP_CITIZEN.fullName, TAP_CITIZEN.mother, TAP_CITIZEN.newPhone, TAP_CITIZEN.newEmail, TAP_CITIZEN.newPassword]
      .map((s) => s.length)
      .reduce((a, b) => a + b, TAP_CITIZEN.newPassword.length + 6);
    return {
      rows: [
        {
          id: 'taps.identity',
          figure: 'taps, identity path, touch only, self-service ("Mulai" → "Akun berhasil dipulihkan")',
          value: total,
          unit: 'taps',
          floorLabel: `issue #13: ${ISSUE_FIGURE}`,
          floor: null,
          ratio: null,
          target: `≤ ${TAPS_TARGET} taps`,
          pass: total <= TAPS_TARGET,
          samples: 1,
          note: `keys ${sum('keys')} (for ${typed} characters), fields ${sum('fields')}, buttons ${sum('buttons')}; ${steps.map((s) => `${s.step} ${s.buttons + s.fields + s.keys}`).join(', ')}`,
        },
      ],
      details: { citizen: { ...TAP_CITIZEN, nik: undefined, mother: undefined, newPassword: undefined }, characters: typed, steps },
    };
  } finally {
    await context.close();
  }
}
