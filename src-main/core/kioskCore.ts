import type { AuditExportRequest, AuditExportView, EndSessionRequest, KioskInfo, OutboxMessage } from '../../src-shared/contract';
import type { OperatorIdleInfo } from '../../src-shared/idle';
import { fail, ok, type Result } from '../../src-shared/errors';
import type { AuditEventName, AuditSink } from '../audit/types';
import type { BackendClient } from '../backend/types';
import { AuditTrail } from './auditTrail';
import type { KioskConfig } from './config';
import { auditBase, callContext, type CoreDeps } from './coreDeps';
import { gateByMode } from './operatorGate';
import { createOperatorService } from './operatorService';
import { createRecoveryService } from './recoveryService';
import { createRouter, type Caller, type Handlers, type Router } from './router';
import { createSignInService } from './signInService';
import { NotifyingSessionStore, type WipeListener } from './wipeNotifier';

export interface KioskCoreOptions {
  config: KioskConfig;
  backend: BackendClient;
  audit: AuditSink;
  training: boolean;
  demoOperator?: { staffId: string; pin: string };
  now?: () => number;
  /** Told of faults; receives error names/codes only, never payloads. */
  onFault?: (what: string, err: unknown) => void;
  /** Writes the audit log of a UTC day range as CSV; the shell's runtime knows the folders. */
  exportAudit?: (from: string, to: string) => Promise<AuditExportView>;
}

export interface KioskCore {
  router: Router;
  /**
   * Wipes a window's session without a renderer call: idle in main, crash, window closed.
   * A crash is audited even when no session was held; `detail` says what happened (no payloads).
   */
  wipeWindow(windowId: string, reason: 'crash' | 'closed' | 'idle', detail?: Record<string, string | number | boolean>): Promise<void>;
  /** Whether main still holds anything for the window (tests, wipe checks). */
  holdsSession(windowId: string): boolean;
  /** Called after every wipe of a window's session, whatever caused it (the Electron shell clears storage and clipboard). */
  onWipe(listener: WipeListener): () => void;
}

const END_EVENTS: Record<EndSessionRequest['reason'], AuditEventName> = {
  cancel: 'session.cancelled',
  finish: 'session.finished',
  idle: 'session.timed-out',
  'sign-out': 'session.finished',
};

/**
 * The transport-free heart of main: services behind one router. Both shells
 * (Electron IPC, browser HTTP bridge) are thin adapters over `router.dispatch`.
 */
export function createKioskCore(options: KioskCoreOptions): KioskCore {
  const sessions = new NotifyingSessionStore((err) => options.onFault?.('wipe-listener', err));
  const deps: CoreDeps = {
    config: options.config,
    backend: options.backend,
    audit: new AuditTrail(options.audit, (err) => options.onFault?.('audit', err)),
    sessions,
    training: options.training,
    ...(options.demoOperator ? { demoOperator: options.demoOperator } : {}),
    now: options.now ?? Date.now,
    operator: {},
  };

  const signIn = createSignInService(deps);
  const operator = createOperatorService(deps);
  const recovery = createRecoveryService(deps);

  const handlers: Handlers = {
    async getKioskInfo(): Promise<Result<KioskInfo>> {
      const { config } = deps;
      const info: KioskInfo & OperatorIdleInfo = {
        kioskId: config.kioskId,
        mode: config.mode,
        training: deps.training,
        defaultLanguage: config.language,
        idle: { ...config.idle.citizen },
        operatorIdle: { ...config.idle.operator },
      };
      if (deps.training && deps.demoOperator) info.demoOperator = { ...deps.demoOperator };
      if (deps.operator.current) info.operator = { ...deps.operator.current.view };
      return ok(info);
    },
    signIn: signIn.signIn,
    operatorSignIn: operator.operatorSignIn,
    operatorSignOut: operator.operatorSignOut,
    startRecovery: recovery.startRecovery,
    verifyIdentity: recovery.verifyIdentity,
    submitNewCredentials: recovery.submitNewCredentials,
    verifyOtp: recovery.verifyOtp,
    resendOtp: recovery.resendOtp,
    setNewPassword: recovery.setNewPassword,
    async endSession(caller: Caller, req: EndSessionRequest): Promise<Result<null>> {
      const session = sessions.find(caller.windowId);
      if (!session) return ok(null); // nothing held, nothing to end
      try {
        await deps.audit.record({ ...auditBase(deps, session), event: END_EVENTS[req.reason], outcome: 'info' });
      } finally {
        // The wipe happens whether or not the event could be written: no citizen data stays behind.
        sessions.wipe(caller.windowId);
      }
      return ok(null);
    },
    async getTrainingOutbox(): Promise<Result<OutboxMessage[]>> {
      if (!deps.training) return fail('FORBIDDEN');
      return deps.backend.outbox(callContext(deps));
    },
    async exportAuditCsv(caller: Caller, req: AuditExportRequest): Promise<Result<AuditExportView>> {
      // Supervisors export at an assisted kiosk, signed in; a citizen's screen never can.
      if (deps.config.mode !== 'assisted' || !options.exportAudit) return fail('FORBIDDEN');
      if (!deps.operator.current) return fail('OPERATOR_REQUIRED');
      if (req.from > req.to) return fail('VALIDATION_FAILED', { field: 'to' });
      const session = sessions.open(caller.windowId);
      const exported = await options.exportAudit(req.from, req.to);
      await deps.audit.record({ ...auditBase(deps, session), event: 'audit.exported', outcome: 'success', detail: { from: req.from, to: req.to, records: exported.records } });
      return ok(exported);
    },
  };

  return {
    // The mode's rules (officer required, ID-card tick) wrap every service: operatorGate.ts.
    router: createRouter(gateByMode(handlers, deps), { onFault: (method, err) => options.onFault?.(method, err) }),
    async wipeWindow(windowId, reason, detail) {
      const session = sessions.find(windowId);
      if (!session && reason !== 'crash') return;
      const event: AuditEventName = reason === 'crash' ? 'renderer.crashed' : reason === 'idle' ? 'session.timed-out' : 'session.wiped';
      try {
        await deps.audit.record({ ...auditBase(deps, session), event, outcome: 'info', ...(detail ? { detail } : {}) });
      } catch {
        // Already reported by the audit trail; the wipe below must happen all the same.
      } finally {
        sessions.wipe(windowId);
      }
    },
    onWipe(listener) {
      return sessions.onWipe(listener);
    },
    holdsSession(windowId) {
      return sessions.has(windowId);
    },
  };
}
