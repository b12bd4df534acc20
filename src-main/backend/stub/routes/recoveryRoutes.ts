/** The three recovery paths and their OTP steps (docs/architecture.md §4 flows 2–5). */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ContactPath, OtpChannel } from '../../../../src-shared/contract';
import { CONTACT_PATHS, codeChannelOf } from '../../../../src-shared/recoveryPaths';
import type { StubContext } from '../context';
import { bearerOf, kioskIdOf, writeRoute } from '../handler';
import { verifyIdentity, type IdentityInput } from '../identityRules';
import type { Reply } from '../problem';
import { authorize, resendOtp, setPassword, startRecovery, submitCredentials, verifyOtp } from '../recoveryRules';
import { BODY_SCHEMAS, CHALLENGE_PARAMS, RECOVERY_HEADERS, RECOVERY_PARAMS, WRITE_HEADERS, type RouteId } from '../schemas';
import type { RecoveryRecord, StubState } from '../state';

/** The start route of each contact path: /v1/recoveries/<path> with the contact as its body. */
const START_ROUTES = { phone: 'startByPhone', email: 'startByEmail' } as const satisfies Record<ContactPath, RouteId>;

type RecoveryParams = { recoveryId: string };
type ChallengeParams = { recoveryId: string; challengeId: string };

/** Runs `then` only for the caller's own live recovery. */
function withRecovery(
  state: StubState,
  req: FastifyRequest<{ Params: RecoveryParams }>,
  now: number,
  then: (record: RecoveryRecord) => Reply,
): Reply {
  const found = authorize(state, req.params.recoveryId, bearerOf(req), kioskIdOf(req), now);
  return 'body' in found ? found : then(found);
}

export function registerRecoveryRoutes(app: FastifyInstance, ctx: StubContext): void {
  for (const path of CONTACT_PATHS) {
    const { contact } = codeChannelOf(path);
    const routeId = START_ROUTES[path];
    app.post<{ Body: Record<string, string> }>(
      `/v1/recoveries/${path}`,
      { schema: { body: BODY_SCHEMAS[routeId], headers: WRITE_HEADERS }, config: { routeId } },
      writeRoute(ctx, (state, req, now) => startRecovery(state, path, req.body[contact] ?? '', kioskIdOf(req), now)),
    );
  }
  app.post<{ Body: IdentityInput }>(
    '/v1/recoveries/identity',
    { schema: { body: BODY_SCHEMAS.verifyIdentity, headers: WRITE_HEADERS }, config: { routeId: 'verifyIdentity' } },
    writeRoute(ctx, (state, req, now) => verifyIdentity(state, req.body, kioskIdOf(req), ctx.config, now)),
  );
  app.post<{ Params: RecoveryParams; Body: { phone: string; email: string; password: string; otpChannel: OtpChannel } }>(
    '/v1/recoveries/:recoveryId/credentials',
    {
      schema: { params: RECOVERY_PARAMS, body: BODY_SCHEMAS.submitCredentials, headers: RECOVERY_HEADERS },
      config: { routeId: 'submitCredentials' },
    },
    writeRoute(ctx, (state, req, now) => withRecovery(state, req, now, (r) => submitCredentials(state, r, req.body, now))),
  );
  app.post<{ Params: ChallengeParams; Body: { code: string } }>(
    '/v1/recoveries/:recoveryId/challenges/:challengeId/verify',
    {
      schema: { params: CHALLENGE_PARAMS, body: BODY_SCHEMAS.verifyOtp, headers: RECOVERY_HEADERS },
      config: { routeId: 'verifyOtp' },
    },
    writeRoute(ctx, (state, req, now) =>
      withRecovery(state, req, now, (r) => verifyOtp(state, r, req.params.challengeId, req.body.code, ctx.config, now)),
    ),
  );
  app.post<{ Params: ChallengeParams; Body: Record<string, never> }>(
    '/v1/recoveries/:recoveryId/challenges/:challengeId/resend',
    {
      schema: { params: CHALLENGE_PARAMS, body: BODY_SCHEMAS.resendOtp, headers: RECOVERY_HEADERS },
      config: { routeId: 'resendOtp' },
    },
    writeRoute(ctx, (state, req, now) => withRecovery(state, req, now, (r) => resendOtp(state, r, req.params.challengeId, now))),
  );
  app.post<{ Params: RecoveryParams; Body: { password: string } }>(
    '/v1/recoveries/:recoveryId/password',
    {
      schema: { params: RECOVERY_PARAMS, body: BODY_SCHEMAS.setPassword, headers: RECOVERY_HEADERS },
      config: { routeId: 'setPassword' },
    },
    writeRoute(ctx, (state, req, now) =>
      withRecovery(state, req, now, (r) => setPassword(state, r, req.body.password, ctx.config, now)),
    ),
  );
}
