/**
 * Lighthouse (desktop preset, performance only) on the browser shell's first
 * screen: the production build, opened at a one-time launch link as a kiosk
 * opens it. Each run is a fresh Chromium (chrome-launcher, Debian's or
 * $PULIH_CHROMIUM, headless) on a fresh link: the link works once, and
 * Lighthouse loads the page once. Lighthouse is noisy on a shared machine,
 * so it runs several times; the rows are medians, and every JSON report is
 * kept next to the results.
 *
 * Its scoring is simulated (Lantern: the desktop preset's 40 ms RTT and
 * 10 Mbps over what was observed), so a score is comparable between runs of
 * this bench, not with the load bench's milliseconds.
 */
import { writeFile } from 'node:fs/promises';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { desktopConfig } from 'lighthouse';
import { BENCH_CHROMIUM_FLAGS, chromiumPath } from './lib/browser';
import type { Row } from './lib/report';
import type { BenchShell } from './lib/shell';
import { median, round } from './lib/stats';

interface Run {
  score: number;
  fcp: number;
  lcp: number;
  tbt: number;
  cls: number;
  si: number;
  report: string;
}

const METRICS = [
  { key: 'fcp', audit: 'first-contentful-paint', figure: 'First Contentful Paint', unit: 'ms' },
  { key: 'lcp', audit: 'largest-contentful-paint', figure: 'Largest Contentful Paint', unit: 'ms' },
  { key: 'tbt', audit: 'total-blocking-time', figure: 'Total Blocking Time', unit: 'ms' },
  { key: 'cls', audit: 'cumulative-layout-shift', figure: 'Cumulative Layout Shift', unit: '' },
  { key: 'si', audit: 'speed-index', figure: 'Speed Index', unit: 'ms' },
] as const;

async function runOnce(url: string): Promise<Run> {
  const chromePath = chromiumPath();
  if (!chromePath) throw new Error('no Chromium found (install Debian "chromium" or set PULIH_CHROMIUM)');
  const chrome = await chromeLauncher.launch({ chromePath, chromeFlags: [...BENCH_CHROMIUM_FLAGS, '--headless=new'] });
  try {
    const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] }, desktopConfig);
    if (!result) throw new Error('Lighthouse gave no result');
    const { lhr } = result;
    if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    const value = (audit: string) => {
      const v = lhr.audits[audit]?.numericValue;
      if (typeof v !== 'number') throw new Error(`Lighthouse measured no ${audit}`);
      return v;
    };
    const score = lhr.categories.performance?.score;
    if (typeof score !== 'number') throw new Error('Lighthouse gave no performance score');
    return {
      score: score * 100,
      fcp: value('first-contentful-paint'),
      lcp: value('largest-contentful-paint'),
      tbt: value('total-blocking-time'),
      cls: value('cumulative-layout-shift'),
      si: value('speed-index'),
      report: result.report as string,
    };
  } finally {
    chrome.kill();
  }
}

export async function benchLighthouse(opts: { shell: BenchShell; runs: number; reportPrefix: string }): Promise<{ rows: Row[]; details: Record<string, unknown> }> {
  const runs: Run[] = [];
  const reports: string[] = [];
  for (let i = 0; i < opts.runs; i += 1) {
    const run = await runOnce(await opts.shell.newAppUrl());
    const file = `${opts.reportPrefix}-${i + 1}.json`;
    await writeFile(file, run.report);
    reports.push(file);
    runs.push(run);
  }
  const scores = runs.map((r) => r.score);
  const cls = median(runs.map((r) => r.cls));
  const score = median(scores);
  const note = `desktop preset, performance only, first screen of the training kiosk (officer sign-in); ${runs.length} runs, scores ${scores.map((s) => round(s)).join(', ')}`;
  const rows: Row[] = [
    {
      id: 'lighthouse.score',
      figure: 'Lighthouse performance score (desktop, browser shell first screen)',
      value: round(score),
      unit: '',
      floorLabel: '—',
      floor: null,
      ratio: null,
      target: '100',
      pass: score >= 100 - 1e-9,
      samples: runs.length,
      note,
    },
    ...METRICS.map(
      (m): Row => ({
        id: `lighthouse.${m.key}`,
        figure: `Lighthouse ${m.figure}`,
        value: m.key === 'cls' ? round(cls, 4) : round(median(runs.map((r) => r[m.key]))),
        unit: m.unit,
        floorLabel: '—',
        floor: null,
        ratio: null,
        target: m.key === 'cls' ? '0' : '',
        pass: m.key === 'cls' ? cls === 0 : null,
        ...(m.key === 'cls' ? {} : { informational: true }),
        samples: runs.length,
      }),
    ),
  ];
  return {
    rows,
    details: {
      reports,
      runs: runs.map(({ report: _report, ...figures }) => Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, round(v)]))),
    },
  };
}
