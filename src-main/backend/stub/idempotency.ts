/**
 * Idempotency-Key handling: the first answer to a key is stored; a repeat
 * with the same key and the same request gets that answer back and has no
 * second effect (no second SMS, no second try counted); the same key with a
 * different request is refused with 409. Keys are scoped to the kiosk and
 * kept 24 hours.
 *
 * A stored answer may hold live tokens (recoveryToken, sessionToken,
 * operatorToken), so the state file never holds one in clear: its body is
 * sealed with AES-256-GCM under a key derived (HKDF-SHA-256) from the
 * Idempotency-Key and the scope, and the request's fingerprint is an HMAC
 * under another key derived the same way (a plain hash of a sign-in body
 * would let a stolen file test password guesses). The state keeps only the
 * scope, a SHA-256 of kiosk and key: only a client that sends the same key
 * again can open its answer. As strong as the keys are random (the kiosk
 * sends UUIDs: 122 random bits).
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import type { Reply } from './problem';
import { safeEqual, sha256 } from './secrets';
import type { IdempotencyRecord, StubState } from './state';
import { untracked } from './store';

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60_000;

export interface KeyedRequest {
  kioskId: string;
  key: string;
  method: string;
  url: string;
  body: unknown;
  /** The recovery token, if any: the same key under another recovery is another request. */
  recoveryToken?: string;
}

export type Lookup = { kind: 'new' } | { kind: 'replay'; reply: Reply } | { kind: 'conflict' };

const IV_BYTES = 12;
const TAG_BYTES = 16;

export function scopeOf(req: KeyedRequest): string {
  return sha256(`${req.kioskId}\n${req.key}`);
}

/** A 256-bit key for one purpose, from the Idempotency-Key (secret) and its scope (salt). */
function derivedKey(req: KeyedRequest, scope: string, purpose: 'answer' | 'fingerprint'): Buffer {
  return Buffer.from(hkdfSync('sha256', req.key, scope, `pulih-stub idempotency ${purpose} v1`, 32));
}

/** A keyed hash of what was asked: method, path, body (keys sorted) and credentials. */
function fingerprintOf(req: KeyedRequest, scope: string): string {
  const asked = JSON.stringify([req.method, req.url, canonical(req.body), req.recoveryToken ? sha256(req.recoveryToken) : '']);
  return createHmac('sha256', derivedKey(req, scope, 'fingerprint')).update(asked).digest('base64url');
}

/** What the seal is bound to besides the body: a sealed body cannot be moved to another record. */
const boundTo = (scope: string, fingerprint: string, status: number): Buffer => Buffer.from(`${scope}\n${fingerprint}\n${status}`);

function seal(req: KeyedRequest, scope: string, fingerprint: string, reply: Reply): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', derivedKey(req, scope, 'answer'), iv);
  cipher.setAAD(boundTo(scope, fingerprint, reply.status));
  // Wrapped, so that an answer without a body (undefined) comes back as one.
  const text = Buffer.concat([cipher.update(JSON.stringify({ body: reply.body }), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), text]).toString('base64url');
}

/** The stored answer's body, or null when the seal does not open (a record not made with this key, or altered). */
function unseal(req: KeyedRequest, scope: string, stored: IdempotencyRecord): { body: unknown } | null {
  const raw = Buffer.from(stored.sealed, 'base64url');
  if (raw.length < IV_BYTES + TAG_BYTES) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', derivedKey(req, scope, 'answer'), raw.subarray(0, IV_BYTES));
    decipher.setAAD(boundTo(scope, stored.fingerprint, stored.status));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    const text = Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    return JSON.parse(text) as { body: unknown };
  } catch {
    return null;
  }
}

export function lookup(state: StubState, req: KeyedRequest, now: number): Lookup {
  const scope = scopeOf(req);
  const stored = state.idempotency[scope];
  // Kept 24 h: an older one is forgotten (removed by the next pruning, maintenance.ts).
  if (!stored || now - stored.storedAt > IDEMPOTENCY_TTL_MS) return { kind: 'new' };
  if (!safeEqual(stored.fingerprint, fingerprintOf(req, scope))) return { kind: 'conflict' };
  const opened = unseal(req, scope, stored);
  // An answer that cannot be opened is never performed a second time: refused like a reused key.
  if (!opened) return { kind: 'conflict' };
  return { kind: 'replay', reply: { status: stored.status, body: opened.body } };
}

export function remember(state: StubState, req: KeyedRequest, reply: Reply, now: number): void {
  const scope = scopeOf(req);
  const fingerprint = fingerprintOf(req, scope);
  state.idempotency[scope] = { fingerprint, status: reply.status, sealed: seal(req, scope, fingerprint, reply), storedAt: now };
}

export function pruneIdempotency(state: StubState, now: number): void {
  for (const [scope, record] of Object.entries(untracked(state.idempotency))) {
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
