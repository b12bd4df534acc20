import { describe, expect, it } from 'vitest';
import { formatKioskTime, instantsOfLocalDays, localDayOf } from '../../../src-shared/kioskTime';

/** Audit export dates in the kiosk's own zone (issue #13, item 10). */
describe("the kiosk's local time", () => {
  const at = Date.parse('2026-03-01T18:30:05Z');

  it('writes an instant the Indonesian way, naming the zone', () => {
    expect(formatKioskTime(at, 'Asia/Jakarta')).toBe('02/03/2026 01.30.05 WIB');
    expect(formatKioskTime(at, 'Asia/Makassar')).toBe('02/03/2026 02.30.05 WITA');
    expect(formatKioskTime(at, 'Asia/Jayapura')).toBe('02/03/2026 03.30.05 WIT');
    expect(formatKioskTime(Date.parse('2026-03-01T16:59:59Z'), 'Asia/Jakarta')).toBe('01/03/2026 23.59.59 WIB');
  });

  it("knows the kiosk's calendar day, which is not UTC's", () => {
    expect(localDayOf(at, 'Asia/Jakarta')).toBe('2026-03-02');
    expect(new Date(at).toISOString().slice(0, 10)).toBe('2026-03-01');
  });

  it('a range of local days starts and ends at local midnight', () => {
    expect(instantsOfLocalDays('2026-03-02', '2026-03-03', 'Asia/Jakarta')).toEqual({
      start: Date.parse('2026-03-01T17:00:00Z'),
      end: Date.parse('2026-03-03T17:00:00Z'),
    });
    expect(instantsOfLocalDays('2026-03-02', '2026-03-02', 'Asia/Jayapura')).toEqual({
      start: Date.parse('2026-03-01T15:00:00Z'),
      end: Date.parse('2026-03-02T15:00:00Z'),
    });
  });
});
