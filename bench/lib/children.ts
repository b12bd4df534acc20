import type { ChildProcess } from 'node:child_process';

/**
 * Every server process a bench starts, so that none outlives the bench:
 * whatever way the bench ends (done, error, Ctrl-C, watchdog), the ones
 * still running are killed, by their own pid.
 */
const running = new Set<ChildProcess>();

export function trackChild(child: ChildProcess): void {
  running.add(child);
  child.once('exit', () => running.delete(child));
}

function killAll(): void {
  for (const child of running) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

process.once('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killAll();
    process.exit(130);
  });
}
