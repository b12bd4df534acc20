/**
 * An answer is confirmed (sent, or replayed for its Idempotency-Key) only
 * once its change is on disk. A save that fails (disk full) answers 503
 * BACKEND_UNAVAILABLE with Retry-After and leaves nothing of the change in
 * memory, so the client's retry with the same key performs it exactly once.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../../../../src-main/backend/stub/clock';
import { startStub, type RunningStub } from '../../../../../src-main/backend/stub/server';
import { fileDisk, type StateDisk } from '../../../../../src-main/backend/stub/store';
import { SITI } from '../stubHarness';
import { kioskHeaders, testKiosks } from '../testKiosks';

let dir: string;
let stateFile: string;
let stub: RunningStub | undefined;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pulih-durable-'));
  stateFile = join(dir, 'state.json');
});
afterEach(async () => {
  await stub?.close();
  stub = undefined;
  await rm(dir, { recursive: true, force: true });
});

/** A disk that can be filled up, and a write that can be held half-way. */
function faultyDisk() {
  const real = fileDisk();
  const fault = async (): Promise<void> => {
    disk.writes += 1;
    if (disk.hold) await disk.hold;
    if (disk.full) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
  };
  const disk = {
    full: false,
    hold: null as Promise<void> | null,
    writes: 0,
    writer: {
      replace: async (file, data) => {
        await fault();
        await real.replace(file, data);
      },
      append: async (file, data) => {
        await fault();
        await real.append(file, data);
      },
    } satisfies StateDisk,
  };
  return disk;
}

interface Answer {
  status: number;
  contentType: string;
  retryAfter: string | null;
  replayed: string | null;
  body: { code?: string; attemptsRemaining?: number };
}

/** A wrong identity try: every one counts (3 per NIK per 24 h), so a second effect would show. */
async function wrongTry(url: string, key: string): Promise<Answer> {
  const res = await fetch(`${url}/v1/recoveries/identity`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...kioskHeaders('KIOSK-A'), 'idempotency-key': key },
    body: JSON.stringify({ nik: SITI.nik, fullName: 'SALAH', motherMaidenName: 'SALAH' }),
  });
  return {
    status: res.status,
    contentType: res.headers.get('content-type') ?? '',
    retryAfter: res.headers.get('retry-after'),
    replayed: res.headers.get('idempotent-replayed'),
    body: (await res.json()) as Answer['body'],
  };
}

async function digest(url: string): Promise<unknown> {
  return ((await (await fetch(`${url}/__test/state-digest`)).json()) as { digest: string }).digest;
}

function expectUnavailable(answer: Answer): void {
  expect(answer.status).toBe(503);
  expect(answer.contentType).toMatch(/^application\/problem\+json/);
  expect(answer.body.code).toBe('BACKEND_UNAVAILABLE');
  expect(Number(answer.retryAfter)).toBeGreaterThan(0);
  expect(answer.replayed).toBeNull();
}

describe('a save that fails', () => {
  it('answers 503 with Retry-After, keeps nothing, and the retry after the fault performs the change once', async () => {
    const disk = faultyDisk();
    const clock = createManualClock();
    stub = await startStub({ stateFile, clock, testControls: true, writeState: disk.writer, kiosks: testKiosks('KIOSK-A') });
    expect((await wrongTry(stub.url, 'durable-key-0001')).body.attemptsRemaining).toBe(2);
    const durable = await digest(stub.url);

    disk.full = true;
    expectUnavailable(await wrongTry(stub.url, 'durable-key-0002'));
    expect(await digest(stub.url)).toEqual(durable);
    // The same key while the disk is still full: no stored "confirmed" answer to replay.
    expectUnavailable(await wrongTry(stub.url, 'durable-key-0002'));
    expect(await digest(stub.url)).toEqual(durable);

    disk.full = false;
    const performed = await wrongTry(stub.url, 'durable-key-0002');
    expect(performed).toMatchObject({ status: 422, replayed: null, body: { code: 'IDENTITY_MISMATCH', attemptsRemaining: 1 } });
    expect(await wrongTry(stub.url, 'durable-key-0002')).toMatchObject({ status: 422, replayed: 'true', body: { attemptsRemaining: 1 } });
    await stub.close();

    // After a restart: exactly the two durable tries.
    stub = await startStub({ stateFile, clock, kiosks: testKiosks('KIOSK-A') });
    expect(await wrongTry(stub.url, 'durable-key-0002')).toMatchObject({ replayed: 'true', body: { attemptsRemaining: 1 } });
    expect((await wrongTry(stub.url, 'durable-key-0003')).body).toMatchObject({ code: 'IDENTITY_MISMATCH', attemptsRemaining: 0 });
  });

  it('a replay arriving while the first answer is being written waits for it, and is not confirmed when the write fails', async () => {
    const disk = faultyDisk();
    const clock = createManualClock();
    stub = await startStub({ stateFile, clock, testControls: true, writeState: disk.writer, kiosks: testKiosks('KIOSK-A') });
    const durable = await digest(stub.url);
    let release = (): void => undefined;
    disk.hold = new Promise<void>((resolve) => (release = resolve));
    disk.full = true;
    const writesBefore = disk.writes;

    const first = wrongTry(stub.url, 'durable-key-0004');
    for (let i = 0; disk.writes === writesBefore; i += 1) {
      if (i > 400) throw new Error('the state was never written');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    // A retry of the same request, and another request, while the first write is on its way.
    const replay = wrongTry(stub.url, 'durable-key-0004');
    const other = wrongTry(stub.url, 'durable-key-0005');
    const early = await Promise.race([replay.then(() => 'answered'), new Promise((resolve) => setTimeout(() => resolve('waiting'), 150))]);
    expect(early).toBe('waiting');
    release();
    disk.hold = null;
    for (const answer of await Promise.all([first, replay, other])) expectUnavailable(answer);
    expect(await digest(stub.url)).toEqual(durable);

    disk.full = false;
    expect((await wrongTry(stub.url, 'durable-key-0004')).body).toMatchObject({ code: 'IDENTITY_MISMATCH', attemptsRemaining: 2 });
    expect((await wrongTry(stub.url, 'durable-key-0005')).body).toMatchObject({ code: 'IDENTITY_MISMATCH', attemptsRemaining: 1 });
    await stub.close();

    stub = await startStub({ stateFile, clock, kiosks: testKiosks('KIOSK-A') });
    expect((await wrongTry(stub.url, 'durable-key-0006')).body).toMatchObject({ attemptsRemaining: 0 });
  });

  it('a test control whose save fails answers 503 and changes nothing', async () => {
    const disk = faultyDisk();
    stub = await startStub({ stateFile, clock: createManualClock(), testControls: true, writeState: disk.writer, kiosks: testKiosks('KIOSK-A') });
    const durable = await digest(stub.url);
    disk.full = true;
    const res = await fetch(`${stub.url}/__test/accounts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        nik: '3171014101900099',
        fullName: 'ANI',
        motherMaidenName: 'IBU',
        phone: '081299990099',
        email: 'ani@example.com',
        password: 'Ani#2026xyz',
      }),
    });
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await digest(stub.url)).toEqual(durable);
  });
});
