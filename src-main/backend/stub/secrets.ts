/**
 * Every random value and every hash the stub makes. Secrets (passwords,
 * PINs, tokens, OTP codes) are kept hashed in the state so that a state file
 * left on a training machine does not hand out credentials.
 */
import { createHash, randomBytes, randomInt, scryptSync, timingSafeEqual } from 'node:crypto';
import { OTP_LENGTH } from '../../../src-shared/rules/otp';

export interface SaltedHash {
  salt: string;
  hash: string;
}

/**
 * scrypt with a deliberately small cost: the stub is a training and test
 * double, and its tests sign in hundreds of times on 2 cores. A real
 * backend uses a production cost.
 */
const SCRYPT = { N: 1024, r: 8, p: 1 } as const;

export function hashSecret(secret: string, salt: string = randomBytes(16).toString('base64url')): SaltedHash {
  const hash = scryptSync(secret.normalize('NFC'), salt, 32, SCRYPT).toString('base64url');
  return { salt, hash };
}

/** Constant-time comparison; `stored` null still spends the same work (no timing oracle). */
export function verifySecret(secret: string, stored: SaltedHash | null): boolean {
  const candidate = hashSecret(secret, stored?.salt ?? 'no-account-salt');
  if (!stored) return false;
  return safeEqual(candidate.hash, stored.hash);
}

/**
 * OTP codes: a salted SHA-256, not scrypt. Six digits that live 5 minutes
 * and allow 5 tries gain nothing from a slow hash (a stolen state file is
 * brute-forced in minutes either way), while scrypt was half of the stub's
 * CPU under load (docs/bench.md). Passwords and PINs keep scrypt.
 */
export function hashOtpCode(code: string, salt: string = randomBytes(16).toString('base64url')): SaltedHash {
  return { salt, hash: createHash('sha256').update(`${salt}:${code}`).digest('base64url') };
}

export function verifyOtpCode(code: string, stored: SaltedHash): boolean {
  return safeEqual(hashOtpCode(code, stored.salt).hash, stored.hash);
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** SHA-256 hex, for looking up tokens and keys without storing them. */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** An opaque bearer token (256 bits). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** An opaque id with a readable prefix, e.g. `rcv_…`. */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('base64url')}`;
}

/** `OTP_LENGTH` digits from the CSPRNG (architecture §3). */
export function newOtpCode(): string {
  return randomInt(0, 10 ** OTP_LENGTH).toString().padStart(OTP_LENGTH, '0');
}

/** Letters and digits that cannot be confused when read aloud at a counter. */
const REFERENCE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** `PLH-2026-7KQ2MX`: a reference the citizen may quote; it grants nothing. */
export function newReference(nowMs: number): string {
  let tail = '';
  for (let i = 0; i < 6; i += 1) tail += REFERENCE_ALPHABET[randomInt(0, REFERENCE_ALPHABET.length)];
  return `PLH-${new Date(nowMs).getUTCFullYear()}-${tail}`;
}
