/**
 * Bad input of any shape gets a 4xx problem+json and changes nothing:
 * hand-picked cases, then fast-check generated bodies and headers for every
 * state-changing endpoint.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { OperationId } from '../../../src-main/backend/contract/document';
import type { CheckContext, ConformanceCheck } from '../checkTypes';
import { newKey, type RawRequest } from '../contractApi';
import { randomNik } from '../fixtures';
import { expectProblem } from './expectations';

const GUESS_NAMES = { fullName: 'NAMA SALAH', motherMaidenName: 'IBU SALAH' };
const FAKE_RECOVERY = '/v1/recoveries/rcv_AAAAAAAAAAAAAAAA';
const FAKE_CHALLENGE = `${FAKE_RECOVERY}/challenges/otp_AAAAAAAAAAAAAAAA`;

/** Every POST of the contract with a valid body, to be broken one way or another. */
function targets(nik: string): { operationId: OperationId; path: string; valid: Record<string, unknown> }[] {
  return [
    { operationId: 'signIn', path: '/v1/auth/sign-in', valid: { identifier: 'tidak.ada@example.com', password: 'Salah#2024x' } },
    { operationId: 'operatorSignIn', path: '/v1/operators/sign-in', valid: { staffId: 'PTGX99', pin: '13579246' } },
    { operationId: 'startByPhone', path: '/v1/recoveries/phone', valid: { phone: '+6281299990001' } },
    { operationId: 'startByEmail', path: '/v1/recoveries/email', valid: { email: 'tidak.ada@example.com' } },
    { operationId: 'verifyIdentity', path: '/v1/recoveries/identity', valid: { nik, ...GUESS_NAMES } },
    {
      operationId: 'submitCredentials',
      path: `${FAKE_RECOVERY}/credentials`,
      valid: { phone: '+6281299990001', email: 'baru@example.com', password: 'Kuat#2026Zq', otpChannel: 'sms' },
    },
    { operationId: 'verifyOtp', path: `${FAKE_CHALLENGE}/verify`, valid: { code: '123456' } },
    { operationId: 'resendOtp', path: `${FAKE_CHALLENGE}/resend`, valid: {} },
    { operationId: 'setPassword', path: `${FAKE_RECOVERY}/password`, valid: { password: 'Kuat#2026Zq' } },
  ];
}

/** What must not move: the test NIK's tries (public) and, with test controls, the whole state. */
async function snapshot(ctx: CheckContext): Promise<string | null> {
  return ctx.hasControls ? ctx.controls.stateDigest() : null;
}

async function expectNothingChanged(ctx: CheckContext, before: string | null, nik: string): Promise<void> {
  if (before !== null) assert.equal(await ctx.controls.stateDigest(), before, 'state changed');
  const p = expectProblem(await ctx.api.verifyIdentity(ctx.kiosk, { nik, ...GUESS_NAMES }), 422, 'IDENTITY_MISMATCH', 'first real try');
  assert.equal(p.attemptsRemaining, 2, 'no try was counted for the rejected requests');
}

function headers(kiosk: string): Record<string, string> {
  return { 'x-kiosk-id': kiosk, 'idempotency-key': newKey(), 'x-recovery-token': 'A'.repeat(43) };
}

async function expect4xx(ctx: CheckContext, operationId: OperationId, req: RawRequest, what: string): Promise<void> {
  const res = await ctx.api.call(operationId, req);
  assert.ok(res.status >= 400 && res.status < 500, `${what}: expected 4xx, got ${res.status}`);
  assert.match(res.contentType, /^application\/problem\+json/, `${what}: problem+json`);
}

/** A valid body with one field broken: wrong type, huge, missing, or an extra field. */
function brokenBody(valid: Record<string, unknown>): fc.Arbitrary<unknown> {
  const keys = Object.keys(valid);
  const wrongValue = fc.oneof(
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.string(), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 }),
    fc.string({ minLength: 300, maxLength: 2000 }),
  );
  const extraKey = fc.string({ minLength: 1, maxLength: 20 }).filter((k) => !keys.includes(k) && k !== '__proto__');
  const mutations: fc.Arbitrary<unknown>[] = [
    fc.anything().filter((v) => typeof v !== 'object' || v === null || Array.isArray(v)),
    fc.tuple(extraKey, fc.jsonValue()).map(([k, v]) => ({ ...valid, [k]: v })),
  ];
  if (keys.length > 0) {
    const key = fc.constantFrom(...keys);
    mutations.push(fc.tuple(key, wrongValue).map(([k, v]) => ({ ...valid, [k]: v })));
    mutations.push(key.map((k) => Object.fromEntries(Object.entries(valid).filter(([name]) => name !== k))));
  }
  return fc.oneof(...mutations);
}

