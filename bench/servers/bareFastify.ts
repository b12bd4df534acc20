/**
 * The stub load bench's floor: a bare Fastify route on the same machine, in
 * its own process like the stub. Same method, path shape, headers and JSON
 * body as the stub's OTP verify; it parses the body and answers a small
 * JSON object, nothing else (no schema, no hooks, no state).
 *   node --import tsx bench/servers/bareFastify.ts   → prints `Bare Fastify listening on <url>`
 */
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.post('/v1/recoveries/:recoveryId/challenges/:challengeId/verify', async () => ({ status: 'otp-verified' }));
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
if (!address || typeof address === 'string') throw new Error('no TCP port');
console.log(`Bare Fastify listening on http://127.0.0.1:${address.port}`);
const stop = () => void app.close().finally(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
