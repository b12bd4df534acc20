import { SessionStore } from './recoverySession';

/** Told after main dropped a window's session; the Electron shell clears storage and clipboard. */
export type WipeListener = (windowId: string) => void | Promise<void>;

/**
 * A SessionStore that tells listeners about every wipe, whoever caused it
 * (finish, cancel, idle, sign-out, officer sign-out, crash), so the traces
 * outside main's memory go at the same moment as the session itself.
 * A failing listener is reported, never allowed to stop the wipe.
 */
export class NotifyingSessionStore extends SessionStore {
  readonly #listeners = new Set<WipeListener>();

  constructor(private readonly onListenerFault: (err: unknown) => void = () => {}) {
    super();
  }

  onWipe(listener: WipeListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  override wipe(windowId: string): void {
    super.wipe(windowId);
    for (const listener of this.#listeners) {
      try {
        void Promise.resolve(listener(windowId)).catch(this.onListenerFault);
      } catch (err) {
        this.onListenerFault(err);
      }
    }
  }
}
