/**
 * The verify suites again, with every line's hash taken from the hash
 * worker (lineHasher.ts, mode `always`: every file handed over, verification
 * waits for all its verdicts) instead of computed in-thread. The first
 * problem must be named the same — seq, file, line, reason — whichever
 * thread hashed the line. (The suites themselves run with the default,
 * `auto`, which hashes their small files in-thread.)
 */
import { vi } from 'vitest';

vi.mock('../../../../src-main/audit/verify', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../../src-main/audit/verify')>();
  return {
    ...actual,
    verifyAuditDir: (dir: string, options: import('../../../../src-main/audit/verify').VerifyOptions = {}) =>
      actual.verifyAuditDir(dir, { hashWorker: 'always', ...options }),
  };
});

await import('./verify.test');
await import('./attacks.test');
await import('./canonicalJson.test');
await import('./chainKey.test');
