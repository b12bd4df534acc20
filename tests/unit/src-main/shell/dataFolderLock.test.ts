import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AuditEventInput } from '../../../../src-main/audit/types';
import { parseConfig } from '../../../../src-main/core/config';
import { DataFolderInUseError, LOCK_NAME, lockDataFolder, type DataFolderLock } from '../../../../src-main/shell/dataFolderLock';
import { startRuntime, type Runtime, type RuntimeOptions } from '../../../../src-main/shell/runtime';

/**
 * One writer per data folder (issues #12/#16). Real directories, real
 * proper-lockfile; timings shortened (proper-lockfile's floor: stale 2 s,
 * update 1 s) so a run stays short. No test asserts how long anything took.
 */
const FAST = { staleMs: 2_000, updateMs: 1_000, retryMs: 50 };

const temps: string[] = [];
const held: Array<DataFolderLock | Runtime> = [];

async function dataFolder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pulih-lock-'));
  temps.push(dir);
  return dir;
}

afterEach(async () => {
  for (const h of held.splice(0)) await ('release' in h ? h.release() : h.close()).catch(() => {});
  await Promise.all(temps.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A lock directory as a SIGKILLed kiosk leaves it: present, and touched `ageMs` ago by nobody since. */
async function leftBehindLock(dataDir: string, ageMs: number): Promise<void> {
  await mkdir(join(dataDir, LOCK_NAME));
  const then = new Date(Date.now() - ageMs);
  await utimes(join(dataDir, LOCK_NAME), then, then);
}

describe('the data folder lock', () => {
  it('refuses a second kiosk on the same folder with a message that says which folder and what to do', async () => {
    const dataDir = await dataFolder();
    held.push(await lockDataFolder(dataDir, FAST));

    const second = lockDataFolder(dataDir, FAST);
    await expect(second).rejects.toBeInstanceOf(DataFolderInUseError);
    await expect(second).rejects.toThrow(`another Pulih kiosk is using the data folder ${dataDir}; close that kiosk first, or start this one with another --data-dir`);
    // The first keeps its lock.
    expect(existsSync(join(dataDir, LOCK_NAME))).toBe(true);
  });

  it('can be taken again once released, and leaves nothing behind', async () => {
    const dataDir = await dataFolder();
    const first = await lockDataFolder(dataDir, FAST);
    await first.release();
    expect(existsSync(join(dataDir, LOCK_NAME))).toBe(false);

    const again = await lockDataFolder(dataDir, FAST);
    held.push(again);
    expect(again.previousShutdown).toBeUndefined();
    expect(existsSync(join(dataDir, LOCK_NAME))).toBe(true);
  });

  it('takes over a lock left by a kiosk that died long ago, and says the previous shutdown was unclean', async () => {
    const dataDir = await dataFolder();
    await leftBehindLock(dataDir, 60 * 60_000);

    const lock = await lockDataFolder(dataDir, FAST);
    held.push(lock);
    expect(lock.previousShutdown).toBe('unclean');
  });

  it('takes over a lock left a moment ago once nobody has touched it for the stale period', async () => {
    const dataDir = await dataFolder();
    await leftBehindLock(dataDir, 0);

    const lock = await lockDataFolder(dataDir, FAST);
    held.push(lock);
    expect(lock.previousShutdown).toBe('unclean');
  });

  it('reports a lock lost while held instead of throwing', async () => {
    const dataDir = await dataFolder();
    const onCompromised = vi.fn();
    const lock = await lockDataFolder(dataDir, { ...FAST, onCompromised });
    await rm(join(dataDir, LOCK_NAME), { recursive: true });

    await vi.waitFor(() => expect(onCompromised).toHaveBeenCalledWith(expect.objectContaining({ code: 'ECOMPROMISED' })), { timeout: 10_000 });
    // Releasing a lost lock is not an error either.
    await expect(lock.release()).resolves.toBeUndefined();
  });
});

describe('startRuntime on a data folder', () => {
  const config = parseConfig({ backend: 'http://127.0.0.1:9', kioskKeyFile: '/nonexistent/kiosk.key' });

  function runtimeOptions(dataDir: string, more: Partial<RuntimeOptions> = {}) {
    const appended: AuditEventInput[] = [];
    const openAudit = vi.fn(async () => ({
      append: async (input: AuditEventInput) => {
        appended.push(input);
        return { seq: appended.length };
      },
      subjectKey: (raw: string) => `hmac:${raw.length}`,
      close: async () => {},
    }));
    const readKioskKey = async () => 'K'.repeat(43);
    return { options: { config, dataDir, openAudit, readKioskKey, dataFolderLock: FAST, ...more } as RuntimeOptions, openAudit, appended };
  }

  it('refuses a second runtime before it opens the audit log, and lets the next one start once the first has closed', async () => {
    const dataDir = await dataFolder();
    const first = await startRuntime(runtimeOptions(dataDir).options);
    held.push(first);

    const second = runtimeOptions(dataDir);
    await expect(startRuntime(second.options)).rejects.toBeInstanceOf(DataFolderInUseError);
    expect(second.openAudit).not.toHaveBeenCalled();

    await first.close();
    expect(existsSync(join(dataDir, LOCK_NAME))).toBe(false);
    const third = runtimeOptions(dataDir);
    held.push(await startRuntime(third.options));
    expect(third.appended[0]?.detail).not.toHaveProperty('previousShutdown');
    expect(third.appended.map((event) => event.event)).not.toContain('kiosk.unclean-shutdown');
  });

  it('records an unclean previous shutdown in the start-up event, and reports a lost lock through onFault', async () => {
    const dataDir = await dataFolder();
    await leftBehindLock(dataDir, 60 * 60_000);
    const onFault = vi.fn();
    const { options, appended } = runtimeOptions(dataDir, { onFault, startupDetail: { shell: 'browser' } });
    held.push(await startRuntime(options));

    expect(appended[0]).toMatchObject({ event: 'config.loaded', detail: { shell: 'browser', previousShutdown: 'unclean' } });
    // …and as an event of its own, right after it
    expect(appended[1]).toMatchObject({ event: 'kiosk.unclean-shutdown', outcome: 'info' });

    await rm(join(dataDir, LOCK_NAME), { recursive: true });
    await vi.waitFor(() => expect(onFault).toHaveBeenCalledWith('data folder lock', expect.objectContaining({ code: 'ECOMPROMISED' })), { timeout: 10_000 });
  });
});
