/**
 * The embedded recovery-backend stub: a Fastify server enforcing every rule
 * of docs/architecture.md §3 with the demo data of §8. The kiosk runs it in-process for
 * training; `npm run stub` runs it alone for a training room; tests start one
 * per test on an ephemeral port.
 */
import type { Writable } from 'node:stream';
import Fastify, { type FastifyInstance } from 'fastify';
import { createSystemClock, type Clock } from './clock';
import { DEFAULT_CONFIG, type StubConfig, type StubContext } from './context';
import { FaultBook, registerFaultHooks } from './faults';
import { KioskRegistry, registerKioskAuth, type KioskProvision } from './kioskAuth';
import { answerClientError, answerFrameworkError, registerProblemHandlers } from './problemHandlers';
import { registerAuditRoutes } from './routes/auditRoutes';
import { registerAuthRoutes } from './routes/authRoutes';
import { registerRecoveryRoutes } from './routes/recoveryRoutes';
import { registerTestControlRoutes } from './routes/testControlRoutes';
import { registerTrainingRoutes } from './routes/trainingRoutes';
import { prune } from './maintenance';
import { StateNotDurableError, StateStore, type StateDisk } from './store';

export interface StubOptions {
  /** Loopback by default: another bind address only when asked for (docs/architecture.md §6a). */
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /**
   * The kiosks that may call, each with its key (`--kiosk-key ID=KEY`): every contract request
   * without one of these keys, or from another kiosk id than its key's, is answered 401.
   */
  kiosks?: readonly KioskProvision[];
  /**
   * Answer only requests whose Host is this stub's own loopback address and port (421 otherwise):
   * the embedded stub, against DNS rebinding from a local browser. Off by default.
   */
  checkHost?: boolean;
  /** Where state is kept across restarts; in memory only when absent. */
  stateFile?: string;
  /** Defaults to real time with an offset the test controls can advance. */
  clock?: Clock;
  /** Mounts `/__test/*` (time travel, faults, accounts, reset). Never on a production kiosk. */
  testControls?: boolean;
  /** Off by default; when on, secrets in headers are redacted (bodies are never logged). */
  logger?: boolean;
  /** Where the log goes when on (stdout by default); tests read it back. */
  logStream?: Writable;
  /** Per-kiosk identity verifications per hour (30). */
  kioskIdentityLimitPerHour?: number;
  /** Who the "Bukan Anda?" notices tell the citizen to call. */
  helpline?: string;
  /** Connection timeouts (DEFAULT_TIMEOUTS); tests shorten them. */
  timeouts?: Partial<StubTimeouts>;
  /** How the state file and its journal are written (`fileDisk()`); tests pass one that fails, as a full disk would. */
  writeState?: StateDisk;
  /** Compare the state journal with memory after every write (default: on under vitest; store.ts). */
  checkJournal?: boolean;
  /** How often lapsed state is forgotten (maintenance.ts): every minute by default. */
  pruneEveryMs?: number;
}

/**
 * Bounds on every connection, suited to a kiosk on a LAN (docs/backend.md):
 * a client that opens a connection and sends half a request, or nothing, is
 * answered 408 and cut off instead of holding it for ever.
 */
export interface StubTimeouts {
  /** The request line and headers must have arrived within this (Node `headersTimeout`). */
  headersMs: number;
  /** The whole request, body included, must have arrived within this (`requestTimeout`). */
  requestMs: number;
  /** A kept-alive connection with no new request is closed after this (`keepAliveTimeout`). */
  keepAliveMs: number;
  /**
   * A connection with no traffic either way is closed after this
   * (`connectionTimeout`, the socket's idle timeout): the backstop for an
   * answer that never comes. Longer than the longest latency fault (120 s).
   */
  idleMs: number;
  /** How often the headers and request deadlines are checked (`connectionsCheckingInterval`). */
  checkIntervalMs: number;
}

export const DEFAULT_TIMEOUTS: Readonly<StubTimeouts> = Object.freeze({
  headersMs: 10_000,
  requestMs: 15_000,
  keepAliveMs: 5_000,
  idleMs: 150_000,
  checkIntervalMs: 1_000,
});

export interface RunningStub {
  url: string;
  close(): Promise<void>;
  clock: Clock;
}

/** How often lapsed state is forgotten by default. */
const PRUNE_EVERY_MS = 60_000;

