/**
 * The audit log the core writes to (docs/architecture.md §6): `openAuditLog` at
 * start-up, `append` awaited before the action it records is acknowledged.
 *
 * - Appends are serialised through one queue: concurrent callers get
 *   consecutive seqs and the chain never forks. Each resolves only once its
 *   line is durably on disk.
 * - A failed write rejects with AuditUnavailableError; the partial line is
 *   truncated away and the log is marked broken. The next append first
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
  private queue: Promise<unknown> = Promise.resolve();
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
    return this.enqueue(() => this.restore());
  }

  append(input: AuditEventInput): Promise<{ seq: number }> {
    let clean: SanitisedEvent;
    try {
      clean = sanitiseEvent(input);
    } catch (error) {
      return Promise.reject(error instanceof AuditInputError ? error : new AuditInputError(String(error)));
    }
    return this.enqueue(async () => {
      if (this.closed) throw new AuditUnavailableError('the audit log is closed');
      if (!this.healthy) await this.restore();
      return this.write(clean);
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
    await this.queue;
    await this.appender.close(true);
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
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
      await this.write({ event: 'audit.chain-keyed', outcome: 'info', detail: { unkeyedRecords: this.last.seq } });
    }
    while (this.pendingRepairs.length > 0) {
      const repair = this.pendingRepairs[0] as TornTailRepair;
      await this.write({
        event: 'audit.repaired',
        outcome: 'info',
        detail: { file: repair.file, bytesRemoved: repair.bytesRemoved },
      });
      this.pendingRepairs.shift();
    }
  }

  private async write(event: SanitisedEvent): Promise<{ seq: number }> {
    const now = this.now();
    const time = Number.isNaN(now.getTime()) ? '' : now.toISOString();
    if (!ISO_YEAR.test(time)) throw new AuditUnavailableError('the clock gave an unusable time');
    const { record, line } = sealRecord(
      {
        time,
        seq: this.last.seq + 1,
        kioskId: this.kioskId,
        ...event,
        prevHash: this.last.hash,
      },
      this.chainKey,
    );
    try {
      await this.appender.append(utcDay(now), Buffer.from(line, 'utf8'));
    } catch (error) {
      this.healthy = false;
      await this.appender.close(true);
      throw new AuditUnavailableError(`the audit log cannot be written (${describe(error)})`, { cause: error });
    }
    this.last = { seq: record.seq, hash: record.hash, keyed: true };
    this.lastDay = this.appender.currentDay;
    const head = this.chainHead();
    if (head !== undefined) {
      for (const listener of this.listeners) {
        try {
          listener(head);
        } catch {
          // a listener's fault is its own; the record is written
        }
      }
    }
    return { seq: record.seq };
  }
}

function describe(error: unknown): string {
  return errnoCode(error) ?? (error instanceof Error ? error.message : String(error));
}
