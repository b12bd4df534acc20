/**
 * Figure 3: a step transition of the identity path — click "Lanjutkan" →
 * the next step's heading visible — against the embedded stub, through the
 * production browser shell. Playwright drives the wizard by roles and labels
 * with real clicks (bench/lib/wizard.ts); the in-page probe times each
 * transition on the page's own clock, click event to heading in the DOM
 * with a box (Playwright's "visible").
 *
 * Transitions timed: "Isi data diri" → Lanjutkan → "Atur Ulang Password"
 * (verifyIdentity) and "Periksa Data Anda" → Kirim Kode OTP → "Verifikasi"
 * (submitNewCredentials); "Verifikasi" → Konfirmasi → "Akun berhasil
 * dipulihkan" (verifyOtp) is reported alongside. The first recoveries warm
 * the lazily loaded steps and are reported apart.
 *
 * Floor, sampled between recoveries in the same page: one empty bridge
 * round trip (getKioskInfo from the page, timed in the page) plus one empty
 * stub HTTP call (GET /__test/clock from Node, keep-alive).
 */
import type { Browser } from '@playwright/test';
import { newProbedContext } from './lib/browser';
import { benchCitizen, newContactsFor } from './lib/citizens';
import type { Row } from './lib/report';
import type { BenchShell } from './lib/shell';
import { median, percentile, round, summary } from './lib/stats';
import { createAccounts, raiseStubLimits } from './lib/stubControl';
import { openKiosk, recoverByIdentity, type RecoveryTimings, type Transition } from './lib/wizard';

const TARGET_RATIO = 2;
const TARGET_P95_MS = 50;
const FLOOR_SAMPLES_PER_RECOVERY = 3;

async function stubRoundTrip(stubUrl: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${stubUrl}/__test/clock`);
  await response.arrayBuffer();
  return performance.now() - started;
}

/**
 * Splits transitions into: click → the step's bridge call starts (renderer:
 * validation), the call itself (main: core, audit, stub), and call end →
 * heading visible (renderer: state, lazy chunk, render).
 */
function breakdown(list: Transition[], method: string): Record<string, unknown> {
  const withCall = list
    .map((t) => ({ t, call: t.bridge.find((b) => b.method === method) }))
    .filter((x): x is { t: Transition; call: { method: string; start: number; ms: number } } => x.call !== undefined);
  return {
    method,
    n: withCall.length,
    beforeCallMs: round(median(withCall.map((x) => x.call.start))),
    callMs: round(median(withCall.map((x) => x.call.ms))),
    afterCallMs: round(median(withCall.map((x) => x.t.visibleMs - x.call.start - x.call.ms))),
    otherBridgeCalls: [...new Set(list.flatMap((t) => t.bridge.map((b) => b.method)).filter((m) => m !== method))],
  };
}

export interface StepTransitionResult {
  rows: Row[];
  details: Record<string, unknown>;
}

export async function benchStepTransition(opts: {
  browser: Browser;
  shell: BenchShell;
  assisted: boolean;
  recoveries: number;
  warmups: number;
  /** Separates the citizens of this bench from other benches of the run. */
  run: number;
}): Promise<StepTransitionResult> {
  const total = opts.recoveries + opts.warmups;
  const citizens = Array.from({ length: total }, (_, i) => benchCitizen(i, opts.run));
  await raiseStubLimits(opts.shell.stubUrl, 100_000);
  await createAccounts(opts.shell.stubUrl, citizens);

  const context = await newProbedContext(opts.browser);
  try {
    const page = await context.newPage();
    const officer = await openKiosk(page, await opts.shell.newAppUrl(), { assisted: opts.assisted });

    const warm: RecoveryTimings[] = [];
    const measured: RecoveryTimings[] = [];
    const bridge: number[] = [];
    const stub: number[] = [];
    for (let i = 0; i < total; i += 1) {
      const timings = await recoverByIdentity(page, citizens[i]!, newContactsFor(i, opts.run), { timed: true });
      (i < opts.warmups ? warm : measured).push(timings);
      for (let k = 0; k < FLOOR_SAMPLES_PER_RECOVERY; k += 1) {
        bridge.push(
          (await page.evaluate(() =>
            (globalThis as unknown as { __pulihBench: { bridgeRoundTrip(): Promise<number> } }).__pulihBench.bridgeRoundTrip(),
          )) as number,
        );
        stub.push(await stubRoundTrip(opts.shell.stubUrl));
      }
    }

    const pick = (list: RecoveryTimings[], key: keyof RecoveryTimings, field: 'visibleMs' | 'frameMs' = 'visibleMs') =>
      list.map((t) => t[key]?.[field]).filter((v): v is number => v !== undefined);
    const all = (key: keyof RecoveryTimings) => measured.map((t) => t[key]).filter((v): v is Transition => v !== undefined);
    const where = {
      identityToCredentials: breakdown(all('identityToCredentials'), 'verifyIdentity'),
      credentialsToOtp: breakdown(all('credentialsToOtp'), 'submitNewCredentials'),
      otpToDone: breakdown(all('otpToDone'), 'verifyOtp'),
    };
    const identity = pick(measured, 'identityToCredentials');
    const credentials = pick(measured, 'credentialsToOtp');
    const otp = pick(measured, 'otpToDone');
    const lanjutkan = [...identity, ...credentials];
    const floor = median(bridge) + median(stub);
    const med = median(lanjutkan);
    const p95 = percentile(lanjutkan, 95);
    const ratio = med / floor;
    const floorLabel = '1 bridge RT + 1 stub call';
    const split = (w: Record<string, unknown>) => `${w.beforeCallMs} + ${w.callMs} (${String(w.method)}) + ${w.afterCallMs} ms`;
    const common = `identity→credentials median ${round(median(identity))} ms [${split(where.identityToCredentials)}], credentials→Verifikasi ${round(median(credentials))} ms [${split(where.credentialsToOtp)}]; Konfirmasi→done ${round(median(otp))} ms (not in the figure); [renderer before call + bridge call + renderer after]; officer: ${officer}`;
    return {
      rows: [
        {
          id: 'step.median',
          figure: 'step transition "Lanjutkan" → next heading (median)',
          value: round(med),
          unit: 'ms',
          floorLabel,
          floor: round(floor),
          ratio: round(ratio),
          target: `median ≤ ${TARGET_RATIO}× floor`,
          pass: ratio <= TARGET_RATIO,
          samples: lanjutkan.length,
          note: common,
        },
        {
          id: 'step.p95',
          figure: 'step transition "Lanjutkan" → next heading (p95)',
          value: round(p95),
          unit: 'ms',
          floorLabel,
          floor: round(floor),
          ratio: round(p95 / floor),
          target: `p95 ≤ ${TARGET_P95_MS} ms`,
          pass: p95 <= TARGET_P95_MS,
          samples: lanjutkan.length,
        },
      ],
      details: {
        officerSignIn: officer,
        whereTheTimeGoes: where,
        identityToCredentialsMs: summary(identity),
        credentialsToOtpMs: summary(credentials),
        otpToDoneMs: summary(otp),
        lanjutkanToNextFrameMs: summary([...pick(measured, 'identityToCredentials', 'frameMs'), ...pick(measured, 'credentialsToOtp', 'frameMs')]),
        warmups: warm,
        floor: { bridgeMs: summary(bridge), stubMs: summary(stub) },
        samples: lanjutkan.map((v) => round(v)),
      },
    };
  } finally {
    await context.close();
  }
}
