/**
 * `npm run bench`: how fast and how lean the kiosk is, each
 * figure next to a floor measured in the same run on the same machine.
 * Prints a table and writes bench/results/<timestamp>.json (git-ignored).
 * Benchmarks are not tests: nothing here fails a build.
 *
 *   npx tsx bench/run.ts [--quick] [--no-build] [--only bundle,load,lighthouse,step,soak,audit,stub,taps]
 *                        [--trace] [--profile] [--stub-state] [--update-docs]
 *
 * --quick        smoke run (< 3 min): soak 30, fewer repetitions
 * --no-build     measure the existing out/ instead of building into bench/results/.build
 * --only …       run some benches (bundle is always built: the load bench needs its floor page)
 * --trace        write a Chromium performance trace of one kiosk load to bench/results/
 * --profile      write a --cpu-prof of the stub under load to bench/results/ and summarise it
 * --stub-state   also load the stub with a --state file (as embedded in a kiosk): slow, informational
 * --shell-flags "…"  extra node/V8 flags for the browser shell's process, after main's own (v8Flags.ts): try a change, e.g. --max-semi-space-size=16 (V8 takes the last value)
 * --update-docs  put the table and the machine into docs/bench.md (between its markers)
 */
import { spawnSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser } from '@playwright/test';
import { MAIN_V8_FLAGS } from '../src-main/shell/v8Flags';
import { benchBundle, type BundleBench } from './bundle';
import { chromiumPath, launchChromium } from './lib/browser';
import { describeMachine, type Machine } from './lib/machine';
import { formatMarkdown, formatTable, notMeasured, type Row } from './lib/report';
import { startBenchShell, type BenchShell } from './lib/shell';
import { round } from './lib/stats';
import { benchLighthouse } from './lighthouse';
import { benchLoadTime } from './loadTime';
import { benchSoak, SOAK_CONFIG } from './soak';
import { benchStepTransition } from './stepTransition';
import { benchStubLoad } from './stubLoad';
import { benchTaps, TAPS_CONFIG } from './taps';

const BENCHES = ['bundle', 'load', 'lighthouse', 'step', 'soak', 'audit', 'stub', 'taps'] as const;
type BenchName = (typeof BENCHES)[number];

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    only: { type: 'string' },
    trace: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    'update-docs': { type: 'boolean', default: false },
    'stub-state': { type: 'boolean', default: false },
    'shell-flags': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
  strict: true,
});
if (values.help) {
  console.log(
    'usage: npx tsx bench/run.ts [--quick] [--no-build] [--only bundle,load,lighthouse,step,soak,audit,stub,taps] [--trace] [--profile] [--stub-state] [--shell-flags "…"] [--update-docs]',
  );
  process.exit(0);
}

const quick = values.quick;
const only = new Set<BenchName>(
  values.only ? (values.only.split(',').map((s) => s.trim()) as BenchName[]).filter((b) => BENCHES.includes(b)) : BENCHES,
);
const root = resolve('.');
const resultsDir = resolve('bench/results');
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const started = performance.now();

/** Sizes of the two modes: the full run stays under 10 minutes on 2 busy cores, --quick under 3. */
const PLAN = quick
  ? { loadRuns: 5, loadWarmups: 1, stepRecoveries: 4, stepWarmups: 1, soak: 30, soakCheckpointEvery: 10 }
  : { loadRuns: 11, loadWarmups: 2, stepRecoveries: 15, stepWarmups: 1, soak: 500, soakCheckpointEvery: 100 };

/** The training kiosk of the benches: assisted, embedded stub; only the caps are raised. */
const ASSISTED = true;

function log(line: string): void {
  const t = ((performance.now() - started) / 1000).toFixed(0).padStart(4);
  console.log(`[bench ${t}s | load ${loadavg()[0]?.toFixed(1)}] ${line}`);
}

