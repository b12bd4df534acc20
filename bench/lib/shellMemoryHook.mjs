// Loaded into the browser shell by the soak bench only
// (`node --expose-gc --import bench/lib/shellMemoryHook.mjs out/main/browser.js …`):
// on SIGUSR2, collect garbage and print the process's memory on one line,
// so that the bench reads main-process memory after GC. Changes nothing else.
import { getHeapStatistics } from 'node:v8';

process.on('SIGUSR2', () => {
  if (typeof globalThis.gc === 'function') {
    globalThis.gc();
    globalThis.gc();
  }
  const m = process.memoryUsage();
  const v8 = getHeapStatistics();
  const line = { rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, malloced: v8.malloced_memory };
  process.stdout.write(`BENCH-MEM ${JSON.stringify(line)}\n`);
});
