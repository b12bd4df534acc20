/** The shape of a conformance check and of what it is given. */
import type { ContractApi } from './contractApi';
import type { TestControls } from './controls';

export interface CheckContext {
  api: ContractApi;
  /** Only usable by checks that declare `needsControls` (others get one that throws). */
  controls: TestControls;
  hasControls: boolean;
  /** A kiosk of its own for this check (with test controls), so checks never share per-kiosk counters. */
  kiosk: string;
  /** Another kiosk (fresh with test controls); self-service unless asked. */
  newKiosk(mode?: KioskMode): Promise<string>;
  /** The server's per-kiosk hourly cap on identity verifications. */
  kioskLimitPerHour: number;
  /** Known operator credentials in the target environment, when any. */
  operator: { staffId: string; pin: string } | null;
  /** fast-check runs per property. */
  fuzzRuns: number;
}

/** How the backend treats a kiosk: an assisted one needs its officer for the identity path. */
export type KioskMode = 'assisted' | 'self-service';

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
