import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { readAuditLog } from './fixtures/auditLog';
import { bridgeCall } from './fixtures/bridgeCall';
import { startBrowserShell } from './fixtures/browserShell';
import { expect, test } from './fixtures/test';

/** Runs the browser shell on `dataDir` until it exits by itself; its exit code and everything it printed. */
async function runBrowserShellUntilExit(dataDir: string): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [resolve('out/main/browser.js'), '--no-open', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PULIH_CONFIG: '' },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  // A shell that starts instead of refusing would serve for ever: stop it, and let the assertions say why.
  const guard = setTimeout(() => child.kill('SIGKILL'), 30_000);
  const code = await new Promise<number | null>((done) => child.once('close', (exitCode) => done(exitCode)));
  clearTimeout(guard);
  return { code, output };
}

// One writer per data folder (docs/architecture.md §6): the audit chain and the stub's counters depend on it.
test('a second kiosk on the same data folder refuses to start with exit code 75, and the first keeps serving', async ({ kiosk, page }) => {
  const second = await runBrowserShellUntilExit(kiosk.dataDir);

  expect(second.code).toBe(75);
  expect(second.output).toContain(
    `Pulih cannot start: another Pulih kiosk is using the data folder ${kiosk.dataDir}; close that kiosk first, or start this one with another --data-dir`,
  );
  expect(second.output).not.toContain('pulih.ready');

  // The first kiosk's screen and main process still answer, and only it wrote the audit log.
  await expect(page.getByRole('heading', { name: 'Masuk', exact: true })).toBeVisible();
  expect(await bridgeCall(page, 'getKioskInfo')).toMatchObject({ ok: true });
  expect((await readAuditLog(kiosk.dataDir)).filter((e) => e.event === 'config.loaded')).toHaveLength(1);
});

test('a kiosk killed with SIGKILL leaves its lock behind; restarted on the same folder it takes the stale lock and starts', async ({ shell, context }) => {
  test.skip(shell !== 'browser', 'kills the browser shell\'s process; the lock is the same code under Electron (runtime.ts)');
  const crashed = await startBrowserShell();
  const restarted = await (async () => {
    try {
      const exited = new Promise((done) => crashed.process.once('exit', done));
      crashed.process.kill('SIGKILL');
      await exited;
      // The dead kiosk's lock is untouched from now on; the restart waits until it is stale (about 10 s), then takes it.
      return await startBrowserShell({ dataDir: crashed.dataDir, startTimeoutMs: 45_000 });
    } catch (err) {
      await crashed.stop();
      throw err;
    }
  })();

  try {
    const page = await context.newPage();
    await page.goto(await restarted.newPageUrl());
    await expect(page.getByRole('button', { name: 'Masuk Petugas' })).toBeVisible();
    const starts = (await readAuditLog(restarted.dataDir)).filter((e) => e.event === 'config.loaded');
    expect(starts.map((e) => e.detail?.previousShutdown)).toEqual([undefined, 'unclean']);
  } finally {
    await restarted.stop();
    await crashed.stop();
  }
});
