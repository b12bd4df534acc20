import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg, totalmem } from 'node:os';

export interface Machine {
  nproc: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  chromium: string;
  chromiumPath: string;
  /** 1-minute load average at the start: tells how busy the shared machine was. */
  loadAvgAtStart: number;
  kernel: string;
}

function cpuModel(): string {
  try {
    const match = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    return match?.[1]?.trim() ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

function run(cmd: string, args: string[]): string {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', timeout: 15_000, stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

/** What the numbers were measured on (docs/bench.md quotes it with the table). */
export function describeMachine(chromiumPath: string | undefined): Machine {
  return {
    nproc: availableParallelism(),
    cpuModel: cpuModel(),
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    chromium: chromiumPath ? run(chromiumPath, ['--version']) : 'none found',
    chromiumPath: chromiumPath ?? '',
    loadAvgAtStart: Math.round((loadavg()[0] ?? 0) * 100) / 100,
    kernel: run('uname', ['-r']),
  };
}
