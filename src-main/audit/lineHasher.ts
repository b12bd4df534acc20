/**
 * Recomputing line hashes on a second thread while verification reads the
 * lines on the first (issue #14: verify ≥ 0.7× the per-record SHA-256 floor).
 *
 * A line's hash depends on that line alone, and linking lines is a compare
 * of strings, so the hashes of a file can be computed in any order, anywhere.
 * `LineHasher` reads each file into shared memory and hands the file to one
 * worker thread, which hashes its lines from the LAST line backwards and
 * writes one verdict per line: does the stored `hash` match the line's
 * content (what `FastLineDecoder` would compute itself). Verification goes
 * forwards from the first line as before, does every check but the hash
 * itself, and takes the worker's verdict for any line the worker has already
 * done; for the others it hashes in-thread. The two meet somewhere in the
 * file and each stops there, so:
 *
 * - the first problem is found and named exactly as before: verification
 *   still feeds the lines to the chain checker one by one in log order, only
 *   where a line's hash was computed differs;
 * - verification never waits for the worker (except with `mode: 'always'`,
 *   for tests): a worker that is slow to start, busy, or dead only means
 *   more lines hashed in-thread. Small files are not handed over at all.
 *
 * The worker is started from inline source (node:crypto only), so there is
 * no worker file to resolve under tsx, vitest or the electron-vite bundle.
 * It is shared by every verification in the process and stopped after a few
 * seconds without work; starting it takes tens of milliseconds, and
 * verifications come in runs (the CLI, an export, the bench). It is unref'd:
 * it never keeps the process alive. The chain key, when given, is passed to
 * it in memory with each file and never leaves it.
 *
 * The next file is read and handed over before the current one's lines are
 * visited: when verification reaches the lines the worker has done, the
 * worker goes on to the next file's instead of waiting for it.
 *
 * Shared state per file (a slot; three in turn, see SLOTS, kept for the
 * next verification, see spareSlots):
 * `ctl[STATE]` is the job id while posted, minus it while the worker runs it,
 * 0 when the slot is free; `ctl[BACK]` is the lowest line index the worker
 * has a verdict for; `ctl[FRONT]` is how far verification hashes lines
 * itself (the worker stops there). Verdicts are written before BACK moves
 * past them, and Atomics order the two. Each side publishes its position
 * every POLL lines, not every line, and FRONT and BACK lie in different
 * cache lines: the two threads do not pass a cache line back and forth per
 * line. Near the meeting point a few lines may be hashed by both; the answer
 * is the same.
 */
import { Worker } from 'node:worker_threads';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { LineVisitor } from './files';
import { HASH_MEMBER_PREFIX, HASH_SUFFIX_LENGTH, KEYED_FORMAT } from './record';

/**
 * `auto`: hand over files of at least MIN_SHARED_BYTES, never wait for the
 * worker; `always`: hand over every file and wait for all its verdicts (tests
 * use it to check the worker's answers); `never`: hash every line in-thread.
 */
export type HashWorkerMode = 'auto' | 'always' | 'never';

/** The verdict on a line the worker has not done (hash it yourself); else 0 stored hash wrong, 1 right. */
export const UNKNOWN = -1;

/** Files smaller than this are hashed in-thread in `auto` mode (≈2 000 records; a start-up is not worth it). */
const MIN_SHARED_BYTES = 1 << 20;
/** The worker is stopped after this long without a file to hash. */
const IDLE_MS = 5_000;
const NEWLINE = 0x0a;
/**
 * Slots in turn: the current file's, the next one's, and the one before,
 * which a worker that was descheduled may not have left yet (else a fresh
 * slot is allocated, and its page faults cost more than the read).
 */
const SLOTS = 3;
const STATE = 0;
/** Int32 indexes 64 bytes apart. */
const BACK = 16;
const FRONT = 32;
const CTL_LENGTH = 48;
/** Lines between two looks at the other thread's position. */
const POLL = 16;

/**
 * The worker: for each job, the verdicts of lines count-1, count-2, … until
 * it meets verification's FRONT. Its test of a line is FastLineDecoder's
 * hash test: the body is the line up to its `,"hash":"…"}` suffix closed
 * with `}`; a body ending `,"v":N` is keyed (HMAC under the chain key, and
 * no verdict of "right" without the key), any other SHA-256.
 */
