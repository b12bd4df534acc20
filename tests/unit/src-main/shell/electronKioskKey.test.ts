import { chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConfigError } from '../../../../src-main/core/config';
import { readPlainKioskKey } from '../../../../src-main/shell/kioskKey';
import { createElectronDouble, createMachine } from '../../../doubles/electron';

/**
 * The kiosk key under Electron (src-main/shell/sealedKioskKey.ts): sealed with
 * safeStorage on the first start, unsealed on later ones, left plain (and
 * said so) where no OS keyring would really seal it. safeStorage is the
 * double's (tests/doubles/electron.ts, from Electron's safe-storage page);
 * this proves the file handling, not that Electron ran.
 */

const KEY = 'k1-'.padEnd(43, 'A');
const NEXT_KEY = 'k2-'.padEnd(43, 'B');
let dir: string;
let keyFile: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pulih-kiosk-key-'));
  keyFile = join(dir, 'kiosk.key');
});
afterEach(async () => {
  vi.doUnmock('electron');
  await rm(dir, { recursive: true, force: true });
});

/** The reader as the Electron shell loads it, on a Linux double with or without a keyring. */
async function electronReader(options: { keyring: boolean; encryptionAvailable?: boolean }) {
  const electron = createElectronDouble({ machine: createMachine(), userData: dir, ...options });
  electron.app.becomeReady();
  vi.doMock('electron', () => electron.module);
  vi.resetModules();
  const { readElectronKioskKey } = await import('../../../../src-main/shell/sealedKioskKey');
  return (path: string) => readElectronKioskKey(path, 'linux');
}

/** Device management pushes the plain key, readable by others as many tools leave it. */
async function push(key: string): Promise<void> {
  await writeFile(keyFile, `${key}\n`, { mode: 0o644 });
  await chmod(keyFile, 0o644);
}

const modeOf = async (path: string) => (await stat(path)).mode & 0o777;

/** The start-up error (the reader's module graph is loaded afresh per test, so its ConfigError is told by name). */
async function configError(promise: Promise<unknown>): Promise<ConfigError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toMatchObject({ name: 'ConfigError' });
  return err as ConfigError;
}

describe('with an OS keyring', () => {
  it('the first start seals the pushed key in place: the file no longer holds it in clear, and is 0600', async () => {
    const read = await electronReader({ keyring: true });
    await push(KEY);
    expect(await read(keyFile)).toEqual({ key: KEY, store: 'os-keyring' });

    const text = await readFile(keyFile, 'utf8');
    expect(text).not.toContain(KEY);
    expect(JSON.parse(text)).toEqual({ sealed: expect.any(String) });
    expect(await modeOf(keyFile)).toBe(0o600);
    // Replaced atomically: nothing left beside it.
    expect(await readdir(dir)).toEqual(['kiosk.key']);
  });

  it('later starts unseal it, and leave the file as it is', async () => {
    await push(KEY);
    await (await electronReader({ keyring: true }))(keyFile);
    const sealed = await readFile(keyFile, 'utf8');

    const restarted = await electronReader({ keyring: true });
    expect(await restarted(keyFile)).toEqual({ key: KEY, store: 'os-keyring' });
    expect(await readFile(keyFile, 'utf8')).toBe(sealed);
  });

  it('a new key pushed over the sealed file is taken, and sealed in its turn', async () => {
    const read = await electronReader({ keyring: true });
    await push(KEY);
    await read(keyFile);
    await push(NEXT_KEY);
    expect(await read(keyFile)).toEqual({ key: NEXT_KEY, store: 'os-keyring' });
    expect(await readFile(keyFile, 'utf8')).not.toContain(NEXT_KEY);
    expect((await read(keyFile)).key).toBe(NEXT_KEY);
  });

  it('a sealed file this keyring cannot open stops start-up, naming the file: device management pushes the key again', async () => {
    await writeFile(keyFile, JSON.stringify({ sealed: Buffer.from('not sealed by anyone').toString('base64') }));
    const err = await configError((await electronReader({ keyring: true }))(keyFile));
    expect(err.field).toBe('kioskKeyFile');
    expect(err.message).toBe(`kioskKeyFile: ${keyFile} is sealed, but this user's OS keyring cannot unseal it; push the plain key again`);
  });

  it('a file that holds no key stops start-up without echoing it, and is not rewritten', async () => {
    await writeFile(keyFile, 'PIN 246810\n');
    const err = await configError((await electronReader({ keyring: true }))(keyFile));
    expect(err.message).toBe(`kioskKeyFile: ${keyFile} does not hold a kiosk key (32-128 letters, digits, - or _)`);
    expect(await readFile(keyFile, 'utf8')).toBe('PIN 246810\n');
  });

  it('a missing file stops start-up, naming it', async () => {
    const err = await configError((await electronReader({ keyring: true }))(keyFile));
    expect(err.message).toBe(`kioskKeyFile: cannot read ${keyFile}: ENOENT`);
  });
});

describe('without an OS keyring', () => {
  it('Linux basic_text: the key is not "sealed" with a hard-coded password; the plain file stays, made 0600, and the reason is given', async () => {
    await push(KEY);
    expect(await (await electronReader({ keyring: false }))(keyFile)).toEqual({ key: KEY, store: 'file', reason: 'no-os-keyring' });
    expect(await readFile(keyFile, 'utf8')).toBe(`${KEY}\n`);
    expect(await modeOf(keyFile)).toBe(0o600);
  });

  it('safeStorage unavailable: the same, with that reason', async () => {
    await push(KEY);
    const read = await electronReader({ keyring: true, encryptionAvailable: false });
    expect(await read(keyFile)).toEqual({ key: KEY, store: 'file', reason: 'safe-storage-unavailable' });
    expect(await readFile(keyFile, 'utf8')).toBe(`${KEY}\n`);
  });

  it('a file sealed while the keyring was there stops start-up once it is gone, and says what to do', async () => {
    await push(KEY);
    await (await electronReader({ keyring: true }))(keyFile);
    const err = await configError((await electronReader({ keyring: false }))(keyFile));
    expect(err.message).toBe(`kioskKeyFile: ${keyFile} is sealed, but this kiosk has no OS keyring to unseal it (no-os-keyring); push the plain key again`);
    expect(err.message).not.toContain(KEY);
  });
});

describe('a sealed file where there is no Electron (browser shell, audit:verify)', () => {
  it('is refused with a message that says what it is, not "no kiosk key"', async () => {
    await push(KEY);
    await (await electronReader({ keyring: true }))(keyFile);
    const err = await configError(readPlainKioskKey(keyFile));
    expect(err.message).toBe(
      `kioskKeyFile: ${keyFile} was sealed by an Electron kiosk's OS keyring and only that kiosk can read it; give this program the plain key file device management pushed`,
    );
  });

  it('a plain file reads as before', async () => {
    await push(KEY);
    expect(await readPlainKioskKey(keyFile)).toBe(KEY);
  });
});
