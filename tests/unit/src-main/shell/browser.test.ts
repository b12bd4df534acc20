import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, expect, it, vi } from 'vitest';
import { parseLaunchLine, parseReadyLine } from '../../../../src-main/shell/readyLine';
import { MAIN_V8_FLAGS } from '../../../../src-main/shell/v8Flags';

/**
 * The browser shell's process (src-main/shell/browser.ts, run from source
 * with tsx) as an operator and a harness see it: what it prints, and what a
 * line on its stdin does. The bridge token is what nobody may read there.
 */

const BROWSER = resolve(import.meta.dirname, '../../../../src-main/shell/browser.ts');

interface Shell {
  child: ChildProcessWithoutNullStreams;
  /** stdout and stderr so far. */
  output(): string;
  lines: string[];
}

const running: { shell: Shell; dir: string }[] = [];

afterEach(async () => {
  for (const { shell, dir } of running.splice(0)) {
    if (shell.child.exitCode === null && shell.child.signalCode === null) {
      const exited = new Promise((done) => shell.child.once('exit', done));
      shell.child.kill('SIGTERM');
      await Promise.race([exited, new Promise((done) => setTimeout(done, 5_000))]);
      if (shell.child.exitCode === null && shell.child.signalCode === null) shell.child.kill('SIGKILL');
    }
    await rm(dir, { recursive: true, force: true });
  }
});

async function startShell(nodeFlags: readonly string[] = []): Promise<Shell> {
  const dir = await mkdtemp(join(tmpdir(), 'pulih-browser-shell-test-'));
  const child = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', BROWSER, '--no-open', '--data-dir', join(dir, 'data')], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, PULIH_CONFIG: '', PULIH_DATA_DIR: '' },
  });
  let text = '';
  const lines: string[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    lines.push(line);
    text += `${line}\n`;
  });
  createInterface({ input: child.stderr }).on('line', (line) => (text += `${line}\n`));
  const shell = { child, output: () => text, lines };
  running.push({ shell, dir });
  return shell;
}

async function exchange(appUrl: string): Promise<{ status: number; token?: string }> {
  const { origin, hash } = new URL(appUrl);
  const code = hash.replace(/^#launch=/, '');
  const response = await fetch(`${origin}/__bridge-launch`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: origin },
    body: JSON.stringify({ code }),
  });
  const body = (await response.json()) as { value?: { token?: string } };
  return { status: response.status, ...(body.value?.token ? { token: body.value.token } : {}) };
}

it('prints one-time launch URLs, a new one per line on stdin, and never the bridge token', async () => {
  const shell = await startShell();
  await vi.waitFor(() => expect(shell.lines.map(parseReadyLine).find(Boolean), shell.output()).toBeDefined(), { timeout: 30_000, interval: 50 });
  const ready = shell.lines.map(parseReadyLine).find((info) => info !== undefined)!;
  expect(ready.shell).toBe('browser');
  expect(ready.appUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#launch=[\w-]+$/);
  expect(shell.output()).toContain(`Open: ${ready.appUrl}`);
  expect(shell.output()).toMatch(/press Enter for a new (link|one)/i);

  // A harness (or a person pressing Enter) asks for another page's URL.
  shell.child.stdin.write('\n');
  await vi.waitFor(() => expect(shell.lines.map(parseLaunchLine).find(Boolean), shell.output()).toBeDefined(), { timeout: 10_000, interval: 20 });
  const next = shell.lines.map(parseLaunchLine).find((info) => info !== undefined)!;
  expect(next.appUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#launch=[\w-]+$/);
  expect(next.appUrl).not.toBe(ready.appUrl);
  expect(shell.output()).toContain(`Open: ${next.appUrl}`);

  // Both work, once each, and give the one token of this launch.
  const first = await exchange(ready.appUrl);
  const second = await exchange(next.appUrl);
  expect(first.token).toBeDefined();
  expect(second.token).toBe(first.token);

  // Another line, after the token was handed out: still only a code.
  shell.child.stdin.write('again\n');
  await vi.waitFor(() => expect(shell.lines.map(parseLaunchLine).filter(Boolean)).toHaveLength(2), { timeout: 10_000, interval: 20 });

  expect(shell.output()).not.toContain(first.token);
  expect(shell.output()).not.toMatch(/token=/);
});

it("says on stderr when main was started without its V8 flags, and is quiet when started as npm run start:browser starts it", async () => {
  const ready = (shell: Shell) =>
    vi.waitFor(() => expect(shell.lines.map(parseReadyLine).find(Boolean), shell.output()).toBeDefined(), { timeout: 30_000, interval: 50 });
  const bare = await startShell();
  const asLaunched = await startShell(MAIN_V8_FLAGS);
  await Promise.all([ready(bare), ready(asLaunched)]);
  expect(bare.output()).toContain('main was started without --max-semi-space-size=1');
  expect(asLaunched.output()).not.toContain('was started without');
}, 60_000);
