import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { signInOperator } from './fixtures/operator';
import { onScreenKeyboard } from './fixtures/onScreenKeyboard';
import {
  BUDI,
  chooseOption,
  enterOtp,
  expectRecovered,
  fillIdentity,
  fillNewCredentials,
  heading,
  NEW_CONTACTS,
  NEW_PASSWORD,
  openRecoveryOptions,
  phonePanel,
  readOtp,
  setNewPassword,
  signIn,
  SITI,
} from './fixtures/flows';
import { expect, test } from './fixtures/test';

/**
 * axe-core (WCAG 2.0/2.1 A and AA) over every step of every path, in both
 * languages, training phone included (docs/architecture.md §7), and every
 * control a citizen touches at least 48 px tall.
 *
 * One kiosk per path. Each path is one list of steps: a step is reached
 * with the shared walks of fixtures/flows.ts (Indonesian, as trainees do
 * it), then checked in Bahasa Indonesia, switched to English with the
 * language control, checked again, and switched back, so the walk goes on.
 */

interface Step {
  /** What the report calls the screen. */
  name: string;
  /** From the previous step (or the kiosk's first screen) to this one, ending when it shows. */
  reach: (page: Page) => Promise<void>;
}

const WCAG_A_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
/** A touch target, as tall as a fingertip needs (issue #13, item 13). */
const MIN_TARGET_PX = 48;

/** Serious and critical axe violations on the page as it is now: rule, impact, and every element. */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_A_AA).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')} — ${n.failureSummary?.split('\n')[1]?.trim() ?? v.help}`));
}

/**
 * Every visible control a person can touch that is shorter than 48 px: buttons,
 * links, text inputs, and for a checkbox or radio the label around it (its hit area).
 */
async function smallTargets(page: Page): Promise<string[]> {
  return page.locator('button:visible, a[href]:visible, input:visible, select:visible, textarea:visible, [role="button"]:visible').evaluateAll(
    (elements, min) =>
      elements
        .map((el) => {
          const input = el as unknown as { tagName: string; type?: string; closest: (s: string) => Element | null };
          const isTick = input.tagName === 'INPUT' && (input.type === 'checkbox' || input.type === 'radio');
          const target = isTick ? (input.closest('label') ?? el) : el;
          // Behind a modal (inert) nothing can be touched.
          if (input.closest('[inert]')) return { html: '', height: 0 };
          const box = target.getBoundingClientRect();
          return { html: target.outerHTML.replace(/\s+/g, ' ').slice(0, 90), height: box.height };
        })
        .filter(({ height }) => height > 0 && height < min)
        .map(({ html, height }) => `${Math.round(height)} px: ${html}`),
    MIN_TARGET_PX,
  );
}

async function check(page: Page, step: string, language: string): Promise<void> {
  // Let transitions and late-loading screens settle: axe reads the page as a person would see it.
  await page.waitForLoadState('domcontentloaded');
  expect.soft(await seriousViolations(page), `axe serious/critical on "${step}" (${language})`).toEqual([]);
  expect.soft(await smallTargets(page), `targets under ${MIN_TARGET_PX} px on "${step}" (${language})`).toEqual([]);
}

/** Checks the step in Bahasa Indonesia, then in English (switched as a person switches), then back. */
async function checkBothLanguages(page: Page, step: string): Promise<void> {
  const html = page.locator('html');
  await expect(html).toHaveAttribute('lang', 'id');
  await check(page, step, 'id');
  // While a dialog is up, only the dialog can be touched: its own language control, if it has one.
  const dialog = page.getByRole('alertdialog');
  const scope = (await dialog.isVisible()) ? dialog : page;
  const toEnglish = scope.getByRole('button', { name: 'English' });
  if (!(await toEnglish.isVisible())) {
    // Said in the report rather than hidden: this screen has no language control (yet).
    test.info().annotations.push({ type: 'no language switch', description: step });
    return;
  }
  await toEnglish.click();
  await expect(html).toHaveAttribute('lang', 'en');
  await check(page, step, 'en');
  await scope.getByRole('button', { name: 'Bahasa Indonesia' }).click();
  await expect(html).toHaveAttribute('lang', 'id');
}

async function walk(page: Page, steps: Step[]): Promise<void> {
  // About ten screens, each checked twice, on a machine the other tests share.
  test.setTimeout(steps.length * 30_000);
  for (const step of steps) {
    await test.step(step.name, async () => {
      await step.reach(page);
      await checkBothLanguages(page, step.name);
    });
  }
}

