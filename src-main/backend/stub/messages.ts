/**
 * The texts the stub sends, in Bahasa Indonesia. The OTP SMS is the seed's
 * text to the letter (src-shared/rules/otp.ts); the e-mail and the
 * "Bukan Anda?" notices follow its tone: short, with the anti-fraud warning.
 */
import { otpSmsText } from '../../../src-shared/rules/otp';

export { otpSmsText };

export function otpEmail(code: string): { subject: string; body: string } {
  return {
    subject: 'Kode OTP Pemulihan Akun',
    body:
      `Kode OTP: ${code}. Kode ini berlaku 5 menit. ` +
      'Hati-hati penipuan! Kode OTP ini hanya untuk kamu, jangan berikan ke siapapun. ' +
      'Pihak Kemnaker RI tidak pernah meminta kode ini.',
  };
}

/** To the old phone after a recovery. */
export function recoveryNoticeSms(helpline: string): string {
  return `Akun Anda telah dipulihkan dan password telah diganti. Bukan Anda? hubungi ${helpline}.`;
}

/** To the account's phone (the new one, after the identity path) once a recovery is done: the reference, nothing secret. */
export function recoveryReferenceSms(reference: string): string {
  return `Nomor referensi pemulihan: ${reference}. Akun Anda telah dipulihkan. Simpan nomor ini bila perlu menghubungi petugas.`;
}

/** To the old e-mail address after a recovery. */
export function recoveryNoticeEmail(helpline: string): { subject: string; body: string } {
  return {
    subject: 'Akun Anda telah dipulihkan',
    body:
      'Akun Anda telah dipulihkan melalui kios layanan. Password telah diganti dan semua sesi masuk telah diakhiri. ' +
      `Bukan Anda? hubungi ${helpline}.`,
  };
}
