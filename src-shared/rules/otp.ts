/** OTP codes are exactly six digits (docs/architecture.md §3). Every check, hint and input length is built from this. */
export const OTP_LENGTH = 6;

const OTP_CODE = new RegExp(`^\\d{${OTP_LENGTH}}$`);

export function isOtpCode(code: string): boolean {
  return OTP_CODE.test(code);
}

/** The SMS text of seed screen 5, to the letter. */
export function otpSmsText(code: string): string {
  return `Kode OTP: ${code}. Hati-hati penipuan! Kode OTP ini hanya untuk kamu, jangan berikan ke siapapun. Pihak Kemnaker RI tidak pernah meminta kode ini.`;
}
