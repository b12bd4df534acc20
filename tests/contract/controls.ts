/**
 * Test hooks the time- and code-dependent checks need. The stub offers them
 * when started with test controls; a real backend's test environment must
 * offer the same endpoints (docs/backend.md), or those checks report
 * "skipped: needs test controls".
 *   POST /__test/clock/advance {ms}   time travel
 *   POST /__test/accounts {...}       a fresh citizen account
 *   GET  /__test/state-digest         proves a rejected request changed nothing
 *   GET  /v1/training/outbox          the codes that were "sent"
 */
import type { ContractApi } from './contractApi';
import type { Citizen } from './fixtures';

export interface OutboxEntry {
  id: string;
  channel: 'sms' | 'email';
  toMasked: string;
  sentAt: string;
  subject?: string;
  body: string;
}

export interface TestControls {
  advanceClock(ms: number): Promise<void>;
  createAccount(citizen: Citizen): Promise<void>;
  stateDigest(): Promise<string>;
  outbox(): Promise<OutboxEntry[]>;
  /** A view that ignores every message already in the outbox: masked destinations of other checks may look alike. */
  scoped(): Promise<TestControls>;
  /** Messages to `toMasked`, oldest first. */
  messagesTo(toMasked: string): Promise<OutboxEntry[]>;
  /** The code in the newest OTP message to `toMasked`. */
  latestCode(toMasked: string): Promise<string>;
}

const CONTROL_KIOSK = 'conformance-controls';

export async function detectControls(api: ContractApi): Promise<TestControls | null> {
  try {
    const clock = await api.raw({ method: 'GET', path: '/__test/clock' });
    const outbox = await api.raw({ method: 'GET', path: '/v1/training/outbox', headers: { 'x-kiosk-id': CONTROL_KIOSK } });
    if (clock.status !== 200 || outbox.status !== 200) return null;
  } catch {
    return null;
  }
  return createControls(api);
}

function expectStatus(what: string, status: number, wanted: number): void {
  if (status !== wanted) throw new Error(`test control ${what} answered ${status}`);
}

function createControls(api: ContractApi, seen: ReadonlySet<string> = new Set()): TestControls {
  const outbox = async (): Promise<OutboxEntry[]> => {
    const res = await api.outbox(CONTROL_KIOSK);
    expectStatus('outbox', res.status, 200);
    return (res.body as { messages: OutboxEntry[] }).messages.filter((m) => !seen.has(m.id));
  };
  const messagesTo = async (toMasked: string) => (await outbox()).filter((m) => m.toMasked === toMasked);
  return {
    async advanceClock(ms) {
      const res = await api.raw({ method: 'POST', path: '/__test/clock/advance', body: { ms } });
      expectStatus('clock/advance', res.status, 200);
    },
    async createAccount(c) {
      const res = await api.raw({
        method: 'POST',
        path: '/__test/accounts',
        body: { nik: c.nik, fullName: c.fullName, motherMaidenName: c.motherMaidenName, phone: c.phone, email: c.email, password: c.password },
      });
      expectStatus('accounts', res.status, 201);
    },
    async stateDigest() {
      const res = await api.raw({ method: 'GET', path: '/__test/state-digest' });
      expectStatus('state-digest', res.status, 200);
      return String((res.body as { digest: unknown }).digest);
    },
    async scoped() {
      return createControls(api, new Set((await outbox()).map((m) => m.id)));
    },
    outbox,
    messagesTo,
    async latestCode(toMasked) {
      const codes = (await messagesTo(toMasked)).map((m) => /Kode OTP: (\d{6})/.exec(m.body)?.[1]).filter((c) => c !== undefined);
      const code = codes.at(-1);
      if (!code) throw new Error(`no OTP sent to ${toMasked}`);
      return code;
    },
  };
}
