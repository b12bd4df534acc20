/** Citizen and operator sign-in (docs/architecture.md §4 flow 1, §5 assisted mode). */
import type { FastifyInstance } from 'fastify';
import type { StubContext } from '../context';
import { bearerOf, readRoute, writeRoute } from '../handler';
import { checkSession, signIn } from '../loginRules';
import { operatorSignIn } from '../operatorRules';
import { BODY_SCHEMAS, SESSION_HEADERS, WRITE_HEADERS } from '../schemas';

export function registerAuthRoutes(app: FastifyInstance, ctx: StubContext): void {
  app.post<{ Body: { identifier: string; password: string } }>(
    '/v1/auth/sign-in',
    { schema: { body: BODY_SCHEMAS.signIn, headers: WRITE_HEADERS }, config: { routeId: 'signIn' } },
    writeRoute(ctx, (state, req, now) => signIn(state, req.body.identifier, req.body.password, now)),
  );
  app.get(
    '/v1/auth/session',
    { schema: { headers: SESSION_HEADERS }, config: { routeId: 'session' } },
    readRoute(ctx, (state, req) => checkSession(state, bearerOf(req))),
  );
  app.post<{ Body: { staffId: string; pin: string } }>(
    '/v1/operators/sign-in',
    { schema: { body: BODY_SCHEMAS.operatorSignIn, headers: WRITE_HEADERS }, config: { routeId: 'operatorSignIn' } },
    writeRoute(ctx, (state, req, now) => operatorSignIn(state, req.body.staffId, req.body.pin, now)),
  );
}