export const inputChecks: ConformanceCheck[] = [
  {
    id: 'input.malformed',
    rule: 'malformed JSON, wrong content-type, huge or unknown fields, missing headers: 4xx problem+json, nothing changes',
    needsControls: false,
    async run(ctx) {
      const nik = randomNik();
      const before = await snapshot(ctx);
      const path = '/v1/recoveries/identity';
      const valid = JSON.stringify({ nik, ...GUESS_NAMES });
      const h = { ...headers(ctx.kiosk), 'content-type': 'application/json' };
      const cases: [string, RawRequest, number][] = [
        ['malformed JSON', { method: 'POST', path, headers: h, body: '{"nik": "' }, 400],
        ['text/plain', { method: 'POST', path, headers: { ...h, 'content-type': 'text/plain' }, body: valid }, 415],
        ['form encoded', { method: 'POST', path, headers: { ...h, 'content-type': 'application/x-www-form-urlencoded' }, body: `nik=${nik}` }, 415],
        ['20 KB body', { method: 'POST', path, headers: h, body: JSON.stringify({ nik, ...GUESS_NAMES, pad: 'x'.repeat(20_000) }) }, 413],
        ['unknown field', { method: 'POST', path, headers: h, body: JSON.stringify({ nik, ...GUESS_NAMES, admin: true }) }, 400],
        ['number NIK', { method: 'POST', path, headers: h, body: JSON.stringify({ ...GUESS_NAMES, nik: Number(nik) }) }, 400],
        ['array body', { method: 'POST', path, headers: h, body: JSON.stringify([nik]) }, 400],
        ['bad Idempotency-Key', { method: 'POST', path, headers: { ...h, 'idempotency-key': 'short' }, body: valid }, 400],
        ['__proto__', { method: 'POST', path, headers: h, body: `{"nik":"${nik}","fullName":"A","motherMaidenName":"B","__proto__":{"x":1}}` }, 400],
      ];
      for (const [what, req, status] of cases) {
        const res = await ctx.api.call('verifyIdentity', req);
        expectProblem(res, status, 'VALIDATION_FAILED', what);
      }
      // Who is calling is settled before anything else: no kiosk, or one the key does not prove, is 401.
      const unproven: [string, RawRequest][] = [
        ['no X-Kiosk-Id', { method: 'POST', path, headers: { 'content-type': 'application/json', 'idempotency-key': newKey(), authorization: ctx.api.kioskAuthorization(ctx.kiosk) }, body: valid }],
        ['bad X-Kiosk-Id', { method: 'POST', path, headers: { ...h, 'x-kiosk-id': 'kiosk 1; drop', authorization: ctx.api.kioskAuthorization(ctx.kiosk) }, body: valid }],
      ];
      for (const [what, req] of unproven) expectProblem(await ctx.api.call('verifyIdentity', req), 401, 'KIOSK_UNAUTHENTICATED', what);
      await expectNothingChanged(ctx, before, nik);
    },
  },
  {
    id: 'input.names',
    rule: 'names refuse NUL and other control characters, bidi controls, zero-width characters and lone surrogates; nothing changes',
    needsControls: false,
    async run(ctx) {
      const nik = randomNik();
      const before = await snapshot(ctx);
      const path = '/v1/recoveries/identity';
      const h = { ...headers(ctx.kiosk), 'content-type': 'application/json' };
      const bad: [string, string][] = [
        ['NUL', 'SITI\u0000RAHAYU'],
        ['a control character', 'SITI\u0007RAHAYU'],
        ['a right-to-left override', 'SITI \u202eUYAHAR'],
        ['a bidi isolate', '\u2067SITI RAHAYU\u2069'],
        ['a zero-width space', 'SITI\u200bRAHAYU'],
        ['a lone surrogate', 'SITI RAHAYU\ud800'],
      ];
      for (const [what, name] of bad) {
        for (const field of ['fullName', 'motherMaidenName'] as const) {
          // JSON.stringify writes a lone surrogate as the escape \ud800, as any client would send it.
          const body = JSON.stringify({ nik, ...GUESS_NAMES, [field]: name });
          const res = await ctx.api.call('verifyIdentity', { method: 'POST', path, headers: { ...h, 'idempotency-key': newKey() }, body });
          const problem = expectProblem(res, 400, 'VALIDATION_FAILED', `${field} with ${what}`);
          assert.equal(problem.field, field, `${field} with ${what}: the field is named`);
        }
      }
      await expectNothingChanged(ctx, before, nik);
    },
  },
  {
    id: 'input.fuzz',
    rule: 'generated bad input for every endpoint: always a 4xx problem+json, never a change',
    needsControls: false,
    async run(ctx) {
      const nik = randomNik();
      const before = await snapshot(ctx);
      for (const target of targets(nik)) {
        await fc.assert(
          fc.asyncProperty(brokenBody(target.valid), async (body) => {
            const req: RawRequest = { method: 'POST', path: target.path, headers: { ...headers(ctx.kiosk), 'content-type': 'application/json' }, body: JSON.stringify(body) ?? 'undefined' };
            await expect4xx(ctx, target.operationId, req, `${target.operationId} ${JSON.stringify(body)?.slice(0, 80)}`);
          }),
          { numRuns: ctx.fuzzRuns },
        );
      }
      // Broken headers with an otherwise valid request.
      const target = targets(nik).find((t) => t.operationId === 'verifyIdentity');
      assert.ok(target);
      // What actually goes on the wire: printable ASCII, trimmed (HTTP drops surrounding spaces).
      const wire = (v: string) => v.replace(/[^\x20-\x7e]/g, '?').trim();
      await fc.assert(
        fc.asyncProperty(
          fc
            .record({ kiosk: fc.string({ maxLength: 80 }).map(wire), key: fc.string({ maxLength: 200 }).map(wire) })
            .filter(({ kiosk, key }) => !/^[A-Za-z0-9._-]{1,64}$/.test(kiosk) || !/^[A-Za-z0-9._:-]{8,128}$/.test(key)),
          async ({ kiosk, key }) => {
            const req: RawRequest = {
              method: 'POST',
              path: target.path,
              headers: { 'content-type': 'application/json', 'x-kiosk-id': kiosk, 'idempotency-key': key },
              body: JSON.stringify(target.valid),
            };
            await expect4xx(ctx, target.operationId, req, `headers ${JSON.stringify({ kiosk, key })}`);
          },
        ),
        { numRuns: ctx.fuzzRuns },
      );
      await expectNothingChanged(ctx, before, nik);
    },
  },
];
