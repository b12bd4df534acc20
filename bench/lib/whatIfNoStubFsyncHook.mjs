// What-if probe, never for real use: given to the browser shell in NODE_OPTIONS, which its
// embedded stub's process inherits (bench/lib/whatIfStep.ts does this):
//   NODE_OPTIONS=--import=$PWD/bench/lib/whatIfNoStubFsyncHook.mjs
// In the stub's own process only (out/main/embeddedStub.js; the kiosk's process is left alone),
// it turns FileHandle.sync() and datasync() into no-ops, which removes the stub's durable writes
// (src-main/backend/stub/store.ts: the journal's fdatasync, the snapshot's fsyncs). Shows how
// much of a step transition the stub's durable state costs.
import { open } from 'node:fs/promises';
import { basename } from 'node:path';

if (basename(process.argv[1] ?? '') === 'embeddedStub.js') {
  const handle = await open('/dev/null', 'r');
  const prototype = Object.getPrototypeOf(handle);
  prototype.sync = async () => {};
  prototype.datasync = async () => {};
  await handle.close();
}
