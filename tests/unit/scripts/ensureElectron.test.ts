import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { isRunning } from '../processes';
import { checkElectron, installedExecutable, platformExecutable } from '../../../scripts/ensureElectron.lib.mjs';

const VERSION = '45.5.0';
const OLD_NODE = '20.20.2';
const NEW_NODE = '22.12.0';

/** Stand-ins for Electron's install.js (CommonJS, like the real one). */
const INSTALLERS = {
  succeeds: `
    const fs = require('fs'), path = require('path');
    console.log('Downloading electron-v${VERSION}-linux-x64.zip');
    fs.mkdirSync(path.join(__dirname, 'dist'), { recursive: true });
    fs.writeFileSync(path.join(__dirname, 'dist', 'electron'), '');
    fs.writeFileSync(path.join(__dirname, 'dist', 'version'), 'v${VERSION}');
    fs.writeFileSync(path.join(__dirname, 'path.txt'), 'electron');
  `,
  fails: `
    console.log('Downloading electron-v${VERSION}-linux-x64.zip');
    console.error('RequestError: getaddrinfo ENOTFOUND github.com');
    console.error('    at ClientRequest.<anonymous> (/x/got/index.js:1:1)');
    process.exit(1);
  `,
  hangs: `
    require('fs').writeFileSync(require('path').join(__dirname, 'installer.pid'), String(process.pid));
    setInterval(() => {}, 1000);
  `,
  // Exits 0 without installing anything.
  liar: `console.log('done');`,
};

const roots: string[] = [];

afterEach(async () => {
  for (const root of roots) {
    // A hanging installer the script failed to stop must not outlive the test.
    const pidFile = join(root, 'electron', 'installer.pid');
    if (existsSync(pidFile)) {
      try {
        process.kill(Number(readFileSync(pidFile, 'utf8')), 'SIGKILL');
      } catch {
        // Already gone, as it should be.
      }
    }
  }
  await Promise.all(roots.splice(0).map((root) => rm(root, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'pulih-ensure-electron-'));
  roots.push(root);
  return root;
}

/** A folder shaped like node_modules/electron. */
async function fakeElectron(options: { installer: keyof typeof INSTALLERS; installedVersion?: string }): Promise<string> {
  const dir = join(await tempDir(), 'electron');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'electron', version: VERSION }));
  await writeFile(join(dir, 'install.js'), INSTALLERS[options.installer]);
  if (options.installedVersion) {
    await mkdir(join(dir, 'dist'));
    await writeFile(join(dir, 'dist', 'electron'), '');
    await writeFile(join(dir, 'dist', 'version'), `v${options.installedVersion}`);
    await writeFile(join(dir, 'path.txt'), 'electron');
  }
  return dir;
}

function check(electronDir: string, nodeVersion: string, env: Record<string, string> = {}) {
  const progress: string[] = [];
  const result = checkElectron({
    env,
    nodeVersion,
    electronDir,
    platform: 'linux',
    timeoutMs: 500,
    log: (line: string) => progress.push(line),
  });
  return { result, progress };
}

