/**
 * The audit log the core writes to (docs/architecture.md §6): `openAuditLog` at
 * start-up, `append` awaited before the action it records is acknowledged.
 *
 * - Group commit: appends join a queue in call order (seq order = call
 *   order, the chain never forks). One writer drains it: every event waiting
 *   when it starts is sealed into one run of lines, written in one write and
 *   made durable by one sync (an O_DSYNC write, or write + fdatasync;
 *   writer.ts). Events appended while that sync is in flight wait and share
 *   the next one. Each append resolves only once the sync covering its line
 *   has returned; events appended in the same tick share a sync even when
 *   the log is idle.
 * - A failed write or sync rejects every append of that group with
 *   AuditUnavailableError; the partial lines are truncated away and the log
 *   is marked broken. The next group first
 *   rebuilds the log from disk (as a fresh open would, repairing a torn tail
 *   if the truncation did not succeed) and only then writes; while the fault
 *   lasts every append rejects, and once it clears the log simply continues.
 *   Nothing throws synchronously and nothing is left unhandled: the app
 *   keeps running and fails closed.
 * - One process writes a given folder at a time.
 * - Every record is keyed (`v: 2`, its hash an HMAC under the chain key
 *   derived from the audit key, chainKey.ts). A log written before keying is
 *   continued with an `audit.chain-keyed` record, the first keyed one.
 */
import { AuditInputError, AuditUnavailableError, errnoCode } from './errors';
import { nodeAuditFs, type AuditFs } from './auditFs';
import { deriveChainKey } from './chainKey';
import { utcDay } from './files';
import type { KeyProvider } from './keys';
import { sealRecord } from './record';
import { restoreChain, type TornTailRepair } from './restore';
import { sanitiseEvent, sanitiseKioskId, type SanitisedEvent } from './sanitise';
import { subjectKeyOf } from './subjectKey';
import type { ChainLink, TailLink } from './tail';
import type { AuditEventInput, AuditSink } from './types';
import { DayFileAppender, DEFAULT_DURABILITY, type Durability } from './writer';

export interface OpenAuditLogOptions {
  /** The log folder; created (0750) if missing. */
  dir: string;
  kioskId: string;
  /** Supplies the key for `subjectKey`; read once at open. */
  keyProvider: KeyProvider;
  /** The clock for record times and daily rotation; tests pass a fake one. */
  now?: () => Date;
  /** File-system access, for fault-injection tests. */
  fs?: AuditFs;
  /** How each append is made durable; see writer.ts. */
  durability?: Durability;
}

/** The chain head as anchors carry it: the last record and the day of the file that holds it. */
export interface ChainHead extends ChainLink {
  day: string;
}

export interface AuditLog extends AuditSink {
  /** The last record written (seq 0 and the genesis hash for an empty log): the chain head (§6a). */
  head(): ChainLink;
  /** The chain head with its file's day; undefined while the log is empty. */
  chainHead(): ChainHead | undefined;
  /**
   * Calls `listener` with the new head each time a record is on disk,
   * synchronously (before the append resolves); a listener that throws is
   * ignored. Returns a function that removes it.
   */
  onAppended(listener: (head: ChainHead) => void): () => void;
  /** Waits for queued appends and closes the file; later appends reject with AuditUnavailableError. */
  close(): Promise<void>;
}

const MIN_KEY_LENGTH = 16;
const ISO_YEAR = /^\d{4}-/;

/**
 * Opens (or creates) the log in `options.dir`, continuing its chain and
 * repairing a torn last line. Rejects with AuditUnavailableError if the
 * folder or key cannot be used, AuditInputError for an empty kioskId.
 */
export async function openAuditLog(options: OpenAuditLogOptions): Promise<AuditLog> {
  const kioskId = sanitiseKioskId(options.kioskId);
  let key: Buffer;
  try {
    key = await options.keyProvider.getKey();
  } catch (error) {
    throw new AuditUnavailableError('the audit key is not available', { cause: error });
  }
  if (key.length < MIN_KEY_LENGTH) throw new AuditUnavailableError('the audit key is too short');
  const log = new FileAuditLog(options, kioskId, key);
  try {
    await log.start();
  } catch (error) {
    await log.close();
    throw error;
  }
  return log;
}

class FileAuditLog implements AuditLog {
  private readonly dir: string;
  private readonly fs: AuditFs;
  private readonly now: () => Date;
  private readonly appender: DayFileAppender;
  private readonly chainKey: Buffer;
  private readonly listeners = new Set<(head: ChainHead) => void>();
  /** Appends not yet handed to the writer, in call order. */
  private waiting: Waiting[] = [];
  /** The drain in progress (writing, restoring), if any. */
  private draining: Promise<void> | undefined;
  private last: TailLink = { seq: 0, hash: '', keyed: true };
  private lastDay: string | undefined;
  private healthy = false;
  private closed = false;
  /** Torn tails cut off whose `audit.repaired` event is not written yet. */
  private readonly pendingRepairs: TornTailRepair[] = [];

  constructor(
    options: OpenAuditLogOptions,
    private readonly kioskId: string,
    private readonly key: Buffer,
  ) {
    this.dir = options.dir;
    this.fs = options.fs ?? nodeAuditFs;
    this.now = options.now ?? (() => new Date());
    this.appender = new DayFileAppender(this.dir, this.fs, options.durability ?? DEFAULT_DURABILITY);
    this.chainKey = deriveChainKey(key);
  }

