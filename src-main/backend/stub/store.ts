/**
 * Holds the stub's state and, when a state file is given, keeps it on disk
 * so that attempt counters, accounts, outbox and challenges survive a
 * restart: a snapshot (the state file, the whole state as JSON) and a
 * journal beside it (`<state file>.journal`), one line per write, each line
 * the changed parts of the state.
 *
 * Change tracking cannot miss a change: `state` is a Proxy over the real
 * state, and every write through it (any depth) marks the part it falls in
 * — an entry of a top-level map (`recoveries[id]`, `idempotency[scope]`,
 * `codeLimits.sends[hash]`…), an element of a top-level array, or a
 * top-level key. A write to the journal holds the current value of every
 * part marked since the last one. Under test (`checkJournal`) every write
 * also applies its line to a copy of the state as the disk has it and
 * compares that with the state in memory.
 *
 * Durable: nothing is confirmed before it is on disk. Concurrent changes
 * are grouped into one line, one append and one fdatasync; each caller is
 * released only once a line that holds its change is on disk.
 *
 * Honest: when a write fails (disk full, I/O error) every part changed
 * since the last write that succeeded is put back as it was (each part's
 * value is kept from its first change), and every change made since is
 * reported lost (`StateNotDurableError`) to the caller that made it. The
 * next write is then a compaction, so a half-written line never has a line
 * after it.
 *
 * Compaction: when the journal has outgrown the snapshot, the whole state
 * is written as the new snapshot (temp file, fsync, rename, folder fsync)
 * and then the journal is replaced by an empty one whose first line names
 * the snapshot it follows (a SHA-256 of its text). A crash between the two
 * leaves an old journal that does not name the new snapshot: it is ignored
 * (the snapshot already holds all of it). Crash-safe at every point.
 *
 * Trusted only when it fits: a snapshot that is not JSON, is another
 * version, or does not fit the state schema (stateSchema.ts), or a journal
 * with a line that is not a journal line before its last, or whose state
 * does not fit, stops the stub with an error naming the file and the cause.
 * Only the journal's last line may be torn (a crash during its append): it
 * was never confirmed, and is dropped.
 */
import { createHash } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { demoState } from './demoData';
import { STATE_VERSION, type StubState } from './state';
import { checkState, upgradeState } from './stateSchema';

/** How the state's files are written; tests pass one that fails, as a full disk would. */
export interface StateDisk {
  /** Makes `data` the whole content of `file`, durably, or throws. */
  replace(file: string, data: string): Promise<void>;
  /** Adds `data` at the end of `file`, durably, or throws (the file may then hold part of it). */
  append(file: string, data: string): Promise<void>;
}

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

/** The journal of a state file. */
export const journalOf = (file: string): string => `${file}.journal`;

/** A journal shorter than this is never compacted (the snapshot of the demo data is smaller). */
const MIN_COMPACT_BYTES = 256 * 1024;

type Path = readonly string[];
/** A journal op: set the value at the path, or (no value) delete it. */
type Op = [Path] | [Path, unknown];

/** Top-level keys whose entries are journalled one by one (maps and arrays); `codeLimits` one level deeper. */
const MAP_KEYS = new Set([
  'accounts',
  'operators',
  'operatorSessions',
  'operatorCounters',
  'kioskOperatorTries',
  'loginCounters',
  'identityTries',
  'kioskIdentityTries',
  'recoveries',
  'outbox',
  'idempotency',
  'auditAnchors',
]);

/** How many keys from the top name a journalled part under this top-level key. */
function partDepth(top: string | undefined): number {
  if (top === undefined) return 1;
  if (top === 'codeLimits') return 3;
  return MAP_KEYS.has(top) ? 2 : 1;
}

const partKey = (path: Path): string => path.join('\u0000');

export interface StoreOptions {
  /** Compare the journal with memory after every write (on under vitest). */
  checkJournal?: boolean;
  /** Compact once the journal is this many bytes and larger than the snapshot (256 KiB). */
  compactBytes?: number;
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
  /** A journal check found a change the journal missed (a bug, under test only). */
  private journalBug: Error | null = null;

  /** Parts changed since the last write began, in the order of their first change. */
  private dirty = new Map<string, Path>();
  /** Each part changed since the last durable write, as JSON as it was then (undefined: absent). */
  private undo = new Map<string, { path: Path; before: string | undefined }>();
  /** The whole state was replaced (reset): the next write is a compaction. */
  private compactNext = false;
  private snapshotBytes = 0;
  private journalBytes = 0;
  /** Under test: the state as the disk has it. */
  private shadow: StubState | null = null;
  private readonly proxies = new WeakMap<object, { path: Path; proxy: object }>();
  private rootProxy: StubState;

