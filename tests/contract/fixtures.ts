/**
 * Fresh, unique test citizens, so that checks never share counters and can
 * run against a server that has been used before (or by other checks).
 */
import { randomInt } from 'node:crypto';

export interface Citizen {
  nik: string;
  fullName: string;
  motherMaidenName: string;
  /** E.164. */
  phone: string;
  email: string;
  password: string;
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

function letters(n: number): string {
  let out = '';
  for (let i = 0; i < n; i += 1) out += LETTERS[randomInt(0, LETTERS.length)];
  return out;
}

function digits(n: number): string {
  let out = '';
  for (let i = 0; i < n; i += 1) out += String(randomInt(0, 10));
  return out;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** A structurally valid NIK (DKI Jakarta, a date that exists, serial ≠ 0000). */
export function randomNik(): string {
  const day = randomInt(1, 29) + (randomInt(0, 2) === 1 ? 40 : 0);
  return `3171${pad(randomInt(1, 10))}${pad(day)}${pad(randomInt(1, 13))}${pad(randomInt(0, 100))}${String(randomInt(1, 10_000)).padStart(4, '0')}`;
}

/** A Telkomsel-style mobile number libphonenumber-js accepts, E.164. */
export function randomPhone(): string {
  return `+62812${digits(8)}`;
}

/** A random domain too: masking keeps only the first letter and the domain, which must tell test addresses apart. */
export function randomEmail(): string {
  return `uji.${letters(8).toLowerCase()}@${letters(8).toLowerCase()}.example.com`;
}

/** `08*****1234`, the way the contract masks a phone. */
export function maskedPhone(e164: string): string {
  const national = `0${e164.slice(3)}`;
  return `${national.slice(0, 2)}*****${national.slice(-4)}`;
}

export function maskedEmail(email: string): string {
  return `${email[0]}***${email.slice(email.indexOf('@'))}`;
}

/** Meets the policy and shares nothing with the citizen's data. */
export function strongPassword(): string {
  return `Kuat#${digits(4)}${letters(2)}x`;
}

export function newCitizen(): Citizen {
  return {
    nik: randomNik(),
    fullName: `WARGA ${letters(7)}`,
    motherMaidenName: `IBU ${letters(7)}`,
    phone: randomPhone(),
    email: randomEmail(),
    password: strongPassword(),
  };
}

export function randomKiosk(): string {
  return `conformance-${letters(8).toLowerCase()}`;
}
