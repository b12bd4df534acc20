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
import { createCipheriv, createDecipheriv, createHmac, randomFillSync } from 'node:crypto';
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

/** What one request's key gives, worked out once per request (lookup, then remember). */
interface Derived {
  scope: string;
  /** HKDF-Extract of the key under the scope: both purposes' keys are expanded from it. */
  prk?: Buffer;
  fingerprint?: string;
}

const derivedOf = new WeakMap<KeyedRequest, Derived>();

function derived(req: KeyedRequest): Derived {
  let found = derivedOf.get(req);
  if (!found) {
    found = { scope: sha256(`${req.kioskId}\n${req.key}`) };
    derivedOf.set(req, found);
  }
  return found;
}

export function scopeOf(req: KeyedRequest): string {
  return derived(req).scope;
}

/** HKDF-Expand's info for each purpose, with the block counter (0x01): one block is the 32 bytes wanted. */
const EXPAND_INFO = {
  answer: Buffer.from('pulih-stub idempotency answer v1\u0001'),
  fingerprint: Buffer.from('pulih-stub idempotency fingerprint v1\u0001'),
} as const;

/**
 * A 256-bit key for one purpose, from the Idempotency-Key (secret) and its scope (salt):
 * HKDF-SHA-256 (RFC 5869) written out with HMAC, the same bytes as
 * `hkdfSync('sha256', key, scope, 'pulih-stub idempotency <purpose> v1', 32)`, but
 * extracted once for both purposes (hkdfSync extracts again for each, through a KeyObject).
 */
function derivedKey(req: KeyedRequest, purpose: 'answer' | 'fingerprint'): Buffer {
  const d = derived(req);
  d.prk ??= createHmac('sha256', d.scope).update(req.key).digest();
  return createHmac('sha256', d.prk).update(EXPAND_INFO[purpose]).digest();
}

/** A keyed hash of what was asked: method, path, body (keys sorted) and credentials. */
function fingerprintOf(req: KeyedRequest): string {
  const d = derived(req);
  if (d.fingerprint === undefined) {
    const asked = JSON.stringify([req.method, req.url, canonical(req.body), req.recoveryToken ? sha256(req.recoveryToken) : '']);
    d.fingerprint = createHmac('sha256', derivedKey(req, 'fingerprint')).update(asked).digest('base64url');
  }
  return d.fingerprint;
}

/**
 * Initialisation vectors, taken in turn from a buffer filled by the CSPRNG (one call for
 * 341 of them, where randomBytes(12) cost a call each): every IV is still 96 fresh random
 * bits, none is handed out twice.
 */
const ivPool = Buffer.alloc(IV_BYTES * 341);
let ivNext = ivPool.length;

function newIv(): Buffer {
  if (ivNext + IV_BYTES > ivPool.length) {
    randomFillSync(ivPool);
    ivNext = 0;
  }
  const iv = Buffer.from(ivPool.subarray(ivNext, ivNext + IV_BYTES));
  ivNext += IV_BYTES;
  return iv;
}

/** What the seal is bound to besides the body: a sealed body cannot be moved to another record. */
const boundTo = (scope: string, fingerprint: string, status: number): Buffer => Buffer.from(`${scope}\n${fingerprint}\n${status}`);

function seal(req: KeyedRequest, scope: string, fingerprint: string, reply: Reply): string {
  const iv = newIv();
  const cipher = createCipheriv('aes-256-gcm', derivedKey(req, 'answer'), iv);
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
    const decipher = createDecipheriv('aes-256-gcm', derivedKey(req, 'answer'), raw.subarray(0, IV_BYTES));
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
  if (!safeEqual(stored.fingerprint, fingerprintOf(req))) return { kind: 'conflict' };
  const opened = unseal(req, scope, stored);
  // An answer that cannot be opened is never performed a second time: refused like a reused key.
  if (!opened) return { kind: 'conflict' };
  return { kind: 'replay', reply: { status: stored.status, body: opened.body } };
}

export function remember(state: StubState, req: KeyedRequest, reply: Reply, now: number): void {
  const scope = scopeOf(req);
  const fingerprint = fingerprintOf(req);
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
