/**
 * Test controls, mounted only when the stub runs with testControls on
 * (`npm run stub -- --test-controls`): time travel, fault injection, fresh
 * accounts and officers, a reset and a digest of the state. A real backend's test
 * environment must offer equivalents for the conformance suite's
 * time-dependent checks (docs/backend.md).
 */
import type { FastifyInstance } from 'fastify';
import { contractDocument, contractOperations, inlineRefs } from '../../contract/document';
import { accountFrom, operatorFrom, type DemoCitizen } from '../demoData';
import { isAdjustable } from '../clock';
import type { StubConfig, StubContext } from '../context';
import type { FaultSpec } from '../faults';
import { notSaved, sendReply } from '../handler';
import { issueChallenge } from '../otpRules';
import { createRecovery } from '../recoveryRules';
import { problem, toIso } from '../problem';
import { newToken, sha256 } from '../secrets';
import { findAccountByEmail, findAccountByPhone } from '../state';

/** The limits of StubConfig that `PUT /__test/config` may change (each an integer, 1 to 100 000). */
const ADJUSTABLE_LIMITS = [
  'kioskIdentityLimitPerHour',
  'kioskOperatorSignInLimitPerHour',
  'kioskStartLimitPerHour',
  'codeSendsPerHour',
  'codeSendsPerDay',
] as const satisfies readonly (keyof StubConfig)[];
type AdjustableLimit = (typeof ADJUSTABLE_LIMITS)[number];

/** A fresh account, given as the demo citizens are. */
type AccountBody = DemoCitizen;

/** A request field as the contract defines it (resources/openapi.yaml), so test accounts obey the same rules. */
function contractField(schema: string, field: string): Record<string, unknown> {
  const properties = contractDocument().components.schemas[schema]?.properties as Record<string, Record<string, unknown>> | undefined;
  const found = properties?.[field];
  if (!found) throw new Error(`openapi.yaml: ${schema}.${field} missing`);
  return inlineRefs(contractDocument(), found) as Record<string, unknown>;
}

function strictObject(properties: Record<string, unknown>, required: string[] = Object.keys(properties)) {
  return { type: 'object', additionalProperties: false, required, properties };
}

/** Bodies of the test controls (not part of the contract: a real backend's test environment has its own). */
function testSchemas() {
  return {
    clockAdvance: strictObject({ ms: { type: 'integer', minimum: 0, maximum: 400 * 24 * 60 * 60_000 } }),
    fault: strictObject(
      {
        route: { type: 'string', enum: [...contractOperations().keys(), '*'] },
        kind: { type: 'string', enum: ['latency', 'error', 'drop'] },
        phase: { type: 'string', enum: ['before', 'after'] },
        latencyMs: { type: 'integer', minimum: 0, maximum: 120_000 },
        status: { type: 'integer', minimum: 500, maximum: 599 },
        retryAfterSeconds: { type: 'integer', minimum: 0, maximum: 3600 },
        times: { type: 'integer', minimum: 1, maximum: 10_000 },
      },
      ['route', 'kind'],
    ),
    account: strictObject({
      nik: contractField('VerifyIdentityRequest', 'nik'),
      fullName: contractField('VerifyIdentityRequest', 'fullName'),
      motherMaidenName: contractField('VerifyIdentityRequest', 'motherMaidenName'),
      phone: contractField('StartByPhoneRequest', 'phone'),
      email: contractField('StartByEmailRequest', 'email'),
      password: contractField('SetPasswordRequest', 'password'),
    }),
    operator: strictObject({
      staffId: contractField('OperatorSignInRequest', 'staffId'),
      name: contractField('Operator', 'name'),
      pin: contractField('OperatorSignInRequest', 'pin'),
    }),
    kiosk: strictObject(
      {
        kioskId: contractDocument().components.parameters.KioskId?.schema ?? { type: 'string' },
        mode: { type: 'string', enum: ['assisted', 'self-service'] },
      },
      ['kioskId'],
    ),
    config: {
      type: 'object',
      additionalProperties: false,
      properties: Object.fromEntries(ADJUSTABLE_LIMITS.map((name) => [name, { type: 'integer', minimum: 1, maximum: 100_000 }])),
    },
  };
}

