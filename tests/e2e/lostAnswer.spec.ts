import type { Page } from '@playwright/test';
import { readAuditLog, type AuditLine } from './fixtures/auditLog';
import {
  enterOtp,
  expectRecovered,
  fillIdentity,
  checkNewCredentials,
  fillNewCredentials,
  heading,
  NEW_CONTACTS,
  NEW_PASSWORD,
  openRecoveryOptions,
  chooseOption,
  otpMessages,
  readOtp,
  signIn,
  SITI,
  stub,
} from './fixtures/flows';
import type { RunningKiosk } from './fixtures/kioskShell';
import { DEMO_OPERATOR } from './fixtures/operator';
import { expect, test } from './fixtures/test';

// Issue #12, "Retries that replay": the backend acts, its answer is lost, the kiosk shows the
// outage; "Coba lagi" sends the same request under the same Idempotency-Key, so the citizen sees
// what really happened and the audit log records it. Every step of every path loses one answer.

test.describe.configure({ timeout: 90_000 });

const OUTAGE = 'Layanan sedang tidak dapat dihubungi. Silakan coba lagi. Untuk bantuan, tanyakan kepada petugas di loket.';

/**
 * The backend acts on the next request of `route`, then the connection drops. The kiosk's client
 * retries twice within the call (same key, answers dropped too), so the citizen sees the outage.
 */
const loseAnswer = (kiosk: RunningKiosk, route: string) => stub.addFault(kiosk, { route, kind: 'drop', phase: 'after', times: 3 });

/** The outage is on screen; the backend is reachable again; the citizen presses "Coba lagi". */
async function retryAfterOutage(page: Page, kiosk: RunningKiosk): Promise<void> {
  await expect(page.getByRole('alert')).toHaveText(OUTAGE);
  await stub.clearFaults(kiosk);
  await page.getByRole('button', { name: 'Coba lagi' }).click();
}

/** "Kirim Ulang" once the cooldown is over on both clocks (the kiosk's is Playwright's here), its answer lost. */
async function resendLosingAnswer(page: Page, kiosk: RunningKiosk, masked: string): Promise<void> {
  await stub.advanceClock(kiosk, 61_000);
  await page.clock.fastForward(61_000);
  await loseAnswer(kiosk, 'resendOtp');
  await page.getByRole('button', { name: 'Kirim Ulang' }).click();
  await retryAfterOutage(page, kiosk);
  await expect(page.getByRole('status').filter({ hasText: `Kode OTP baru telah dikirim ke ${masked}.` })).toBeVisible();
  // One resend: the first code and one new one, not two.
  await expect(otpMessages(page, masked)).toHaveCount(2);
}

const count = (log: AuditLine[], event: string) => log.filter((line) => line.event === event).length;

/** The error codes of `event`'s records that are a verdict of the backend (not "no answer"). */
const verdicts = (log: AuditLine[], event: string) =>
  log.filter((line) => line.event === event && line.detail?.errorCode !== undefined && line.detail.errorCode !== 'BACKEND_UNAVAILABLE');

/** The log of a recovery that completed: no verdict against what the citizen typed right, the change on record once. */
function expectRecoveryOnRecord(log: AuditLine[]): void {
  for (const event of ['otp.failed', 'otp.expired', 'identity.failed', 'identity.locked', 'credentials.changed']) {
    expect(verdicts(log, event), event).toEqual([]);
  }
  expect(count(log, 'otp.verified')).toBe(1);
  expect(count(log, 'otp.resent')).toBe(1);
  expect(log.filter((line) => line.event === 'credentials.changed' && line.outcome === 'success')).toHaveLength(1);
  // Each step was tried twice, the second time marked as the replay of the first.
  expect(log.filter((line) => line.detail?.replay === true).length).toBeGreaterThanOrEqual(3);
}

