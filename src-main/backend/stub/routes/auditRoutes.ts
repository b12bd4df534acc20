/** Audit anchors: each kiosk's audit chain heads, kept off the kiosk (docs/architecture.md §6). */
import type { FastifyInstance } from 'fastify';
import { listAnchors, storeAnchor } from '../auditAnchorRules';
import type { StubContext } from '../context';
import { contractRoute } from '../contractRoute';
import { kioskIdOf, readRoute, writeRoute } from '../handler';

export function registerAuditRoutes(app: FastifyInstance, ctx: StubContext): void {
  contractRoute(
    app,
    'auditAnchor',
    writeRoute(ctx, (state, req, now) => storeAnchor(state, kioskIdOf(req), req.body, now)),
  );
  contractRoute(
    app,
    'auditAnchors',
    readRoute(ctx, (state, req) => listAnchors(state, kioskIdOf(req), req.query.from, req.query.to)),
  );
}
