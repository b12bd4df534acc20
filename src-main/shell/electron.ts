import { join } from 'node:path';
import { app, BrowserWindow, clipboard, dialog, Menu, utilityProcess, type Session, type WebContents } from 'electron';
import { defaultKeyPath } from '../audit/keys';
import { ConfigError, loadConfig } from '../core/config';
import { createCrashPolicy } from '../core/crashPolicy';
import { OUT_OF_SERVICE_PATH } from './appFiles';
import { DataFolderInUseError } from './dataFolderLock';
import { isBlockedInput } from './inputFilter';
import { bindIpc } from './ipcBinding';
import { clearKioskTraces } from './kioskTraces';
import { openKioskSession, registerAppScheme } from './kioskSession';
import { electronLaunchOptions } from './launchOptions';
import { openKioskAudit } from './openAudit';
import { formatReadyLine } from './readyLine';
import { reportFault, startRuntime, type Runtime } from './runtime';
import { embeddedStubEntry, startStubProcess, type StubChild, type StubEntry } from './stubProcess';
import { chooseAuditKeyStore } from './safeStorageKeys';
import { readElectronKioskKey } from './sealedKioskKey';
import { APP_ORIGIN, isTrustedUrl, kioskWindowOptions } from './windowOptions';
import { checkMainV8Flags, ELECTRON_JS_FLAGS_SWITCH } from './v8Flags';

/**
 * The Electron shell: one hardened kiosk window over the shared core.
 * Everything that is not window management, hardening or transport lives in
 * the core (docs/kiosk.md lists what is hardened and why).
 */
const development = !app.isPackaged && process.env.NODE_ENV === 'development';
const devServerUrl = development ? process.env.ELECTRON_RENDERER_URL : undefined;
const windows = new Map<number, BrowserWindow>();
const crashPolicy = createCrashPolicy();
/**
 * Electron's utility process (https://www.electronjs.org/docs/latest/api/utility-process):
 * `fork` after ready only; `postMessage` to the child, whose `process.parentPort`
 * receives it; 'message' and 'exit' (with the exit code) from it; `kill()`. The
 * kiosk binary has the runAsNode fuse off (electron-builder.yml), so Node's own
 * `child_process.fork` of it would not run a script.
 */
function utilityStubChild({ modulePath, execArgv }: StubEntry): StubChild {
  const child = utilityProcess.fork(modulePath, [], { serviceName: 'Pulih embedded stub', stdio: 'inherit', execArgv });
  return {
    get pid() {
      return child.pid;
    },
    send: (message) => child.postMessage(message),
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => child.on('exit', listener),
    kill: () => void child.kill(),
  };
}

/** A renderer that stays unresponsive this long is killed and handled as a crash. */
const HANG_GRACE_MS = 10_000;
/** Exit code for a config the kiosk cannot run with (sysexits EX_CONFIG). */
const EXIT_CONFIG = 78;
/** Exit code when another kiosk holds the data folder (sysexits EX_TEMPFAIL: try again once it has closed). */
const EXIT_DATA_FOLDER_IN_USE = 75;
let quitting = false;

type Page = 'app' | 'out-of-service';

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

function pageUrl(page: Page): string {
  if (page === 'out-of-service') return `${APP_ORIGIN}${OUT_OF_SERVICE_PATH}`;
  return devServerUrl ?? `${APP_ORIGIN}/index.html`;
}

function createKioskWindow(runtime: Runtime, kioskSession: Session, page: Page): BrowserWindow {
  const win = new BrowserWindow(
    kioskWindowOptions({ preloadPath: join(import.meta.dirname, '../preload/index.cjs'), development, session: kioskSession }),
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
    void replaceAfterCrash(runtime, kioskSession, win, id, hung ? 'unresponsive' : details.reason);
  });
  win.on('closed', () => {
    clearTimeout(hangTimer);
    windows.delete(id);
    void runtime.core.wipeWindow(String(id), 'closed');
  });
  // loadURL rejects when the page fails to load; did-fail-load has already said why.
  win.loadURL(pageUrl(page)).catch(() => {});
  return win;
}

/**
 * The renderer died: wipe its session (and, through the core's wipe
 * listener, storage and clipboard), audit it, and put a fresh window on a
 * clean first screen, or on the out-of-service page when it keeps dying
 * (crashPolicy). The new window comes first, so the app never has zero
 * windows and never quits on a crash.
 */
async function replaceAfterCrash(runtime: Runtime, kioskSession: Session, win: BrowserWindow, id: number, reason: string): Promise<void> {
  if (quitting) return;
  const verdict = crashPolicy.recordCrash(Date.now());
  windows.delete(id);
  await runtime.core.wipeWindow(String(id), 'crash', { reason, outOfService: verdict === 'out-of-service' });
  createKioskWindow(runtime, kioskSession, verdict === 'out-of-service' ? 'out-of-service' : 'app');
  if (!win.isDestroyed()) win.destroy();
}

