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

/** One POST to the browser shell's bridge server; its JSON answer, or undefined when there is none. */
async function post(path: string, body: unknown, token?: string): Promise<unknown> {
  try {
    const response = await fetch(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { 'X-Pulih-Token': token } : {}) },
      body: JSON.stringify(body),
      credentials: 'omit',
      cache: 'no-store',
    });
    return await response.json();
  } catch {
    return undefined;
  }
}

/**
 * The browser shell opens this page at `#launch=CODE`, a one-time code: it
 * leaves the address bar at once and is traded, once, for the per-launch
 * bridge token, which is kept for this tab only so that a reload still
 * works. Either way main learns that the page (re)loaded, and starts a clean
 * session as the page does: the exchange tells it for a new page, a hello
 * with the token for a reload (browserBridge.ts). Resolves to the token, or
 * '' when there is none (every call is then refused).
 */
async function connect(): Promise<string> {
  const code = /[#&]launch=([\w-]+)/.exec(window.location.hash)?.[1];
  if (code) {
    history.replaceState(null, '', window.location.pathname + window.location.search);
    const answer = (await post('/__bridge-launch', { code })) as { ok?: unknown; value?: { token?: unknown } } | undefined;
    const token = answer?.ok === true ? answer.value?.token : undefined;
    if (typeof token === 'string' && token) {
      sessionStorage.setItem(BRIDGE_TOKEN_KEY, token);
      return token;
    }
    // A used or stale link: this tab may still hold a token from its own launch.
  }
  const token = sessionStorage.getItem(BRIDGE_TOKEN_KEY) ?? '';
  if (token) await post('/__bridge-hello', {}, token);
  return token;
}

function createHttpBridge(): KioskApi {
  // Every call waits for the exchange (or hello): main's session is clean before the page's first call.
  const connected = connect();
  return createKioskApi(async (method, payload) => {
    const token = await connected;
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
