import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openAuditLog, type AuditLog } from '../../../../src-main/audit/auditLog';
import { createFileKeyProvider } from '../../../../src-main/audit/keys';
import { createBackendClient } from '../../../../src-main/backend/client';
import { startStub, type RunningStub } from '../../../../src-main/backend/stub/server';
import { parseConfig } from '../../../../src-main/core/config';
import { createKioskCore } from '../../../../src-main/core/kioskCore';
import { createAuditExporter } from '../../../../src-main/shell/auditExport';
import { testKioskKey, testKiosks } from '../backend/testKiosks';
import { localDayOf, type KioskTimeZone } from '../../../../src-shared/kioskTime';

/**
 * The supervisor's CSV export through the core, with the real
 * audit log on disk and the real stub: only a signed-in officer of an
 * assisted kiosk gets it, and what lands in the file is the log's own rows.
 */
let stub: RunningStub;
let dataDir: string;
let audit: AuditLog;
/** Today at the kiosk (WIB by default): the officer picks the kiosk's own days. */
const today = localDayOf(Date.now(), 'Asia/Jakarta');

beforeAll(async () => {
  stub = await startStub({ port: 0, kiosks: testKiosks('KIOSK-EXPORT') });
});
afterAll(async () => {
  await stub.close();
});
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'pulih-export-'));
  audit = await openAuditLog({
    dir: join(dataDir, 'audit'),
    kioskId: 'KIOSK-EXPORT',
    keyProvider: createFileKeyProvider(join(dataDir, 'keys', 'k')),
  });
});
afterEach(async () => {
  await audit.close();
  await rm(dataDir, { recursive: true, force: true });
});

function core(mode: 'assisted' | 'self-service', timeZone: KioskTimeZone = 'Asia/Jakarta') {
  return createKioskCore({
    config: parseConfig({ mode, kioskId: 'KIOSK-EXPORT', timeZone }),
    backend: createBackendClient({ baseUrl: stub.url, kioskKey: testKioskKey('KIOSK-EXPORT'), timeoutMs: 5_000, retries: 0 }),
    audit,
    training: true,
    exportAudit: createAuditExporter(join(dataDir, 'audit'), join(dataDir, 'exports'), timeZone),
  });
}

const caller = { windowId: 'w1' };

describe('exportAuditCsv', () => {
  it('needs a signed-in officer, then writes the day’s events as an owner-only CSV', async () => {
    const kiosk = core('assisted');
    expect(await kiosk.router.dispatch(caller, 'exportAuditCsv', { from: today, to: today })).toEqual({
      ok: false,
      error: { code: 'OPERATOR_REQUIRED' },
    });
    expect((await kiosk.router.dispatch(caller, 'operatorSignIn', { staffId: 'PTG001', pin: '246810' })).ok).toBe(true);
    expect((await kiosk.router.dispatch(caller, 'confirmOperatorPin', { pin: '246810' })).ok).toBe(true);
    const result = await kiosk.router.dispatch(caller, 'exportAuditCsv', { from: today, to: today });
    expect(result.ok).toBe(true);
    const { path, records } = (result as { ok: true; value: { path: string; records: number } }).value;
    expect(path.startsWith(join(dataDir, 'exports'))).toBe(true);
    const csv = await readFile(path, 'utf8');
    expect(csv).toContain('operator.signed-in');
    expect(csv).toContain('PTG001');
    // Times as the officer reads them: the kiosk's zone, the Indonesian way, the zone named in each cell.
    const times = csv.trim().split('\r\n').slice(1).map((line) => line.split(',')[1]);
    for (const time of times) expect(time).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}\.\d{2}\.\d{2} WIB$/);
    expect(csv.trim().split('\r\n')).toHaveLength(records + 1);
    expect((await stat(path)).mode & 0o077).toBe(0);
    // The export itself is an audited act.
    const again = await kiosk.router.dispatch(caller, 'exportAuditCsv', { from: today, to: today });
    const second = await readFile((again as { ok: true; value: { path: string } }).value.path, 'utf8');
    expect(second).toContain('audit.exported');
  });

  it('a kiosk in Papua writes WIT', async () => {
    const kiosk = core('assisted', 'Asia/Jayapura');
    await kiosk.router.dispatch(caller, 'operatorSignIn', { staffId: 'PTG001', pin: '246810' });
    await kiosk.router.dispatch(caller, 'confirmOperatorPin', { pin: '246810' });
    const day = localDayOf(Date.now(), 'Asia/Jayapura');
    const result = await kiosk.router.dispatch(caller, 'exportAuditCsv', { from: day, to: day });
    const csv = await readFile((result as { ok: true; value: { path: string } }).value.path, 'utf8');
    expect(csv).toMatch(/,\d{2}\/\d{2}\/\d{4} \d{2}\.\d{2}\.\d{2} WIT,/);
  });

  it('refuses a range that ends before it starts, and any self-service kiosk', async () => {
    const assisted = core('assisted');
    await assisted.router.dispatch(caller, 'operatorSignIn', { staffId: 'PTG001', pin: '246810' });
    await assisted.router.dispatch(caller, 'confirmOperatorPin', { pin: '246810' });
    expect(await assisted.router.dispatch(caller, 'exportAuditCsv', { from: '2026-11-26', to: '2026-11-01' })).toEqual({
      ok: false,
      error: { code: 'VALIDATION_FAILED', field: 'to' },
    });
    const selfService = core('self-service');
    expect(await selfService.router.dispatch(caller, 'exportAuditCsv', { from: today, to: today })).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });
});
