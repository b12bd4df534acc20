/** Citizen and operator sign-in (docs/architecture.md §4 flow 1, §5 assisted mode). */
import type { FastifyInstance } from 'fastify';
import type { StubContext } from '../context';
import { contractRoute } from '../contractRoute';
import { kioskIdOf, readRoute, sessionTokenOf, writeRoute } from '../handler';
import { checkSession, signIn } from '../loginRules';
import { operatorSignIn } from '../operatorRules';

export function registerAuthRoutes(app: FastifyInstance, ctx: StubContext): void {
  contractRoute(
    app,
    'signIn',
    writeRoute(ctx, (state, req, now) => signIn(state, req.body.identifier, req.body.password, now)),
  );
  contractRoute(
    app,
    'session',
    readRoute(ctx, (state, req, now) => checkSession(state, sessionTokenOf(req), now)),
  );
  contractRoute(
    app,
    'operatorSignIn',
    writeRoute(ctx, (state, req, now) => operatorSignIn(state, req.body.staffId, req.body.pin, kioskIdOf(req), ctx.config, now)),
  );
}
