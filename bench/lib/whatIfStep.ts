/**
 * `npx tsx bench/lib/whatIfStep.ts [--rounds 2] [--recoveries 6] [--build bench/results/.build]`:
 * how much of a step transition is the stub's state fsyncs and the audit log's synced appends.
 * The step bench (bench/stepTransition.ts) against the same build four ways, alternating round
 * by round: as it is, without the stub process's sync()/datasync() (whatIfNoStubFsyncHook.mjs), without
 * the audit log's O_DSYNC (whatIfNoAuditSyncHook.mjs), and without both. Prints the median of
 * the rounds for the step median and the bridge call of each timed transition. Never for real use:
 * the hooks remove durability.
 */
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SOAK_CONFIG } from '../soak';
import { benchStepTransition } from '../stepTransition';
import { launchChromium } from './browser';
import { startBenchShell } from './shell';
import { median, round } from './stats';

const { values } = parseArgs({
  options: { rounds: { type: 'string', default: '2' }, recoveries: { type: 'string', default: '6' }, build: { type: 'string', default: 'bench/results/.build' } },
});
const hook = (name: string) => `--import=${fileURLToPath(new URL(`./${name}`, import.meta.url))}`;
/** The stub's hook goes in NODE_OPTIONS, which its own process inherits (the hook acts only there); the audit's on the shell's command line. */
const NO_STUB_FSYNC = { NODE_OPTIONS: hook('whatIfNoStubFsyncHook.mjs') };
const VARIANTS: Record<string, { nodeFlags: string[]; env?: Record<string, string> }> = {
  'as built': { nodeFlags: [] },
  'no stub fsync': { nodeFlags: [], env: NO_STUB_FSYNC },
  'no audit sync': { nodeFlags: [hook('whatIfNoAuditSyncHook.mjs')] },
  'neither': { nodeFlags: [hook('whatIfNoAuditSyncHook.mjs')], env: NO_STUB_FSYNC },
};
type Variant = string;
type Where = Record<string, { beforeCallMs: number; callMs: number; afterCallMs: number }>;

const figures = new Map<Variant, { median: number[]; floor: number[]; where: Where[] }>();
const browser = await launchChromium();
try {
  const names = Object.keys(VARIANTS);
  for (let r = 0; r < Number(values.rounds); r += 1) {
    for (const name of r % 2 === 0 ? names : [...names].reverse()) {
      const variant = VARIANTS[name]!;
      const shell = await startBenchShell({ buildDir: resolve(values.build), config: SOAK_CONFIG, nodeFlags: variant.nodeFlags, ...(variant.env ? { env: variant.env } : {}) });
      try {
        const out = await benchStepTransition({ browser, shell, assisted: true, recoveries: Number(values.recoveries), warmups: 1, run: 20 + r * 4 + names.indexOf(name) });
        const f = figures.get(name) ?? { median: [], floor: [], where: [] };
        const row = out.rows.find((x) => x.id === 'step.median');
        f.median.push(Number(row?.value));
        f.floor.push(Number(row?.floor));
        f.where.push(out.details.whereTheTimeGoes as Where);
        figures.set(name, f);
        console.log(`round ${r + 1} ${name}: step median ${row?.value} ms (floor ${row?.floor} ms)`);
      } finally {
        await shell.stop();
      }
    }
  }
} finally {
  await browser.close();
}
console.log('\n| variant | step median | floor | identity: before + call + after | credentials: before + call + after | otp: call |\n|---|---:|---:|---|---|---:|');
for (const [name, f] of figures) {
  const w = (t: string, k: 'beforeCallMs' | 'callMs' | 'afterCallMs') => round(median(f.where.map((x) => x[t]?.[k] ?? Number.NaN)));
  console.log(
    `| ${name} | ${round(median(f.median))} | ${round(median(f.floor))} | ${w('identityToCredentials', 'beforeCallMs')} + ${w('identityToCredentials', 'callMs')} + ${w('identityToCredentials', 'afterCallMs')} | ${w('credentialsToOtp', 'beforeCallMs')} + ${w('credentialsToOtp', 'callMs')} + ${w('credentialsToOtp', 'afterCallMs')} | ${w('otpToDone', 'callMs')} |`,
  );
}
