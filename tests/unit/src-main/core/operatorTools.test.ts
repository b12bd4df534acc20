import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATOR_TOOLS_SECONDS, type AuditExportView, type KioskMethod } from '../../../../src-shared/contract';
import { createBackendClient } from '../../../../src-main/backend/client';
import { startStub, type RunningStub } from '../../../../src-main/backend/stub/server';
import { parseConfig } from '../../../../src-main/core/config';
import { createKioskCore } from '../../../../src-main/core/kioskCore';
import { MemoryAudit } from './coreTestKit';
import { testKioskKey } from '../backend/testKiosks';

/**
 * Officer tools out of citizens' reach (issue #13, item 10): at an assisted
 * kiosk the audit export needs the officer's PIN again, checked by main with
 * the backend for the signed-in staff id, within OPERATOR_TOOLS_SECONDS.
 */

let stub: RunningStub;

beforeAll(async () => {
  stub = await startStub({ port: 0, kiosks: [{ kioskId: 'KIOSK-A', key: testKioskKey('KIOSK-A'), mode: 'assisted' }] });
});
afterAll(async () => {
  await stub.close();
});

function setup() {
  const audit = new MemoryAudit();
  let now = Date.parse('2026-03-02T01:00:00Z');
  const exports: string[] = [];
  const core = createKioskCore({
    config: parseConfig({ mode: 'assisted', kioskId: 'KIOSK-A' }),
    backend: createBackendClient({ baseUrl: stub.url, kioskKey: testKioskKey('KIOSK-A'), timeoutMs: 5_000, retries: 0 }),
    audit,
    training: true,
    now: () => now,
    exportAudit: async (from, to): Promise<AuditExportView> => {
      exports.push(`${from}..${to}`);
      return { path: '/data/exports/audit.csv', records: 3 };
    },
  });
  const call = (method: KioskMethod, payload?: unknown) => core.router.dispatch({ windowId: 'w1' }, method, payload);
  const advance = (ms: number) => (now += ms);
  return { audit, exports, call, advance };
}

const RANGE = { from: '2026-03-02', to: '2026-03-02' };

describe('the officer tools need the PIN again', () => {
  it('an export without the PIN confirmed is refused, whoever asks (the page is untrusted)', async () => {
    const { call, exports } = setup();
    await call('operatorSignIn', { staffId: 'PTG001', pin: '246810' });
    expect(await call('exportAuditCsv', RANGE)).toEqual({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(exports).toEqual([]);
  });

  it('a wrong PIN opens nothing, counts against the staff id, and is audited without the PIN', async () => {
    const { call, audit, exports } = setup();
    await call('operatorSignIn', { staffId: 'PTG001', pin: '246810' });
    expect(await call('confirmOperatorPin', { pin: '111111' })).toMatchObject({ ok: false, error: { code: 'OPERATOR_INVALID', attemptsRemaining: 4 } });
    expect(await call('exportAuditCsv', RANGE)).toEqual({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(exports).toEqual([]);
    expect(audit.events.map((e) => e.event)).toContain('operator.pin-failed');
    expect(JSON.stringify(audit.events)).not.toContain('111111');
  });

  it('the right PIN opens the tools for a while; then the PIN is asked again', async () => {
    const { call, audit, exports, advance } = setup();
    await call('operatorSignIn', { staffId: 'PTG001', pin: '246810' });
    expect(await call('confirmOperatorPin', { pin: '246810' })).toEqual({ ok: true, value: null });
    expect(await call('exportAuditCsv', RANGE)).toMatchObject({ ok: true, value: { records: 3 } });
    expect(audit.events.find((e) => e.event === 'operator.pin-confirmed')).toMatchObject({ operatorId: 'PTG001' });
    expect(JSON.stringify(audit.events)).not.toContain('246810');
    advance(OPERATOR_TOOLS_SECONDS * 1000);
    expect(await call('exportAuditCsv', RANGE)).toEqual({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(exports).toEqual(['2026-03-02..2026-03-02']);
  });

  it('with no officer signed in there is nobody to confirm', async () => {
    const { call } = setup();
    expect(await call('confirmOperatorPin', { pin: '246810' })).toEqual({ ok: false, error: { code: 'OPERATOR_REQUIRED' } });
  });
});
