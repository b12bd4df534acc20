/**
 * The conformance suite of tests/contract against a freshly started stub,
 * so that `npm test` checks the stub against openapi.yaml and every rule of
 * docs/architecture.md §3 (the same functions `npm run test:contract` runs).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStub, type RunningStub } from '../../../../src-main/backend/stub/server';
import { CONFORMANCE_CHECKS, prepareSuite, runCheck, type SuiteEnv } from '../../../contract/suite';
import { testKiosks } from './testKiosks';

describe('conformance of the stub (test controls on)', () => {
  let stub: RunningStub;
  let env: SuiteEnv;
  beforeAll(async () => {
    stub = await startStub({ testControls: true });
    env = await prepareSuite({ baseUrl: stub.url, fuzzRuns: 30 });
  });
  afterAll(async () => stub.close());

  it('detects the test controls', () => {
    expect(env.controls).not.toBeNull();
  });

  for (const check of CONFORMANCE_CHECKS) {
    it(`${check.id}: ${check.rule}`, async () => {
      const result = await runCheck(check, env);
      expect(result.detail ?? '').toBe('');
      expect(result.status).toBe('passed');
    });
  }
});

describe('conformance of the stub without test controls', () => {
  let stub: RunningStub;
  let env: SuiteEnv;
  beforeAll(async () => {
    const kiosks = testKiosks('conformance-given-1', 'conformance-given-2');
    stub = await startStub({ kiosks });
    env = await prepareSuite({ baseUrl: stub.url, fuzzRuns: 5, kiosks });
  });
  afterAll(async () => stub.close());

  it('reports the checks needing time travel or codes as skipped, and runs the others', async () => {
    expect(env.controls).toBeNull();
    const otp = CONFORMANCE_CHECKS.find((c) => c.id === 'otp.resendRules');
    const tries = CONFORMANCE_CHECKS.find((c) => c.id === 'identity.threeTriesPerNik');
    expect(otp && (await runCheck(otp, env))).toMatchObject({ status: 'skipped', detail: 'needs test controls' });
    expect(tries && (await runCheck(tries, env))).toMatchObject({ status: 'passed' });
  });
});
