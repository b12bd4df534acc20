/**
 * Durable appends to the day files. One instance owns the open file; the
 * caller (AuditLog) serialises calls and hands over a whole group of lines
 * at a time (group commit), so one write and one sync cover them all.
 *
 * Durability: a line is on disk before `append` resolves. Where the platform
 * has O_DSYNC (Linux; macOS too) the file is opened with it, so the write
 * itself returns only once data and size are stable — the same guarantee as
 * write + fdatasync, in one system call (one thread-pool round trip instead
 * of two). Elsewhere (Windows), or with `durability: 'fdatasync'`, each
 * write is followed by fdatasync. A new day file also gets its directory
 * entry synced. (On macOS neither O_DSYNC nor fsync flushes the drive's own
 * cache; that would take F_FULLFSYNC, which Node does not expose.)
 *
 * Failure policy: if a write or sync fails, the file is truncated back to
 * its last good length (and that synced) so no partial line is left behind,
 * and the error is rethrown. The caller then treats the writer as broken
 * and rebuilds it from what is on disk before the next append; if the
 * truncation failed too, that rebuild finds the torn line and repairs it.
 */
import { constants } from 'node:fs';
import { join } from 'node:path';
import type { AuditFileHandle, AuditFs } from './auditFs';
import { errnoCode } from './errors';
import { auditFileName } from './files';

export type Durability = 'dsync' | 'fdatasync';

/** O_DSYNC where the platform defines it. */
export const DEFAULT_DURABILITY: Durability = constants.O_DSYNC === undefined ? 'fdatasync' : 'dsync';

const FILE_MODE = 0o640;
/** Errors of platforms that cannot fsync a directory; nothing to do there. */
const DIRECTORY_SYNC_UNSUPPORTED = new Set(['EISDIR', 'EPERM', 'EINVAL', 'ENOTSUP', 'EBADF']);

interface OpenDayFile {
  day: string;
  handle: AuditFileHandle;
  /** Length of the file's complete, durable content. */
  size: number;
}

export class DayFileAppender {
  private current: OpenDayFile | undefined;

  constructor(
    private readonly dir: string,
    private readonly fs: AuditFs,
    private readonly durability: Durability,
  ) {}

  /** Opens a day file for appending (creating it if needed). */
  openDayFile(day: string): Promise<AuditFileHandle> {
    const { O_RDWR, O_APPEND, O_CREAT, O_DSYNC } = constants;
    const flags = O_RDWR | O_APPEND | O_CREAT | (this.durability === 'dsync' ? O_DSYNC : 0);
    return this.fs.open(join(this.dir, auditFileName(day)), flags, FILE_MODE);
  }

  /** The day of the file appends go to now (undefined before the first). */
  get currentDay(): string | undefined {
    return this.current?.day;
  }

  /** Takes over an already opened day file whose first `size` bytes are good. */
  adopt(day: string, handle: AuditFileHandle, size: number): void {
    this.current = { day, handle, size };
  }

  /**
   * Appends `bytes` (whole lines) to the file of `day` — or of the current
   * file's day if that is later (the clock stepped back: files never go back
   * in time, so the chain stays in file-name order) — and makes it durable.
   */
  async append(day: string, bytes: Buffer): Promise<void> {
    const file = await this.fileFor(day);
    try {
      let offset = 0;
      while (offset < bytes.length) {
        const { bytesWritten } = await file.handle.write(bytes, offset, bytes.length - offset, null);
        if (bytesWritten <= 0) throw new Error('the file system accepted no bytes');
        offset += bytesWritten;
      }
      if (this.durability === 'fdatasync') await file.handle.datasync();
    } catch (error) {
      await this.rollBack(file);
      throw error;
    }
    file.size += bytes.length;
  }

  /** Closes the open file, if any; errors are ignored when `quietly`. */
  async close(quietly = false): Promise<void> {
    const file = this.current;
    this.current = undefined;
    if (file === undefined) return;
    try {
      await file.handle.close();
    } catch (error) {
      if (!quietly) throw error;
    }
  }

  private async fileFor(day: string): Promise<OpenDayFile> {
    const current = this.current;
    if (current !== undefined && current.day >= day) return current;
    await this.close(true);
    const handle = await this.openDayFile(day);
    try {
      const { size } = await handle.stat();
      await this.syncDirectory();
      this.current = { day, handle, size };
      return this.current;
    } catch (error) {
      await handle.close().catch(() => undefined);
      throw error;
    }
  }

  /** Best effort: cut a partially written line off again, durably. */
  private async rollBack(file: OpenDayFile): Promise<void> {
    try {
      await file.handle.truncate(file.size);
      await file.handle.datasync();
    } catch {
      // The torn bytes stay; reopening finds and repairs them.
    }
  }

  private async syncDirectory(): Promise<void> {
    let handle: AuditFileHandle | undefined;
    try {
      handle = await this.fs.open(this.dir, 'r');
      await handle.sync();
    } catch (error) {
      const code = errnoCode(error);
      if (code === undefined || !DIRECTORY_SYNC_UNSUPPORTED.has(code)) throw error;
    } finally {
      await handle?.close().catch(() => undefined);
    }
  }
}
