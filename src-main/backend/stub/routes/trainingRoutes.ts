/** The training outbox: the simulated phone and inbox of a training kiosk. Stub only. */
import type { FastifyInstance } from 'fastify';
import type { StubContext } from '../context';
import { contractRoute } from '../contractRoute';
import { readRoute } from '../handler';
import { outboxView } from '../outbox';

export function registerTrainingRoutes(app: FastifyInstance, ctx: StubContext): void {
  contractRoute(
    app,
    'outbox',
    readRoute(ctx, (state) => ({ status: 200, body: { messages: outboxView(state) } })),
  );
}
