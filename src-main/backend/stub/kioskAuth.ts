/**
 * Kiosk authentication (resources/openapi.yaml, `kioskKey`): every contract
 * request carries `Authorization: Bearer <kiosk key>`. The stub knows each
 * provisioned kiosk by the SHA-256 of its key (`npm run stub -- --kiosk-key
 * ID=KEY`; the embedded stub provisions the kiosk it runs in with a key made
 * per launch) and answers 401 KIOSK_UNAUTHENTICATED, before any validation
 * or rule, to a request without a key, with an unknown key, or whose
 * `X-Kiosk-Id` is not its key's kiosk. So a per-kiosk cap cannot be walked
 * around by inventing kiosk ids.
 *
 * The embedded stub also checks `Host` (only its own loopback address and
 * port), so a page in a browser on the same machine cannot reach it by DNS
 * rebinding.
 */
import type { FastifyInstance } from 'fastify';
import { routeIdOf } from './contractRoute';
import { sendReply } from './handler';
import { problem } from './problem';
import { safeEqual, sha256 } from './secrets';

export type KioskMode = 'assisted' | 'self-service';

export interface KioskProvision {
  kioskId: string;
  /** The kiosk's key (kept here only as its SHA-256). */
  key: string;
  /** Assisted kiosks need a signed-in officer of their own for the identity path (the default). */
  mode?: KioskMode;
}

const KIOSK_ID = /^[A-Za-z0-9._-]{1,64}$/;
const KIOSK_KEY = /^[A-Za-z0-9_-]{32,128}$/;

/** Parses `ID=KEY` (the stub's `--kiosk-key`); null when malformed. */
export function parseKioskProvision(text: string): KioskProvision | null {
  const at = text.indexOf('=');
  const kioskId = text.slice(0, at);
  const key = text.slice(at + 1);
  return at > 0 && KIOSK_ID.test(kioskId) && KIOSK_KEY.test(key) ? { kioskId, key } : null;
}

export class KioskRegistry {
  readonly #byKeyHash = new Map<string, { kioskId: string; mode: KioskMode }>();

  constructor(kiosks: readonly KioskProvision[] = []) {
    for (const k of kiosks) this.provision(k);
  }

  provision(kiosk: KioskProvision): void {
    if (!KIOSK_ID.test(kiosk.kioskId) || !KIOSK_KEY.test(kiosk.key)) throw new Error(`kiosk ${kiosk.kioskId}: malformed id or key`);
    for (const [hash, known] of this.#byKeyHash) if (known.kioskId === kiosk.kioskId) this.#byKeyHash.delete(hash);
    this.#byKeyHash.set(sha256(kiosk.key), { kioskId: kiosk.kioskId, mode: kiosk.mode ?? 'assisted' });
  }

  get size(): number {
    return this.#byKeyHash.size;
  }

  /** The kiosk a request proves to be, or null (no key, unknown key, or another kiosk's id). */
  identify(authorization: unknown, kioskId: unknown): { kioskId: string; mode: KioskMode } | null {
    if (typeof authorization !== 'string' || typeof kioskId !== 'string') return null;
    const match = /^Bearer ([A-Za-z0-9_-]{32,128})$/.exec(authorization);
    if (!match?.[1]) return null;
    const known = this.#byKeyHash.get(sha256(match[1]));
    return known && safeEqual(known.kioskId, kioskId) ? known : null;
  }

  /** The mode a kiosk was provisioned with (assisted when unknown: the stricter). */
  modeOf(kioskId: string): KioskMode {
    for (const known of this.#byKeyHash.values()) if (known.kioskId === kioskId) return known.mode;
    return 'assisted';
  }
}

/**
 * Refuses every contract route's request that is not from a provisioned
 * kiosk. `hosts`, when given, are the only `Host` values answered at all
 * (421 otherwise), test controls included.
 */
export function registerKioskAuth(app: FastifyInstance, kiosks: KioskRegistry, hosts: () => readonly string[] | null): void {
  // Callback style: all of it is synchronous, so no promise per request. A refusal is answered and the request goes no further.
  app.addHook('onRequest', (request, reply, done) => {
    const allowed = hosts();
    if (allowed !== null && !allowed.includes(request.headers.host ?? '')) {
      sendReply(reply, problem('VALIDATION_FAILED', 421, { field: 'Host' }));
      return;
    }
    if (routeIdOf(request) !== undefined && kiosks.identify(request.headers.authorization, request.headers['x-kiosk-id']) === null) {
      sendReply(reply, problem('KIOSK_UNAUTHENTICATED', 401));
      return;
    }
    done();
  });
}
