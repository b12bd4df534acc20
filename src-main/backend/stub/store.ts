/**
 * Holds the stub's state and, when a state file is given, writes it after
 * every change so that attempt counters, accounts, outbox and challenges
 * survive a restart.
 *
 * Durable: a write is a temp file, fsync, rename over the state file, fsync
 * of the folder, so a kill at any moment leaves either the old or the new
 * state, never a torn file. Concurrent changes are coalesced into as few
 * writes as possible, and each caller is released only once a write that
 * includes its change is on disk.
 *
 * Honest: the text of the last write that succeeded is kept. When a write
 * fails (disk full, I/O error) the state in memory is put back to it, and
 * every change made since (the failed write's and any made on top of it
 * meanwhile) is reported lost (`StateNotDurableError`) to the caller that
 * made it, so that nothing is confirmed that a crash would take back.
 *
 * Trusted only when it fits: a state file that is not JSON, is another
 * version, or does not fit the state schema (stateSchema.ts) stops the
 * stub with an error naming the file and the cause.
 */
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { demoState } from './demoData';
import { STATE_VERSION, type StubState } from './state';
import { checkState, upgradeState } from './stateSchema';

/** Makes `data` the content of `file`, durably, or throws. */
export type StateWriter = (file: string, data: string) => Promise<void>;

/** The state file cannot be read, is not a state of this stub, or cannot be written at start. */
export class StateFileError extends Error {
  constructor(
    readonly file: string,
    problem: string,
    options?: { cause?: unknown },
  ) {
    super(`stub state file ${file} ${problem}`, options);
    this.name = 'StateFileError';
  }
}

/** A change was not saved and has been undone: nothing about it may be confirmed. */
export class StateNotDurableError extends Error {
  constructor(options?: { cause?: unknown }) {
    super(`the change could not be saved and was undone (${reasonOf(options?.cause)})`, options);
    this.name = 'StateNotDurableError';
  }
}

export class StateStore {
  /** Changes made so far (each `persist()` is one). */
  private changeSeq = 0;
  /** Every change up to this one is on disk. */
  private writtenSeq = 0;
  /** The changes after lostFrom up to lostSeq were undone by a failed write. */
  private lostFrom = 0;
  private lostSeq = 0;
  private lastError: unknown = null;
  private inflight: Promise<void> | null = null;

  private constructor(
    public state: StubState,
    private readonly file: string | undefined,
    private readonly writer: StateWriter,
    /** The state as last written (or read): what a failed write goes back to. */
    private durableText: string,
  ) {}

  /** Loads the state file if it exists, else starts from the demo data (and writes it). */
  static async open(file?: string, writer: StateWriter = writeAtomically): Promise<StateStore> {
    if (!file) return new StateStore(demoState(), undefined, writer, '');
    let text: string | null = null;
    try {
      await mkdir(dirname(file), { recursive: true });
      text = await readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new StateFileError(file, `cannot be read (${reasonOf(err)})`, { cause: err });
    }
    if (text === null) {
      const fresh = demoState();
      const store = new StateStore(fresh, file, writer, JSON.stringify(fresh));
      try {
        await store.persist();
      } catch (err) {
        throw new StateFileError(file, `cannot be written (${reasonOf(err instanceof StateNotDurableError ? err.cause : err)})`, { cause: err });
      }
      return store;
    }
    return new StateStore(parseState(text, file), file, writer, text);
  }

  /** Replaces everything with fresh demo data (test control `reset`). */
  reset(): void {
    this.state = demoState();
  }

  /**
   * Counts a change to `state` (call it in the same synchronous step as the
   * change) and resolves once a write including it is on disk. Throws
   * StateNotDurableError when that write failed: the change is then undone.
   */
  async persist(): Promise<void> {
    if (!this.file) return;
    this.changeSeq += 1;
    await this.durableUpTo(this.changeSeq);
  }

  /**
   * Resolves once every change made so far is on disk (at once when none is
   * pending); false when one of them was lost. What a replay waits for
   * before it repeats an answer.
   */
  async settled(): Promise<boolean> {
    if (!this.file) return true;
    try {
      await this.durableUpTo(this.changeSeq);
      return true;
    } catch (err) {
      if (err instanceof StateNotDurableError) return false;
      throw err;
    }
  }

  /** Waits for a write in progress (used on close). */
  async flush(): Promise<void> {
    while (this.inflight) await this.inflight;
  }

  private async durableUpTo(target: number): Promise<void> {
    const file = this.file;
    if (!file) return;
    for (;;) {
      if (target > this.lostFrom && target <= this.lostSeq) throw new StateNotDurableError({ cause: this.lastError });
      if (this.writtenSeq >= target) return;
      if (!this.inflight) this.inflight = this.write(file);
      await this.inflight;
    }
  }

  /** Writes everything changed so far; never rejects (a failure undoes the changes instead). */
  private async write(file: string): Promise<void> {
    const seq = this.changeSeq;
    const data = JSON.stringify(this.state);
    try {
      await this.writer(file, data);
      this.writtenSeq = Math.max(this.writtenSeq, seq);
      this.durableText = data;
    } catch (err) {
      // Changes made while this write was on its way were made on top of the lost ones: they go too.
      this.lastError = err;
      this.lostFrom = this.writtenSeq;
      this.lostSeq = this.changeSeq;
      this.state = JSON.parse(this.durableText) as StubState;
    } finally {
      this.inflight = null;
    }
  }
}

function reasonOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function parseState(text: string, file: string): StubState {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new StateFileError(file, `is not valid JSON (${reasonOf(err)})`, { cause: err });
  }
  const version = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as { version?: unknown }).version : undefined;
  if (version !== STATE_VERSION) {
    const found = version === undefined ? 'no version' : `version ${JSON.stringify(version).slice(0, 20)}`;
    throw new StateFileError(file, `is not a Pulih stub state of version ${STATE_VERSION} (${found})`);
  }
  const problem = checkState(upgradeState(parsed));
  if (problem !== null) throw new StateFileError(file, `does not fit the state schema: ${problem}`);
  return parsed as StubState;
}

let tempSeq = 0;

/** The default writer: temp file, fsync, rename, fsync of the folder. */
export async function writeAtomically(file: string, data: string): Promise<void> {
  tempSeq += 1;
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.${tempSeq}.tmp`);
  try {
    const handle = await open(temp, 'w', 0o600);
    try {
      await handle.writeFile(data, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
  await syncDirectory(dirname(file));
}

/** Filesystems that cannot sync a folder say so with one of these; any other failure is a failed write. */
const NO_DIRECTORY_SYNC = new Set(['EINVAL', 'ENOTSUP', 'EISDIR', 'EPERM', 'EACCES']);

/** Makes the rename itself durable. */
async function syncDirectory(dir: string): Promise<void> {
  // Windows cannot open a folder for fsync; the rename is still atomic there.
  if (process.platform === 'win32') return;
  let handle;
  try {
    handle = await open(dir, 'r');
  } catch (err) {
    if (NO_DIRECTORY_SYNC.has((err as NodeJS.ErrnoException).code ?? '')) return;
    throw err;
  }
  try {
    await handle.sync();
  } catch (err) {
    if (!NO_DIRECTORY_SYNC.has((err as NodeJS.ErrnoException).code ?? '')) throw err;
  } finally {
    await handle.close();
  }
}
