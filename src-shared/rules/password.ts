/**
 * The service's own password rules (seed screen 4), shown as a live checklist,
 * plus the kiosk's extra checks (docs/architecture.md §3).
 */
export const PASSWORD_SYMBOLS = '!@#$%^&*';

export const PASSWORD_RULES = [
  { id: 'minLength', test: (p: string) => [...p].length >= 8 },
  { id: 'lower', test: (p: string) => /[a-z]/.test(p) },
  { id: 'upper', test: (p: string) => /[A-Z]/.test(p) },
  { id: 'digit', test: (p: string) => /\d/.test(p) },
  { id: 'symbol', test: (p: string) => /[!@#$%^&*]/.test(p) },
] as const;

export type PasswordRuleId = (typeof PASSWORD_RULES)[number]['id'];

export function passwordChecklist(password: string): Record<PasswordRuleId, boolean> {
  const out = {} as Record<PasswordRuleId, boolean>;
  for (const rule of PASSWORD_RULES) out[rule.id] = rule.test(password);
  return out;
}

/** A short list of passwords that meet the five rules yet are guessed first. */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  [
    'Password1!', 'Password123!', 'P@ssw0rd', 'P@ssword1', 'Passw0rd!', 'Qwerty123!',
    'Welcome1!', 'Admin123!', 'Indonesia1!', 'Jakarta123!', 'Bismillah1!', 'Kemnaker1!',
    'Abc12345!', 'Abcd1234!', 'Aa123456!', 'Sayang123!', 'Rahasia123!', 'Merdeka45!',
  ].map((p) => p.toLowerCase()),
);

export interface PasswordContext {
  nik?: string;
  /** Any phone form; compared by its national digits. */
  phone?: string;
  fullName?: string;
  email?: string;
}

/** The two rules beyond the service's five, named as the problems they find; live lines of the checklist too. */
export const PASSWORD_EXTRA_RULES = ['containsPersonalData', 'common'] as const;
export type PasswordExtraRuleId = (typeof PASSWORD_EXTRA_RULES)[number];

export type PasswordProblem = PasswordRuleId | PasswordExtraRuleId;

/** One of the passwords guessed first (case ignored). */
export function isCommonPassword(password: string): boolean {
  return COMMON_PASSWORDS.has(password.toLowerCase());
}

/** Whether the password holds the NIK, the phone's digits, a name part or a part of the e-mail's local part (3+ characters). */
export function containsPersonalData(password: string, ctx: PasswordContext): boolean {
  const lower = password.toLowerCase();
  const personal: string[] = [];
  if (ctx.nik) personal.push(ctx.nik);
  if (ctx.phone) {
    const digits = ctx.phone.replace(/\D/g, '');
    const national = digits.startsWith('62') ? `0${digits.slice(2)}` : digits;
    if (national.length >= 8) personal.push(national, national.slice(1));
  }
  if (ctx.fullName) {
    for (const part of ctx.fullName.split(/\s+/)) if (part.length >= 3) personal.push(part.toLowerCase());
  }
  if (ctx.email) {
    const local = ctx.email.split('@')[0] ?? '';
    for (const part of local.split(/[._\-+]/)) if (part.length >= 3) personal.push(part.toLowerCase());
  }
  return personal.some((p) => lower.includes(p.toLowerCase()));
}

/**
 * The checklist's two further lines for what has been typed, against every
 * context the kiosk knows (e.g. the identity path's NIK and name with the new
 * contacts, or a contact path's registered phone): met once something is
 * typed and no context is in it, or it is not a common password.
 */
export function passwordExtraChecklist(password: string, contexts: readonly PasswordContext[]): Record<PasswordExtraRuleId, boolean> {
  const typed = password !== '';
  return {
    containsPersonalData: typed && !contexts.some((ctx) => containsPersonalData(password, ctx)),
    common: typed && !isCommonPassword(password),
  };
}

/** The first problem with a password, or null when it is acceptable. */
export function passwordProblem(password: string, ctx: PasswordContext = {}): PasswordProblem | null {
  for (const rule of PASSWORD_RULES) if (!rule.test(password)) return rule.id;
  if (isCommonPassword(password)) return 'common';
  if (containsPersonalData(password, ctx)) return 'containsPersonalData';
  return null;
}
