/**
 * Citizen sign-in on the stub (docs/architecture.md §3 "login"): the lock
 * counts per identifier, so it tells nothing about accounts; a completed
 * recovery lifts the locks of the account's old and new identifiers; a
 * session lasts 30 minutes, and a session hash left by an older state file
 * is no session.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBackendClient } from '../../../../../src-main/backend/client';
import { createManualClock } from '../../../../../src-main/backend/stub/clock';
import { SESSION_TTL_MS } from '../../../../../src-main/backend/stub/loginRules';
import { sha256 } from '../../../../../src-main/backend/stub/secrets';
import { startStub } from '../../../../../src-main/backend/stub/server';
import { latestCode, raw, SITI, startHarness, type Harness } from '../stubHarness';
import { kioskHeaders, testKioskKey } from '../testKiosks';

const WRONG = 'Salah#2024x';

let h: Harness | undefined;
let dir: string | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

/** What a wrong password answers, as a line: `INVALID_CREDENTIALS 3` or `ACCOUNT_LOCKED 0`. */
async function wrongTry(harness: Harness, identifier: string): Promise<string> {
  const r = await harness.client.signIn(harness.ctx, identifier, WRONG);
  return r.ok ? 'signed in' : `${r.error.code} ${String(r.error.attemptsRemaining)}`;
}

async function signInToken(url: string, kioskId: string, identifier: string, password: string): Promise<string> {
  const res = await raw(url, 'POST', '/v1/auth/sign-in', {
    headers: { ...kioskHeaders(kioskId), 'content-type': 'application/json', 'idempotency-key': `k-${Math.random().toString(36).slice(2, 12)}` },
    body: JSON.stringify({ identifier, password }),
  });
  expect(res.status).toBe(200);
  return (res.body as { sessionToken: string }).sessionToken;
}

async function sessionStatus(url: string, kioskId: string, token: string): Promise<number> {
  return (await raw(url, 'GET', '/v1/auth/session', { headers: { ...kioskHeaders(kioskId), 'x-session-token': token } })).status;
}

describe('sign-in lock per identifier', () => {
  it("counts an account's phone and e-mail apart, exactly like two unknown identifiers", async () => {
    h = await startHarness();
    const pattern = [0, 1, 0, 0, 1, 0, 0, 1, 1, 0, 1];
    const run = async (ids: [string, string]) => {
      const seen = [];
      for (const which of pattern) seen.push(await wrongTry(h as Harness, ids[which] ?? ''));
      return seen;
    };
    const known = await run([SITI.phone, SITI.email]);
    const unknown = await run(['+6281299990077', 'tidak.ada@example.com']);
    expect(unknown).toEqual(known);
    expect(known).toEqual([
      'INVALID_CREDENTIALS 4', // phone 1
      'INVALID_CREDENTIALS 4', // e-mail 1: the phone's wrong passwords are not its own
      'INVALID_CREDENTIALS 3',
      'INVALID_CREDENTIALS 2',
      'INVALID_CREDENTIALS 3', // e-mail 2
      'INVALID_CREDENTIALS 1',
      'ACCOUNT_LOCKED 0', // phone 5: the phone is locked
      'INVALID_CREDENTIALS 2', // e-mail 3: the e-mail is not
      'INVALID_CREDENTIALS 1',
      'ACCOUNT_LOCKED 0',
      'ACCOUNT_LOCKED 0', // e-mail 5
    ]);
  });

  it('a locked phone leaves the e-mail of the same account open, and the other way round', async () => {
    h = await startHarness();
    for (let i = 0; i < 5; i += 1) await wrongTry(h, `0${SITI.phone.slice(3)}`); // the national form is the same identifier
    expect(await h.client.signIn(h.ctx, SITI.phone, SITI.password)).toMatchObject({ ok: false, error: { code: 'ACCOUNT_LOCKED' } });
    expect(await h.client.signIn(h.ctx, 'Siti.Rahayu@Example.com', SITI.password)).toEqual({ ok: true, value: { displayName: 'S*** R***' } });
    h.clock.advance(15 * 60_000);
    expect((await h.client.signIn(h.ctx, SITI.phone, SITI.password)).ok).toBe(true);
  });

  it("a completed recovery lifts the locks of the account's old and new phone and e-mail", async () => {
    h = await startHarness({ kiosks: [{ kioskId: 'KIOSK-A', key: testKioskKey('KIOSK-A'), mode: 'self-service' }] });
    const fresh = { phone: '081299990001', email: 'siti.lain@example.com', password: 'Baru#2026Qz' };
    for (const id of [SITI.phone, SITI.email, fresh.phone, fresh.email]) {
      for (let i = 0; i < 5; i += 1) await wrongTry(h, id);
      expect(await wrongTry(h, id)).toBe('ACCOUNT_LOCKED 0');
    }
    const rec = await h.client.verifyIdentity(h.ctx, { nik: SITI.nik, fullName: SITI.fullName, motherMaidenName: SITI.mother });
    if (!rec.ok) throw new Error(`identity: ${rec.error.code}`);
    const ch = await h.client.submitCredentials(h.ctx, rec.value, { ...fresh, otpChannel: 'sms' });
    if (!ch.ok) throw new Error(`credentials: ${ch.error.code}`);
    const done = await h.client.verifyOtp(h.ctx, rec.value, ch.value.challengeId, await latestCode(h, '08*****0001'));
    expect(done.ok && done.value.status).toBe('completed');
    // The new identifiers sign in; the old ones are no longer the account's, and no longer locked either.
    expect((await h.client.signIn(h.ctx, fresh.phone, fresh.password)).ok).toBe(true);
    expect((await h.client.signIn(h.ctx, fresh.email, fresh.password)).ok).toBe(true);
    expect(await wrongTry(h, SITI.phone)).toBe('INVALID_CREDENTIALS 4');
    expect(await wrongTry(h, SITI.email)).toBe('INVALID_CREDENTIALS 4');
  });
});

