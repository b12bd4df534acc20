import { chmod, open, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { safeStorage } from 'electron';
import { ConfigError } from '../core/config';
import { isKioskKey, parseKioskKeyFile, readKioskKeyText, sealedKioskKeyFile } from './kioskKey';
import { whyNoOsKeyring, type NoOsKeyring } from './safeStorageKeys';

/** The kiosk key as the Electron shell read it, and where it now lives (for the start-up audit record). */
export interface ElectronKioskKey {
  key: string;
  /** 'os-keyring': the file holds the key sealed by safeStorage; 'file': the plain key, as pushed. */
  store: 'os-keyring' | 'file';
  /** Why the key stays plain: no OS keyring (as for the audit key), or the file could not be replaced. */
  reason?: NoOsKeyring | 'cannot-rewrite-file';
}

/**
 * The Electron shell's reader of the config's `kioskKeyFile` (docs/kiosk.md,
 * "The kiosk key"). Device management pushes the plain key; the first start
 * seals it with safeStorage and replaces the file, atomically, with
 * `{"sealed":"<base64>"}` (0600), so the file holds the key in clear only until
 * the kiosk first starts. Later starts unseal it. A new plain key pushed over
 * the sealed file is sealed in its turn.
 *
 * Where safeStorage would not really seal (unavailable, or Linux's
 * `basic_text`: safeStorageKeys.ts) the plain file stays, tightened to 0600
 * where the kiosk may, and `reason` says why. A sealed file this user's
 * keyring cannot open stops start-up (ConfigError, naming the file): device
 * management pushes the plain key again.
 */
export async function readElectronKioskKey(path: string, platform: NodeJS.Platform = process.platform): Promise<ElectronKioskKey> {
  const content = parseKioskKeyFile(await readKioskKeyText(path), path);
  const noKeyring = whyNoOsKeyring(platform);
  if (content.kind === 'sealed') {
    const pushAgain = 'push the plain key again';
    if (noKeyring) {
      throw new ConfigError(`kioskKeyFile: ${path} is sealed, but this kiosk has no OS keyring to unseal it (${noKeyring}); ${pushAgain}`, 'kioskKeyFile');
    }
    let key: string;
    try {
      key = safeStorage.decryptString(content.sealed);
    } catch {
      throw new ConfigError(`kioskKeyFile: ${path} is sealed, but this user's OS keyring cannot unseal it; ${pushAgain}`, 'kioskKeyFile');
    }
    if (!isKioskKey(key)) throw new ConfigError(`kioskKeyFile: ${path} does not unseal to a kiosk key; ${pushAgain}`, 'kioskKeyFile');
    return { key, store: 'os-keyring' };
  }
  if (noKeyring) {
    await tighten(path);
    return { key: content.key, store: 'file', reason: noKeyring };
  }
  let sealed: Buffer;
  try {
    sealed = safeStorage.encryptString(content.key);
  } catch {
    await tighten(path);
    return { key: content.key, store: 'file', reason: 'safe-storage-unavailable' };
  }
  try {
    await replaceAtomically(path, sealedKioskKeyFile(sealed));
  } catch {
    // The plain file is as it was (the new one replaces it whole or not at all): run on it, and say so.
    await tighten(path);
    return { key: content.key, store: 'file', reason: 'cannot-rewrite-file' };
  }
  return { key: content.key, store: 'os-keyring' };
}

/** Writes `text` beside `path` (0600, synced) and renames it over `path`: a reader sees the old file or the new, never half. */
async function replaceAtomically(path: string, text: string): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    const file = await open(tmp, 'wx', 0o600);
    try {
      await file.writeFile(text, 'utf8');
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true }).catch(() => {});
    throw err;
  }
  // The rename itself survives a power cut once the folder is synced (not possible on every OS: best effort).
  try {
    const folder = await open(dirname(path), 'r');
    await folder.sync().finally(() => folder.close());
  } catch {
    // Windows cannot open a folder this way; NTFS journals the rename.
  }
}

/** A plain key file readable by others is made 0600 where the kiosk owns it; otherwise left as device management made it. */
async function tighten(path: string): Promise<void> {
  try {
    if (((await stat(path)).mode & 0o077) !== 0) await chmod(path, 0o600);
  } catch {
    // Not ours to change (or not POSIX modes): device management's choice stands.
  }
}
