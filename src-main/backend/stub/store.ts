/**
 * Holds the stub's state and, when a state file is given, writes it after
 * every change so that attempt counters, accounts, outbox and challenges
 * survive a restart. Writes are atomic (temp file + fsync + rename + fsync of
 * the folder): a kill at any moment leaves either the old or the new state,
 * never a torn file. Concurrent changes are coalesced into as few writes as
 * possible, and each caller is released only once a write that includes its
 * change is on disk.
 */
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { demoState } from './demoData';
import { STATE_VERSION, type StubState } from './state';

export class StateStore {
  private changeSeq = 0;
  private writtenSeq = 0;
  private inflight: Promise<void> | null = null;

  private constructor(
    public state: StubState,
    private readonly file: string | undefined,
  ) {}

  /** Loads the state file if it exists, else starts from the demo data. */
  static async open(file?: string): Promise<StateStore> {
    if (!file) return new StateStore(demoState(), undefined);
    await mkdir(dirname(file), { recursive: true });
    let text: string | null = null;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    if (text === null) {
      const store = new StateStore(demoState(), file);
      await store.persist();
      return store;
    }
    return new StateStore(parseState(text, file), file);
  }

  /** Replaces everything with fresh demo data (test control `reset`). */
  reset(): void {
    this.state = demoState();
  }

  /** Resolves once the current state (with every change made so far) is on disk. */
  async persist(): Promise<void> {
    if (!this.file) return;
    const file = this.file;
    this.changeSeq += 1;
    const target = this.changeSeq;
    while (this.writtenSeq < target) {
      if (this.inflight) {
        await this.inflight;
        continue;
      }
      const seq = this.changeSeq;
      const data = JSON.stringify(this.state);
      this.inflight = writeAtomically(file, data)
        .then(() => {
          this.writtenSeq = Math.max(this.writtenSeq, seq);
        })
        .finally(() => {
          this.inflight = null;
        });
      await this.inflight;
    }
  }

  /** Waits for a write in progress (used on close). */
  async flush(): Promise<void> {
    while (this.inflight) await this.inflight.catch(() => undefined);
  }
}

function parseState(text: string, file: string): StubState {
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null || (parsed as { version?: unknown }).version !== STATE_VERSION) {
    throw new Error(`${basename(file)} is not a Pulih stub state (version ${STATE_VERSION})`);
  }
  return parsed as StubState;
}

let tempSeq = 0;

async function writeAtomically(file: string, data: string): Promise<void> {
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

/** Makes the rename itself durable; some platforms cannot open folders, which is harmless. */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Windows cannot fsync a directory; the rename is still atomic there.
  }
}
