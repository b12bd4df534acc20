/**
 * Identity verification (docs/architecture.md §3): NIK + full name + mother's maiden
 * name, compared after NFKC, upper-casing and collapsing spaces. At most 3
 * tries per NIK in any rolling 24 hours, counted here for all kiosks, every
 * try counting (right or wrong, registered NIK or not); the answer never says
 * which field was wrong. Before that, a per-kiosk hourly cap against NIK
 * enumeration. The check and the count happen in one synchronous step, so
 * parallel requests cannot slip past the limit.
 *
 * A kiosk provisioned as assisted must send the token of an officer signed
 * in at that same kiosk within their shift (operatorRules.ts `officerAt`);
 * otherwise 403 OPERATOR_REQUIRED before anything is counted (no NIK try,
 * no slot of the kiosk's cap). A self-service kiosk needs none.
 */
import { nikProblem } from '../../../src-shared/rules/nik';
import { normalizeName } from '../../../src-shared/rules/names';
import type { ContractSchema } from '../contract/document';
import type { StubConfig } from './context';
import type { KioskMode } from './kioskAuth';
import { officerAt } from './operatorRules';
import { problem, toIso, type Reply } from './problem';
import { pruneBook, recent, takeKioskSlot } from './rollingWindow';
import { createRecovery } from './recoveryRules';
import { safeEqual, sha256 } from './secrets';
import type { StubState } from './state';

export const IDENTITY_MAX_TRIES = 3;
export const IDENTITY_WINDOW_MS = 24 * 60 * 60_000;
export const KIOSK_WINDOW_MS = 60 * 60_000;

export interface IdentityInput {
  nik: string;
  fullName: string;
  motherMaidenName: string;
}

/** Compares every field whatever the outcome of the others: no early exit to time. */
function namesMatch(a: string, b: string): boolean {
  return safeEqual(sha256(normalizeName(a)), sha256(normalizeName(b)));
}

/** Who asks: the kiosk (as its key proved it), its mode, and the officer token it sent ('' for none). */
export interface IdentityCaller {
  kioskId: string;
  mode: KioskMode;
  operatorToken: string;
}

export function verifyIdentity(state: StubState, input: IdentityInput, caller: IdentityCaller, config: StubConfig, now: number): Reply {
  const { kioskId } = caller;
  if (caller.mode === 'assisted' && officerAt(state, caller.operatorToken, kioskId, now) === null) return problem('OPERATOR_REQUIRED', 403);
  if (nikProblem(input.nik) !== null) return problem('VALIDATION_FAILED', 400, { field: 'nik' });

  const capped = takeKioskSlot(state.kioskIdentityTries, kioskId, config.kioskIdentityLimitPerHour, KIOSK_WINDOW_MS, now);
  if (capped) return capped;

  const nikKey = sha256(input.nik);
  const tries = recent(state.identityTries[nikKey], IDENTITY_WINDOW_MS, now);
  if (tries.length >= IDENTITY_MAX_TRIES) {
    const oldest = tries[0] ?? now;
    return problem('IDENTITY_LOCKED', 423, { attemptsRemaining: 0, lockedUntil: toIso(oldest + IDENTITY_WINDOW_MS) });
  }
  const counted = [...tries, now];
  state.identityTries[nikKey] = counted;
  const remaining = IDENTITY_MAX_TRIES - counted.length;

  const account = state.accounts.find((a) => a.nik === input.nik);
  const nameOk = namesMatch(input.fullName, account?.fullName ?? '');
  const motherOk = namesMatch(input.motherMaidenName, account?.motherMaidenName ?? '');
  if (!account || !nameOk || !motherOk) {
    const lock = remaining === 0 ? { lockedUntil: toIso((counted[0] ?? now) + IDENTITY_WINDOW_MS) } : {};
    return problem('IDENTITY_MISMATCH', 422, { attemptsRemaining: remaining, ...lock });
  }
  const { record, token } = createRecovery(state, 'identity', account.id, kioskId, now);
  return { status: 201, body: { recoveryId: record.id, recoveryToken: token } satisfies ContractSchema<'Recovery'> };
}

export function pruneIdentityWindows(state: StubState, now: number): void {
  pruneBook(state.identityTries, IDENTITY_WINDOW_MS, now);
  pruneBook(state.kioskIdentityTries, KIOSK_WINDOW_MS, now);
}
