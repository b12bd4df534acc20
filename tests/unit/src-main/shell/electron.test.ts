import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { channelOf, KIOSK_METHODS } from '../../../../src-shared/contract';
import { KIOSK_INFO_ELEMENT_ID, parseKioskInfo } from '../../../../src-shared/pageInfo';
import { startStub, type RunningStub } from '../../../../src-main/backend/stub/server';
import { parseReadyLine, type ReadyInfo } from '../../../../src-main/shell/readyLine';
import { readAuditLog } from '../../../e2e/fixtures/auditLog';
import { createElectronDouble, createMachine, type BrowserWindowDouble, type ElectronDouble, type Machine, type UtilityProcessDouble } from '../../../doubles/electron';

/**
 * The Electron shell's whole start-up, on the double of the `electron`
 * module (tests/doubles/electron.ts): the built main process
 * (`out/main/index.js`, exactly what `npm start` runs) is imported with
 * `electron` swapped for the double, which then plays Electron's part from
 * its documentation. This proves the wiring; it does not prove Electron ran.
 */

const ROOT = resolve(import.meta.dirname, '../../../..');
const MAIN = join(ROOT, 'out/main/index.js');
const PRELOAD = join(ROOT, 'out/preload/index.cjs');
const SOURCES = ['src-main', 'src-preload', 'src-renderer', 'src-shared', 'resources'].map((dir) => join(ROOT, dir));

