/**
 * The kiosk's own defence in depth against NIK enumeration: at most `limit`
 * identity verifications in any rolling hour (docs/architecture.md §3, per-kiosk guard).
 * The backend keeps its own per-kiosk cap; this one never replaces it.
 */
export class KioskRateGuard {
  readonly #times: number[] = [];

  constructor(
    private readonly limit: number,
    private readonly windowMs = 60 * 60 * 1000,
  ) {}

  /** Takes a slot, or says how many seconds until one frees up. */
  take(nowMs: number): { ok: true } | { ok: false; retryAfterSeconds: number } {
    while (this.#times.length > 0 && (this.#times[0] ?? 0) <= nowMs - this.windowMs) this.#times.shift();
    if (this.#times.length >= this.limit) {
      const oldest = this.#times[0] ?? nowMs;
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((oldest + this.windowMs - nowMs) / 1000)) };
    }
    this.#times.push(nowMs);
    return { ok: true };
  }
}
