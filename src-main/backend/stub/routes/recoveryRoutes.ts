/** The three recovery paths and their OTP steps (docs/architecture.md §4 flows 2–5). */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CONTACT_PATHS, codeChannelOf } from '../../../../src-shared/recoveryPaths';
import { START_OPERATIONS } from '../../contract/document';
import type { StubContext } from '../context';
import { contractRoute } from '../contractRoute';
import { kioskIdOf, operatorTokenOf, recoveryTokenOf, writeRoute } from '../handler';
import { verifyIdentity } from '../identityRules';
import type { Reply } from '../problem';
import { authorize, resendOtp, setPassword, startRecovery, submitCredentials, verifyOtp } from '../recoveryRules';
import type { RecoveryRecord, StubState } from '../state';

type RecoveryParams = { recoveryId: string };

/** Runs `then` only for the caller's own live recovery. */
function withRecovery(
  state: StubState,
  req: FastifyRequest<{ Params: RecoveryParams }>,
  now: number,
  then: (record: RecoveryRecord) => Reply,
): Reply {
  const found = authorize(state, req.params.recoveryId, recoveryTokenOf(req), kioskIdOf(req), now);
  return 'body' in found ? found : then(found);
}

export function registerRecoveryRoutes(app: FastifyInstance, ctx: StubContext): void {
  for (const path of CONTACT_PATHS) {
    const { contact } = codeChannelOf(path);
    contractRoute(
      app,
      START_OPERATIONS[path],
      writeRoute(ctx, (state, req, now) => startRecovery(state, path, (req.body as Record<string, string>)[contact] ?? '', kioskIdOf(req), ctx.config, now)),
    );
  }
  contractRoute(
    app,
    'verifyIdentity',
    writeRoute(ctx, (state, req, now) => {
      const kioskId = kioskIdOf(req);
      const caller = { kioskId, mode: ctx.kiosks.modeOf(kioskId), operatorToken: operatorTokenOf(req) };
      return verifyIdentity(state, req.body, caller, ctx.config, now);
    }),
  );
  contractRoute(
    app,
    'submitCredentials',
    writeRoute(ctx, (state, req, now) => withRecovery(state, req, now, (r) => submitCredentials(state, r, req.body, ctx.config, now))),
  );
  contractRoute(
    app,
    'verifyOtp',
    writeRoute(ctx, (state, req, now) =>
      withRecovery(state, req, now, (r) => verifyOtp(state, r, req.params.challengeId, req.body.code, ctx.config, now)),
    ),
  );
  contractRoute(
    app,
    'resendOtp',
    writeRoute(ctx, (state, req, now) => withRecovery(state, req, now, (r) => resendOtp(state, r, req.params.challengeId, ctx.config, now))),
  );
  contractRoute(
    app,
    'setPassword',
    writeRoute(ctx, (state, req, now) =>
      withRecovery(state, req, now, (r) => setPassword(state, r, req.body.password, ctx.config, now)),
    ),
  );
}