function build(): string {
  if (values['no-build']) {
    log('using the existing out/ (--no-build)');
    return resolve('out');
  }
  // Our own output folder: other people's builds of out/ cannot change it under the bench.
  const outDir = join(resultsDir, '.build');
  log(`building: npx electron-vite build --outDir ${outDir}`);
  const result = spawnSync('npx', ['electron-vite', 'build', '--outDir', outDir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status !== 0) {
    console.error(result.stdout, result.stderr);
    throw new Error('electron-vite build failed');
  }
  return outDir;
}

interface Section {
  rows: Row[];
  details: Record<string, unknown>;
}

/** Runs one bench; a failure becomes "not measured" rows with the reason, never a crash of the whole run. */
async function section(name: BenchName, placeholders: () => Row[], body: () => Promise<Section>): Promise<Section> {
  if (!only.has(name)) return { rows: [], details: { skipped: 'not selected (--only)' } };
  log(`${name}: start`);
  const t = performance.now();
  try {
    const out = await body();
    log(`${name}: done in ${round((performance.now() - t) / 1000)} s`);
    return { rows: out.rows, details: { ...out.details, seconds: round((performance.now() - t) / 1000), loadAvg: loadavg().map((l) => round(l)) } };
  } catch (err) {
    const why = err instanceof Error ? err.message.split('\n')[0] ?? err.name : String(err);
    log(`${name}: FAILED: ${why}`);
    return { rows: placeholders().map((r) => ({ ...r, note: `not measured: ${why}` })), details: { error: err instanceof Error ? err.stack : String(err) } };
  }
}

const SHELL_FLAGS = values['shell-flags'] ? values['shell-flags'].split(/\s+/).filter(Boolean) : [];

async function withShell<T>(buildDir: string, options: { config?: object; memoryProbe?: boolean }, body: (shell: BenchShell) => Promise<T>): Promise<T> {
  const shell = await startBenchShell({ buildDir, ...options, ...(SHELL_FLAGS.length ? { nodeFlags: SHELL_FLAGS } : {}) });
  try {
    return await body(shell);
  } catch (err) {
    const output = shell.output().trim();
    if (output) console.error(`browser shell output:\n${output}`);
    throw err;
  } finally {
    await shell.stop();
  }
}

/** bench/audit.ts is a colleague's module: used if present and working, else its rows say "not measured". */
async function auditSection(): Promise<Section> {
  const placeholders = () => [
    notMeasured('audit.append', 'audit append, synced per event', 'events/s', 'raw append + fdatasync of the same bytes', '≥ 0.5× floor', ''),
    notMeasured('audit.append-bursts', 'audit append, group commit (bursts of 2)', 'events/s', 'raw append + fdatasync of the same bytes', '≥ 0.8× floor', ''),
    notMeasured('audit.verify', 'audit verify', 'MB/s', 'raw SHA-256 over the same bytes', '≥ 0.7× floor', ''),
  ];
  return section('audit', placeholders, async () => {
    let mod: { benchAudit?: unknown };
    try {
      mod = (await import('./audit')) as { benchAudit?: unknown };
    } catch (err) {
      throw new Error(`bench/audit.ts could not be loaded (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`);
    }
    if (typeof mod.benchAudit !== 'function') throw new Error('bench/audit.ts has no benchAudit({quick}) export');
    const figures = (await (mod.benchAudit as (o: { quick: boolean }) => Promise<unknown>)({ quick })) as unknown[];
    if (!Array.isArray(figures) || figures.length === 0) throw new Error('bench/audit.ts benchAudit returned no figures');
    const rows = figures.map((f, i): Row => {
      const x = f as Partial<Row> & { figure?: unknown; value?: unknown };
      if (typeof x.figure !== 'string' || typeof x.value !== 'number') throw new Error(`bench/audit.ts figure ${i} has no figure/value`);
      return {
        id: typeof x.id === 'string' ? x.id : `audit.${i}`,
        figure: x.figure,
        value: x.value,
        unit: typeof x.unit === 'string' ? x.unit : '',
        floorLabel: typeof x.floorLabel === 'string' ? x.floorLabel : 'floor',
        floor: typeof x.floor === 'number' ? x.floor : null,
        ratio: typeof x.ratio === 'number' ? x.ratio : null,
        target: typeof x.target === 'string' ? x.target : '',
        pass: typeof x.pass === 'boolean' ? x.pass : null,
        samples: typeof x.samples === 'number' ? x.samples : 0,
        ...(typeof x.note === 'string' ? { note: x.note } : {}),
      };
    });
    return { rows, details: { figures } };
  });
}

async function updateDocs(machine: Machine, rows: Row[], command: string, finishedAt: string): Promise<void> {
  const file = resolve('docs/bench.md');
  const text = await readFile(file, 'utf8');
  const start = '<!-- bench:latest:start -->';
  const end = '<!-- bench:latest:end -->';
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error('docs/bench.md has no bench:latest markers');
  const block = [
    start,
    '',
    `Measured ${finishedAt} with \`${command}\` on: ${machine.nproc} cores, ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.chromium}, load average ${machine.loadAvgAtStart} at the start (a shared machine).`,
    '',
    formatMarkdown(rows),
    '',
    ...rows.filter((r) => r.note).map((r) => `- **${r.figure}**: ${r.note}`),
    '',
    end,
  ].join('\n');
  await writeFile(file, text.slice(0, from) + block + text.slice(to + end.length));
}

/** A bench that hangs must not hold a shared machine: give up well past the planned time. */
const WATCHDOG_MS = (quick ? 8 : 20) * 60_000;

async function main(): Promise<void> {
  const watchdog = setTimeout(() => {
    console.error(`bench: still running after ${WATCHDOG_MS / 60_000} min; giving up (servers are stopped on exit)`);
    process.exit(2);
  }, WATCHDOG_MS);
  watchdog.unref();
  const machine = describeMachine(chromiumPath());
  log(`machine: ${machine.nproc} cores, ${machine.cpuModel}, ${machine.memoryGiB} GiB, node ${machine.node}, ${machine.chromium}`);
  await mkdir(resultsDir, { recursive: true });
  const buildDir = build();

  const details: Record<string, unknown> = {};
  const rows: Row[] = [];

  let bundle: BundleBench | undefined;
  const bundlePlaceholder = () => [
    notMeasured('bundle.initial', 'initial renderer download (JS+CSS, min, gzip)', 'KB', 'bare Vue+Pinia page, same Vite config', '≤ 120 KB and ≤ 3× floor', ''),
  ];
  const bundleBuilt = await section('bundle', bundlePlaceholder, async () => {
    bundle = await benchBundle(root, buildDir);
    return { rows: [], details: {} };
  });

  let browser: Browser | undefined;
  const needBrowser = only.has('load') || only.has('step') || only.has('soak') || only.has('taps');
  let firstScreenFetched: string[] | undefined;
  try {
    if (needBrowser) browser = await launchChromium();

    const load = await section(
      'load',
      () => [notMeasured('load.interactive', 'load to interactive "Masuk" form', 'ms', 'bare Vue+Pinia page', '≤ 2× floor', '')],
      async () => {
        if (!browser || !bundle) throw new Error('needs Chromium and the bundle bench');
        const b = browser;
        const bareDist = bundle.bareDist;
        const tracePath = values.trace ? join(resultsDir, `${stamp}-load.trace.json`) : undefined;
        const out = await withShell(buildDir, {}, (shell) =>
          benchLoadTime({ browser: b, shell, bareDist, assisted: ASSISTED, runs: PLAN.loadRuns, warmups: PLAN.loadWarmups, ...(tracePath ? { tracePath } : {}) }),
        );
        firstScreenFetched = out.firstScreenFetched;
        return out;
      },
    );

    if (only.has('bundle')) {
      if (bundle) {
        const b = bundle.rows(firstScreenFetched);
        rows.push(...b.rows);
        details.bundle = b.details;
      } else {
        rows.push(...bundleBuilt.rows);
        details.bundle = bundleBuilt.details;
      }
    }
    rows.push(...load.rows);
    details.load = load.details;

    // Lighthouse drives its own Chromium (chrome-launcher), one per run, against the same production shell.
    const lh = await section('lighthouse', () => [notMeasured('lighthouse.score', 'Lighthouse performance score (desktop)', '', '—', '100', '')], () =>
      withShell(buildDir, {}, (shell) => benchLighthouse({ shell, runs: quick ? 3 : 5, reportPrefix: join(resultsDir, `${stamp}-lighthouse`) })),
    );
    rows.push(...lh.rows);
    details.lighthouse = lh.details;

    const step = await section(
      'step',
      () => [
        notMeasured('step.median', 'step transition "Lanjutkan" → next heading (median)', 'ms', '1 bridge RT + 1 stub call', 'median ≤ 2× floor', ''),
        notMeasured('step.p95', 'step transition "Lanjutkan" → next heading (p95)', 'ms', '1 bridge RT + 1 stub call', 'p95 ≤ 50 ms', ''),
      ],
      async () => {
        if (!browser) throw new Error('needs Chromium');
        const b = browser;
        return withShell(buildDir, { config: SOAK_CONFIG }, (shell) =>
          benchStepTransition({ browser: b, shell, assisted: ASSISTED, recoveries: PLAN.stepRecoveries, warmups: PLAN.stepWarmups, run: 1 }),
        );
      },
    );
    rows.push(...step.rows);
    details.step = step.details;

    const soakLabel = `soak ${PLAN.soak} recoveries`;
    const soak = await section(
      'soak',
      () => [
        notMeasured('soak.rendererHeap', `${soakLabel}: renderer JS heap growth after GC`, 'MB', 'memory after the first 10', '≤ 2 MB', ''),
        notMeasured('soak.mainRss', `${soakLabel}: main-process RSS growth`, 'MB', 'memory after the first 10', '≤ 5 MB', ''),
        notMeasured('soak.nodes', `${soakLabel}: DOM nodes`, '', 'after the first 10', 'flat', ''),
        notMeasured('soak.listeners', `${soakLabel}: JS event listeners`, '', 'after the first 10', 'flat', ''),
      ],
      async () => {
        if (!browser) throw new Error('needs Chromium');
        const b = browser;
        return withShell(buildDir, { config: SOAK_CONFIG, memoryProbe: true }, (shell) =>
          benchSoak({ browser: b, shell, assisted: ASSISTED, recoveries: PLAN.soak, checkpointEvery: PLAN.soakCheckpointEvery, run: 2, log }),
        );
      },
    );
    rows.push(...soak.rows);
    details.soak = soak.details;

    const taps = await section(
      'taps',
      () => [notMeasured('taps.identity', 'taps, identity path, touch only, self-service ("Mulai" → "Akun berhasil dipulihkan")', 'taps', 'issue #13: 163', '≤ 110 taps', '')],
      async () => {
        if (!browser) throw new Error('needs Chromium');
        const b = browser;
        return withShell(buildDir, { config: TAPS_CONFIG }, (shell) => benchTaps({ browser: b, shell }));
      },
    );
    rows.push(...taps.rows);
    details.taps = taps.details;
  } finally {
    await browser?.close();
    await bundle?.cleanup();
  }

  const audit = await auditSection();
  rows.push(...audit.rows);
  details.audit = audit.details;

  const stub = await section(
    'stub',
    () => [
      notMeasured('stub.p99', 'stub OTP verify, 20 kiosks at 200 req/s: p99', 'ms', 'bare Fastify route', 'p99 ≤ 50 ms', ''),
      notMeasured('stub.maxThroughput', 'stub OTP verify, 20 kiosks: max throughput', 'req/s', 'bare Fastify route', '≥ 0.25× floor', ''),
    ],
    () =>
      benchStubLoad({
        quick,
        withStateFile: values['stub-state'],
        ...(values.profile ? { profileDir: join(resultsDir, `${stamp}-stub-profile`) } : {}),
        log,
      }),
  );
  rows.push(...stub.rows);
  details.stub = stub.details;

  const finishedAt = new Date().toISOString();
  const command = `npx tsx bench/run.ts${process.argv.slice(2).length ? ` ${process.argv.slice(2).join(' ')}` : ''}`;
  const table = formatTable(rows);
  console.log(`\n${table}\n`);
  const file = join(resultsDir, `${stamp}.json`);
  await writeFile(
    file,
    `${JSON.stringify(
      {
        issue: 7,
        command,
        quick,
        startedAt: new Date(Date.now() - (performance.now() - started)).toISOString(),
        finishedAt,
        seconds: round((performance.now() - started) / 1000),
        loadAvgAtEnd: loadavg().map((l) => round(l)),
        machine,
        build: buildDir,
        mainV8Flags: MAIN_V8_FLAGS,
        shellFlags: SHELL_FLAGS,
        rows,
        details,
      },
      null,
      2,
    )}\n`,
  );
  log(`wrote ${file}`);
  if (values['update-docs']) {
    await updateDocs(machine, rows, command, finishedAt);
    log('updated docs/bench.md');
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
