import { fork } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EmbeddedStubOptions, StubChildMessage, StubParentMessage } from '../backend/stub/childMessages';
import type { EmbeddedStub } from './runtime';

/**
 * The embedded stub in a process of its own (src-main/backend/stub/childProcess.ts),
 * so that the backend double's data is not in the kiosk's main process and
 * does not grow it over a day of recoveries (issue #14's soak). A child as
 * each shell starts it: Electron's UtilityProcess (electron.ts) or Node's
 * ChildProcess (`nodeStubChild`), seen through the same four calls.
 */
export interface StubChild {
  readonly pid: number | undefined;
  send(message: StubParentMessage): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (code: number | null) => void): void;
  kill(): void;
}

/** How to start the stub's process: its entry, and the flags its Node needs for it. */
export interface StubEntry {
  modulePath: string;
  execArgv: string[];
}

/**
 * The stub process's entry for a shell whose own module is `shellModuleUrl`:
 * the build's `embeddedStub.js` beside it (electron.vite.config.ts), or, for a
 * shell run from source with tsx (tests of the browser shell's process), the
 * source entry through tsx.
 */
export function embeddedStubEntry(shellModuleUrl: string): StubEntry {
  if (shellModuleUrl.endsWith('.ts')) {
    return { modulePath: fileURLToPath(new URL('../backend/stub/childProcess.ts', shellModuleUrl)), execArgv: ['--import', 'tsx'] };
  }
  return { modulePath: join(dirname(fileURLToPath(shellModuleUrl)), 'embeddedStub.js'), execArgv: [] };
}

/**
 * Node's fork, for the browser shell. The child gets none of this process's
 * V8 or loader flags (a bench's memory probe, an inspector), only the
 * entry's own (tsx for the source entry), and no stdin; its output goes
 * where the shell's does.
 */
export function nodeStubChild({ modulePath, execArgv }: StubEntry): StubChild {
  const child = fork(modulePath, [], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  // Without a listener a send on a closed channel would throw out of the shell (nodejs.org/api/child_process.html#event-error).
  child.on('error', () => {});
  return {
    get pid() {
      return child.pid;
    },
    send: (message) => {
      if (child.connected) child.send(message);
    },
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => child.on('exit', (code) => listener(code)),
    kill: () => void child.kill(),
  };
}

export interface StubProcessOptions {
  /** How long the stub may take to listen (its state file may need replaying). */
  startTimeoutMs?: number;
  /** How long a close may take (the last journal write) before the process is killed. */
  closeTimeoutMs?: number;
  /** The stub's process ended on its own: the kiosk now finds its backend down (out of service). */
  onFault?: (what: string, err: unknown) => void;
}

/** Starts the stub in `spawn()`'s child and resolves once it listens; rejects (the child killed) if it cannot. */
export function startStubProcess(
  spawn: () => StubChild,
  options: EmbeddedStubOptions,
  { startTimeoutMs = 30_000, closeTimeoutMs = 5_000, onFault }: StubProcessOptions = {},
): Promise<EmbeddedStub & { pid: number | undefined }> {
  const child = spawn();
  let exited = false;
  let closing = false;
  const exit = new Promise<void>((resolve) =>
    child.onExit((code) => {
      exited = true;
      resolve();
      if (listening && !closing) onFault?.('embedded stub', new Error(`the stub's process ended (exit code ${code ?? 'none'})`));
    }),
  );
  // Its answer to the start message; later ones ('closed') need no reader: the exit is what a close waits for.
  const started = new Promise<StubChildMessage>((resolve) => child.onMessage((message) => resolve(message as StubChildMessage)));
  let listening = false;

  async function close(): Promise<void> {
    if (closing || exited) return exit;
    closing = true;
    child.send({ type: 'close' });
    const killer = setTimeout(() => child.kill(), closeTimeoutMs);
    await exit;
    clearTimeout(killer);
  }

  return new Promise((resolve, reject) => {
    const fail = (reason: string): void => {
      clearTimeout(timer);
      closing = true;
      child.kill();
      reject(new Error(`the embedded stub could not start: ${reason}`));
    };
    const timer = setTimeout(() => fail(`no answer within ${startTimeoutMs} ms`), startTimeoutMs);
    void exit.then(() => {
      if (!listening) fail('its process ended');
    });
    void started.then((message) => {
      if (exited || closing) return;
      if (message.type !== 'listening') return fail(message.type === 'failed' ? message.message : `unexpected answer ${message.type}`);
      clearTimeout(timer);
      listening = true;
      resolve({ url: message.url, pid: child.pid, close });
    });
    child.send({ type: 'start', options });
  });
}
