/** The transfer insight: TV background x task type of ACTIVE applications. */

// ---------------------------------------------------------------------------
// Transfer insight: TV background x task type of ACTIVE applications
// ---------------------------------------------------------------------------

export interface ActivePlacement {
  /** Task types of the gig. */
  taskTypes: readonly string[];
  /** Roles and formats across the person's credits. */
  roles: readonly string[];
  formats: readonly string[];
}

export interface MatrixCell {
  row: string;
  col: string;
  /** Active applications whose person has this role/format and whose gig has this task type. */
  count: number;
  /** count / the row's total (share of this background's active placements involving the task type). */
  share: number;
  /** count / the largest cell (0..1), for colouring. */
  intensity: number;
}

export interface TransferMatrix {
  dimension: "role" | "format";
  totalActive: number;
  rows: { key: string; total: number }[];
  cols: { key: string; total: number }[];
  /** Only cells with count > 0, for the rows and columns kept. */
  cells: MatrixCell[];
  maxCount: number;
  omittedRows: number;
  omittedCols: number;
}

/**
 * Each active application counts once per (distinct role or format of the person) x (distinct
 * task type of the gig). Rows and columns are sorted by their totals (largest first) and cut to
 * `maxRows` / `maxCols`.
 */
export function transferMatrix(
  placements: readonly ActivePlacement[],
  dimension: "role" | "format",
  opts: { maxRows?: number; maxCols?: number } = {},
): TransferMatrix {
  const cell = new Map<string, number>();
  const rowTotal = new Map<string, number>();
  const colTotal = new Map<string, number>();
  for (const p of placements) {
    const rows = [...new Set(dimension === "role" ? p.roles : p.formats)];
    const cols = [...new Set(p.taskTypes)];
    for (const r of rows) rowTotal.set(r, (rowTotal.get(r) ?? 0) + 1);
    for (const c of cols) colTotal.set(c, (colTotal.get(c) ?? 0) + 1);
    for (const r of rows) for (const c of cols) cell.set(`${r}\u0000${c}`, (cell.get(`${r}\u0000${c}`) ?? 0) + 1);
  }
  const byTotal = (m: Map<string, number>) =>
    [...m.entries()].map(([key, total]) => ({ key, total })).sort((a, b) => b.total - a.total || a.key.localeCompare(b.key));
  const allRows = byTotal(rowTotal);
  const allCols = byTotal(colTotal);
  const rows = allRows.slice(0, opts.maxRows ?? 12);
  const cols = allCols.slice(0, opts.maxCols ?? 12);
  const colSet = new Set(cols.map((c) => c.key));
  const cells: MatrixCell[] = [];
  for (const r of rows) {
    for (const c of cols) {
      const count = cell.get(`${r.key}\u0000${c.key}`) ?? 0;
      if (count > 0) cells.push({ row: r.key, col: c.key, count, share: count / r.total, intensity: 0 });
    }
  }
  const maxCount = cells.reduce((m, c) => Math.max(m, c.count), 0);
  for (const c of cells) c.intensity = maxCount ? c.count / maxCount : 0;
  return {
    dimension,
    totalActive: placements.length,
    rows,
    cols: cols.filter((c) => colSet.has(c.key)),
    cells,
    maxCount,
    omittedRows: allRows.length - rows.length,
    omittedCols: allCols.length - cols.length,
  };
}
