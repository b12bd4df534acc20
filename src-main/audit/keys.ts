/**
 * The key behind `subjectKey()`: kept outside the log, so that the log alone
 * cannot be used to test guesses of a NIK or phone number against its
 * `hmac:` subjects. The Electron shell supplies a safeStorage-backed
 * KeyProvider; `createFileKeyProvider` is the default (and the browser
 * shell's): 32 random bytes in a file only its owner can read.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { chmod, link, mkdir, open, readFile, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { errnoCode } from './errors';

export interface KeyProvider {
  /** The HMAC key for subjects; at least 32 bytes. */
  getKey(): Promise<Buffer>;
}

export const KEY_LENGTH = 32;
const KEY_FILE_MODE = 0o600;
const KEY_DIR_MODE = 0o700;

/** `<parent of auditDir>/keys/audit-subject.key`: a sibling of the log folder, never inside it. */
export function defaultKeyPath(auditDir: string): string {
  return join(dirname(resolve(auditDir)), 'keys', 'audit-subject.key');
}

/**
 * A KeyProvider backed by the file at `keyPath`, created on first use
 * (mode 0600, in a 0700 folder; atomically, so two processes racing to create
 * it end up with the same key). An existing file readable by others is
 * tightened to 0600. The key is read once and then kept in memory.
 */
export function createFileKeyProvider(keyPath: string): KeyProvider {
  let key: Promise<Buffer> | undefined;
  return {
    getKey() {
      key ??= loadOrCreateKey(keyPath).catch((error: unknown) => {
        key = undefined;
        throw error;
      });
      return key;
    },
  };
}

async function loadOrCreateKey(keyPath: string): Promise<Buffer> {
  try {
    return await readKeyFile(keyPath);
  } catch (error) {
    if (errnoCode(error) !== 'ENOENT') throw error;
  }
  await mkdir(dirname(keyPath), { recursive: true, mode: KEY_DIR_MODE });
  const draft = `${keyPath}.${randomUUID()}.tmp`;
  const handle = await open(draft, 'wx', KEY_FILE_MODE);
  try {
    await handle.writeFile(randomBytes(KEY_LENGTH));
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await link(draft, keyPath); // fails if another process got there first: use theirs
  } catch (error) {
    if (errnoCode(error) !== 'EEXIST') throw error;
  } finally {
    await rm(draft, { force: true });
  }
  await syncDirectory(dirname(keyPath));
  return readKeyFile(keyPath);
}

async function readKeyFile(keyPath: string): Promise<Buffer> {
  if (process.platform !== 'win32') {
    const { mode } = await stat(keyPath);
    if ((mode & 0o077) !== 0) await chmod(keyPath, KEY_FILE_MODE);
  }
  const key = await readFile(keyPath);
  if (key.length < KEY_LENGTH) throw new Error(`audit key file ${keyPath} holds ${key.length} bytes, expected ${KEY_LENGTH}`);
  return key;
}

async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
