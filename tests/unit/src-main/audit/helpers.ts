/** Shared set-up for the audit tests: temp folders, a settable clock, file helpers, fault injection. */
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { openAuditLog, type AuditLog, type OpenAuditLogOptions } from '../../../../src-main/audit/auditLog';
import { nodeAuditFs, type AuditFileHandle, type AuditFs } from '../../../../src-main/audit/auditFs';
import { deriveChainKey } from '../../../../src-main/audit/chainKey';
import type { KeyProvider } from '../../../../src-main/audit/keys';
import type { AuditEventInput } from '../../../../src-main/audit/types';

const roots: string[] = [];

/** A fresh folder under the OS temp dir, removed after the test. */
export async function tempRoot(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'pulih-audit-'));
  roots.push(root);
  return root;
}

afterEach(async () => {
  await Promise.all(roots.splice(0).map((root) => rm(root, { recursive: true, force: true })));
});

/** A clock the test moves by hand. */
export function fakeClock(startIso: string): { now: () => Date; advance(ms: number): void; set(iso: string): void } {
  let current = Date.parse(startIso);
  return {
    now: () => new Date(current),
    advance(ms) {
      current += ms;
    },
    set(iso) {
      current = Date.parse(iso);
    },
  };
}

/** The audit key of `fixedKey()` (what `--key` reads from a key file), and the chain key derived from it. */
export const TEST_KEY = Buffer.alloc(32, 7);
export const TEST_CHAIN_KEY = deriveChainKey(TEST_KEY);

/** A fixed in-memory key. */
export function fixedKey(fill = 7): KeyProvider {
  return { getKey: () => Promise.resolve(Buffer.alloc(32, fill)) };
}

export function openTestLog(dir: string, options: Partial<OpenAuditLogOptions> = {}): Promise<AuditLog> {
  return openAuditLog({ dir, kioskId: 'KIOSK-TEST-01', keyProvider: fixedKey(), ...options });
}

/** A plausible event; `n` varies it. */
export function sampleEvent(n: number): AuditEventInput {
  return {
    event: n % 2 === 0 ? 'otp.sent' : 'otp.failed',
    outcome: n % 2 === 0 ? 'success' : 'failure',
    sessionId: `session-${n}`,
    operatorId: 'PTG001',
    subject: '08*****2797',
    detail: { channel: 'sms', attemptsRemaining: n % 5 },
  };
}

/** Appends `count` sample events one after the other, advancing the clock by `stepMs` each. */
export async function appendSamples(log: AuditLog, count: number, clock?: { advance(ms: number): void }, stepMs = 1000): Promise<number[]> {
  const seqs: number[] = [];
  for (let n = 0; n < count; n += 1) {
    seqs.push((await log.append(sampleEvent(n))).seq);
    clock?.advance(stepMs);
  }
  return seqs;
}

/** The audit file names of `dir`, sorted. */
export async function auditFiles(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((name) => name.startsWith('audit-')).sort();
}

/** The complete lines of a file (without the final empty string). */
export async function fileLines(path: string): Promise<string[]> {
  const text = await readFile(path, 'utf8');
  const lines = text.split('\n');
  lines.pop();
  return lines;
}

export async function writeLines(path: string, lines: readonly string[]): Promise<void> {
  await writeFile(path, lines.map((line) => `${line}\n`).join(''));
}

/** Every record of the folder, parsed, in file order. */
export async function allRecords(dir: string): Promise<Array<Record<string, unknown> & { seq: number; event: string }>> {
  const records: Array<Record<string, unknown> & { seq: number; event: string }> = [];
  for (const file of await auditFiles(dir)) {
    for (const line of await fileLines(join(dir, file))) records.push(JSON.parse(line) as never);
  }
  return records;
}

/** An error shaped like Node's system errors. */
export function errnoError(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated fault`), { code });
}

/**
 * Faults to inject, changeable while the log is in use. Each names the
 * errno code the operation fails with; `partialWrite` makes a failing write
 * put half its bytes on disk first (a torn line), like a disk filling up.
 */
export interface FaultPlan {
  open?: { code: string; when: (path: string) => boolean };
  write?: string;
  partialWrite?: boolean;
  datasync?: string;
  truncate?: string;
}

/** The real file system with the faults of `plan` injected. */
export function faultyFs(plan: FaultPlan): AuditFs {
  return {
    ...nodeAuditFs,
    async open(path, flags, mode) {
      if (plan.open?.when(path) === true) throw errnoError(plan.open.code);
      return faultyHandle(await nodeAuditFs.open(path, flags, mode), plan);
    },
  };
}

function faultyHandle(real: AuditFileHandle, plan: FaultPlan): AuditFileHandle {
  return {
    read: (buffer, offset, length, position) => real.read(buffer, offset, length, position),
    async write(buffer, offset, length, position) {
      if (plan.write !== undefined) {
        if (plan.partialWrite === true && length > 1) await real.write(buffer, offset, Math.floor(length / 2), position);
        throw errnoError(plan.write);
      }
      return real.write(buffer, offset, length, position);
    },
    async datasync() {
      if (plan.datasync !== undefined) throw errnoError(plan.datasync);
      return real.datasync();
    },
    sync: () => real.sync(),
    async truncate(length) {
      if (plan.truncate !== undefined) throw errnoError(plan.truncate);
      return real.truncate(length);
    },
    stat: () => real.stat(),
    close: () => real.close(),
  };
}
