/**
 * The training outbox is the simulated phone of ONE kiosk: each message is
 * recorded with the kiosk whose request caused it, and a kiosk is served only
 * its own (the "Bukan Anda?" notices of a completed recovery are the
 * completing kiosk's).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBackendClient } from '../../../../../src-main/backend/client';
import { demoState } from '../../../../../src-main/backend/stub/demoData';
import { deliver, onBehalfOf, outboxView } from '../../../../../src-main/backend/stub/outbox';
import { startStub } from '../../../../../src-main/backend/stub/server';
import { BUDI, latestCode, SITI, startHarness, type Harness } from '../stubHarness';
import { testKioskKey, testKiosks } from '../testKiosks';

let h: Harness | undefined;
let dir: string | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('the outbox, per kiosk', () => {
  it("kiosk B sees neither kiosk A's codes nor the notices of a recovery A completed", async () => {
    h = await startHarness();
    const b = { kioskId: 'KIOSK-B' };
    const clientB = createBackendClient({ baseUrl: h.url, kioskKey: testKioskKey('KIOSK-B'), timeoutMs: 2_000, retries: 0 });
    const started = await h.client.startRecovery(h.ctx, 'phone', SITI.phone);
    if (!started.ok) throw new Error('start');
    expect(await clientB.outbox(b)).toEqual({ ok: true, value: [] });
    const code = await latestCode(h, '08*****2797');
    await h.client.verifyOtp(h.ctx, started.value, started.value.challenge.challengeId, code);
    expect((await h.client.setPassword(h.ctx, started.value, 'Baru#2026Qz')).ok).toBe(true);
    const atA = await h.client.outbox(h.ctx);
    expect(atA.ok && atA.value.filter((m) => m.body.includes('Bukan Anda?')).map((m) => m.toMasked)).toEqual(['08*****2797', 's***@example.com']);
    expect(await clientB.outbox(b)).toEqual({ ok: true, value: [] });
    // B's own recovery: its code is B's, A does not see it.
    const atB = await clientB.startRecovery(b, 'phone', BUDI.phone);
    expect(atB.ok).toBe(true);
    const outboxB = await clientB.outbox(b);
    expect(outboxB.ok && outboxB.value.map((m) => m.toMasked)).toEqual(['08*****8955']);
    const outboxA = await h.client.outbox(h.ctx);
    expect(outboxA.ok && outboxA.value.some((m) => m.toMasked === '08*****8955')).toBe(false);
  });

  it('records the kiosk given to deliver(); without one, the kiosk of the request being answered; outside a request, none', () => {
    const state = demoState();
    deliver(state, { channel: 'sms', to: SITI.phone, body: 'given' }, 1, 'KIOSK-A');
    expect(state.outbox.at(-1)?.kioskId).toBe('KIOSK-A');
    deliver(state, { channel: 'sms', to: SITI.phone, body: 'no request' }, 2);
    expect(state.outbox.at(-1)?.kioskId).toBe('');
    onBehalfOf('KIOSK-B', () => {
      deliver(state, { channel: 'sms', to: SITI.phone, body: 'for B' }, 3);
      deliver(state, { channel: 'sms', to: SITI.phone, body: 'named' }, 4, 'KIOSK-A');
    });
    expect(state.outbox.slice(-2).map((m) => m.kioskId)).toEqual(['KIOSK-B', 'KIOSK-A']);
    deliver(state, { channel: 'sms', to: SITI.phone, body: 'after' }, 5);
    expect(state.outbox.at(-1)?.kioskId).toBe('');
    expect(outboxView(state, 'KIOSK-A').map((m) => m.body)).toEqual(['given', 'named']);
    expect(outboxView(state, 'KIOSK-B').map((m) => m.body)).toEqual(['for B']);
    expect(outboxView(state, '').map((m) => m.body)).toEqual([]);
  });

  it('messages in a state file written before kiosks were recorded load, and are shown to no kiosk', async () => {
    dir = await mkdtemp(join(tmpdir(), 'pulih-outbox-'));
    const stateFile = join(dir, 'state.json');
    const kiosks = testKiosks('KIOSK-A');
    const first = await startStub({ stateFile, kiosks });
    await first.close();
    const old = JSON.parse(await readFile(stateFile, 'utf8')) as { outbox: unknown[] };
    old.outbox.push({ id: 'msg_old', channel: 'sms', to: SITI.phone, toMasked: '08*****2797', sentAt: 1, body: 'Kode OTP: 123456. lama' });
    await writeFile(stateFile, JSON.stringify(old));
    const stub = await startStub({ stateFile, kiosks });
    try {
      const client = createBackendClient({ baseUrl: stub.url, kioskKey: testKioskKey('KIOSK-A'), retries: 0 });
      expect(await client.outbox({ kioskId: 'KIOSK-A' })).toEqual({ ok: true, value: [] });
    } finally {
      await stub.close();
    }
  });
});
