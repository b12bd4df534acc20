import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { Result } from '../../src-shared/errors';

/** The backend operations a window may have to send again after a lost answer, one pending request each. */
type PendingOperation =
  | 'signIn'
  | 'operatorSignIn'
  | 'startRecovery'
  | 'verifyIdentity'
  | 'submitCredentials'
  | 'verifyOtp'
  | 'resendOtp'
  | 'setPassword';

/** One request on its way to the backend under its Idempotency-Key. */
export interface PendingRequest {
  readonly key: string;
  /** The same request as one the backend never answered: it goes again under the first one's key. */
  readonly replay: boolean;
  /**
   * Handles the backend's result; once that went through (its audit written), the key of a request
   * the backend answered is dropped. A throw keeps the key, so a retry replays the request.
   */
  settle<R>(result: Result<unknown>, handle: () => Promise<R>): Promise<R>;
}

/**
 * The backend gave no answer the kiosk could read: a network failure, a timeout or a 5xx
 * (BACKEND_UNAVAILABLE), or an answer outside the contract (BACKEND_ERROR). What it did is unknown.
 */
function unanswered(result: Result<unknown>): boolean {
  return !result.ok && (result.error.code === 'BACKEND_UNAVAILABLE' || result.error.code === 'BACKEND_ERROR');
}

/**
 * A window's requests that the backend has not answered yet (docs/architecture.md §4,
 * "Retries"). "Coba lagi" after a lost answer sends the same request under the same
 * Idempotency-Key, so the backend answers what it did the first time, with no second
 * effect; a changed payload, or a real answer, means a new key. Requests are compared by
 * an HMAC under a key made for this session and held in memory only: no password, code,
 * mother's name, NIK or token is kept here. The session's wipe drops it all (`clear`).
 */
export class PendingRequests {
  readonly #secret = randomBytes(32);
  readonly #pending = new Map<PendingOperation, { fingerprint: string; key: string }>();

  constructor(private readonly newKey: () => string = randomUUID) {}

  /** The key for `request` (every value the backend receives for the step, in a fixed order). */
  begin(operation: PendingOperation, request: readonly unknown[]): PendingRequest {
    const fingerprint = createHmac('sha256', this.#secret).update(JSON.stringify([operation, ...request])).digest('hex');
    const held = this.#pending.get(operation);
    const replay = held?.fingerprint === fingerprint;
    const key = replay ? held.key : this.newKey();
    // A different request of the step replaces the one that was pending: that one will not be sent again.
    this.#pending.set(operation, { fingerprint, key });
    return {
      key,
      replay,
      settle: async (result, handle) => {
        const handled = await handle();
        if (!unanswered(result) && this.#pending.get(operation)?.key === key) this.#pending.delete(operation);
        return handled;
      },
    };
  }

  clear(): void {
    this.#pending.clear();
  }
}
