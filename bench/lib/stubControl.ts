/** The embedded stub's test controls (docs/backend.md), as the benches use them. */
import type { BenchCitizen } from './citizens';

async function call(stubUrl: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${stubUrl}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${text}`);
  return text ? (JSON.parse(text) as unknown) : undefined;
}

/**
 * Raises the stub's limits that a bench would meet long before it measures
 * anything (the kiosk's own cap comes from its config file): the per-kiosk
 * caps on identity verifications and on recovery starts, and the codes sent
 * per destination (per hour and per day).
 */
export async function raiseStubLimits(stubUrl: string, to: number): Promise<void> {
  const limits: Record<string, number> = {
    kioskIdentityLimitPerHour: to,
    kioskStartLimitPerHour: to,
    codeSendsPerHour: to,
    codeSendsPerDay: to,
  };
  // An older stub (bench/compare.ts measures older commits with today's bench) may not know a
  // limit yet: it names the field it refuses, which is left out (it has no such cap to raise).
  for (;;) {
    try {
      await call(stubUrl, 'PUT', '/__test/config', limits);
      return;
    } catch (err) {
      const field = /"code":"VALIDATION_FAILED".*"field":"(\w+)"/.exec(String(err))?.[1];
      if (field === undefined || !(field in limits)) throw err;
      delete limits[field];
    }
  }
}

export async function createAccounts(stubUrl: string, citizens: readonly BenchCitizen[], parallel = 4): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < citizens.length) {
      const citizen = citizens[next++] as BenchCitizen;
      await call(stubUrl, 'POST', '/__test/accounts', citizen);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
}

/** Puts the stub's state back to its demo data (accounts, recoveries, kept answers, outbox). */
export async function resetStub(stubUrl: string): Promise<void> {
  await call(stubUrl, 'POST', '/__test/reset');
}

export async function advanceClock(stubUrl: string, ms: number): Promise<void> {
  await call(stubUrl, 'POST', '/__test/clock/advance', { ms });
}

export async function stubClock(stubUrl: string): Promise<unknown> {
  return call(stubUrl, 'GET', '/__test/clock');
}
