import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { safeStorage } from 'electron';
import { createFileKeyProvider, KEY_LENGTH, type KeyProvider } from '../audit/keys';

/**
 * The audit subject key sealed with the OS keychain (Electron safeStorage:
 * DPAPI, Keychain, libsecret). Where no keychain is available the key falls
 * back to a 0600 file, as in the browser shell.
 */
export function createSafeStorageKeyProvider(sealedPath: string, fallbackPath: string): KeyProvider {
  if (!safeStorage.isEncryptionAvailable()) return createFileKeyProvider(fallbackPath);
  let key: Promise<Buffer> | undefined;
  const load = async (): Promise<Buffer> => {
    try {
      return Buffer.from(safeStorage.decryptString(await readFile(sealedPath)), 'base64');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    const fresh = randomBytes(KEY_LENGTH);
    await mkdir(dirname(sealedPath), { recursive: true, mode: 0o700 });
    const tmp = `${sealedPath}.${process.pid}.tmp`;
    await writeFile(tmp, safeStorage.encryptString(fresh.toString('base64')), { mode: 0o600, flag: 'wx' });
    await rename(tmp, sealedPath);
    return fresh;
  };
  return {
    getKey() {
      key ??= load();
      return key;
    },
  };
}
