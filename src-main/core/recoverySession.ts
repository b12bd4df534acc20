import { randomUUID } from 'node:crypto';
import type { RecoveryPath, SignedInView } from '../../src-shared/contract';
import type { BackendChallenge, BackendRecovery } from '../backend/types';
import { PendingRequests } from './pendingRequests';

/**
 * What main holds for one window between calls. Tokens and challenge ids
 * live only here, never in the renderer; the whole object (with the keys of
 * unanswered requests) is dropped on finish, cancel, idle and renderer crash.
 */
export interface RecoveryState {
  path: RecoveryPath;
  /** Set once the backend accepted the first step (OTP sent, or identity verified). */
  backend?: BackendRecovery;
  challenge?: BackendChallenge;
  /** Phone/e-mail paths: OTP verified, a new password may be set. */
  otpVerified: boolean;
}

export interface WindowSession {
  readonly sessionId: string;
  /** Idempotency-Keys of requests the backend has not answered yet, kept for "Coba lagi". */
  readonly pending: PendingRequests;
  signedIn?: SignedInView;
  recovery?: RecoveryState;
}

export class SessionStore {
  readonly #sessions = new Map<string, WindowSession>();

  /** The window's session, begun now if it holds none: for calls that start something (sign-in, a recovery). */
  open(windowId: string): WindowSession {
    let session = this.#sessions.get(windowId);
    if (!session) {
      session = { sessionId: randomUUID(), pending: new PendingRequests() };
      this.#sessions.set(windowId, session);
    }
    return session;
  }

  /** The window's session, if it holds one: for calls that continue or end one. */
  find(windowId: string): WindowSession | undefined {
    return this.#sessions.get(windowId);
  }

  /** Drops everything the window's session held; the next call starts a new session id. */
  wipe(windowId: string): void {
    const session = this.#sessions.get(windowId);
    if (session) {
      delete session.recovery;
      delete session.signedIn;
      session.pending.clear();
    }
    this.#sessions.delete(windowId);
  }

  /** For tests and the wipe check: does main hold anything for this window? */
  has(windowId: string): boolean {
    return this.#sessions.has(windowId);
  }
}
