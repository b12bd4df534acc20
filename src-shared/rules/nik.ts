/**
 * NIK (Nomor Induk Kependudukan): 16 digits `PP KK CC DDMMYY SSSS`.
 * There is no check digit; structure is all that can be checked offline.
 */
export const PROVINCE_CODES: ReadonlySet<string> = new Set([
  '11', '12', '13', '14', '15', '16', '17', '18', '19',
  '21',
  '31', '32', '33', '34', '35', '36',
  '51', '52', '53',
  '61', '62', '63', '64', '65',
  '71', '72', '73', '74', '75', '76',
  '81', '82',
  '91', '92', '93', '94', '95', '96',
]);

export type NikProblem = 'length' | 'digits' | 'province' | 'date' | 'serial';

/** The first thing wrong with a NIK, or null when its structure is valid. */
export function nikProblem(nik: string): NikProblem | null {
  if (!/^\d*$/.test(nik)) return 'digits';
  if (nik.length !== 16) return 'length';
  if (!PROVINCE_CODES.has(nik.slice(0, 2))) return 'province';
  let day = Number(nik.slice(6, 8));
  const month = Number(nik.slice(8, 10));
  const yy = Number(nik.slice(10, 12));
  if (day >= 41 && day <= 71) day -= 40; // women: day + 40
  if (day < 1 || day > 31 || month < 1 || month > 12) return 'date';
  // Two-digit years: every year is possible; 2000 is a leap year, so 00 → 2000.
  const year = 2000 + yy;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    // 29 Feb of a yy that is a leap year in 19yy but not 20yy cannot happen (same parity rule),
    // so a calendar miss is a miss in both centuries.
    return 'date';
  }
  if (nik.slice(12) === '0000') return 'serial';
  return null;
}

export function isValidNik(nik: string): boolean {
  return nikProblem(nik) === null;
}