describe('sign-in session lifetime', () => {
  it('is 30 minutes', () => {
    expect(SESSION_TTL_MS).toBe(30 * 60_000);
  });

  it('a session is valid until 30 minutes after sign-in, then invalid, also after 399 days', async () => {
    h = await startHarness();
    const token = await signInToken(h.url, 'KIOSK-A', SITI.email, SITI.password);
    expect(await sessionStatus(h.url, 'KIOSK-A', token)).toBe(200);
    h.clock.advance(SESSION_TTL_MS - 1);
    expect(await sessionStatus(h.url, 'KIOSK-A', token)).toBe(200);
    h.clock.advance(1);
    expect(await sessionStatus(h.url, 'KIOSK-A', token)).toBe(401);
    h.clock.advance(399 * 24 * 60 * 60_000);
    expect(await sessionStatus(h.url, 'KIOSK-A', token)).toBe(401);
  });

  it('a session hash in a state file written before lifetimes (no issue time) is no session', async () => {
    dir = await mkdtemp(join(tmpdir(), 'pulih-sessions-'));
    const stateFile = join(dir, 'state.json');
    const kiosks = [{ kioskId: 'KIOSK-A', key: testKioskKey('KIOSK-A') }];
    const first = await startStub({ stateFile, kiosks });
    await first.close();
    const old = JSON.parse(await readFile(stateFile, 'utf8')) as { accounts: { sessions: unknown[] }[] };
    const legacyToken = 'legacy-session-token-from-an-older-stub';
    old.accounts[0]?.sessions.push(sha256(legacyToken));
    await writeFile(stateFile, JSON.stringify(old));
    const stub = await startStub({ stateFile, kiosks, clock: createManualClock() });
    try {
      expect(await sessionStatus(stub.url, 'KIOSK-A', legacyToken)).toBe(401);
      const client = createBackendClient({ baseUrl: stub.url, kioskKey: testKioskKey('KIOSK-A'), retries: 0 });
      expect((await client.signIn({ kioskId: 'KIOSK-A' }, SITI.phone, SITI.password)).ok).toBe(true);
    } finally {
      await stub.close();
    }
  });
});
