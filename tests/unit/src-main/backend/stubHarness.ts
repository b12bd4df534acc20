/**
 * A fresh stub on an ephemeral port with a manual clock, plus a client
 * against it: what almost every backend test starts from.
 */
import { createBackendClient, type BackendClientOptions } from '../../../../src-main/backend/client';
import { createManualClock, type AdjustableClock } from '../../../../src-main/backend/stub/clock';
import { startStub, type StubOptions } from '../../../../src-main/backend/stub/server';
import type { BackendClient, CallContext } from '../../../../src-main/backend/types';
import { testKioskKey, testKiosks } from './testKiosks';

export interface Harness {
  url: string;
  clock: AdjustableClock;
  client: BackendClient;
  ctx: CallContext;
  close(): Promise<void>;
}

/** The kiosks a harness stub knows; the harness's client is KIOSK-A. */
export const HARNESS_KIOSKS = ['KIOSK-A', 'KIOSK-B', 'KIOSK-C', 'K'] as const;

export async function startHarness(
  stubOptions: Omit<StubOptions, 'clock'> = {},
  clientOptions: Partial<BackendClientOptions> = {},
): Promise<Harness> {
  const clock = createManualClock();
  const stub = await startStub({ testControls: true, kiosks: testKiosks(...HARNESS_KIOSKS), ...stubOptions, clock });
  const client = createBackendClient({ baseUrl: stub.url, kioskKey: testKioskKey('KIOSK-A'), timeoutMs: 2_000, retries: 0, ...clientOptions });
  return { url: stub.url, clock, client, ctx: { kioskId: 'KIOSK-A' }, close: () => stub.close() };
}

export const SITI = {
  nik: '3171014101900001',
  fullName: 'SITI RAHAYU',
  mother: 'AMINAH',
  phone: '+6281234562797',
  email: 'siti.rahayu@example.com',
  password: 'Lama#2024a',
} as const;

export const BUDI = {
  nik: '3273011505850002',
  fullName: 'BUDI SANTOSO',
  mother: 'SRI WAHYUNI',
  phone: '+6281288488955',
  email: 'budi.santoso@example.com',
  password: 'Budi#2023x',
} as const;

/** The six-digit code in the newest outbox message to `toMasked`. */
export async function latestCode(h: Harness, toMasked: string): Promise<string> {
  const outbox = await h.client.outbox(h.ctx);
  if (!outbox.ok) throw new Error(`outbox: ${outbox.error.code}`);
  const mine = outbox.value.filter((m) => m.toMasked === toMasked && /Kode OTP: \d{6}/.test(m.body));
  const match = /Kode OTP: (\d{6})/.exec(mine.at(-1)?.body ?? '');
  if (!match?.[1]) throw new Error(`no code sent to ${toMasked}`);
  return match[1];
}

/** Raw JSON request to the stub, for what the client would never send. */
export async function raw(
  url: string,
  method: string,
  path: string,
  init: { headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; contentType: string; body: unknown }> {
  const res = await fetch(`${url}${path}`, { method, headers: init.headers ?? {}, body: init.body ?? null });
  const textBody = await res.text();
  let body: unknown = textBody;
  try {
    body = JSON.parse(textBody);
  } catch {
    // not JSON
  }
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', body };
}

/** POST /__test/faults. */
export async function addFault(url: string, spec: Record<string, unknown>): Promise<void> {
  const res = await raw(url, 'POST', '/__test/faults', { headers: { 'content-type': 'application/json' }, body: JSON.stringify(spec) });
  if (res.status !== 201) throw new Error(`fault not added: ${res.status} ${JSON.stringify(res.body)}`);
}