  private constructor(
    private readonly raw: StubState,
    private readonly file: string | undefined,
    private readonly disk: StateDisk,
    private readonly options: StoreOptions,
  ) {
    // In memory only (no file) there is nothing to journal: the state itself, untracked.
    this.rootProxy = file ? (this.wrap(raw, [], false) as StubState) : raw;
  }

  /** The state: every change made through it is tracked. */
  get state(): StubState {
    return this.rootProxy;
  }

  /** Loads the snapshot and its journal if they exist, else starts from the demo data (and writes it). */
  static async open(file?: string, disk: StateDisk = fileDisk(), options: StoreOptions = {}): Promise<StateStore> {
    const opts: StoreOptions = { checkJournal: process.env.VITEST !== undefined, ...options };
    if (!file) return new StateStore(demoState(), undefined, disk, opts);
    let text: string | null = null;
    try {
      await mkdir(dirname(file), { recursive: true });
      text = await readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new StateFileError(file, `cannot be read (${reasonOf(err)})`, { cause: err });
    }
    if (text === null) {
      const store = new StateStore(demoState(), file, disk, opts);
      await store.compactAtOpen(file);
      return store;
    }
    const state = parseState(text, file);
    const journal = journalOf(file);
    const replayed = await replayJournal(state, journal, baseOf(text));
    const problem = checkState(upgradeState(JSON.parse(JSON.stringify(state))));
    if (problem !== null) throw new StateFileError(journal, `does not fit the state schema: ${problem}`);
    const store = new StateStore(state, file, disk, opts);
    store.snapshotBytes = Buffer.byteLength(text);
    store.journalBytes = replayed.bytes;
    if (store.options.checkJournal) store.shadow = JSON.parse(JSON.stringify(state)) as StubState;
    // A journal with lines, or a snapshot that loading changed (upgraded, or not as this stub writes
    // it), is folded into a fresh snapshot now: what was upgraded away leaves the file, and the
    // journal starts empty.
    if (replayed.lines > 0 || replayed.rewrite !== null || JSON.stringify(state) !== text) await store.compactAtOpen(file);
    return store;
  }

  /** Writes the whole state as a fresh snapshot (empty journal) while opening; a stub that cannot do so does not start. */
  private async compactAtOpen(file: string): Promise<void> {
    this.compactNext = true;
    this.changeSeq += 1;
    try {
      await this.durableUpTo(this.changeSeq);
    } catch (err) {
      throw new StateFileError(file, `cannot be written (${reasonOf(err instanceof StateNotDurableError ? err.cause : err)})`, { cause: err });
    }
  }

