import { spawn, type ChildProcess } from 'node:child_process';
import { readFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { trackChild } from './children';

export interface BenchShell {
  appUrl: string;
  origin: string;
  stubUrl: string;
  pid: number;
  dataDir: string;
  /** VmRSS of the shell's node process, in bytes (from /proc/<pid>/status). */
  rss(): Promise<number>;
  /** Main-process memory after a forced GC (needs `memoryProbe`), plus VmRSS read right after. */
  memoryAfterGc(): Promise<{
    rss: number;
    vmRss: number;
    rssAnon: number;
    rssFile: number;
    heapUsed: number;
    heapTotal: number;
    external: number;
    /** V8's own malloc'ed memory (compiler zones and the like), outside the JS heap. */
    malloced: number;
  }>;
  output(): string;
  stop(): Promise<void>;
}

const MEMORY_HOOK = fileURLToPath(new URL('./shellMemoryHook.mjs', import.meta.url));

/** Resident memory of a process from /proc/<pid>/status, in bytes: total, anonymous (heap, malloc) and file-backed (code pages). */
export async function readRss(pid: number): Promise<{ vmRss: number; rssAnon: number; rssFile: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => {
    const kb = new RegExp(`^${name}:\\s+(\\d+)\\s+kB`, 'm').exec(status)?.[1];
    if (!kb) throw new Error(`no ${name} for pid ${pid}`);
    return Number(kb) * 1024;
  };
  return { vmRss: field('VmRSS'), rssAnon: field('RssAnon'), rssFile: field('RssFile') };
}

export async function readVmRss(pid: number): Promise<number> {
  return (await readRss(pid)).vmRss;
}

/**
 * Starts the production browser shell exactly as tests/e2e does
 * (`node <build>/main/browser.js --no-open --test-controls --data-dir <tmp>`),
 * optionally with a kiosk config file and with the soak's memory probe.
 */
export async function startBenchShell(
  options: {
    buildDir?: string;
    config?: object;
    memoryProbe?: boolean;
    cpuProfDir?: string;
    env?: Record<string, string>;
    /** Extra node/V8 flags for the shell process (e.g. --max-semi-space-size=2), to try a fix without touching the source. */
    nodeFlags?: string[];
  } = {},
): Promise<BenchShell> {
  const shellScript = join(options.buildDir ?? resolve('out'), 'main', 'browser.js');
  const dataDir = await mkdtemp(join(tmpdir(), 'pulih-bench-shell-'));
  const args: string[] = [...(options.nodeFlags ?? [])];
  if (options.memoryProbe) args.push('--expose-gc', '--import', MEMORY_HOOK);
  if (options.cpuProfDir) args.push('--cpu-prof', '--cpu-prof-dir', options.cpuProfDir);
  args.push(shellScript, '--no-open', '--test-controls', '--data-dir', join(dataDir, 'data'));
  if (options.config) {
    const file = join(dataDir, 'kiosk.json');
    await writeFile(file, JSON.stringify(options.config));
    args.push('--config', file);
  }
  const child: ChildProcess = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PULIH_CONFIG: '', ...options.env },
  });
  trackChild(child);
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const memWaiters: ((line: string) => void)[] = [];
  const lines = createInterface({ input: child.stdout! });

  const urls = await new Promise<{ appUrl: string; stubUrl: string }>((resolvePromise, reject) => {
    const found: { appUrl?: string; stubUrl?: string } = {};
    const timer = setTimeout(() => reject(new Error(`browser shell did not start:\n${output}`)), 30_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`browser shell exited with ${code}:\n${output}`));
    });
    lines.on('line', (line) => {
      if (line.startsWith('BENCH-MEM ')) {
        memWaiters.shift()?.(line.slice('BENCH-MEM '.length));
        return;
      }
      output += `${line}\n`;
      const open = /^Open: (\S+)/.exec(line);
      const stub = /^Embedded stub backend: (\S+)/.exec(line);
      if (open?.[1]) found.appUrl = open[1];
      if (stub?.[1]) found.stubUrl = stub[1];
      if (found.appUrl && found.stubUrl) {
        clearTimeout(timer);
        resolvePromise({ appUrl: found.appUrl, stubUrl: found.stubUrl });
      }
    });
  });
  const pid = child.pid as number;

  return {
    ...urls,
    origin: new URL(urls.appUrl).origin,
    pid,
    dataDir,
    rss: () => readVmRss(pid),
    async memoryAfterGc() {
      if (!options.memoryProbe) throw new Error('memoryAfterGc needs memoryProbe');
      const line = new Promise<string>((r, reject) => {
        const timer = setTimeout(() => reject(new Error('shell did not answer the memory probe')), 10_000);
        memWaiters.push((text) => {
          clearTimeout(timer);
          r(text);
        });
      });
      child.kill('SIGUSR2');
      const mem = JSON.parse(await line) as { rss: number; heapUsed: number; heapTotal: number; external: number; malloced: number };
      return { ...mem, ...(await readRss(pid)) };
    },
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
