// Loaded into the browser shell by the soak bench only
// (`node --expose-gc --import bench/lib/shellMemoryHook.mjs out/main/browser.js …`):
// on SIGUSR2, collect garbage and print the process's memory on one line,
// so that the bench reads main-process memory after GC. Changes nothing else.
// The GC is V8's "last resort" one (as under memory pressure: full, compacting,
// and the heap's free pages handed back): after a burst of work (the soak
// creates its 500 citizens just before its first checkpoint) plain gc() left
// V8's committed heap at 59 MB for 21 MB in use, and VmRSS 28 MB above what
// the same process read 20 recoveries later (soak --quick, 2026-12-01).
import { getHeapStatistics } from 'node:v8';

process.on('SIGUSR2', () => {
  if (typeof globalThis.gc === 'function') {
    globalThis.gc({ type: 'major', execution: 'sync', flavor: 'last-resort' });
    globalThis.gc({ type: 'major', execution: 'sync', flavor: 'last-resort' });
  }
  const m = process.memoryUsage();
  const v8 = getHeapStatistics();
  const line = { rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, malloced: v8.malloced_memory };
  process.stdout.write(`BENCH-MEM ${JSON.stringify(line)}\n`);
});