const WORKER_SOURCE = `
'use strict';
const { parentPort } = require('node:worker_threads');
const { createHmac, hash } = require('node:crypto');
const SUFFIX = ${HASH_SUFFIX_LENGTH};
const KEYED = Buffer.from(${JSON.stringify(`,"v":${KEYED_FORMAT}`)}, 'latin1');
const OFFSET = ${HASH_MEMBER_PREFIX.length};
let scratch = Buffer.alloc(4096);
function verdict(bytes, start, end, key) {
  const suffix = end - SUFFIX;
  if (suffix <= start) return 0;
  let keyed = suffix - KEYED.length > start;
  for (let k = 0; keyed && k < KEYED.length; k += 1) keyed = bytes[suffix - KEYED.length + k] === KEYED[k];
  if (keyed && key === undefined) return 0;
  const length = suffix - start;
  if (scratch.length <= length) scratch = Buffer.alloc(2 * (length + 1));
  bytes.copy(scratch, 0, start, suffix);
  scratch[length] = 0x7d;
  const body = scratch.subarray(0, length + 1);
  const computed = keyed ? createHmac('sha256', key).update(body).digest('hex') : hash('sha256', body, 'hex');
  return bytes.toString('latin1', suffix + OFFSET, end - 2) === computed ? 1 : 0;
}
parentPort.on('message', ({ id, ctl, bytes, ends, verdicts, count, key }) => {
  if (Atomics.compareExchange(ctl, ${STATE}, id, -id) !== id) return;
  const buf = Buffer.from(bytes);
  const chainKey = key === undefined ? undefined : Buffer.from(key);
  // Verdicts for [done, count) are written; published every ${POLL} lines.
  let done = count;
  let front = Atomics.load(ctl, ${FRONT});
  while (done > front) {
    done -= 1;
    verdicts[done] = verdict(buf, done === 0 ? 0 : ends[done - 1] + 1, ends[done], chainKey);
    if (done % ${POLL} === 0) {
      Atomics.store(ctl, ${BACK}, done);
      front = Atomics.load(ctl, ${FRONT});
    }
  }
  Atomics.store(ctl, ${BACK}, done);
  Atomics.store(ctl, ${STATE}, 0);
  parentPort.postMessage(id);
});
`;

/** The process's one hash worker, while it is wanted. */
class HashWorker {
  readonly worker: Worker;
  failure: Error | undefined;
  private users = 0;
  private idle: NodeJS.Timeout | undefined;
  private readonly waiting = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();

  constructor() {
    this.worker = new Worker(WORKER_SOURCE, { eval: true, stdout: false, stderr: false });
    this.worker.on('message', (id: number) => {
      this.waiting.get(id)?.resolve();
      this.waiting.delete(id);
      if (this.waiting.size === 0) this.worker.unref();
    });
    const fail = (error: Error): void => {
      this.failure ??= error;
      if (running === this) running = undefined;
      for (const { reject } of this.waiting.values()) reject(this.failure);
      this.waiting.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`the hash worker stopped (exit code ${code})`)));
    // After the listeners: adding one refs the worker again.
    this.worker.unref();
  }

  use(): void {
    this.users += 1;
    clearTimeout(this.idle);
  }

  release(): void {
    this.users -= 1;
    if (this.users > 0) return;
    this.idle = setTimeout(() => {
      if (running === this) running = undefined;
      void this.worker.terminate();
    }, IDLE_MS);
    this.idle.unref();
  }

  /** Resolves once the worker has finished job `id` (posted with `post`). */
  finished(id: number): Promise<void> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    this.worker.ref(); // an answer awaited keeps the process alive
    return new Promise((resolve, reject) => this.waiting.set(id, { resolve, reject }));
  }
}

let running: HashWorker | undefined;
let lastJob = 0;

/** A file's shared buffers; see the file comment for `ctl`. */
interface Slot {
  ctl: Int32Array;
  bytes: Buffer;
  ends: Int32Array;
  verdicts: Uint8Array;
}

function newSlot(size: number): Slot {
  return { ctl: new Int32Array(new SharedArrayBuffer(CTL_LENGTH * Int32Array.BYTES_PER_ELEMENT)), bytes: sharedBytes(size), ...sharedLines(1024) };
}

