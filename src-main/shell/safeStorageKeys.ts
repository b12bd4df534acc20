import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { safeStorage } from 'electron';
import { createFileKeyProvider, KEY_LENGTH, type KeyProvider } from '../audit/keys';

/** Why safeStorage would not really seal anything here (see below); undefined when the OS keyring seals. */
export type NoOsKeyring = 'safe-storage-unavailable' | 'no-os-keyring';

export interface AuditKeyStore {
  provider: KeyProvider;
  /** 'os-keyring': sealed by safeStorage; 'file': a 0600 file, as in the browser shell. */
  store: 'os-keyring' | 'file';
  /** Why the key is not sealed, when it is in a file. */
  reason?: NoOsKeyring;
}

/**
 * Whether safeStorage seals with the OS keyring here: not when it is
 * unavailable, and not on Linux with the `basic_text` backend (a password
 * hard-coded in Chromium; see below). The kiosk key follows the same rule
 * (sealedKioskKey.ts).
 */
export function whyNoOsKeyring(platform: NodeJS.Platform = process.platform): NoOsKeyring | undefined {
  if (!safeStorage.isEncryptionAvailable()) return 'safe-storage-unavailable';
  if (platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return 'no-os-keyring';
  return undefined;
}

/**
 * Where the audit subject key lives under Electron: sealed by the OS keyring
 * through safeStorage (DPAPI, Keychain, libsecret/KWallet), or else in a
 * 0600 file beside the log.
 *
 * On Linux without a keyring, safeStorage still "encrypts", with the
 * `basic_text` backend: a password hard-coded in Chromium
 * (https://www.electronjs.org/docs/latest/api/safe-storage#safestoragegetselectedstoragebackend-linux).
 * A key sealed that way is no safer than a 0600 file and would only look
 * protected, so the shell uses the file and says so in the audit log
 * (docs/kiosk.md, "The audit key").
 */
export function chooseAuditKeyStore(sealedPath: string, fallbackPath: string, platform: NodeJS.Platform = process.platform): AuditKeyStore {
  const reason = whyNoOsKeyring(platform);
  if (reason) return { provider: createFileKeyProvider(fallbackPath), store: 'file', reason };
  return { provider: createSealedKeyProvider(sealedPath), store: 'os-keyring' };
}

function createSealedKeyProvider(sealedPath: string): KeyProvider {
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
