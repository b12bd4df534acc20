import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { isRecoveryScreen, useWizardStore } from '../../../../../src-renderer/src/stores/wizard';

const VIEW = { channel: 'sms' as const, destinationMasked: '08*****2797', expiresInSeconds: 300, resendAvailableInSeconds: 60, resendsRemaining: 3 };
const DONE = { reference: 'PLH-2026-ABC123', phoneMasked: '08*****0011', emailMasked: 's***@example.org' };

describe('wizard store', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('starts on "Masuk" and walks a path forward and back', () => {
    const wizard = useWizardStore();
    expect(wizard.screen).toBe('sign-in');
    expect(wizard.inRecovery).toBe(false);
    wizard.startRecovery();
    wizard.choosePath('phone');
    expect(wizard.screen).toBe('recovery-phone');
    expect(wizard.inRecovery).toBe(true);
    wizard.back();
    expect(wizard.screen).toBe('recovery-options');
  });

  it('keeps only what Verifikasi shows of a challenge, with the resend time on the kiosk clock', () => {
    const wizard = useWizardStore();
    wizard.challengeIssued(VIEW, 1_000_000);
    expect(wizard.challenge).toEqual({
      channel: 'sms',
      destinationMasked: '08*****2797',
      resendsRemaining: 3,
      expiresAt: 1_300_000,
      resendAvailableAt: 1_060_000,
    });
    expect(wizard.started).toBe(true);
    wizard.resendAvailableIn(0, 2_000_000);
    expect(wizard.challenge?.resendAvailableAt).toBe(2_000_000);
    wizard.noResendsLeft();
    expect(wizard.challenge?.resendsRemaining).toBe(0);
    wizard.codeExpired(1_100_000);
    expect(wizard.challenge?.expiresAt).toBe(1_100_000);
    wizard.challengeIssued(VIEW, 3_000_000);
    expect(wizard.challenge?.expiresAt).toBe(3_300_000);
  });

  it('a verified code is not returned to: Back from the new password leads to the phone step', () => {
    const wizard = useWizardStore();
    wizard.startRecovery();
    wizard.choosePath('phone');
    wizard.codeSent(VIEW);
    expect(wizard.screen).toBe('otp');
    wizard.otpVerified({ next: 'set-password' });
    expect(wizard.screen).toBe('new-password');
    expect(wizard.challenge).toBeUndefined();
    wizard.back();
    expect(wizard.screen).toBe('recovery-phone');
  });

  it('"Tidak menerima SMS?": a contact path goes back to its first step with a new start to come; the identity path to "Periksa Data Anda", the identity check kept', () => {
    const wizard = useWizardStore();
    wizard.startRecovery();
    wizard.choosePath('phone');
    wizard.codeSent(VIEW);
    wizard.changeContact();
    expect(wizard.history).toEqual(['sign-in', 'recovery-options', 'recovery-phone']);
    expect(wizard.challenge).toBeUndefined();

    wizard.reset();
    wizard.startRecovery();
    wizard.choosePath('identity');
    wizard.identityVerified();
    wizard.next();
    wizard.credentialsSubmitted(VIEW);
    wizard.changeContact();
    expect(wizard.history).toEqual(['sign-in', 'recovery-options', 'identity', 'new-credentials', 'check-credentials']);
    // The code went to these details; only an edit makes "Kirim Kode OTP" send again.
    expect(wizard.credentialsSent).toBe(true);
    expect(wizard.challenge).toBeDefined();
    wizard.credentialsChanged();
    expect(wizard.credentialsSent).toBe(false);
  });

  it('"Mulai lagi" returns to the first step of the path and forgets the challenge', () => {
    const wizard = useWizardStore();
    wizard.startRecovery();
    wizard.choosePath('identity');
    wizard.identityVerified();
    wizard.next();
    wizard.credentialsSubmitted(VIEW);
    expect(wizard.screen).toBe('otp');
    expect(wizard.credentialsSent).toBe(true);
    wizard.restartPath();
    expect(wizard.history).toEqual(['sign-in', 'recovery-options', 'identity']);
    expect(wizard.credentialsSent).toBe(false);
    expect(wizard.challenge).toBeUndefined();
  });

  it('choosing another path forgets the last one\'s challenge', () => {
    const wizard = useWizardStore();
    wizard.startRecovery();
    wizard.choosePath('phone');
    wizard.challengeIssued(VIEW);
    wizard.back();
    wizard.choosePath('phone');
    expect(wizard.challenge).toBeDefined();
    wizard.back();
    wizard.choosePath('email');
    expect(wizard.challenge).toBeUndefined();
  });

  it('finishing shows the done screen alone; reset leaves nothing', () => {
    const wizard = useWizardStore();
    wizard.startRecovery();
    wizard.choosePath('phone');
    wizard.challengeIssued(VIEW);
    wizard.finish(DONE);
    expect(wizard.history).toEqual(['sign-in', 'done']);
    expect(wizard.reference).toBe('PLH-2026-ABC123');
    expect(wizard.accountContacts).toEqual({ phoneMasked: '08*****0011', emailMasked: 's***@example.org' });
    expect(wizard.started).toBe(false);
    wizard.reset();
    expect(wizard.$state).toMatchObject({
      history: ['sign-in'],
      path: undefined,
      challenge: undefined,
      reference: undefined,
      accountContacts: undefined,
      started: false,
    });
  });

  it('knows which screens belong to the recovery wizard', () => {
    expect(isRecoveryScreen('otp')).toBe(true);
    expect(isRecoveryScreen('done')).toBe(true);
    expect(isRecoveryScreen('sign-in')).toBe(false);
    expect(isRecoveryScreen('info-help')).toBe(false);
  });

  it.each([
    ['phone', ['recovery-phone', 'otp', 'new-password', 'done']],
    ['email', ['recovery-email', 'otp', 'new-password', 'done']],
    ['identity', ['identity', 'new-credentials', 'check-credentials', 'otp', 'done']],
  ] as const)('the %s path walks its screens in order, each step saying only what happened', (path, screens) => {
    const wizard = useWizardStore();
    wizard.startRecovery();
    wizard.choosePath(path);
    const seen: string[] = [wizard.screen];
    if (path === 'identity') {
      wizard.identityVerified();
      seen.push(wizard.screen);
      wizard.next();
      seen.push(wizard.screen);
      wizard.credentialsSubmitted(VIEW);
      seen.push(wizard.screen);
      wizard.otpVerified({ next: 'done', ...DONE });
    } else {
      wizard.codeSent(VIEW);
      seen.push(wizard.screen);
      wizard.otpVerified({ next: 'set-password' });
      seen.push(wizard.screen);
      wizard.finish(DONE);
    }
    seen.push(wizard.screen);
    expect(seen).toEqual(screens);
    expect(wizard.reference).toBe('PLH-2026-ABC123');
  });

  it('"Daftar Sekarang" and "Kunjungi Pusat Bantuan" show their info screens, and Back returns to "Masuk"', () => {
    const wizard = useWizardStore();
    wizard.showInfo('register');
    expect(wizard.screen).toBe('info-register');
    wizard.back();
    wizard.showInfo('help');
    expect(wizard.screen).toBe('info-help');
    wizard.back();
    expect(wizard.screen).toBe('sign-in');
  });
});
