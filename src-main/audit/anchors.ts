/**
 * Anchors: the chain head sent off the machine (docs/architecture.md §6).
 * The kiosk sends its head (day, seq, hash) to the backend every
 * `everyEvents` records or `everyMs` (whichever comes first), when a UTC day
 * closes (the last record of the old day, as soon as the first of the new one
 * is written) and at shutdown. `npm run audit:verify -- --anchors` then knows
 * what must be in the log: a cut-off tail, a rewritten chain or a deleted
 * folder no longer passes.
 *
 * Sending never stands in a citizen's way: `noteHead` only takes note and
 * starts a send in the background; nothing awaits it, nothing it does can
 * throw into the caller, and failures go to `onFault`. A failed send is
 * retried later (backoff from `retryMs` up to `everyMs`), always with the
 * newest head, which covers every record before it.
 */
import { fail, type Result } from '../../src-shared/errors';
import type { ContractSchema } from '../backend/contract/document';
import type { ChainHead } from './auditLog';

/**
 * A chain head as the kiosk sends it: the contract's `AuditAnchorRequest`
 * (day of the file holding record `seq`, `seq`, its `hash`, and `at`, when the
 * kiosk sent it).
 */
export type AuditAnchor = ContractSchema<'AuditAnchorRequest'>;

export interface AnchorSenderOptions {
  /** Sends one anchor; resolves to a Result and never throws (the backend client). */
  send(anchor: AuditAnchor): Promise<Result<unknown>>;
  /** A send after this many records (50). */
  everyEvents?: number;
  /** A send at least this often while there is something new (5 minutes). */
  everyMs?: number;
  /** First wait before retrying a failed send; doubles up to everyMs (30 s). */
  retryMs?: number;
  /** How long `close` waits for its final send (3 s). */
  closeTimeoutMs?: number;
  now?: () => Date;
  /** Told of failed sends: the first of a run of failures, and every refusal. Error names and codes only. */
  onFault?: (what: string, err: unknown) => void;
}

/** A send that did not store the anchor; `code` is the kiosk's error code. */
export class AuditAnchorError extends Error {
  override readonly name = 'AuditAnchorError';

  constructor(readonly code: string) {
    super(`the audit anchor was not stored (${code})`);
  }
}

/** Errors worth trying again: the backend was away or answered nonsense. Anything else is a refusal. */
const RETRYABLE = new Set(['BACKEND_UNAVAILABLE', 'BACKEND_ERROR']);

export class AnchorSender {
  private readonly everyEvents: number;
  private readonly everyMs: number;
  private readonly retryMs: number;
  private readonly closeTimeoutMs: number;
  private readonly now: () => Date;
  /** The newest head noted. */
  private latest: ChainHead | undefined;
  /** The last record of a day that closed, until it is sent. */
  private dayClose: ChainHead | undefined;
  /** The highest seq the backend stored (or refused: not sent again). */
  private sentSeq = 0;
  private eventsSinceSend = 0;
  private inflight: Promise<void> | undefined;
  private again = false;
  private failures = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private readonly ticker: NodeJS.Timeout;
  private closed = false;

  constructor(
    private readonly options: AnchorSenderOptions,
    initial?: ChainHead,
  ) {
    this.everyEvents = Math.max(1, options.everyEvents ?? 50);
    this.everyMs = Math.max(1, options.everyMs ?? 5 * 60_000);
    this.retryMs = Math.max(1, Math.min(options.retryMs ?? 30_000, this.everyMs));
    this.closeTimeoutMs = options.closeTimeoutMs ?? 3_000;
    this.now = options.now ?? (() => new Date());
    this.ticker = setInterval(() => this.flush(false), this.everyMs);
    this.ticker.unref();
    this.latest = initial;
    // What this start found (or wrote) goes out at once: it anchors the log as the last run left it.
    if (initial !== undefined) this.flush(false);
  }

  /** A record was written: takes note, and sends when a threshold is reached. Never throws, never waits. */
  noteHead(head: ChainHead): void {
    if (this.closed) return;
    if (this.latest !== undefined && this.latest.day < head.day) this.dayClose = this.latest;
    this.latest = head;
    this.eventsSinceSend += 1;
    if (this.dayClose !== undefined || this.eventsSinceSend >= this.everyEvents) this.flush(false);
  }

  /** Stops the timers and sends the newest head if the backend lacks it, waiting at most closeTimeoutMs. Never throws. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.ticker);
    clearTimeout(this.retryTimer);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.closeTimeoutMs);
    });
    const last = async (): Promise<void> => {
      await this.inflight;
      if (this.next() !== undefined) await this.run();
    };
    await Promise.race([last().catch(() => undefined), deadline]);
    clearTimeout(timer);
  }

  /** The anchor to send next: a closed day first, then the newest head. */
  private next(): ChainHead | undefined {
    if (this.dayClose !== undefined && this.dayClose.seq > this.sentSeq) return this.dayClose;
    this.dayClose = undefined;
    return this.latest !== undefined && this.latest.seq > this.sentSeq ? this.latest : undefined;
  }

  /**
   * Starts sending what is unsent, unless a send is under way (then it goes
   * on afterwards) or, after a failure, the retry is not due yet (it sends
   * the newest head then: a backend that is down is not asked per record).
   */
  private flush(retrying: boolean): void {
    if (this.inflight !== undefined) {
      this.again = true;
      return;
    }
    if (this.retryTimer !== undefined && !retrying) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    if (this.next() === undefined) return;
    this.inflight = this.run()
      .catch((err: unknown) => this.options.onFault?.('audit anchor', err))
      .finally(() => {
        this.inflight = undefined;
        if (this.again && !this.closed) {
          this.again = false;
          this.flush(false);
        }
      });
  }

  /** Sends until nothing is unsent or a send fails. */
  private async run(): Promise<void> {
    for (let head = this.next(); head !== undefined; head = this.next()) {
      const anchor: AuditAnchor = { day: head.day, seq: head.seq, hash: head.hash, at: this.now().toISOString() };
      let result: Result<unknown>;
      try {
        result = await this.options.send(anchor);
      } catch {
        result = fail('INTERNAL'); // a send that broke its promise not to throw
      }
      if (result.ok) {
        this.stored(head);
        continue;
      }
      const { code } = result.error;
      if (!RETRYABLE.has(code)) {
        // Refused (e.g. behind what the backend holds): sending it again would not change that.
        this.stored(head);
        this.options.onFault?.('audit anchor', new AuditAnchorError(code));
        continue;
      }
      if (this.failures === 0) this.options.onFault?.('audit anchor', new AuditAnchorError(code));
      this.failures += 1;
      this.scheduleRetry();
      return;
    }
  }

  private stored(head: ChainHead): void {
    this.sentSeq = Math.max(this.sentSeq, head.seq);
    if (head.seq >= (this.latest?.seq ?? 0)) this.eventsSinceSend = 0;
    this.failures = 0;
  }

  private scheduleRetry(): void {
    if (this.closed) return;
    const wait = Math.min(this.everyMs, this.retryMs * 2 ** Math.min(this.failures - 1, 20));
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.flush(true), wait);
    this.retryTimer.unref();
  }
}
