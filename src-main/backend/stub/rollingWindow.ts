/**
 * Rolling windows, the shape of every limit the stub keeps (docs/architecture.md
 * §3): a list of times per subject (a NIK hash, a kiosk, a destination…), of
 * which only those of the last `windowMs` count.
 */
import { problem, type Reply } from './problem';

export type TimeBook = Record<string, number[]>;

/** The times of the last `windowMs`. */
export function recent(times: number[] | undefined, windowMs: number, now: number): number[] {
  return (times ?? []).filter((t) => now - t < windowMs);
}

/** Whole seconds (at least 1) until fewer than `limit` of `times` are inside the window; 0 if that is already so. */
export function waitBelow(times: number[] | undefined, limit: number, windowMs: number, now: number): number {
  const inWindow = recent(times, windowMs, now);
  if (inWindow.length < limit) return 0;
  const freeing = inWindow[inWindow.length - limit] ?? now;
  return Math.max(1, Math.ceil((freeing + windowMs - now) / 1000));
}

/**
 * A per-kiosk cap: 429 KIOSK_RATE_LIMITED (with `retryAfterSeconds`) when the
 * kiosk is at `limit` in the window, else the attempt is counted and null.
 */
export function takeKioskSlot(book: TimeBook, kioskId: string, limit: number, windowMs: number, now: number): Reply | null {
  const wait = waitBelow(book[kioskId], limit, windowMs, now);
  if (wait > 0) return problem('KIOSK_RATE_LIMITED', 429, { retryAfterSeconds: wait });
  book[kioskId] = [...recent(book[kioskId], windowMs, now), now];
  return null;
}

/** Forgets every time outside the window (and subjects left with none), so the state stays small. */
export function pruneBook(book: TimeBook, windowMs: number, now: number): void {
  for (const [key, times] of Object.entries(book)) {
    const kept = recent(times, windowMs, now);
    if (kept.length === 0) delete book[key];
    else if (kept.length !== times.length) book[key] = kept;
  }
}
