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

export type PasswordProblem = PasswordRuleId | 'containsPersonalData' | 'common';

/** The first problem with a password, or null when it is acceptable. */
export function passwordProblem(password: string, ctx: PasswordContext = {}): PasswordProblem | null {
  for (const rule of PASSWORD_RULES) if (!rule.test(password)) return rule.id;
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower)) return 'common';
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
  if (personal.some((p) => lower.includes(p.toLowerCase()))) return 'containsPersonalData';
  return null;
}
