/** The training outbox: the simulated phone and inbox of a training kiosk, each kiosk its own. Stub only. */
import type { FastifyInstance } from 'fastify';
import type { StubContext } from '../context';
import { contractRoute } from '../contractRoute';
import { kioskIdOf, readRoute } from '../handler';
import { outboxView } from '../outbox';

export function registerTrainingRoutes(app: FastifyInstance, ctx: StubContext): void {
  contractRoute(
    app,
    'outbox',
    // The kiosk id is its key's (kioskAuth.ts answers 401 before this otherwise).
    readRoute(ctx, (state, req) => ({ status: 200, body: { messages: outboxView(state, kioskIdOf(req)) } })),
  );
}
