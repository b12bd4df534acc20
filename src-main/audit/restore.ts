/**
 * Picking the chain up from disk, at open and after a failed write: find the
 * last file, cut off a torn last line (a write interrupted by a crash — it
 * was never acknowledged), and find the record the next one links to.
 *
 * Only a torn (newline-less) tail is removed. A complete line that does not
 * verify is left exactly as it is: the chain continues after it and
 * `verifyAuditDir` reports it, so tampering is never hidden by a repair.
 */
import { join } from 'node:path';
import type { AuditFs } from './auditFs';
import { dayOfAuditFile, listAuditFiles } from './files';
import { GENESIS_HASH } from './record';
import { readFileTail, type TailLink } from './tail';
import type { DayFileAppender } from './writer';

const DIR_MODE = 0o750;

export interface TornTailRepair {
  /** Name of the file that was cut back. */
  file: string;
  bytesRemoved: number;
}

export interface RestoredChain {
  /** The record the next append links to (seq 0, GENESIS_HASH and keyed for a new log: it starts keyed). */
  last: TailLink;
  /** The day of the file that holds `last` (undefined for a new log). */
  lastDay: string | undefined;
  repair: TornTailRepair | undefined;
}

const NEW_LOG: TailLink = { seq: 0, hash: GENESIS_HASH, keyed: true };

/**
 * Restores the chain of `dir` and hands the last file, open and repaired,
 * to `appender` so that appends continue in it.
 */
export async function restoreChain(dir: string, fs: AuditFs, appender: DayFileAppender): Promise<RestoredChain> {
  await fs.mkdir(dir, { recursive: true, mode: DIR_MODE });
  const files = await listAuditFiles(dir, (path) => fs.readdir(path));
  const lastFile = files.at(-1);
  if (lastFile === undefined) return { last: NEW_LOG, lastDay: undefined, repair: undefined };

  const day = dayOfAuditFile(lastFile) as string;
  const handle = await appender.openDayFile(day);
  try {
    const { size } = await handle.stat();
    const tail = await readFileTail(handle, size);
    let repair: TornTailRepair | undefined;
    if (tail.completeLength < size) {
      await handle.truncate(tail.completeLength);
      await handle.datasync();
      repair = { file: lastFile, bytesRemoved: size - tail.completeLength };
    }
    let last = tail.last;
    let lastDay: string | undefined = last === undefined ? undefined : day;
    for (let index = files.length - 2; last === undefined && index >= 0; index -= 1) {
      const file = files[index] as string;
      last = await lastLinkOf(fs, join(dir, file));
      if (last !== undefined) lastDay = dayOfAuditFile(file);
    }
    appender.adopt(day, handle, tail.completeLength);
    return { last: last ?? NEW_LOG, lastDay, repair };
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw error;
  }
}

async function lastLinkOf(fs: AuditFs, path: string): Promise<TailLink | undefined> {
  const handle = await fs.open(path, 'r');
  try {
    const { size } = await handle.stat();
    return (await readFileTail(handle, size)).last;
  } finally {
    await handle.close();
  }
}
