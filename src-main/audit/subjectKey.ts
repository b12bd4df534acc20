/**
 * Keyed hashes of raw identifiers (NIK, phone, e-mail) so that events about
 * the same citizen can be correlated without the identifier being stored.
 */
import { createHmac } from 'node:crypto';

export const SUBJECT_KEY_PREFIX = 'hmac:';

/**
 * `hmac:` + HMAC-SHA-256(key, raw) in hex. `raw` is NFKC-normalised and
 * trimmed first; callers pass identifiers in one canonical form (E.164
 * phone, lower-case e-mail) so that the same citizen gives the same value.
 */
export function subjectKeyOf(key: Buffer, raw: string): string {
  const mac = createHmac('sha256', key).update(raw.normalize('NFKC').trim(), 'utf8').digest('hex');
  return `${SUBJECT_KEY_PREFIX}${mac}`;
}