async function start(): Promise<void> {
  const launch = electronLaunchOptions(process.argv.slice(app.isPackaged ? 1 : 2), process.env, app.isPackaged);
  if (launch.ignoredFlags.length > 0) {
    console.error(`[pulih] a packaged kiosk ignores ${launch.ignoredFlags.join(', ')} (see docs/kiosk.md, "Launch flags")`);
  }
  const v8FlagsDetail = checkMainV8Flags(launch.v8Flags, `launch it with ${ELECTRON_JS_FLAGS_SWITCH}`);
  await app.whenReady();
  Menu.setApplicationMenu(null);
  hardenContents();
  // Windows open once the runtime has started; until then the page would be served as built.
  const started: { runtime?: Runtime } = {};
  const kioskSession = openKioskSession({
    rendererDir: join(import.meta.dirname, '../renderer'),
    kioskInfo: () => started.runtime?.core.kioskInfo(),
    extraFiles: {
      [OUT_OF_SERVICE_PATH]: join(resourcesDir(), 'out-of-service.html'),
      '/out-of-service.css': join(resourcesDir(), 'out-of-service.css'),
    },
  });

  const config = await loadConfig(launch.configPath);
  const dataDir = launch.dataDir ?? app.getPath('userData');
  const auditDir = join(dataDir, 'audit');
  const keyStore = chooseAuditKeyStore(`${defaultKeyPath(auditDir)}.sealed`, defaultKeyPath(auditDir));
  const startupDetail: Record<string, string | number | boolean> = {
    shell: 'electron',
    auditKeyStore: keyStore.store,
    ...(keyStore.reason ? { auditKeyInFileBecause: keyStore.reason } : {}),
    ...(launch.ignoredFlags.length > 0 ? { ignoredFlags: launch.ignoredFlags.join(' ') } : {}),
    ...v8FlagsDetail,
  };
  const runtime = await startRuntime({
    config,
    dataDir,
    openAudit: (dir, kioskId) => openKioskAudit(dir, kioskId, keyStore.provider),
    // The kiosk key of a real backend, sealed with safeStorage on first start. The runtime reads it before it
    // writes the start-up record, so that record says where the key lives (electron.test.ts checks it).
    readKioskKey: async (path) => {
      const read = await readElectronKioskKey(path);
      startupDetail.kioskKeyStore = read.store;
      if (read.reason) startupDetail.kioskKeyInFileBecause = read.reason;
      return read.key;
    },
    stubTestControls: launch.testControls,
    // In a utility process of its own: the backend double's data does not grow main's.
    startEmbeddedStub: (stubOptions) => startStubProcess(() => utilityStubChild(embeddedStubEntry(import.meta.url)), stubOptions, { onFault: reportFault }),
    startupDetail,
    onFault: reportFault,
  });
  started.runtime = runtime;
  // Every wipe (finish, cancel, idle, sign-out, crash) also clears the partition's storage and the clipboard.
  runtime.core.onWipe(() => clearKioskTraces({ session: kioskSession, clipboard, platform: process.platform }));
  // Main ended a session or the officer's by itself (its own idle limits, the shift): the page still shows it, so it
  // starts again, on the first screen, as after the page's own wipe.
  runtime.core.onMainTimeout((windowId) => {
    const win = windows.get(Number(windowId));
    if (win && !win.isDestroyed()) win.webContents.reload();
  });
  bindIpc({
    router: runtime.core.router,
    windowIdOf: (webContentsId) => (windows.has(webContentsId) ? String(webContentsId) : undefined),
    devServerUrl,
  });

  app.on('second-instance', () => {
    const [first] = windows.values();
    if (!first) return;
    if (first.isMinimized()) first.restore();
    first.focus();
  });
  app.on('before-quit', () => {
    quitting = true;
  });
  // A stop signal (systemd, Ctrl+C) quits as the OS would: through will-quit below. A listener replaces Node's
  // default of ending at once (nodejs.org/api/process.html#signal-events), and keeps proper-lockfile's
  // signal-exit from ending the process itself.
  function quitOnSignal(): void {
    app.quit();
  }
  const STOP_SIGNALS = ['SIGTERM', 'SIGINT'] as const;
  for (const signal of STOP_SIGNALS) process.on(signal, quitOnSignal);
  // However the app quits (last window closed, the OS, a signal), the audit log, the stub and the data-folder lock close first.
  let closed = false;
  app.on('will-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    void runtime
      .close()
      .catch((err: unknown) => console.error(`[pulih] fault in shutdown: ${err instanceof Error ? err.name : 'error'}`))
      .finally(() => {
        closed = true;
        for (const signal of STOP_SIGNALS) process.off(signal, quitOnSignal);
        app.quit();
      });
  });
  app.on('window-all-closed', () => app.quit());
  createKioskWindow(runtime, kioskSession, 'app');
  console.log(
    formatReadyLine({
      shell: 'electron',
      appUrl: pageUrl('app'),
      stubUrl: runtime.stubUrl ?? null,
      dataDir,
      mode: config.mode,
      training: runtime.stubUrl !== undefined,
    }),
  );
}

// Every renderer sandboxed, whatever a window's options say.
app.enableSandbox();
registerAppScheme();
if (app.requestSingleInstanceLock()) {
  start().catch((err: unknown) => {
    const message = err instanceof ConfigError ? `config ${err.message}` : err instanceof Error ? err.message : String(err);
    dialog.showErrorBox('Pulih cannot start', message);
    app.exit(err instanceof ConfigError ? EXIT_CONFIG : err instanceof DataFolderInUseError ? EXIT_DATA_FOLDER_IN_USE : 1);
  });
} else {
  // A second launch hands over to the running kiosk (second-instance) and leaves.
  app.quit();
}
