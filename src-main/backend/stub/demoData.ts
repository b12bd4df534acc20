/**
 * Demo data of docs/architecture.md §8. Guides, trainers and tests rely on these
 * records; more may be added, none of these may change.
 */
import { normalizeEmail } from '../../../src-shared/rules/email';
import { normalizeIndonesianMobile } from '../../../src-shared/rules/phone';
import { hashSecret, newId } from './secrets';
import { emptyState, type AccountRecord, type OperatorRecord, type StubState } from './state';

export interface DemoCitizen {
  nik: string;
  fullName: string;
  motherMaidenName: string;
  /** As citizens write it (`08…`). */
  phone: string;
  email: string;
  password: string;
}

export const DEMO_CITIZENS: readonly DemoCitizen[] = [
  {
    nik: '3171014101900001',
    fullName: 'SITI RAHAYU',
    motherMaidenName: 'AMINAH',
    phone: '081234562797',
    email: 'siti.rahayu@example.com',
    password: 'Lama#2024a',
  },
  {
    nik: '3273011505850002',
    fullName: 'BUDI SANTOSO',
    motherMaidenName: 'SRI WAHYUNI',
    phone: '081288488955',
    email: 'budi.santoso@example.com',
    password: 'Budi#2023x',
  },
];

export const DEMO_OPERATOR = { staffId: 'PTG001', name: 'PETUGAS SATU', pin: '246810' } as const;

/** Builds an account record; throws on a phone libphonenumber-js does not accept (a programming error). */
export function accountFrom(citizen: DemoCitizen): AccountRecord {
  const phone = normalizeIndonesianMobile(citizen.phone);
  if (phone === null) throw new Error('demo phone is not an Indonesian mobile number');
  return {
    id: newId('acc'),
    nik: citizen.nik,
    fullName: citizen.fullName,
    motherMaidenName: citizen.motherMaidenName,
    phone,
    email: normalizeEmail(citizen.email),
    password: hashSecret(citizen.password),
    sessions: [],
  };
}

export function operatorFrom(op: { staffId: string; name: string; pin: string }): OperatorRecord {
  return { staffId: op.staffId.toUpperCase(), name: op.name, pin: hashSecret(op.pin) };
}

/** A fresh state holding the demo citizens and the demo operator. */
export function demoState(): StubState {
  const state = emptyState();
  state.accounts = DEMO_CITIZENS.map(accountFrom);
  state.operators = [operatorFrom(DEMO_OPERATOR)];
  return state;
}
