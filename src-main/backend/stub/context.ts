/**
 * What every route of the stub shares: the state store, the clock, the
 * run-time configuration and the fault book.
 */
import type { Clock } from './clock';
import type { FaultBook } from './faults';
import type { OperationId } from '../contract/document';
import type { StateStore } from './store';

export interface StubConfig {
  /** Per-kiosk guard against NIK enumeration (docs/architecture.md §3): identity verifications per kiosk per hour. */
  kioskIdentityLimitPerHour: number;
  /** Who to call in the "Bukan Anda?" notice. */
  helpline: string;
}

export const DEFAULT_CONFIG: StubConfig = {
  kioskIdentityLimitPerHour: 30,
  helpline: 'Pusat Bantuan Kemnaker 1500630',
};

export interface StubContext {
  store: StateStore;
  clock: Clock;
  config: StubConfig;
  faults: FaultBook;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Names the route for fault injection. */
    routeId?: OperationId;
  }
}
