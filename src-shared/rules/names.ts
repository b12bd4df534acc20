/**
 * How the backend compares names: Unicode NFKC, upper-case, spaces collapsed.
 * docs/architecture.md §3 (identity verification).
 */
export function normalizeName(input: string): string {
  return input.normalize('NFKC').toUpperCase().replace(/\s+/g, ' ').trim();
}
