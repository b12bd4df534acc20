/**
 * Where the renderer spends a step transition, from a Chromium trace: the
 * identity step's "Lanjutkan" (verifyIdentity) in the production browser
 * shell, traced with the DevTools timeline categories, a few recoveries.
 * For each it prints click → request sent, the bridge call (request sent →
 * answer read) and answer → the next step's first paint, then the renderer
 * main thread's work in that last span, by kind (style, layout, paint,
 * script; the rest of the span is idle), with the elements restyled and
 * the layout objects laid out. A profiling aid for docs/bench.md
 * ("Profiling a miss"), not a benchmark.
 *
 *   npx tsx bench/lib/traceStep.ts [--recoveries 5] [--build bench/results/.build]
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { CDPSession } from '@playwright/test';
import { SOAK_CONFIG } from '../soak';
import { launchChromium, newProbedContext } from './browser';
import { benchCitizen, newContactsFor } from './citizens';
import { startBenchShell } from './shell';
import { median, round } from './stats';
import { createAccounts, raiseStubLimits } from './stubControl';
import { openKiosk, recoverByIdentity } from './wizard';

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { data?: { type?: string; url?: string; requestId?: string }; elementCount?: number; beginData?: { dirtyObjects?: number } };
}

const { values } = parseArgs({ options: { recoveries: { type: 'string', default: '5' }, build: { type: 'string', default: 'bench/results/.build' } } });
const RUN = 91;
const KIND: Record<string, string> = {
  UpdateLayoutTree: 'style',
  Layout: 'layout',
  PrePaint: 'paint',
  Paint: 'paint',
  Layerize: 'paint',
  Commit: 'paint',
  // Promise continuations (the answer's handling, Vue's render and patch) run as microtasks.
  RunMicrotasks: 'script',
  FunctionCall: 'script',
  EventDispatch: 'script',
  TimerFire: 'script',
  FireAnimationFrame: 'script',
  EvaluateScript: 'script',
};

async function traced(cdp: CDPSession, run: () => Promise<void>): Promise<TraceEvent[]> {
  const events: TraceEvent[] = [];
  const collect = (e: { value: object[] }) => {
    events.push(...(e.value as TraceEvent[]));
  };
  cdp.on('Tracing.dataCollected', collect);
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline,v8.execute', transferMode: 'ReportEvents' });
  await run();
  const complete = new Promise<void>((done) => cdp.once('Tracing.tracingComplete', () => done()));
  await cdp.send('Tracing.end');
  await complete;
  cdp.off('Tracing.dataCollected', collect);
  return events;
}

/** The renderer's main thread: the thread that dispatched the click. */
function split(events: TraceEvent[]) {
  const click = events.find((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'click');
  const sent = events.find((e) => e.name === 'ResourceSendRequest' && e.args?.data?.url?.includes('/__bridge/verifyIdentity'));
  if (!click || !sent) return undefined;
  const onMain = (e: TraceEvent) => e.pid === click.pid && e.tid === click.tid;
  const answered = events.find((e) => e.name === 'ResourceFinish' && e.args?.data?.requestId === sent.args?.data?.requestId);
  const painted = answered && events.find((e) => onMain(e) && e.name === 'Paint' && e.ts > answered.ts + 1000 && e.ph === 'X');
  if (!answered || !painted) return undefined;
  const paintEnd = painted.ts + (painted.dur ?? 0);
  const inSpan = events
    .filter((e) => onMain(e) && e.ph === 'X' && e.ts >= answered.ts && e.ts < paintEnd && KIND[e.name])
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  // Outermost events only: a forced style recalc inside a script call counts as style, not twice.
  const byKind: Record<string, number> = { style: 0, layout: 0, paint: 0, script: 0 };
  let elements = 0;
  let layoutObjects = 0;
  const outer: TraceEvent[] = [];
  for (const e of inSpan) {
    const parent = outer.find((o) => e.ts >= o.ts && e.ts + (e.dur ?? 0) <= o.ts + (o.dur ?? 0));
    if (e.name === 'UpdateLayoutTree') elements += e.args?.elementCount ?? 0;
    if (e.name === 'Layout') layoutObjects += e.args?.beginData?.dirtyObjects ?? 0;
    if (parent) {
      if (KIND[e.name] !== 'script' && KIND[parent.name] === 'script') {
        byKind[KIND[e.name]!]! += e.dur ?? 0;
        byKind.script! -= e.dur ?? 0;
      }
      continue;
    }
    outer.push(e);
    byKind[KIND[e.name]!]! += e.dur ?? 0;
  }
  const ms = (us: number) => us / 1000;
  const span = ms(paintEnd - answered.ts);
  const busy = Object.values(byKind).reduce((a, b) => a + b, 0);
  return {
    beforeCall: ms(sent.ts - click.ts),
    call: ms(answered.ts - sent.ts),
    answerToPaint: span,
    style: ms(byKind.style!),
    layout: ms(byKind.layout!),
    paint: ms(byKind.paint!),
    script: ms(byKind.script!),
    idle: span - ms(busy),
    elements,
    layoutObjects,
  };
}

const browser = await launchChromium();
const shell = await startBenchShell({ buildDir: resolve(values.build), config: SOAK_CONFIG });
const rows: NonNullable<ReturnType<typeof split>>[] = [];
try {
  const n = Number(values.recoveries);
  const citizens = Array.from({ length: n + 1 }, (_, i) => benchCitizen(i, RUN));
  await raiseStubLimits(shell.stubUrl, 100_000);
  await createAccounts(shell.stubUrl, citizens);
  const context = await newProbedContext(browser);
  const page = await context.newPage();
  await openKiosk(page, await shell.newAppUrl(), { assisted: true });
  const cdp = await context.newCDPSession(page);
  // The first recovery loads the lazy steps; it is not traced.
  await recoverByIdentity(page, citizens[0]!, newContactsFor(0, RUN), { timed: false });
  for (let i = 1; i <= n; i += 1) {
    let tracing: Promise<TraceEvent[]> | undefined;
    let stop: () => void = () => {};
    const stopped = new Promise<void>((done) => (stop = done));
    await recoverByIdentity(page, citizens[i]!, newContactsFor(i, RUN), {
      timed: true,
      mark: (what) => {
        if (what === 'identity filled') tracing = traced(cdp, () => stopped);
        if (what === 'identity submitted') stop();
      },
    });
    const events = await tracing;
    const row = events && split(events);
    if (row) rows.push(row);
  }
} finally {
  await shell.stop();
  await browser.close();
}
const keys = ['beforeCall', 'call', 'answerToPaint', 'script', 'style', 'layout', 'paint', 'idle', 'elements', 'layoutObjects'] as const;
console.log(`identity "Lanjutkan", ${rows.length} traced transitions (ms; elements restyled and layout objects laid out after the answer are counts)`);
console.log(`| ${keys.join(' | ')} |\n|${keys.map(() => '---:').join('|')}|`);
for (const r of rows) console.log(`| ${keys.map((k) => round(r[k])).join(' | ')} |`);
console.log(`| ${keys.map((k) => `**${round(median(rows.map((r) => r[k])))}**`).join(' | ')} |  (median)`);
