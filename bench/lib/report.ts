/**
 * One row of the benchmark table: a figure, the floor measured in the same
 * run, their ratio and whether its target is met. A row that
 * could not be measured says so (`pass: null`, `note` says why) instead of
 * showing a number.
 */
export interface Row {
  /** Stable id for JSON consumers, e.g. `bundle.initial`. */
  id: string;
  figure: string;
  /** Median (or the stated statistic) of the subject; null when not measured. */
  value: number | null;
  unit: string;
  /** What the floor is, in words. */
  floorLabel: string;
  floor: number | null;
  /** value / floor (or floor / value where the note says so); null when meaningless. */
  ratio: number | null;
  target: string;
  /** true met, false missed, null not measured (or informational). */
  pass: boolean | null;
  /** A figure shown for context, with no target. */
  informational?: boolean;
  /** How many measured repetitions the statistic is over. */
  samples: number;
  note?: string;
}

export function notMeasured(id: string, figure: string, unit: string, floorLabel: string, target: string, why: string): Row {
  return { id, figure, value: null, unit, floorLabel, floor: null, ratio: null, target, pass: null, samples: 0, note: `not measured: ${why}` };
}

function fmt(value: number | null, unit = ''): string {
  if (value === null || !Number.isFinite(value)) return '—';
  const abs = Math.abs(value);
  const text = abs >= 1000 ? value.toFixed(0) : abs >= 100 ? value.toFixed(1) : abs >= 10 ? value.toFixed(1) : value.toFixed(2);
  return unit ? `${text} ${unit}` : text;
}

function verdict(row: Row): string {
  if (row.informational) return 'info';
  return row.pass === null ? 'not measured' : row.pass ? 'met' : 'MISSED';
}

/** A plain-text table, wide but readable in a terminal and in Markdown code blocks. */
export function formatTable(rows: readonly Row[]): string {
  const header = ['figure', 'median', 'floor (same run)', 'ratio', 'target', 'result', 'n'];
  const body = rows.map((r) => [
    r.figure,
    fmt(r.value, r.unit),
    r.floor === null ? r.floorLabel : `${fmt(r.floor, r.unit)} (${r.floorLabel})`,
    r.ratio === null ? '—' : `${fmt(r.ratio)}×`,
    r.target,
    verdict(r),
    String(r.samples),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] as string).length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i] as number)).join(' | ');
  const notes = rows.filter((r) => r.note).map((r) => `  - ${r.figure}: ${r.note}`);
  return [line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...body.map(line), ...(notes.length ? ['', 'notes:', ...notes] : [])].join('\n');
}

/** The same table as Markdown, for docs/bench.md. */
export function formatMarkdown(rows: readonly Row[]): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const lines = [
    '| figure | median | floor (same run) | ratio | target | result | n |',
    '|---|---:|---|---:|---|---|---:|',
    ...rows.map(
      (r) =>
        `| ${esc(r.figure)} | ${fmt(r.value, r.unit)} | ${esc(r.floor === null ? r.floorLabel : `${fmt(r.floor, r.unit)} (${r.floorLabel})`)} | ${r.ratio === null ? '—' : `${fmt(r.ratio)}×`} | ${esc(r.target)} | ${verdict(r)} | ${r.samples} |`,
    ),
  ];
  return lines.join('\n');
}
