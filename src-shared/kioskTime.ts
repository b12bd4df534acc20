/**
 * The kiosk's local time (docs/kiosk.md §1, `timeZone`): Indonesia's three
 * zones, none with daylight saving. Dates an officer reads (the audit
 * export) are written in the kiosk's zone, the Indonesian way
 * (`dd/MM/yyyy HH.mm.ss WIB`), the zone named; `Intl.DateTimeFormat` does
 * the arithmetic.
 */

/** Each zone with the abbreviation Indonesians use for it. */
export const KIOSK_TIME_ZONES = { 'Asia/Jakarta': 'WIB', 'Asia/Makassar': 'WITA', 'Asia/Jayapura': 'WIT' } as const;
export type KioskTimeZone = keyof typeof KIOSK_TIME_ZONES;
export const TIME_ZONE_NAMES = Object.keys(KIOSK_TIME_ZONES) as KioskTimeZone[];
export const DEFAULT_TIME_ZONE: KioskTimeZone = 'Asia/Jakarta';

const DAY_MS = 86_400_000;

type Parts = Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string>;

const formatters = new Map<KioskTimeZone, Intl.DateTimeFormat>();

function partsIn(zone: KioskTimeZone, at: number): Parts {
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(zone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));
  return parts as Parts;
}

/** The kiosk's calendar day of an instant, `YYYY-MM-DD`. */
export function localDayOf(at: number, zone: KioskTimeZone): string {
  const p = partsIn(zone, at);
  return `${p.year}-${p.month}-${p.day}`;
}

/** `dd/MM/yyyy HH.mm.ss WIB`: an instant as an Indonesian reads it at this kiosk. */
export function formatKioskTime(at: number, zone: KioskTimeZone): string {
  const p = partsIn(zone, at);
  return `${p.day}/${p.month}/${p.year} ${p.hour}.${p.minute}.${p.second} ${KIOSK_TIME_ZONES[zone]}`;
}

/** How far the zone is ahead of UTC at an instant, in ms. */
function offsetAt(at: number, zone: KioskTimeZone): number {
  const p = partsIn(zone, at);
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return asUtc - Math.floor(at / 1000) * 1000;
}

/** The instants of the local days `from`…`to` (inclusive, `YYYY-MM-DD`): `[start, end)`. */
export function instantsOfLocalDays(from: string, to: string, zone: KioskTimeZone): { start: number; end: number } {
  const midnight = (day: string) => {
    const utcMidnight = Date.parse(`${day}T00:00:00Z`);
    return utcMidnight - offsetAt(utcMidnight, zone);
  };
  return { start: midnight(from), end: midnight(to) + DAY_MS };
}
