import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { fail, ok } from '../../src-shared/errors';
import { withKioskInfo } from '../../src-shared/pageInfo';
import type { KioskCore } from '../core/kioskCore';
import { SECURITY_HEADERS } from './contentSecurity';

/** The one "window" of a browser-shell launch. */
export const BROWSER_WINDOW_ID = 'browser';
export const BRIDGE_TOKEN_HEADER = 'x-pulih-token';
/** How long a launch code may wait for its page: long enough to click a printed link, short enough to read off `ps` in vain. */
export const LAUNCH_CODE_TTL_MS = 60_000;
/** Unused codes kept at most (a held-down Enter key); the oldest go first. */
const MAX_LAUNCH_CODES = 64;
/** The longest code the exchange looks at (minted ones are 32 characters). */
const MAX_CODE_LENGTH = 128;
/** Vite's content-hashed files (`assets/name-HASH.js`): they never change under their name. */
const HASHED_ASSET = /^\/assets\/[^/]+-[\w-]{8}\.(js|css)$/;
/** Text worth compressing; smaller answers go as they are. */
const COMPRESSIBLE = /^(text\/|application\/(javascript|json)|image\/svg\+xml)/;
const MIN_COMPRESS_BYTES = 1024;
const gzipAsync = promisify(gzip);

export interface BrowserBridge {
  /** http://127.0.0.1:PORT */
  origin: string;
  /**
   * Mints a one-time launch URL, `origin/#launch=CODE`: the page opened at it
   * trades the code for the bridge token once, within LAUNCH_CODE_TTL_MS. The
   * token itself is never in a URL, so never on a command line or in output.
   */
  newLaunchUrl(): string;
  close(): Promise<void>;
}

function sameToken(given: unknown, expected: Buffer): boolean {
  if (typeof given !== 'string') return false;
  const buf = Buffer.from(given);
  return buf.length === expected.length && timingSafeEqual(buf, expected);
}

function newToken(): Buffer {
  return Buffer.from(randomBytes(32).toString('base64url'));
}

const digestOf = (code: string): Buffer => createHash('sha256').update(code).digest();

/**
 * The launch codes not yet expired, kept as SHA-256 digests only (nothing
 * that could be logged or dumped gives a code back). A code is redeemed once;
 * until it expires a second try is recognised as a reuse.
 */
function createLaunchCodes(ttlMs: number, now: () => number) {
  let codes: { digest: Buffer; expiresAt: number; used: boolean }[] = [];
  const prune = () => {
    const t = now();
    codes = codes.filter((c) => c.expiresAt > t);
  };
  return {
    mint(): string {
      prune();
      const code = randomBytes(24).toString('base64url');
      codes.push({ digest: digestOf(code), expiresAt: now() + ttlMs, used: false });
      if (codes.length > MAX_LAUNCH_CODES) codes.splice(0, codes.length - MAX_LAUNCH_CODES);
      return code;
    },
    /** 'fresh' the first time a live code is shown, 'reused' after; 'unknown' for anything else, expired codes included. */
    redeem(code: string): 'fresh' | 'reused' | 'unknown' {
      prune();
      const digest = digestOf(code);
      // Every stored digest is compared, in constant time, whichever matches.
      let found: (typeof codes)[number] | undefined;
      for (const c of codes) if (timingSafeEqual(c.digest, digest)) found ??= c;
      if (!found) return 'unknown';
      if (found.used) return 'reused';
      found.used = true;
      return 'fresh';
    },
  };
}

/**
 * The browser shell's stand-in for Electron IPC: a loopback-only HTTP server
 * that serves the production renderer and three routes. Every call must come
 * from the served origin (Host and Origin checked), so no other page can
 * drive the core:
 * - `POST /__bridge-launch {code}`: a one-time launch code for the bridge
 *   token, once; this is a page load, so main's session starts clean. A code
 *   shown a second time is an attack (someone read it and raced the page):
 *   the token is replaced, so whoever got it holds nothing, and the session
 *   is wiped.
 * - `POST /__bridge-hello` (token): a reload of a page that has the token;
 *   main's session starts clean.
 * - `POST /__bridge/:method` (token): one KioskApi call.
 * Fetching the page itself changes nothing. The page is served with the
 * kiosk's info in it, current at the moment it is served (`kioskInfo`,
 * src-shared/pageInfo.ts): the first screen needs no round trip.
 */
