/** Applications over time: counts per ISO week. */
import { DAY_MS, weekStart } from "~/domain/dates";

export { weekStart } from "~/domain/dates";

// ---------------------------------------------------------------------------
// Applications over time
// ---------------------------------------------------------------------------

export interface WeekCount {
  /** YYYY-MM-DD of the Monday (UTC). */
  weekStart: string;
  count: number;
}

/**
 * Counts per ISO week (weeks start Monday, UTC), with empty weeks filled in. The range runs
 * from `from` (default: the earliest date) to `to` (default: the latest date); dates outside it
 * are ignored. At most `maxWeeks` (default 104) of the most recent weeks are returned.
 */
export function weeklyCounts(dates: readonly Date[], opts: { from?: Date; to?: Date; maxWeeks?: number } = {}): WeekCount[] {
  const valid = dates.filter((d) => !Number.isNaN(d.getTime()));
  if (valid.length === 0 && (!opts.from || !opts.to)) return [];
  const times = valid.map((d) => d.getTime());
  const first = weekStart(opts.from ?? new Date(Math.min(...times))).getTime();
  let last = weekStart(opts.to ?? new Date(Math.max(...times))).getTime();
  if (last < first) return [];
  const maxWeeks = Math.max(1, opts.maxWeeks ?? 104);
  const start = Math.max(first, last - (maxWeeks - 1) * 7 * DAY_MS);
  last = Math.max(last, start);
  const counts = new Map<number, number>();
  for (const d of valid) {
    const w = weekStart(d).getTime();
    if (w < start || w > last) continue;
    counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  const out: WeekCount[] = [];
  for (let w = start; w <= last; w += 7 * DAY_MS) {
    out.push({ weekStart: new Date(w).toISOString().slice(0, 10), count: counts.get(w) ?? 0 });
  }
  return out;
}
