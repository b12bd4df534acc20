/** Where the info screens' QR codes point: the service's own public pages. */
export const INFO_LINKS = {
  register: 'https://account.kemnaker.go.id/register',
  help: 'https://bantuan.kemnaker.go.id',
} as const;

/** The Pusat Bantuan's phone line (the stub's "Bukan Anda?" notices name the same number). */
export const HELP_LINE = '1500630';