  start(): Promise<void> {
    return this.restore();
  }

  append(input: AuditEventInput): Promise<{ seq: number }> {
    let clean: SanitisedEvent;
    try {
      clean = sanitiseEvent(input);
    } catch (error) {
      return Promise.reject(error instanceof AuditInputError ? error : new AuditInputError(String(error)));
    }
    if (this.closed) return Promise.reject(new AuditUnavailableError('the audit log is closed'));
    return new Promise((resolve, reject) => {
      this.waiting.push({ event: clean, resolve, reject });
      // Started a microtask later, so that events appended in the same tick share the first sync too.
      this.draining ??= Promise.resolve().then(() => this.drain());
    });
  }

  subjectKey(raw: string): string {
    return subjectKeyOf(this.key, raw);
  }

  head(): ChainLink {
    return { seq: this.last.seq, hash: this.last.hash };
  }

  chainHead(): ChainHead | undefined {
    return this.lastDay === undefined || this.last.seq === 0 ? undefined : { day: this.lastDay, seq: this.last.seq, hash: this.last.hash };
  }

  onAppended(listener: (head: ChainHead) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.draining;
    await this.appender.close(true);
  }

  /** Writes what is waiting, one group (one sync) at a time, until nothing is. */
  private async drain(): Promise<void> {
    while (this.waiting.length > 0) {
      const group = this.waiting;
      this.waiting = [];
      try {
        if (this.closed) throw new AuditUnavailableError('the audit log is closed');
        if (!this.healthy) await this.restore();
        const seqs = await this.write(group.map((waiting) => waiting.event));
        group.forEach((waiting, index) => waiting.resolve({ seq: seqs[index] as number }));
      } catch (error) {
        for (const waiting of group) waiting.reject(error);
      }
    }
    this.draining = undefined;
  }

  /** Rebuilds the writer from disk, then records any torn tail it repaired. */
  private async restore(): Promise<void> {
    await this.appender.close(true);
    try {
      const restored = await restoreChain(this.dir, this.fs, this.appender);
      this.last = restored.last;
      this.lastDay = restored.lastDay;
      if (restored.repair !== undefined) this.pendingRepairs.push(restored.repair);
    } catch (error) {
      await this.appender.close(true);
      throw new AuditUnavailableError(`the audit log cannot be opened (${describe(error)})`, { cause: error });
    }
    this.healthy = true;
    if (!this.last.keyed) {
      // The first keyed record of a log written before keying: says where the HMACs begin.
      await this.write([{ event: 'audit.chain-keyed', outcome: 'info', detail: { unkeyedRecords: this.last.seq } }]);
    }
    while (this.pendingRepairs.length > 0) {
      const repair = this.pendingRepairs[0] as TornTailRepair;
      await this.write([
        {
          event: 'audit.repaired',
          outcome: 'info',
          detail: { file: repair.file, bytesRemoved: repair.bytesRemoved },
        },
      ]);
      this.pendingRepairs.shift();
    }
  }

  /**
   * Seals `events` in order and makes them durable: one write and one sync
   * per day file they fall in (one, but for a group that spans midnight).
   * Returns their seqs; rejects with AuditUnavailableError at the first
   * group that fails, whose records (and any after it) are then not on disk.
   */
  private async write(events: readonly SanitisedEvent[]): Promise<number[]> {
    const seqs: number[] = [];
    let prev = this.last;
    let day: string | undefined;
    let lines: string[] = [];
    let links: ChainLink[] = [];
    for (const event of events) {
      const now = this.now();
      const time = Number.isNaN(now.getTime()) ? '' : now.toISOString();
      if (!ISO_YEAR.test(time)) throw new AuditUnavailableError('the clock gave an unusable time');
      const recordDay = utcDay(now);
      if (day !== undefined && recordDay !== day) {
        await this.commit(day, lines, links);
        lines = [];
        links = [];
      }
      day = recordDay;
      const { record, line } = sealRecord({ time, seq: prev.seq + 1, kioskId: this.kioskId, ...event, prevHash: prev.hash }, this.chainKey);
      prev = { seq: record.seq, hash: record.hash, keyed: true };
      lines.push(line);
      links.push(prev);
      seqs.push(record.seq);
    }
    if (day !== undefined) await this.commit(day, lines, links);
    return seqs;
  }

  /** Appends sealed `lines` (records `links`) to the file of `day` in one durable write, then moves the head. */
  private async commit(day: string, lines: readonly string[], links: readonly ChainLink[]): Promise<void> {
    try {
      await this.appender.append(day, Buffer.from(lines.length === 1 ? (lines[0] as string) : lines.join(''), 'utf8'));
    } catch (error) {
      this.healthy = false;
      await this.appender.close(true);
      throw new AuditUnavailableError(`the audit log cannot be written (${describe(error)})`, { cause: error });
    }
    this.lastDay = this.appender.currentDay;
    for (const link of links) {
      this.last = { seq: link.seq, hash: link.hash, keyed: true };
      const head = this.chainHead();
      if (head === undefined) continue;
      for (const listener of this.listeners) {
        try {
          listener(head);
        } catch {
          // a listener's fault is its own; the record is written
        }
      }
    }
  }
}

interface Waiting {
  event: SanitisedEvent;
  resolve: (value: { seq: number }) => void;
  reject: (error: unknown) => void;
}

function describe(error: unknown): string {
  return errnoCode(error) ?? (error instanceof Error ? error.message : String(error));
}
