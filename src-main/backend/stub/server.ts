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
import { registerProblemHandlers } from './problemHandlers';
import { registerAuthRoutes } from './routes/authRoutes';
import { registerRecoveryRoutes } from './routes/recoveryRoutes';
import { registerTestControlRoutes } from './routes/testControlRoutes';
import { registerTrainingRoutes } from './routes/trainingRoutes';
import { StateStore } from './store';

export interface StubOptions {
  /** Loopback by default: another bind address only when asked for (docs/architecture.md §6a). */
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
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
}

export interface RunningStub {
  url: string;
  close(): Promise<void>;
  clock: Clock;
}

/** Requests are small; anything larger is refused before parsing (413). */
export const BODY_LIMIT_BYTES = 16 * 1024;

const REDACTED_HEADERS = [
  'req.headers.authorization',
  'req.headers["x-operator-token"]',
  'req.headers["idempotency-key"]',
  'req.headers.cookie',
];

export async function buildStubApp(opts: StubOptions = {}): Promise<{ app: FastifyInstance; ctx: StubContext }> {
  const config: StubConfig = {
    ...DEFAULT_CONFIG,
    ...(opts.kioskIdentityLimitPerHour !== undefined ? { kioskIdentityLimitPerHour: opts.kioskIdentityLimitPerHour } : {}),
    ...(opts.helpline !== undefined ? { helpline: opts.helpline } : {}),
  };
  const ctx: StubContext = {
    store: await StateStore.open(opts.stateFile),
    clock: opts.clock ?? createSystemClock(),
    config,
    faults: new FaultBook(),
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
    // Strict validation: reject (not strip) unknown fields, never coerce types.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: false, allErrors: false } },
  });
  // Only JSON is spoken: text/plain would otherwise be accepted as a string body.
  app.removeContentTypeParser('text/plain');
  registerProblemHandlers(app);
  registerFaultHooks(app, ctx.faults);
  registerAuthRoutes(app, ctx);
  registerRecoveryRoutes(app, ctx);
  registerTrainingRoutes(app, ctx);
  if (opts.testControls) registerTestControlRoutes(app, ctx);
  app.addHook('onClose', async () => ctx.store.flush());
  return { app, ctx };
}

export async function startStub(opts: StubOptions = {}): Promise<RunningStub> {
  const { app, ctx } = await buildStubApp(opts);
  const host = opts.host ?? '127.0.0.1';
  await app.listen({ host, port: opts.port ?? 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : (opts.port ?? 0);
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}`,
    clock: ctx.clock,
    close: async () => {
      await app.close();
    },
  };
}
