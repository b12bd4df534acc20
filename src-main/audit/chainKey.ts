/**
 * The key of the chain (docs/architecture.md §6): every record written since
 * the chain was keyed carries `"v":2` and its `hash` is an HMAC-SHA-256 under
 * this key, so a record cannot be changed and re-hashed — nor a forged one
 * inserted, nor one deleted and the rest renumbered — without it.
 *
 * It is derived from the kiosk's audit key (keys.ts; sealed by the OS
 * keyring under Electron, else a 0600 file) with HKDF-SHA-256 and an info
 * string of its own, so it is never the key behind the `hmac:` subjects:
 * whoever is given one cannot compute the other's MACs from it.
 */
import { createHmac, hkdfSync } from 'node:crypto';

/** HKDF `info`: names what the derived key is for (RFC 5869 §3.2). */
const CHAIN_KEY_INFO = 'pulih audit chain hmac-sha256 v2';
const CHAIN_KEY_LENGTH = 32;

/** The chain key of an audit key. */
export function deriveChainKey(auditKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', auditKey, Buffer.alloc(0), CHAIN_KEY_INFO, CHAIN_KEY_LENGTH));
}

/** HMAC-SHA-256 of `data` under the chain key, lower-case hex. */
export function chainMacHex(chainKey: Buffer, data: string | Uint8Array): string {
  return createHmac('sha256', chainKey).update(data).digest('hex');
}
