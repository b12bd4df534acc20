/**
 * `npx tsx bench/compare.ts --base <git ref>`: is this change slower than
 * <ref>? Builds both (the base in a temporary git worktree, the working tree
 * into bench/results/.build-head) and measures them in one run, alternating
 * base and head round by round so that load on the machine hits both alike:
 *
 * - start-up: spawning the browser shell (`--no-open`, embedded stub) to
 *   its ready line, main process only;
 * - step transition median and p95 (bench/stepTransition.ts, identity path).
 *
 * Prints one table with the median of the rounds for each. Not a test:
 * nothing fails on a figure.
 *
 *   npx tsx bench/compare.ts --base HEAD~3 [--head <ref>] [--rounds 3] [--recoveries 6]
 *
 * --head <ref> measures that commit (also in a worktree) instead of the working tree.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, symlinkSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { launchChromium } from './lib/browser';
import { startBenchShell } from './lib/shell';
import { median, round } from './lib/stats';
import { benchStepTransition } from './stepTransition';

const { values } = parseArgs({
  options: {
    base: { type: 'string' },
    head: { type: 'string' },
    rounds: { type: 'string', default: '3' },
    recoveries: { type: 'string', default: '6' },
    help: { type: 'boolean', default: false },
  },
  strict: true,
});
if (values.help || !values.base) {
  console.log('usage: npx tsx bench/compare.ts --base <git ref> [--head <git ref>] [--rounds 3] [--recoveries 6]');
  process.exit(values.help ? 0 : 2);
}
const rounds = Math.max(1, Number(values.rounds));
const recoveries = Math.max(2, Number(values.recoveries));
const root = resolve('.');

function run(cmd: string, args: string[], cwd: string): void {
  const result = spawnSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed in ${cwd}:\n${result.stderr}`);
}

/** Builds `ref` in a throwaway worktree that borrows this checkout's node_modules. */
async function buildRef(ref: string): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const tree = await mkdtemp(join(tmpdir(), 'pulih-base-'));
  run('git', ['worktree', 'add', '--detach', tree, ref], root);
  symlinkSync(join(root, 'node_modules'), join(tree, 'node_modules'));
  run('npx', ['electron-vite', 'build', '--outDir', join(tree, 'out')], tree);
  return {
    dir: join(tree, 'out'),
    cleanup: async () => {
      run('git', ['worktree', 'remove', '--force', tree], root);
      if (existsSync(tree)) await rm(tree, { recursive: true, force: true });
    },
  };
}

interface Figures {
  startMs: number[];
  stepMedian: number[];
  stepP95: number[];
}

async function main(): Promise<void> {
  const headName = values.head ?? 'the working tree';
  console.log(`building base ${values.base} and ${headName}…`);
  const base = await buildRef(values.base as string);
  const headRef = values.head ? await buildRef(values.head) : undefined;
  const headDir = headRef?.dir ?? join(root, 'bench/results/.build-head');
  if (!headRef) run('npx', ['electron-vite', 'build', '--outDir', headDir], root);
  const builds = { base: base.dir, head: headDir };
  const figures: Record<keyof typeof builds, Figures> = {
    base: { startMs: [], stepMedian: [], stepP95: [] },
    head: { startMs: [], stepMedian: [], stepP95: [] },
  };
  const browser = await launchChromium();
  try {
    for (let r = 0; r < rounds; r += 1) {
      for (const name of r % 2 === 0 ? (['base', 'head'] as const) : (['head', 'base'] as const)) {
        const started = performance.now();
        const shell = await startBenchShell({ buildDir: builds[name] });
        figures[name].startMs.push(performance.now() - started);
        try {
          const out = await benchStepTransition({ browser, shell, assisted: true, recoveries, warmups: 1, run: r * 2 + (name === 'head' ? 1 : 0) });
          const value = (id: string) => out.rows.find((row) => row.id === id)?.value ?? Number.NaN;
          figures[name].stepMedian.push(value('step.median'));
          figures[name].stepP95.push(value('step.p95'));
        } finally {
          await shell.stop();
        }
        console.log(`round ${r + 1} ${name}: start ${round(figures[name].startMs.at(-1) ?? 0)} ms, step median ${figures[name].stepMedian.at(-1)} ms`);
      }
    }
  } finally {
    await browser.close();
    await base.cleanup();
    await headRef?.cleanup();
  }
  const row = (label: string, key: keyof Figures) => {
    const b = median(figures.base[key]);
    const h = median(figures.head[key]);
    return `| ${label} | ${round(b)} | ${round(h)} | ${round(h / b)}× |`;
  };
  console.log(`\n${rounds} rounds, ${recoveries} recoveries each; medians of the rounds (ms)\n`);
  console.log(`| figure | base ${values.base} | head ${headName} | head / base |\n|---|---:|---:|---:|`);
  console.log(row('start-up to ready line', 'startMs'));
  console.log(row('step transition, median', 'stepMedian'));
  console.log(row('step transition, p95', 'stepP95'));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