/** Requests are small; anything larger is refused before parsing (413). */
export const BODY_LIMIT_BYTES = 16 * 1024;

const REDACTED_HEADERS = [
  'req.headers.authorization',
  'req.headers["x-operator-token"]',
  'req.headers["idempotency-key"]',
  'req.headers.cookie',
];

export async function buildStubApp(
  opts: StubOptions = {},
): Promise<{ app: FastifyInstance; ctx: StubContext; allowHosts: (hosts: readonly string[] | null) => void }> {
  const config: StubConfig = {
    ...DEFAULT_CONFIG,
    ...(opts.kioskIdentityLimitPerHour !== undefined ? { kioskIdentityLimitPerHour: opts.kioskIdentityLimitPerHour } : {}),
    ...(opts.helpline !== undefined ? { helpline: opts.helpline } : {}),
  };
  const timeouts: StubTimeouts = { ...DEFAULT_TIMEOUTS, ...opts.timeouts };
  const ctx: StubContext = {
    store: await StateStore.open(opts.stateFile, opts.writeState, opts.checkJournal !== undefined ? { checkJournal: opts.checkJournal } : {}),
    clock: opts.clock ?? createSystemClock(),
    config,
    faults: new FaultBook(),
    kiosks: new KioskRegistry(opts.kiosks),
  };
  const app = Fastify({
    logger: opts.logger
      ? {
          level: 'info',
          redact: { paths: REDACTED_HEADERS, censor: '[redacted]' },
          ...(opts.logStream ? { stream: opts.logStream } : {}),
        }
      : false,
    bodyLimit: BODY_LIMIT_BYTES,
    forceCloseConnections: true,
    http: {
      headersTimeout: Math.min(timeouts.headersMs, timeouts.requestMs),
      requestTimeout: timeouts.requestMs,
      connectionsCheckingInterval: timeouts.checkIntervalMs,
    },
    requestTimeout: timeouts.requestMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    connectionTimeout: timeouts.idleMs,
    // Every error is problem+json, also those found before routing or by Node's HTTP parser.
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
    // Strict validation: reject (not strip) unknown fields, never coerce types.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: false, allErrors: false } },
  });
  // Only JSON is spoken: text/plain would otherwise be accepted as a string body.
  app.removeContentTypeParser('text/plain');
  registerProblemHandlers(app);
  registerKioskAuth(app, ctx.kiosks, () => hosts);
  registerFaultHooks(app, ctx.faults);
  registerAuthRoutes(app, ctx);
  registerRecoveryRoutes(app, ctx);
  registerTrainingRoutes(app, ctx);
  registerAuditRoutes(app, ctx);
  if (opts.testControls) registerTestControlRoutes(app, ctx);
  // Housekeeping on a timer, not per request (it was an eighth of the CPU under load), and at close.
  const pruneNow = async (): Promise<void> => {
    prune(ctx.store.state, ctx.clock.now());
    try {
      await ctx.store.persist();
    } catch (err) {
      // Undone, and done again next time; any other failure is a bug.
      if (!(err instanceof StateNotDurableError)) throw err;
    }
  };
  const pruning = setInterval(() => void pruneNow(), opts.pruneEveryMs ?? PRUNE_EVERY_MS);
  pruning.unref();
  app.addHook('onClose', async () => {
    clearInterval(pruning);
    await ctx.store.flush();
    await pruneNow();
    // A clean stop leaves the whole state in the state file and an empty journal.
    await ctx.store.compact().catch((err: unknown) => {
      if (!(err instanceof StateNotDurableError)) throw err;
    });
  });
  // Set once the port is known (startStub); null answers every Host.
  let hosts: readonly string[] | null = null;
  const allowHosts = (list: readonly string[] | null): void => {
    hosts = list;
  };
  return { app, ctx, allowHosts };
}

export async function startStub(opts: StubOptions = {}): Promise<RunningStub> {
  const { app, ctx, allowHosts } = await buildStubApp(opts);
  const host = opts.host ?? '127.0.0.1';
  await app.listen({ host, port: opts.port ?? 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : (opts.port ?? 0);
  if (opts.checkHost) allowHosts([`${host.includes(':') ? `[${host}]` : host}:${port}`, `localhost:${port}`]);
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}`,
    clock: ctx.clock,
    close: async () => {
      await app.close();
    },
  };
}
