/**
 * The conformance suite: checks any server against resources/openapi.yaml
 * and every rule of docs/architecture.md §3. Used by `npm run test:contract -- --url …`
 * (run.ts) and by vitest against a freshly started stub
 * (tests/unit/src-main/backend/conformance.test.ts).
 */
import type { CheckContext, CheckResult, ConformanceCheck } from './checkTypes';
import { auditAnchorChecks } from './checks/auditAnchorChecks';
import { codeLimitChecks } from './checks/codeLimitChecks';
import { enumerationChecks } from './checks/enumerationChecks';
import { idempotencyChecks } from './checks/idempotencyChecks';
import { identityChecks } from './checks/identityChecks';
import { inputChecks } from './checks/inputChecks';
import { operatorChecks } from './checks/operatorChecks';
import { otpChecks } from './checks/otpChecks';
import { outboxChecks } from './checks/outboxChecks';
import { recoveryChecks } from './checks/recoveryChecks';
import { signInChecks } from './checks/signInChecks';
import { ContractApi } from './contractApi';
import { detectControls, type TestControls } from './controls';
import { randomKiosk } from './fixtures';
import type { KioskMode } from './checkTypes';
import { ContractAnswers } from '../../src-main/backend/contract/answers';

export type { CheckResult, ConformanceCheck } from './checkTypes';

export const CONFORMANCE_CHECKS: readonly ConformanceCheck[] = [
  ...signInChecks,
  ...operatorChecks,
  ...identityChecks,
  ...otpChecks,
  ...codeLimitChecks,
  ...enumerationChecks,
  ...recoveryChecks,
  ...idempotencyChecks,
  ...inputChecks,
  ...outboxChecks,
  ...auditAnchorChecks,
];

export interface SuiteOptions {
  baseUrl: string;
  /** The server's per-kiosk hourly cap (30). */
  kioskLimitPerHour?: number;
  /** Operator credentials valid on the server; the stub's demo operator when it has test controls. */
  operator?: { staffId: string; pin: string };
  /**
   * Kiosks provisioned on the server (`--kiosk ID=KEY`), used in turn when it has no test
   * controls; with test controls each check provisions fresh ones.
   */
  kiosks?: { kioskId: string; key: string }[];
  /** Run the checks needing test controls? `auto` (default) detects them. */
  testControls?: 'auto' | 'off';
  fuzzRuns?: number;
}

export interface SuiteEnv {
  options: Required<Pick<SuiteOptions, 'baseUrl' | 'kioskLimitPerHour' | 'fuzzRuns'>> & Pick<SuiteOptions, 'operator'>;
  validator: ContractAnswers;
  controls: TestControls | null;
  /** Every kiosk known so far, with its key. */
  kioskKeys: Map<string, string>;
  /** A kiosk to call as: a fresh one (test controls), else the next given one. */
  newKiosk(mode?: KioskMode): Promise<string>;
}

const DEMO_OPERATOR = { staffId: 'PTG001', pin: '246810' };

const NO_CONTROLS: TestControls = new Proxy({} as TestControls, {
  get() {
    throw new Error('this check did not declare needsControls');
  },
});

/** Loads the contract and detects the server's test controls, once for many checks. */
export async function prepareSuite(options: SuiteOptions): Promise<SuiteEnv> {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const validator = new ContractAnswers();
  const kioskKeys = new Map((options.kiosks ?? []).map((k) => [k.kioskId, k.key]));
  const api = new ContractApi(baseUrl, validator, kioskKeys);
  const controls = options.testControls === 'off' ? null : await detectControls(api);
  const operator = options.operator ?? (controls ? DEMO_OPERATOR : undefined);
  const given = [...(options.kiosks ?? [])];
  let turn = 0;
  const newKiosk = async (mode: KioskMode = 'self-service'): Promise<string> => {
    if (controls) return controls.provisionKiosk(randomKiosk(), mode);
    const next = given[turn++ % Math.max(1, given.length)];
    if (!next) throw new Error('no kiosk to call as: give --kiosk ID=KEY (or run the server with test controls)');
    return next.kioskId;
  };
  return {
    kioskKeys,
    newKiosk,
    options: {
      baseUrl,
      kioskLimitPerHour: options.kioskLimitPerHour ?? 30,
      fuzzRuns: options.fuzzRuns ?? 40,
      ...(operator ? { operator } : {}),
    },
    validator,
    controls,
  };
}

/** Runs one check; a failed assertion or a response outside the contract fails it. */
export async function runCheck(check: ConformanceCheck, env: SuiteEnv): Promise<CheckResult> {
  const started = Date.now();
  const result = (status: CheckResult['status'], detail?: string): CheckResult => ({
    id: check.id,
    rule: check.rule,
    status,
    ms: Date.now() - started,
    ...(detail !== undefined ? { detail } : {}),
  });
  if (check.needsControls && !env.controls) return result('skipped', 'needs test controls');
  const api = new ContractApi(env.options.baseUrl, env.validator, env.kioskKeys);
  let controls: TestControls = NO_CONTROLS;
  let kiosk: string;
  try {
    kiosk = await env.newKiosk();
  } catch (err) {
    return result('failed', `kiosk: ${err instanceof Error ? err.message : String(err)}`);
  }
  try {
    // The check's outbox view: its kiosk's messages and those of the kiosks it provisions (each kiosk sees only its own).
    if (env.controls) controls = await env.controls.scoped(kiosk);
  } catch (err) {
    return result('failed', `test controls: ${err instanceof Error ? err.message : String(err)}`);
  }
  const ctx: CheckContext = {
    api,
    controls,
    hasControls: env.controls !== null,
    kiosk,
    newKiosk: (mode) => env.newKiosk(mode),
    kioskLimitPerHour: env.options.kioskLimitPerHour,
    operator: env.options.operator ?? null,
    fuzzRuns: env.options.fuzzRuns,
  };
  try {
    await check.run(ctx);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return result('failed', [message, ...api.violations].join('\n'));
  }
  if (api.violations.length > 0) return result('failed', `contract violations:\n${[...new Set(api.violations)].join('\n')}`);
  return result('passed');
}

/** Runs the checks (all, or those whose id starts with one of `only`) one after another. */
export async function runConformance(options: SuiteOptions, only: string[] = []): Promise<CheckResult[]> {
  const env = await prepareSuite(options);
  const selected = CONFORMANCE_CHECKS.filter((c) => only.length === 0 || only.some((prefix) => c.id.startsWith(prefix)));
  const results: CheckResult[] = [];
  for (const check of selected) results.push(await runCheck(check, env));
  return results;
}