  /** Replaces everything with fresh demo data (test control `reset`). */
  reset(): void {
    this.remember([]);
    replaceContent(this.raw, demoState());
    this.compactNext = true;
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

  /** Waits for a write in progress. */
  async flush(): Promise<void> {
    while (this.inflight) await this.inflight;
  }

  /**
   * Writes the whole state as the snapshot and empties the journal (on
   * close: the state file alone is then the whole state). Throws
   * StateNotDurableError when that failed.
   */
  async compact(): Promise<void> {
    if (!this.file) return;
    await this.flush();
    this.compactNext = true;
    await this.persist();
  }

  private async durableUpTo(target: number): Promise<void> {
    const file = this.file;
    if (!file) return;
    for (;;) {
      if (this.journalBug) throw this.journalBug;
      if (target > this.lostFrom && target <= this.lostSeq) throw new StateNotDurableError({ cause: this.lastError });
      if (this.writtenSeq >= target) return;
      // Cleared after it settles (a write with nothing to do settles at once).
      this.inflight ??= this.write(file).finally(() => {
        this.inflight = null;
      });
      await this.inflight;
    }
  }

  /** Writes everything changed so far; never rejects (a failure undoes the changes instead). */
  private async write(file: string): Promise<void> {
    const seq = this.changeSeq;
    const parts = [...this.dirty.values()];
    this.dirty = new Map();
    const compact = this.compactNext || this.journalBytes > Math.max(this.snapshotBytes, this.options.compactBytes ?? MIN_COMPACT_BYTES);
    /** Each written part as JSON as written: what it goes back to if it changes again and that write fails. */
    let asWritten: (path: Path) => string | undefined;
    const written = new Set(parts.map(partKey));
    try {
      if (compact) {
        this.compactNext = true; // until it succeeds
        const snapshot = JSON.stringify(this.raw);
        if (this.options.checkJournal) this.checkAgainst((this.shadow = JSON.parse(snapshot) as StubState));
        const header = `${JSON.stringify({ snapshot: baseOf(snapshot) })}\n`;
        await this.disk.replace(file, snapshot);
        await this.disk.replace(journalOf(file), header);
        this.snapshotBytes = Buffer.byteLength(snapshot);
        this.journalBytes = Buffer.byteLength(header);
        this.compactNext = false;
        let parsed: unknown;
        asWritten = (path) => jsonOf(valueAt((parsed ??= JSON.parse(snapshot)), path));
      } else {
        // Shorter paths first: a whole map before one of its entries.
        parts.sort((a, b) => a.length - b.length);
        const texts = new Map<string, string | undefined>();
        const ops = parts.map((path) => {
          const text = jsonOf(valueAt(this.raw, path));
          texts.set(partKey(path), text);
          return text === undefined ? `[${JSON.stringify(path)}]` : `[${JSON.stringify(path)},${text}]`;
        });
        asWritten = (path) => texts.get(partKey(path));
        if (ops.length > 0) {
          const line = `[${ops.join(',')}]\n`;
          if (this.shadow) {
            for (const op of JSON.parse(line) as Op[]) applyOp(this.shadow, op);
            this.checkAgainst(this.shadow);
          }
          await this.disk.append(journalOf(file), line);
          this.journalBytes += Buffer.byteLength(line);
        }
      }
      this.writtenSeq = Math.max(this.writtenSeq, seq);
      // Parts changed again since this write began go back to how it wrote them; the others are durable.
      for (const [key, entry] of this.undo) {
        if (this.dirty.has(key)) {
          if (compact || written.has(key)) entry.before = asWritten(entry.path);
        } else this.undo.delete(key);
      }
    } catch (err) {
      // Changes made while this write was on its way were made on top of the lost ones: they go too.
      this.lastError = err;
      this.lostFrom = this.writtenSeq;
      this.lostSeq = this.changeSeq;
      this.rollBack();
    }
  }

  /** Under test: the state as written must be the state in memory. */
  private checkAgainst(written: StubState): void {
    if (!this.options.checkJournal) return;
    if (written !== this.shadow) this.shadow = written;
    const memory = JSON.parse(JSON.stringify(this.raw)) as unknown;
    if (!isDeepStrictEqual(memory, this.shadow)) {
      this.journalBug = new Error('stub state journal missed a change: the journal replayed differs from the state in memory');
      throw this.journalBug;
    }
  }

  /** Puts every part changed since the last durable write back as it was. */
  private rollBack(): void {
    const entries = [...this.undo.values()].reverse();
    for (const { path, before } of entries) {
      if (path.length === 0) replaceContent(this.raw, JSON.parse(before as string) as StubState);
      else applyOp(this.raw, before === undefined ? [path] : [path, JSON.parse(before)]);
    }
    this.undo = new Map();
    this.dirty = new Map();
    this.compactNext = true;
    if (this.options.checkJournal) this.shadow = JSON.parse(JSON.stringify(this.raw)) as StubState;
  }

  /** Marks a part changed (before it changes): its value now is what a failed write puts back. */
  private remember(path: Path): void {
    // In memory only: nothing is written, so nothing is tracked.
    if (!this.file) return;
    const key = partKey(path);
    if (!this.dirty.has(key)) this.dirty.set(key, path);
    if (!this.undo.has(key)) this.undo.set(key, { path, before: jsonOf(valueAt(this.raw, path)) });
  }

  /** The tracking view of `target`, at `path` (or inside the part `path` when `inPart`). */
  private wrap(target: object, path: Path, inPart: boolean): object {
    const known = this.proxies.get(target);
    if (known && samePath(known.path, path)) return known.proxy;
    const partOf = (prop: string): Path => (inPart ? path : [...path, prop]);
    // An element set past the end of a journalled array lengthens it: its length is remembered first.
    const mark = (t: object, prop: string): void => {
      if (!inPart && Array.isArray(t) && prop !== 'length') this.remember([...path, 'length']);
      this.remember(partOf(prop));
    };
    const proxy = new Proxy(target, {
      get: (t, prop, receiver) => {
        const value: unknown = Reflect.get(t, prop, receiver);
        if (typeof prop !== 'string' || typeof value !== 'object' || value === null) return value;
        if (!Object.prototype.hasOwnProperty.call(t, prop)) return value;
        const childPath = partOf(prop);
        return this.wrap(value, childPath, inPart || childPath.length >= partDepth(childPath[0]));
      },
      set: (t, prop, value: unknown) => {
        if (typeof prop === 'string') mark(t, prop);
        return Reflect.set(t, prop, this.rawOf(value));
      },
      deleteProperty: (t, prop) => {
        if (typeof prop === 'string' && Object.prototype.hasOwnProperty.call(t, prop)) this.remember(partOf(prop));
        return Reflect.deleteProperty(t, prop);
      },
      defineProperty: (t, prop, descriptor) => {
        if (typeof prop === 'string') mark(t, prop);
        return Reflect.defineProperty(t, prop, descriptor);
      },
    });
    this.proxies.set(target, { path, proxy });
    unwrapped.set(proxy, target);
    return proxy;
  }

  private rawOf(value: unknown): unknown {
    return typeof value === 'object' && value !== null ? (unwrapped.get(value) ?? value) : value;
  }
}

/** Each tracking view's target. */
const unwrapped = new WeakMap<object, object>();

/**
 * The object behind a tracking view of the state, to scan without the
 * views' cost (a scan of every recovery). For reading only: a change made
 * through it would not be journalled, so write through the view.
 */
export function untracked<T extends object>(value: T): T {
  return (unwrapped.get(value) as T | undefined) ?? value;
}

function samePath(a: Path, b: Path): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false;
  return true;
}

