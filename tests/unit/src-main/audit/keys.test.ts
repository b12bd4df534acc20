import { chmod, readFile, readdir, stat, writeFile, mkdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createFileKeyProvider, defaultKeyPath, KEY_LENGTH } from '../../../../src-main/audit/keys';
import { subjectKeyOf } from '../../../../src-main/audit/subjectKey';
import { auditFiles, openTestLog, sampleEvent, tempRoot } from './helpers';

const isPosix = process.platform !== 'win32';

describe('the subject key', () => {
  it('is created as 32 random bytes, mode 0600 in a 0700 keys/ folder beside the log, and kept out of the log files', async () => {
    const root = await tempRoot();
    const dir = join(root, 'audit');
    const keyPath = defaultKeyPath(dir);
    expect(keyPath).toBe(join(root, 'keys', 'audit-subject.key'));
    expect(relative(dir, keyPath).startsWith('..')).toBe(true);

    const log = await openTestLog(dir, { keyProvider: createFileKeyProvider(keyPath) });
    const subject = log.subjectKey('3171014101900001');
    await log.append({ ...sampleEvent(1), subject });
    await log.append({ ...sampleEvent(2), subject: log.subjectKey('+6281234562797') });
    await log.close();

    const key = await readFile(keyPath);
    expect(key).toHaveLength(KEY_LENGTH);
    if (isPosix) {
      expect((await stat(keyPath)).mode & 0o777).toBe(0o600);
      expect((await stat(join(root, 'keys'))).mode & 0o777).toBe(0o700);
    }
    expect(await readdir(join(root, 'keys'))).toEqual(['audit-subject.key']); // no draft left behind
    for (const file of await auditFiles(dir)) {
      const content = await readFile(join(dir, file));
      expect(content.includes(key)).toBe(false);
      for (const encoding of ['hex', 'base64', 'base64url'] as const) {
        expect(content.toString('utf8')).not.toContain(key.toString(encoding));
      }
      expect(content.toString('utf8')).not.toContain('3171014101900001');
      expect(content.toString('utf8')).toContain(subject);
    }
  });

  it('returns the same key on every call and from a new provider; concurrent first uses agree', async () => {
    const keyPath = join(await tempRoot(), 'keys', 'k.key');
    const providers = Array.from({ length: 5 }, () => createFileKeyProvider(keyPath));
    const keys = await Promise.all(providers.map((provider) => provider.getKey()));
    for (const key of keys) expect(key.equals(keys[0] as Buffer)).toBe(true);
    expect((await createFileKeyProvider(keyPath).getKey()).equals(keys[0] as Buffer)).toBe(true);
    expect((await readdir(join(keyPath, '..'))).length).toBe(1);
  });

  it.runIf(isPosix)('tightens an existing key file that others can read', async () => {
    const keyPath = join(await tempRoot(), 'keys', 'k.key');
    await mkdir(join(keyPath, '..'));
    await writeFile(keyPath, Buffer.alloc(32, 1));
    await chmod(keyPath, 0o644);
    await createFileKeyProvider(keyPath).getKey();
    expect((await stat(keyPath)).mode & 0o777).toBe(0o600);
  });

  it('refuses a key file that is too short', async () => {
    const keyPath = join(await tempRoot(), 'k.key');
    await writeFile(keyPath, Buffer.alloc(8), { mode: 0o600 });
    await expect(createFileKeyProvider(keyPath).getKey()).rejects.toThrow(/8 bytes/);
  });

  it('subjectKey is stable for one key, differs across keys and never contains the raw input', () => {
    const keyA = Buffer.alloc(32, 1);
    const keyB = Buffer.alloc(32, 2);
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 64 }), (raw) => {
        const a = subjectKeyOf(keyA, raw);
        expect(a).toMatch(/^hmac:[0-9a-f]{64}$/);
        expect(subjectKeyOf(keyA, raw)).toBe(a);
        expect(subjectKeyOf(keyB, raw)).not.toBe(a);
        if (raw.trim().length >= 6) expect(a).not.toContain(raw.trim());
      }),
    );
    expect(subjectKeyOf(keyA, '3171014101900001')).not.toBe(subjectKeyOf(keyA, '3171014101900002'));
  });

  it('the log exposes subjectKey with the provider key', async () => {
    const dir = join(await tempRoot(), 'audit');
    const log = await openTestLog(dir);
    expect(log.subjectKey('081234562797')).toBe(subjectKeyOf(Buffer.alloc(32, 7), '081234562797'));
    await log.close();
  });
});
