/**
 * Drives the recovery wizard's identity path the way a person does: by
 * roles, labels and the seed's texts (seed/account-recovery-flow.txt). Every
 * text the benches rely on is in UI below, so a renamed label is a one-line
 * change here.
 */
import type { Locator, Page } from '@playwright/test';
import type { BenchCitizen, NewContacts } from './citizens';

export const UI = {
  signInHeading: 'Masuk',
  trouble: 'Kendala Masuk ke Akun?',
  optionsHeading: 'Pemulihan Akun',
  byIdentity: 'Melalui Verifikasi Identitas',
  nik: 'Nomor Induk Kependudukan (No. KTP)',
  fullName: 'Nama Lengkap',
  mother: 'Nama Ibu Kandung',
  /** Assisted mode only. */
  idCardChecked: 'KTP asli telah diperiksa petugas',
  next: 'Lanjutkan',
  credentialsHeading: 'Atur Ulang Password',
  newPhone: 'Nomor Handphone Baru',
  newEmail: 'Alamat Email Baru',
  newPassword: 'Password Baru',
  confirmPassword: 'Konfirmasi Password',
  /** The OTP channel choice, if the screen offers one. */
  channelSms: 'SMS ke nomor handphone baru',
  /** "Periksa Data Anda": the new details shown before the code is sent. */
  checkHeading: 'Periksa Data Anda',
  sendCode: 'Kirim Kode OTP',
  otpHeading: 'Verifikasi',
  otpField: 'Kode OTP',
  confirm: 'Konfirmasi',
  doneHeading: 'Akun berhasil dipulihkan',
  toSignIn: 'Kembali ke halaman Masuk',
  phonePanel: 'Ponsel & Email Simulasi',
  /** Assisted mode: an officer may have to sign in before the identity path. */
  operatorStaffId: 'ID Petugas',
  operatorPin: 'PIN',
  operatorSubmit: 'Masuk Petugas',
} as const;

export const DEMO_OPERATOR = { staffId: 'PTG001', pin: '246810' };

const STEP_TIMEOUT_MS = 15_000;

export function heading(page: Page, name: string): Locator {
  return page.getByRole('heading', { name, exact: true, level: 1 });
}

function button(page: Page, name: string): Locator {
  return page.getByRole('button', { name, exact: true });
}

function field(page: Page, label: string): Locator {
  return page.getByLabel(label, { exact: true });
}

export interface Transition {
  /** Click → heading in the DOM with a box (ms, in-page clock). */
  visibleMs: number;
  /** Click → the next animation frame after that. */
  frameMs: number;
  /** The bridge calls in between (Resource Timing): which method, when it started after the click, how long it took. */
  bridge: { method: string; start: number; ms: number }[];
}

export interface RecoveryTimings {
  identityToCredentials?: Transition;
  credentialsToOtp?: Transition;
  otpToDone?: Transition;
}

interface ProbeState {
  clickAt: number | null;
  visibleAt: number | null;
  frameAt: number | null;
  bridge?: { method: string; start: number; ms: number }[];
  timedOut?: boolean;
}

/**
 * Clicks `buttonName` and waits for the `nextHeading`. With `timed`, the
 * in-page probe (bench/inpage/probe.js) measures click → heading visible;
 * without it, Playwright just waits.
 */