/**
 * Slots kept from one verification to the next for a while (IDLE_MS): a
 * file read into fresh memory pays a page fault per 4 KiB, which costs
 * more than reading it.
 */
const spareSlots: Slot[] = [];
/** Two verifications' worth. */
const MAX_SPARE_SLOTS = 2 * SLOTS;
let sparesTimer: NodeJS.Timeout | undefined;

/** A spare slot the worker is done with, if any. */
function spareSlot(): Slot | undefined {
  const index = spareSlots.findIndex((slot) => Atomics.load(slot.ctl, STATE) === 0);
  return index === -1 ? undefined : spareSlots.splice(index, 1)[0];
}

/** Keeps `slots` for the next verification (one the worker is still leaving is taken once it has left). */
function sparesBack(slots: readonly (Slot | undefined)[]): void {
  for (const slot of slots) {
    if (slot !== undefined && spareSlots.length < MAX_SPARE_SLOTS) spareSlots.push(slot);
  }
  clearTimeout(sparesTimer);
  sparesTimer = setTimeout(() => {
    spareSlots.length = 0;
  }, IDLE_MS);
  sparesTimer.unref();
}

function sharedBytes(size: number): Buffer {
  return Buffer.from(new SharedArrayBuffer(size));
}

function sharedLines(lines: number): Pick<Slot, 'ends' | 'verdicts'> {
  return {
    ends: new Int32Array(new SharedArrayBuffer(lines * Int32Array.BYTES_PER_ELEMENT)),
    verdicts: new Uint8Array(new SharedArrayBuffer(lines)),
  };
}

/** A file read into a slot, and its job if it was handed to the worker (0 if not). */
interface LoadedFile {
  path: string;
  slot: Slot;
  job: number;
  /** `always` mode: the worker's verdicts on every line. */
  done?: Promise<void>;
}

/**
 * Reads a verification's files and hands their lines to a visitor, as
 * `readLines` does, with a worker's verdicts on the lines' hashes (`verdict`).
 * The next file is read and handed over before the current one's lines are
 * visited, so that the worker has lines to hash while verification checks
 * the ones it has done. One per verification; `close` when done.
 */
export class LineHasher {
  private readonly slots: (Slot | undefined)[] = Array.from({ length: SLOTS }, () => undefined);
  private turn = 0;
  private worker: HashWorker | undefined;
  /** The file whose lines are being visited, if it was handed over. */
  private shared: LoadedFile | undefined;
  /** The next file, read ahead. */
  private ahead: LoadedFile | undefined;
  /** Lowest line index of the current file known to have a verdict. */
  private back = 0;
  /** Where verification next looks at the worker's position (and says it hashes up to there itself). */
  private poll = 0;

  /** `chainKey` goes to the worker, so that it can check keyed lines. */
  constructor(
    private readonly mode: Exclude<HashWorkerMode, 'never'>,
    private readonly chainKey?: Buffer,
  ) {}

  /**
   * Visits the lines of the file at `path` in order (see `readLines`), and
   * reads `next` ahead if given; resolves to false if the visitor stopped
   * early. The bytes are valid until the next call but one.
   */
  async readLines(path: string, visitor: LineVisitor, next?: string): Promise<boolean> {
    const file = this.ahead?.path === path ? this.ahead : this.load(path);
    this.ahead = undefined;
    const { bytes, ends } = file.slot;
    const count = ends.length;
    try {
      if (next !== undefined) this.ahead = this.readAhead(next);
      await file.done;
      if (file.job !== 0) {
        this.shared = file;
        this.back = count;
        this.poll = 0;
      }
      let start = 0;
      for (let index = 0; index < count; index += 1) {
        const end = ends[index] as number;
        if (!visitor.line(bytes, start, end, index + 1)) return false;
        start = end + 1;
      }
      if (start < bytes.length) visitor.torn(bytes, start, bytes.length, count + 1);
      return true;
    } finally {
      this.shared = undefined;
      withdraw(file);
    }
  }

