/**
 * The runtime anchors the audit chain head to the backend in the background
 * (docs/architecture.md §6): a real kiosk core and audit log against a stub
 * whose anchor route is made slow or failing by its fault controls. A
 * citizen's step never waits for an anchor, nor fails with one.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startStub, type RunningStub } from '../../../../src-main/backend/stub/server';
import { parseConfig } from '../../../../src-main/core/config';
import { openKioskAudit } from '../../../../src-main/shell/openAudit';
import { startRuntime, type Runtime } from '../../../../src-main/shell/runtime';
import { kioskHeaders, testKioskKey, testKiosks } from '../backend/testKiosks';

const temps: string[] = [];
const runtimes: Runtime[] = [];
let stub: RunningStub;
let kiosks = 0;

beforeAll(async () => {
  stub = await startStub({ testControls: true, kiosks: testKiosks(...Array.from({ length: 30 }, (_, i) => `KIOSK-ANCHOR-${i + 1}`)) });
});
afterAll(async () => {
  await stub.close();
});

afterEach(async () => {
  await fetch(`${stub.url}/__test/faults`, { method: 'DELETE' });
  for (const runtime of runtimes.splice(0)) await runtime.close().catch(() => {});
  await Promise.all(temps.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function start(onFault = vi.fn()) {
  const dataDir = await mkdtemp(join(tmpdir(), 'pulih-anchors-'));
  temps.push(dataDir);
  const kioskId = `KIOSK-ANCHOR-${(kiosks += 1)}`;
  const runtime = await startRuntime({
    config: parseConfig({ kioskId, backend: stub.url, kioskKeyFile: join(dataDir, 'kiosk.key') }),
    readKioskKey: async () => testKioskKey(kioskId),
    dataDir,
    openAudit: (dir, id) => openKioskAudit(dir, id),
    auditAnchors: { everyEvents: 1, retryMs: 60_000, closeTimeoutMs: 2_000 },
    onFault,
  });
  runtimes.push(runtime);
  const fault = (body: unknown) =>
    fetch(`${stub.url}/__test/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const latestAnchor = async (): Promise<number | undefined> => {
    const answer = await fetch(`${stub.url}/v1/audit/anchors`, { headers: kioskHeaders(kioskId) });
    return ((await answer.json()) as { anchors: { seq: number }[] }).anchors.at(-1)?.seq;
  };
  return { runtime, fault, latestAnchor, onFault };
}

const caller = { windowId: 'w1' };

/** An officer signs in and a citizen starts a recovery by phone: two audited steps that reach the backend. */
async function citizenSteps(runtime: Runtime): Promise<{ results: unknown[]; ms: number }> {
  const started = Date.now();
  const results = [
    await runtime.core.router.dispatch(caller, 'operatorSignIn', { staffId: 'PTG001', pin: '246810' }),
    await runtime.core.router.dispatch(caller, 'startRecovery', { path: 'phone', destination: '081234562797' }),
  ];
  return { results, ms: Date.now() - started };
}

describe('audit anchors from the runtime', () => {
  it('anchors the head at start and as records are written', async () => {
    const { runtime, latestAnchor } = await start();
    await vi.waitFor(async () => expect(await latestAnchor()).toBe(1)); // config.loaded
    const { results } = await citizenSteps(runtime);
    expect(results).toEqual([expect.objectContaining({ ok: true }), expect.objectContaining({ ok: true })]);
    await vi.waitFor(async () => expect(await latestAnchor()).toBeGreaterThanOrEqual(4));
  });

  it('a backend that does not answer anchors never blocks or fails a citizen step', async () => {
    const { runtime, fault } = await start();
    expect((await fault({ route: 'auditAnchor', kind: 'latency', latencyMs: 30_000 })).status).toBeLessThan(300);
    const { results, ms } = await citizenSteps(runtime);
    expect(results).toEqual([expect.objectContaining({ ok: true }), expect.objectContaining({ ok: true })]);
    expect(ms).toBeLessThan(5_000); // against an anchor route that hangs for 30 s
  });

  it('a backend that fails anchors (5xx, dropped) never fails a citizen step; the fault is reported, close sends the last head', async () => {
    const { runtime, fault, latestAnchor, onFault } = await start();
    await vi.waitFor(async () => expect(await latestAnchor()).toBe(1));
    expect((await fault({ route: 'auditAnchor', kind: 'error', status: 503, times: 3 })).status).toBeLessThan(300);
    expect((await fault({ route: 'auditAnchor', kind: 'drop' })).status).toBeLessThan(300);
    const { results } = await citizenSteps(runtime);
    expect(results).toEqual([expect.objectContaining({ ok: true }), expect.objectContaining({ ok: true })]);
    await vi.waitFor(() => expect(onFault).toHaveBeenCalledWith('audit anchor', expect.objectContaining({ name: 'AuditAnchorError' })));
    expect(onFault).not.toHaveBeenCalledWith('audit', expect.anything());
    expect(await latestAnchor()).toBe(1);
    // the backend is back: close sends the last head (best effort, bounded)
    await fetch(`${stub.url}/__test/faults`, { method: 'DELETE' });
    await runtime.close();
    runtimes.splice(runtimes.indexOf(runtime), 1);
    expect(await latestAnchor()).toBe(4);
  });
});