async function clickThrough(page: Page, buttonName: string, nextHeading: string, timed: boolean): Promise<Transition | undefined> {
  if (!timed) {
    await button(page, buttonName).click();
    await heading(page, nextHeading).waitFor({ timeout: STEP_TIMEOUT_MS });
    return undefined;
  }
  await page.evaluate((h) => (globalThis as unknown as { __pulihBench: { arm(h: string): boolean } }).__pulihBench.arm(h), nextHeading);
  await button(page, buttonName).click();
  const state = (await page.evaluate(
    (ms) => (globalThis as unknown as { __pulihBench: { result(ms: number): Promise<unknown> } }).__pulihBench.result(ms),
    STEP_TIMEOUT_MS,
  )) as ProbeState;
  if (state.timedOut || state.clickAt === null || state.visibleAt === null || state.frameAt === null) {
    const alert = await page.getByRole('alert').allTextContents().catch(() => []);
    throw new Error(`"${buttonName}" did not lead to "${nextHeading}" within ${STEP_TIMEOUT_MS} ms${alert.length ? `; alert: ${alert.join(' / ')}` : ''}`);
  }
  return { visibleMs: state.visibleAt - state.clickAt, frameMs: state.frameAt - state.clickAt, bridge: state.bridge ?? [] };
}

/** Signs the demo officer in if the kiosk asks for one (assisted mode); a no-op otherwise. */
async function signInOperatorIfAsked(page: Page): Promise<void> {
  const staffId = field(page, UI.operatorStaffId);
  if (!(await staffId.isVisible())) return;
  await staffId.fill(DEMO_OPERATOR.staffId);
  await field(page, UI.operatorPin).fill(DEMO_OPERATOR.pin);
  await button(page, UI.operatorSubmit).click();
  await staffId.waitFor({ state: 'hidden', timeout: STEP_TIMEOUT_MS });
}

/** Reads the newest OTP sent to `phoneMasked` from the training phone panel (seed screen 5). */
export async function otpFromPhonePanel(page: Page, phoneMasked: string): Promise<string> {
  const panel = page.getByRole('complementary', { name: UI.phonePanel });
  const message = panel.getByRole('listitem').filter({ hasText: phoneMasked }).filter({ hasText: /Kode OTP: \d{6}/ }).first();
  await message.waitFor({ timeout: STEP_TIMEOUT_MS });
  const text = (await message.textContent()) ?? '';
  const code = /Kode OTP: (\d{6})/.exec(text)?.[1];
  if (!code) throw new Error(`no OTP in the training phone's message to ${phoneMasked}`);
  return code;
}

/**
 * One recovery by identity, from "Masuk" back to "Masuk": Kendala Masuk ke
 * Akun? → Melalui Verifikasi Identitas → Isi data diri → Lanjutkan → Atur
 * Ulang Password → Lanjutkan → Periksa Data Anda → Kirim Kode OTP →
 * Verifikasi (OTP from the training phone) →
 * Konfirmasi → Akun berhasil dipulihkan → Kembali ke halaman Masuk (the wipe).
 */
export async function recoverByIdentity(
  page: Page,
  citizen: BenchCitizen,
  contacts: NewContacts,
  options: { timed: boolean; mark?: (what: string) => void },
): Promise<RecoveryTimings> {
  const timings: RecoveryTimings = {};
  const mark = options.mark ?? (() => {});
  await heading(page, UI.signInHeading).waitFor({ timeout: STEP_TIMEOUT_MS });
  await button(page, UI.trouble).click();
  await heading(page, UI.optionsHeading).waitFor({ timeout: STEP_TIMEOUT_MS });
  // The option's accessible name is its title followed by its hint.
  await page.getByRole('button', { name: new RegExp(`^${UI.byIdentity}`) }).click();
  await signInOperatorIfAsked(page);
  mark('to identity');

  const nik = field(page, UI.nik);
  await nik.fill(citizen.nik);
  await field(page, UI.fullName).fill(citizen.fullName);
  await field(page, UI.mother).fill(citizen.motherMaidenName);
  const idCard = page.getByRole('checkbox', { name: UI.idCardChecked });
  if (await idCard.isVisible()) await idCard.check();
  mark('identity filled');
  const t1 = await clickThrough(page, UI.next, UI.credentialsHeading, options.timed);
  if (t1) timings.identityToCredentials = t1;
  mark('identity submitted');

  await field(page, UI.newPhone).fill(contacts.phone);
  await field(page, UI.newEmail).fill(contacts.email);
  await field(page, UI.newPassword).fill(contacts.password);
  await field(page, UI.confirmPassword).fill(contacts.password);
  const sms = page.getByRole('radio', { name: UI.channelSms });
  if (await sms.isVisible()) await sms.check();
  mark('credentials filled');
  await clickThrough(page, UI.next, UI.checkHeading, false);
  const t2 = await clickThrough(page, UI.sendCode, UI.otpHeading, options.timed);
  if (t2) timings.credentialsToOtp = t2;
  mark('credentials submitted');

  const code = await otpFromPhonePanel(page, contacts.phoneMasked);
  mark('otp read');
  await field(page, UI.otpField).fill(code);
  const t3 = await clickThrough(page, UI.confirm, UI.doneHeading, options.timed);
  if (t3) timings.otpToDone = t3;
  mark('otp confirmed');

  await button(page, UI.toSignIn).click();
  await heading(page, UI.signInHeading).waitFor({ timeout: STEP_TIMEOUT_MS });
  mark('back to sign-in');
  return timings;
}