  /**
   * The worker's verdict on the stored hash of line `index` (0-based) of the
   * file being visited: 1 right, 0 wrong, UNKNOWN if the worker has not done
   * it (the caller hashes it, and the worker will not).
   */
  verdict(index: number): number {
    const slot = this.shared?.slot;
    if (slot === undefined) return UNKNOWN;
    if (index >= this.back) return slot.verdicts[index] as number;
    if (index >= this.poll) {
      this.poll = index + POLL;
      Atomics.store(slot.ctl, FRONT, this.poll);
      this.back = Atomics.load(slot.ctl, BACK);
      if (index >= this.back) return slot.verdicts[index] as number;
    }
    return UNKNOWN;
  }

  /** Lets the worker stop once no verification needs it. */
  close(): void {
    if (this.ahead !== undefined) withdraw(this.ahead);
    this.ahead = undefined;
    this.worker?.release();
    this.worker = undefined;
    sparesBack(this.slots);
    this.slots.fill(undefined);
  }

  /** `load`, but a file that cannot be read now is left for its turn (and its error with it). */
  private readAhead(path: string): LoadedFile | undefined {
    try {
      return this.load(path);
    } catch {
      return undefined;
    }
  }

  /** Reads `path` and hands it to the worker if it is worth it. */
  private load(path: string): LoadedFile {
    const slot = this.read(path);
    const file: LoadedFile = { path, slot, job: 0 };
    const count = slot.ends.length;
    if (count === 0 || (this.mode === 'auto' && slot.bytes.length < MIN_SHARED_BYTES)) return file;
    const worker = this.acquire();
    if (worker === undefined) return file;
    lastJob += 1;
    file.job = lastJob;
    Atomics.store(slot.ctl, BACK, count);
    Atomics.store(slot.ctl, FRONT, 0);
    Atomics.store(slot.ctl, STATE, file.job);
    if (this.mode === 'always') {
      file.done = worker.finished(file.job);
      file.done.catch(() => undefined); // awaited in its turn
    }
    const key = this.chainKey === undefined ? {} : { key: new Uint8Array(this.chainKey) };
    worker.worker.postMessage({ id: file.job, ctl: slot.ctl, bytes: slot.bytes.buffer, ends: slot.ends, verdicts: slot.verdicts, count, ...key });
    return file;
  }

  /** Reads `path` into the next free slot and finds its line ends; returns the slot cut to the file's bytes and lines. */
  private read(path: string): Slot {
    const fd = openSync(path, 'r');
    try {
      const { size } = fstatSync(fd);
      this.turn = (this.turn + 1) % SLOTS;
      let slot = this.slots[this.turn];
      // A slot the worker may still be reading is left to it.
      if (slot === undefined || Atomics.load(slot.ctl, STATE) !== 0) {
        slot = spareSlot() ?? newSlot(size);
        this.slots[this.turn] = slot;
      }
      if (slot.bytes.length < size) slot.bytes = sharedBytes(Math.max(size, 2 * slot.bytes.length));
      let filled = 0;
      while (filled < size) {
        const bytesRead = readSync(fd, slot.bytes, filled, size - filled, filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      const bytes = slot.bytes.subarray(0, filled);
      let count = 0;
      for (let end = bytes.indexOf(NEWLINE); end !== -1; end = bytes.indexOf(NEWLINE, end + 1)) {
        if (count === slot.ends.length) {
          const ends = slot.ends;
          Object.assign(slot, sharedLines(2 * count));
          slot.ends.set(ends);
        }
        slot.ends[count] = end;
        count += 1;
      }
      return { ...slot, bytes, ends: slot.ends.subarray(0, count) };
    } finally {
      closeSync(fd);
    }
  }

  /** The shared worker, started if need be; undefined in `auto` mode if it cannot be. */
  private acquire(): HashWorker | undefined {
    if (this.worker === undefined || this.worker !== running) {
      this.worker?.release();
      this.worker = undefined;
      try {
        running ??= new HashWorker();
      } catch (error) {
        if (this.mode === 'always') throw error;
        return undefined;
      }
      this.worker = running;
      this.worker.use();
    }
    return this.worker;
  }
}

/** Ends a file's job: the worker stops at its next look at FRONT; a job it never took is withdrawn. */
function withdraw(file: LoadedFile): void {
  if (file.job === 0) return;
  Atomics.store(file.slot.ctl, FRONT, file.slot.ends.length);
  Atomics.compareExchange(file.slot.ctl, STATE, file.job, 0);
}
