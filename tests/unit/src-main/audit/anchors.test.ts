import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AnchorSender, AuditAnchorError, type AnchorSenderOptions, type AuditAnchor } from '../../../../src-main/audit/anchors';
import type { ChainHead } from '../../../../src-main/audit/auditLog';
import { fail, ok, type Result } from '../../../../src-shared/errors';

const head = (seq: number, day = '2025-03-04'): ChainHead => ({ day, seq, hash: seq.toString(16).padStart(64, '0') });

/** A backend double: records every anchor; `answer` decides each reply. */
function backend(answer: (anchor: AuditAnchor) => Result<unknown> | Promise<Result<unknown>> = () => ok(null)) {
  const sent: AuditAnchor[] = [];
  const send = vi.fn(async (anchor: AuditAnchor) => {
    sent.push(anchor);
    return answer(anchor);
  });
  return { sent, send, seqs: () => sent.map((anchor) => anchor.seq) };
}

const senders: AnchorSender[] = [];
function sender(options: AnchorSenderOptions, initial?: ChainHead): AnchorSender {
  const made = new AnchorSender({ now: () => new Date('2025-03-04T10:00:00.000Z'), ...options }, initial);
  senders.push(made);
  return made;
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(async () => {
  const closing = Promise.all(senders.splice(0).map((made) => made.close()));
  await vi.advanceTimersByTimeAsync(5_000);
  await closing;
  vi.useRealTimers();
});

describe('AnchorSender', () => {
  it('sends the head it starts with at once, then one every `everyEvents` records', async () => {
    const b = backend();
    const s = sender({ send: b.send, everyEvents: 3 }, head(4));
    await vi.advanceTimersByTimeAsync(0);
    expect(b.sent).toEqual([{ day: '2025-03-04', seq: 4, hash: head(4).hash, at: '2025-03-04T10:00:00.000Z' }]);
    s.noteHead(head(5));
    s.noteHead(head(6));
    await vi.advanceTimersByTimeAsync(0);
    expect(b.seqs()).toEqual([4]);
    s.noteHead(head(7));
    await vi.advanceTimersByTimeAsync(0);
    expect(b.seqs()).toEqual([4, 7]);
  });

  it('sends every `everyMs` while there is something new, and nothing when there is not', async () => {
    const b = backend();
    const s = sender({ send: b.send, everyEvents: 50, everyMs: 60_000 });
    s.noteHead(head(1));
    s.noteHead(head(2));
    await vi.advanceTimersByTimeAsync(59_999);
    expect(b.seqs()).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(b.seqs()).toEqual([2]);
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(b.seqs()).toEqual([2]);
  });

  it('anchors the last record of a day as soon as the next day begins, then the newest head', async () => {
    const b = backend();
    const s = sender({ send: b.send, everyEvents: 50, everyMs: 60_000 });
    s.noteHead(head(1, '2025-03-04'));
    s.noteHead(head(2, '2025-03-04'));
    s.noteHead(head(3, '2025-03-05'));
    await vi.advanceTimersByTimeAsync(0);
    expect(b.sent.map(({ day, seq }) => [day, seq])).toEqual([
      ['2025-03-04', 2],
      ['2025-03-05', 3],
    ]);
  });

  it('retries a failed send later with the newest head, backing off, and tells onFault once per run of failures', async () => {
    let down = true;
    const b = backend(() => (down ? fail('BACKEND_UNAVAILABLE') : ok(null)));
    const onFault = vi.fn();
    const s = sender({ send: b.send, everyEvents: 1, everyMs: 10 * 60_000, retryMs: 1_000, onFault });
    s.noteHead(head(1));
    await vi.advanceTimersByTimeAsync(0);
    expect(b.seqs()).toEqual([1]);
    s.noteHead(head(2)); // waits for the retry: a backend that is down is not asked per record
    s.noteHead(head(3));
    await vi.advanceTimersByTimeAsync(999);
    expect(b.seqs()).toEqual([1]);
    await vi.advanceTimersByTimeAsync(1); // the retry sends the newest head
    expect(b.seqs()).toEqual([1, 3]);
    await vi.advanceTimersByTimeAsync(1_999); // the wait has doubled
    expect(b.seqs()).toEqual([1, 3]);
    down = false;
    await vi.advanceTimersByTimeAsync(1);
    expect(b.seqs()).toEqual([1, 3, 3]);
    expect(onFault).toHaveBeenCalledTimes(1);
    expect(onFault).toHaveBeenCalledWith('audit anchor', expect.any(AuditAnchorError));
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(b.seqs()).toEqual([1, 3, 3]); // stored: nothing more to send
  });

  it('does not send a refused anchor again, and tells onFault each time', async () => {
    const b = backend((anchor) => (anchor.seq < 10 ? fail('VALIDATION_FAILED') : ok(null)));
    const onFault = vi.fn();
    const s = sender({ send: b.send, everyEvents: 1, everyMs: 60_000, onFault }, head(3));
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(b.seqs()).toEqual([3]);
    expect(onFault).toHaveBeenCalledWith('audit anchor', expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    s.noteHead(head(10));
    await vi.advanceTimersByTimeAsync(0);
    expect(b.seqs()).toEqual([3, 10]);
  });

  it('never waits for, nor throws from, a send that hangs or throws', async () => {
    const hanging = backend(() => new Promise<Result<unknown>>(() => {}));
    const s = sender({ send: hanging.send, everyEvents: 1 });
    for (let seq = 1; seq <= 100; seq += 1) expect(s.noteHead(head(seq))).toBeUndefined();
    expect(hanging.seqs()).toEqual([1]); // one in flight; the rest wait for it, not the caller
    const onFault = vi.fn();
    const throwing = sender({
      send: () => {
        throw new Error('a broken client');
      },
      everyEvents: 1,
      onFault,
    });
    expect(() => throwing.noteHead(head(1))).not.toThrow();
    await vi.advanceTimersByTimeAsync(0);
    expect(onFault).toHaveBeenCalledWith('audit anchor', expect.objectContaining({ code: 'INTERNAL' }));
  });

  it('sends the last head on close, waits at most closeTimeoutMs for it, and never throws', async () => {
    const b = backend();
    const s = sender({ send: b.send, everyEvents: 50 }, undefined);
    s.noteHead(head(1));
    s.noteHead(head(2));
    await s.close();
    expect(b.seqs()).toEqual([2]);
    s.noteHead(head(3)); // closed: ignored
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(b.seqs()).toEqual([2]);

    const hanging = backend(() => new Promise<Result<unknown>>(() => {}));
    const slow = sender({ send: hanging.send, everyEvents: 50, closeTimeoutMs: 3_000 });
    slow.noteHead(head(1));
    let closed = false;
    const closing = slow.close().then(() => {
      closed = true;
    });
    await vi.advanceTimersByTimeAsync(2_999);
    expect(closed).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await closing;
    expect(closed).toBe(true);
  });
});
