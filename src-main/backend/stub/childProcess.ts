/**
 * The embedded stub in a process of its own (built to `out/main/embeddedStub.js`):
 * started by the shells (src-main/shell/stubProcess.ts) with Electron's
 * `utilityProcess.fork`, or Node's `child_process.fork` in the browser shell,
 * so that the backend double's data (a day of recoveries, kept answers,
 * accounts) lives outside the kiosk's main process, as a real backend's does.
 *
 * The exchange, one message each way at a time:
 *   parent → { type: 'start', options }  child → { type: 'listening', url } | { type: 'failed', message }
 *   parent → { type: 'close' }           child → { type: 'closed' }, then it exits
 * The kiosk key comes in the start message, never on the command line (which
 * other users of the machine can read). When the parent is gone (Node's IPC
 * channel closes), the stub closes and the process ends.
 */
import { startStub, type RunningStub } from './server';
import type { EmbeddedStubOptions, StubChildMessage, StubParentMessage } from './childMessages';

/** The two ways a parent talks to this process: Electron's `process.parentPort`, or Node's IPC channel. */
interface ParentChannel {
  onMessage(listener: (message: unknown) => void): void;
  post(message: StubChildMessage): void;
  /** Called when the parent is gone (Node only: Electron ends a utility process with its parent). */
  onGone(listener: () => void): void;
}

/**
 * Electron's utility process: `process.parentPort`, whose 'message' event carries `{ data, ports }`
 * (https://www.electronjs.org/docs/latest/api/parent-port). Node's fork: `process.send` and
 * 'message', 'disconnect' (https://nodejs.org/api/process.html#event-disconnect).
 */
function parentChannel(): ParentChannel {
  const electronPort = (process as { parentPort?: ElectronParentPort }).parentPort;
  if (electronPort) {
    return {
      onMessage: (listener) => electronPort.on('message', (event) => listener(event.data)),
      post: (message) => electronPort.postMessage(message),
      onGone: () => {},
    };
  }
  if (!process.send) throw new Error('the stub process was started without a channel to its parent');
  return {
    onMessage: (listener) => process.on('message', listener),
    post: (message) => void process.send?.(message),
    onGone: (listener) => process.once('disconnect', listener),
  };
}

interface ElectronParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

function isParentMessage(message: unknown): message is StubParentMessage {
  const type = (message as { type?: unknown } | null)?.type;
  return type === 'start' || type === 'close';
}

function main(): void {
  const parent = parentChannel();
  let stub: Promise<RunningStub> | undefined;
  let closing = false;
  // Until the stub listens (its server then keeps the process), something must: a packaged app's utility
  // process whose script has nothing pending ends, messages to come or not (electron/electron#42978).
  const waiting = setInterval(() => {}, 60_000);

  async function close(): Promise<void> {
    if (closing) return;
    closing = true;
    // A stub that failed to start has nothing to close.
    await (await stub?.catch(() => undefined))?.close();
  }

  parent.onMessage((message) => {
    if (!isParentMessage(message)) return;
    if (message.type === 'start' && stub === undefined) {
      stub = startStub(startOptions(message.options));
      stub
        .then(
          (running) => parent.post({ type: 'listening', url: running.url }),
          // The reason only: a stack or option values could hold the state file's path or worse.
          (err: unknown) => parent.post({ type: 'failed', message: err instanceof Error ? err.message : String(err) }),
        )
        // A stub that failed to start: the parent kills this process (it waits for the message first).
        .finally(() => clearInterval(waiting));
    } else if (message.type === 'close') {
      void close().finally(() => {
        parent.post({ type: 'closed' });
        // Let the message go out before the process ends.
        setImmediate(() => process.exit(0));
      });
    }
  });
  parent.onGone(() => void close().finally(() => process.exit(0)));
}

function startOptions(options: EmbeddedStubOptions): Parameters<typeof startStub>[0] {
  return {
    port: options.port,
    kiosks: options.kiosks,
    checkHost: options.checkHost,
    testControls: options.testControls,
    ...(options.stateFile !== undefined ? { stateFile: options.stateFile } : {}),
    // The journal's self-check is for the unit tests' in-process stubs.
    checkJournal: false,
  };
}

main();