/** How the bench got an officer signed in at an assisted kiosk. */
export type OfficerSignIn = 'not needed' | 'sign-in screen' | 'bridge call (no sign-in screen in the UI yet)';

/**
 * Opens the kiosk and waits for the first screen. At an assisted kiosk main
 * refuses every citizen method until an officer signs in: through the
 * officer's sign-in screen when the UI has one, else (until it exists)
 * through the bridge's operatorSignIn, followed by a reload so the UI learns
 * of the officer. Needs bench/inpage/probe.js as an init script. `appUrl`
 * is good for one page only (BenchShell.newAppUrl()); the reload needs none.
 */
export async function openKiosk(page: Page, appUrl: string, options: { assisted: boolean }): Promise<OfficerSignIn> {
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  await page.goto(appUrl);
  const officerScreen = field(page, UI.operatorStaffId);
  await heading(page, UI.signInHeading).or(officerScreen).first().waitFor({ timeout: STEP_TIMEOUT_MS });
  if (!options.assisted) return 'not needed';
  if (await officerScreen.isVisible()) {
    await signInOperatorIfAsked(page);
    await heading(page, UI.signInHeading).waitFor({ timeout: STEP_TIMEOUT_MS });
    return 'sign-in screen';
  }
  const result = (await page.evaluate(
    (op) =>
      (globalThis as unknown as { __pulihBench: { bridgeCall(m: string, p: unknown): Promise<unknown> } }).__pulihBench.bridgeCall(
        'operatorSignIn',
        op,
      ),
    DEMO_OPERATOR,
  )) as { ok?: boolean };
  if (result.ok !== true) throw new Error(`officer sign-in over the bridge failed: ${JSON.stringify(result)}`);
  await page.reload();
  await heading(page, UI.signInHeading).waitFor({ timeout: STEP_TIMEOUT_MS });
  return 'bridge call (no sign-in screen in the UI yet)';
}

/**
 * The same recovery driven inside the page (bench/inpage/probe.js
 * `recover`), by the same labels and texts, in one round trip: the soak's
 * driver, so that 500 recoveries measure the kiosk rather than the
 * automation. Returns click → heading-visible times of the three steps.
 */
export async function recoverInPage(
  page: Page,
  citizen: BenchCitizen,
  contacts: NewContacts,
): Promise<{ identityToCredentials: number; credentialsToOtp: number; otpToDone: number }> {
  type Recover = (ui: typeof UI, c: BenchCitizen, n: NewContacts, timeoutMs: number) => Promise<unknown>;
  const result = await page.evaluate(
    ([ui, c, n, ms]) => (globalThis as unknown as { __pulihBench: { recover: Recover } }).__pulihBench.recover(ui, c, n, ms),
    [UI, citizen, contacts, STEP_TIMEOUT_MS] as const,
  );
  return result as { identityToCredentials: number; credentialsToOtp: number; otpToDone: number };
}
