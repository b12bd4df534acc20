/**
 * What every route of the stub shares: the state store, the clock, the
 * run-time configuration and the fault book.
 */
import type { Clock } from './clock';
import type { FaultBook } from './faults';
import type { KioskRegistry } from './kioskAuth';
import type { OperationId } from '../contract/document';
import type { StateStore } from './store';

export interface StubConfig {
  /** Per-kiosk guard against NIK enumeration (docs/architecture.md §3): identity verifications per kiosk per hour. */
  kioskIdentityLimitPerHour: number;
  /** Officer sign-in attempts per kiosk in any rolling hour, right or wrong (operatorRules.ts). */
  kioskOperatorSignInLimitPerHour: number;
  /** Per-kiosk recovery starts (phone and e-mail) in any rolling hour (codeLimits.ts). */
  kioskStartLimitPerHour: number;
  /** Codes sent to one destination (starts, resends, the identity path's code) in any rolling hour, and in any rolling 24 h. */
  codeSendsPerHour: number;
  codeSendsPerDay: number;
  /** Who to call in the "Bukan Anda?" notice. */
  helpline: string;
}

export const DEFAULT_CONFIG: StubConfig = {
  kioskIdentityLimitPerHour: 30,
  kioskOperatorSignInLimitPerHour: 20,
  kioskStartLimitPerHour: 60,
  codeSendsPerHour: 5,
  codeSendsPerDay: 10,
  helpline: 'Pusat Bantuan Kemnaker 1500 630',
};

export interface StubContext {
  store: StateStore;
  clock: Clock;
  config: StubConfig;
  faults: FaultBook;
  /** The provisioned kiosks and their keys (kioskAuth.ts). */
  kiosks: KioskRegistry;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Names the route for fault injection. */
    routeId?: OperationId;
  }
}
