import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { startBrowserShell } from '../../tests/e2e/fixtures/browserShell';
import { trackChild } from './children';

export interface BenchShell {
  /** A one-time URL for one page (the browser shell's launch codes): call it for every page opened, just before opening it. */
  newAppUrl(): Promise<string>;
  origin: string;
  stubUrl: string;
  pid: number;
  /** The launch's temp folder (removed by stop()); the shell's data folder is data/ inside it. */
  dataDir: string;
  /** VmRSS of the shell's node process, in bytes (from /proc/<pid>/status). */
  rss(): Promise<number>;
  /** VmRSS of the embedded stub's own process (the shell's child), in bytes. */
  stubRss(): Promise<number>;
  /** Main-process memory after a forced GC (needs `memoryProbe`), plus VmRSS read right after. */
  memoryAfterGc(): Promise<ShellMemory>;
  output(): string;
  stop(): Promise<void>;
}

/** What bench/lib/shellMemoryHook.mjs reports from inside the shell after its GC. */
interface HookMemory {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  /** V8's own malloc'ed memory (compiler zones and the like), outside the JS heap. */
  malloced: number;
  /** V8's young generation (new_space): committed, and in use after the GC. */
  newSpaceCommitted: number;
  newSpaceUsed: number;
}

/** The hook's report plus VmRSS and its split, read from /proc right after. */
type ShellMemory = HookMemory & { vmRss: number; rssAnon: number; rssFile: number };

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
 * Starts the production browser shell with the E2E suite's own launcher
 * (`node <build>/main/browser.js --no-open --test-controls --data-dir <tmp>`,
 * read through its ready line), optionally with a kiosk config and with the
 * soak's memory probe.
 */
export async function startBenchShell(
  options: {
    buildDir?: string;
    config?: object;
    memoryProbe?: boolean;
    cpuProfDir?: string;
    env?: Record<string, string>;
    /** Extra node/V8 flags for the shell process, after main's own (v8Flags.ts), to try a change without touching the source. */
    nodeFlags?: string[];
  } = {},
): Promise<BenchShell> {
  const nodeArgs: string[] = [...(options.nodeFlags ?? [])];
  if (options.memoryProbe) nodeArgs.push('--expose-gc', '--import', MEMORY_HOOK);
  if (options.cpuProfDir) nodeArgs.push('--cpu-prof', '--cpu-prof-dir', options.cpuProfDir);
  // The memory probe answers on stdout, one line per SIGUSR2.
  const memWaiters: ((line: string) => void)[] = [];
  const kiosk = await startBrowserShell({
    nodeArgs,
    startTimeoutMs: 30_000,
    onSpawn: trackChild,
    claimLine: (line) => {
      if (!line.startsWith('BENCH-MEM ')) return false;
      memWaiters.shift()?.(line.slice('BENCH-MEM '.length));
      return true;
    },
    ...(options.buildDir ? { buildDir: options.buildDir } : {}),
    ...(options.config ? { config: options.config } : {}),
    ...(options.env ? { env: options.env } : {}),
  });
  const pid = kiosk.process.pid as number;

  return {
    newAppUrl: kiosk.newPageUrl,
    origin: kiosk.origin,
    stubUrl: kiosk.stubUrl,
    pid,
    dataDir: kiosk.tempDir,
    rss: () => readVmRss(pid),
    async stubRss() {
      // The shell's children (Linux: /proc/<pid>/task/<tid>/children, one line of pids per thread).
      const tasks = await readdir(`/proc/${pid}/task`);
      const children = (await Promise.all(tasks.map((tid) => readFile(`/proc/${pid}/task/${tid}/children`, 'utf8').catch(() => ''))))
        .join(' ')
        .split(/\s+/)
        .filter(Boolean);
      if (children.length !== 1) throw new Error(`expected one child of the shell (its embedded stub), found ${children.length}`);
      return readVmRss(Number(children[0]));
    },
    async memoryAfterGc() {
      if (!options.memoryProbe) throw new Error('memoryAfterGc needs memoryProbe');
      const line = new Promise<string>((r, reject) => {
        const timer = setTimeout(() => reject(new Error('shell did not answer the memory probe')), 10_000);
        memWaiters.push((text) => {
          clearTimeout(timer);
          r(text);
        });
      });
      kiosk.process.kill('SIGUSR2');
      const mem = JSON.parse(await line) as HookMemory;
      return { ...mem, ...(await readRss(pid)) };
    },
    output: kiosk.output,
    stop: kiosk.stop,
  };
}
