import { formatValue, type TrialRow } from '@hyperspec/core/study';

/** A trial's value, or its values (`a / b`) in a study with several objectives. */
const shown = (r: TrialRow) => (r.values ? r.values.map(formatValue).join(' / ') : formatValue(r.value));

/** Where the table goes: a terminal (redrawn in place) or anything else (one plain line per event). */
export interface TableStream {
  write(s: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

const MAX_ROWS = 20;

/**
 * The live view of a search on stderr: trial number, parameters, objective and state. On a terminal
 * the most recent rows are redrawn in place; elsewhere (a log file, CI) each start and end of a trial
 * is one plain line, so the output stays readable when captured.
 */
export class TrialTable {
  private readonly rows = new Map<number, TrialRow>();
  private drawn = 0;

  constructor(private readonly out: TableStream, private readonly objective: string) {}

  update(row: TrialRow): void {
    // A failure's reason can hold a hint on further lines: the table shows its first line only.
    this.rows.set(row.number, row.note ? { ...row, note: row.note.split('\n')[0] } : row);
    row = this.rows.get(row.number)!;
    if (this.out.isTTY) this.redraw();
    else this.out.write(this.plainLine(row) + '\n');
  }

  private plainLine(r: TrialRow): string {
    const params = Object.entries(r.params).map(([k, v]) => `${k}=${formatValue(v)}`).join(' ');
    const value = r.value === undefined ? '' : `  ${this.objective} ${shown(r)}`;
    return `trial ${r.number} ${r.state}${value}  ${params}${r.note ? `  (${r.note})` : ''}`;
  }

  private redraw(): void {
    const rows = [...this.rows.values()].sort((a, b) => a.number - b.number).slice(-MAX_ROWS);
    const names = [...new Set(rows.flatMap((r) => Object.keys(r.params)))];
    const header = ['trial', ...names, this.objective, 'state'];
    const cells = rows.map((r) => [String(r.number), ...names.map((n) => (n in r.params ? formatValue(r.params[n]) : '-')), r.value === undefined ? '' : shown(r), r.state + (r.note ? ` (${r.note})` : '')]);
    const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
    // One column short of the terminal's width, so no line wraps and the redraw moves up the right count.
    const width = (this.out.columns ?? 120) - 1;
    const line = (c: string[]) => c.map((x, i) => (i === c.length - 1 ? x : x.padEnd(widths[i]))).join('  ').slice(0, width);
    const text = [line(header), ...cells.map(line)];
    // Move to the start of the previous drawing, clear it, draw again.
    const up = this.drawn > 0 ? `\x1b[${this.drawn}F\x1b[J` : '';
    this.out.write(up + text.join('\n') + '\n');
    this.drawn = text.length;
  }
}