export function registerTestControlRoutes(app: FastifyInstance, ctx: StubContext): void {
  const schemas = testSchemas();
  app.get('/__test/clock', async () => ({ now: toIso(ctx.clock.now()) }));

  app.post<{ Body: { ms: number } }>('/__test/clock/advance', { schema: { body: schemas.clockAdvance } }, async (req, reply) => {
    if (!isAdjustable(ctx.clock)) return sendReply(reply, problem('VALIDATION_FAILED', 409, { field: 'clock' }));
    ctx.clock.advance(req.body.ms);
    return { now: toIso(ctx.clock.now()) };
  });

  app.post<{ Body: FaultSpec }>('/__test/faults', { schema: { body: schemas.fault } }, async (req, reply) => {
    ctx.faults.add(req.body);
    return reply.code(201).send({ faults: ctx.faults.list() });
  });
  app.get('/__test/faults', async () => ({ faults: ctx.faults.list() }));
  app.delete('/__test/faults', async (_req, reply) => {
    ctx.faults.clear();
    return reply.code(204).send();
  });

  app.post<{ Body: AccountBody }>('/__test/accounts', { schema: { body: schemas.account } }, async (req, reply) => {
    const state = ctx.store.state;
    let account;
    try {
      account = accountFrom(req.body);
    } catch {
      return sendReply(reply, problem('VALIDATION_FAILED', 400, { field: 'phone' }));
    }
    if (state.accounts.some((a) => a.nik === account.nik) || findAccountByPhone(state, account.phone) || findAccountByEmail(state, account.email)) {
      return sendReply(reply, problem('VALIDATION_FAILED', 409, { field: 'nik' }));
    }
    state.accounts.push(account);
    await ctx.store.persist();
    return reply.code(201).send({ accountId: account.id });
  });

  /** A fresh officer (staff id + name + PIN), so a check can lock one without touching the demo operator. */
  app.post<{ Body: { staffId: string; name: string; pin: string } }>('/__test/operators', { schema: { body: schemas.operator } }, async (req, reply) => {
    const state = ctx.store.state;
    const operator = operatorFrom(req.body);
    if (state.operators.some((o) => o.staffId === operator.staffId)) return sendReply(reply, problem('VALIDATION_FAILED', 409, { field: 'staffId' }));
    state.operators.push(operator);
    await ctx.store.persist();
    return reply.code(201).send({ staffId: operator.staffId });
  });

  /** Provisions a kiosk (as `--kiosk-key` does) and hands out its fresh key: the conformance suite's kiosks. */
  app.post<{ Body: { kioskId: string; mode?: 'assisted' | 'self-service' } }>('/__test/kiosks', { schema: { body: schemas.kiosk } }, async (req, reply) => {
    const key = newToken();
    ctx.kiosks.provision({ kioskId: req.body.kioskId, key, mode: req.body.mode ?? 'self-service' });
    return reply.code(201).send({ kioskId: req.body.kioskId, key });
  });

  /** Sets the limits given (benches and e2e raise them), answers all of them. */
  app.put<{ Body: Partial<Record<AdjustableLimit, number>> }>('/__test/config', { schema: { body: schemas.config } }, async (req) => {
    for (const name of ADJUSTABLE_LIMITS) {
      const value = req.body[name];
      if (value !== undefined) ctx.config[name] = value;
    }
    return Object.fromEntries(ADJUSTABLE_LIMITS.map((name) => [name, ctx.config[name]]));
  });

  /**
   * Stores `count` live recoveries of no account (phone path, code sent), each
   * with its own kiosk and destination: what months of use leave in the state,
   * so the bench can check that a request costs the same with 1 000 as with
   * 100 000 of them (seeding that many over HTTP is too slow).
   */
  app.post<{ Body: { count: number } }>(
    '/__test/seed-recoveries',
    { schema: { body: { type: 'object', required: ['count'], additionalProperties: false, properties: { count: { type: 'integer', minimum: 1, maximum: 200_000 } } } } },
    async (req, reply) => {
      const state = ctx.store.state;
      const now = ctx.clock.now();
      for (let i = 0; i < req.body.count; i += 1) {
        const destination = `+62899${String(i).padStart(8, '0')}`;
        const { record } = createRecovery(state, 'phone', null, `SEED-KIOSK-${i % 50}`, now);
        record.challenge = issueChallenge(state, 'sms', destination, false, now);
        record.step = 'otp-sent';
      }
      try {
        await ctx.store.persist();
      } catch {
        return sendReply(reply, notSaved());
      }
      return reply.code(201).send({ recoveries: Object.keys(state.recoveries).length });
    },
  );

  app.post('/__test/reset', async (_req, reply) => {
    ctx.store.reset();
    ctx.faults.clear();
    await ctx.store.persist();
    return reply.code(204).send();
  });

  /** Lets a test prove that a rejected request changed nothing. */
  app.get('/__test/state-digest', async () => ({ digest: sha256(JSON.stringify(ctx.store.state)) }));
}
