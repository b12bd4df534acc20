/**
 * `npm run test:contract -- --url http://127.0.0.1:4010 [--only identity.,otp.] [--kiosk-limit 30]
 *   [--operator PTG001:246810] [--kiosk ID=KEYFILE]… [--no-test-controls] [--fuzz-runs 40]`
 * Checks a running server against the contract; exits 1 when a check fails.
 * Checks needing time travel or OTP codes run only when the server offers
 * the test controls (docs/backend.md), and are reported skipped otherwise.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runConformance } from './suite';

const USAGE =
  'usage: npm run test:contract -- --url <base URL> [--only <id prefix>,…] [--kiosk-limit 30] [--operator ID:PIN] [--kiosk ID=KEYFILE]… [--no-test-controls] [--fuzz-runs 40]';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      url: { type: 'string' },
      only: { type: 'string' },
      'kiosk-limit': { type: 'string' },
      operator: { type: 'string' },
      // A kiosk provisioned on the server, its key in a file (never on the command line); with test controls the suite makes its own.
      kiosk: { type: 'string', multiple: true, default: [] },
      'no-test-controls': { type: 'boolean', default: false },
      'fuzz-runs': { type: 'string' },
    },
    strict: true,
  });
  if (!values.url || !/^https?:\/\//.test(values.url)) {
    console.error(USAGE);
    return 2;
  }
  const [staffId, pin] = values.operator?.split(':') ?? [];
  const kiosks = values.kiosk.map((spec) => {
    const at = spec.indexOf('=');
    if (at < 1) throw new Error(`--kiosk ${spec}: give ID=KEYFILE`);
    return { kioskId: spec.slice(0, at), key: readFileSync(spec.slice(at + 1), 'utf8').trim() };
  });
  const results = await runConformance(
    {
      baseUrl: values.url,
      ...(values['kiosk-limit'] ? { kioskLimitPerHour: Number(values['kiosk-limit']) } : {}),
      ...(staffId && pin ? { operator: { staffId, pin } } : {}),
      ...(kiosks.length > 0 ? { kiosks } : {}),
      ...(values['no-test-controls'] ? { testControls: 'off' as const } : {}),
      ...(values['fuzz-runs'] ? { fuzzRuns: Number(values['fuzz-runs']) } : {}),
    },
    values.only ? values.only.split(',') : [],
  );
  const mark = { passed: 'ok  ', failed: 'FAIL', skipped: 'skip' } as const;
  for (const r of results) {
    console.log(`${mark[r.status]} ${r.id.padEnd(34)} ${String(r.ms).padStart(6)} ms  ${r.rule}`);
    if (r.status === 'failed' && r.detail) console.log(`       ${r.detail.replace(/\n/g, '\n       ')}`);
    if (r.status === 'skipped') console.log(`       skipped: ${r.detail ?? ''}`);
  }
  const count = (s: string) => results.filter((r) => r.status === s).length;
  console.log(`\n${count('passed')} passed, ${count('failed')} failed, ${count('skipped')} skipped`);
  return count('failed') > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`conformance suite could not run: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(2);
  },
);
