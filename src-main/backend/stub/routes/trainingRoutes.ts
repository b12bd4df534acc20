/** The training outbox: the simulated phone and inbox of a training kiosk. Stub only. */
import type { FastifyInstance } from 'fastify';
import type { StubContext } from '../context';
import { readRoute } from '../handler';
import { outboxView } from '../outbox';
import { READ_HEADERS } from '../schemas';

export function registerTrainingRoutes(app: FastifyInstance, ctx: StubContext): void {
  app.get(
    '/v1/training/outbox',
    { schema: { headers: READ_HEADERS }, config: { routeId: 'outbox' } },
    readRoute(ctx, (state) => ({ status: 200, body: { messages: outboxView(state) } })),
  );
}
