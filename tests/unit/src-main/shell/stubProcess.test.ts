/**
 * The embedded stub in a process of its own, as the browser shell starts it
 * (Node's fork; the Electron shell's utility process is proven on the
 * double in electron.test.ts): it answers as the kiosk's backend with the key
 * it was given in a message, keeps its state on disk across a close, says
 * why it could not start, and a death after start is reported as a fault.
 */
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBackendClient } from '../../../../src-main/backend/client';
import type { EmbeddedStubOptions } from '../../../../src-main/backend/stub/childMessages';
import { nodeStubChild, startStubProcess, type StubChild } from '../../../../src-main/shell/stubProcess';
import { isRunning } from '../../processes';
import { raw, SITI } from '../backend/stubHarness';
import { kioskHeaders, testKioskKey, testKiosks } from '../backend/testKiosks';

/** The child's entry from source, through tsx (the shells fork its build, out/main/embeddedStub.js). */
const ENTRY = fileURLToPath(new URL('../../../../src-main/backend/stub/childProcess.ts', import.meta.url));
const ctx = { kioskId: 'KIOSK-A' };

let dir: string;
const children: StubChild[] = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pulih-stub-process-'));
});
afterEach(async () => {
  for (const child of children.splice(0)) child.kill();
  await rm(dir, { recursive: true, force: true });
});

function spawnChild(): StubChild {
  const child = nodeStubChild({ modulePath: ENTRY, execArgv: ['--import', 'tsx'] });
  children.push(child);
  return child;
}

function options(overrides: Partial<EmbeddedStubOptions> = {}): EmbeddedStubOptions {
  return { port: 0, kiosks: testKiosks('KIOSK-A'), checkHost: true, testControls: false, stateFile: join(dir, 'stub', 'state.json'), ...overrides };
}

describe('the embedded stub in its own process', () => {
  it('answers as the kiosk backend in another process, and its state outlives a close', async () => {
    const stub = await startStubProcess(spawnChild, options());
    expect(stub.pid).toBeDefined();
    expect(stub.pid).not.toBe(process.pid);
    const client = createBackendClient({ baseUrl: stub.url, kioskKey: testKioskKey('KIOSK-A'), retries: 0 });
    const wrong = await client.signIn(ctx, SITI.phone, 'Salah#2024x');
    expect(wrong.ok === false && wrong.error.attemptsRemaining).toBe(4);
    // Another kiosk's key is refused: the key came through the start message, and only that one.
    const stranger = await raw(stub.url, 'POST', '/v1/recoveries/email', {
      headers: { 'content-type': 'application/json', ...kioskHeaders('KIOSK-B') },
      body: JSON.stringify({ email: SITI.email }),
    });
    expect(stranger).toMatchObject({ status: 401, body: { code: 'KIOSK_UNAUTHENTICATED' } });
    await stub.close();
    await vi.waitFor(() => expect(isRunning(stub.pid)).toBe(false));

    // A new process on the same state file remembers the wrong password.
    const again = await startStubProcess(spawnChild, options());
    const next = await createBackendClient({ baseUrl: again.url, kioskKey: testKioskKey('KIOSK-A'), retries: 0 }).signIn(ctx, SITI.phone, 'Salah#2024x');
    expect(next.ok === false && next.error.attemptsRemaining).toBe(3);
    await again.close();
  });

  it('never puts the kiosk key on the command line', async () => {
    const stub = await startStubProcess(spawnChild, options());
    const commandLine = await readFile(`/proc/${stub.pid}/cmdline`, 'utf8').catch(() => undefined);
    if (commandLine !== undefined) expect(commandLine).not.toContain(testKioskKey('KIOSK-A'));
    await stub.close();
  });

  it('says why it could not start, and leaves no process behind', async () => {
    // The state file's place is a folder: the stub cannot keep state there.
    await mkdir(join(dir, 'stub', 'state.json'), { recursive: true });
    let child: StubChild | undefined;
    const started = startStubProcess(() => (child = spawnChild()), options());
    await expect(started).rejects.toThrow(/^the embedded stub could not start: /);
    await vi.waitFor(() => expect(isRunning(child?.pid)).toBe(false));
  });

  it('a stub process that dies after start is reported as a fault (the kiosk then finds its backend down)', async () => {
    const onFault = vi.fn();
    const stub = await startStubProcess(spawnChild, options(), { onFault });
    process.kill(stub.pid as number, 'SIGKILL');
    await vi.waitFor(() => expect(onFault).toHaveBeenCalledWith('embedded stub', expect.any(Error)));
    // Closing what is already gone is no error.
    await stub.close();
  });

  it('a close does not report a fault', async () => {
    const onFault = vi.fn();
    const stub = await startStubProcess(spawnChild, options(), { onFault });
    await stub.close();
    expect(onFault).not.toHaveBeenCalled();
  });
});
