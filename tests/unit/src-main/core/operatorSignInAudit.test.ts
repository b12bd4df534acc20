/**
 * A failed officer sign-in (issue #11): the audit log records a keyed hash of
 * what was typed as the staff id, never the text itself: a NIK, a PIN or a
 * mother's name typed into "ID Petugas" must leave no trace in the audit
 * file or its CSV export. A successful sign-in still records the backend's
 * staff id. Against the real embedded stub and the real audit log.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { exportCsv } from '../../../../src-main/audit/csvExport';
import type { AuditLog } from '../../../../src-main/audit/auditLog';
import { createBackendClient } from '../../../../src-main/backend/client';
import { startStub, type RunningStub } from '../../../../src-main/backend/stub/server';
import { parseConfig } from '../../../../src-main/core/config';
import { createKioskCore } from '../../../../src-main/core/kioskCore';
import { openKioskAudit } from '../../../../src-main/shell/openAudit';
import { testKioskKey } from '../backend/testKiosks';

const KIOSK = 'KIOSK-AUDIT';
/** Typed into "ID Petugas" by mistake: a citizen's NIK, a mother's name, a PIN. */
const NIK = '3171014101900001';
const MOTHER = 'AMINAHSITI';
const PIN_AS_ID = '97531864';

let stub: RunningStub;
let dir: string;
let audit: AuditLog | undefined;

beforeAll(async () => {
  stub = await startStub({ port: 0, kiosks: [{ kioskId: KIOSK, key: testKioskKey(KIOSK), mode: 'assisted' }] });
});
afterAll(async () => {
  await stub.close();
});
afterEach(async () => {
  await audit?.close();
  audit = undefined;
  await rm(dir, { recursive: true, force: true });
});

async function setup() {
  dir = await mkdtemp(join(tmpdir(), 'pulih-operator-audit-'));
  const auditDir = join(dir, 'audit');
  audit = await openKioskAudit(auditDir, KIOSK);
  const core = createKioskCore({
    config: parseConfig({ mode: 'assisted', kioskId: KIOSK }),
    backend: createBackendClient({ baseUrl: stub.url, kioskKey: testKioskKey(KIOSK), timeoutMs: 5_000, retries: 0 }),
    audit,
    training: true,
  });
  const signIn = (staffId: string, pin: string) => core.router.dispatch({ windowId: 'w1' }, 'operatorSignIn', { staffId, pin });
  return { auditDir, audit, signIn };
}

async function auditFiles(auditDir: string): Promise<string> {
  const files = (await readdir(auditDir)).filter((f) => f.endsWith('.jsonl'));
  return (await Promise.all(files.map((f) => readFile(join(auditDir, f), 'utf8')))).join('');
}

function records(text: string): Record<string, unknown>[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('a failed officer sign-in in the audit log', () => {
  it('keeps no trace of a NIK, a name or a PIN typed as the staff id, in the file or the CSV export', async () => {
    const { auditDir, audit: log, signIn } = await setup();
    for (const typed of [NIK, MOTHER, PIN_AS_ID]) {
      expect(await signIn(typed, '123456')).toMatchObject({ ok: false, error: { code: 'OPERATOR_INVALID' } });
    }
    const subjectOfNik = log.subjectKey(NIK);
    await log.close();
    audit = undefined;

    const text = await auditFiles(auditDir);
    const csv = await exportCsv(auditDir, '2000-01-01', '2999-12-31');
    for (const [where, content] of [
      ['audit file', text],
      ['CSV export', csv],
    ] as const) {
      expect(content, where).toContain('operator.signin-failed');
      for (const secret of [NIK, NIK.slice(0, 10), MOTHER, MOTHER.toLowerCase(), PIN_AS_ID, '123456']) {
        expect(content.includes(secret), `${where} holds ${secret}`).toBe(false);
      }
      // Nor the keyed hash the citizen's own events would carry: the staff id has a domain of its own.
      expect(content.includes(subjectOfNik), `${where} links the failure to the citizen`).toBe(false);
    }
    const failures = records(text).filter((r) => r.event === 'operator.signin-failed');
    expect(failures).toHaveLength(3);
    for (const failure of failures) {
      expect(failure).not.toHaveProperty('operatorId');
      expect(failure.subject).toMatch(/^hmac:[0-9a-f]{64}$/);
      expect(failure.detail).toEqual({ errorCode: 'OPERATOR_INVALID' });
    }
    expect(new Set(failures.map((f) => f.subject)).size).toBe(3);
  });

  it('hashes the staff id as the backend reads it (upper-cased): tries on one id go together, apart from others; a success records the staff id', async () => {
    const { auditDir, audit: log, signIn } = await setup();
    for (const typed of ['ptgx77', 'PTGX77', 'PTGX78']) {
      expect(await signIn(typed, '123456')).toMatchObject({ ok: false, error: { code: 'OPERATOR_INVALID' } });
    }
    expect(await signIn('PTG001', '246810')).toMatchObject({ ok: true, value: { staffId: 'PTG001' } });
    await log.close();
    audit = undefined;

    const written = records(await auditFiles(auditDir));
    const subjects = written.filter((r) => r.event === 'operator.signin-failed').map((r) => r.subject);
    expect(subjects[0]).toBe(subjects[1]);
    expect(subjects[2]).not.toBe(subjects[0]);
    expect(written.find((r) => r.event === 'operator.signed-in')).toMatchObject({ operatorId: 'PTG001', outcome: 'success' });
    expect(JSON.stringify(written)).not.toMatch(/PTGX7[78]/i);
  });
});
