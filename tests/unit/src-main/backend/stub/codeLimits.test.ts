/**
 * The limits on the paths to a code (src-main/backend/stub/codeLimits.ts)
 * as the conformance suite cannot see them: through the kiosk's own client
 * (what reaches core and the screen), across a restart of the stub, in the
 * state file, with the limits raised by the test controls (benches, e2e).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackendClient } from '../../../../../src-main/backend/client';
import { createManualClock } from '../../../../../src-main/backend/stub/clock';
import { startStub, type RunningStub } from '../../../../../src-main/backend/stub/server';
import { checkState } from '../../../../../src-main/backend/stub/stateSchema';
import type { StubState } from '../../../../../src-main/backend/stub/state';
import { BUDI, latestCode, raw, SITI, startHarness, type Harness } from '../stubHarness';
import { testKioskKey, testKiosks } from '../testKiosks';

const HOUR_MS = 60 * 60_000;
const SITI_SMS = '08*****2797';

let h: Harness | undefined;
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pulih-code-limits-'));
});
afterEach(async () => {
  await h?.close();
  h = undefined;
  await rm(dir, { recursive: true, force: true });
});

async function putConfig(url: string, body: unknown) {
  return raw(url, 'PUT', '/__test/config', { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

describe('code limits, as the kiosk sees them', () => {
  it('the 6th code within an hour reaches the kiosk as CODE_SENDS_LIMITED with the wait', async () => {
    h = await startHarness();
    for (let i = 0; i < 5; i += 1) expect((await h.client.startRecovery(h.ctx, 'phone', SITI.phone)).ok).toBe(true);
    h.clock.advance(10 * 60_000);
    expect(await h.client.startRecovery(h.ctx, 'phone', SITI.phone)).toEqual({
      ok: false,
      error: { code: 'CODE_SENDS_LIMITED', retryAfterSeconds: 50 * 60 },
    });
  });

  it('the 10th wrong code reaches the kiosk as CODE_RECOVERY_LOCKED with lockedUntil, a day after the first', async () => {
    h = await startHarness();
    const firstAt = h.clock.now();
    const answers: unknown[] = [];
    for (let round = 0; round < 2; round += 1) {
      const started = await h.client.startRecovery(h.ctx, 'phone', SITI.phone);
      if (!started.ok) throw new Error('start');
      const code = await latestCode(h, SITI_SMS);
      const wrong = code === '000000' ? '000001' : '000000';
      for (let i = 0; i < 5; i += 1) {
        answers.push(await h.client.verifyOtp(h.ctx, started.value, started.value.challenge.challengeId, wrong));
        h.clock.advance(1_000);
      }
    }
    expect(answers.at(-2)).toEqual({ ok: false, error: { code: 'OTP_INVALID', attemptsRemaining: 1 } });
    expect(answers.at(-1)).toEqual({ ok: false, error: { code: 'CODE_RECOVERY_LOCKED', lockedUntil: new Date(firstAt + 24 * HOUR_MS).toISOString() } });
  });

  it('a new phone that is another account\'s is said only after its code: CONTACT_IN_USE, and the recovery is over', async () => {
    h = await startHarness();
    const rec = await h.client.verifyIdentity(h.ctx, { nik: SITI.nik, fullName: SITI.fullName, motherMaidenName: SITI.mother });
    if (!rec.ok) throw new Error('identity');
    const challenge = await h.client.submitCredentials(h.ctx, rec.value, { phone: BUDI.phone, email: 'siti.lain@example.com', password: 'Baru#2026Qz', otpChannel: 'sms' });
    if (!challenge.ok) throw new Error(`credentials: ${challenge.error.code}`);
    const code = await latestCode(h, '08*****8955');
    expect(await h.client.verifyOtp(h.ctx, rec.value, challenge.value.challengeId, code)).toEqual({ ok: false, error: { code: 'CONTACT_IN_USE', field: 'phone' } });
    expect(await h.client.verifyOtp(h.ctx, rec.value, challenge.value.challengeId, code)).toEqual({ ok: false, error: { code: 'SESSION_INVALID' } });
    // Nothing changed: Siti keeps her password and phone, Budi his.
    expect((await h.client.signIn(h.ctx, SITI.phone, SITI.password)).ok).toBe(true);
    expect((await h.client.signIn(h.ctx, BUDI.phone, BUDI.password)).ok).toBe(true);
  });
});

describe('code limits in the state', () => {
  let stub: RunningStub | undefined;
  afterEach(async () => {
    await stub?.close();
    stub = undefined;
  });

  async function start(stateFile: string, clock = createManualClock()) {
    stub = await startStub({ stateFile, clock, kiosks: testKiosks('KIOSK-A'), testControls: true });
    const client = createBackendClient({ baseUrl: stub.url, kioskKey: testKioskKey('KIOSK-A'), retries: 0 });
    return { client, clock, ctx: { kioskId: 'KIOSK-A' } };
  }

  it('survive a restart; a state file written before them still loads', async () => {
    const stateFile = join(dir, 'state.json');
    const clock = createManualClock();
    let s = await start(stateFile, clock);
    for (let i = 0; i < 5; i += 1) expect((await s.client.startRecovery(s.ctx, 'email', 'tidak.ada@example.com')).ok).toBe(true);
    await stub?.close();
    const saved = JSON.parse(await readFile(stateFile, 'utf8')) as StubState;
    expect(checkState(saved)).toBeNull();
    // Destinations are kept hashed, never in clear, in the counters.
    expect(JSON.stringify(saved.codeLimits)).not.toContain('tidak.ada');
    s = await start(stateFile, clock);
    expect(await s.client.startRecovery(s.ctx, 'email', 'tidak.ada@example.com')).toMatchObject({ ok: false, error: { code: 'CODE_SENDS_LIMITED' } });
    await stub?.close();

    delete saved.codeLimits;
    expect(checkState(saved)).toBeNull();
    await writeFile(stateFile, JSON.stringify(saved));
    s = await start(stateFile, clock);
    expect((await s.client.startRecovery(s.ctx, 'email', 'tidak.ada@example.com')).ok).toBe(true);
  });

  it('are forgotten once outside their windows', async () => {
    const stateFile = join(dir, 'state.json');
    const s = await start(stateFile);
    const started = await s.client.startRecovery(s.ctx, 'phone', SITI.phone);
    if (!started.ok) throw new Error('start');
    await s.client.verifyOtp(s.ctx, started.value, started.value.challenge.challengeId, '000000');
    s.clock.advance(24 * HOUR_MS);
    await s.client.signIn(s.ctx, 'tidak.ada@example.com', 'Salah#2024x'); // any write prunes first
    await stub?.close();
    const saved = JSON.parse(await readFile(stateFile, 'utf8')) as StubState;
    expect(saved.codeLimits).toEqual({ sends: {}, wrongCodes: {}, kioskStarts: {} });
  });
});

describe('the test controls raise the limits (benches, e2e)', () => {
  it('PUT /__test/config sets the code and start limits and answers them all', async () => {
    h = await startHarness();
    const res = await putConfig(h.url, { kioskStartLimitPerHour: 1000, codeSendsPerHour: 1000, codeSendsPerDay: 1000 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ kioskIdentityLimitPerHour: 30, kioskStartLimitPerHour: 1000, codeSendsPerHour: 1000, codeSendsPerDay: 1000 });
    for (let i = 0; i < 70; i += 1) expect((await h.client.startRecovery(h.ctx, 'phone', SITI.phone)).ok).toBe(true);
  });

  it('refuses what is not a limit, or not a whole number from 1', async () => {
    h = await startHarness();
    expect((await putConfig(h.url, { codeSendsPerHour: 0 })).status).toBe(400);
    expect((await putConfig(h.url, { codeSendsPerDay: 2.5 })).status).toBe(400);
    expect((await putConfig(h.url, { helpline: 'x' })).status).toBe(400);
    expect((await putConfig(h.url, {})).body).toMatchObject({ kioskStartLimitPerHour: 60, codeSendsPerHour: 5, codeSendsPerDay: 10 });
  });
});
