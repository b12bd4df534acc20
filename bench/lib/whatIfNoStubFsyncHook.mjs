// What-if probe, never for real use: loaded into the browser shell with
//   npx tsx bench/run.ts --only step --shell-flags=--import=$PWD/bench/lib/whatIfNoStubFsyncHook.mjs
// it turns FileHandle.sync() into a no-op, which removes the embedded stub's
// two fsyncs per state write (src-main/backend/stub/store.ts writeAtomically).
// The audit log is unaffected: it writes with O_DSYNC, not sync(). Shows how
// much of a step transition the stub's durable state write costs.
import { open } from 'node:fs/promises';

const handle = await open('/dev/null', 'r');
Object.getPrototypeOf(handle).sync = async () => {};
await handle.close();
