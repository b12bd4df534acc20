import type { OperatorView } from '../../src-shared/contract';
import type { BackendClient, CallContext } from '../backend/types';
import type { AuditTrail } from './auditTrail';
import type { KioskConfig } from './config';
import type { SessionStore, WindowSession } from './recoverySession';

/** The signed-in officer of an assisted kiosk; the token stays in main. */
export interface OperatorState {
  view: OperatorView;
  operatorToken: string;
  /** When the shift began (`now()`): main signs the officer out `operatorShiftHours` later (lifetimes.ts). */
  signedInAt: number;
  /** Until when the officer tools are open: the PIN was confirmed again (confirmOperatorPin). */
  toolsUntil?: number;
}

/** What every service of the core is built from. */
export interface CoreDeps {
  config: KioskConfig;
  backend: BackendClient;
  audit: AuditTrail;
  sessions: SessionStore;
  /** Training mode: the embedded stub is the backend. */
  training: boolean;
  demoOperator?: { staffId: string; pin: string };
  now: () => number;
  operator: { current?: OperatorState };
}

/** Who calls; with `idempotencyKey`, the key of a request main keeps until it is answered (pendingRequests.ts). */
export function callContext(deps: CoreDeps, idempotencyKey?: string): CallContext {
  const token = deps.operator.current?.operatorToken;
  return {
    kioskId: deps.config.kioskId,
    ...(token ? { operatorToken: token } : {}),
    ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
  };
}

/** The fields every audit event of a window carries (no session id where the window holds no session). */
export function auditBase(deps: CoreDeps, session: WindowSession | undefined): { sessionId?: string; operatorId?: string } {
  const operatorId = deps.operator.current?.view.staffId;
  return { ...(session ? { sessionId: session.sessionId } : {}), ...(operatorId ? { operatorId } : {}) };
}
