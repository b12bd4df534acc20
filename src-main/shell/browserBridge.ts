import { randomBytes, timingSafeEqual } from 'node:crypto';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { fail } from '../../src-shared/errors';
import type { KioskCore } from '../core/kioskCore';
import { SECURITY_HEADERS } from './contentSecurity';

/** The one "window" of a browser-shell launch. */
export const BROWSER_WINDOW_ID = 'browser';
export const BRIDGE_TOKEN_HEADER = 'x-pulih-token';

export interface BrowserBridge {
  /** http://127.0.0.1:PORT/ */
  origin: string;
  /** The URL to open: origin plus the per-launch token in the fragment (never sent to the server in a request line). */
  appUrl: string;
  close(): Promise<void>;
}

function sameToken(given: unknown, expected: Buffer): boolean {
  if (typeof given !== 'string') return false;
  const buf = Buffer.from(given);
  return buf.length === expected.length && timingSafeEqual(buf, expected);
}

/**
 * The browser shell's stand-in for Electron IPC: a loopback-only HTTP server
 * that serves the production renderer and one bridge route. Every bridge call
 * must carry the per-launch token and come from the served origin (Host and
 * Origin checked), so no other page or local process can drive the core.
 */
export async function startBrowserBridge(options: {
  core: KioskCore;
  rendererDir: string;
  port?: number;
}): Promise<BrowserBridge> {
  const token = randomBytes(32).toString('base64url');
  const tokenBuf = Buffer.from(token);
  const app: FastifyInstance = Fastify({ logger: false, bodyLimit: 64 * 1024 });
  let allowedHosts: string[] = [];

  const fromOurPage = (req: FastifyRequest): boolean => {
    const host = req.headers.host ?? '';
    const origin = req.headers.origin;
    return allowedHosts.includes(host) && origin !== undefined && allowedHosts.some((h) => origin === `http://${h}`);
  };

  app.addHook('onRequest', async (req, reply) => {
    if (!allowedHosts.includes(req.headers.host ?? '')) {
      // DNS rebinding or a foreign name for our port: refuse before anything runs.
      return reply.code(421).send();
    }
  });
  app.addHook('onSend', async (_req, reply) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) reply.header(name, value);
  });

  app.post<{ Params: { method: string }; Body: unknown }>('/__bridge/:method', async (req, reply) => {
    reply.header('Cache-Control', 'no-store');
    if (!fromOurPage(req) || !sameToken(req.headers[BRIDGE_TOKEN_HEADER], tokenBuf)) {
      return reply.code(403).send(fail('FORBIDDEN'));
    }
    const body = req.body as { payload?: unknown } | null;
    const payload = body && typeof body === 'object' && 'payload' in body ? body.payload : undefined;
    return options.core.router.dispatch({ windowId: BROWSER_WINDOW_ID }, req.params.method, payload);
  });

  // Loading the page (first start or reload) begins a clean session in main too.
  app.addHook('onRequest', async (req) => {
    if (req.method === 'GET' && (req.url === '/' || req.url.startsWith('/index.html'))) {
      await options.core.wipeWindow(BROWSER_WINDOW_ID, 'closed');
    }
  });

  await app.register(fastifyStatic, {
    root: options.rendererDir,
    index: 'index.html',
    setHeaders(res, path) {
      if (path.endsWith('.html')) res.setHeader('Cache-Control', 'no-store');
    },
  });

  await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('bridge did not bind a TCP port');
  allowedHosts = [`127.0.0.1:${address.port}`, `localhost:${address.port}`];
  const origin = `http://127.0.0.1:${address.port}`;
  return {
    origin,
    appUrl: `${origin}/#token=${token}`,
    close: () => app.close(),
  };
}
