/**
 * findAccountById keeps a hint of where each account is: whatever happens to
 * the accounts (added, replaced in place, removed, the list replaced), it
 * answers what a scan of the list would.
 */
import { describe, expect, it } from 'vitest';
import { emptyState, findAccountById, type AccountRecord } from '../../../../../src-main/backend/stub/state';

const account = (id: string, nik = `3171010101900${id.slice(-3)}`): AccountRecord => ({
  id,
  nik,
  fullName: 'WARGA',
  motherMaidenName: 'IBU',
  phone: `+62813000${id.slice(-3)}`,
  email: `${id}@example.com`,
  password: { salt: 's', hash: 'h' },
  sessions: [],
});

const scan = (accounts: AccountRecord[], id: string) => accounts.find((a) => a.id === id);

describe('findAccountById', () => {
  it('answers as a scan would after every kind of change to the accounts', () => {
    const state = emptyState();
    state.accounts.push(account('acc_001'), account('acc_002'), account('acc_003'));
    const check = () => {
      for (const id of ['acc_001', 'acc_002', 'acc_003', 'acc_004', 'acc_005']) expect(findAccountById(state, id)).toBe(scan(state.accounts, id));
    };
    check();
    state.accounts.push(account('acc_004')); // added
    check();
    state.accounts[1] = account('acc_005'); // replaced in place: acc_002 is gone
    check();
    state.accounts.splice(0, 1); // removed: every other account moves up
    check();
    state.accounts = [account('acc_002'), account('acc_001')]; // the whole list replaced
    check();
    expect(findAccountById(state, null)).toBeUndefined();
  });
});
