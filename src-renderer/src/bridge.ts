import type { KioskApi } from '../../src-shared/contract';
import { createKioskApi } from '../../src-preload/createKioskApi';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in the browser shell. */
    kiosk?: KioskApi;
  }
}

/** Where the per-launch token is kept for this tab: not citizen data, and a reload needs it. */
export const BRIDGE_TOKEN_KEY = 'pulih.bridgeToken';

/**
 * The browser shell's per-launch token arrives in the URL fragment; it is
 * moved out of the address bar at once and kept for this tab only, so a
 * reload still works.
 */
function takeBridgeToken(): string {
  const match = /[#&]token=([\w-]+)/.exec(window.location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(BRIDGE_TOKEN_KEY, match[1]);
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return match[1];
  }
  return sessionStorage.getItem(BRIDGE_TOKEN_KEY) ?? '';
}

function createHttpBridge(): KioskApi {
  const token = takeBridgeToken();
  return createKioskApi(async (method, payload) => {
    const response = await fetch(`/__bridge/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Pulih-Token': token },
      body: JSON.stringify(payload === undefined ? {} : { payload }),
      credentials: 'omit',
      cache: 'no-store',
    });
    return response.json();
  });
}

let api: KioskApi | undefined;

/** `window.kiosk` under Electron, the HTTP bridge under the browser shell: the same API. */
export function kioskApi(): KioskApi {
  api ??= window.kiosk ?? createHttpBridge();
  return api;
}

/** Tests inject a fake API. */
export function setKioskApi(fake: KioskApi | undefined): void {
  api = fake;
}
