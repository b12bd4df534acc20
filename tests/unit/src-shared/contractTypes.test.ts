import { describe, expect, it } from 'vitest';
import type { EndSessionRequest, NewCredentialsRequest, SignInRequest, StartRecoveryRequest } from '../../../src-shared/contract';
import { REQUEST_SCHEMAS } from '../../../src-shared/requestSchemas';

/**
 * The contract's request types are derived from the request schemas, so a
 * payload the schema refuses does not compile either. `npm run typecheck`
 * checks the @ts-expect-error lines: if a type ever loosened (drifted from
 * its schema), the directive would be unused and the typecheck would fail.
 */
describe('request types follow their schemas', () => {
  it('what compiles is what the router accepts', () => {
    const start: StartRecoveryRequest = { path: 'email', destination: 'siti.rahayu@example.com' };
    const signIn: SignInRequest = { identifier: '081234562797', password: 'Lama#2024a' };
    expect(REQUEST_SCHEMAS.startRecovery.isValidSync(start)).toBe(true);
    expect(REQUEST_SCHEMAS.signIn.isValidSync(signIn)).toBe(true);
  });

  it('what the router refuses does not compile', () => {
    const refused = [
      // @ts-expect-error the identity path starts with verifyIdentity, not from a contact
      { path: 'identity', destination: '081234562797' } satisfies StartRecoveryRequest,
      // @ts-expect-error a channel that is not in the path table
      { phone: '081299990000', email: 'b@example.com', password: 'Kuat#2025x', otpChannel: 'fax' } satisfies NewCredentialsRequest,
      // @ts-expect-error a field the schema does not have
      { identifier: '081234562797', password: 'Lama#2024a', remember: true } satisfies SignInRequest,
      // @ts-expect-error a reason the schema does not list
      { reason: 'logout' } satisfies EndSessionRequest,
    ];
    expect(REQUEST_SCHEMAS.startRecovery.isValidSync(refused[0])).toBe(false);
    expect(REQUEST_SCHEMAS.submitNewCredentials.isValidSync(refused[1])).toBe(false);
    expect(REQUEST_SCHEMAS.signIn.isValidSync(refused[2])).toBe(false);
    expect(REQUEST_SCHEMAS.endSession.isValidSync(refused[3])).toBe(false);
  });
});
