import { spawn } from 'node:child_process';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { verifyAuditDir } from '../../../../src-main/audit/verify';
import { allRecords, openTestLog, tempRoot } from './helpers';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'appendUntilKilled.ts');

/** Runs the child until it is ready, lets it append for `ms`, SIGKILLs it; resolves to the seqs it acknowledged. */
function runAndKill(dir: string, ms: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (timer === undefined && stdout.startsWith('ready\n')) {
        timer = setTimeout(() => child.kill('SIGKILL'), ms);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      if (signal !== 'SIGKILL') {
        reject(new Error(`child ended by itself (${String(signal)}): ${stderr}`));
        return;
      }
      const lines = stdout.split('\n');
      lines.pop(); // a seq cut mid-print was not seen whole: do not count it
      resolve(lines.filter((line) => /^\d+$/.test(line)).map(Number));
    });
  });
}

describe('crash safety', () => {
  it('every acknowledged append survives SIGKILL at random moments; at most a torn tail is repaired', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 3, max: 200 }), { minLength: 8, maxLength: 10 }), async (delays) => {
        const dir = join(await tempRoot(), 'audit');
        const acknowledged: number[] = [];
        for (const delay of delays) {
          acknowledged.push(...(await runAndKill(dir, delay)));
          const log = await openTestLog(dir); // reopen between runs, as a restarted kiosk would
          await log.close();
        }

        const records = await allRecords(dir);
        const present = new Set(records.map((record) => record.seq));
        expect(acknowledged.length).toBeGreaterThan(0);
        for (const seq of acknowledged) expect(present.has(seq)).toBe(true);
        const repairs = records.filter((record) => record.event === 'audit.repaired');
        expect(repairs.length).toBeLessThanOrEqual(delays.length); // at most one torn tail per crash
        for (const repair of repairs) expect(Number((repair.detail as { bytesRemoved: number }).bytesRemoved)).toBeLessThan(1024);
        await expect(verifyAuditDir(dir, { strict: true, key: Buffer.alloc(32, 3) })).resolves.toMatchObject({ ok: true, records: records.length });
      }),
      { numRuns: 1 },
    );
  }, 90_000);
});
