/** OTP codes are exactly six digits (DESIGN.md §3). */
export const OTP_LENGTH = 6;

export function isOtpCode(code: string): boolean {
  return /^\d{6}$/.test(code);
}

/** The SMS text of seed screen 5, to the letter. */
export function otpSmsText(code: string): string {
  return `Kode OTP: ${code}. Hati-hati penipuan! Kode OTP ini hanya untuk kamu, jangan berikan ke siapapun. Pihak Kemnaker RI tidak pernah meminta kode ini.`;
}
