import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ok } from '../../../../src-shared/errors';
import type { KioskCore } from '../../../../src-main/core/kioskCore';
import { KIOSK_INFO_ELEMENT_ID } from '../../../../src-shared/pageInfo';
import { BROWSER_WINDOW_ID, startBrowserBridge, type BrowserBridge } from '../../../../src-main/shell/browserBridge';

/**
 * The browser shell's HTTP bridge (src-main/shell/browserBridge.ts) on a real
 * loopback port, with a core that only records what it was asked: one-time
 * launch codes, the token they hand out, and the token-checked page-load wipe.
 */

interface Wipe {
  windowId: string;
  reason: string;
  detail?: Record<string, string | number | boolean>;
}

interface Harness {
  bridge: BrowserBridge;
  /** What the core's `kioskInfo()` answers now (the page carries it); change it to change the kiosk. */
  info: Record<string, unknown>;
  wipes: Wipe[];
  dispatched: string[];
  /** Moves the bridge's clock. */
  advance(ms: number): void;
  /** POST from the served page (Origin set as a browser sets it); `init.origin` overrides it. */
  post(path: string, body: unknown, init?: { token?: string; origin?: string }): Promise<{ status: number; body: unknown; text: string }>;
  exchange(launchUrl: string): Promise<{ status: number; token?: string; text: string }>;
}

const cleanups: (() => Promise<void>)[] = [];

const INDEX_HTML = '<!doctype html><html><head><title>kiosk</title></head><body><div id="app"></div></body></html>';
const ASSET = 'index-AbCd_123.js';
const ASSET_TEXT = `export const texts = ${JSON.stringify(Array.from({ length: 200 }, (_, i) => `text ${i}`))};`;
const KIOSK_INFO = {
  kioskId: 'KIOSK-1',
  mode: 'assisted',
  training: true,
  defaultLanguage: 'id',
  timeZone: 'Asia/Jakarta',
  idle: { warnAfterSeconds: 60, countdownSeconds: 30 },
};

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function codeOf(launchUrl: string): string {
  const match = /#launch=([\w-]+)$/.exec(launchUrl);
  if (!match?.[1]) throw new Error(`not a launch URL: ${launchUrl}`);
  return match[1];
}

