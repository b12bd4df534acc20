import type { KioskApi } from '../../src-shared/contract';
import { BRIDGE_TOKEN_KEY, kioskApi } from './bridge';

/**
 * Why the kiosk is wiped. Citizen reasons end main's recovery session with
 * the same reason (audited); officer reasons also sign the officer out.
 */
export type WipeReason = 'idle' | 'cancel' | 'finish' | 'sign-out' | 'operator-idle' | 'operator-sign-out';

export interface WipeTargets {
  api: KioskApi;
  localStorage: Storage;
  sessionStorage: Storage;
  /** Best effort: the browser may refuse (no focus); under Electron main clears it anyway. */
  clipboard?: { writeText(text: string): Promise<void> };
  /** A fresh document: the only renderer state that cannot leak is state that no longer exists. */
  reload: () => void;
}

function defaultTargets(): WipeTargets {
  return {
    api: kioskApi(),
    localStorage: window.localStorage,
    sessionStorage: window.sessionStorage,
    clipboard: navigator.clipboard,
    reload: () => window.location.reload(),
  };
}

/**
 * The full wipe (docs/architecture.md §5 Idle), when a citizen's or the officer's idle
 * time runs out and when the officer signs out: main drops the session (and,
 * under Electron, clears the partition's storage and the clipboard), the
 * page's own storage and clipboard are cleared, and the page reloads on the
 * first screen. Reloading rather than resetting stores one by one means no
 * form value, store or component state of the last citizen survives,
 * including state this frame does not know about.
 */
export async function wipeKiosk(reason: WipeReason, targets: WipeTargets = defaultTargets()): Promise<void> {
  try {
    if (reason === 'operator-idle' || reason === 'operator-sign-out') {
      if (reason === 'operator-idle') await targets.api.endSession({ reason: 'idle' });
      await targets.api.operatorSignOut();
    } else {
      await targets.api.endSession({ reason });
    }
  } finally {
    // Whatever main answered (even OUT_OF_SERVICE), nothing of the citizen stays in the page.
    targets.localStorage.clear();
    const token = targets.sessionStorage.getItem(BRIDGE_TOKEN_KEY);
    targets.sessionStorage.clear();
    if (token !== null) targets.sessionStorage.setItem(BRIDGE_TOKEN_KEY, token);
    await targets.clipboard?.writeText('').catch(() => {});
    targets.reload();
  }
}
