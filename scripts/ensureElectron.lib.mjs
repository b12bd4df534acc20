// Makes sure the Electron binary that electron-vite launches is there, using
// Electron's own installer. Plain Node ESM with builtins only: it runs before
// anything else (and before any build), possibly on a Node too old for the rest.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Electron's package (and so its installer) declares engines.node >= 22.12.0. */
export const INSTALLER_NODE = '22.12.0';

// Long enough for a ~100 MB download on a slow counter line; an unreachable host fails at once anyway.
const DEFAULT_TIMEOUT_MS = 180_000;
const INSTALL_DOCS = 'https://www.electronjs.org/docs/latest/tutorial/installation';

/** The executable's path inside Electron's dist folder, as install.js names it. */
export function platformExecutable(platform) {
  switch (platform) {
    case 'mas':
    case 'darwin':
      return 'Electron.app/Contents/MacOS/Electron';
    case 'freebsd':
    case 'openbsd':
    case 'linux':
      return 'electron';
    case 'win32':
      return 'electron.exe';
    default:
      return undefined;
  }
}

/** True when `version` ("20.20.2" or "v22.12.0") is at least `minimum`. */
export function nodeIsAtLeast(version, minimum = INSTALLER_NODE) {
  const parse = (v) => String(v).replace(/^v/, '').split('.').map((part) => parseInt(part, 10) || 0);
  const [a, b] = [parse(version), parse(minimum)];
  for (let i = 0; i < 3; i += 1) {
    if ((a[i] || 0) !== (b[i] || 0)) return (a[i] || 0) > (b[i] || 0);
  }
  return true;
}

function readText(file) {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * The installed executable under `electronDir/dist`, or undefined. Same test
 * as install.js's isInstalled: dist/version matches the package, path.txt
 * names this platform's executable, and that file exists.
 */
export function installedExecutable(electronDir, version, executable) {
  const distVersion = readText(join(electronDir, 'dist', 'version'));
  if (distVersion === undefined || distVersion.trim().replace(/^v/, '') !== version) return undefined;
  if (readText(join(electronDir, 'path.txt')) !== executable) return undefined;
  const full = join(electronDir, 'dist', executable);
  return existsSync(full) ? full : undefined;
}

/**
 * Runs `node install.js`, output captured, killed after `timeoutMs`.
 * Resolves { code, timedOut, lastLine } once the child has exited.
 */
export function runInstaller(installJs, { env, timeoutMs }) {
  return new Promise((resolve) => {
    let output = '';
    let timedOut = false;
    const child = spawn(process.execPath, [installJs], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const collect = (chunk) => {
      output = (output + chunk).slice(-8192);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    const finish = (code) => {
      clearTimeout(timer);
      resolve({ code, timedOut, lastLine: lastMeaningfulLine(output) });
    };
    child.on('error', (error) => {
      output += `\n${error.message}`;
      finish(null);
    });
    child.on('exit', (code) => finish(code));
  });
}

/** The installer prints a stack on failure; its last line is a frame, so skip frames. */
function lastMeaningfulLine(output) {
  const lines = output.split(/\r?\n/).filter((line) => line.trim() !== '' && !/^\s+at /.test(line));
  return lines.length > 0 ? lines[lines.length - 1].trim() : '';
}

function alternatives(version) {
  return [
    '  - run the same kiosk in Chromium instead:  npm run start:browser',
    `  - or use an Electron ${version} installed elsewhere:  ELECTRON_EXEC_PATH=/path/to/electron npm start`,
  ];
}

/**
 * Decides whether Electron can be launched, running its installer if needed.
 * Resolves { ok, message }: print `message` (when any) and exit 0 if ok, 1 if not.
 * `log` receives the one progress line printed before the installer runs.
 */
export async function checkElectron({
  env,
  nodeVersion,
  electronDir,
  platform = process.platform,
  timeoutMs = DEFAULT_TIMEOUT_MS,
  log = console.log,
}) {
  // electron-vite launches ELECTRON_EXEC_PATH when set, without looking further.
  if (env.ELECTRON_EXEC_PATH) {
    return existsSync(env.ELECTRON_EXEC_PATH)
      ? { ok: true }
      : { ok: false, message: `ELECTRON_EXEC_PATH points at ${env.ELECTRON_EXEC_PATH}, which does not exist.` };
  }

  const version = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version;
  const pathTxt = readText(join(electronDir, 'path.txt'));

  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    // Same resolution as electron/index.js.
    const executable = join(env.ELECTRON_OVERRIDE_DIST_PATH, pathTxt || 'electron');
    if (!existsSync(executable)) {
      return {
        ok: false,
        message: `ELECTRON_OVERRIDE_DIST_PATH is set to ${env.ELECTRON_OVERRIDE_DIST_PATH}, but there is no Electron executable at ${executable}.`,
      };
    }
    // electron-vite does not read this variable (only require('electron') does).
    return {
      ok: true,
      message: `Note: electron-vite (npm start, npm run dev) launches ELECTRON_EXEC_PATH, not ELECTRON_OVERRIDE_DIST_PATH; to launch this Electron, also set ELECTRON_EXEC_PATH=${executable}`,
    };
  }

  const installPlatform = env.ELECTRON_INSTALL_PLATFORM || env.npm_config_platform || platform;
  const executable = platformExecutable(installPlatform);
  if (!executable) {
    return { ok: false, message: `Electron has no builds for this platform (${installPlatform}).\n${alternatives(version)[0]}` };
  }
  if (installedExecutable(electronDir, version, executable)) return { ok: true };

  if (!nodeIsAtLeast(nodeVersion)) {
    return {
      ok: false,
      message: [
        `Electron ${version}'s binary is not installed, and its installer needs Node.js >= ${INSTALLER_NODE} (this is Node ${String(nodeVersion).replace(/^v/, '')}).`,
        '  - install it: run this command again under Node 22 LTS',
        ...alternatives(version),
      ].join('\n'),
    };
  }

  log(`Installing Electron ${version}'s binary (Electron's installer, at most ${Math.round(timeoutMs / 1000)} s)...`);
  const result = await runInstaller(join(electronDir, 'install.js'), { env, timeoutMs });
  if (result.code === 0 && installedExecutable(electronDir, version, executable)) return { ok: true };

  const cause = result.timedOut
    ? `the installer did not finish within ${Math.round(timeoutMs / 1000)} s and was stopped`
    : `installer: ${result.lastLine || `exit code ${result.code}`}`;
  return {
    ok: false,
    message: [
      `Electron ${version}'s binary could not be downloaded from Electron's download host (${cause}).`,
      `  - behind a mirror or proxy: set ELECTRON_MIRROR, or ELECTRON_GET_USE_PROXY=1 with HTTPS_PROXY (${INSTALL_DOCS}), then run this again`,
      ...alternatives(version),
    ].join('\n'),
  };
}
