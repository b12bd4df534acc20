/**
 * A recovery from start to finish: the phone and e-mail paths (OTP to the
 * registered contact, then a new password), the identity path's second step
 * (new phone, e-mail and password, OTP to the NEW contact) and what happens
 * when a recovery completes (docs/architecture.md §3 "after recovery").
 */
import type { OtpChannel } from '../../../src-shared/contract';
import { codeChannelOf, OTP_CHANNELS, RECOVERY_PATHS, type ContactPath } from '../../../src-shared/recoveryPaths';
import { normalizeEmail } from '../../../src-shared/rules/email';
import { passwordProblem } from '../../../src-shared/rules/password';
import { normalizeIndonesianMobile } from '../../../src-shared/rules/phone';
import type { ContractSchema } from '../contract/document';
import {
  codeRecoveryLock,
  countKioskStart,
  countSend,
  countWrongCode,
  kioskStartLimitReached,
  sendLimitReached,
  type CodeSubject,
} from './codeLimits';
import type { StubConfig } from './context';
import { liftSignInLocks } from './loginRules';
import { recoveryNoticeEmail, recoveryNoticeSms, recoveryReferenceSms } from './messages';
import { challengeView, checkCode, issueChallenge, MAX_WRONG_ENTRIES, resendCode, resendRefusal } from './otpRules';
import { deliver, maskDestination } from './outbox';
import { problem, type Reply } from './problem';
import { hashSecret, newId, newReference, newToken, safeEqual, sha256, type SaltedHash } from './secrets';
import { untracked } from './store';
import {
  findAccountByContact,
  findAccountById,
  type AccountRecord,
  type ChallengeRecord,
  type RecoveryRecord,
  type StubState,
} from './state';

/** A recovery must be finished within 30 minutes of its start. */
export const RECOVERY_TTL_MS = 30 * 60_000;
/** Finished and abandoned recoveries are forgotten a day after they lapse. */
const RECOVERY_MEMORY_MS = 24 * 60 * 60_000;

const EMAIL_SHAPE = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

export function createRecovery(
  state: StubState,
  path: RecoveryRecord['path'],
  accountId: string | null,
  kioskId: string,
  now: number,
): { record: RecoveryRecord; token: string } {
  const token = newToken();
  const record: RecoveryRecord = {
    id: newId('rcv'),
    tokenHash: sha256(token),
    path,
    accountId,
    kioskId,
    createdAt: now,
    expiresAt: now + RECOVERY_TTL_MS,
    step: 'identity-verified',
    challenge: null,
    pending: null,
    reference: null,
  };
  state.recoveries[record.id] = record;
  return { record, token };
}

/**
 * A new code means the old ones stop working: every open challenge to the
 * same destination (whatever its path, registered or not), and every open
 * challenge of the account's phone and e-mail recoveries, is void. The
 * identity path's challenges of the account (a code to a NEW contact, after
 * an identity check) are left alone, so a start by whoever knows the old
 * phone cannot break that recovery at the counter.
 */
function voidOpenChallenges(state: StubState, destination: string, accountId: string | null): void {
  // Scanned untracked (every recovery), changed through the state (journalled).
  const all = untracked(state.recoveries);
  // for…in, not Object.entries: no array per stored recovery on every start (the cost must not grow with history).
  for (const id in all) {
    const other = all[id] as RecoveryRecord;
    const ch = other.challenge;
    if (ch?.status !== 'active') continue;
    const sameAccount = accountId !== null && other.accountId === accountId && RECOVERY_PATHS[other.path].asks === 'registered-contact';
    const tracked = state.recoveries[id]?.challenge;
    if ((ch.destination === destination || sameAccount) && tracked) tracked.status = 'voided';
  }
}

/**
 * Phone or e-mail path. The answer is built only from what was submitted, so
 * it is the same (status, fields, masked destination) whether or not an
 * account has that contact; an unregistered one gets a challenge that is
 * never delivered and never matches, and is counted against the same limits
 * (codeLimits.ts): the kiosk's starts, the wrong codes (per account, or per
 * destination when unregistered), the codes sent to the destination. A
 * refused start changes nothing.
 */
export function startRecovery(state: StubState, path: ContactPath, raw: string, kioskId: string, config: StubConfig, now: number): Reply {
  const channel = codeChannelOf(path);
  const destination = channel.normalize(raw);
  if (destination === null) return problem('VALIDATION_FAILED', 400, { field: channel.contact });
  const account = findAccountByContact(state, channel.contact, destination);
  const accountId = account?.id ?? null;
  const refused =
    kioskStartLimitReached(state, kioskId, config, now) ??
    codeRecoveryLock(state, { accountId, destination }, now) ??
    sendLimitReached(state, destination, config, now);
  if (refused) return refused;
  voidOpenChallenges(state, destination, accountId);
  const { record, token } = createRecovery(state, path, accountId, kioskId, now);
  record.challenge = issueChallenge(state, channel.name, destination, account !== undefined, now);
  record.step = 'otp-sent';
  countSend(state, destination, now);
  countKioskStart(state, kioskId, now);
  return {
    status: 201,
    body: { recoveryId: record.id, recoveryToken: token, challenge: challengeView(record.challenge, now) } satisfies ContractSchema<'RecoveryStarted'>,
  };
}

