/** Where the info screens' QR codes point: the service's own public pages. */
export const INFO_LINKS = {
  register: 'https://account.kemnaker.go.id/register',
  help: 'https://bantuan.kemnaker.go.id',
} as const;

/**
 * The Pusat Bantuan a citizen is sent to when the kiosk cannot help further
 * (a lock, an outage) and no officer is at hand: Kemnaker's call centre and
 * its help site.
 */
export const HELP_CENTRE = { phone: '1500 630', address: 'bantuan.kemnaker.go.id' } as const;
