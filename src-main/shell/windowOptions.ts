import type { BrowserWindowConstructorOptions, Session } from 'electron';

/** The app's origin under its custom protocol (never file://). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'kiosk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/**
 * The one place window options are decided (unit-tested without Electron).
 * Hardened: isolated, sandboxed, no Node, no devtools outside development;
 * in production a full-screen kiosk window that cannot be minimised.
 */
export function kioskWindowOptions(options: {
  preloadPath: string;
  development: boolean;
  /** The kiosk session (kioskSession.ts), whose protocol and hooks the window must use. */
  session: Session;
}): BrowserWindowConstructorOptions {
  const { development } = options;
  return {
    width: 1280,
    height: 900,
    show: false,
    backgroundColor: '#ffffff',
    autoHideMenuBar: true,
    kiosk: !development,
    fullscreen: !development,
    minimizable: development,
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: development,
      session: options.session,
      safeDialogs: true,
      // Middle-click would open links in new windows; those are denied anyway, this stops the attempt.
      disableBlinkFeatures: 'Auxclick',
      enableWebSQL: false,
      zoomFactor: 1,
    },
  };
}

/** Only our own app origin (or the dev server in development) may call the bridge or be navigated to. */
export function isTrustedUrl(url: string | undefined, devServerUrl: string | undefined): boolean {
  if (!url) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST) return true;
  if (devServerUrl) {
    const dev = new URL(devServerUrl);
    return parsed.origin === dev.origin;
  }
  return false;
}
