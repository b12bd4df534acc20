/** docs/architecture.md §3 "login": 5 wrong passwords lock the account for 15 minutes. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUDI, SITI, startHarness, type Harness } from './stubHarness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => h.close());

describe('sign-in', () => {
  it('accepts the demo citizen by phone and by e-mail, showing only a masked name', async () => {
    expect(await h.client.signIn(h.ctx, SITI.phone, SITI.password)).toEqual({ ok: true, value: { displayName: 'S*** R***' } });
    expect(await h.client.signIn(h.ctx, SITI.email, SITI.password)).toEqual({ ok: true, value: { displayName: 'S*** R***' } });
  });

  it('counts down attempts, locks on the 5th wrong password for 15 minutes, then lets the right one in', async () => {
    const remaining: (number | undefined)[] = [];
    for (let i = 0; i < 4; i += 1) {
      const r = await h.client.signIn(h.ctx, SITI.phone, 'Salah#2024');
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('INVALID_CREDENTIALS');
        remaining.push(r.error.attemptsRemaining);
      }
    }
    expect(remaining).toEqual([4, 3, 2, 1]);
    const fifth = await h.client.signIn(h.ctx, SITI.phone, 'Salah#2024');
    const lockedUntil = new Date(h.clock.now() + 15 * 60_000).toISOString();
    expect(fifth).toEqual({ ok: false, error: { code: 'ACCOUNT_LOCKED', attemptsRemaining: 0, lockedUntil } });

    // Locked: even the right password, by the other identifier, from another kiosk.
    const locked = await h.client.signIn({ kioskId: 'KIOSK-B' }, SITI.email, SITI.password);
    expect(locked.ok === false && locked.error.code).toBe('ACCOUNT_LOCKED');

    h.clock.advance(15 * 60_000 - 1_000);
    const stillLocked = await h.client.signIn(h.ctx, SITI.phone, SITI.password);
    expect(stillLocked.ok === false && stillLocked.error.code).toBe('ACCOUNT_LOCKED');

    h.clock.advance(1_000);
    expect((await h.client.signIn(h.ctx, SITI.phone, SITI.password)).ok).toBe(true);
  });

  it('a successful sign-in resets the count of wrong passwords', async () => {
    for (let i = 0; i < 4; i += 1) await h.client.signIn(h.ctx, SITI.phone, 'Salah#2024');
    expect((await h.client.signIn(h.ctx, SITI.phone, SITI.password)).ok).toBe(true);
    const r = await h.client.signIn(h.ctx, SITI.phone, 'Salah#2024');
    expect(r.ok === false && r.error.attemptsRemaining).toBe(4);
  });

  it('locks one account without touching another', async () => {
    for (let i = 0; i < 5; i += 1) await h.client.signIn(h.ctx, SITI.phone, 'Salah#2024');
    expect((await h.client.signIn(h.ctx, BUDI.email, BUDI.password)).ok).toBe(true);
  });

  it('answers an unknown identifier exactly like a known one (no account enumeration)', async () => {
    const unknown = [];
    const known = [];
    for (let i = 0; i < 5; i += 1) {
      unknown.push(await h.client.signIn(h.ctx, 'tidak.ada@example.com', 'Salah#2024'));
      known.push(await h.client.signIn(h.ctx, SITI.email, 'Salah#2024'));
    }
    expect(unknown).toEqual(known);
  });
});

describe('operator sign-in', () => {
  it('accepts PTG001 / 246810 as PETUGAS SATU and refuses a wrong PIN', async () => {
    const ok = await h.client.operatorSignIn(h.ctx, 'PTG001', '246810');
    expect(ok.ok && { staffId: ok.value.staffId, name: ok.value.name }).toEqual({ staffId: 'PTG001', name: 'PETUGAS SATU' });
    expect(await h.client.operatorSignIn(h.ctx, 'PTG001', '135790')).toEqual({ ok: false, error: { code: 'OPERATOR_INVALID' } });
    expect(await h.client.operatorSignIn(h.ctx, 'PTG999', '246810')).toEqual({ ok: false, error: { code: 'OPERATOR_INVALID' } });
  });
});
