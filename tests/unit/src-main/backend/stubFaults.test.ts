/** Fault injection is selectable per route at run time, counted, and cleared. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addFault, raw, SITI, startHarness, type Harness } from './stubHarness';
import { kioskHeaders } from './testKiosks';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => h.close());

describe('fault injection', () => {
  it('hits only the selected route, only `times` times', async () => {
    await addFault(h.url, { route: 'signIn', kind: 'error', status: 503, retryAfterSeconds: 7, times: 1 });
    expect((await h.client.operatorSignIn(h.ctx, 'PTG001', '246810')).ok).toBe(true);
    const failed = await h.client.signIn(h.ctx, SITI.phone, SITI.password);
    expect(failed).toEqual({ ok: false, error: { code: 'BACKEND_UNAVAILABLE', retryAfterSeconds: 7 } });
    expect((await h.client.signIn(h.ctx, SITI.phone, SITI.password)).ok).toBe(true);
  });

  it('a 503 answers problem+json with Retry-After; DELETE clears every fault', async () => {
    await addFault(h.url, { route: '*', kind: 'error', status: 503, retryAfterSeconds: 3 });
    const res = await raw(h.url, 'GET', '/v1/training/outbox', { headers: kioskHeaders('K') });
    expect(res.status).toBe(503);
    expect(res.contentType).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'BACKEND_UNAVAILABLE', status: 503 });
    expect((await raw(h.url, 'GET', '/__test/faults')).body).toMatchObject({ faults: [{ route: '*' }] });
    expect((await raw(h.url, 'DELETE', '/__test/faults')).status).toBe(204);
    expect((await h.client.outbox(h.ctx)).ok).toBe(true);
  });

  it('drops the connection', async () => {
    await addFault(h.url, { route: 'outbox', kind: 'drop' });
    await expect(fetch(`${h.url}/v1/training/outbox`, { headers: kioskHeaders('K') })).rejects.toThrow();
  });

  it('refuses a malformed fault', async () => {
    const res = await raw(h.url, 'POST', '/__test/faults', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ route: 'everything', kind: 'explode' }),
    });
    expect(res.status).toBe(400);
  });
});