async function startHarness(options: { launchCodeTtlMs?: number; withoutInfo?: boolean } = {}): Promise<Harness> {
  const rendererDir = await mkdtemp(join(tmpdir(), 'pulih-bridge-test-'));
  cleanups.push(() => rm(rendererDir, { recursive: true, force: true }));
  await writeFile(join(rendererDir, 'index.html'), INDEX_HTML);
  await mkdir(join(rendererDir, 'assets'));
  await writeFile(join(rendererDir, 'assets', ASSET), ASSET_TEXT);
  const harnessInfo: { info: Record<string, unknown> } = { info: { ...KIOSK_INFO } };

  const wipes: Wipe[] = [];
  const dispatched: string[] = [];
  const core = {
    router: {
      dispatch: async (_caller: unknown, method: string) => {
        dispatched.push(method);
        return ok('dispatched');
      },
    },
    wipeWindow: async (windowId: string, reason: string, detail?: Record<string, string | number | boolean>) => {
      wipes.push({ windowId, reason, ...(detail ? { detail } : {}) });
    },
    holdsSession: () => false,
    onWipe: () => () => {},
  } as unknown as KioskCore;

  let clock = 1_000_000;
  const bridge = await startBrowserBridge({
    core,
    rendererDir,
    now: () => clock,
    ...(options.withoutInfo ? {} : { kioskInfo: async () => ({ ...harnessInfo.info }) }),
    ...(options.launchCodeTtlMs !== undefined ? { launchCodeTtlMs: options.launchCodeTtlMs } : {}),
  });
  cleanups.push(() => bridge.close());

  const post: Harness['post'] = async (path, body, init = {}) => {
    const headers: Record<string, string> = { 'Content-Type': 'application/json', Origin: init.origin ?? bridge.origin };
    if (init.token !== undefined) headers['X-Pulih-Token'] = init.token;
    const response = await fetch(`${bridge.origin}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    return { status: response.status, body: parsed, text };
  };

  return {
    bridge,
    get info() {
      return harnessInfo.info;
    },
    set info(value) {
      harnessInfo.info = value;
    },
    wipes,
    dispatched,
    advance: (ms) => {
      clock += ms;
    },
    post,
    async exchange(launchUrl) {
      const answer = await post('/__bridge-launch', { code: codeOf(launchUrl) });
      const token = (answer.body as { value?: { token?: unknown } } | undefined)?.value?.token;
      return { status: answer.status, text: answer.text, ...(typeof token === 'string' ? { token } : {}) };
    },
  };
}

/** Whether a bridge call with `token` gets through to the core. */
async function callWorks(h: Harness, token: string): Promise<boolean> {
  const answer = await h.post('/__bridge/getKioskInfo', {}, { token });
  return answer.status === 200 && (answer.body as { value?: unknown }).value === 'dispatched';
}

describe('launch codes', () => {
  it('opens the page at a one-time URL on the bridge origin that never carries the token', async () => {
    const h = await startHarness();
    const first = h.bridge.newLaunchUrl();
    const second = h.bridge.newLaunchUrl();
    expect(first.startsWith(`${h.bridge.origin}/#launch=`)).toBe(true);
    expect(codeOf(first)).not.toBe(codeOf(second));
    expect(codeOf(first).length).toBeGreaterThanOrEqual(22); // at least 128 bits

    const { token } = await h.exchange(first);
    expect(token).toBeDefined();
    expect(first).not.toContain(token!);
    expect(second).not.toContain(token!);
  });

  it('a code yields the token once; the token then drives the bridge', async () => {
    const h = await startHarness();
    const url = h.bridge.newLaunchUrl();

    const first = await h.exchange(url);
    expect(first.status).toBe(200);
    expect(first.token).toMatch(/^[\w-]{40,}$/);
    expect(await callWorks(h, first.token!)).toBe(true);

    // Every code of this launch hands out the same token (reloads and more pages share one session).
    const other = await h.exchange(h.bridge.newLaunchUrl());
    expect(other.token).toBe(first.token);
  });

  it('a reused code yields nothing, rotates the token and wipes the session', async () => {
    const h = await startHarness();
    const url = h.bridge.newLaunchUrl();
    const { token } = await h.exchange(url);
    expect(await callWorks(h, token!)).toBe(true);
    h.wipes.length = 0;

    // Someone who read the code (say, from Chromium's command line with `ps`) presents it again.
    const reuse = await h.exchange(url);
    expect(reuse.status).toBe(403);
    expect(reuse.token).toBeUndefined();
    expect(reuse.text).not.toContain(token!);
    expect(JSON.parse(reuse.text)).toEqual({ ok: false, error: { code: 'FORBIDDEN' } });

    // Whoever holds the token that code gave out is shut out, and main holds nothing any more.
    expect(await callWorks(h, token!)).toBe(false);
    expect(h.wipes).toEqual([{ windowId: BROWSER_WINDOW_ID, reason: 'closed', detail: { cause: 'launch-code-reused' } }]);

    // A fresh code gives the new token; a third try of the old one still gives nothing.
    const fresh = await h.exchange(h.bridge.newLaunchUrl());
    expect(fresh.token).toBeDefined();
    expect(fresh.token).not.toBe(token);
    expect(await callWorks(h, fresh.token!)).toBe(true);
    expect((await h.exchange(url)).token).toBeUndefined();
  });

  it('an expired code is refused, and the token stays as it was', async () => {
    const h = await startHarness({ launchCodeTtlMs: 60_000 });
    const { token } = await h.exchange(h.bridge.newLaunchUrl());
    const late = h.bridge.newLaunchUrl();
    h.advance(60_001);
    h.wipes.length = 0;

    const answer = await h.exchange(late);
    expect(answer.status).toBe(403);
    expect(answer.token).toBeUndefined();
    expect(await callWorks(h, token!)).toBe(true);
    expect(h.wipes).toEqual([]);
  });

  it('a code is good until its lifetime ends', async () => {
    const h = await startHarness({ launchCodeTtlMs: 60_000 });
    const url = h.bridge.newLaunchUrl();
    h.advance(59_000);
    expect((await h.exchange(url)).token).toBeDefined();
  });

  it('an unknown or malformed code is refused and changes nothing', async () => {
    const h = await startHarness();
    const { token } = await h.exchange(h.bridge.newLaunchUrl());
    h.wipes.length = 0;
    for (const body of [{ code: 'A'.repeat(43) }, { code: '' }, { code: 42 }, {}, { code: 'x'.repeat(5000) }]) {
      const answer = await h.post('/__bridge-launch', body);
      expect(answer.status, JSON.stringify(body).slice(0, 40)).toBe(403);
      expect(answer.text).not.toContain(token!);
    }
    expect(await callWorks(h, token!)).toBe(true);
    expect(h.wipes).toEqual([]);
  });

  it('only the served page may exchange a code; a refused try does not use it up', async () => {
    const h = await startHarness();
    const url = h.bridge.newLaunchUrl();
    const foreign = await h.post('/__bridge-launch', { code: codeOf(url) }, { origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    expect((await h.exchange(url)).token).toBeDefined();
  });

  it('a successful exchange is a page load: it starts a clean session in main', async () => {
    const h = await startHarness();
    await h.exchange(h.bridge.newLaunchUrl());
    expect(h.wipes).toEqual([{ windowId: BROWSER_WINDOW_ID, reason: 'closed' }]);
  });
});

describe('page loads', () => {
  it('a plain GET of the page, from anyone, changes nothing in main', async () => {
    const h = await startHarness();
    for (const path of ['/', '/index.html', '/index.html?x=1']) {
      const response = await fetch(`${h.bridge.origin}${path}`);
      expect(response.status, path).toBe(200);
      await response.text();
    }
    expect(h.wipes).toEqual([]);
    expect(h.dispatched).toEqual([]);
  });

  it('a reload starts a clean session through the token-checked hello', async () => {
    const h = await startHarness();
    const { token } = await h.exchange(h.bridge.newLaunchUrl());
    h.wipes.length = 0;

    expect((await h.post('/__bridge-hello', {})).status).toBe(403);
    expect((await h.post('/__bridge-hello', {}, { token: 'not-the-token' })).status).toBe(403);
    expect((await h.post('/__bridge-hello', {}, { token: token!, origin: 'http://evil.example' })).status).toBe(403);
    expect(h.wipes).toEqual([]);

    const hello = await h.post('/__bridge-hello', {}, { token: token! });
    expect(hello.status).toBe(200);
    expect(hello.body).toEqual({ ok: true, value: null });
    expect(h.wipes).toEqual([{ windowId: BROWSER_WINDOW_ID, reason: 'closed' }]);
  });
});

/** The kiosk's info in a served page (src-shared/pageInfo.ts), read as the renderer reads it. */
function infoIn(html: string): unknown {
  const match = new RegExp(`<script type="application/json" id="${KIOSK_INFO_ELEMENT_ID}">([^<]*)</script>`).exec(html);
  return match?.[1] === undefined ? undefined : JSON.parse(match[1]);
}

describe("the kiosk's info in the page", () => {
  it('comes with the page, at / and /index.html, as a data block that is never run, never cached, under the CSP', async () => {
    const h = await startHarness();
    for (const path of ['/', '/index.html']) {
      const response = await fetch(`${h.bridge.origin}${path}`);
      const html = await response.text();
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type'), path).toMatch(/^text\/html/);
      expect(response.headers.get('cache-control'), path).toBe('no-store');
      expect(response.headers.get('content-security-policy'), path).toContain("script-src 'self'");
      expect(infoIn(html), path).toEqual(KIOSK_INFO);
      // In the head, before anything of the page's own.
      expect(html.indexOf(KIOSK_INFO_ELEMENT_ID)).toBeLessThan(html.indexOf('</head>'));
    }
  });

  it('is what the kiosk is at the moment the page is served: a reload after a change gets the change', async () => {
    const h = await startHarness();
    expect(infoIn(await (await fetch(`${h.bridge.origin}/`)).text())).not.toHaveProperty('operator');
    h.info = { ...KIOSK_INFO, operator: { staffId: 'PTG001', name: 'PETUGAS SATU' } };
    expect(infoIn(await (await fetch(`${h.bridge.origin}/`)).text())).toMatchObject({ operator: { staffId: 'PTG001' } });
    h.info = { ...KIOSK_INFO };
    expect(infoIn(await (await fetch(`${h.bridge.origin}/`)).text())).not.toHaveProperty('operator');
  });

  it('never carries the bridge token or a launch code, and no value can break out of the data block', async () => {
    const h = await startHarness();
    const launchUrl = h.bridge.newLaunchUrl();
    const code = codeOf(launchUrl);
    const before = await (await fetch(`${h.bridge.origin}/`)).text();
    const { token } = await h.exchange(launchUrl);
    h.info = { ...KIOSK_INFO, operator: { staffId: 'X', name: '</script><script>alert(1)</script>' } };
    const after = await (await fetch(`${h.bridge.origin}/`)).text();
    for (const html of [before, after]) {
      expect(html).not.toContain(token!);
      expect(html).not.toContain(code);
    }
    expect(after.match(/<script/g)).toHaveLength(1);
    expect(infoIn(after)).toMatchObject({ operator: { name: '</script><script>alert(1)</script>' } });
  });

  it('without a kiosk behind it (the bench floor), the page is served as built', async () => {
    const h = await startHarness({ withoutInfo: true });
    expect(await (await fetch(`${h.bridge.origin}/`)).text()).toBe(INDEX_HTML);
  });

  it('is refused, like every route, under a foreign host name', async () => {
    const h = await startHarness();
    const port = new URL(h.bridge.origin).port;
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/', headers: { Host: `evil.example:${port}` } }, (res) => {
        res.resume();
        resolve(res.statusCode);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(421);
  });
});

/** One raw GET (no automatic decompression), as a browser that does or does not take gzip. */
function rawGet(origin: string, path: string, acceptEncoding?: string): Promise<{ status?: number; headers: Record<string, unknown>; body: Buffer }> {
  const url = new URL(path, origin);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, headers: acceptEncoding ? { 'Accept-Encoding': acceptEncoding } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('static files', () => {
  it('go gzipped to a browser that takes gzip, as they are to one that does not, with the security headers either way', async () => {
    const h = await startHarness();
    for (let i = 0; i < 2; i += 1) {
      const zipped = await rawGet(h.bridge.origin, `/assets/${ASSET}`, 'gzip, deflate, br');
      expect(zipped.status).toBe(200);
      expect(zipped.headers['content-encoding']).toBe('gzip');
      expect(zipped.headers.vary).toMatch(/accept-encoding/i);
      expect(zipped.body.length).toBeLessThan(ASSET_TEXT.length / 2);
      expect(gunzipSync(zipped.body).toString()).toBe(ASSET_TEXT);
      expect(zipped.headers['content-security-policy']).toContain("script-src 'self'");
    }
    const plain = await rawGet(h.bridge.origin, `/assets/${ASSET}`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(ASSET_TEXT);
  });

  it('a content-hashed file may be kept for good; the page never is', async () => {
    const h = await startHarness();
    expect((await rawGet(h.bridge.origin, `/assets/${ASSET}`)).headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const page = await rawGet(h.bridge.origin, '/', 'gzip');
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
  });
});
