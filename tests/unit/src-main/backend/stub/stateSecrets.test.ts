/**
 * No live token in clear in the state file: the stored answers of the
 * idempotency rule (which hold recovery, session and officer tokens) are
 * sealed under a key only the client's Idempotency-Key gives, and a replay
 * with that key still gets the very same answer, also after a restart.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../../../../src-main/backend/stub/clock';
import { startStub, type RunningStub } from '../../../../../src-main/backend/stub/server';
import { raw, SITI } from '../stubHarness';
import { kioskHeaders, testKiosks } from '../testKiosks';

const KIOSKS = testKiosks('KIOSK-A', 'KIOSK-B');

let dir: string;
let stateFile: string;
let stub: RunningStub | undefined;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pulih-secrets-'));
  stateFile = join(dir, 'state.json');
});
afterEach(async () => {
  await stub?.close();
  stub = undefined;
  await rm(dir, { recursive: true, force: true });
});

function post(url: string, path: string, body: unknown, key: string, kioskId = 'KIOSK-A') {
  return raw(url, 'POST', path, {
    headers: { ...kioskHeaders(kioskId), 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify(body),
  });
}

const REQUESTS = [
  { path: '/v1/auth/sign-in', body: { identifier: SITI.email, password: SITI.password }, key: 'secret-key-sign-in-0001', token: 'sessionToken' },
  { path: '/v1/recoveries/phone', body: { phone: SITI.phone }, key: 'secret-key-start-0001', token: 'recoveryToken' },
  { path: '/v1/operators/sign-in', body: { staffId: 'PTG001', pin: '246810' }, key: 'secret-key-operator-0001', token: 'operatorToken' },
] as const;

describe('the state file holds no live token', () => {
  it('after a sign-in, a recovery start and an officer sign-in, none of the tokens answered is in the file; a replay still answers them', async () => {
    const clock = createManualClock();
    stub = await startStub({ stateFile, kiosks: KIOSKS, clock });
    const answers = [];
    for (const r of REQUESTS) {
      const res = await post(stub.url, r.path, r.body, r.key);
      expect(res.status, r.path).toBeLessThan(300);
      const token = (res.body as Record<string, string>)[r.token];
      expect(token, r.token).toMatch(/^[A-Za-z0-9_-]{20,}$/);
      answers.push({ ...r, res, tokenValue: token as string });
    }
    const file = await readFile(stateFile, 'utf8');
    for (const a of answers) {
      expect(file.includes(a.tokenValue), `${a.token} in the state file`).toBe(false);
      // Nor the Idempotency-Key that would open the stored answer.
      expect(file.includes(a.key), `${a.key} in the state file`).toBe(false);
    }
    // The password typed at sign-in is no more in the file than before (not even in a fingerprint one could test guesses against).
    expect(file.includes(SITI.password)).toBe(false);

    // Replays, before and after a restart: the same answers.
    for (const a of answers) expect((await post(stub.url, a.path, a.body, a.key)).body).toEqual(a.res.body);
    await stub.close();
    stub = await startStub({ stateFile, kiosks: KIOSKS, clock });
    for (const a of answers) {
      const again = await post(stub.url, a.path, a.body, a.key);
      expect(again.status).toBe(a.res.status);
      expect(again.body).toEqual(a.res.body);
    }
    // The same key from another kiosk is another request: it does not open kiosk A's answer.
    const [signIn] = answers;
    if (!signIn) throw new Error('no sign-in');
    const other = await post(stub.url, signIn.path, signIn.body, signIn.key, 'KIOSK-B');
    expect(other.status).toBe(200);
    expect((other.body as { sessionToken: string }).sessionToken).not.toBe(signIn.tokenValue);
    // And the same key from kiosk A with another body is still refused.
    const conflict = await post(stub.url, signIn.path, { identifier: SITI.phone, password: SITI.password }, signIn.key);
    expect(conflict.status).toBe(409);
  });

  it('a state file written before sealing, with answers in clear, loads; those answers leave the file at the next write', async () => {
    stub = await startStub({ stateFile, kiosks: KIOSKS });
    await stub.close();
    const state = JSON.parse(await readFile(stateFile, 'utf8')) as { idempotency: Record<string, unknown> };
    state.idempotency['0'.repeat(64)] = {
      fingerprint: 'f'.repeat(64),
      status: 201,
      body: { recoveryId: 'rcv_old', recoveryToken: 'an-old-live-token-in-clear' },
      storedAt: Date.now(),
    };
    await writeFile(stateFile, JSON.stringify(state));
    stub = await startStub({ stateFile, kiosks: KIOSKS });
    expect((await post(stub.url, '/v1/auth/sign-in', { identifier: SITI.email, password: 'Salah#2024x' }, 'after-upgrade-0001')).status).toBe(401);
    expect(await readFile(stateFile, 'utf8')).not.toContain('an-old-live-token-in-clear');
  });
});
