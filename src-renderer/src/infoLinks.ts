/** Where the info screens' QR codes point: the service's own public pages. */
export const INFO_LINKS = {
  register: 'https://account.kemnaker.go.id/register',
  help: 'https://bantuan.kemnaker.go.id',
} as const;
