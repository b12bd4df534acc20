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
 */
import { AuditInputError, AuditUnavailableError, errnoCode } from './errors';
import { nodeAuditFs, type AuditFs } from './auditFs';
import { utcDay } from './files';
import type { KeyProvider } from './keys';
import { sealRecord } from './record';
import { restoreChain, type TornTailRepair } from './restore';
import { sanitiseEvent, sanitiseKioskId, type SanitisedEvent } from './sanitise';
import { subjectKeyOf } from './subjectKey';
import type { ChainLink } from './tail';
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

export interface AuditLog extends AuditSink {
  /** The last record written (seq 0 and the genesis hash for an empty log): the chain head (§6a). */
  head(): ChainLink;
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
  private queue: Promise<unknown> = Promise.resolve();
  private last: ChainLink = { seq: 0, hash: '' };
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
    return { ...this.last };
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
      if (restored.repair !== undefined) this.pendingRepairs.push(restored.repair);
    } catch (error) {
      await this.appender.close(true);
      throw new AuditUnavailableError(`the audit log cannot be opened (${describe(error)})`, { cause: error });
    }
    this.healthy = true;
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
    const { record, line } = sealRecord({
      time,
      seq: this.last.seq + 1,
      kioskId: this.kioskId,
      ...event,
      prevHash: this.last.hash,
    });
    try {
      await this.appender.append(utcDay(now), Buffer.from(line, 'utf8'));
    } catch (error) {
      this.healthy = false;
      await this.appender.close(true);
      throw new AuditUnavailableError(`the audit log cannot be written (${describe(error)})`, { cause: error });
    }
    this.last = { seq: record.seq, hash: record.hash };
    return { seq: record.seq };
  }
}

function describe(error: unknown): string {
  return errnoCode(error) ?? (error instanceof Error ? error.message : String(error));
}
