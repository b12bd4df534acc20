/**
 * `npx tsx bench/compare.ts --base <git ref>`: is this change slower than
 * <ref>? Builds both (the base from `git archive` of <ref> in a temporary
 * folder of its own, with its own resources/; the working tree into
 * bench/results/.build-head) and measures them in one run, alternating
 * base and head round by round so that load on the machine hits both alike.
 * Each build must read its own files: main finds resources/openapi.yaml by
 * walking up from its build folder, so before measuring, the walk is done
 * here for each build and must end inside that build's own tree (an old
 * build that found the working tree's contract would be measured against
 * the wrong backend rules). Measured:
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
 * --head <ref> measures that commit (also from git archive) instead of the working tree.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, symlinkSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
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

/**
 * Builds `ref` from `git archive` in a throwaway folder (no worktree is registered in the
 * repository, so an interrupted run leaves nothing behind in it) that borrows this checkout's
 * node_modules; the folder has its own resources/, which the build must read (ownContract).
 */
async function buildRef(ref: string): Promise<{ dir: string; tree: string; cleanup: () => Promise<void> }> {
  const tree = await mkdtemp(join(tmpdir(), 'pulih-base-'));
  const cleanup = () => rm(tree, { recursive: true, force: true });
  try {
    const archive = spawnSync('git', ['archive', '--format=tar', ref], { cwd: root, maxBuffer: 1024 * 1024 * 1024 });
    if (archive.status !== 0) throw new Error(`git archive ${ref} failed:\n${archive.stderr.toString()}`);
    const untar = spawnSync('tar', ['-x', '-C', tree], { input: archive.stdout });
    if (untar.status !== 0) throw new Error(`tar -x failed:\n${untar.stderr.toString()}`);
    symlinkSync(join(root, 'node_modules'), join(tree, 'node_modules'));
    run('npx', ['electron-vite', 'build', '--outDir', join(tree, 'out')], tree);
  } catch (err) {
    await cleanup();
    throw err;
  }
  return { dir: join(tree, 'out'), tree, cleanup };
}

/**
 * The backend contract a build reads: the first resources/openapi.yaml found walking up from
 * its main/ folder, as src-main/backend/contract/document.ts walks (6 levels). It must lie in
 * the build's own tree; returns its path and a short hash, to print.
 */
function ownContract(buildDir: string, tree: string): { path: string; sha: string } {
  let dir = join(buildDir, 'main');
  for (let up = 0; up < 7; up += 1) {
    const candidate = join(dir, 'resources', 'openapi.yaml');
    if (existsSync(candidate)) {
      if (relative(tree, candidate).startsWith('..')) {
        throw new Error(`the build in ${buildDir} would read ${candidate}, outside its own tree ${tree}`);
      }
      return { path: candidate, sha: createHash('sha256').update(readFileSync(candidate)).digest('hex').slice(0, 12) };
    }
    dir = dirname(dir);
  }
  throw new Error(`the build in ${buildDir} finds no resources/openapi.yaml above it`);
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
    for (const [name, tree] of [['base', base.tree], ['head', headRef?.tree ?? root]] as const) {
      const contract = ownContract(builds[name], tree);
      console.log(`${name} reads its own contract ${contract.path} (sha256 ${contract.sha}…)`);
    }
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
