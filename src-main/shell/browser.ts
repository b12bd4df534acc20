import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openKioskAudit } from './openAudit';
import { ConfigError, loadConfig } from '../core/config';
import { startBrowserBridge } from './browserBridge';
import { DataFolderInUseError } from './dataFolderLock';
import { browserDataDir } from './dataDir';
import { chromiumFlags, findChromium } from './findChromium';
import { formatReadyLine } from './readyLine';
import { startRuntime } from './runtime';

const USAGE = `Usage: npm run start:browser -- [options]
  --no-open          only serve; print the URL to open
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

  const config = await loadConfig(values.config ?? process.env.PULIH_CONFIG);
  const dataDir = browserDataDir(values['data-dir']);
  const runtime = await startRuntime({
    config,
    dataDir,
    openAudit: (dir, kioskId) => openKioskAudit(dir, kioskId),
    stubTestControls: values['test-controls'],
    onFault: (what, err) => console.error(`[pulih] fault in ${what}: ${err instanceof Error ? err.name : 'error'}`),
  });
  const bridge = await startBrowserBridge({
    core: runtime.core,
    rendererDir: fileURLToPath(new URL('../renderer', import.meta.url)),
    port: values.port ? Number(values.port) : 0,
  });

  console.log(`Pulih browser shell: ${bridge.origin}/ (mode ${config.mode}${runtime.stubUrl ? ', training' : ''})`);
  if (runtime.stubUrl) console.log(`Embedded stub backend: ${runtime.stubUrl}`);
  console.log(`Open: ${bridge.appUrl}`);
  // The same facts once more, as one JSON line for harnesses (tests, bench).
  console.log(
    formatReadyLine({
      shell: 'browser',
      appUrl: bridge.appUrl,
      stubUrl: runtime.stubUrl ?? null,
      dataDir,
      mode: config.mode,
      training: runtime.stubUrl !== undefined,
    }),
  );

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
    console.error('No Chromium found (set PULIH_CHROMIUM, or install Debian\'s "chromium"). Open the URL above yourself.');
    return;
  }
  const profileDir = mkdtempSync(join(tmpdir(), 'pulih-chromium-'));
  const child = spawn(chromium, chromiumFlags({ url: bridge.appUrl, profileDir, kiosk: values.kiosk }), { stdio: 'ignore' });
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
