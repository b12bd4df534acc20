import { expect, test } from './fixtures/test';

// The browser shell's bridge answers only its own page: token, Host and Origin are all checked.
test('the bridge refuses calls without the token, from another origin, or to another host name', async ({ kiosk, request }) => {
  const url = `${kiosk.origin}/__bridge/getKioskInfo`;
  const token = new URL(kiosk.appUrl).hash.replace('#token=', '');

  const noToken = await request.post(url, { data: {}, headers: { Origin: kiosk.origin } });
  expect(noToken.status()).toBe(403);
  expect(await noToken.json()).toEqual({ ok: false, error: { code: 'FORBIDDEN' } });

  const foreignOrigin = await request.post(url, { data: {}, headers: { Origin: 'http://evil.example', 'X-Pulih-Token': token } });
  expect(foreignOrigin.status()).toBe(403);

  const port = new URL(kiosk.origin).port;
  const rebound = await request.post(url, {
    data: {},
    headers: { Origin: `http://evil.example:${port}`, Host: `evil.example:${port}`, 'X-Pulih-Token': token },
  });
  expect(rebound.status()).toBe(421);

  const good = await request.post(url, { data: {}, headers: { Origin: kiosk.origin, 'X-Pulih-Token': token } });
  expect(good.status()).toBe(200);
  expect((await good.json()).ok).toBe(true);
});

test('the page is served with a strict Content-Security-Policy', async ({ kiosk, request }) => {
  const response = await request.get(`${kiosk.origin}/`);
  const csp = response.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).not.toContain('unsafe-eval');
});
