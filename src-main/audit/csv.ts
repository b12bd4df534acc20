/**
 * CSV cells and rows per RFC 4180 (CRLF line ends; a cell with a comma,
 * quote, CR or LF is quoted and its quotes doubled), with a guard against
 * formula injection: a text cell starting with `=`, `+`, `-`, `@`, tab or CR
 * gets a leading `'` so spreadsheets show it instead of evaluating it.
 */

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export type CsvValue = string | number | boolean | undefined;

/** One cell. Numbers and booleans are written as they are; text is guarded and quoted as needed. */
export function csvCell(value: CsvValue): string {
  if (value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One row, CRLF-terminated. */
export function csvRow(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
