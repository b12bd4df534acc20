// What-if probe for the stub load bench only, never for a real run of the stub:
// loaded with `node --import bench/lib/fastHashHook.mjs` before the stub, it
// swaps crypto.scryptSync for a keyed SHA-256 of the same length, to show
// how fast OTP verify would be if OTP codes were not hashed with scrypt.
// The source is untouched; syncBuiltinESMExports() updates `import { scryptSync }` bindings.
import crypto from 'node:crypto';
import { syncBuiltinESMExports } from 'node:module';

crypto.scryptSync = (password, salt, keylen) =>
  crypto.createHmac('sha256', String(salt)).update(password).digest().subarray(0, keylen);
syncBuiltinESMExports();
