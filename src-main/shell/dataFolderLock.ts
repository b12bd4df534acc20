import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { lock } from 'proper-lockfile';

/**
 * One writer per data folder (docs/architecture.md §6): the audit chain and
 * the embedded stub's counters assume that only one kiosk process writes
 * them. The lock is a directory, `<data>/kiosk.lock`, made atomically with
 * mkdir by proper-lockfile; its holder touches it every `updateMs`, so a
 * lock untouched for `staleMs` was left by a kiosk that died (SIGKILL, power
 * cut) and is taken over.
 */
export const LOCK_NAME = 'kiosk.lock';

/**
 * A kiosk that has not touched its lock for 10 s is taken for dead
 * (proper-lockfile's default): a live one touches it every 2 s, so it would
 * have to miss four touches in a row. A restart after a crash waits at most
 * this long for the dead kiosk's lock.
 */
const STALE_MS = 10_000;
/** How often the holder touches its lock; a second kiosk sees the touch and gives up within about this long. */
const UPDATE_MS = 2_000;
/** How often a waiting kiosk looks at the lock again. */
const RETRY_MS = 250;

/** Another kiosk process holds the data folder: this one must not start on it. */
export class DataFolderInUseError extends Error {
  constructor(readonly dataDir: string) {
    super(`another Pulih kiosk is using the data folder ${dataDir}; close that kiosk first, or start this one with another --data-dir`);
    this.name = 'DataFolderInUseError';
  }
}

export interface DataFolderLockOptions {
  /** How long an untouched lock counts as held (proper-lockfile takes at least 2000). */
  staleMs?: number;
  /** How often the holder touches the lock (proper-lockfile takes 1000 to staleMs / 2). */
  updateMs?: number;
  retryMs?: number;
  /** The lock was lost while held (its directory removed or touched by someone else): reported, never thrown. */
  onCompromised?: (err: Error) => void;
}

export interface DataFolderLock {
  /** 'unclean' when the lock found was stale: the kiosk before this one died without releasing it. */
  previousShutdown?: 'unclean';
  /** Removes the lock; a lock already lost (compromised) is left alone. */
  release(): Promise<void>;
}

/** mtime of the lock directory in ms, or undefined when there is none. */
async function lockTouchedAt(lockPath: string): Promise<number | undefined> {
  try {
    return (await stat(lockPath)).mtimeMs;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/**
 * Takes the data folder (which must exist) for this process, or throws
 * DataFolderInUseError. A lock that is held is watched: once its holder
 * touches it, the holder is alive and this kiosk gives up; a lock nobody
 * touches turns stale within `staleMs` and is taken over. So a second kiosk
 * is refused within about `updateMs`, and a restart after a crash waits at
 * most about `staleMs`.
 */
export async function lockDataFolder(dataDir: string, options: DataFolderLockOptions = {}): Promise<DataFolderLock> {
  const staleMs = options.staleMs ?? STALE_MS;
  const updateMs = options.updateMs ?? UPDATE_MS;
  const retryMs = options.retryMs ?? RETRY_MS;
  const lockPath = join(dataDir, LOCK_NAME);
  const deadline = Date.now() + staleMs + updateMs;
  let firstSeen: number | undefined;

  for (;;) {
    const touchedAt = await lockTouchedAt(lockPath);
    try {
      const release = await lock(dataDir, {
        lockfilePath: lockPath,
        realpath: false,
        stale: staleMs,
        update: updateMs,
        retries: 0,
        onCompromised: (err) => options.onCompromised?.(err),
      });
      // A lock directory was there a moment ago and proper-lockfile still got the lock: it was stale and removed.
      const unclean = touchedAt !== undefined && touchedAt < Date.now() - staleMs;
      return {
        ...(unclean ? { previousShutdown: 'unclean' as const } : {}),
        release: () =>
          release().catch((err: unknown) => {
            if ((err as NodeJS.ErrnoException).code !== 'ERELEASED') throw err;
          }),
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ELOCKED') throw err;
    }
    const seen = await lockTouchedAt(lockPath);
    if (seen !== undefined) {
      firstSeen ??= seen;
      // Touched since we first looked: its holder is alive.
      if (seen !== firstSeen) throw new DataFolderInUseError(dataDir);
    }
    if (Date.now() >= deadline) throw new DataFolderInUseError(dataDir);
    await sleep(retryMs);
  }
}