export async function startBrowserBridge(options: {
  core: KioskCore;
  rendererDir: string;
  port?: number;
  /** Lifetime of a launch code; default LAUNCH_CODE_TTL_MS. */
  launchCodeTtlMs?: number;
  now?: () => number;
  /** Told when a used launch code came back (after the token was replaced); never given the code. */
  onLaunchCodeReused?: () => void;
  /** The kiosk's info for the page, asked each time index.html is served; without it the page is served as built. */
  kioskInfo?: () => Promise<object>;
}): Promise<BrowserBridge> {
  let tokenBuf = newToken();
  const launchCodes = createLaunchCodes(options.launchCodeTtlMs ?? LAUNCH_CODE_TTL_MS, options.now ?? Date.now);
  const app: FastifyInstance = Fastify({ logger: false, bodyLimit: 64 * 1024 });
  let allowedHosts: string[] = [];

  const fromOurPage = (req: FastifyRequest): boolean => {
    const host = req.headers.host ?? '';
    const origin = req.headers.origin;
    return allowedHosts.includes(host) && origin !== undefined && allowedHosts.some((h) => origin === `http://${h}`);
  };
  const withToken = (req: FastifyRequest): boolean => fromOurPage(req) && sameToken(req.headers[BRIDGE_TOKEN_HEADER], tokenBuf);

  app.addHook('onRequest', async (req, reply) => {
    if (!allowedHosts.includes(req.headers.host ?? '')) {
      // DNS rebinding or a foreign name for our port: refuse before anything runs.
      return reply.code(421).send();
    }
  });
  app.addHook('onSend', async (_req, reply) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) reply.header(name, value);
  });

  // The renderer's text files gzipped for a browser that takes gzip (a third of the bytes): each hashed file is
  // compressed once and kept, since it never changes; the page itself each time (it carries the current info).
  // Hand-written because @fastify/compress is not among the project's packages; only whole 200 answers to GET.
  const gzipped = new Map<string, Promise<Buffer>>();
  app.addHook('onSend', async (req, reply, payload) => {
    const path = req.url.split('?')[0] ?? '';
    if (req.method !== 'GET' || reply.statusCode !== 200 || path.startsWith('/__bridge')) return payload;
    if (!/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')) || !COMPRESSIBLE.test(String(reply.getHeader('content-type') ?? ''))) return payload;
    const body = typeof payload === 'string' ? Buffer.from(payload) : Buffer.isBuffer(payload) ? payload : await buffer(payload as Readable);
    if (body.length < MIN_COMPRESS_BYTES) return body;
    let compressed = HASHED_ASSET.test(path) ? gzipped.get(path) : undefined;
    if (!compressed) {
      compressed = gzipAsync(body);
      if (HASHED_ASSET.test(path)) gzipped.set(path, compressed);
    }
    reply.header('Content-Encoding', 'gzip').header('Vary', 'Accept-Encoding').removeHeader('content-length');
    return compressed;
  });

  app.post<{ Body: unknown }>('/__bridge-launch', async (req, reply) => {
    reply.header('Cache-Control', 'no-store');
    if (!fromOurPage(req)) return reply.code(403).send(fail('FORBIDDEN'));
    const body = req.body as { code?: unknown } | null;
    const code = body && typeof body === 'object' ? body.code : undefined;
    const outcome = typeof code === 'string' && code.length > 0 && code.length <= MAX_CODE_LENGTH ? launchCodes.redeem(code) : 'unknown';
    if (outcome === 'fresh') {
      // A new page: whatever main held for the last one goes (as a reload does, below).
      await options.core.wipeWindow(BROWSER_WINDOW_ID, 'closed');
      return ok({ token: tokenBuf.toString() });
    }
    if (outcome === 'reused') {
      tokenBuf = newToken();
      options.onLaunchCodeReused?.();
      await options.core.wipeWindow(BROWSER_WINDOW_ID, 'closed', { cause: 'launch-code-reused' });
    }
    return reply.code(403).send(fail('FORBIDDEN'));
  });

  // Loading the page again (a reload, the wipe's fresh document) begins a clean session in main too.
  app.post('/__bridge-hello', async (req, reply) => {
    reply.header('Cache-Control', 'no-store');
    if (!withToken(req)) return reply.code(403).send(fail('FORBIDDEN'));
    await options.core.wipeWindow(BROWSER_WINDOW_ID, 'closed');
    return ok(null);
  });

  app.post<{ Params: { method: string }; Body: unknown }>('/__bridge/:method', async (req, reply) => {
    reply.header('Cache-Control', 'no-store');
    if (!withToken(req)) return reply.code(403).send(fail('FORBIDDEN'));
    const body = req.body as { payload?: unknown } | null;
    const payload = body && typeof body === 'object' && 'payload' in body ? body.payload : undefined;
    return options.core.router.dispatch({ windowId: BROWSER_WINDOW_ID }, req.params.method, payload);
  });

  // The page, with the kiosk's info as it is now: never cached, so a reload (the wipe's fresh document) gets it anew.
  const indexHtml = readFile(join(options.rendererDir, 'index.html'), 'utf8');
  indexHtml.catch(() => {});
  const servePage = async (_req: FastifyRequest, reply: FastifyReply) => {
    let html: string;
    try {
      html = await indexHtml;
    } catch {
      return reply.code(404).send();
    }
    const page = options.kioskInfo ? withKioskInfo(html, await options.kioskInfo()) : html;
    return reply.header('Cache-Control', 'no-store').type('text/html; charset=utf-8').send(page);
  };
  app.get('/', servePage);
  app.get('/index.html', servePage);

  await app.register(fastifyStatic, {
    root: options.rendererDir,
    index: false,
    // Only what setHeaders says (send's own `max-age=0` would override it).
    cacheControl: false,
    setHeaders(res, path) {
      if (path.endsWith('.html')) res.setHeader('Cache-Control', 'no-store');
      else if (HASHED_ASSET.test(`/${relative(options.rendererDir, path).split(sep).join('/')}`)) {
        res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
      }
    },
  });

  await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('bridge did not bind a TCP port');
  allowedHosts = [`127.0.0.1:${address.port}`, `localhost:${address.port}`];
  const origin = `http://127.0.0.1:${address.port}`;
  return {
    origin,
    newLaunchUrl: () => `${origin}/#launch=${launchCodes.mint()}`,
    close: () => app.close(),
  };
}
