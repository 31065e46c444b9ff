/**
 * Terminal tables that fit the terminal: every column as wide as its widest cell (capped at `max`
 * unless --wide), and when the whole is wider than the terminal the shrinkable columns give way
 * first (down to `min`, cut with an ellipsis), then whole columns are left out (lowest `drop`
 * first). Cells are plain text; colour is put on after padding, so it never shifts a column.
 */
export interface Column {
  header: string;
  align?: 'left' | 'right';
  /** Widest it gets unless --wide. */
  max?: number;
  /** Narrowest it shrinks to (default: its natural width, i.e. it does not shrink). */
  min?: number;
  /** Order in which shrinkable columns give way (lower first). */
  shrink?: number;
  /** Order in which columns are left out when shrinking is not enough (lower first; none: always kept). */
  drop?: number;
  /** Colour for a padded cell of row `r` (text may be cut). */
  colour?: (text: string, r: number) => string;
}

const GAP = 2;

/** Cuts text to a width, with an ellipsis when it was longer. */
export function fitWidth(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, Math.max(0, width - 1))}…` : text;
}

/** The columns to show and their widths, for a terminal `width` characters wide (Infinity: no limit). */
export function layout(
  columns: readonly Column[],
  rows: readonly string[][],
  width: number,
  wide: boolean,
): { shown: number[]; widths: number[] } {
  const natural = columns.map((c, k) => {
    const w = Math.max(c.header.length, ...rows.map((r) => r[k]!.length));
    return wide || c.max === undefined ? w : Math.min(w, c.max);
  });
  const widths = [...natural];
  let shown = columns.map((_, k) => k);
  const total = () => shown.reduce((s, k) => s + widths[k]!, 0) + GAP * (shown.length - 1);
  if (!Number.isFinite(width)) return { shown, widths };
  // Leave columns out while even their narrowest does not fit, then cut the shrinkable ones.
  const narrowest = (k: number) => Math.min(widths[k]!, columns[k]!.min ?? widths[k]!);
  const narrowTotal = () => shown.reduce((s, k) => s + narrowest(k), 0) + GAP * (shown.length - 1);
  for (const k of columns
    .map((_, k) => k)
    .filter((k) => columns[k]!.drop !== undefined)
    .sort((a, b) => columns[a]!.drop! - columns[b]!.drop!)) {
    if (narrowTotal() <= width) break;
    shown = shown.filter((s) => s !== k);
  }
  for (const k of shown
    .filter((k) => columns[k]!.min !== undefined)
    .sort((a, b) => (columns[a]!.shrink ?? 0) - (columns[b]!.shrink ?? 0))) {
    const over = total() - width;
    if (over <= 0) break;
    widths[k] = Math.max(narrowest(k), widths[k]! - over);
  }
  return { shown, widths };
}

/** Renders a header line and rows; `bold` styles the header. */
export function renderTable(
  columns: readonly Column[],
  rows: readonly string[][],
  o: { width: number; wide: boolean; bold: (s: string) => string },
): string[] {
  const { shown, widths } = layout(columns, rows, o.width, o.wide);
  const pad = (text: string, k: number) => {
    const t = fitWidth(text, widths[k]!);
    return columns[k]!.align === 'right' ? t.padStart(widths[k]!) : t.padEnd(widths[k]!);
  };
  const line = (cells: string[]) => cells.join(' '.repeat(GAP)).trimEnd();
  return [
    o.bold(line(shown.map((k) => pad(columns[k]!.header, k)))),
    ...rows.map((row, r) =>
      line(
        shown.map((k) => {
          const cell = pad(row[k]!, k);
          return columns[k]!.colour ? columns[k]!.colour!(cell, r) : cell;
        }),
      ),
    ),
  ];
}

/**
 * Characters a table may use: the terminal's width on a terminal, else $COLUMNS, else no limit
 * (a file or a pipe gets everything); --wide never cuts.
 */
export function tableWidth(stdout: { isTTY?: boolean; columns?: number }, env: Record<string, string | undefined>, wide: boolean): number {
  if (wide) return Infinity;
  if (stdout.isTTY && stdout.columns && stdout.columns > 0) return stdout.columns;
  const fromEnv = Number(env.COLUMNS);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : Infinity;
}