// ---- small local walks (the shared ones live in fixtures/flows.ts) ----

const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });

async function toVerification(page: Page, destination: string): Promise<void> {
  await button(page, 'Lanjutkan').click();
  await expect(heading(page, 'Verifikasi')).toBeVisible();
  // The training phone open, with the code on it.
  await expect(phonePanel(page)).toBeVisible();
  await readOtp(page, destination);
}

async function toDone(page: Page): Promise<void> {
  await setNewPassword(page, NEW_PASSWORD);
  await expectRecovered(page);
}

/** The new-password screen with the live checklist half met, as a citizen sees it while typing. */
async function toNewPasswordTyping(page: Page, destination: string): Promise<void> {
  await enterOtp(page, await readOtp(page, destination));
  await expect(heading(page, 'Atur Ulang Password')).toBeVisible();
  await page.getByLabel('Password Baru', { exact: true }).fill('pulih20');
}

// ---- the paths ----

const SIGN_IN_PATH: Step[] = [
  {
    name: 'officer sign-in (assisted)',
    reach: async (page) => {
      await expect(page.getByRole('heading', { name: 'Masuk Petugas' })).toBeVisible();
    },
  },
  {
    name: 'sign-in',
    reach: async (page) => {
      await signInOperator(page);
      await expect(heading(page, 'Masuk')).toBeVisible();
    },
  },
  {
    name: 'sign-in with an error',
    reach: async (page) => {
      await signIn(page, SITI.email, 'Salah#2024a');
      await expect(page.getByRole('alert')).toContainText('Sisa percobaan');
    },
  },
  {
    name: 'signed in',
    reach: async (page) => {
      await page.getByLabel('Password', { exact: true }).fill(SITI.password);
      await button(page, 'Masuk').click();
      await expect(page.getByRole('heading', { name: 'Berhasil masuk' })).toBeVisible();
    },
  },
  {
    name: 'info: register',
    reach: async (page) => {
      await button(page, 'Keluar').click();
      await expect(heading(page, 'Masuk')).toBeVisible();
      await button(page, 'Daftar Sekarang').click();
      await expect(heading(page, 'Daftar Sekarang')).toBeVisible();
      await expect(page.getByRole('img', { name: /Kode QR/ })).toBeVisible();
    },
  },
  {
    name: 'info: help centre',
    reach: async (page) => {
      await button(page, 'Kembali').click();
      await button(page, 'Kunjungi Pusat Bantuan').click();
      await expect(heading(page, 'Kunjungi Pusat Bantuan')).toBeVisible();
      await expect(page.getByRole('img', { name: /Kode QR/ })).toBeVisible();
    },
  },
  {
    name: 'recovery options',
    reach: async (page) => {
      await button(page, 'Kembali').click();
      await openRecoveryOptions(page);
    },
  },
];

const PHONE_PATH: Step[] = [
  {
    name: 'phone: number',
    reach: async (page) => {
      await openRecoveryOptions(page);
      await chooseOption(page, 'Melalui Nomor Handphone');
      await page.getByLabel('Nomor Handphone', { exact: true }).fill(BUDI.phone);
    },
  },
  { name: 'phone: Verifikasi, training phone open', reach: (page) => toVerification(page, BUDI.phoneMasked) },
  {
    name: 'phone: Verifikasi, wrong code',
    reach: async (page) => {
      await enterOtp(page, '000000');
      await expect(page.getByRole('alert')).toContainText('Sisa percobaan');
    },
  },
  { name: 'phone: new password, checklist', reach: (page) => toNewPasswordTyping(page, BUDI.phoneMasked) },
  { name: 'phone: done', reach: toDone },
];

const EMAIL_PATH: Step[] = [
  {
    name: 'e-mail: address with an error',
    reach: async (page) => {
      await openRecoveryOptions(page);
      await chooseOption(page, 'Melalui Email');
      const email = page.getByLabel('Email', { exact: true });
      await email.fill('budi.santoso@');
      await email.blur();
      await expect(email).toHaveAttribute('aria-invalid', 'true');
    },
  },
  {
    name: 'e-mail: Verifikasi, inbox open',
    reach: async (page) => {
      await page.getByLabel('Email', { exact: true }).fill(BUDI.email);
      await toVerification(page, BUDI.emailMasked);
    },
  },
  { name: 'e-mail: new password, checklist', reach: (page) => toNewPasswordTyping(page, BUDI.emailMasked) },
  { name: 'e-mail: done', reach: toDone },
];

