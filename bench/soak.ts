/**
 * Figure 4: the soak — N consecutive identity-path recoveries in one window,
 * the wipe ("Kembali ke halaman Masuk", after main has wiped the session on
 * finish) between each, against the same kiosk's memory after the first 10.
 *
 * - Renderer: over CDP, HeapProfiler.collectGarbage, then
 *   Performance.getMetrics (JSHeapUsedSize, Nodes, JSEventListeners).
 * - Main: the browser shell's node process, started with a tiny probe
 *   (bench/lib/shellMemoryHook.mjs) that collects garbage on SIGUSR2; VmRSS
 *   is then read from /proc/<pid>/status.
 * Measured at the sign-in screen after each checkpoint's recovery, so the
 * DOM is the same screen every time.
 *
 * The recoveries are driven inside the page (bench/inpage/probe.js
 * `recover`), by the same labels and texts as the Playwright driver, so
 * 500 of them fit in a few minutes on 2 cores and the numbers are the
 * kiosk's, not the automation's. Each recovery has its own citizen (3
 * identity tries per NIK per 24 h); the kiosk's own cap comes from its
 * config file (limits.identityVerificationsPerHour 1000) and the stub's
 * caps and code limits are raised by its test controls (each recovery's
 * code goes to a new contact of its own anyway). The idle timers need no
 * change: typing (an
 * input event) is activity to them.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, CDPSession } from '@playwright/test';
import { newProbedContext } from './lib/browser';
import { benchCitizen, newContactsFor } from './lib/citizens';
import type { Row } from './lib/report';
import type { BenchShell } from './lib/shell';
import { median, round, summary } from './lib/stats';
import { createAccounts, raiseStubLimits, resetStub } from './lib/stubControl';
import { openKiosk, recoverInPage } from './lib/wizard';

const MB = 1024 * 1024;
const BASELINE_AFTER = 10;
const TARGET_HEAP_MB = 2;
const TARGET_RSS_MB = 5;
/** Main-process memory is read this many times at each checkpoint, each after a full GC, a little apart; the median counts. */
const MEMORY_SAMPLES = 5;
const MEMORY_SAMPLE_GAP_MS = 300;
const SETTLE_MS = 2_500;

/** The kiosk config of the soak's shell. */
export const SOAK_CONFIG = {
  limits: { identityVerificationsPerHour: 1000 },
};

export interface Checkpoint {
  after: number;
  jsHeapUsed: number;
  nodes: number;
  listeners: number;
  documents: number;
  mainVmRss: number;
  mainHeapUsed: number;
  /** V8 heap committed (used + free pages it keeps). */
  mainHeapTotal: number;
  /** Memory of C++ objects bound to JS (Buffers and the like). */
  mainExternal: number;
  /** VmRSS split: anonymous pages (heaps, malloc) and file-backed pages (the node binary's code as it is paged in). */
  mainRssAnon: number;
  mainRssFile: number;
  /** V8's malloc'ed memory outside the JS heap. */
  mainV8Malloced: number;
  /** Highest minus lowest VmRSS of the checkpoint's reads (mainVmRss is their median). */
  mainVmRssSpread: number;
  /** V8's young generation: committed (up to 2 semi-spaces of --max-semi-space-size, 16 MB each by default) and used. */
  mainNewSpaceCommitted: number;
  mainNewSpaceUsed: number;
  stubStateBytes: number;
  /** VmRSS of the embedded stub's own process. */
  stubVmRss: number;
  elapsedS: number;
}

async function rendererMetrics(cdp: CDPSession): Promise<{ jsHeapUsed: number; nodes: number; listeners: number; documents: number }> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const get = (name: string) => metrics.find((m) => m.name === name)?.value ?? Number.NaN;
  return { jsHeapUsed: get('JSHeapUsedSize'), nodes: get('Nodes'), listeners: get('JSEventListeners'), documents: get('Documents') };
}

async function fileSize(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return Number.NaN;
  }
}

/**
 * Main-process memory at a checkpoint: the median, field by field, of MEMORY_SAMPLES reads,
 * each right after a full GC. One read swings by megabytes (what V8 and malloc hand back to
 * the system after a GC is not the same from one GC to the next), the median much less; the
 * spread is kept so a run shows how far one read could have been off.
 */
async function mainMemory(shell: BenchShell): Promise<Awaited<ReturnType<BenchShell['memoryAfterGc']>> & { vmRssSpread: number }> {
  const reads: Awaited<ReturnType<BenchShell['memoryAfterGc']>>[] = [];
  for (let i = 0; i < MEMORY_SAMPLES; i += 1) {
    if (i > 0) await new Promise((r) => setTimeout(r, MEMORY_SAMPLE_GAP_MS));
    reads.push(await shell.memoryAfterGc());
  }
  const med = (key: keyof (typeof reads)[number]) => median(reads.map((r) => r[key]));
  const rss = reads.map((r) => r.vmRss);
  return {
    rss: med('rss'),
    vmRss: med('vmRss'),
    rssAnon: med('rssAnon'),
    rssFile: med('rssFile'),
    heapUsed: med('heapUsed'),
    heapTotal: med('heapTotal'),
    external: med('external'),
    malloced: med('malloced'),
    newSpaceCommitted: med('newSpaceCommitted'),
    newSpaceUsed: med('newSpaceUsed'),
    vmRssSpread: Math.max(...rss) - Math.min(...rss),
  };
}

