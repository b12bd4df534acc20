/**
 * Canonical JSON: object keys sorted by UTF-16 code units, no whitespace,
 * strings and numbers exactly as `JSON.stringify` writes them. For the value
 * types the audit log allows (strings, finite numbers, booleans, flat
 * objects) this is the same text as RFC 8785 (JCS), so a verifier in another
 * language can recompute a record's hash.
 */

export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | { [key: string]: JsonValue | undefined };

/** Serialises `value` canonically. Object members whose value is `undefined` are left out. */
export function canonicalJson(value: JsonValue): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) {
      throw new TypeError(`canonical JSON has no representation for ${value}`);
    }
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  const members: string[] = [];
  for (const key of Object.keys(value).sort()) {
    const member = value[key];
    if (member !== undefined) members.push(`${JSON.stringify(key)}:${canonicalJson(member)}`);
  }
  return `{${members.join(',')}}`;
}
