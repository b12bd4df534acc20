/** The shape of a conformance check and of what it is given. */
import type { ContractApi } from './contractApi';
import type { TestControls } from './controls';

export interface CheckContext {
  api: ContractApi;
  /** Only usable by checks that declare `needsControls` (others get one that throws). */
  controls: TestControls;
  hasControls: boolean;
  /** A kiosk id of its own for this check, so checks never share per-kiosk counters. */
  kiosk: string;
  /** The server's per-kiosk hourly cap on identity verifications. */
  kioskLimitPerHour: number;
  /** Known operator credentials in the target environment, when any. */
  operator: { staffId: string; pin: string } | null;
  /** fast-check runs per property. */
  fuzzRuns: number;
}

export interface ConformanceCheck {
  id: string;
  /** The rule it checks, in the words of docs/architecture.md §3 or the issue. */
  rule: string;
  needsControls: boolean;
  run(ctx: CheckContext): Promise<void>;
}

export type CheckStatus = 'passed' | 'failed' | 'skipped';

export interface CheckResult {
  id: string;
  rule: string;
  status: CheckStatus;
  detail?: string;
  ms: number;
}
