import { fork, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import vm from 'node:vm';

/**
 * A stand-in for the `electron` module, written from Electron's
 * documentation, so that the built main process (`out/main/index.js`) can be
 * started and driven in a unit test on machines without Electron's binary.
 *
 * It models only what the kiosk relies on, each behaviour with the page it
 * comes from (E = https://www.electronjs.org/docs/latest):
 *
 * - sessions per partition, the same Session for the same partition string
 *   (E/api/session#sessionfrompartitionpartition-options); a window uses
 *   `webPreferences.session`, else `partition`, else the default session
 *   (E/api/structures/web-preferences: "When both session and partition are
 *   provided, session will be preferred").
 * - protocol handlers belong to one session; `protocol.handle` registers on
 *   the default session only (E/api/protocol#using-protocol-with-a-custom-partition-or-session).
 *   Protocol methods only after `ready`, `registerSchemesAsPrivileged` only
 *   before it and only once (E/api/protocol). Relative URLs resolve only for
 *   schemes registered `standard` (E/api/protocol#protocolregisterschemesasprivilegedcustomschemes).
 * - `loadURL` goes through the window's own session; a scheme with no
 *   handler fails the load with `did-fail-load` and a rejected promise,
 *   errorCode -302 ERR_UNKNOWN_URL_SCHEME (E/api/web-contents#contentsloadurlurl-options,
 *   E/api/web-contents#event-did-fail-load; Chromium's net_error_list.h).
 *   `loadURL` emits no `will-navigate` (E/api/web-contents#event-will-navigate:
 *   not for programmatic navigation); a page's own navigation does.
 * - a sandboxed preload is run as a CommonJS script with a `require` that
 *   knows only `electron` (contextBridge, ipcRenderer…), `events`, `timers`
 *   and `url` (E/tutorial/sandbox#preload-scripts); it cannot use ESM
 *   (E/tutorial/esm: "Sandboxed preload scripts … can't use ESM imports").
 *   A throwing preload emits `preload-error` (E/api/web-contents#event-preload-error).
 *   `contextBridge.exposeInMainWorld` needs context isolation (E/api/context-bridge).
 * - IPC: one `ipcMain.handle` per channel, a second one throws (Electron's
 *   lib/browser/ipc-main-impl.ts: "Attempted to register a second handler");
 *   `ipcRenderer.invoke` clones its arguments and answer with the structured
 *   clone algorithm and rejects for a channel nobody handles
 *   (E/api/ipc-renderer#ipcrendererinvokechannel-args); the handler's event
 *   carries `sender` and `senderFrame` (E/api/structures/ipc-main-invoke-event).
 * - webContents events: `render-process-gone` after `forcefullyCrashRenderer`
 *   (E/api/web-contents#contentsforcefullycrashrenderer), `unresponsive` on
 *   the window (E/api/browser-window#event-unresponsive), `will-navigate`,
 *   `before-input-event`, `setWindowOpenHandler` (E/api/window-open),
 *   `devtools-opened` only when `devTools` is on (E/api/structures/web-preferences).
 * - `app.requestSingleInstanceLock()` is scoped to `userData`; the primary
 *   instance gets `second-instance` (E/api/app#apprequestsingleinstancelockadditionaldata).
 *   `app.quit()` emits `before-quit`, closes the windows, then `will-quit`,
 *   both preventable; `window-all-closed` is not emitted then
 *   (E/api/app#event-window-all-closed); `app.exit()` skips them all
 *   (E/api/app#appexitexitcode). `enableSandbox` only before ready.
 * - `dialog.showErrorBox` is safe before ready (E/api/dialog#dialogshowerrorboxtitle-content).
 * - permission requests are granted unless a handler says otherwise
 *   (E/tutorial/security#5-handle-session-permission-requests-from-remote-content);
 *   downloads go ahead unless `will-download` is prevented (E/api/session#event-will-download).
 * - `BrowserWindow.destroy()` emits `closed` but not `close` (E/api/browser-window#windestroy).
 * - `safeStorage` on Linux: `getSelectedStorageBackend()` answers
 *   `basic_text` without a keyring (a hard-coded password) and `unknown`
 *   before ready; `isEncryptionAvailable()` is true once ready and a key
 *   (even basic_text's) is there (E/api/safe-storage,
 *   https://www.electronjs.org/docs/latest/api/safe-storage#safestorageisencryptionavailable),
 *   false where no secret key is available (`encryptionAvailable: false`),
 *   and then `encryptString` throws ("This function will throw an error if
 *   encryption fails"). `decryptString` throws when it cannot decrypt
 *   (E/api/safe-storage#safestoragedecryptstringencrypted). The page says
 *   basic_text encrypts "via hardcoded plaintext password" instead of a key
 *   from the secret store; the double infers that what the keyring sealed
 *   does not decrypt under basic_text (a launch without the keyring fails).
 * - `webContents.reload()` reloads the current page
 *   (E/api/web-contents#contentsreload); like `loadURL` it is programmatic,
 *   so no `will-navigate`.
 *
 * - `utilityProcess.fork(modulePath, args, options)` only after ready
 *   (E/api/utility-process, "can only be called after the ready event");
 *   the child is a real Node process running `modulePath` (ESM entries are
 *   supported since Electron 28, electron/electron#40047) with
 *   `process.parentPort`, whose 'message' event carries `{ data, ports }`
 *   and whose `postMessage` reaches the parent's 'message' event
 *   (E/api/parent-port); messages sent before the child listens wait for
 *   its first 'message' listener, as a MessagePortMain queues them until it
 *   is started (E/api/message-port-main#portstart; Electron's parentPort
 *   starts its port when the first 'message' listener is added: electron/electron lib/utility/init.ts).
 *   It has no Node IPC (`process.send`), and the channel to its parent does
 *   not keep it alive: a child whose script has nothing left to do ends, as
 *   packaged apps' utility processes were seen to (electron/electron#42978;
 *   the stricter of the two behaviours that issue reports). `stdio`
 *   `inherit` (the default), `pipe` or `ignore` for stdout and stderr, stdin
 *   always ignored; 'spawn', then 'exit' with the exit code (a process ended
 *   by a signal reports -1: the page does not say); `kill()` sends SIGTERM.
 *   The page does not say what becomes of a utility process when the app
 *   ends; the double ends it with the app, as Chromium ends its children.
 *
 * It proves the shell's wiring; it never proves that Electron ran.
 */

export class ElectronEvent {
  defaultPrevented = false;
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

/** What a machine shares between launches: the single-instance locks, by userData folder. */
export interface Machine {
  locks: Map<string, AppDouble>;
}

export function createMachine(): Machine {
  return { locks: new Map() };
}

export interface ElectronDoubleOptions {
  machine: Machine;
  userData: string;
  /** Linux with a keyring (gnome_libsecret) or without one (basic_text). Default: without. */
  keyring?: boolean;
  /** Whether safeStorage has a secret key at all once ready (Linux: "the secret key is available"). Default: it has. */
  encryptionAvailable?: boolean;
  isPackaged?: boolean;
}

type ProtocolHandler = (request: Request) => Response | Promise<Response>;
type InvokeHandler = (event: unknown, ...args: unknown[]) => unknown;

export interface LoadedResource {
  url: string;
  status: number;
  contentType: string | null;
  csp: string | null;
}

export interface PageLoad extends LoadedResource {
  /** Every script, stylesheet and image the page references, and the modules those scripts import statically. */
  resources: LoadedResource[];
  /** The document as the page got it (what the protocol handler answered). */
  body: string;
}

export type LoadFailure = { url: string; errorCode: number; errorDescription: string };

interface PrivilegedScheme {
  scheme: string;
  privileges?: { standard?: boolean; secure?: boolean; supportFetchAPI?: boolean };
}

/** Chromium's net errors the double can produce (net/base/net_error_list.h). */
const ERR_UNKNOWN_URL_SCHEME = { errorCode: -302, errorDescription: 'ERR_UNKNOWN_URL_SCHEME' };

class ProtocolDouble {
  readonly handlers = new Map<string, ProtocolHandler>();
  constructor(private readonly app: AppDouble) {}

  handle(scheme: string, handler: ProtocolHandler): void {
    if (!this.app.isReady()) throw new Error('protocol.handle can only be used after the app is ready');
    if (this.handlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
    this.handlers.set(scheme, handler);
  }

  unhandle(scheme: string): void {
    this.handlers.delete(scheme);
  }

  isProtocolHandled(scheme: string): boolean {
    return this.handlers.has(scheme);
  }
}

export class SessionDouble extends EventEmitter {
  readonly protocol: ProtocolDouble;
  permissionRequestHandler: ((wc: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void) | undefined;
  permissionCheckHandler: ((wc: unknown, permission: string, origin: string, details: unknown) => boolean) | undefined;
  devicePermissionHandler: ((details: unknown) => boolean) | undefined;
  storageClears = 0;
  cacheClears = 0;

  constructor(
    readonly partition: string,
    private readonly electron: ElectronDouble,
  ) {
    super();
    this.protocol = new ProtocolDouble(electron.app);
  }

  setPermissionRequestHandler(handler: SessionDouble['permissionRequestHandler']): void {
    this.permissionRequestHandler = handler ?? undefined;
  }
  setPermissionCheckHandler(handler: SessionDouble['permissionCheckHandler']): void {
    this.permissionCheckHandler = handler ?? undefined;
  }
  setDevicePermissionHandler(handler: SessionDouble['devicePermissionHandler']): void {
    this.devicePermissionHandler = handler ?? undefined;
  }
  async clearStorageData(): Promise<void> {
    this.storageClears++;
  }
  async clearCache(): Promise<void> {
    this.cacheClears++;
  }

  /** A page asks for a permission (camera, notifications…): granted unless a handler says no. */
  requestPermission(wc: WebContentsDouble, permission: string): Promise<boolean> {
    const handler = this.permissionRequestHandler;
    if (!handler) return Promise.resolve(true);
    return new Promise((resolve) => handler(wc, permission, resolve, { requestingUrl: wc.getURL() }));
  }

  checkPermission(wc: WebContentsDouble, permission: string): boolean {
    return this.permissionCheckHandler ? this.permissionCheckHandler(wc, permission, wc.getURL(), {}) : true;
  }

  /** A download starts in this session; true when it went ahead. */
  download(wc: WebContentsDouble, url: string): boolean {
    const event = new ElectronEvent();
    this.emit('will-download', event, { getURL: () => url, cancel: () => event.preventDefault() }, wc);
    return !event.defaultPrevented;
  }

  /** One request as Chromium would make it in this session: through this session's handler for the scheme. */
  async request(url: string): Promise<Response | LoadFailure> {
    const scheme = new URL(url).protocol.slice(0, -1);
    const handler = this.protocol.handlers.get(scheme);
    if (!handler) return { url, ...ERR_UNKNOWN_URL_SCHEME };
    return handler(new Request(url));
  }

  isStandardScheme(scheme: string): boolean {
    return ['http', 'https'].includes(scheme) || this.electron.privilegedSchemes.some((s) => s.scheme === scheme && s.privileges?.standard);
  }
}

interface Frame {
  url: string;
  parent: Frame | null;
}

export class WebContentsDouble extends EventEmitter {
  private static nextId = 1;
  readonly id = WebContentsDouble.nextId++;
  readonly mainFrame: Frame = { url: '', parent: null };
  /** What the preload exposed with contextBridge, as the page would see it (`window.kiosk`). */
  mainWorld: Record<string, unknown> = {};
  readonly loads: PageLoad[] = [];
  readonly failedLoads: LoadFailure[] = [];
  readonly preloadErrors: unknown[] = [];
  windowOpenHandler: ((details: { url: string }) => { action: 'allow' | 'deny' }) | undefined;
  zoomFactor = 1;
  devToolsOpened = false;
  private destroyed = false;

  constructor(
    readonly owner: BrowserWindowDouble,
    readonly session: SessionDouble,
    readonly webPreferences: Record<string, unknown>,
    private readonly electron: ElectronDouble,
  ) {
    super();
  }

  getURL(): string {
    return this.mainFrame.url;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  markDestroyed(): void {
    this.destroyed = true;
    this.mainWorld = {};
  }
  setWindowOpenHandler(handler: WebContentsDouble['windowOpenHandler']): void {
    this.windowOpenHandler = handler;
  }
  setZoomFactor(factor: number): void {
    this.zoomFactor = factor;
  }
  getZoomFactor(): number {
    return this.zoomFactor;
  }
  async setVisualZoomLevelLimits(_min: number, _max: number): Promise<void> {}
  openDevTools(): void {
    if (this.webPreferences.devTools === false) return;
    this.devToolsOpened = true;
    this.emit('devtools-opened');
  }
  closeDevTools(): void {
    this.devToolsOpened = false;
  }
  isDevToolsOpened(): boolean {
    return this.devToolsOpened;
  }

  forcefullyCrashRenderer(): void {
    this.crash('killed');
  }

  /** The renderer process dies (crash, OOM, killed). */
  crash(reason: 'crashed' | 'killed' | 'oom' = 'crashed'): void {
    this.mainWorld = {};
    setImmediate(() => this.emit('render-process-gone', new ElectronEvent(), { reason, exitCode: reason === 'killed' ? 9 : 133 }));
  }

  async loadURL(url: string): Promise<void> {
    if (this.destroyed) throw new Error('Object has been destroyed');
    const answer = await this.session.request(url);
    if (!(answer instanceof Response)) {
      this.failedLoads.push(answer);
      this.emit('did-fail-load', new ElectronEvent(), answer.errorCode, answer.errorDescription, url, true, 1, this.id);
      throw new Error(`${answer.errorDescription} (${answer.errorCode}) loading '${url}'`);
    }
    const body = await answer.text();
    this.mainFrame.url = url;
    this.mainWorld = {};
    await this.runPreload();
    const resources = await this.loadSubresources(url, body, answer.headers.get('content-type'));
    this.loads.push({ ...describe(url, answer), resources, body });
    this.emit('did-finish-load', new ElectronEvent());
    if (this.loads.length === 1) this.owner.emit('ready-to-show', new ElectronEvent());
  }

  /** `webContents.reload()`: the same URL again, as a fresh page (a fresh preload, a fresh main world). */
  reload(): void {
    void this.loadURL(this.getURL()).catch(() => {});
  }

  /** The page itself navigates (a link, `location.href = …`): `will-navigate` first, which may stop it. */
  async navigate(url: string): Promise<boolean> {
    const event = new ElectronEvent();
    this.emit('will-navigate', event, url);
    if (event.defaultPrevented) return false;
    await this.loadURL(url).catch(() => {});
    return true;
  }

  /** The page calls `window.open(url)`; the answer of the window-open handler (allow when there is none). */
  openWindow(url: string): 'allow' | 'deny' {
    return this.windowOpenHandler?.({ url }).action ?? 'allow';
  }

  /** A key press before it reaches the page; true when the page gets it. */
  pressKey(input: { key: string; control?: boolean; meta?: boolean; alt?: boolean; shift?: boolean; type?: string }): boolean {
    const event = new ElectronEvent();
    this.emit('before-input-event', event, { type: 'keyDown', control: false, meta: false, alt: false, shift: false, ...input });
    return !event.defaultPrevented;
  }

  /**
   * `ipcRenderer.invoke` from a frame of this page: the main frame (what
   * the preload does) or a subframe of some other origin (what a page that
   * got an iframe injected could try).
   */
  async invokeFromFrame(frame: Frame, channel: string, ...args: unknown[]): Promise<unknown> {
    const handler = this.electron.ipcMain.handlers.get(channel);
    if (!handler) throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`);
    const event = { sender: this, senderFrame: frame, frameId: frame === this.mainFrame ? 1 : 2, processId: 1 };
    try {
      return structuredClone(await handler(event, ...structuredClone(args)));
    } catch (err) {
      throw new Error(`Error invoking remote method '${channel}': ${String(err)}`);
    }
  }

  private async runPreload(): Promise<void> {
    const preload = this.webPreferences.preload;
    if (typeof preload !== 'string') return;
    const sandboxed = this.webPreferences.sandbox !== false || this.electron.app.sandboxEnabled;
    if (!sandboxed) throw new Error('the double models sandboxed preloads only');
    const source = await readFile(preload, 'utf8');
    const electronForRenderer = {
      contextBridge: {
        exposeInMainWorld: (key: string, api: unknown) => {
          if (this.webPreferences.contextIsolation === false) throw new Error('contextBridge API can only be used when contextIsolation is enabled');
          this.mainWorld[key] = copyAcrossWorlds(api);
        },
      },
      ipcRenderer: { invoke: (channel: string, ...args: unknown[]) => this.invokeFromFrame(this.mainFrame, channel, ...args) },
    };
    const allowed: Record<string, unknown> = {
      electron: electronForRenderer,
      events: EventEmitter,
      timers: { setTimeout, clearTimeout, setInterval, clearInterval },
      url: { URL, URLSearchParams },
    };
    const module = { exports: {} as unknown };
    const sandboxRequire = (name: string): unknown => {
      if (!Object.hasOwn(allowed, name)) throw new Error(`module not found: ${name}`);
      return allowed[name];
    };
    try {
      const script = new vm.Script(`(function (require, module, exports) {${source}\n})`, { filename: preload });
      const run = script.runInNewContext({ console }) as (r: unknown, m: unknown, e: unknown) => void;
      run(sandboxRequire, module, module.exports);
    } catch (err) {
      this.preloadErrors.push(err);
      this.emit('preload-error', new ElectronEvent(), preload, err);
    }
  }

  private async loadSubresources(pageUrl: string, body: string, contentType: string | null): Promise<LoadedResource[]> {
    if (!contentType?.startsWith('text/html')) return [];
    const base = new URL(pageUrl);
    const standard = this.session.isStandardScheme(base.protocol.slice(0, -1));
    const seen = new Set<string>();
    const loaded: LoadedResource[] = [];
    const load = async (ref: string, from: string): Promise<void> => {
      let url: string;
      try {
        if (!standard && !/^[a-z][a-z0-9+.-]*:/i.test(ref)) throw new Error('relative URL on a non-standard scheme');
        url = new URL(ref, from).href;
      } catch {
        loaded.push({ url: ref, status: 0, contentType: null, csp: null });
        return;
      }
      if (seen.has(url)) return;
      seen.add(url);
      const answer = await this.session.request(url);
      if (!(answer instanceof Response)) {
        loaded.push({ url, status: 0, contentType: null, csp: null });
        return;
      }
      loaded.push(describe(url, answer));
      if (answer.ok && answer.headers.get('content-type')?.includes('javascript')) {
        const code = await answer.text();
        await Promise.all(staticImports(code).map((spec) => load(spec, url)));
      }
    };
    await Promise.all(pageReferences(body).map((ref) => load(ref, pageUrl)));
    return loaded;
  }
}

function describe(url: string, response: Response): LoadedResource {
  return {
    url,
    status: response.status,
    contentType: response.headers.get('content-type'),
    csp: response.headers.get('content-security-policy'),
  };
}

/** `src` of scripts and images and `href` of links in an HTML page: what Chromium fetches at load. */
function pageReferences(html: string): string[] {
  const refs: string[] = [];
  for (const match of html.matchAll(/<(script|img|link)\b[^>]*?\s(src|href)\s*=\s*["']([^"']+)["']/gi)) {
    if (match[3]) refs.push(match[3]);
  }
  return refs;
}

/** Relative static `import … from "./x.js"` and `import "./x.js"` of an ES module (not lazy `import()`). */
function staticImports(code: string): string[] {
  const specs: string[] = [];
  for (const match of code.matchAll(/(?:^|[;\n}])\s*(?:import|export)\s*(?:[\w$*{}\s,]+?\s*from\s*)?["'](\.{1,2}\/[^"']+)["']/g)) {
    if (match[1]) specs.push(match[1]);
  }
  return specs;
}

/**
 * What `contextBridge` hands the page: a copy; functions become proxies
 * whose arguments and results are copied again (E/api/context-bridge,
 * "Parameter / Error / Return Type support").
 */
function copyAcrossWorlds(value: unknown): unknown {
  if (typeof value === 'function') {
    return async (...args: unknown[]) => structuredClone(await (value as (...a: unknown[]) => unknown)(...structuredClone(args)));
  }
  if (value && typeof value === 'object') {
    const copy: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) copy[key] = copyAcrossWorlds(inner);
    return Object.isFrozen(value) ? Object.freeze(copy) : copy;
  }
  return structuredClone(value);
}

export class BrowserWindowDouble extends EventEmitter {
  readonly webContents: WebContentsDouble;
  visible = false;
  focused = false;
  minimized = false;
  private destroyed = false;

  constructor(
    readonly options: Record<string, unknown>,
    private readonly electron: ElectronDouble,
  ) {
    super();
    if (!electron.app.isReady()) throw new Error('Cannot create BrowserWindow before app is ready');
    const prefs = (options.webPreferences ?? {}) as Record<string, unknown>;
    const session =
      prefs.session instanceof SessionDouble
        ? prefs.session
        : typeof prefs.partition === 'string'
          ? electron.session.fromPartition(prefs.partition)
          : electron.session.defaultSession;
    this.webContents = new WebContentsDouble(this, session, prefs, electron);
    electron.windows.add(this);
    electron.app.emit('web-contents-created', new ElectronEvent(), this.webContents);
  }

  loadURL(url: string): Promise<void> {
    return this.webContents.loadURL(url);
  }
  show(): void {
    this.visible = true;
  }
  focus(): void {
    for (const other of this.electron.windows) other.focused = false;
    this.focused = true;
    this.minimized = false;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** The window goes away without `close` or page unload, but with `closed`. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.webContents.markDestroyed();
    this.electron.windows.delete(this);
    this.emit('closed');
    if (this.electron.windows.size === 0 && !this.electron.app.quitting) this.electron.app.emit('window-all-closed');
  }
  close(): void {
    const event = new ElectronEvent();
    this.emit('close', event);
    if (!event.defaultPrevented) this.destroy();
  }
  /** The renderer stops answering (a busy loop in the page). */
  hang(): void {
    this.emit('unresponsive');
  }
}

export class AppDouble extends EventEmitter {
  readonly isPackaged: boolean;
  sandboxEnabled = false;
  quitting = false;
  /** Set once the app process has ended: by `exit(code)` or a completed `quit()`. */
  exitCode: number | undefined;
  private ready = false;
  private readonly readyWaiters: (() => void)[] = [];

  constructor(private readonly electron: ElectronDouble) {
    super();
    this.isPackaged = electron.options.isPackaged ?? false;
  }

  isReady(): boolean {
    return this.ready;
  }
  whenReady(): Promise<void> {
    if (this.ready) return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }
  /** The test's part: Electron finished initialising. */
  becomeReady(): void {
    this.ready = true;
    this.emit('ready', new ElectronEvent(), {});
    for (const resolve of this.readyWaiters.splice(0)) resolve();
  }
  enableSandbox(): void {
    if (this.ready) throw new Error('app.enableSandbox() can only be called before app is ready');
    this.sandboxEnabled = true;
  }
  getPath(name: string): string {
    return name === 'userData' ? this.electron.options.userData : join(this.electron.options.userData, `.${name}`);
  }

  requestSingleInstanceLock(additionalData: unknown = {}): boolean {
    const { locks } = this.electron.options.machine;
    const key = this.electron.options.userData;
    const holder = locks.get(key);
    if (holder && holder !== this && holder.exitCode === undefined) {
      setImmediate(() => holder.emit('second-instance', new ElectronEvent(), [...process.argv], process.cwd(), additionalData));
      return false;
    }
    locks.set(key, this);
    return true;
  }

  quit(): void {
    if (this.exitCode !== undefined) return;
    const beforeQuit = new ElectronEvent();
    this.emit('before-quit', beforeQuit);
    if (beforeQuit.defaultPrevented) return;
    this.quitting = true;
    for (const win of [...this.electron.windows]) win.close();
    if (this.electron.windows.size > 0) {
      this.quitting = false;
      return;
    }
    const willQuit = new ElectronEvent();
    this.emit('will-quit', willQuit);
    if (willQuit.defaultPrevented) {
      this.quitting = false;
      return;
    }
    this.emit('quit', new ElectronEvent(), 0);
    this.ended(0);
  }

  exit(exitCode = 0): void {
    if (this.exitCode !== undefined) return;
    for (const win of [...this.electron.windows]) win.destroy();
    this.ended(exitCode);
  }

  private ended(code: number): void {
    this.exitCode = code;
    for (const child of this.electron.utilityProcesses) child.kill();
    const { locks } = this.electron.options.machine;
    if (locks.get(this.electron.options.userData) === this) locks.delete(this.electron.options.userData);
  }
}

class IpcMainDouble extends EventEmitter {
  readonly handlers = new Map<string, InvokeHandler>();
  handle(channel: string, handler: InvokeHandler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
}

/**
 * What a utility process's Node sees before its entry runs: `process.parentPort` over the IPC
 * channel the double forks it with, and no `process.send` (a utility process has no Node IPC).
 */
const PARENT_PORT_SHIM = `data:text/javascript,${encodeURIComponent(`
import { EventEmitter } from 'node:events';
const send = process.send.bind(process);
const parentPort = new EventEmitter();
parentPort.postMessage = (message) => void send(message);
// Messages wait until the child listens: the port starts with its first 'message' listener.
const waiting = [];
let started = false;
process.on('message', (data) => (started ? parentPort.emit('message', { data, ports: [] }) : waiting.push(data)));
parentPort.on('newListener', (event) => {
  if (event !== 'message' || started) return;
  started = true;
  setImmediate(() => { for (const data of waiting.splice(0)) parentPort.emit('message', { data, ports: [] }); });
});
// A utility process ends with the app (Chromium's child): here, when the test's process is gone.
process.on('disconnect', () => process.exit(0));
// The channel to the parent does not keep the child alive: a packaged app's utility process ends
// once its script has nothing left to do, waiting messages or not (electron/electron#42978).
process.channel?.unref();
process.send = undefined;
Object.defineProperty(process, 'parentPort', { enumerable: true, writable: false, value: parentPort });
`)}`;

type UtilityStdio = 'inherit' | 'pipe' | 'ignore';

/** One `utilityProcess.fork`: a real Node process with `process.parentPort` (see the module's doc). */
export class UtilityProcessDouble extends EventEmitter {
  readonly child: ChildProcess;
  readonly serviceName: string;

  constructor(modulePath: string, args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string; stdio?: UtilityStdio; serviceName?: string; execArgv?: string[] }) {
    super();
    const stdio = options.stdio ?? 'inherit';
    this.serviceName = options.serviceName ?? 'Node Utility Process';
    this.child = fork(modulePath, args, {
      execArgv: ['--import', PARENT_PORT_SHIM, ...(options.execArgv ?? [])],
      stdio: ['ignore', stdio, stdio, 'ipc'],
      ...(options.env ? { env: options.env } : {}),
      ...(options.cwd ? { cwd: options.cwd } : {}),
    });
    this.child.on('spawn', () => this.emit('spawn'));
    this.child.on('error', () => {});
    this.child.on('message', (message) => this.emit('message', message));
    this.child.on('exit', (code) => this.emit('exit', code ?? -1));
  }
  get pid(): number | undefined {
    return this.child.exitCode === null && this.child.signalCode === null ? this.child.pid : undefined;
  }
  get stdout() {
    return this.child.stdout;
  }
  get stderr() {
    return this.child.stderr;
  }
  postMessage(message: unknown): void {
    if (this.child.connected) this.child.send(message as never);
  }
  kill(): boolean {
    return this.child.kill('SIGTERM');
  }
}

/** One launch of the app: the `electron` module its main process imports, and what a test can see and do. */
export class ElectronDouble {
  readonly app: AppDouble;
  readonly windows = new Set<BrowserWindowDouble>();
  readonly ipcMain = new IpcMainDouble();
  readonly privilegedSchemes: PrivilegedScheme[] = [];
  readonly errorBoxes: { title: string; content: string }[] = [];
  readonly clipboardClears: string[] = [];
  readonly utilityProcesses = new Set<UtilityProcessDouble>();
  applicationMenu: unknown = 'default';
  readonly sessions = new Map<string, SessionDouble>();
  readonly session: { fromPartition(partition: string): SessionDouble; readonly defaultSession: SessionDouble };
  /** The `electron` module as main imports it. */
  readonly module: Record<string, unknown>;

  constructor(readonly options: ElectronDoubleOptions) {
    this.app = new AppDouble(this);
    const fromPartition = (partition: string): SessionDouble => {
      let found = this.sessions.get(partition);
      if (!found) {
        found = new SessionDouble(partition, this);
        this.sessions.set(partition, found);
      }
      return found;
    };
    this.session = {
      fromPartition,
      get defaultSession() {
        return fromPartition('');
      },
    };
    let schemesRegistered = false;
    const protocol = {
      registerSchemesAsPrivileged: (schemes: PrivilegedScheme[]): void => {
        if (this.app.isReady()) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
        if (schemesRegistered) throw new Error('protocol.registerSchemesAsPrivileged can be called only once');
        schemesRegistered = true;
        this.privilegedSchemes.push(...schemes);
      },
      handle: (scheme: string, handler: ProtocolHandler) => this.session.defaultSession.protocol.handle(scheme, handler),
      unhandle: (scheme: string) => this.session.defaultSession.protocol.unhandle(scheme),
      isProtocolHandled: (scheme: string) => this.session.defaultSession.protocol.isProtocolHandled(scheme),
    };
    const keyring = options.keyring ?? false;
    const available = () => this.app.isReady() && (options.encryptionAvailable ?? true);
    const safeStorage = {
      getSelectedStorageBackend: () => (!this.app.isReady() ? 'unknown' : keyring ? 'gnome_libsecret' : 'basic_text'),
      isEncryptionAvailable: available,
      encryptString: (plain: string): Buffer => {
        if (!available()) throw new Error('Encryption is not available.');
        return Buffer.from(`${keyring ? 'v11' : 'v10'}${Buffer.from(plain, 'utf8').toString('base64')}`);
      },
      decryptString: (sealed: Buffer): string => {
        const text = sealed.toString('utf8');
        // v11: sealed under the keyring's key, which basic_text (v10, the hard-coded password) does not have.
        if (!available() || !/^v1[01]/.test(text) || (text.startsWith('v11') && !keyring)) {
          throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
        }
        return Buffer.from(text.slice(3), 'base64').toString('utf8');
      },
    };
    this.module = {
      app: this.app,
      BrowserWindow: browserWindowClass(this),
      session: this.session,
      protocol,
      ipcMain: this.ipcMain,
      safeStorage,
      dialog: {
        showErrorBox: (title: string, content: string) => {
          this.errorBoxes.push({ title, content });
        },
      },
      clipboard: {
        clear: (type: string = 'clipboard') => {
          this.clipboardClears.push(type);
        },
      },
      Menu: {
        setApplicationMenu: (menu: unknown) => {
          this.applicationMenu = menu;
        },
      },
      utilityProcess: {
        fork: (modulePath: string, args: string[] = [], forkOptions: ConstructorParameters<typeof UtilityProcessDouble>[2] = {}) => {
          if (!this.app.isReady()) throw new Error('utilityProcess cannot be created before app is ready.');
          const child = new UtilityProcessDouble(modulePath, args, forkOptions);
          this.utilityProcesses.add(child);
          child.on('exit', () => this.utilityProcesses.delete(child));
          return child;
        },
      },
    };
  }

  /** The open windows, oldest first. */
  openWindows(): BrowserWindowDouble[] {
    return [...this.windows];
  }
}

/** `BrowserWindow` as main sees it: `new BrowserWindow(options)` in this launch, `getAllWindows()`. */
function browserWindowClass(electron: ElectronDouble) {
  return class BrowserWindow extends BrowserWindowDouble {
    constructor(options: Record<string, unknown> = {}) {
      super(options, electron);
    }
    static getAllWindows(): BrowserWindowDouble[] {
      return [...electron.windows];
    }
  };
}

export function createElectronDouble(options: ElectronDoubleOptions): ElectronDouble {
  return new ElectronDouble(options);
}