/** The recovery named in the path, if the bearer token and kiosk are its own and it has not lapsed. */
export function authorize(
  state: StubState,
  recoveryId: string,
  token: string,
  kioskId: string,
  now: number,
): RecoveryRecord | Reply {
  const record = state.recoveries[recoveryId];
  if (!record || !safeEqual(sha256(token), record.tokenHash) || record.kioskId !== kioskId) {
    return problem('SESSION_INVALID', 401);
  }
  if (now >= record.expiresAt || record.step === 'voided') return problem('SESSION_INVALID', 401);
  return record;
}

function policyProblem(password: string, account: AccountRecord, contacts: { phone: string; email: string }[]): Reply | null {
  for (const c of contacts) {
    const found = passwordProblem(password, { nik: account.nik, fullName: account.fullName, phone: c.phone, email: c.email });
    if (found !== null) return problem('PASSWORD_REJECTED', 422, { field: 'password' });
  }
  return null;
}

/**
 * 409 CONTACT_IN_USE (`field`) when the new phone or e-mail is another
 * account's. Asked only after the code proved the new contact (verifyOtp):
 * asked before, it told anyone which numbers and addresses are registered.
 */
function contactInUse(state: StubState, account: AccountRecord, contacts: { phone: string; email: string }): Reply | null {
  for (const field of ['phone', 'email'] as const) {
    const owner = findAccountByContact(state, field, contacts[field]);
    if (owner && owner.id !== account.id) return problem('CONTACT_IN_USE', 409, { field });
  }
  return null;
}

/**
 * Identity path, step 2: new contacts and password, then an OTP to the NEW
 * phone or e-mail. Again while the code is unverified (a citizen corrects a
 * mistyped number without a new identity check): the new details replace
 * the old, the old challenge is void. Whether a new contact is another
 * account's is not said here (see contactInUse); the code counts against
 * the destination's limits, and a submission after the first also as one of
 * the kiosk's starts, so a verified identity cannot send codes to ever new
 * destinations without end.
 */
export function submitCredentials(
  state: StubState,
  record: RecoveryRecord,
  input: { phone: string; email: string; password: string; otpChannel: OtpChannel },
  config: StubConfig,
  now: number,
): Reply {
  const account = findAccountById(state, record.accountId);
  const again = record.step === 'otp-sent';
  const previous = again ? record.challenge : null;
  // A code voided by wrong entries ends the recovery: new details would buy new guesses.
  const spent = previous !== null && (previous.status !== 'active' || previous.wrongEntries >= MAX_WRONG_ENTRIES);
  if (record.path !== 'identity' || (record.step !== 'identity-verified' && !again) || spent || !account) {
    return problem('SESSION_INVALID', 409);
  }
  const phone = normalizeIndonesianMobile(input.phone);
  if (phone === null) return problem('VALIDATION_FAILED', 400, { field: 'phone' });
  const email = normalizeEmail(input.email);
  if (!EMAIL_SHAPE.test(email)) return problem('VALIDATION_FAILED', 400, { field: 'email' });
  const destination = { phone, email }[OTP_CHANNELS[input.otpChannel].contact];
  const rejected =
    policyProblem(input.password, account, [
      { phone, email },
      { phone: account.phone, email: account.email },
    ]) ??
    (again ? kioskStartLimitReached(state, record.kioskId, config, now) : null) ??
    sendLimitReached(state, destination, config, now);
  if (rejected) return rejected;
  if (previous) previous.status = 'voided';
  if (again) countKioskStart(state, record.kioskId, now);
  record.pending = { phone, email, password: hashSecret(input.password) };
  record.challenge = issueChallenge(state, input.otpChannel, destination, true, now);
  // The wrong entries so far still count: new details never buy more guesses.
  if (previous) record.challenge.wrongEntries = previous.wrongEntries;
  record.step = 'otp-sent';
  countSend(state, destination, now);
  return { status: 201, body: challengeView(record.challenge, now) };
}

function challengeOf(record: RecoveryRecord, challengeId: string): RecoveryRecord['challenge'] {
  return record.challenge !== null && record.challenge.id === challengeId ? record.challenge : null;
}

/**
 * Whose wrong codes a challenge counts toward: the account (or the
 * destination, unregistered) on the phone and e-mail paths. Null on the
 * identity path, which the code lock leaves open: its code goes to a contact
 * the citizen chose after an identity check, and guessing it buys nothing.
 */
function codeSubjectOf(record: RecoveryRecord, challenge: ChallengeRecord): CodeSubject | null {
  return RECOVERY_PATHS[record.path].asks === 'registered-contact' ? { accountId: record.accountId, destination: challenge.destination } : null;
}

