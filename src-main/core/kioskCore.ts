import {
  isKioskMethod,
  TRAINING_OUTBOX_NEWEST,
  type ActivityView,
  type AuditExportRequest,
  type AuditExportView,
  type EndSessionRequest,
  type KioskInfo,
  type KioskMethod,
  type MainTimeout,
  type OutboxMessage,
  type ServiceStatusView,
} from '../../src-shared/contract';
import type { OperatorIdleInfo } from '../../src-shared/idle';
import { fail, ok, type Result } from '../../src-shared/errors';
import type { AuditEventName, AuditSink } from '../audit/types';
import type { BackendClient } from '../backend/types';
import { AuditTrail } from './auditTrail';
import type { KioskConfig } from './config';
import { auditBase, callContext, type CoreDeps } from './coreDeps';
import { createLifetimes, type LifetimeTimers } from './lifetimes';
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
  /** The timers of main's own lifetimes (lifetimes.ts); the real ones by default. */
  timers?: LifetimeTimers;
  /** Told of faults; receives error names/codes only, never payloads. */
  onFault?: (what: string, err: unknown) => void;
  /** Writes the audit log of a UTC day range as CSV; the shell's runtime knows the folders. */
  exportAudit?: (from: string, to: string) => Promise<AuditExportView>;
}

export interface KioskCore {
  router: Router;
  /**
   * What `getKioskInfo` would answer now (main's own limits enforced first,
   * as before every call), without the call's own effects: the shells put it
   * into the page they serve (src-shared/pageInfo.ts), and a fetch of the
   * page neither counts as activity nor as a page load.
   */
  kioskInfo(): Promise<KioskInfo & OperatorIdleInfo>;
  /**
   * Wipes a window's session without a renderer call: idle in main, crash, window closed.
   * A crash is audited even when no session was held; `detail` says what happened (no payloads).
   */
  wipeWindow(windowId: string, reason: 'crash' | 'closed' | 'idle', detail?: Record<string, string | number | boolean>): Promise<void>;
  /** Whether main still holds anything for the window (tests, wipe checks). */
  holdsSession(windowId: string): boolean;
  /** Called after every wipe of a window's session, whatever caused it (the Electron shell clears storage and clipboard). */
  onWipe(listener: WipeListener): () => void;
  /**
   * Called when main itself ended what a window shows (lifetimes.ts): the
   * citizen's idle limit, the officer's, or the shift. The page has not
   * wiped itself, so the Electron shell reloads it.
   */
  onMainTimeout(listener: MainTimeoutListener): () => void;
}

export type MainTimeoutListener = (windowId: string, why: MainTimeout) => void;

/** Calls a page makes by itself, not because someone is there: they do not count as activity. */
const PASSIVE_METHODS: ReadonlySet<KioskMethod> = new Set<KioskMethod>(['getKioskInfo', 'getTrainingOutbox', 'getServiceStatus']);

