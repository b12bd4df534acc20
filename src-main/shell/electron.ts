import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { app, BrowserWindow, clipboard, dialog, Menu, session, type WebContents } from 'electron';
import { defaultKeyPath } from '../audit/keys';
import { ConfigError, loadConfig } from '../core/config';
import { createCrashPolicy } from '../core/crashPolicy';
import { OUT_OF_SERVICE_PATH } from './appFiles';
import { handleAppProtocol, registerAppScheme } from './appProtocol';
import { isBlockedInput } from './inputFilter';
import { bindIpc } from './ipcBinding';
import { clearKioskTraces } from './kioskTraces';
import { openKioskAudit } from './openAudit';
import { startRuntime, type Runtime } from './runtime';
import { createSafeStorageKeyProvider } from './safeStorageKeys';
import { APP_ORIGIN, isTrustedUrl, KIOSK_PARTITION, kioskWindowOptions } from './windowOptions';

/**
 * The Electron shell: one hardened kiosk window over the shared core.
 * Everything that is not window management, hardening or transport lives in
 * the core (docs/kiosk.md lists what is hardened and why).
 */
const development = !app.isPackaged && process.env.NODE_ENV === 'development';
const devServerUrl = development ? process.env.ELECTRON_RENDERER_URL : undefined;
const windows = new Map<number, BrowserWindow>();
const crashPolicy = createCrashPolicy();
/** A renderer that stays unresponsive this long is killed and handled as a crash. */
const HANG_GRACE_MS = 10_000;
let quitting = false;

type Page = 'app' | 'out-of-service';

function cliOption(name: string): string | undefined {
  const { values } = parseArgs({ args: process.argv.slice(1), options: { [name]: { type: 'string' } }, strict: false });
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

/** resources/ beside the app: process.resourcesPath when packaged (electron-builder extraResources), the repo's otherwise. */
function resourcesDir(): string {
  return app.isPackaged ? process.resourcesPath : join(import.meta.dirname, '../../resources');
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
    if (!development) hardenProductionInput(contents);
  });
}

/** No reload, zoom, devtools, print or history shortcuts, and no pinch zoom, on a production kiosk. */
function hardenProductionInput(contents: WebContents): void {
  contents.on('before-input-event', (event, input) => {
    if (isBlockedInput(input)) event.preventDefault();
  });
  contents.on('did-finish-load', () => {
    contents.setZoomFactor(1);
    void contents.setVisualZoomLevelLimits(1, 1).catch(() => {});
  });
  contents.on('devtools-opened', () => contents.closeDevTools());
}

function hardenSession(): Electron.Session {
  const kioskSession = session.fromPartition(KIOSK_PARTITION);
  kioskSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  kioskSession.setPermissionCheckHandler(() => false);
  kioskSession.setDevicePermissionHandler(() => false);
  kioskSession.on('will-download', (event) => event.preventDefault());
  return kioskSession;
}

function pageUrl(page: Page): string {
  if (page === 'out-of-service') return `${APP_ORIGIN}${OUT_OF_SERVICE_PATH}`;
  return devServerUrl ?? `${APP_ORIGIN}/index.html`;
}

function createKioskWindow(runtime: Runtime, page: Page): BrowserWindow {
  const win = new BrowserWindow(
    kioskWindowOptions({ preloadPath: join(import.meta.dirname, '../preload/index.cjs'), development }),
  );
  const id = win.webContents.id;
  windows.set(id, win);
  win.once('ready-to-show', () => win.show());

  let hangTimer: NodeJS.Timeout | undefined;
  let hung = false;
  win.on('unresponsive', () => {
    hangTimer ??= setTimeout(() => {
      hung = true;
      if (!win.isDestroyed()) win.webContents.forcefullyCrashRenderer();
    }, HANG_GRACE_MS);
  });
  win.on('responsive', () => {
    clearTimeout(hangTimer);
    hangTimer = undefined;
  });
  win.webContents.on('render-process-gone', (_event, details) => {
    clearTimeout(hangTimer);
    void replaceAfterCrash(runtime, win, id, hung ? 'unresponsive' : details.reason);
  });
  win.on('closed', () => {
    clearTimeout(hangTimer);
    windows.delete(id);
    void runtime.core.wipeWindow(String(id), 'closed');
  });
  void win.loadURL(pageUrl(page));
  return win;
}

/**
 * The renderer died: wipe its session (and, through the core's wipe
 * listener, storage and clipboard), audit it, and put a fresh window on a
 * clean first screen, or on the out-of-service page when it keeps dying
 * (crashPolicy). The new window comes first, so the app never has zero
 * windows and never quits on a crash.
 */
async function replaceAfterCrash(runtime: Runtime, win: BrowserWindow, id: number, reason: string): Promise<void> {
  if (quitting) return;
  const verdict = crashPolicy.recordCrash(Date.now());
  windows.delete(id);
  await runtime.core.wipeWindow(String(id), 'crash', { reason, outOfService: verdict === 'out-of-service' });
  createKioskWindow(runtime, verdict === 'out-of-service' ? 'out-of-service' : 'app');
  if (!win.isDestroyed()) win.destroy();
}

async function start(): Promise<void> {
  await app.whenReady();
  Menu.setApplicationMenu(null);
  hardenContents();
  const kioskSession = hardenSession();
  handleAppProtocol(join(import.meta.dirname, '../renderer'), {
    [OUT_OF_SERVICE_PATH]: join(resourcesDir(), 'out-of-service.html'),
    '/out-of-service.css': join(resourcesDir(), 'out-of-service.css'),
  });

  const config = await loadConfig(cliOption('config') ?? process.env.PULIH_CONFIG);
  const runtime = await startRuntime({
    config,
    dataDir: cliOption('data-dir') ?? process.env.PULIH_DATA_DIR ?? app.getPath('userData'),
    openAudit: (dir, kioskId) =>
      openKioskAudit(dir, kioskId, createSafeStorageKeyProvider(`${defaultKeyPath(dir)}.sealed`, defaultKeyPath(dir))),
    onFault: (what, err) => console.error(`[pulih] fault in ${what}: ${err instanceof Error ? err.name : 'error'}`),
  });
  // Every wipe (finish, cancel, idle, sign-out, crash) also clears the partition's storage and the clipboard.
  runtime.core.onWipe(() => clearKioskTraces({ session: kioskSession, clipboard, platform: process.platform }));
  bindIpc({
    router: runtime.core.router,
    windowIdOf: (webContentsId) => (windows.has(webContentsId) ? String(webContentsId) : undefined),
    devServerUrl,
  });

  app.on('second-instance', () => {
    const [first] = windows.values();
    first?.focus();
  });
  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('window-all-closed', () => {
    void runtime.close().finally(() => app.quit());
  });
  createKioskWindow(runtime, 'app');
}

// Every renderer sandboxed, whatever a window's options say.
app.enableSandbox();
registerAppScheme();
if (app.requestSingleInstanceLock()) {
  start().catch((err: unknown) => {
    const message = err instanceof ConfigError ? `config ${err.message}` : err instanceof Error ? err.message : String(err);
    dialog.showErrorBox('Pulih cannot start', message);
    app.exit(78);
  });
} else {
  // A second launch hands over to the running kiosk (second-instance) and leaves.
  app.quit();
}
