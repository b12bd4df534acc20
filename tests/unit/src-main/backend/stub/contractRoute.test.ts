/**
 * The stub mounts every operation of resources/openapi.yaml where the
 * contract puts it and validates requests with the contract's own schemas:
 * these cases are derived from the file, so a change there is a change here.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractOperations, type ContractOperation } from '../../../../../src-main/backend/contract/document';
import { requestSchemaOf } from '../../../../../src-main/backend/stub/contractRoute';
import { buildStubApp } from '../../../../../src-main/backend/stub/server';
import { kioskHeaders, testKiosks } from '../testKiosks';

let app: FastifyInstance;
beforeAll(async () => {
  ({ app } = await buildStubApp({ kiosks: testKiosks('KIOSK-A') }));
  await app.ready();
});
afterAll(() => app.close());

const SAMPLE_PATH_VALUES: Record<string, string> = { recoveryId: 'rcv_AAAAAAAAAAAAAAAA', challengeId: 'otp_BBBBBBBBBBBBBBBB' };
const urlOf = (op: ContractOperation) => op.path.replace(/\{(\w+)\}/g, (_, name: string) => SAMPLE_PATH_VALUES[name] ?? 'x');

/** Headers that pass the contract, so that only the broken part is refused. */
function goodHeaders(op: ContractOperation): Record<string, string> {
  return {
    ...kioskHeaders('KIOSK-A'),
    ...(op.method === 'POST' ? { 'idempotency-key': 'key-0000-0000', 'content-type': 'application/json' } : {}),
    ...(op.security.includes('recoveryToken') ? { 'x-recovery-token': 'A'.repeat(32) } : {}),
    ...(op.security.includes('sessionToken') ? { 'x-session-token': 'A'.repeat(32) } : {}),
  };
}

const withBody = [...contractOperations().values()].filter((op) => op.requestBody);

describe('stub routes from the contract', () => {
  it('mounts every operation at its method and path', () => {
    for (const op of contractOperations().values()) {
      expect(app.hasRoute({ method: op.method, url: op.path.replace(/\{(\w+)\}/g, ':$1') }), op.id).toBe(true);
    }
  });

  it.each(withBody.map((op) => [op.id, op] as const))('%s: a body the contract does not allow is a 400, nothing else', async (_, op) => {
    const res = await app.inject({ method: op.method, url: urlOf(op), headers: goodHeaders(op), payload: { notInTheContract: 'x' } });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    // A body with required fields names the first one missing.
    const required = (op.requestBody?.required ?? []) as string[];
    if (required[0]) expect(res.json()).toMatchObject({ field: required[0] });
  });

  it.each([...contractOperations().values()].map((op) => [op.id, op] as const))('%s: without its required headers, a 400', async (_, op) => {
    const res = await app.inject({
      method: op.method,
      url: urlOf(op),
      headers: { 'content-type': 'application/json', ...kioskHeaders('KIOSK-A') },
      payload: op.method === 'POST' ? {} : undefined,
    });
    const needsMore = op.method === 'POST' || op.security.length > 1;
    expect(res.statusCode).toBe(needsMore ? 400 : 200);
    if (needsMore) expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it.each([...contractOperations().values()].map((op) => [op.id, op] as const))('%s: without the kiosk key, or another kiosk\'s, a 401 before anything else', async (_, op) => {
    for (const headers of [{ 'x-kiosk-id': 'KIOSK-A' }, { ...kioskHeaders('KIOSK-A'), 'x-kiosk-id': 'KIOSK-B' }, { ...goodHeaders(op), authorization: `Bearer ${'A'.repeat(43)}` }]) {
      const res = await app.inject({ method: op.method, url: urlOf(op), headers, payload: op.method === 'POST' ? { notInTheContract: 'x' } : undefined });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ code: 'KIOSK_UNAUTHENTICATED' });
    }
  });

  it('checks each token with the pattern and header its security scheme declares', () => {
    const headers = requestSchemaOf('setPassword').headers as { required: string[]; properties: Record<string, { pattern: string }> };
    expect(headers.required).toEqual(expect.arrayContaining(['authorization', 'x-recovery-token']));
    const kiosk = new RegExp(headers.properties.authorization?.pattern ?? '$^');
    expect(kiosk.test(`Bearer ${'A'.repeat(32)}`)).toBe(true);
    expect(kiosk.test(`Bearer short`)).toBe(false);
    expect(kiosk.test(`Basic ${'A'.repeat(32)}`)).toBe(false);
    const recovery = new RegExp(headers.properties['x-recovery-token']?.pattern ?? '$^');
    expect(recovery.test('A'.repeat(32))).toBe(true);
    expect(recovery.test(`Bearer ${'A'.repeat(32)}`)).toBe(false);
  });
});