export function verifyOtp(
  state: StubState,
  record: RecoveryRecord,
  challengeId: string,
  code: string,
  config: StubConfig,
  now: number,
): Reply {
  const challenge = challengeOf(record, challengeId);
  if (!challenge) return problem('SESSION_INVALID', 409);
  const subject = codeSubjectOf(record, challenge);
  const locked = subject && codeRecoveryLock(state, subject, now);
  if (locked) return locked;
  const account = findAccountById(state, record.accountId);
  const checked = checkCode(challenge, code, account !== undefined, now);
  if (!checked.right) {
    // The wrong code that reaches the day's limit is answered with the lock itself.
    return (subject && checked.wrongCounted && countWrongCode(state, subject, now)) || checked.reply;
  }
  if (!account) return problem('SESSION_INVALID', 409); // unreachable: a decoy never matches
  if (record.path === 'identity' && record.pending) {
    const inUse = contactInUse(state, account, record.pending);
    if (inUse) {
      // The recovery ends: another attempt needs a new identity check (a counted try).
      record.step = 'voided';
      record.pending = null;
      return inUse;
    }
    const done = complete(state, record, account, record.pending.password, record.pending, config, now);
    return { status: 200, body: { status: 'completed', ...done } satisfies ContractSchema<'OtpResult'> };
  }
  record.step = 'otp-verified';
  return { status: 200, body: { status: 'otp-verified' } satisfies ContractSchema<'OtpResult'> };
}

export function resendOtp(state: StubState, record: RecoveryRecord, challengeId: string, config: StubConfig, now: number): Reply {
  const challenge = challengeOf(record, challengeId);
  if (!challenge) return problem('SESSION_INVALID', 409);
  const subject = codeSubjectOf(record, challenge);
  const refused =
    (subject && codeRecoveryLock(state, subject, now)) ??
    resendRefusal(challenge, now) ??
    sendLimitReached(state, challenge.destination, config, now);
  if (refused) return refused;
  countSend(state, challenge.destination, now);
  return resendCode(state, challenge, record.accountId !== null, now);
}

/** Phone and e-mail paths, after the OTP was verified. */
export function setPassword(state: StubState, record: RecoveryRecord, password: string, config: StubConfig, now: number): Reply {
  const account = findAccountById(state, record.accountId);
  if (record.path === 'identity' || record.step !== 'otp-verified' || !account) return problem('SESSION_INVALID', 409);
  const rejected = policyProblem(password, account, [{ phone: account.phone, email: account.email }]);
  if (rejected) return rejected;
  const done = complete(state, record, account, hashSecret(password), null, config, now);
  return { status: 200, body: done satisfies ContractSchema<'Completed'> };
}

/**
 * Applies a recovery: new password (and contacts, checked free by the
 * caller), every session revoked, the sign-in lock lifted, other open
 * recoveries of the account voided, a "Bukan Anda?" notice to the OLD
 * phone and OLD e-mail, and the reference by SMS to the account's phone as
 * it is now. Answers the reference and the account's contacts, masked.
 */
function complete(
  state: StubState,
  record: RecoveryRecord,
  account: AccountRecord,
  password: SaltedHash,
  contacts: { phone: string; email: string } | null,
  config: StubConfig,
  now: number,
): ContractSchema<'Completed'> {
  const old = { phone: account.phone, email: account.email };
  account.password = password;
  if (contacts) {
    account.phone = contacts.phone;
    account.email = contacts.email;
  }
  account.sessions = [];
  // The sign-in locks of the account's old and new identifiers (loginRules.ts counts per identifier).
  liftSignInLocks(state, [old.phone, old.email, account.phone, account.email]);
  const all = untracked(state.recoveries);
  for (const id in all) {
    const other = all[id] as RecoveryRecord;
    if (other.accountId !== account.id) continue;
    const tracked = state.recoveries[id];
    if (other.accountId === account.id && other.id !== record.id && other.step !== 'completed' && tracked) tracked.step = 'voided';
  }
  deliver(state, { channel: 'sms', to: old.phone, body: recoveryNoticeSms(config.helpline) }, now);
  deliver(state, { channel: 'email', to: old.email, ...recoveryNoticeEmail(config.helpline) }, now);
  record.step = 'completed';
  record.pending = null;
  const reference = newReference(now);
  record.reference = reference;
  deliver(state, { channel: 'sms', to: account.phone, body: recoveryReferenceSms(reference) }, now);
  return { reference, phoneMasked: maskDestination('sms', account.phone), emailMasked: maskDestination('email', account.email) };
}

export function pruneRecoveries(state: StubState, now: number): void {
  for (const [id, record] of Object.entries(untracked(state.recoveries))) {
    if (now - record.expiresAt > RECOVERY_MEMORY_MS) delete state.recoveries[id];
  }
}