const jsonOf = (value: unknown): string | undefined => (value === undefined ? undefined : JSON.stringify(value));

function valueAt(root: unknown, path: Path): unknown {
  let node: unknown = root;
  for (const key of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** Applies one journal op; false when the path does not lead anywhere. */
function applyOp(root: unknown, op: Op): boolean {
  const path = op[0];
  const parent = valueAt(root, path.slice(0, -1));
  if (typeof parent !== 'object' || parent === null) return op.length === 1;
  const last = path[path.length - 1] as string;
  if (op.length === 1) delete (parent as Record<string, unknown>)[last];
  else (parent as Record<string, unknown>)[last] = op[1];
  return true;
}

function replaceContent(target: StubState, source: StubState): void {
  for (const key of Object.keys(target)) delete (target as unknown as Record<string, unknown>)[key];
  Object.assign(target, source);
}

/** What a journal names as its snapshot. */
function baseOf(snapshotText: string): string {
  return createHash('sha256').update(snapshotText).digest('base64url');
}

/**
 * Applies the journal's lines to `state`. `rewrite` is the journal's new
 * content when it must change before any append: a torn last line dropped,
 * or a journal of another snapshot (left by a crash during compaction) or
 * none at all, replaced by an empty one.
 */
async function replayJournal(state: StubState, journal: string, base: string): Promise<{ bytes: number; lines: number; rewrite: string | null }> {
  const header = `${JSON.stringify({ snapshot: base })}\n`;
  let text: string;
  try {
    text = await readFile(journal, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new StateFileError(journal, `cannot be read (${reasonOf(err)})`, { cause: err });
    return { bytes: header.length, lines: 0, rewrite: header };
  }
  const end = text.lastIndexOf('\n');
  const whole = end < 0 ? '' : text.slice(0, end + 1);
  const lines = whole === '' ? [] : whole.slice(0, -1).split('\n');
  if (lines.length === 0 || lines[0] !== header.slice(0, -1)) return { bytes: header.length, lines: 0, rewrite: header };
  for (let i = 1; i < lines.length; i += 1) {
    let ops: unknown;
    try {
      ops = JSON.parse(lines[i] as string);
    } catch (err) {
      throw new StateFileError(journal, `line ${i + 1} is not valid JSON (${reasonOf(err)})`, { cause: err });
    }
    if (!isOps(ops) || !ops.every((op) => applyOp(state, op))) throw new StateFileError(journal, `line ${i + 1} is not a journal line`);
  }
  const torn = whole.length !== text.length;
  return { bytes: Buffer.byteLength(whole), lines: lines.length - 1, rewrite: torn ? whole : null };
}

function isOps(value: unknown): value is Op[] {
  return (
    Array.isArray(value) &&
    value.every(
      (op) =>
        Array.isArray(op) &&
        (op.length === 1 || op.length === 2) &&
        Array.isArray(op[0]) &&
        op[0].length > 0 &&
        (op[0] as unknown[]).every((k) => typeof k === 'string' && k !== '__proto__' && k !== 'constructor' && k !== 'prototype'),
    )
  );
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

/** The default disk: atomic replace (temp, fsync, rename, folder fsync) and append + fdatasync on a kept-open handle. */
export function fileDisk(): StateDisk {
  const handles = new Map<string, FileHandle>();
  const closeHandle = async (file: string): Promise<void> => {
    const handle = handles.get(file);
    handles.delete(file);
    await handle?.close().catch(() => undefined);
  };
  return {
    async replace(file, data) {
      await closeHandle(file);
      await writeAtomically(file, data);
    },
    async append(file, data) {
      let handle = handles.get(file);
      if (!handle) {
        handle = await open(file, 'a', 0o600);
        handles.set(file, handle);
      }
      try {
        await handle.write(data);
        await handle.datasync();
      } catch (err) {
        // The next write is a compaction, which replaces this file.
        await closeHandle(file);
        throw err;
      }
    },
  };
}

let tempSeq = 0;

/** Makes `data` the content of `file`: temp file, fsync, rename, fsync of the folder. */
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