/** "Flat": no more than this much above the baseline (a count can wobble by a node or two at most). */
function flatLimit(baseline: number, relative: number, absolute: number): number {
  return baseline + Math.max(baseline * relative, absolute);
}

export interface SoakResult {
  rows: Row[];
  details: Record<string, unknown>;
}

export async function benchSoak(opts: {
  browser: Browser;
  shell: BenchShell;
  assisted: boolean;
  recoveries: number;
  checkpointEvery: number;
  run: number;
  log?: (line: string) => void;
}): Promise<SoakResult> {
  const log = opts.log ?? (() => {});
  const n = opts.recoveries;
  const citizens = Array.from({ length: n }, (_, i) => benchCitizen(i, opts.run));
  await raiseStubLimits(opts.shell.stubUrl, 100_000);
  const accountsStarted = performance.now();
  await createAccounts(opts.shell.stubUrl, citizens, 16);
  const accountsS = (performance.now() - accountsStarted) / 1000;
  const stateFile = join(opts.shell.dataDir, 'data', 'stub', 'state.json');

  const context = await newProbedContext(opts.browser);
  try {
    const page = await context.newPage();
    const officer = await openKiosk(page, await opts.shell.newAppUrl(), { assisted: opts.assisted });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');

    const started = performance.now();
    const checkpoints: Checkpoint[] = [];
    const checkpoint = async (after: number) => {
      // Let the training phone's poll (every 2 s) show the last recovery's messages, so every checkpoint sees the same screen.
      await page.waitForTimeout(SETTLE_MS);
      const r = await rendererMetrics(cdp);
      const m = await mainMemory(opts.shell);
      const cp: Checkpoint = {
        after,
        ...r,
        mainVmRss: m.vmRss,
        mainHeapUsed: m.heapUsed,
        mainHeapTotal: m.heapTotal,
        mainExternal: m.external,
        mainRssAnon: m.rssAnon,
        mainRssFile: m.rssFile,
        mainV8Malloced: m.malloced,
        mainVmRssSpread: m.vmRssSpread,
        mainNewSpaceCommitted: m.newSpaceCommitted,
        mainNewSpaceUsed: m.newSpaceUsed,
        stubStateBytes: await fileSize(stateFile),
        stubVmRss: await opts.shell.stubRss(),
        elapsedS: round((performance.now() - started) / 1000),
      };
      checkpoints.push(cp);
      log(
        `soak ${after}/${n}: renderer heap ${round(cp.jsHeapUsed / MB)} MB, nodes ${cp.nodes}, listeners ${cp.listeners}; main RSS ${round(cp.mainVmRss / MB)} MB (V8 heap ${round(cp.mainHeapUsed / MB)} used / ${round(cp.mainHeapTotal / MB)} committed, external ${round(cp.mainExternal / MB)} MB; anon ${round(cp.mainRssAnon / MB)} / file ${round(cp.mainRssFile / MB)} MB); ${cp.elapsedS} s`,
      );
    };

    const perRecoveryMs: number[] = [];
    const transitions: { identityToCredentials: number; credentialsToOtp: number; otpToDone: number }[] = [];
    for (let i = 0; i < n; i += 1) {
      const t = performance.now();
      transitions.push(await recoverInPage(page, citizens[i]!, newContactsFor(i, opts.run)));
      perRecoveryMs.push(performance.now() - t);
      const done = i + 1;
      if (done === BASELINE_AFTER || done === n || (done > BASELINE_AFTER && done % opts.checkpointEvery === 0)) await checkpoint(done);
    }

    const base = checkpoints.find((c) => c.after === BASELINE_AFTER) ?? (checkpoints[0] as Checkpoint);
    const last = checkpoints[checkpoints.length - 1] as Checkpoint;
    // How much of main's growth is the embedded backend double's own data (24 h of recoveries, answers kept for
    // replays, accounts the bench made): the same reads once the stub's state is back to its demo data.
    await resetStub(opts.shell.stubUrl);
    const stubReset = await mainMemory(opts.shell);
    const heapGrowthMb = (last.jsHeapUsed - base.jsHeapUsed) / MB;
    const rssGrowthMb = (last.mainVmRss - base.mainVmRss) / MB;
    const nodesOk = last.nodes <= flatLimit(base.nodes, 0.02, 20);
    const listenersOk = last.listeners <= flatLimit(base.listeners, 0.02, 5);
    const label = `after first ${BASELINE_AFTER}`;
    const lanjutkan = (list: typeof transitions) => list.flatMap((t) => [t.identityToCredentials, t.credentialsToOtp]);
    const head = transitions.slice(BASELINE_AFTER, BASELINE_AFTER + 20);
    const tail = transitions.slice(-20);
    const drift = `in-page "Lanjutkan" median ${round(median(lanjutkan(head)))} ms at ${BASELINE_AFTER}–${BASELINE_AFTER + head.length}, ${round(median(lanjutkan(tail)))} ms over the last ${tail.length}`;
    const rows: Row[] = [
      {
        id: 'soak.rendererHeap',
        figure: `soak ${n} recoveries: renderer JS heap growth after GC`,
        value: round(heapGrowthMb),
        unit: 'MB',
        floorLabel: `${round(base.jsHeapUsed / MB)} MB ${label}`,
        floor: null,
        ratio: round(last.jsHeapUsed / base.jsHeapUsed),
        target: `≤ ${TARGET_HEAP_MB} MB`,
        pass: heapGrowthMb <= TARGET_HEAP_MB,
        samples: n,
        note: `${round(base.jsHeapUsed / MB)} → ${round(last.jsHeapUsed / MB)} MB; officer: ${officer}`,
      },
      {
        id: 'soak.mainRss',
        figure: `soak ${n} recoveries: main-process RSS growth (after GC)`,
        value: round(rssGrowthMb),
        unit: 'MB',
        floorLabel: `${round(base.mainVmRss / MB)} MB ${label}`,
        floor: null,
        ratio: round(last.mainVmRss / base.mainVmRss),
        target: `≤ ${TARGET_RSS_MB} MB`,
        pass: rssGrowthMb <= TARGET_RSS_MB,
        samples: n,
        note: `median of ${MEMORY_SAMPLES} reads after GC (spread ${round(base.mainVmRssSpread / MB)} / ${round(last.mainVmRssSpread / MB)} MB); VmRSS ${round(base.mainVmRss / MB)} → ${round(last.mainVmRss / MB)} MB (anonymous ${round(base.mainRssAnon / MB)} → ${round(last.mainRssAnon / MB)}, file-backed ${round(base.mainRssFile / MB)} → ${round(last.mainRssFile / MB)}); V8 heap used ${round(base.mainHeapUsed / MB)} → ${round(last.mainHeapUsed / MB)}, committed ${round(base.mainHeapTotal / MB)} → ${round(last.mainHeapTotal / MB)} MB, of which young generation ${round(base.mainNewSpaceCommitted / MB)} → ${round(last.mainNewSpaceCommitted / MB)} MB (${round(last.mainNewSpaceUsed / MB)} MB in use); growth after the ${checkpoints[1]?.after ?? '-'}th ${round((last.mainVmRss - (checkpoints[1] ?? base).mainVmRss) / MB)} MB; embedded stub, in its own process: state file ${round(base.stubStateBytes / 1024)} → ${round(last.stubStateBytes / 1024)} KB, VmRSS ${round(base.stubVmRss / MB)} → ${round(last.stubVmRss / MB)} MB; after POST /__test/reset (the stub's state back to its demo data) VmRSS ${round(stubReset.vmRss / MB)} MB, V8 heap used ${round(stubReset.heapUsed / MB)} MB (${round((stubReset.vmRss - base.mainVmRss) / MB)} MB over the baseline)`,
      },
      {
        id: 'soak.nodes',
        figure: `soak ${n} recoveries: DOM nodes`,
        value: last.nodes,
        unit: '',
        floorLabel: `${base.nodes} ${label}`,
        floor: base.nodes,
        ratio: round(last.nodes / base.nodes),
        target: 'flat (≤ +2% / +20)',
        pass: nodesOk,
        samples: n,
      },
      {
        id: 'soak.listeners',
        figure: `soak ${n} recoveries: JS event listeners`,
        value: last.listeners,
        unit: '',
        floorLabel: `${base.listeners} ${label}`,
        floor: base.listeners,
        ratio: round(last.listeners / base.listeners),
        target: 'flat (≤ +2% / +5)',
        pass: listenersOk,
        samples: n,
        note: drift,
      },
    ];
    return {
      rows,
      details: {
        officerSignIn: officer,
        accountsCreatedInS: round(accountsS),
        perRecoveryMs: summary(perRecoveryMs),
        soakSeconds: round((performance.now() - started) / 1000),
        checkpoints,
        inPageTransitionsMs: {
          identityToCredentials: summary(transitions.map((t) => t.identityToCredentials)),
          credentialsToOtp: summary(transitions.map((t) => t.credentialsToOtp)),
          otpToDone: summary(transitions.map((t) => t.otpToDone)),
          lanjutkanFirst20AfterBaseline: summary(lanjutkan(head)),
          lanjutkanLast20: summary(lanjutkan(tail)),
        },
      },
    };
  } finally {
    await context.close();
  }
}
