/** The JSON object (or array) `text` holds, or undefined when it is not JSON or holds a plain value or null. */
export function parseJsonObject(text: string): object | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return typeof value === 'object' && value !== null ? value : undefined;
}