test.describe('recovery: every step loses its answer once', () => {
  test.use({ fakeClock: true });

  for (const { path, option, label, contact, masked, start } of [
    { path: 'phone', option: 'Melalui Nomor Handphone', label: 'Nomor Handphone', contact: SITI.phone, masked: SITI.phoneMasked, start: 'startByPhone' },
    { path: 'email', option: 'Melalui Email', label: 'Email', contact: SITI.email, masked: SITI.emailMasked, start: 'startByEmail' },
  ] as const) {
    test(`by ${path}: start, resend, code and new password each replayed; the recovery completes and the new password signs in`, async ({
      page,
      kiosk,
    }) => {
      await openRecoveryOptions(page);
      await chooseOption(page, option);
      await page.getByLabel(label, { exact: true }).fill(contact);
      await loseAnswer(kiosk, start);
      await page.getByRole('button', { name: 'Lanjutkan' }).click();
      await retryAfterOutage(page, kiosk);
      await expect(heading(page, 'Verifikasi')).toBeVisible();
      await expect(otpMessages(page, masked)).toHaveCount(1);

      await resendLosingAnswer(page, kiosk, masked);

      await loseAnswer(kiosk, 'verifyOtp');
      await enterOtp(page, await readOtp(page, masked, 2));
      await retryAfterOutage(page, kiosk);
      await expect(heading(page, 'Atur Ulang Password')).toBeVisible();

      await page.getByLabel('Password Baru', { exact: true }).fill(NEW_PASSWORD);
      await page.getByLabel('Konfirmasi Password', { exact: true }).fill(NEW_PASSWORD);
      await loseAnswer(kiosk, 'setPassword');
      await page.getByRole('button', { name: 'Lanjutkan' }).click();
      await retryAfterOutage(page, kiosk);
      await expectRecovered(page);

      expectRecoveryOnRecord(await readAuditLog(kiosk.dataDir));
      await page.getByRole('button', { name: 'Kembali ke halaman Masuk' }).click();
      await signIn(page, contact, NEW_PASSWORD);
      await expect(heading(page, 'Berhasil masuk')).toBeVisible();
    });
  }

  test('by identity: verification, new credentials, resend and code each replayed; one try counted; the recovery completes', async ({
    page,
    kiosk,
  }) => {
    await openRecoveryOptions(page);
    await chooseOption(page, 'Melalui Verifikasi Identitas');
    await fillIdentity(page, SITI);
    await loseAnswer(kiosk, 'verifyIdentity');
    await page.getByRole('button', { name: 'Lanjutkan' }).click();
    await retryAfterOutage(page, kiosk);
    await expect(heading(page, 'Atur Ulang Password')).toBeVisible();

    await fillNewCredentials(page, { ...NEW_CONTACTS, password: NEW_PASSWORD });
    await checkNewCredentials(page);
    await loseAnswer(kiosk, 'submitCredentials');
    await page.getByRole('button', { name: 'Kirim Kode OTP' }).click();
    await retryAfterOutage(page, kiosk);
    await expect(heading(page, 'Verifikasi')).toBeVisible();
    await expect(otpMessages(page, NEW_CONTACTS.phoneMasked)).toHaveCount(1);

    await resendLosingAnswer(page, kiosk, NEW_CONTACTS.phoneMasked);

    await loseAnswer(kiosk, 'verifyOtp');
    await enterOtp(page, await readOtp(page, NEW_CONTACTS.phoneMasked, 2));
    await retryAfterOutage(page, kiosk);
    await expectRecovered(page);

    const log = await readAuditLog(kiosk.dataDir);
    expectRecoveryOnRecord(log);
    expect(count(log, 'identity.verified')).toBe(1);
    // The citizen's three daily tries: the replay was not a second one.
    expect(log.filter((line) => line.event === 'identity.attempted').map((line) => line.detail?.replay === true)).toEqual([false, true]);

    await page.getByRole('button', { name: 'Kembali ke halaman Masuk' }).click();
    await signIn(page, NEW_CONTACTS.phone, NEW_PASSWORD);
    await expect(heading(page, 'Berhasil masuk')).toBeVisible();
  });
});

test.describe('sign-in: the answer lost, the same password typed again', () => {
  for (const { password, outcome, expectOutcome } of [
    {
      password: SITI.password,
      outcome: 'signs in',
      expectOutcome: (page: Page) => expect(heading(page, 'Berhasil masuk')).toBeVisible(),
    },
    {
      password: 'Salah#2024a',
      outcome: 'is one wrong try, not two',
      expectOutcome: (page: Page) => expect(page.getByRole('alert')).toHaveText('Email/nomor handphone atau password salah. Sisa percobaan: 4.'),
    },
  ]) {
    test(`the same sign-in again ${outcome}`, async ({ page, kiosk }) => {
      await loseAnswer(kiosk, 'signIn');
      await signIn(page, SITI.email, password);
      await expect(page.getByRole('alert')).toHaveText(OUTAGE);
      // The password is not kept on screen: the citizen types it again.
      await expect(page.getByLabel('Password', { exact: true })).toHaveValue('');
      await stub.clearFaults(kiosk);
      await signIn(page, SITI.email, password);
      await expectOutcome(page);
      const log = await readAuditLog(kiosk.dataDir);
      expect(log.filter((line) => line.event === 'signin.attempted').map((line) => line.detail?.replay === true)).toEqual([false, true]);
    });
  }
});

test.describe('officer sign-in', () => {
  test.use({ atCitizenScreen: false });

  test('the answer lost: the same ID and PIN again sign the officer in', async ({ page, kiosk }) => {
    await expect(page.getByRole('heading', { name: 'Masuk Petugas' })).toBeVisible();
    await loseAnswer(kiosk, 'operatorSignIn');
    await page.getByLabel('ID Petugas').fill(DEMO_OPERATOR.staffId);
    await page.getByLabel('PIN', { exact: true }).fill(DEMO_OPERATOR.pin);
    await page.getByRole('button', { name: 'Masuk Petugas' }).click();
    // The officer's own screen adds no "ask the officer" (#13's next step is for citizens).
    await expect(page.getByRole('alert')).toHaveText('Layanan sedang tidak dapat dihubungi. Silakan coba lagi.');
    await stub.clearFaults(kiosk);
    await page.getByLabel('PIN', { exact: true }).fill(DEMO_OPERATOR.pin);
    await page.getByRole('button', { name: 'Masuk Petugas' }).click();
    await expect(page.getByText(`Petugas: ${DEMO_OPERATOR.name} (${DEMO_OPERATOR.staffId})`)).toBeVisible();
    const log = await readAuditLog(kiosk.dataDir);
    expect(log.filter((line) => line.event.startsWith('operator.sign')).map((line) => [line.event, line.detail?.errorCode])).toEqual([
      ['operator.signin-failed', 'BACKEND_UNAVAILABLE'],
      ['operator.signed-in', undefined],
    ]);
  });
});
