import type { AuditEventInput, AuditSink } from '../audit/types';

/**
 * Fail-closed audit writing for the core: `record` resolves to false when the
 * event could not be made durable, and the caller must then refuse the action
 * (OUT_OF_SERVICE) rather than acknowledge it.
 */
export class AuditTrail {
  constructor(
    private readonly sink: AuditSink,
    private readonly onFailure: (err: unknown) => void = () => {},
  ) {}

  async record(input: AuditEventInput): Promise<boolean> {
    try {
      await this.sink.append(input);
      return true;
    } catch (err) {
      this.onFailure(err);
      return false;
    }
  }

  subjectKey(raw: string): string {
    return this.sink.subjectKey(raw);
  }
}
