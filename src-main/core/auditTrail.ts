import type { AuditEventInput, AuditSink } from '../audit/types';

/** The audit log could not make an event durable: the action it records must not happen. */
export class AuditUnavailableError extends Error {
  constructor(options?: { cause?: unknown }) {
    super('the audit log cannot be written', options);
    this.name = 'AuditUnavailableError';
  }
}

/**
 * Fail-closed audit writing for the core, by construction: `record`
 * resolves once the event is on disk and throws AuditUnavailableError when
 * it could not be, so nothing after it runs. The router answers
 * OUT_OF_SERVICE for that error, in one place (router.ts).
 */
export class AuditTrail {
  constructor(
    private readonly sink: AuditSink,
    private readonly onFailure: (err: unknown) => void = () => {},
  ) {}

  async record(input: AuditEventInput): Promise<void> {
    try {
      await this.sink.append(input);
    } catch (err) {
      this.onFailure(err);
      throw new AuditUnavailableError({ cause: err });
    }
  }

  subjectKey(raw: string): string {
    return this.sink.subjectKey(raw);
  }
}
