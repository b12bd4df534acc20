import type { APIRequestContext } from '@playwright/test';
import { readAuditLog } from './fixtures/auditLog';
import { bridgeCall } from './fixtures/bridgeCall';
import type { RunningKiosk } from './fixtures/kioskShell';
import { expect, test } from './fixtures/test';

/** Presents a launch URL's one-time code as the page does; the token it gets, if any. */
async function exchange(kiosk: RunningKiosk, request: APIRequestContext, launchUrl: string): Promise<{ status: number; token?: string }> {
  const code = new URL(launchUrl).hash.replace(/^#launch=/, '');
  const answer = await request.post(`${kiosk.origin}/__bridge-launch`, { data: { code }, headers: { Origin: kiosk.origin } });
  const token = ((await answer.json()) as { value?: { token?: string } }).value?.token;
  return { status: answer.status(), ...(token ? { token } : {}) };
}

// The browser shell's bridge answers only its own page: token, Host and Origin are all checked.
test('the bridge refuses calls without the token, from another origin, or to another host name', async ({ kiosk, request }) => {
  const url = `${kiosk.origin}/__bridge/getKioskInfo`;
  const { token } = await exchange(kiosk, request, await kiosk.newPageUrl());
  expect(token).toBeDefined();

  const noToken = await request.post(url, { data: {}, headers: { Origin: kiosk.origin } });
  expect(noToken.status()).toBe(403);
  expect(await noToken.json()).toEqual({ ok: false, error: { code: 'FORBIDDEN' } });

  const foreignOrigin = await request.post(url, { data: {}, headers: { Origin: 'http://evil.example', 'X-Pulih-Token': token! } });
  expect(foreignOrigin.status()).toBe(403);

  const port = new URL(kiosk.origin).port;
  const rebound = await request.post(url, {
    data: {},
    headers: { Origin: `http://evil.example:${port}`, Host: `evil.example:${port}`, 'X-Pulih-Token': token! },
  });
  expect(rebound.status()).toBe(421);

  const good = await request.post(url, { data: {}, headers: { Origin: kiosk.origin, 'X-Pulih-Token': token! } });
  expect(good.status()).toBe(200);
  expect((await good.json()).ok).toBe(true);
});

// Someone who read a launch link (from `ps`, or over a shoulder) and races the page gets nothing that lasts.
test('a launch link works once: shown again it yields nothing, and the token it gave out stops working', async ({ kiosk, context, request }) => {
  const launchUrl = await kiosk.newPageUrl();
  const page = await context.newPage();
  await page.goto(launchUrl);
  await expect(page.getByRole('heading', { name: 'Masuk Petugas' })).toBeVisible();
  expect(page.url()).not.toContain('launch=');
  expect(await bridgeCall(page, 'getKioskInfo')).toMatchObject({ ok: true });

  const again = await exchange(kiosk, request, launchUrl);
  expect(again).toEqual({ status: 403 });
  expect(await bridgeCall(page, 'getKioskInfo')).toEqual({ ok: false, error: { code: 'FORBIDDEN' } });

  // A new link (the operator presses Enter) opens a working page again.
  const fresh = await context.newPage();
  await fresh.goto(await kiosk.newPageUrl());
  await expect(fresh.getByRole('heading', { name: 'Masuk Petugas' })).toBeVisible();
  expect(await bridgeCall(fresh, 'getKioskInfo')).toMatchObject({ ok: true });
});

// Fetching the page is no longer a way to wipe a citizen's session; loading it in the kiosk's own tab still is.
test('a plain GET of the page changes nothing in main; a reload of the kiosk page starts a clean session', async ({ kiosk, page, request }) => {
  // The officer's sign-in (the fixture's) left a session in main.
  const wipes = async () => (await readAuditLog(kiosk.dataDir)).filter((e) => e.event === 'session.wiped').length;
  const before = await wipes();

  for (const path of ['/', '/index.html']) expect((await request.get(`${kiosk.origin}${path}`)).status()).toBe(200);
  expect(await wipes()).toBe(before);

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Masuk', exact: true })).toBeVisible();
  await expect.poll(wipes).toBe(before + 1);
});

test('the page is served with a strict Content-Security-Policy', async ({ kiosk, request }) => {
  const response = await request.get(`${kiosk.origin}/`);
  const csp = response.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).not.toContain('unsafe-eval');
});

// The page carries the kiosk's info (src-shared/pageInfo.ts): what the screen shows, never what guards the bridge.
test("the page carries the kiosk's info as it is now, and nothing of the bridge's secrets", async ({ kiosk, page, request }) => {
  const infoOf = async () => {
    const html = await (await request.get(`${kiosk.origin}/`)).text();
    const json = /<script type="application\/json" id="pulih-kiosk-info">([^<]*)<\/script>/.exec(html)?.[1];
    return { html, info: json === undefined ? undefined : (JSON.parse(json) as Record<string, unknown>) };
  };
  const token = await page.evaluate(() => (globalThis as unknown as { sessionStorage: { getItem(k: string): string | null } }).sessionStorage.getItem('pulih.bridgeToken'));
  expect(token).toBeTruthy();

  // The fixture's officer is signed in: the info says so, as getKioskInfo does.
  const signedIn = await infoOf();
  expect(signedIn.info).toEqual((await bridgeCall(page, 'getKioskInfo')).value);
  expect(signedIn.info).toMatchObject({ mode: 'assisted', training: true, operator: { staffId: 'PTG001' } });
  expect(Object.keys(signedIn.info ?? {}).sort()).toEqual(
    ['defaultLanguage', 'demoOperator', 'idle', 'kioskId', 'mode', 'operator', 'operatorIdle', 'timeZone', 'training'].sort(),
  );
  expect(signedIn.html).not.toContain(token!);

  // The officer signs out: the next page load (the reload after it) says so.
  expect(await bridgeCall(page, 'operatorSignOut')).toMatchObject({ ok: true });
  expect((await infoOf()).info).not.toHaveProperty('operator');
});
