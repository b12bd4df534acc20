import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { app, BrowserWindow, dialog, Menu, session } from 'electron';
import { defaultKeyPath } from '../audit/keys';
import { openKioskAudit } from './openAudit';
import { createSafeStorageKeyProvider } from './safeStorageKeys';
import { ConfigError, loadConfig } from '../core/config';
import { handleAppProtocol, registerAppScheme } from './appProtocol';
import { bindIpc } from './ipcBinding';
import { startRuntime, type Runtime } from './runtime';
import { APP_ORIGIN, isTrustedUrl, KIOSK_PARTITION, kioskWindowOptions } from './windowOptions';

/**
 * The Electron shell: one hardened window over the shared core. Everything
 * that is not window management or transport lives in the core.
 */
const development = !app.isPackaged && process.env.NODE_ENV === 'development';
const devServerUrl = development ? process.env.ELECTRON_RENDERER_URL : undefined;
const windows = new Map<number, BrowserWindow>();

registerAppScheme();
if (!app.requestSingleInstanceLock()) {
  app.quit();
}

function cliOption(name: string): string | undefined {
  const { values } = parseArgs({ args: process.argv.slice(1), options: { [name]: { type: 'string' } }, strict: false });
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

function hardenContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isTrustedUrl(url, devServerUrl)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isTrustedUrl(url, devServerUrl)) event.preventDefault();
    });
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}

function hardenSession(): void {
  const kioskSession = session.fromPartition(KIOSK_PARTITION);
  kioskSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  kioskSession.setPermissionCheckHandler(() => false);
  kioskSession.setDevicePermissionHandler(() => false);
}

function createKioskWindow(runtime: Runtime): BrowserWindow {
  const win = new BrowserWindow(
    kioskWindowOptions({ preloadPath: join(import.meta.dirname, '../preload/index.cjs'), development }),
  );
  const id = win.webContents.id;
  windows.set(id, win);
  win.once('ready-to-show', () => win.show());
  win.webContents.on('render-process-gone', () => {
    void runtime.core.wipeWindow(String(id), 'crash');
    windows.delete(id);
    if (!win.isDestroyed()) win.destroy();
    createKioskWindow(runtime);
  });
  win.on('closed', () => {
    windows.delete(id);
    void runtime.core.wipeWindow(String(id), 'closed');
  });
  void win.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`);
  return win;
}

async function start(): Promise<void> {
  await app.whenReady();
  Menu.setApplicationMenu(null);
  hardenContents();
  hardenSession();
  handleAppProtocol(join(import.meta.dirname, '../renderer'));

  const config = await loadConfig(cliOption('config') ?? process.env.PULIH_CONFIG);
  const runtime = await startRuntime({
    config,
    dataDir: cliOption('data-dir') ?? process.env.PULIH_DATA_DIR ?? app.getPath('userData'),
    openAudit: (dir, kioskId) =>
      openKioskAudit(dir, kioskId, createSafeStorageKeyProvider(`${defaultKeyPath(dir)}.sealed`, defaultKeyPath(dir))),
    onFault: (what, err) => console.error(`[pulih] fault in ${what}: ${err instanceof Error ? err.name : 'error'}`),
  });
  bindIpc({
    router: runtime.core.router,
    windowIdOf: (webContentsId) => (windows.has(webContentsId) ? String(webContentsId) : undefined),
    devServerUrl,
  });

  app.on('second-instance', () => {
    const [first] = windows.values();
    first?.focus();
  });
  app.on('window-all-closed', () => {
    void runtime.close().finally(() => app.quit());
  });
  createKioskWindow(runtime);
}

start().catch((err: unknown) => {
  const message = err instanceof ConfigError ? `config ${err.message}` : err instanceof Error ? err.message : String(err);
  dialog.showErrorBox('Pulih cannot start', message);
  app.exit(78);
});
