import { createHmac } from 'node:crypto';
import type { AuditEventInput, AuditSink } from '../../../../src-main/audit/types';
import type { BackendClient } from '../../../../src-main/backend/types';

/**
 * An in-memory audit log for core tests. `failWhen` makes the matching
 * appends reject, as a full disk would; `log`, when given, gets
 * `audit.<event>` in call order, beside the backend's calls.
 */
export class MemoryAudit implements AuditSink {
  readonly events: AuditEventInput[] = [];
  failWhen: (input: AuditEventInput) => boolean = () => false;

  constructor(private readonly log?: string[]) {}

  async append(input: AuditEventInput): Promise<{ seq: number }> {
    this.log?.push(`audit.${input.event}`);
    if (this.failWhen(input)) throw new Error('ENOSPC: no space left on device');
    this.events.push(structuredClone(input));
    return { seq: this.events.length };
  }

  subjectKey(raw: string): string {
    return `hmac:${createHmac('sha256', 'test-key').update(raw).digest('hex')}`;
  }
}

/** Counts the backend calls the core makes, to show a refused call never reached it. */
export function countingBackend(inner: BackendClient): { client: BackendClient; calls: string[] } {
  const calls: string[] = [];
  const client = new Proxy(inner, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.push(String(prop));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { client, calls };
}
