/**
 * Test controls, mounted only when the stub runs with testControls on
 * (`npm run stub -- --test-controls`): time travel, fault injection, fresh
 * accounts, a reset and a digest of the state. A real backend's test
 * environment must offer equivalents for the conformance suite's
 * time-dependent checks (docs/backend.md).
 */
import type { FastifyInstance } from 'fastify';
import { contractDocument, contractOperations, inlineRefs } from '../../contract/document';
import { accountFrom, type DemoCitizen } from '../demoData';
import { isAdjustable } from '../clock';
import type { StubContext } from '../context';
import type { FaultSpec } from '../faults';
import { sendReply } from '../handler';
import { problem, toIso } from '../problem';
import { sha256 } from '../secrets';
import { findAccountByEmail, findAccountByPhone } from '../state';

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
    config: {
      type: 'object',
      additionalProperties: false,
      properties: { kioskIdentityLimitPerHour: { type: 'integer', minimum: 1, maximum: 100_000 } },
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

  app.put<{ Body: { kioskIdentityLimitPerHour?: number } }>('/__test/config', { schema: { body: schemas.config } }, async (req) => {
    if (req.body.kioskIdentityLimitPerHour !== undefined) ctx.config.kioskIdentityLimitPerHour = req.body.kioskIdentityLimitPerHour;
    return { kioskIdentityLimitPerHour: ctx.config.kioskIdentityLimitPerHour };
  });

  app.post('/__test/reset', async (_req, reply) => {
    ctx.store.reset();
    ctx.faults.clear();
    await ctx.store.persist();
    return reply.code(204).send();
  });

  /** Lets a test prove that a rejected request changed nothing. */
  app.get('/__test/state-digest', async () => ({ digest: sha256(JSON.stringify(ctx.store.state)) }));
}
