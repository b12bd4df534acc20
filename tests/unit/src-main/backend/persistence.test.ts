/**
 * State survives a restart when a state file is given (attempt counters,
 * accounts, outbox, challenges, idempotency), and is written atomically: a
 * SIGKILL at any moment leaves a readable file.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackendClient } from '../../../../src-main/backend/client';
import { createManualClock } from '../../../../src-main/backend/stub/clock';
import { startStub } from '../../../../src-main/backend/stub/server';
import { BUDI, raw, SITI } from './stubHarness';
import { kioskHeaders, testKioskKey, testKiosks } from './testKiosks';

const CLI = fileURLToPath(new URL('../../../../src-main/backend/stub/cli.ts', import.meta.url));
const ctx = { kioskId: 'KIOSK-A' };

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pulih-stub-'));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

function codeIn(body: string | undefined): string {
  return /Kode OTP: (\d{6})/.exec(body ?? '')?.[1] ?? '';
}

describe('state file', () => {
  it('keeps counters, accounts, outbox, challenges and idempotent answers across a real restart', async () => {
    const stateFile = join(dir, 'nested', 'state.json');
    const clock = createManualClock();
    let stub = await startStub({ stateFile, clock, kiosks: testKiosks('KIOSK-A') });
    let client = createBackendClient({ baseUrl: stub.url, kioskKey: testKioskKey('KIOSK-A'), retries: 0 });
    const wrongIdentity = { nik: '3171014101900001', fullName: 'SALAH', motherMaidenName: 'SALAH' };
    await client.verifyIdentity(ctx, wrongIdentity);
    await client.verifyIdentity(ctx, wrongIdentity);
    await client.signIn(ctx, SITI.phone, 'Salah#2024x');
    await client.signIn(ctx, SITI.phone, 'Salah#2024x');
    // BUDI recovers by phone: a changed password.
    const budi = await client.startRecovery(ctx, 'phone', BUDI.phone);
    if (!budi.ok) throw new Error('start failed');
    const outbox1 = await client.outbox(ctx);
    const budiSms = outbox1.ok ? outbox1.value.filter((m) => m.toMasked === '08*****8955').at(-1) : undefined;
    await client.verifyOtp(ctx, budi.value, budi.value.challenge.challengeId, codeIn(budiSms?.body));
    expect((await client.setPassword(ctx, budi.value, 'Baru#2026Qz')).ok).toBe(true);
    // SITI has a challenge pending over the restart.
    const siti = await client.startRecovery(ctx, 'phone', SITI.phone);
    if (!siti.ok) throw new Error('start failed');
    const outbox2 = await client.outbox(ctx);
    const sitiCode = codeIn(outbox2.ok ? outbox2.value.filter((m) => m.toMasked === '08*****2797').at(-1)?.body : undefined);
    // An idempotent request answered before the restart.
    const keyed = {
      headers: { 'content-type': 'application/json', ...kioskHeaders('KIOSK-A'), 'idempotency-key': 'restart-key-0001' },
      body: JSON.stringify({ email: 'tidak.ada@example.com' }),
    };
    const before = await raw(stub.url, 'POST', '/v1/recoveries/email', keyed);
    await stub.close();

    stub = await startStub({ stateFile, clock, kiosks: testKiosks('KIOSK-A') });
    client = createBackendClient({ baseUrl: stub.url, kioskKey: testKioskKey('KIOSK-A'), retries: 0 });
    expect(await client.verifyIdentity(ctx, wrongIdentity)).toEqual({
      ok: false,
      error: { code: 'IDENTITY_MISMATCH', attemptsRemaining: 0, lockedUntil: new Date(clock.now() + 86_400_000).toISOString() },
    });
    const third = await client.signIn(ctx, SITI.phone, 'Salah#2024x');
    expect(third.ok === false && third.error.attemptsRemaining).toBe(2);
    expect((await client.signIn(ctx, BUDI.phone, 'Baru#2026Qz')).ok).toBe(true);
    expect((await client.signIn(ctx, BUDI.phone, BUDI.password)).ok).toBe(false);
    const outbox3 = await client.outbox(ctx);
    expect(outbox3.ok && outbox3.value.length).toBe(outbox2.ok && outbox2.value.length);
    expect(await client.verifyOtp(ctx, siti.value, siti.value.challenge.challengeId, sitiCode)).toEqual({
      ok: true,
      value: { status: 'otp-verified' },
    });
    const after = await raw(stub.url, 'POST', '/v1/recoveries/email', keyed);
    expect(after.body).toEqual(before.body);
    await stub.close();
    // Nothing but the state file and its journal is left behind.
    expect(await readdir(join(dir, 'nested'))).toEqual(['state.json', 'state.json.journal']);
  });

  it('refuses to start on a state file it cannot read, instead of silently starting over', async () => {
    const stateFile = join(dir, 'state.json');
    await writeFile(stateFile, '{"version": 1, "accounts": [');
    await expect(startStub({ stateFile })).rejects.toThrow();
    await writeFile(stateFile, '{"version": 99}');
    await expect(startStub({ stateFile })).rejects.toThrow(/not a Pulih stub state/);
  });
});

function spawnCli(args: string[]): { child: ChildProcess; url: Promise<string> } {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Pulih stub listening on (http:\/\/\S+)/.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`stub exited (${code}) before listening: ${out}`)));
  });
  return { child, url };
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

describe('npm run stub', () => {
  it('listens on loopback, prints its URL, and stops cleanly on SIGTERM', async () => {
    const { child, url } = spawnCli(['--port', '0', '--kiosk-key', `K=${testKioskKey('K')}`]);
    const base = await url;
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const signIn = (headers: Record<string, string>, key: string) =>
      raw(base, 'POST', '/v1/operators/sign-in', {
        headers: { 'content-type': 'application/json', 'idempotency-key': key, ...headers },
        body: JSON.stringify({ staffId: 'PTG001', pin: '246810' }),
      });
    expect((await signIn(kioskHeaders('K'), 'cli-test-key-1')).status).toBe(200);
    // Only the provisioned kiosk, with its own key.
    expect((await signIn({ 'x-kiosk-id': 'K' }, 'cli-test-key-2')).body).toMatchObject({ status: 401, code: 'KIOSK_UNAUTHENTICATED' });
    expect((await signIn({ ...kioskHeaders('K'), 'x-kiosk-id': 'OTHER' }, 'cli-test-key-3')).status).toBe(401);
    // Test controls are off unless asked for.
    expect((await raw(base, 'GET', '/__test/clock')).status).toBe(404);
    child.kill('SIGTERM');
    expect(await exited(child)).toBe(0);
  });

  it('a SIGKILL in the middle of writes leaves a readable state file', async () => {
    const stateFile = join(dir, 'state.json');
    for (let round = 0; round < 2; round += 1) {
      const { child, url } = spawnCli(['--port', '0', '--state', stateFile, ...[0, 1, 2, 3].flatMap((w) => ['--kiosk-key', `K${w}=${testKioskKey(`K${w}`)}`])]);
      const base = await url;
      let stop = false;
      const hammer = async (worker: number): Promise<void> => {
        for (let i = 0; !stop; i += 1) {
          await raw(base, 'POST', '/v1/recoveries/phone', {
            headers: { 'content-type': 'application/json', ...kioskHeaders(`K${worker}`), 'idempotency-key': `kill-${round}-${worker}-${i}` },
            body: JSON.stringify({ phone: SITI.phone }),
          }).catch(() => undefined);
        }
      };
      const workers = [0, 1, 2, 3].map(hammer);
      await new Promise((resolve) => setTimeout(resolve, 150 + Math.random() * 250));
      child.kill('SIGKILL');
      await exited(child);
      stop = true;
      await Promise.all(workers);
      const workerKiosks = ['K0', 'K1', 'K2', 'K3'];
      const restarted = await startStub({ stateFile, kiosks: testKiosks(...workerKiosks) });
      // Each kiosk is served its own messages: together they are the whole outbox of the file.
      let served = 0;
      for (const kioskId of workerKiosks) {
        const outbox = await createBackendClient({ baseUrl: restarted.url, kioskKey: testKioskKey(kioskId), retries: 0 }).outbox({ kioskId });
        if (!outbox.ok) throw new Error(`outbox of ${kioskId}: ${outbox.error.code}`);
        served += outbox.value.length;
      }
      await restarted.close();
      // A clean close folds the journal into the state file.
      const parsed = JSON.parse(await readFile(stateFile, 'utf8')) as { version: number; outbox: unknown[] };
      expect(parsed.version).toBe(1);
      expect(served).toBe(parsed.outbox.length);
    }
  });
});