describe('ensure-electron', () => {
  it('accepts an installed binary on any Node without running the installer', async () => {
    const dir = await fakeElectron({ installer: 'fails', installedVersion: VERSION });
    const { result, progress } = check(dir, '18.0.0');
    expect(await result).toEqual({ ok: true });
    expect(progress).toEqual([]);
  });

  it('on Node older than 22.12 names the Node needed, the running one and the browser shell, and installs nothing', async () => {
    const dir = await fakeElectron({ installer: 'succeeds' });
    for (const nodeVersion of [OLD_NODE, '22.11.9', 'v21.7.3']) {
      const { ok, message } = await check(dir, nodeVersion).result;
      expect(ok).toBe(false);
      expect(message).toContain('Node.js >= 22.12.0');
      expect(message).toContain(`this is Node ${nodeVersion.replace(/^v/, '')}`);
      expect(message).toContain('Node 22 LTS');
      expect(message).toContain('npm run start:browser');
      expect(message).toContain('ELECTRON_EXEC_PATH=');
    }
    expect(existsSync(join(dir, 'path.txt'))).toBe(false);
  });

  it('treats a binary of another Electron version as not installed', async () => {
    const dir = await fakeElectron({ installer: 'succeeds', installedVersion: '44.0.0' });
    expect((await check(dir, OLD_NODE).result).ok).toBe(false);
    expect(await check(dir, NEW_NODE).result).toEqual({ ok: true });
    expect(await readFile(join(dir, 'dist', 'version'), 'utf8')).toBe(`v${VERSION}`);
  });

  it('on Node 22.12+ runs the installer and succeeds once path.txt and the binary exist', async () => {
    const dir = await fakeElectron({ installer: 'succeeds' });
    const { result, progress } = check(dir, 'v24.1.0');
    expect(await result).toEqual({ ok: true });
    expect(progress).toHaveLength(1);
    expect(progress[0]).toContain(`Installing Electron ${VERSION}`);
    expect(installedExecutable(dir, VERSION, 'electron')).toBe(join(dir, 'dist', 'electron'));
  });

  it('when the download fails, prints one message with the installer error line, not its stack', async () => {
    const dir = await fakeElectron({ installer: 'fails' });
    const { ok, message } = await check(dir, NEW_NODE).result;
    expect(ok).toBe(false);
    expect(message).toContain("could not be downloaded from Electron's download host");
    expect(message).toContain('RequestError: getaddrinfo ENOTFOUND github.com');
    expect(message).not.toMatch(/^\s+at /m);
    expect(message).toContain('ELECTRON_MIRROR');
    expect(message).toContain('npm run start:browser');
  });

  it('fails when the installer exits 0 but no binary appeared', async () => {
    const dir = await fakeElectron({ installer: 'liar' });
    const { ok, message } = await check(dir, NEW_NODE).result;
    expect(ok).toBe(false);
    expect(message).toContain('npm run start:browser');
  });

  it('stops a hanging installer at the time limit and leaves no process behind', async () => {
    const dir = await fakeElectron({ installer: 'hangs' });
    const { ok, message } = await check(dir, NEW_NODE).result;
    expect(ok).toBe(false);
    expect(message).toContain('did not finish within');
    expect(message).toContain('npm run start:browser');
    const pid = Number(await readFile(join(dir, 'installer.pid'), 'utf8'));
    expect(isRunning(pid)).toBe(false);
  });

  describe('an Electron installed elsewhere', () => {
    it('ELECTRON_OVERRIDE_DIST_PATH with the executable there is accepted on any Node, with a note about ELECTRON_EXEC_PATH', async () => {
      const dir = await fakeElectron({ installer: 'fails' });
      const elsewhere = await tempDir();
      await writeFile(join(elsewhere, 'electron'), '');
      const { ok, message } = await check(dir, OLD_NODE, { ELECTRON_OVERRIDE_DIST_PATH: elsewhere }).result;
      expect(ok).toBe(true);
      expect(message).toContain(`ELECTRON_EXEC_PATH=${join(elsewhere, 'electron')}`);
    });

    it('ELECTRON_OVERRIDE_DIST_PATH without the executable fails naming the path looked at', async () => {
      const dir = await fakeElectron({ installer: 'succeeds', installedVersion: VERSION });
      const elsewhere = await tempDir();
      const { ok, message } = await check(dir, NEW_NODE, { ELECTRON_OVERRIDE_DIST_PATH: elsewhere }).result;
      expect(ok).toBe(false);
      expect(message).toContain(join(elsewhere, 'electron'));
    });

    it('ELECTRON_EXEC_PATH (what electron-vite launches) is accepted when it exists and refused when not', async () => {
      const dir = await fakeElectron({ installer: 'succeeds' });
      const executable = join(await tempDir(), 'electron');
      await writeFile(executable, '');
      await chmod(executable, 0o755);
      expect(await check(dir, OLD_NODE, { ELECTRON_EXEC_PATH: executable }).result).toEqual({ ok: true });
      const missing = `${executable}-missing`;
      const refused = await check(dir, OLD_NODE, { ELECTRON_EXEC_PATH: missing }).result;
      expect(refused.ok).toBe(false);
      expect(refused.message).toContain(missing);
      expect(existsSync(join(dir, 'path.txt'))).toBe(false);
    });
  });

  describe('the real script on this machine', () => {
    const script = fileURLToPath(new URL('../../../scripts/ensure-electron.mjs', import.meta.url));
    const electronDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const { version } = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')) as { version: string };
    const installed = installedExecutable(electronDir, version, platformExecutable(process.platform)) !== undefined;
    // On Node 22.12+ without the binary the script runs the real installer:
    // a closed local port as mirror keeps this test from downloading Electron.
    const env: NodeJS.ProcessEnv = { ...process.env, ELECTRON_MIRROR: 'http://127.0.0.1:9/' };
    delete env.ELECTRON_EXEC_PATH;
    delete env.ELECTRON_OVERRIDE_DIST_PATH;

    function run(): Promise<{ code: number | null; stderr: string }> {
      return new Promise((done) => {
        const child = execFile(process.execPath, [script], { cwd: tmpdir(), env, timeout: 30_000 }, (_error, _stdout, stderr) =>
          done({ code: child.exitCode, stderr }),
        );
      });
    }

    it.runIf(!installed)('exits 1 from any folder with one message naming the browser shell', async () => {
      const { code, stderr } = await run();
      expect(code).toBe(1);
      expect(stderr).toContain('npm run start:browser');
      expect(stderr).not.toMatch(/^\s+at /m);
    }, 35_000);

    it.runIf(installed)('exits 0 where the binary is installed', async () => {
      expect((await run()).code).toBe(0);
    });
  });
});
