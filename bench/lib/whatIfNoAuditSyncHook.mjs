// What-if probe, never for real use: loaded into the browser shell with
//   --shell-flags=--import=$PWD/bench/lib/whatIfNoAuditSyncHook.mjs
// it takes O_DSYNC out of every numeric open flags (the audit log opens its
// day files with it: src-main/audit/writer.ts), so the audit log's appends are
// no longer synced to disk. Shows how much of a step transition the audit
// log's durable appends cost. The stub's state file is unaffected (see
// whatIfNoStubFsyncHook.mjs).
import { constants } from 'node:fs';
import fsPromises from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';

const open = fsPromises.open;
fsPromises.open = (path, flags, mode) => open(path, typeof flags === 'number' ? flags & ~constants.O_DSYNC : flags, mode);
syncBuiltinESMExports();