const IDENTITY_PATH: Step[] = [
  {
    name: 'identity: with errors',
    reach: async (page) => {
      await openRecoveryOptions(page);
      await chooseOption(page, 'Melalui Verifikasi Identitas');
      await fillIdentity(page, { ...SITI, nik: '31710141' }, { idCardChecked: false });
      await button(page, 'Lanjutkan').click();
      await expect(page.getByLabel('Nomor Induk Kependudukan (No. KTP)', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    },
  },
  {
    name: 'identity: new credentials, checklist',
    reach: async (page) => {
      await fillIdentity(page, SITI);
      await button(page, 'Lanjutkan').click();
      await expect(heading(page, 'Atur Ulang Password')).toBeVisible();
      await fillNewCredentials(page, { ...NEW_CONTACTS, password: 'pulih2026', confirmation: 'pulih' });
      await page.getByLabel('Alamat Email Baru', { exact: true }).click();
    },
  },
  {
    name: 'identity: Verifikasi, training phone open',
    reach: async (page) => {
      await fillNewCredentials(page, { ...NEW_CONTACTS, password: NEW_PASSWORD });
      await toVerification(page, NEW_CONTACTS.phoneMasked);
    },
  },
  {
    name: 'identity: done',
    reach: async (page) => {
      await enterOtp(page, await readOtp(page, NEW_CONTACTS.phoneMasked));
      await expectRecovered(page);
    },
  },
];

test.describe('accessibility: every step of every path, in both languages (assisted, training)', () => {
  test.describe(() => {
    test.use({ atCitizenScreen: false });
    test('sign-in, signed in, info screens, recovery options', async ({ page }) => {
      await walk(page, SIGN_IN_PATH);
    });
  });
  test('phone path', async ({ page }) => {
    await walk(page, PHONE_PATH);
  });
  test('e-mail path', async ({ page }) => {
    await walk(page, EMAIL_PATH);
  });
  test('identity path', async ({ page }) => {
    await walk(page, IDENTITY_PATH);
  });
});

/** Long enough that no warning comes while the keyboard step is checked; the clock is then moved on. */
const IDLE = { citizen: { warnAfterSeconds: 120, countdownSeconds: 60 } };

const SELF_SERVICE_PATH: Step[] = [
  {
    name: 'attract screen',
    reach: async (page) => {
      await expect(button(page, 'Mulai')).toBeVisible();
    },
  },
  {
    name: 'sign-in with the on-screen keyboard',
    reach: async (page) => {
      await button(page, 'Mulai').click();
      await expect(heading(page, 'Masuk')).toBeVisible();
      await page.getByLabel('Email atau nomor handphone', { exact: true }).click();
      await expect(onScreenKeyboard(page)).toBeVisible();
    },
  },
  {
    name: 'idle warning',
    reach: async (page) => {
      await page.clock.fastForward(IDLE.citizen.warnAfterSeconds * 1000);
      await expect(page.getByRole('alertdialog')).toBeVisible();
    },
  },
];

test.describe('accessibility: self-service', () => {
  test.use({ kioskMode: 'self-service', atCitizenScreen: false, kioskConfig: { idle: IDLE }, fakeClock: true });
  test('attract screen, on-screen keyboard, idle warning', async ({ page }) => {
    await walk(page, SELF_SERVICE_PATH);
  });
});

test('the kiosk names itself with a favicon, which its content security policy lets it load', async ({ page }) => {
  // Loaded as the browser loads it: an image from the link, under the page's CSP (img-src).
  const loaded = await page.evaluate(async () => {
    const { document, Image } = globalThis as unknown as {
      document: { querySelector: (s: string) => { href: string } | null };
      Image: new () => { src: string; naturalWidth: number; decode: () => Promise<void> };
    };
    const link = document.querySelector('link[rel="icon"]');
    if (!link) return { href: '', width: 0 };
    const image = new Image();
    image.src = link.href;
    await image.decode();
    return { href: link.href, width: image.naturalWidth };
  });
  expect(loaded.href).toMatch(/\/assets\/favicon\.svg$/);
  expect(loaded.width).toBeGreaterThan(0);
});
