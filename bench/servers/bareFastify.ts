/**
 * The stub load bench's floors, a bare Fastify server on the same machine, in
 * its own process like the stub. Two routes, same method, path shape, headers
 * and JSON body as the stub's OTP verify:
 *
 * - `/v1/recoveries/:recoveryId/challenges/:challengeId/verify`, the honest
 *   floor: the stub's own request schema for the operation (contractRoute.ts
 *   `requestSchemaOf('verifyOtp')`, with the stub's strict Ajv options), then
 *   one hash of the code (`hashOtpCode`, the hash the stub checks a code with);
 *   no state, no idempotency, no kiosk key.
 * - `/empty/v1/recoveries/…/verify`: the same route with nothing but body
 *   parsing (information).
 *
 *   node --import tsx bench/servers/bareFastify.ts   → prints `Bare Fastify listening on <url>`
 */
import Fastify from 'fastify';
import { requestSchemaOf } from '../../src-main/backend/stub/contractRoute';
import { hashOtpCode } from '../../src-main/backend/stub/secrets';

const app = Fastify({
  logger: false,
  ajv: { customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: false, allErrors: false } },
});
const VERIFY = '/v1/recoveries/:recoveryId/challenges/:challengeId/verify';
app.post<{ Body: { code: string } }>(VERIFY, { schema: requestSchemaOf('verifyOtp') }, async (req) => {
  hashOtpCode(req.body.code, 'bench-floor-salt');
  return { status: 'otp-verified' };
});
app.post(`/empty${VERIFY}`, async () => ({ status: 'otp-verified' }));
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
if (!address || typeof address === 'string') throw new Error('no TCP port');
console.log(`Bare Fastify listening on http://127.0.0.1:${address.port}`);
const stop = () => void app.close().finally(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
