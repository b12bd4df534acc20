import { describe, expect, it } from 'vitest';
import type { Session } from 'electron';
import { kioskWindowOptions } from '../../../../src-main/shell/windowOptions';

/** Stands for the kiosk session; the options only pass it on. */
const kioskSession = { partition: 'kiosk-memory' } as unknown as Session;

/** The hardening of the kiosk window, read from the one factory the Electron shell uses. */
describe('kiosk window options', () => {
  const production = kioskWindowOptions({ preloadPath: '/app/out/preload/index.cjs', development: false, session: kioskSession });
  const prefs = production.webPreferences ?? {};

  it('isolates the renderer: context isolation, sandbox, no Node anywhere', () => {
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
    });
  });

  it('keeps web security on: no insecure content, no experimental features, no webview, no Auxclick', () => {
    expect(prefs).toMatchObject({
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      enableWebSQL: false,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs).not.toHaveProperty('additionalArguments');
  });

  it('has no devtools in production', () => {
    expect(prefs.devTools).toBe(false);
  });

  it('uses the kiosk session itself, never a partition name of its own, so its protocol and hooks apply', () => {
    expect(prefs.session).toBe(kioskSession);
    expect(prefs).not.toHaveProperty('partition');
  });

  it('loads only our bundled preload', () => {
    expect(prefs.preload).toBe('/app/out/preload/index.cjs');
  });

  it('is a full-screen kiosk window that cannot be minimised, at 100 % zoom', () => {
    expect(production).toMatchObject({ kiosk: true, fullscreen: true, minimizable: false, autoHideMenuBar: true });
    expect(prefs.zoomFactor).toBe(1);
  });

  it('in development only: devtools, a normal window; the isolation stays the same', () => {
    const dev = kioskWindowOptions({ preloadPath: 'p', development: true, session: kioskSession });
    expect(dev).toMatchObject({ kiosk: false, fullscreen: false, minimizable: true });
    expect(dev.webPreferences).toMatchObject({ devTools: true, contextIsolation: true, sandbox: true, nodeIntegration: false });
  });
});
