/**
 * Shutting the runtime down when a part of it fails to close (docs/architecture.md §1):
 * a kiosk whose last audit flush fails (disk full) must still stop its embedded stub
 * before it lets go of the data folder, or the next kiosk on the folder would start
 * while the old stub still writes its state there. The fault is not swallowed.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../../src-main/core/config';
import { LOCK_NAME } from '../../../../src-main/shell/dataFolderLock';
import { openKioskAudit } from '../../../../src-main/shell/openAudit';
import { startRuntime } from '../../../../src-main/shell/runtime';

const temps: string[] = [];
afterEach(async () => {
  await Promise.all(temps.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

class DiskFullError extends Error {
  override name = 'DiskFullError';
  code = 'ENOSPC';
}

/** A training kiosk whose embedded stub records when it is stopped, and whether the data folder was still this kiosk's then. */
async function trainingKiosk(faults: { auditClose?: Error; stubClose?: Error }) {
  const dataDir = await mkdtemp(join(tmpdir(), 'pulih-close-'));
  temps.push(dataDir);
  const stub = { closed: false, folderLockedAtClose: false };
  const runtime = await startRuntime({
    config: parseConfig({ kioskId: 'KIOSK-CLOSE-1' }),
    dataDir,
    // The stub here is a double with no anchor route: do not wait for the last anchor.
    auditAnchors: { closeTimeoutMs: 50 },
    openAudit: async (dir, kioskId) => {
      const audit = await openKioskAudit(dir, kioskId);
      const closeLog = audit.close.bind(audit);
      return Object.assign(audit, {
        close: async () => {
          await closeLog();
          if (faults.auditClose) throw faults.auditClose;
        },
      });
    },
    startEmbeddedStub: async () => ({
      url: 'http://127.0.0.1:9',
      close: async () => {
        stub.closed = true;
        stub.folderLockedAtClose = existsSync(join(dataDir, LOCK_NAME));
        if (faults.stubClose) throw faults.stubClose;
      },
    }),
  });
  return { runtime, stub, lockHeld: () => existsSync(join(dataDir, LOCK_NAME)) };
}

describe('runtime.close', () => {
  it('stops the stub, then frees the data folder', async () => {
    const { runtime, stub, lockHeld } = await trainingKiosk({});
    await runtime.close();
    expect(stub).toEqual({ closed: true, folderLockedAtClose: true });
    expect(lockHeld()).toBe(false);
  });

  it('an audit log that fails to close still lets the stub stop before the data folder is freed, and the failure is reported', async () => {
    const { runtime, stub, lockHeld } = await trainingKiosk({ auditClose: new DiskFullError('no space left on device') });
    await expect(runtime.close()).rejects.toThrow(DiskFullError);
    expect(stub).toEqual({ closed: true, folderLockedAtClose: true });
    expect(lockHeld()).toBe(false);
  });

  it('a stub that fails to stop still frees the data folder, and the failure is reported', async () => {
    const { runtime, stub, lockHeld } = await trainingKiosk({ stubClose: new DiskFullError('no space left on device') });
    await expect(runtime.close()).rejects.toThrow(DiskFullError);
    expect(stub.closed).toBe(true);
    expect(lockHeld()).toBe(false);
  });
});
