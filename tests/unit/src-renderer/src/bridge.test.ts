// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/**
 * The renderer's side of the browser shell's bridge (src-renderer/src/bridge.ts)
 * against a fetch double: the launch code leaves the address bar and is
 * traded once; a reload says hello with the kept token; no call goes out
 * before either is done.
 */

interface Sent {
  path: string;
  token: string | undefined;
  body: unknown;
}

let sent: Sent[];
let answers: Record<string, unknown>;

beforeEach(() => {
  sent = [];
  answers = {
    '/__bridge-launch': { ok: true, value: { token: 'TOKEN-1' } },
    '/__bridge-hello': { ok: true, value: null },
    '/__bridge/getKioskInfo': { ok: true, value: { kioskId: 'K1' } },
  };
  sessionStorage.clear();
  vi.stubGlobal(
    'fetch',
    vi.fn(async (path: string, init: { headers: Record<string, string>; body: string }) => {
      const token = init.headers['X-Pulih-Token'];
      sent.push({ path, token, body: JSON.parse(init.body) });
      const refused = { ok: false, error: { code: 'FORBIDDEN' } };
      const needsToken = path !== '/__bridge-launch';
      return { json: async () => (needsToken && token !== 'TOKEN-1' ? refused : (answers[path] ?? refused)) };
    }),
  );
  vi.resetModules();
});

afterEach(() => {
  vi.unstubAllGlobals();
  history.replaceState(null, '', '/');
});

async function freshPage(url: string) {
  history.replaceState(null, '', url);
  const { kioskApi, BRIDGE_TOKEN_KEY } = await import('../../../../src-renderer/src/bridge');
  return { api: kioskApi(), BRIDGE_TOKEN_KEY };
}

describe('the browser shell bridge in the page', () => {
  it('trades the launch code once, takes it out of the address bar, and calls with the token', async () => {
    const { api, BRIDGE_TOKEN_KEY } = await freshPage('/#launch=CODE-1');
    expect(window.location.hash).toBe('');

    expect(await api.getKioskInfo()).toEqual({ ok: true, value: { kioskId: 'K1' } });
    expect(sent).toEqual([
      { path: '/__bridge-launch', token: undefined, body: { code: 'CODE-1' } },
      { path: '/__bridge/getKioskInfo', token: 'TOKEN-1', body: {} },
    ]);
    expect(sessionStorage.getItem(BRIDGE_TOKEN_KEY)).toBe('TOKEN-1');
    expect(window.location.href).not.toContain('CODE-1');
  });

  it('on a reload, says hello with the kept token before any call', async () => {
    sessionStorage.setItem('pulih.bridgeToken', 'TOKEN-1');
    const { api } = await freshPage('/');
    await api.getKioskInfo();
    expect(sent.map((s) => [s.path, s.token])).toEqual([
      ['/__bridge-hello', 'TOKEN-1'],
      ['/__bridge/getKioskInfo', 'TOKEN-1'],
    ]);
  });

  it('a refused code gives no token: calls go out without one', async () => {
    answers['/__bridge-launch'] = { ok: false, error: { code: 'FORBIDDEN' } };
    const { api } = await freshPage('/#launch=USED');
    expect((await api.getKioskInfo()).ok).toBe(false);
    expect(sent.map((s) => [s.path, s.token])).toEqual([
      ['/__bridge-launch', undefined],
      ['/__bridge/getKioskInfo', ''],
    ]);
    expect(window.location.hash).toBe('');
  });
});
