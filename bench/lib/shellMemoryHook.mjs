// Loaded into the browser shell by the soak bench only
// (`node --expose-gc --import bench/lib/shellMemoryHook.mjs out/main/browser.js …`):
// on SIGUSR2, collect garbage and print the process's memory on one line,
// so that the bench reads main-process memory after GC. Changes nothing else.
// Plain gc() twice: a full, synchronous collection. (gc() with an options
// object, e.g. { type: 'major', execution: 'sync' }, collects nothing on
// Node 20's V8 11.3: tried, heap used stayed at 189 MB of garbage.)
import { getHeapSpaceStatistics, getHeapStatistics } from 'node:v8';

process.on('SIGUSR2', () => {
  if (typeof globalThis.gc === 'function') {
    globalThis.gc();
    globalThis.gc();
  }
  const m = process.memoryUsage();
  const v8 = getHeapStatistics();
  // The young generation apart: its committed size is what swung a soak's RSS (semi-spaces grown to 16 MB each).
  const young = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
  const line = {
    rss: m.rss,
    heapUsed: m.heapUsed,
    heapTotal: m.heapTotal,
    external: m.external,
    malloced: v8.malloced_memory,
    newSpaceCommitted: young?.space_size ?? 0,
    newSpaceUsed: young?.space_used_size ?? 0,
  };
  process.stdout.write(`BENCH-MEM ${JSON.stringify(line)}\n`);
});
