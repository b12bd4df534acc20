/**
 * The state journal (store.ts): whatever requests a stub answered, the state
 * loaded back from its files is the state it had in memory — also when the
 * journal's last line was torn by a crash, and with compactions in between.
 * Under vitest the store also compares the journal with memory after every
 * write, so a change the journal missed fails the request that made it.
 */
import { appendFile, copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../../../../src-main/backend/stub/clock';
import { buildStubApp } from '../../../../../src-main/backend/stub/server';
import { journalOf, StateFileError, StateStore } from '../../../../../src-main/backend/stub/store';
import { BUDI, SITI } from '../stubHarness';
import { kioskHeaders, testKiosks } from '../testKiosks';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pulih-journal-'));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

type Command =
  | { kind: 'start'; who: 0 | 1 | 2 }
  | { kind: 'verify'; right: boolean }
  | { kind: 'identity'; right: boolean }
  | { kind: 'signIn'; right: boolean }
  | { kind: 'replay' }
  | { kind: 'advance'; minutes: number }
  | { kind: 'compact' };

const commands = fc.array(
  fc.oneof(
    fc.record({ kind: fc.constant('start' as const), who: fc.constantFrom(0 as const, 1 as const, 2 as const) }),
    fc.record({ kind: fc.constant('verify' as const), right: fc.boolean() }),
    fc.record({ kind: fc.constant('identity' as const), right: fc.boolean() }),
    fc.record({ kind: fc.constant('signIn' as const), right: fc.boolean() }),
    fc.record({ kind: fc.constant('replay' as const) }),
    fc.record({ kind: fc.constant('advance' as const), minutes: fc.integer({ min: 1, max: 3000 }) }),
    fc.record({ kind: fc.constant('compact' as const) }),
  ),
  { minLength: 1, maxLength: 14 },
);

const PHONES = [SITI.phone, BUDI.phone, '081399990000'];

async function run(list: Command[], compactBytes: number): Promise<void> {
  const stateFile = join(dir, `state-${Math.random().toString(36).slice(2)}.json`);
  const clock = createManualClock();
  const { app, ctx } = await buildStubApp({ stateFile, clock, testControls: true, kiosks: testKiosks('KIOSK-A') });
  // A small journal limit: compactions happen in the middle of the sequence.
  (ctx.store as unknown as { options: { compactBytes: number } }).options.compactBytes = compactBytes;
  let seq = 0;
  let last = null as { url: string; body: unknown; key: string } | null;
  let recovery: { id: string; token: string; challengeId: string; to: string } | null = null;
  const post = async (url: string, body: unknown, extra: Record<string, string> = {}, key = `journal-key-${(seq += 1)}`) => {
    last = { url, body, key };
    const res = await app.inject({ method: 'POST', url, headers: { ...kioskHeaders('KIOSK-A'), 'idempotency-key': key, ...extra }, payload: body as object });
    // A write the journal check refused (a missed change) would answer 5xx.
    expect(res.statusCode).toBeLessThan(500);
    return res;
  };
  try {
    for (const c of list) {
      switch (c.kind) {
        case 'start': {
          const res = await post('/v1/recoveries/phone', { phone: PHONES[c.who] });
          if (res.statusCode === 201) {
            const body = res.json<{ recoveryId: string; recoveryToken: string; challenge: { challengeId: string; destinationMasked: string } }>();
            recovery = { id: body.recoveryId, token: body.recoveryToken, challengeId: body.challenge.challengeId, to: body.challenge.destinationMasked };
          }
          break;
        }
        case 'verify': {
          if (!recovery) break;
          const outbox = (await app.inject({ method: 'GET', url: '/v1/training/outbox', headers: kioskHeaders('KIOSK-A') })).json<{
            messages: { toMasked: string; body: string }[];
          }>();
          const sent = outbox.messages.filter((m) => m.toMasked === recovery?.to).map((m) => /(\d{6})/.exec(m.body)?.[1]);
          const code = c.right ? (sent.at(-1) ?? '000000') : '000000';
          await post(`/v1/recoveries/${recovery.id}/challenges/${recovery.challengeId}/verify`, { code }, { 'x-recovery-token': recovery.token });
          break;
        }
        case 'identity':
          await post('/v1/recoveries/identity', c.right ? { nik: SITI.nik, fullName: SITI.fullName, motherMaidenName: SITI.mother } : { nik: SITI.nik, fullName: 'SALAH', motherMaidenName: 'SALAH' });
          break;
        case 'signIn':
          await post('/v1/auth/sign-in', { identifier: BUDI.phone, password: c.right ? BUDI.password : 'Salah#2024x' });
          break;
        case 'replay':
          if (last) await post(last.url, last.body, recovery ? { 'x-recovery-token': recovery.token } : {}, last.key);
          break;
        case 'advance':
          clock.advance(c.minutes * 60_000);
          break;
        case 'compact':
          await ctx.store.compact();
          break;
      }
    }
    await ctx.store.flush();
    const memory = JSON.parse(JSON.stringify(ctx.store.state)) as unknown;
    const reload = async (file: string) => JSON.parse(JSON.stringify((await StateStore.open(file, undefined, { checkJournal: false })).state)) as unknown;

    // A copy of the files as a crash would leave them, with a torn last line.
    const torn = join(dir, `torn-${seq}.json`);
    await copyFile(stateFile, torn);
    await copyFile(journalOf(stateFile), journalOf(torn));
    await appendFile(journalOf(torn), '[[["recoveries","rcv_torn"],{"id":"rcv_to');

    expect(isDeepStrictEqual(await reload(stateFile), memory)).toBe(true);
    expect(isDeepStrictEqual(await reload(torn), memory)).toBe(true);
  } finally {
    await app.close();
  }
}

describe('the state journal', () => {
  it('any sequence of requests loads back as the state in memory (with a torn tail, with compactions)', async () => {
    await fc.assert(
      fc.asyncProperty(commands, fc.constantFrom(1, 4096, 1 << 20), async (list, compactBytes) => run(list, compactBytes)),
      {
        numRuns: 12,
        // Two starts on one phone (the first challenge is voided), a verify, a compaction, a day later.
        examples: [
          [
            [
              { kind: 'start', who: 0 },
              { kind: 'start', who: 0 },
              { kind: 'verify', right: true },
              { kind: 'compact' },
              { kind: 'advance', minutes: 1500 },
              { kind: 'signIn', right: false },
              { kind: 'replay' },
            ],
            1 << 20,
          ],
        ],
      },
    );
  }, 240_000);

  it('keeps appending after a load that dropped a torn line, and the torn line never comes back', async () => {
    const stateFile = join(dir, 'state.json');
    const clock = createManualClock();
    let built = await buildStubApp({ stateFile, clock, kiosks: testKiosks('KIOSK-A') });
    const wrongTry = (key: string) =>
      built.app.inject({
        method: 'POST',
        url: '/v1/recoveries/identity',
        headers: { ...kioskHeaders('KIOSK-A'), 'idempotency-key': key },
        payload: { nik: SITI.nik, fullName: 'SALAH', motherMaidenName: 'SALAH' },
      });
    expect((await wrongTry('torn-key-0001')).json()).toMatchObject({ attemptsRemaining: 2 });
    // A crash: the process dies with a line half-written (no close, so no compaction).
    await built.ctx.store.flush();
    await appendFile(journalOf(stateFile), '[[["identityTries"');
    built = await buildStubApp({ stateFile, clock, kiosks: testKiosks('KIOSK-A') });
    expect((await wrongTry('torn-key-0002')).json()).toMatchObject({ attemptsRemaining: 1 });
    await built.ctx.store.flush();
    built = await buildStubApp({ stateFile, clock, kiosks: testKiosks('KIOSK-A') });
    expect((await wrongTry('torn-key-0003')).json()).toMatchObject({ attemptsRemaining: 0 });
    await built.app.close();
  });

  it('a journal line that is not the last and does not parse stops the stub, naming the journal', async () => {
    const stateFile = join(dir, 'state.json');
    const built = await buildStubApp({ stateFile, kiosks: testKiosks('KIOSK-A') });
    await built.ctx.store.flush();
    const header = await readFile(journalOf(stateFile), 'utf8');
    await appendFile(journalOf(stateFile), '[[["identityTries"\n[]\n');
    expect(header.endsWith('\n')).toBe(true);
    await expect(StateStore.open(stateFile)).rejects.toThrow(StateFileError);
    await expect(StateStore.open(stateFile)).rejects.toThrow(`stub state file ${journalOf(stateFile)} line 2 is not valid JSON`);
  });

  it('a journal whose state does not fit the schema stops the stub, naming the journal', async () => {
    const stateFile = join(dir, 'state.json');
    const built = await buildStubApp({ stateFile, kiosks: testKiosks('KIOSK-A') });
    await built.ctx.store.flush();
    await appendFile(journalOf(stateFile), '[[["recoveries","rcv_x"],{"id":1}]]\n');
    await expect(StateStore.open(stateFile)).rejects.toThrow(`stub state file ${journalOf(stateFile)} does not fit the state schema: /recoveries/rcv_x`);
  });
});
