/**
 * Test hooks the time- and code-dependent checks need. The stub offers them
 * when started with test controls; a real backend's test environment must
 * offer the same endpoints (docs/backend.md), or those checks report
 * "skipped: needs test controls".
 *   POST /__test/clock/advance {ms}   time travel
 *   POST /__test/accounts {...}       a fresh citizen account
 *   POST /__test/operators {staffId,name,pin} a fresh officer (to lock without locking anyone else)
 *   POST /__test/kiosks {kioskId,mode} a fresh kiosk and its key
 *   GET  /__test/state-digest         proves a rejected request changed nothing
 *   GET  /v1/training/outbox          the codes that were "sent" (each kiosk sees only its own)
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
  /** Provisions a kiosk (`POST /__test/kiosks`) and remembers its key for later requests; its id back. */
  provisionKiosk(kioskId: string, mode: 'assisted' | 'self-service'): Promise<string>;
  advanceClock(ms: number): Promise<void>;
  createAccount(citizen: Citizen): Promise<void>;
  /** A fresh officer (`POST /__test/operators`): a check may lock it without touching the demo operator. */
  createOperator(officer: { staffId: string; name: string; pin: string }): Promise<void>;
  stateDigest(): Promise<string>;
  /** The messages the view's kiosks caused (each kiosk is served only its own), oldest first. */
  outbox(): Promise<OutboxEntry[]>;
  /**
   * A view for one check: the outboxes of `kiosk` (the check's) and of every kiosk provisioned
   * from now on (the check's others), ignoring every message already there.
   */
  scoped(kiosk?: string): Promise<TestControls>;
  /** Messages to `toMasked`, oldest first. */
  messagesTo(toMasked: string): Promise<OutboxEntry[]>;
  /** The code in the newest OTP message to `toMasked`. */
  latestCode(toMasked: string): Promise<string>;
}

const CONTROL_KIOSK = 'conformance-controls';

export async function detectControls(api: ContractApi): Promise<TestControls | null> {
  try {
    const clock = await api.raw({ method: 'GET', path: '/__test/clock' });
    if (clock.status !== 200) return null;
    const kiosk = await api.raw({ method: 'POST', path: '/__test/kiosks', body: { kioskId: CONTROL_KIOSK } });
    if (kiosk.status !== 201) return null;
    api.addKiosk(CONTROL_KIOSK, String((kiosk.body as { key?: unknown }).key));
    const outbox = await api.raw({ method: 'GET', path: '/v1/training/outbox', headers: { 'x-kiosk-id': CONTROL_KIOSK } });
    if (outbox.status !== 200) return null;
  } catch {
    return null;
  }
  return createControls(api, []);
}

function expectStatus(what: string, status: number, wanted: number): void {
  if (status !== wanted) throw new Error(`test control ${what} answered ${status}`);
}

/**
 * `provisioned` lists every kiosk provisioned through the controls, in order (shared by all views);
 * a view reads the outboxes of `kiosks()`.
 */
function createControls(
  api: ContractApi,
  provisioned: string[],
  kiosks: () => string[] = () => [CONTROL_KIOSK],
  seen: ReadonlySet<string> = new Set(),
): TestControls {
  const outbox = async (): Promise<OutboxEntry[]> => {
    const all: OutboxEntry[] = [];
    for (const kiosk of new Set(kiosks())) {
      const res = await api.outbox(kiosk);
      expectStatus('outbox', res.status, 200);
      all.push(...(res.body as { messages: OutboxEntry[] }).messages);
    }
    return all.filter((m) => !seen.has(m.id)).sort((a, b) => Date.parse(a.sentAt) - Date.parse(b.sentAt));
  };
  const messagesTo = async (toMasked: string) => (await outbox()).filter((m) => m.toMasked === toMasked);
  return {
    async provisionKiosk(kioskId, mode) {
      const res = await api.raw({ method: 'POST', path: '/__test/kiosks', body: { kioskId, mode } });
      expectStatus('kiosks', res.status, 201);
      api.addKiosk(kioskId, String((res.body as { key?: unknown }).key));
      provisioned.push(kioskId);
      return kioskId;
    },
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
    async createOperator(officer) {
      const res = await api.raw({ method: 'POST', path: '/__test/operators', body: { staffId: officer.staffId, name: officer.name, pin: officer.pin } });
      expectStatus('operators', res.status, 201);
    },
    async stateDigest() {
      const res = await api.raw({ method: 'GET', path: '/__test/state-digest' });
      expectStatus('state-digest', res.status, 200);
      return String((res.body as { digest: unknown }).digest);
    },
    async scoped(kiosk) {
      const from = provisioned.length;
      const view = (): string[] => [...(kiosk !== undefined ? [kiosk] : []), ...provisioned.slice(from)];
      const before = await createControls(api, provisioned, view).outbox();
      return createControls(api, provisioned, view, new Set(before.map((m) => m.id)));
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
