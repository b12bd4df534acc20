import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

/** A V8 .cpuprofile (what `node --cpu-prof` writes). */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface HotFunction {
  /** `name (file:line)`, paths relative to the project. */
  frame: string;
  selfPercent: number;
}

/** A span of time on the clock of `process.hrtime.bigint()`, in µs: V8 stamps its samples on the same monotonic clock. */
export interface ProfileWindow {
  fromUs: number;
  toUs: number;
}

/** Now, on the clock of a profile's samples (µs). */
export const profileClockUs = (): number => Number(process.hrtime.bigint() / 1000n);

/**
 * The functions with the most self time in the newest main-thread .cpuprofile of `dir`:
 * enough to say where a server spends its CPU without opening DevTools. With `window`, only
 * the samples taken in it count (a load, not the set-up before it); the whole profile when
 * none fell in it (a clock that is not shared).
 */
export async function hottestFunctions(
  dir: string,
  projectRoot: string,
  top = 12,
  window?: ProfileWindow,
): Promise<{ file: string; totalMs: number; windowed: boolean; hot: HotFunction[] } | undefined> {
  // CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile: thread 0 is the main thread (tsx's loader has its own).
  const files = (await readdir(dir)).filter((f) => /\.\d+\.0\.\d+\.cpuprofile$/.test(f)).sort();
  const file = files[files.length - 1];
  if (!file) return undefined;
  const profile = JSON.parse(await readFile(join(dir, file), 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  // Sample i is stamped startTime + the deltas up to i.
  const stamps: number[] = [];
  let at = profile.startTime;
  for (const dt of profile.timeDeltas) stamps.push((at += dt));
  const inWindow = (i: number): boolean => !window || ((stamps[i] ?? 0) >= window.fromUs && (stamps[i] ?? 0) <= window.toUs);
  const windowed = window !== undefined && profile.samples.some((_, i) => inWindow(i));
  const self = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    if (windowed && !inWindow(i)) return;
    const dt = profile.timeDeltas[i] ?? 0;
    const node = byId.get(id);
    if (!node) return;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url ? `${relative(projectRoot, url.replace(/^file:\/\//, ''))}:${lineNumber + 1}` : '';
    const key = `${functionName || '(anonymous)'}${where ? ` (${where})` : ''}`;
    self.set(key, (self.get(key) ?? 0) + dt);
    total += dt;
  });
  const hot = [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([frame, us]) => ({ frame, selfPercent: Math.round((us / total) * 1000) / 10 }));
  return { file: join(dir, file), totalMs: Math.round(total / 1000), windowed, hot };
}