/** How long a health check's answer stands: pages poll, the backend is asked at most this often. */
const SERVICE_STATUS_MS = 5_000;

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
    // Looked up at each call, so a clock faked after start (tests) is the one used.
    now: options.now ?? (() => Date.now()),
    operator: {},
  };

  const timeoutListeners = new Set<MainTimeoutListener>();
  const recordQuietly = async (input: Parameters<AuditTrail['record']>[0]): Promise<void> => {
    try {
      await deps.audit.record(input);
    } catch {
      // Already reported by the audit trail; what it records has happened all the same.
    }
  };
  const lifetimes = createLifetimes({
    config: options.config,
    now: deps.now,
    ...(options.timers ? { timers: options.timers } : {}),
    operatorSignedInAt: () => deps.operator.current?.signedInAt,
    holdsSession: (windowId) => sessions.has(windowId),
    awaitsCode(windowId) {
      const recovery = sessions.find(windowId)?.recovery;
      return recovery?.challenge !== undefined && !recovery.otpVerified;
    },
    async expireCitizen(windowId) {
      const session = sessions.find(windowId);
      if (!session) return;
      sessions.wipe(windowId);
      await recordQuietly({ ...auditBase(deps, session), event: 'session.timed-out', outcome: 'info', detail: { by: 'main', reason: 'citizen-idle' } });
    },
    async expireOperator(reason, windowIds) {
      const officer = deps.operator.current;
      if (!officer) return;
      // Signed out at once, the backend's token with it; the records follow.
      delete deps.operator.current;
      const ended = windowIds.flatMap((windowId) => {
        const session = sessions.find(windowId);
        if (!session) return [];
        sessions.wipe(windowId);
        return [session];
      });
      const operatorId = officer.view.staffId;
      const why = reason === 'idle' ? 'operator-idle' : 'shift-ended';
      for (const session of ended) {
        await recordQuietly({ sessionId: session.sessionId, operatorId, event: 'session.timed-out', outcome: 'info', detail: { by: 'main', reason: why } });
      }
      await recordQuietly({ operatorId, event: 'operator.signed-out', outcome: 'info', detail: { by: 'main', reason } });
    },
    onEnded(windowId, why) {
      for (const listener of timeoutListeners) {
        try {
          listener(windowId, why);
        } catch (err) {
          options.onFault?.('timeout-listener', err);
        }
      }
    },
    onFault: (err) => options.onFault?.('lifetimes', err),
  });

  let serviceStatus: { at: number; answer: Promise<ServiceStatusView> } | undefined;

  const signIn = createSignInService(deps);
  const operator = createOperatorService(deps);
  const recovery = createRecoveryService(deps);

  function kioskInfo(): KioskInfo & OperatorIdleInfo {
    const { config } = deps;
    const info: KioskInfo & OperatorIdleInfo = {
      kioskId: config.kioskId,
      mode: config.mode,
      training: deps.training,
      defaultLanguage: config.language,
      timeZone: config.timeZone,
      idle: { ...config.idle.citizen },
      operatorIdle: { ...config.idle.operator },
    };
    if (deps.training && deps.demoOperator) info.demoOperator = { ...deps.demoOperator };
    if (deps.operator.current) info.operator = { ...deps.operator.current.view };
    return info;
  }

  const handlers: Handlers = {
    async getKioskInfo(caller: Caller): Promise<Result<KioskInfo>> {
      // A page asks this first when it loads: it shows nothing of before.
      lifetimes.pageLoaded(caller.windowId);
      return ok(kioskInfo());
    },
    signIn: signIn.signIn,
    operatorSignIn: operator.operatorSignIn,
    operatorSignOut: operator.operatorSignOut,
    confirmOperatorPin: operator.confirmOperatorPin,
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
      const outbox = await deps.backend.outbox(callContext(deps));
      return outbox.ok ? ok(outbox.value.slice(-TRAINING_OUTBOX_NEWEST)) : outbox;
    },
    async exportAuditCsv(caller: Caller, req: AuditExportRequest): Promise<Result<AuditExportView>> {
      // Supervisors export at an assisted kiosk, signed in; a citizen's screen never can.
      if (deps.config.mode !== 'assisted' || !options.exportAudit) return fail('FORBIDDEN');
      const officer = deps.operator.current;
      if (!officer) return fail('OPERATOR_REQUIRED');
      // The officer's PIN again first (confirmOperatorPin): a citizen left at the counter never exports.
      if (officer.toolsUntil === undefined || deps.now() >= officer.toolsUntil) return fail('FORBIDDEN');
      if (req.from > req.to) return fail('VALIDATION_FAILED', { field: 'to' });
      const session = sessions.open(caller.windowId);
      const exported = await options.exportAudit(req.from, req.to);
      await deps.audit.record({ ...auditBase(deps, session), event: 'audit.exported', outcome: 'success', detail: { from: req.from, to: req.to, records: exported.records } });
      return ok(exported);
    },
    async getServiceStatus(): Promise<Result<ServiceStatusView>> {
      const now = deps.now();
      if (!serviceStatus || now - serviceStatus.at >= SERVICE_STATUS_MS) {
        const answer = deps.backend.health(callContext(deps)).then((result) => ({ available: result.ok }));
        serviceStatus = { at: now, answer };
      }
      return ok(await serviceStatus.answer);
    },
    async noteActivity(caller: Caller): Promise<Result<ActivityView>> {
      // The activity itself was noted on the way in (dispatch below).
      const ended = lifetimes.takeEnded(caller.windowId);
      return ok(ended ? { ended } : {});
    },
  };

  // The mode's rules (officer required, ID-card tick) wrap every service: operatorGate.ts.
  const router = createRouter(gateByMode(handlers, deps), { onFault: (method, err) => options.onFault?.(method, err) });

  return {
    async kioskInfo() {
      await lifetimes.enforce();
      return kioskInfo();
    },
    router: {
      // Main's own limits first: nothing past its lifetime serves one more call. Then the call counts as activity.
      async dispatch(caller, method, payload) {
        await lifetimes.enforce();
        if (isKioskMethod(method) && !PASSIVE_METHODS.has(method)) lifetimes.noteActivity(caller.windowId);
        try {
          return await router.dispatch(caller, method, payload);
        } finally {
          lifetimes.arm();
        }
      },
    },
    async wipeWindow(windowId, reason, detail) {
      if (reason !== 'idle') lifetimes.forget(windowId);
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
    onMainTimeout(listener) {
      timeoutListeners.add(listener);
      return () => timeoutListeners.delete(listener);
    },
    holdsSession(windowId) {
      return sessions.has(windowId);
    },
  };
}
