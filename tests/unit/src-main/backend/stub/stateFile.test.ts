/**
 * A state file the stub cannot trust stops it before it serves anything,
 * with an error naming the file and the cause; every kind of record a
 * running stub writes loads back.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackendClient } from '../../../../../src-main/backend/client';
import { createManualClock } from '../../../../../src-main/backend/stub/clock';
import { demoState } from '../../../../../src-main/backend/stub/demoData';
import { startStub } from '../../../../../src-main/backend/stub/server';
import { checkState } from '../../../../../src-main/backend/stub/stateSchema';
import { latestCode, SITI } from '../stubHarness';
import { testKioskKey, testKiosks } from '../testKiosks';

const CLI = fileURLToPath(new URL('../../../../../src-main/backend/stub/cli.ts', import.meta.url));

let dir: string;
let stateFile: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pulih-state-'));
  stateFile = join(dir, 'state.json');
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

/** A real state file, as a stub that ran leaves it. */
async function writtenState(): Promise<string> {
  const stub = await startStub({ stateFile });
  await stub.close();
  return readFile(stateFile, 'utf8');
}

function escaped(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('a state file the stub cannot use', () => {
  it('truncated: refused, naming the file and the JSON error', async () => {
    const text = await writtenState();
    await writeFile(stateFile, text.slice(0, Math.floor(text.length / 2)));
    await expect(startStub({ stateFile })).rejects.toThrow(new RegExp(`^stub state file ${escaped(stateFile)} is not valid JSON \\(.+\\)$`));
  });

  it('cut to nothing: refused as not valid JSON', async () => {
    await writeFile(stateFile, '');
    await expect(startStub({ stateFile })).rejects.toThrow(`stub state file ${stateFile} is not valid JSON (Unexpected end of JSON input)`);
  });

  it('garbage: refused, naming the file and the JSON error', async () => {
    await writeFile(stateFile, Buffer.from([0x00, 0xff, 0x13, 0x37, 0x7b, 0x22, 0x80]));
    await expect(startStub({ stateFile })).rejects.toThrow(new RegExp(`^stub state file ${escaped(stateFile)} is not valid JSON \\(.+\\)$`));
  });

  it('{"version":1}: refused before serving, naming the first missing part', async () => {
    await writeFile(stateFile, '{"version":1}');
    await expect(startStub({ stateFile })).rejects.toThrow(
      `stub state file ${stateFile} does not fit the state schema: / must have required property 'accounts'`,
    );
  });

  it('a field of the wrong type: refused, naming the field', async () => {
    const state = JSON.parse(await writtenState()) as { accounts: { nik: unknown }[] };
    state.accounts[0]!.nik = 3171014101900001;
    await writeFile(stateFile, JSON.stringify(state));
    await expect(startStub({ stateFile })).rejects.toThrow(
      `stub state file ${stateFile} does not fit the state schema: /accounts/0/nik must be string`,
    );
  });

  it('another version: refused as not a state of this stub', async () => {
    await writeFile(stateFile, '{"version": 99}');
    await expect(startStub({ stateFile })).rejects.toThrow(`stub state file ${stateFile} is not a Pulih stub state of version 1`);
  });

  it('npm run stub prints the file and the cause and exits 1', async () => {
    await writeFile(stateFile, '{"version":1,"accounts":');
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, '--port', '0', '--state', stateFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain(`stub state file ${stateFile} is not valid JSON (`);
  });
});

describe('the state schema', () => {
  it('accepts the demo data and names the first problem of anything else', () => {
    expect(checkState(demoState())).toBeNull();
    expect(checkState({ ...demoState(), outbox: [{ id: 'x' }] })).toBe("/outbox/0 must have required property 'channel'");
    expect(checkState({ ...demoState(), surprise: true })).toBe('/ must NOT have additional properties (surprise)');
    const state = demoState();
    state.loginCounters['acc:x'] = { failures: 1, lockedUntil: 'soon' as unknown as number, lastFailureAt: 0 };
    expect(checkState(state)).toBe('/loginCounters/acc:x/lockedUntil must be number,null');
    // Optional in the type, optional in the file: older files have no audit anchors.
    const anchor = { kioskId: 'KIOSK-A', day: '2026-01-15', seq: 3, hash: 'a'.repeat(64), at: '2026-01-15T01:00:00.000Z', receivedAt: 1 };
    expect(checkState({ ...demoState(), auditAnchors: [anchor] })).toBeNull();
    expect(checkState({ ...demoState(), auditAnchors: [{ ...anchor, seq: '3' }] })).toBe('/auditAnchors/0/seq must be integer');
  });

  it('every kind of record a running stub writes loads back after a restart', async () => {
    const clock = createManualClock();
    let stub = await startStub({ stateFile, clock, kiosks: testKiosks('KIOSK-A') });
    const client = createBackendClient({ baseUrl: stub.url, kioskKey: testKioskKey('KIOSK-A'), retries: 0 });
    const ctx = { kioskId: 'KIOSK-A' };
    const h = { url: stub.url, clock, client, ctx, close: () => stub.close() };
    expect((await client.signIn(ctx, SITI.phone, SITI.password)).ok).toBe(true);
    await client.signIn(ctx, 'tidak.ada@example.com', 'Salah#2024x');
    const op = await client.operatorSignIn(ctx, 'PTG001', '246810');
    expect(op.ok).toBe(true);
    const rec = await client.verifyIdentity(ctx, { nik: SITI.nik, fullName: SITI.fullName, motherMaidenName: SITI.mother });
    if (!rec.ok) throw new Error('identity');
    const ch = await client.submitCredentials(ctx, rec.value, {
      phone: '081299990001',
      email: 'siti.lain@example.com',
      password: 'Baru#2026Qz',
      otpChannel: 'email',
    });
    if (!ch.ok) throw new Error('credentials');
    expect(await latestCode(h, 's***@example.com')).toMatch(/^\d{6}$/);
    const byEmail = await client.startRecovery(ctx, 'email', 'tidak.ada@example.com');
    expect(byEmail.ok).toBe(true);
    await stub.close();

    const saved: unknown = JSON.parse(await readFile(stateFile, 'utf8'));
    expect(checkState(saved)).toBeNull();
    stub = await startStub({ stateFile, clock, kiosks: testKiosks('KIOSK-A') });
    await stub.close();
  });
});
