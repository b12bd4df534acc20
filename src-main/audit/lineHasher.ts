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
 * Shared state per file (a slot; two alternate so that the next file can be
 * read while the worker may still be finishing the last one's job):
 * `ctl[STATE]` is the job id while posted, minus it while the worker runs it,
 * 0 when the slot is free; `ctl[BACK]` is the lowest line index the worker
 * has a verdict for; `ctl[FRONT]` is one past the last line verification
 * hashed itself (the worker stops there). Verdicts are written before BACK
 * moves past them, and Atomics order the two.
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

/** A verdict: no verdict (hash it yourself), stored hash wrong, stored hash right. */
export const UNKNOWN = -1;

/** Files smaller than this are hashed in-thread in `auto` mode (≈2 000 records; a start-up is not worth it). */
const MIN_SHARED_BYTES = 1 << 20;
/** The worker is stopped after this long without a file to hash. */
const IDLE_MS = 5_000;
const NEWLINE = 0x0a;
const STATE = 0;
const BACK = 1;
const FRONT = 2;

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
  for (let index = count - 1; index >= 0 && index >= Atomics.load(ctl, ${FRONT}); index -= 1) {
    verdicts[index] = verdict(buf, index === 0 ? 0 : ends[index - 1] + 1, ends[index], chainKey);
    Atomics.store(ctl, ${BACK}, index);
  }
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
    this.worker.unref();
    this.worker.on('message', (id: number) => {
      this.waiting.get(id)?.resolve();
      this.waiting.delete(id);
    });
    const fail = (error: Error): void => {
      this.failure ??= error;
      if (running === this) running = undefined;
      for (const { reject } of this.waiting.values()) reject(this.failure);
      this.waiting.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`the hash worker stopped (exit code ${code})`)));
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
  return { ctl: new Int32Array(new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT)), bytes: sharedBytes(size), ...sharedLines(1024) };
}

/**
 * Slots kept from one verification to the next for a while (IDLE_MS): a
 * file read into fresh memory pays a page fault per 4 KiB, which costs
 * more than reading it.
 */
const spareSlots: Slot[] = [];
let sparesTimer: NodeJS.Timeout | undefined;

function sparesBack(slots: readonly (Slot | undefined)[]): void {
  for (const slot of slots) {
    if (slot !== undefined && Atomics.load(slot.ctl, STATE) === 0) spareSlots.push(slot);
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

/**
 * Reads a verification's files and hands their lines to a visitor, as
 * `readLines` does, with a worker's verdicts on the lines' hashes (`verdict`).
 * One per verification; `close` when done.
 */
export class LineHasher {
  private readonly slots: (Slot | undefined)[] = [undefined, undefined];
  private turn = 0;
  private worker: HashWorker | undefined;
  /** The current file's slot and job, while it is shared with the worker. */
  private slot: Slot | undefined;
  private job = 0;
  /** Lowest line index known to have a verdict. */
  private back = 0;

  /** `chainKey` goes to the worker, so that it can check keyed lines. */
  constructor(
    private readonly mode: Exclude<HashWorkerMode, 'never'>,
    private readonly chainKey?: Buffer,
  ) {}

  /**
   * Visits the lines of the file at `path` in order (see `readLines`);
   * resolves to false if the visitor stopped early. The bytes are valid
   * until the next call but one.
   */
  async readLines(path: string, visitor: LineVisitor): Promise<boolean> {
    const slot = this.read(path);
    const { bytes, ends } = slot;
    const count = ends.length;
    try {
      if (this.mode === 'always' || bytes.length >= MIN_SHARED_BYTES) await this.share(slot, count);
      let start = 0;
      for (let index = 0; index < count; index += 1) {
        const end = ends[index] as number;
        if (!visitor.line(bytes, start, end, index + 1)) return false;
        start = end + 1;
      }
      if (start < bytes.length) visitor.torn(bytes, start, bytes.length, count + 1);
      return true;
    } finally {
      this.unshare();
    }
  }

  /**
   * The worker's verdict on the stored hash of line `index` (0-based) of the
   * file being read: 1 right, 0 wrong, UNKNOWN if the worker has not done it
   * (the caller hashes it, and the worker will not).
   */
  verdict(index: number): number {
    const slot = this.slot;
    if (slot === undefined) return UNKNOWN;
    if (index >= this.back || index >= (this.back = Atomics.load(slot.ctl, BACK))) return slot.verdicts[index] as number;
    Atomics.store(slot.ctl, FRONT, index + 1);
    return UNKNOWN;
  }

  /** Lets the worker stop once no verification needs it. */
  close(): void {
    this.worker?.release();
    this.worker = undefined;
    sparesBack(this.slots);
    this.slots.fill(undefined);
  }

  /** Reads `path` into the next free slot and finds its line ends; returns the slot cut to the file's bytes and lines. */
  private read(path: string): Slot {
    const fd = openSync(path, 'r');
    try {
      const { size } = fstatSync(fd);
      this.turn = 1 - this.turn;
      let slot = this.slots[this.turn];
      // A slot the worker may still be reading is left to it.
      if (slot === undefined || Atomics.load(slot.ctl, STATE) !== 0) {
        slot = spareSlots.pop() ?? newSlot(size);
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

  /** Posts the file to the worker; in `always` mode resolves once it has every verdict. */
  private async share(slot: Slot, count: number): Promise<void> {
    if (count === 0) return;
    const worker = this.acquire();
    if (worker === undefined) return;
    lastJob += 1;
    const id = lastJob;
    Atomics.store(slot.ctl, BACK, count);
    Atomics.store(slot.ctl, FRONT, 0);
    Atomics.store(slot.ctl, STATE, id);
    this.slot = slot;
    this.job = id;
    this.back = count;
    const done = this.mode === 'always' ? worker.finished(id) : undefined;
    const key = this.chainKey === undefined ? {} : { key: new Uint8Array(this.chainKey) };
    worker.worker.postMessage({ id, ctl: slot.ctl, bytes: slot.bytes.buffer, ends: slot.ends, verdicts: slot.verdicts, count, ...key });
    await done;
  }

  /** Ends the current file's job: the worker stops at its next line; a job it never took is withdrawn. */
  private unshare(): void {
    const slot = this.slot;
    if (slot === undefined) return;
    Atomics.store(slot.ctl, FRONT, slot.ends.length);
    Atomics.compareExchange(slot.ctl, STATE, this.job, 0);
    this.slot = undefined;
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