/** Builds with electron-vite when the build is missing or older than a source file. */
function ensureBuilt(): void {
  const newest = (dir: string): number => {
    let latest = 0;
    for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
      if (entry.isFile()) latest = Math.max(latest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
    }
    return latest;
  };
  if (existsSync(MAIN) && statSync(MAIN).mtimeMs >= Math.max(...SOURCES.map(newest))) return;
  const built = spawnSync('npx', ['electron-vite', 'build'], { cwd: ROOT, stdio: 'pipe', encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`electron-vite build failed:\n${built.stderr}`);
}

interface Launch {
  electron: ElectronDouble;
  dataDir: string;
  ready: () => ReadyInfo | undefined;
}

const launched: Launch[] = [];
const testRunnerArgv = process.argv;
const temps: string[] = [];

async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

/**
 * Starts one Electron process on the double: `electron out/main/index.js
 * [args]`, with a fresh module registry, as a new process would have.
 */
async function launch(
  options: { machine?: Machine; userData?: string; args?: string[]; keyring?: boolean; packaged?: boolean } = {},
): Promise<Launch> {
  const userData = options.userData ?? (await tempDir('pulih-userdata-'));
  const electron = createElectronDouble({
    machine: options.machine ?? createMachine(),
    userData,
    keyring: options.keyring ?? false,
    isPackaged: options.packaged ?? false,
  });
  const lines: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
  vi.spyOn(console, 'error').mockImplementation(() => {});
  // As in a real process, the command line stays what it was for the app's whole life (restored after each test).
  process.argv = [process.execPath, ...(options.packaged ? [] : [MAIN]), ...(options.args ?? [])];
  vi.doMock('electron', () => electron.module);
  vi.resetModules();
  await import(/* @vite-ignore */ MAIN);
  electron.app.becomeReady();
  const launch: Launch = {
    electron,
    dataDir: userData,
    ready: () => lines.map(parseReadyLine).find((info) => info !== undefined),
  };
  launched.push(launch);
  return launch;
}

/** The window the kiosk shows once it has loaded (or failed to load) a page. */
async function shownWindow(
  electron: ElectronDouble,
  predicate: (win: BrowserWindowDouble) => boolean = () => true,
  timeout = 15_000,
): Promise<BrowserWindowDouble> {
  let found: BrowserWindowDouble | undefined;
  await vi.waitFor(
    () => {
      found = electron.openWindows().find((win) => (win.webContents.loads.length > 0 || win.webContents.failedLoads.length > 0) && predicate(win));
      expect(found, 'a kiosk window that loaded a page').toBeDefined();
    },
    { timeout, interval: 20 },
  );
  return found!;
}

function kioskApiOf(win: BrowserWindowDouble): Record<string, (payload?: unknown) => Promise<{ ok: boolean; value?: unknown; error?: { code: string } }>> {
  return win.webContents.mainWorld.kiosk as never;
}

beforeAll(ensureBuilt, 120_000);

afterEach(async () => {
  vi.useRealTimers();
  for (const { electron } of launched.splice(0)) {
    electron.app.quit();
    await vi.waitFor(() => expect(electron.app.exitCode).toBeDefined(), { timeout: 5_000 });
  }
  process.argv = testRunnerArgv;
  vi.restoreAllMocks();
  vi.doUnmock('electron');
  await Promise.all(temps.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

// The machine's own kiosk config and data folder must not leak into these launches.
delete process.env.PULIH_CONFIG;
delete process.env.PULIH_DATA_DIR;

describe('the Electron shell starting on the double of Electron', () => {
  it('shows its first window: index.html with 200 and the CSP through the kiosk session, and every script, stylesheet and the favicon it references', async () => {
    const { electron } = await launch();
    const win = await shownWindow(electron);
    const contents = win.webContents;

    expect(contents.failedLoads).toEqual([]);
    const [page] = contents.loads;
    expect(page).toMatchObject({ url: 'app://kiosk/index.html', status: 200 });
    expect(page?.contentType).toMatch(/^text\/html/);
    expect(page?.csp).toContain("script-src 'self'");
    const kinds = new Set(page?.resources.map((r) => r.url.split('.').pop()));
    expect(kinds).toEqual(new Set(['js', 'css', 'svg']));
    expect(page?.resources.find((r) => r.url.endsWith('.svg'))?.contentType).toMatch(/^image\/svg\+xml/);
    for (const resource of page?.resources ?? []) expect(resource, resource.url).toMatchObject({ status: 200 });
    // The first screen is one script (the build puts every static import in the entry, electron.vite.config.ts;
    // the steps after it are fetched later), served as JavaScript: a module script of another type never runs.
    const scripts = page?.resources.filter((r) => r.url.endsWith('.js')) ?? [];
    expect(scripts.length).toBeGreaterThanOrEqual(1);
    for (const script of scripts) expect(script.contentType, script.url).toMatch(/^text\/javascript|^application\/javascript/);

    // The window lives in the in-memory kiosk session, which is not the default one.
    expect(contents.session).toBe(electron.session.fromPartition('kiosk-memory'));
    expect(contents.session).not.toBe(electron.session.defaultSession);
    expect(win.visible).toBe(true);
    expect(electron.applicationMenu).toBeNull();
  });

  it('runs the preload sandboxed as CommonJS and gives the page exactly the kiosk API, each method with one handler', async () => {
    const { electron } = await launch();
    const win = await shownWindow(electron);

    expect(existsSync(PRELOAD)).toBe(true);
    expect(win.webContents.webPreferences).toMatchObject({ preload: PRELOAD, sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect(win.webContents.preloadErrors).toEqual([]);
    const kiosk = kioskApiOf(win);
    expect(Object.keys(kiosk).sort()).toEqual([...KIOSK_METHODS].sort());
    expect(Object.isFrozen(kiosk)).toBe(true);
    expect([...electron.ipcMain.handlers.keys()].sort()).toEqual(KIOSK_METHODS.map(channelOf).sort());

    const info = await kiosk.getKioskInfo!();
    expect(info).toMatchObject({ ok: true, value: { mode: 'assisted', training: true } });
  });

  it('refuses calls from a foreign frame, a page navigated elsewhere, or a window that is not the kiosk', async () => {
    const { electron } = await launch();
    const win = await shownWindow(electron);
    const channel = channelOf('getKioskInfo');
    const forbidden = { ok: false, error: { code: 'FORBIDDEN' } };

    const subframe = { url: 'https://evil.example/', parent: win.webContents.mainFrame };
    await expect(win.webContents.invokeFromFrame(subframe, channel)).resolves.toEqual(forbidden);
    await expect(win.webContents.invokeFromFrame({ url: 'https://evil.example/', parent: null }, channel)).resolves.toEqual(forbidden);

    const BrowserWindow = electron.module.BrowserWindow as new (options: object) => BrowserWindowDouble;
    const other = new BrowserWindow({});
    await expect(other.webContents.invokeFromFrame({ url: 'app://kiosk/index.html', parent: null }, channel)).resolves.toEqual(forbidden);
    other.destroy();
  });

  it('keeps the page in: no navigation away, no new windows, no permissions, no downloads, no reload or devtools', async () => {
    const { electron } = await launch();
    const win = await shownWindow(electron);
    const contents = win.webContents;

    expect(await contents.navigate('https://example.com/')).toBe(false);
    expect(contents.getURL()).toBe('app://kiosk/index.html');
    expect(contents.openWindow('https://example.com/')).toBe('deny');
    expect(await contents.session.requestPermission(contents, 'media')).toBe(false);
    expect(contents.session.checkPermission(contents, 'notifications')).toBe(false);
    expect(contents.session.download(contents, 'app://kiosk/index.html')).toBe(false);
    expect(contents.pressKey({ key: 'F5' })).toBe(false);
    expect(contents.pressKey({ key: 'r', control: true })).toBe(false);
    expect(contents.pressKey({ key: 'a' })).toBe(true);
    contents.openDevTools();
    expect(contents.isDevToolsOpened()).toBe(false);
  });

  it('replaces a crashed renderer with a fresh window on the first screen, wiped and audited; the third crash in 10 minutes shows the out-of-service page through the same session', async () => {
    const { electron, dataDir } = await launch();
    let win = await shownWindow(electron);
    const kioskSession = win.webContents.session;
    expect(await kioskApiOf(win).operatorSignIn!({ staffId: 'PTG001', pin: '246810' })).toMatchObject({ ok: true });

    const crashOnce = async (): Promise<BrowserWindowDouble> => {
      const dead = win;
      dead.webContents.crash('crashed');
      const fresh = await shownWindow(electron, (w) => w !== dead);
      await vi.waitFor(() => expect(dead.isDestroyed()).toBe(true));
      expect(electron.openWindows()).toEqual([fresh]);
      expect(fresh.webContents.session).toBe(kioskSession);
      return fresh;
    };

    win = await crashOnce();
    expect(win.webContents.loads[0]).toMatchObject({ url: 'app://kiosk/index.html', status: 200 });
    expect(win.webContents.failedLoads).toEqual([]);
    expect(Object.keys(kioskApiOf(win)).sort()).toEqual([...KIOSK_METHODS].sort());
    // The wipe reached the partition's storage and the clipboard.
    expect(kioskSession.storageClears).toBeGreaterThan(0);
    expect(electron.clipboardClears).toContain('clipboard');

    win = await crashOnce();
    win = await crashOnce();
    const outOfService = win.webContents.loads[0];
    expect(outOfService).toMatchObject({ url: 'app://kiosk/out-of-service.html', status: 200 });
    expect(outOfService?.csp).toContain("default-src 'self'");
    expect(outOfService?.resources).toEqual([expect.objectContaining({ url: 'app://kiosk/out-of-service.css', status: 200 })]);

    const crashes = (await readAuditLog(dataDir)).filter((e) => e.event === 'renderer.crashed');
    expect(crashes.map((e) => e.detail?.outOfService)).toEqual([false, false, true]);
  });

  it('kills a renderer that stays unresponsive for 10 s and replaces it, audited as unresponsive', async () => {
    const { electron, dataDir } = await launch();
    const hung = await shownWindow(electron);
    hung.hang();
    const fresh = await shownWindow(electron, (w) => w !== hung);
    expect(hung.isDestroyed()).toBe(true);
    expect(fresh.webContents.loads[0]).toMatchObject({ url: 'app://kiosk/index.html', status: 200 });
    const crashes = (await readAuditLog(dataDir)).filter((e) => e.event === 'renderer.crashed');
    expect(crashes.map((e) => e.detail?.reason)).toEqual(['unresponsive']);
  }, 30_000);

  it('hands a second launch over to the first: the kiosk window comes to the front and the second process leaves', async () => {
    const machine = createMachine();
    const first = await launch({ machine });
    const win = await shownWindow(first.electron);
    win.minimized = true;

    const second = await launch({ machine, userData: first.dataDir });
    await vi.waitFor(() => expect(second.electron.app.exitCode).toBe(0));
    expect(second.electron.openWindows()).toEqual([]);
    await vi.waitFor(() => expect(win.focused).toBe(true));
    expect(win.isMinimized()).toBe(false);
    expect(first.electron.openWindows()).toEqual([win]);
  });

  it('stops on a bad config with an error box that names the field, and exit code 78', async () => {
    const dir = await tempDir('pulih-config-');
    const configFile = join(dir, 'kiosk.json');
    await writeFile(configFile, JSON.stringify({ mode: 'kiosk' }));
    const { electron } = await launch({ args: ['--config', configFile] });

    await vi.waitFor(() => expect(electron.app.exitCode).toBe(78));
    expect(electron.errorBoxes).toEqual([{ title: 'Pulih cannot start', content: expect.stringContaining('mode') }]);
    expect(electron.openWindows()).toEqual([]);
  });

  it('stops with an error box and exit code 75 when another kiosk uses its data folder, and the first kiosk keeps serving', async () => {
    const shared = await tempDir('pulih-shared-data-');
    const first = await launch({ args: ['--data-dir', shared] });
    const win = await shownWindow(first.electron);

    // Another user profile, so Electron's single-instance lock does not hand it over: only the data folder is shared.
    const second = await launch({ args: ['--data-dir', shared] });
    await vi.waitFor(() => expect(second.electron.app.exitCode).toBe(75), { timeout: 15_000 });
    expect(second.electron.errorBoxes).toEqual([
      { title: 'Pulih cannot start', content: `another Pulih kiosk is using the data folder ${shared}; close that kiosk first, or start this one with another --data-dir` },
    ]);
    expect(second.electron.openWindows()).toEqual([]);

    expect(await kioskApiOf(win).getKioskInfo!()).toMatchObject({ ok: true });
    expect((await readAuditLog(shared)).filter((e) => e.event === 'config.loaded')).toHaveLength(1);
  }, 30_000);

  it('on SIGTERM quits through will-quit: the data folder is released for the next kiosk', async () => {
    const before = new Set(process.listeners('SIGTERM'));
    const shared = await tempDir('pulih-signal-data-');
    const first = await launch({ args: ['--data-dir', shared] });
    await shownWindow(first.electron);
    const onSigterm = process.listeners('SIGTERM').find((l) => !before.has(l) && l.name === 'quitOnSignal');
    expect(onSigterm, 'the shell listens for SIGTERM').toBeDefined();

    (onSigterm as () => void)();
    await vi.waitFor(() => expect(first.electron.app.exitCode).toBeDefined(), { timeout: 5_000 });
    expect(process.listeners('SIGTERM')).not.toContain(onSigterm);
    expect(existsSync(join(shared, 'kiosk.lock')), 'lock released').toBe(false);

    const next = await launch({ args: ['--data-dir', shared] });
    await shownWindow(next.electron);
    expect(next.electron.app.exitCode).toBeUndefined();
  }, 30_000);

  it('runs the embedded stub in a utility process of its own, which closes by itself (its state on disk) when the kiosk quits', async () => {
    const { electron, ready, dataDir } = await launch();
    await shownWindow(electron);
    const [stub, ...others] = [...electron.utilityProcesses];
    expect(others).toEqual([]);
    expect(stub?.serviceName).toBe('Pulih embedded stub');
    expect(stub?.pid).toBeDefined();
    expect(stub?.pid).not.toBe(process.pid);
    // The kiosk's backend is that process: it answers (an unknown path, without a kiosk key: 404 or 401, not a refused connection).
    const answer = await fetch(`${ready()?.stubUrl}/v1/`);
    expect([401, 404]).toContain(answer.status);
    const exited = new Promise<number>((resolve) => stub?.once('exit', resolve));
    electron.app.quit();
    // 0: it closed itself when asked (the double ends a utility process that outlives the app with -1).
    expect(await exited).toBe(0);
    await vi.waitFor(() => expect(electron.app.exitCode).toBe(0));
    expect(existsSync(join(dataDir, 'stub', 'state.json'))).toBe(true);
  });

  it("the stub's utility process waits for its start message, however late it comes (one with nothing pending would end)", async () => {
    const electron = createElectronDouble({ machine: createMachine(), userData: await tempDir('pulih-userdata-') });
    electron.app.becomeReady();
    const fork = (electron.module.utilityProcess as { fork: (path: string) => UtilityProcessDouble }).fork;
    const child = fork(join(ROOT, 'out/main/embeddedStub.js'));
    const answers: unknown[] = [];
    child.on('message', (message) => answers.push(message));
    let exitCode: number | undefined;
    child.on('exit', (code: number) => (exitCode = code));
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(exitCode, 'the stub process ended before it was started').toBeUndefined();
    child.postMessage({ type: 'start', options: { port: 0, kiosks: [], checkHost: true, testControls: false } });
    await vi.waitFor(() => expect(answers).toEqual([{ type: 'listening', url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) }]), { timeout: 10_000 });
    child.postMessage({ type: 'close' });
    await vi.waitFor(() => expect(exitCode).toBe(0), { timeout: 10_000 });
  });

  it('prints one ready line for harnesses: where the app and its stub are', async () => {
    const { electron, ready, dataDir } = await launch();
    await shownWindow(electron);
    expect(ready()).toEqual({
      shell: 'electron',
      appUrl: 'app://kiosk/index.html',
      stubUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      dataDir,
      mode: 'assisted',
      training: true,
    });
  });
});

describe('the audit key under Electron', () => {
  const keyFile = (dataDir: string) => join(dataDir, 'keys', 'audit-subject.key');

  it('without an OS keyring (basic_text) is not "sealed" with a hard-coded password: a 0600 file, and the start-up record says so', async () => {
    const { electron, dataDir } = await launch({ keyring: false });
    await shownWindow(electron);
    await vi.waitFor(async () => expect(existsSync(keyFile(dataDir))).toBe(true));
    expect((await stat(keyFile(dataDir))).mode & 0o777).toBe(0o600);
    expect(await readdir(join(dataDir, 'keys'))).not.toContain('audit-subject.key.sealed');
    const [loaded] = (await readAuditLog(dataDir)).filter((e) => e.event === 'config.loaded');
    expect(loaded?.detail).toMatchObject({ shell: 'electron', auditKeyStore: 'file', auditKeyInFileBecause: 'no-os-keyring' });
  });

  it('with a keyring is sealed by safeStorage and never written in clear', async () => {
    const { electron, dataDir } = await launch({ keyring: true });
    await shownWindow(electron);
    await vi.waitFor(async () => expect(existsSync(`${keyFile(dataDir)}.sealed`)).toBe(true));
    expect(existsSync(keyFile(dataDir))).toBe(false);
    const [loaded] = (await readAuditLog(dataDir)).filter((e) => e.event === 'config.loaded');
    expect(loaded?.detail).toMatchObject({ auditKeyStore: 'os-keyring' });
    expect(loaded?.detail).not.toHaveProperty('auditKeyInFileBecause');
  });
});

describe("main's V8 flags under Electron", () => {
  // Electron's command-line-switches page: `--js-flags=flags` "has to be passed when starting Electron if you want
  // to enable the flags in the main process". The launcher puts it on the command line, where main reads it back.
  it('launched without --js-flags: main runs, and says so on stderr and in its start-up record', async () => {
    const { electron, dataDir } = await launch();
    await shownWindow(electron);
    const [loaded] = (await readAuditLog(dataDir)).filter((e) => e.event === 'config.loaded');
    expect(loaded?.detail).toMatchObject({ shell: 'electron', v8FlagsMissing: '--max-semi-space-size=1' });
    const stderr = vi.mocked(console.error).mock.calls.map((call) => call.join(' '));
    expect(stderr.some((line) => line.includes('--max-semi-space-size=1') && line.includes('--js-flags='))).toBe(true);
  });

  it('launched as the desktop entry and npm start launch it: nothing missing', async () => {
    const { electron, dataDir } = await launch({ args: ['--js-flags=--max-semi-space-size=1'] });
    await shownWindow(electron);
    const [loaded] = (await readAuditLog(dataDir)).filter((e) => e.event === 'config.loaded');
    expect(loaded?.detail).toMatchObject({ shell: 'electron' });
    expect(loaded?.detail).not.toHaveProperty('v8FlagsMissing');
    expect(vi.mocked(console.error).mock.calls.flat().join('\n')).not.toContain('was started without');
  });
});

describe('the kiosk key of a real backend under Electron', () => {
  const KIOSK_ID = 'KIOSK-JKT-07';
  const KEY = 'jkt07-'.padEnd(43, 'x');
  let stub: RunningStub | undefined;
  afterEach(async () => {
    await stub?.close();
    stub = undefined;
  });

  /** A backend that knows this kiosk by its key, and a config naming the key file device management pushed. */
  async function provision(): Promise<{ args: string[]; keyFile: string }> {
    stub = await startStub({ port: 0, kiosks: [{ kioskId: KIOSK_ID, key: KEY, mode: 'assisted' }] });
    const dir = await tempDir('pulih-etc-');
    const keyFile = join(dir, 'kiosk.key');
    await writeFile(keyFile, `${KEY}\n`, { mode: 0o600 });
    const configFile = join(dir, 'kiosk.json');
    await writeFile(configFile, JSON.stringify({ kioskId: KIOSK_ID, backend: stub.url, kioskKeyFile: keyFile }));
    return { args: ['--config', configFile], keyFile };
  }

  const signInOfficer = (win: BrowserWindowDouble) => kioskApiOf(win).operatorSignIn!({ staffId: 'PTG001', pin: '246810' });

  it('with a keyring: sealed on the first start, the backend still knows the kiosk, and again after a restart', async () => {
    const { args, keyFile } = await provision();
    const first = await launch({ keyring: true, args });
    expect(await signInOfficer(await shownWindow(first.electron))).toMatchObject({ ok: true });
    expect(await readFile(keyFile, 'utf8')).not.toContain(KEY);
    const [loaded] = (await readAuditLog(first.dataDir)).filter((e) => e.event === 'config.loaded');
    expect(loaded?.detail).toMatchObject({ kioskKeyStore: 'os-keyring' });
    expect(loaded?.detail).not.toHaveProperty('kioskKeyInFileBecause');

    first.electron.app.quit();
    await vi.waitFor(() => expect(first.electron.app.exitCode).toBeDefined());
    const second = await launch({ keyring: true, args, userData: first.dataDir });
    expect(await signInOfficer(await shownWindow(second.electron))).toMatchObject({ ok: true });
  }, 30_000);

  it('without a keyring (basic_text): the plain file stays, and the start-up record says so', async () => {
    const { args, keyFile } = await provision();
    const { electron, dataDir } = await launch({ keyring: false, args });
    expect(await signInOfficer(await shownWindow(electron))).toMatchObject({ ok: true });
    expect(await readFile(keyFile, 'utf8')).toBe(`${KEY}\n`);
    const [loaded] = (await readAuditLog(dataDir)).filter((e) => e.event === 'config.loaded');
    expect(loaded?.detail).toMatchObject({ kioskKeyStore: 'file', kioskKeyInFileBecause: 'no-os-keyring' });
  });

  it('a key sealed under a keyring that is gone stops start-up with an error box naming the file, exit 78', async () => {
    const { args, keyFile } = await provision();
    const first = await launch({ keyring: true, args });
    await shownWindow(first.electron);
    first.electron.app.quit();
    await vi.waitFor(() => expect(first.electron.app.exitCode).toBeDefined());

    const second = await launch({ keyring: false, args, userData: first.dataDir });
    await vi.waitFor(() => expect(second.electron.app.exitCode).toBe(78));
    expect(second.electron.errorBoxes).toEqual([{ title: 'Pulih cannot start', content: expect.stringContaining(`kioskKeyFile: ${keyFile} is sealed`) }]);
  }, 30_000);
});

/** The kiosk's info the page was served with (src-shared/pageInfo.ts), read as the renderer reads it. */
function infoInPage(html: string | undefined): unknown {
  const match = new RegExp(`<script type="application/json" id="${KIOSK_INFO_ELEMENT_ID}">([^<]*)</script>`).exec(html ?? '');
  return parseKioskInfo(match?.[1]);
}

describe("the kiosk's info in the page under Electron", () => {
  it('comes with index.html through the app protocol, as getKioskInfo has it, and each reload gets it as it is then', async () => {
    const { electron } = await launch();
    const win = await shownWindow(electron);
    const kiosk = kioskApiOf(win);
    const first = infoInPage(win.webContents.loads[0]?.body);
    expect(first).toMatchObject({ mode: 'assisted', training: true, defaultLanguage: 'id' });
    expect(first).not.toHaveProperty('operator');
    expect(await kiosk.getKioskInfo!()).toEqual({ ok: true, value: first });

    expect(await kiosk.operatorSignIn!({ staffId: 'PTG001', pin: '246810' })).toMatchObject({ ok: true });
    win.webContents.reload();
    await vi.waitFor(() => expect(win.webContents.loads.length).toBe(2));
    const second = infoInPage(win.webContents.loads[1]?.body);
    expect(second).toMatchObject({ operator: { staffId: 'PTG001' } });
    expect(await kioskApiOf(win).getKioskInfo!()).toEqual({ ok: true, value: second });

    expect(await kioskApiOf(win).operatorSignOut!()).toMatchObject({ ok: true });
    win.webContents.reload();
    await vi.waitFor(() => expect(win.webContents.loads.length).toBe(3));
    expect(infoInPage(win.webContents.loads[2]?.body)).not.toHaveProperty('operator');
  });
});

describe("main's own lifetimes under Electron", () => {
  it("an officer who left: main signs them out itself, and the window starts again on the officer's sign-in", async () => {
    const { electron, dataDir } = await launch();
    const win = await shownWindow(electron);
    const kiosk = kioskApiOf(win);
    expect(await kiosk.operatorSignIn!({ staffId: 'PTG001', pin: '246810' })).toMatchObject({ ok: true });
    const loads = win.webContents.loads.length;

    // The machine's clock passes the officer's idle limit (900 + 30 s, and main's 30 s more); the next thing main hears is checked first.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 17 * 60_000);
    expect(await kiosk.noteActivity!()).toEqual({ ok: true, value: { ended: 'operator-idle' } });
    await vi.waitFor(() => expect(win.webContents.loads.length).toBe(loads + 1));
    vi.useRealTimers();

    expect(await kioskApiOf(win).getKioskInfo!()).toEqual({ ok: true, value: expect.not.objectContaining({ operator: expect.anything() }) });
    const signedOut = (await readAuditLog(dataDir)).filter((e) => e.event === 'operator.signed-out');
    expect(signedOut).toEqual([expect.objectContaining({ operatorId: 'PTG001', detail: { by: 'main', reason: 'idle' } })]);
  });
});

describe('a packaged kiosk', () => {
  const resourcesPath = (process as { resourcesPath?: string }).resourcesPath;
  afterEach(() => {
    (process as { resourcesPath?: string }).resourcesPath = resourcesPath;
  });

  it('ignores --config and --data-dir on its command line, and records that it did', async () => {
    (process as { resourcesPath?: string }).resourcesPath = join(ROOT, 'resources');
    const elsewhere = await tempDir('pulih-elsewhere-');
    const configFile = join(elsewhere, 'kiosk.json');
    await writeFile(configFile, JSON.stringify({ mode: 'self-service' }));
    const { electron, dataDir } = await launch({ packaged: true, args: ['--config', configFile, '--data-dir', elsewhere, '--test-controls'] });
    const win = await shownWindow(electron);

    expect(await kioskApiOf(win).getKioskInfo!()).toMatchObject({ ok: true, value: { mode: 'assisted' } });
    expect(existsSync(join(elsewhere, 'audit'))).toBe(false);
    const [loaded] = (await readAuditLog(dataDir)).filter((e) => e.event === 'config.loaded');
    expect(loaded?.detail).toMatchObject({ ignoredFlags: '--config --data-dir --test-controls' });
    // And no devtools, whatever NODE_ENV says.
    expect(win.webContents.webPreferences.devTools).toBe(false);
  });
});
