/**
 * Kiosks for tests: each id gets a fixed key derived from it, so a test can
 * provision the stub (`kiosks`) and call it as that kiosk without passing keys
 * around. They are self-service (the identity path needs no officer), like the
 * conformance suite's kiosks; a test of assisted mode provisions its kiosk itself
 * (`{ ...testKiosks('K')[0], mode: 'assisted' }`).
 */
import { createHash } from 'node:crypto';
import type { KioskProvision } from '../../../../src-main/backend/stub/kioskAuth';

export function testKioskKey(kioskId: string): string {
  return createHash('sha256').update(`pulih-test-kiosk:${kioskId}`).digest('base64url');
}

export function testKiosks(...kioskIds: string[]): KioskProvision[] {
  return kioskIds.map((kioskId) => ({ kioskId, key: testKioskKey(kioskId), mode: 'self-service' }));
}

/** The headers that identify a request as coming from `kioskId`. */
export function kioskHeaders(kioskId: string): Record<string, string> {
  return { 'x-kiosk-id': kioskId, authorization: `Bearer ${testKioskKey(kioskId)}` };
}
