import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { openKioskAudit } from './openAudit';
import { ConfigError, loadConfig } from '../core/config';
import { LAUNCH_CODE_TTL_MS, startBrowserBridge } from './browserBridge';
import { DataFolderInUseError } from './dataFolderLock';
import { browserDataDir } from './dataDir';
import { chromiumFlags, findChromium } from './findChromium';
import { formatLaunchLine, formatReadyLine } from './readyLine';
import { reportFault, startRuntime } from './runtime';
import { embeddedStubEntry, nodeStubChild, startStubProcess } from './stubProcess';
import { checkMainV8Flags, MAIN_V8_FLAGS } from './v8Flags';

const USAGE = `Usage: npm run start:browser -- [options]
  --no-open          only serve; print a one-time URL to open (press Enter for another)
  --port <n>         bridge port on 127.0.0.1 (default: any free port)
  --config <file>    kiosk config (default: $PULIH_CONFIG, else a training kiosk)
  --data-dir <dir>   audit log and stub state (default: $PULIH_DATA_DIR, else ./.kiosk-data)
  --kiosk            open Chromium full-screen in kiosk mode
  --test-controls    let tests move the stub's clock and inject faults (never on a real counter)`;

/**
 * The browser shell: the same main core as Electron, served to a local
 * Chromium on loopback through the token-checked HTTP bridge.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'no-open': { type: 'boolean', default: false },
      port: { type: 'string' },
      config: { type: 'string' },
      'data-dir': { type: 'string' },
      kiosk: { type: 'boolean', default: false },
      'test-controls': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }

  const v8FlagsDetail = checkMainV8Flags(process.execArgv, `start it as npm run start:browser does (node ${MAIN_V8_FLAGS.join(' ')} out/main/browser.js)`);
  const config = await loadConfig(values.config ?? process.env.PULIH_CONFIG);
  const dataDir = browserDataDir(values['data-dir']);
  const runtime = await startRuntime({
    config,
    dataDir,
    startupDetail: v8FlagsDetail,
    openAudit: (dir, kioskId) => openKioskAudit(dir, kioskId),
    stubTestControls: values['test-controls'],
    // In a process of its own: the backend double's data does not grow the kiosk's.
    startEmbeddedStub: (stubOptions) =>
      startStubProcess(() => nodeStubChild(embeddedStubEntry(import.meta.url)), stubOptions, { onFault: reportFault }),
    onFault: reportFault,
  });
  const bridge = await startBrowserBridge({
    core: runtime.core,
    rendererDir: fileURLToPath(new URL('../renderer', import.meta.url)),
    port: values.port ? Number(values.port) : 0,
    kioskInfo: () => runtime.core.kioskInfo(),
    onLaunchCodeReused: () =>
      console.error('[pulih] a launch link was used a second time: the bridge token was replaced and the session wiped. Press Enter for a new link.'),
  });

  // Only one-time launch links are ever printed: the bridge token stays between the bridge and its page.
  const openHint = `(one page, once, within ${LAUNCH_CODE_TTL_MS / 1000} s; press Enter for a new link)`;
  console.log(`Pulih browser shell: ${bridge.origin}/ (mode ${config.mode}${runtime.stubUrl ? ', training' : ''})`);
  if (runtime.stubUrl) console.log(`Embedded stub backend: ${runtime.stubUrl}`);
  const appUrl = bridge.newLaunchUrl();
  console.log(`Open: ${appUrl}`);
  console.log(`      ${openHint}`);
  // The same facts once more, as one JSON line for harnesses (tests, bench).
  console.log(
    formatReadyLine({
      shell: 'browser',
      appUrl,
      stubUrl: runtime.stubUrl ?? null,
      dataDir,
      mode: config.mode,
      training: runtime.stubUrl !== undefined,
    }),
  );
  // Each line on stdin (Enter, or a harness opening another page) gets a new link, as text and as a JSON line.
  createInterface({ input: process.stdin, terminal: false }).on('line', () => {
    const next = bridge.newLaunchUrl();
    console.log(`Open: ${next}`);
    console.log(`      ${openHint}`);
    console.log(formatLaunchLine(next));
  });

  let shuttingDown = false;
  const shutdown = async (code: number) => {
    if (shuttingDown) return;
    shuttingDown = true;
    await bridge.close().catch(() => {});
    await runtime.close().catch(() => {});
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  if (values['no-open']) return;
  const chromium = findChromium();
  if (!chromium) {
    console.error('No Chromium found (set PULIH_CHROMIUM, or install Debian\'s "chromium"). Open the URL above yourself (press Enter for a fresh one).');
    return;
  }
  const profileDir = mkdtempSync(join(tmpdir(), 'pulih-chromium-'));
  // Chromium's command line is readable by every local user (`ps`): it gets a launch code of its own, never the token.
  const child = spawn(chromium, chromiumFlags({ url: bridge.newLaunchUrl(), profileDir, kiosk: values.kiosk }), { stdio: 'ignore' });
  child.on('exit', () => {
    rmSync(profileDir, { recursive: true, force: true });
    void shutdown(0);
  });
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    console.error(`Pulih cannot start: config ${err.message}`);
    process.exit(78);
  }
  if (err instanceof DataFolderInUseError) {
    // The other kiosk keeps serving; this one never touched the folder (sysexits EX_TEMPFAIL).
    console.error(`Pulih cannot start: ${err.message}`);
    process.exit(75);
  }
  console.error(`Pulih cannot start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
