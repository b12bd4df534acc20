/**
 * The kiosk's key for the backend (resources/openapi.yaml, `kioskKey`):
 * read from the file the config names (`kioskKeyFile`), never from a
 * command line or the environment. The embedded stub's key is made per
 * launch instead and lives only in this process.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { ConfigError } from '../core/config';

const KEY_PATTERN = /^[A-Za-z0-9_-]{32,128}$/;

/** A fresh key for the embedded stub: 256 bits, known only to this process. */
export function newKioskKey(): string {
  return randomBytes(32).toString('base64url');
}

/** Whether `text` (trimmed) has the shape of a kiosk key. */
export function isKioskKey(text: string): boolean {
  return KEY_PATTERN.test(text);
}

/**
 * What a key file holds: the plain key device management pushed (one line),
 * or that key sealed by an Electron kiosk's OS keyring, `{"sealed":"<base64>"}`
 * (sealedKioskKey.ts; docs/kiosk.md, "The kiosk key").
 */
export type KioskKeyFileContent = { kind: 'plain'; key: string } | { kind: 'sealed'; sealed: Buffer };

const notAKey = (path: string) =>
  new ConfigError(`kioskKeyFile: ${path} does not hold a kiosk key (32-128 letters, digits, - or _)`, 'kioskKeyFile');

/** The content of a sealed key file. */
export function sealedKioskKeyFile(sealed: Buffer): string {
  return `${JSON.stringify({ sealed: sealed.toString('base64') })}\n`;
}

/** Tells a plain key from a sealed one; anything else stops start-up, naming the file, never its content. */
export function parseKioskKeyFile(text: string, path: string): KioskKeyFileContent {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch {
      throw notAKey(path);
    }
    const sealed = (parsed as { sealed?: unknown } | null)?.sealed;
    if (typeof sealed !== 'string' || !/^[A-Za-z0-9+/]+={0,2}$/.test(sealed)) throw notAKey(path);
    return { kind: 'sealed', sealed: Buffer.from(sealed, 'base64') };
  }
  if (!isKioskKey(trimmed)) throw notAKey(path);
  return { kind: 'plain', key: trimmed };
}

/** The key file's text; a file that cannot be read stops start-up, naming it. */
export async function readKioskKeyText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    throw new ConfigError(`kioskKeyFile: cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`, 'kioskKeyFile');
  }
}

/** Reads a plain key file (one line: the key). A missing or malformed file stops start-up, naming the file, never its content. */
export async function readPlainKioskKey(path: string): Promise<string> {
  const content = parseKioskKeyFile(await readKioskKeyText(path), path);
  if (content.kind === 'sealed') {
    throw new ConfigError(
      `kioskKeyFile: ${path} was sealed by an Electron kiosk's OS keyring and only that kiosk can read it; give this program the plain key file device management pushed`,
      'kioskKeyFile',
    );
  }
  return content.key;
}
