/**
 * Idempotency-Key handling: the first answer to a key is stored; a repeat
 * with the same key and the same request gets that answer back and has no
 * second effect (no second SMS, no second try counted); the same key with a
 * different request is refused with 409. Keys are scoped to the kiosk and
 * kept 24 hours.
 */
import type { Reply } from './problem';
import { sha256 } from './secrets';
import type { StubState } from './state';

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60_000;

export interface KeyedRequest {
  kioskId: string;
  key: string;
  method: string;
  url: string;
  body: unknown;
  /** The bearer token, if any: the same key under another recovery is another request. */
  authorization?: string;
}

export type Lookup = { kind: 'new' } | { kind: 'replay'; reply: Reply } | { kind: 'conflict' };

export function scopeOf(req: KeyedRequest): string {
  return sha256(`${req.kioskId}\n${req.key}`);
}

/** A stable hash of what was asked: method, path, body (keys sorted) and credentials. */
export function fingerprintOf(req: KeyedRequest): string {
  return sha256(JSON.stringify([req.method, req.url, canonical(req.body), req.authorization ? sha256(req.authorization) : '']));
}

export function lookup(state: StubState, req: KeyedRequest): Lookup {
  const stored = state.idempotency[scopeOf(req)];
  if (!stored) return { kind: 'new' };
  if (stored.fingerprint !== fingerprintOf(req)) return { kind: 'conflict' };
  return { kind: 'replay', reply: { status: stored.status, body: stored.body } };
}

export function remember(state: StubState, req: KeyedRequest, reply: Reply, now: number): void {
  state.idempotency[scopeOf(req)] = { fingerprint: fingerprintOf(req), status: reply.status, body: reply.body, storedAt: now };
}

export function pruneIdempotency(state: StubState, now: number): void {
  for (const [scope, record] of Object.entries(state.idempotency)) {
    if (now - record.storedAt > IDEMPOTENCY_TTL_MS) delete state.idempotency[scope];
  }
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}
