import type { AuditEventInput, AuditSink } from '../audit/types';

/** The audit log could not make an event durable: the action it records must not happen. */
export class AuditUnavailableError extends Error {
  constructor(options?: { cause?: unknown }) {
    super('the audit log cannot be written', options);
    this.name = 'AuditUnavailableError';
  }
}

/** How an append started by `recordAhead` ended: undefined when durable. */
type AheadOutcome = { error: unknown } | undefined;

/**
 * Fail-closed audit writing for the core, by construction: `record`
 * resolves once the event is on disk and throws AuditUnavailableError when
 * it could not be, so nothing after it runs. The router answers
 * OUT_OF_SERVICE for that error, in one place (router.ts).
 *
 * Several events before one backend call: all but the last go through
 * `recordAhead`, which starts the append without waiting, and the last
 * through `record`, which waits for its own event and every event recorded
 * ahead of it. The log seals them in call order and, started in the same
 * tick, they share one write and one sync (group commit, auditLog.ts), yet
 * nothing is acted on before all of them are durable.
 */
export class AuditTrail {
  /** Appends started by `recordAhead` since the last `record`. */
  private ahead: Array<Promise<AheadOutcome>> = [];

  constructor(
    private readonly sink: AuditSink,
    private readonly onFailure: (err: unknown) => void = () => {},
  ) {}

  /** Resolves once `input` and every event recorded ahead of it are durable; throws AuditUnavailableError if any is not. */
  async record(input: AuditEventInput): Promise<void> {
    const earlier = this.ahead;
    this.ahead = [];
    let failure: AheadOutcome;
    try {
      await this.sink.append(input);
    } catch (err) {
      this.onFailure(err);
      failure = { error: err };
    }
    for (const outcome of await Promise.all(earlier)) failure ??= outcome;
    if (failure !== undefined) throw new AuditUnavailableError({ cause: failure.error });
  }

  /**
   * Starts recording `input` and returns at once. The next `record` (the
   * event right before the action, called in the same tick) waits for it
   * and throws if it failed; a failure is reported to `onFailure` in any case.
   */
  recordAhead(input: AuditEventInput): void {
    this.ahead.push(
      this.sink.append(input).then(
        (): AheadOutcome => undefined,
        (err: unknown): AheadOutcome => {
          this.onFailure(err);
          return { error: err };
        },
      ),
    );
  }

  subjectKey(raw: string): string {
    return this.sink.subjectKey(raw);
  }
}
