/**
 * Insight metrics: onboarding funnel, time in stage, applications over time, the transfer
 * heat map and the fairness audit.
 *
 * Pure: no I/O, no clock (callers pass `now` where it matters), inputs are never mutated.
 * Loading the data (and deciding who may see which scope) is app/services/insights.server.ts.
 *
 * Definitions (shown to users on /insights and /insights/fairness, keep them in sync):
 *
 * Funnel
 *   - Steps are PIPELINE_STAGES in order. The first step ("Applied or invited") counts every
 *     application: INVITED is the alternative entry to the pipeline.
 *   - `reached`: applications that entered this step OR any later pipeline step. SCREENING is
 *     skipped by gigs without screening, so "reached" keeps the funnel monotone and the
 *     conversion at most 100 %. `entered` is the number that really passed through the stage.
 *   - `conversion`: reached(step) / reached(previous step); null for the first step or when the
 *     previous step was reached by nobody.
 *   - `current`: applications whose current stage is this step (INVITED counts in the first).
 *   - Drop-outs: applications whose current stage is terminal (WITHDRAWN, DECLINED,
 *     OFFBOARDED), counted by that terminal stage and by the stage they left from.
 *
 * Time in stage
 *   - A stay starts at the transition into a stage and ends at the next transition of the same
 *     application. Durations are in days.
 *   - Ongoing stays (the application is still in that stage) are right-censored: they are NOT in
 *     the percentiles, and are reported separately as `ongoing`. So medians describe completed
 *     stays only and understate waiting time where many people are still waiting.
 *   - Percentiles use linear interpolation between closest ranks (like NumPy's default and
 *     spreadsheet PERCENTILE.INC).
 *
 * Fairness: see `fairnessReport` below.
 */
import { PIPELINE_STAGES, type Stage, TERMINAL_STAGES, isTerminal, stageLabel } from "./onboarding";
import { DEMOGRAPHIC_FIELDS } from "./profile";

export const DAY_MS = 86_400_000;

export type Origin = "APPLIED" | "INVITED" | "RECOMMENDED";

export interface TransitionRecord {
  fromStage: Stage | null;
  toStage: Stage;
  at: Date;
  reason?: string | null;
}

export interface ApplicationHistory {
  origin: Origin;
  /** Current stage. */
  stage: Stage;
  createdAt: Date;
  /** Last reason stored on the application (fallback when the transition has none). */
  lastReason?: string | null;
  transitions: readonly TransitionRecord[];
}

// ---------------------------------------------------------------------------
// Small numeric helpers
// ---------------------------------------------------------------------------

/**
 * The q-quantile (0..1) of already sorted values by linear interpolation between closest ranks.
 * null for an empty list.
 */
export function quantileSorted(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  if (q <= 0) return sorted[0];
  if (q >= 1) return sorted[sorted.length - 1];
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

export function quantile(values: readonly number[], q: number): number | null {
  return quantileSorted([...values].sort((a, b) => a - b), q);
}

export function median(values: readonly number[]): number | null {
  return quantile(values, 0.5);
}

/** Rounds for display and CSV (2 decimals by default). */
export function round(value: number, decimals = 2): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

/** Transitions in time order; equal timestamps keep their original order. */
export function sortedTransitions(transitions: readonly TransitionRecord[]): TransitionRecord[] {
  return transitions
    .map((t, i) => ({ t, i }))
    .sort((a, b) => a.t.at.getTime() - b.t.at.getTime() || a.i - b.i)
    .map((x) => x.t);
}

/** Position of a stage on the pipeline (INVITED counts as the entry step); -1 for terminal stages. */
export function pipelineIndex(stage: Stage): number {
  if (stage === "INVITED") return 0;
  return PIPELINE_STAGES.indexOf(stage);
}

// ---------------------------------------------------------------------------
// Funnel
// ---------------------------------------------------------------------------

export interface FunnelStep {
  stage: Stage;
  label: string;
  /** Entered this step or any later pipeline step. */
  reached: number;
  /** Really passed through this stage (differs from `reached` for skipped stages). */
  entered: number;
  /** reached / reached of the previous step (0..1); null for the first step or an empty previous step. */
  conversion: number | null;
  /** Currently in this stage. */
  current: number;
  /** Ended in a terminal stage after leaving from this step. */
  droppedHere: number;
}

export interface DropOut {
  /** WITHDRAWN | DECLINED | OFFBOARDED */
  stage: Stage;
  /** The stage they left from; null when the history does not say. */
  from: Stage | null;
  count: number;
}

export interface ReasonCount {
  stage: Stage;
  reason: string;
  count: number;
}

export interface FunnelReport {
  total: number;
  entries: Record<Origin, number>;
  steps: FunnelStep[];
  /** Sorted by terminal stage, then by the pipeline position of `from`. */
  dropOuts: DropOut[];
  dropOutTotals: { stage: Stage; label: string; count: number }[];
  /** Drop-outs whose terminal transition had no reason. */
  withoutReason: number;
  topReasons: ReasonCount[];
}

function cleanReason(reason: string | null | undefined): string | null {
  if (typeof reason !== "string") return null;
  const r = reason.replace(/\s+/g, " ").trim();
  return r ? r : null;
}

/** Where an application ended and why, when it is in a terminal stage. */
export function terminalExit(app: ApplicationHistory): { stage: Stage; from: Stage | null; reason: string | null } | null {
  if (!isTerminal(app.stage)) return null;
  const ts = sortedTransitions(app.transitions);
  let idx = -1;
  for (let i = ts.length - 1; i >= 0; i--) {
    if (ts[i].toStage === app.stage) {
      idx = i;
      break;
    }
  }
  if (idx < 0) return { stage: app.stage, from: null, reason: cleanReason(app.lastReason) };
  const t = ts[idx];
  const from = t.fromStage ?? (idx > 0 ? ts[idx - 1].toStage : null);
  return { stage: app.stage, from, reason: cleanReason(t.reason) ?? cleanReason(app.lastReason) };
}

export function funnel(apps: readonly ApplicationHistory[], opts: { reasonLimit?: number } = {}): FunnelReport {
  const n = PIPELINE_STAGES.length;
  const reached = new Array<number>(n).fill(0);
  const entered = new Array<number>(n).fill(0);
  const current = new Array<number>(n).fill(0);
  const dropped = new Array<number>(n).fill(0);
  const entries: Record<Origin, number> = { APPLIED: 0, INVITED: 0, RECOMMENDED: 0 };
  const drops = new Map<string, DropOut>();
  const reasons = new Map<string, ReasonCount>();
  let withoutReason = 0;

  for (const app of apps) {
    entries[app.origin] = (entries[app.origin] ?? 0) + 1;
    const visited = new Set<Stage>(app.transitions.map((t) => t.toStage));
    visited.add(app.stage);
    let furthest = 0; // every application is at least on the entry step
    const seen = new Set<number>([0]);
    for (const s of visited) {
      const i = pipelineIndex(s);
      if (i < 0) continue;
      seen.add(i);
      if (i > furthest) furthest = i;
    }
    for (let i = 0; i <= furthest; i++) reached[i]++;
    for (const i of seen) entered[i]++;
    const ci = pipelineIndex(app.stage);
    if (ci >= 0) current[ci]++;

    const exit = terminalExit(app);
    if (exit) {
      const key = `${exit.stage}|${exit.from ?? ""}`;
      const d = drops.get(key) ?? { stage: exit.stage, from: exit.from, count: 0 };
      d.count++;
      drops.set(key, d);
      const fi = exit.from ? pipelineIndex(exit.from) : -1;
      if (fi >= 0) dropped[fi]++;
      if (exit.reason) {
        const rk = `${exit.stage}|${exit.reason.toLowerCase()}`;
        const r = reasons.get(rk) ?? { stage: exit.stage, reason: exit.reason, count: 0 };
        r.count++;
        reasons.set(rk, r);
      } else {
        withoutReason++;
      }
    }
  }

  const steps: FunnelStep[] = PIPELINE_STAGES.map((stage, i) => ({
    stage,
    label: i === 0 ? "Applied or invited" : stageLabel(stage),
    reached: reached[i],
    entered: entered[i],
    conversion: i === 0 || reached[i - 1] === 0 ? null : reached[i] / reached[i - 1],
    current: current[i],
    droppedHere: dropped[i],
  }));

  const order = (s: Stage | null) => (s === null ? 99 : s === "INVITED" ? -0.5 : pipelineIndex(s));
  const dropOuts = [...drops.values()].sort(
    (a, b) => TERMINAL_STAGES.indexOf(a.stage) - TERMINAL_STAGES.indexOf(b.stage) || order(a.from) - order(b.from),
  );
  const dropOutTotals = TERMINAL_STAGES.map((stage) => ({
    stage,
    label: stageLabel(stage),
    count: dropOuts.filter((d) => d.stage === stage).reduce((sum, d) => sum + d.count, 0),
  }));
  const topReasons = [...reasons.values()]
    .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason))
    .slice(0, opts.reasonLimit ?? 10);

  return { total: apps.length, entries, steps, dropOuts, dropOutTotals, withoutReason, topReasons };
}

// ---------------------------------------------------------------------------
// Time in stage
// ---------------------------------------------------------------------------

/** Stages someone can wait in (everything but the terminal stages), in display order. */
export const STAY_STAGES: readonly Stage[] = [
  "APPLIED",
  "INVITED",
  "SHORTLISTED",
  "SCREENING",
  "OFFERED",
  "CONTRACTING",
  "PAYMENT_SETUP",
  "TRAINING",
  "ACTIVE",
];

export interface StageDuration {
  stage: Stage;
  label: string;
  /** Completed stays measured. */
  n: number;
  /** Stays still in progress (censored, not in the percentiles). */
  ongoing: number;
  min: number | null;
  p25: number | null;
  median: number | null;
  p75: number | null;
  max: number | null;
}

/** Completed stays per stage, in days. */
export function stageStays(apps: readonly ApplicationHistory[]): { durations: Map<Stage, number[]>; ongoing: Map<Stage, number> } {
  const durations = new Map<Stage, number[]>();
  const ongoing = new Map<Stage, number>();
  for (const app of apps) {
    const ts = sortedTransitions(app.transitions);
    for (let i = 0; i < ts.length; i++) {
      const stage = ts[i].toStage;
      if (isTerminal(stage)) continue;
      if (i === ts.length - 1) {
        ongoing.set(stage, (ongoing.get(stage) ?? 0) + 1);
        continue;
      }
      const days = Math.max(0, ts[i + 1].at.getTime() - ts[i].at.getTime()) / DAY_MS;
      const list = durations.get(stage) ?? [];
      list.push(days);
      durations.set(stage, list);
    }
  }
  return { durations, ongoing };
}

export function timeInStage(apps: readonly ApplicationHistory[]): StageDuration[] {
  const { durations, ongoing } = stageStays(apps);
  return STAY_STAGES.map((stage) => {
    const sorted = [...(durations.get(stage) ?? [])].sort((a, b) => a - b);
    return {
      stage,
      label: stageLabel(stage),
      n: sorted.length,
      ongoing: ongoing.get(stage) ?? 0,
      min: sorted.length ? sorted[0] : null,
      p25: quantileSorted(sorted, 0.25),
      median: quantileSorted(sorted, 0.5),
      p75: quantileSorted(sorted, 0.75),
      max: sorted.length ? sorted[sorted.length - 1] : null,
    };
  });
}

// ---------------------------------------------------------------------------
// Applications over time
// ---------------------------------------------------------------------------

/** Monday 00:00 UTC of the ISO week containing `d`. */
export function weekStart(d: Date): Date {
  const day = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const dow = (day.getUTCDay() + 6) % 7; // Monday = 0
  return new Date(day.getTime() - dow * DAY_MS);
}

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

// ---------------------------------------------------------------------------
// Fairness audit
// ---------------------------------------------------------------------------

/**
 * Who is included: professionals who opted in to demographic reporting (Profile.demographicsOptIn).
 * Each person belongs to exactly one group per attribute: the answer they gave, or
 * "Not answered".
 *
 * Rates, per group:
 *   - selection: share of group members with at least one application that started as an
 *     invitation or a recommendation (origin INVITED or RECOMMENDED). Denominator: group size.
 *   - invitation: share of group members with at least one INVITED application. Denominator:
 *     group size.
 *   - completion: among group members with at least one application (applied, invited or
 *     recommended), the share with at least one application that reached ACTIVE.
 *
 * Selection-rate ratio: group rate / the highest rate among the shown (not suppressed) groups of
 * that attribute, leaving out "Prefer not to say" and "Not answered" as reference. A ratio below
 * 4/5 (0.8) is flagged (the four-fifths rule of thumb for adverse impact). It is a screening
 * signal, not proof of discrimination.
 *
 * Suppression (k, default 10), per attribute and per denominator (group size for selection and
 * invitation, applicant count for completion):
 *   1. any group whose denominator is below k is suppressed: no rate, no count, no ratio;
 *   2. complementary suppression: the total is public, so "total minus the shown groups" would
 *      reveal the suppressed groups together. If that combined size is between 1 and k-1, the
 *      smallest shown group is suppressed too, repeated until the hidden total is 0 or >= k.
 * Suppressed groups are still listed (marked suppressed), so no group disappears silently, and
 * they are never the reference. Every option of the questionnaire is listed, even when empty.
 */
export const FAIRNESS_K = 10;
export const FOUR_FIFTHS = 0.8;
export const NOT_ANSWERED = "Not answered";
const NON_DISCLOSURE = new Set(["Prefer not to say", NOT_ANSWERED]);

export type FairnessMetric = "selection" | "invitation" | "completion";
export const FAIRNESS_METRICS: readonly { key: FairnessMetric; label: string; denominator: string }[] = [
  { key: "selection", label: "Selected (invited or recommended)", denominator: "people in the group" },
  { key: "invitation", label: "Invited", denominator: "people in the group" },
  { key: "completion", label: "Reached Active", denominator: "people in the group who applied or were invited" },
];

export interface FairnessPerson {
  /** Profile.demographics (any shape; only the known keys are read). */
  demographics: unknown;
  /** Applications in scope, any origin. */
  applications: number;
  /** At least one application with origin INVITED or RECOMMENDED. */
  selected: boolean;
  /** At least one application with origin INVITED. */
  invited: boolean;
  /** At least one application that reached ACTIVE. */
  completed: boolean;
}

export type FairnessCell =
  | {
      suppressed: false;
      denominator: number;
      count: number;
      rate: number;
      /** rate / reference rate; null when there is no reference or it is 0. */
      ratio: number | null;
      flagged: boolean;
      isReference: boolean;
    }
  | { suppressed: true; why: "small-group" | "complementary" };

export interface FairnessGroup {
  group: string;
  /** "Prefer not to say" / "Not answered": shown, but never the reference. */
  nonDisclosure: boolean;
  cells: Record<FairnessMetric, FairnessCell>;
}

export interface FairnessAttribute {
  key: string;
  label: string;
  groups: FairnessGroup[];
  reference: Record<FairnessMetric, { group: string; rate: number } | null>;
  flagged: number;
}

export interface FairnessReport {
  k: number;
  threshold: number;
  /** Opted-in people included; null when fewer than k (then every group is suppressed anyway). */
  included: number | null;
  attributes: FairnessAttribute[];
}

function demographicValue(demographics: unknown, key: string): string {
  if (!demographics || typeof demographics !== "object" || Array.isArray(demographics)) return NOT_ANSWERED;
  const v = (demographics as Record<string, unknown>)[key];
  if (typeof v !== "string" || !v.trim()) return NOT_ANSWERED;
  return v.trim();
}

/**
 * Which groups to hide, given each group's denominator: primary (< k) and complementary
 * suppression (see above). Returns the reason per suppressed group.
 */
export function suppressGroups(
  sizes: readonly { group: string; size: number }[],
  k: number,
): Map<string, "small-group" | "complementary"> {
  const hidden = new Map<string, "small-group" | "complementary">();
  for (const s of sizes) if (s.size < k) hidden.set(s.group, "small-group");
  for (;;) {
    const hiddenTotal = sizes.filter((s) => hidden.has(s.group)).reduce((sum, s) => sum + s.size, 0);
    if (hiddenTotal === 0 || hiddenTotal >= k) break;
    const candidates = sizes
      .filter((s) => !hidden.has(s.group))
      .sort((a, b) => a.size - b.size || a.group.localeCompare(b.group));
    if (candidates.length === 0) break;
    hidden.set(candidates[0].group, "complementary");
  }
  return hidden;
}

export function fairnessReport(people: readonly FairnessPerson[], opts: { k?: number } = {}): FairnessReport {
  const k = Math.max(1, opts.k ?? FAIRNESS_K);
  const attributes: FairnessAttribute[] = DEMOGRAPHIC_FIELDS.map((field) => {
    // Every questionnaire option, then anything unexpected found in the data, then "Not answered".
    const values = new Map<string, FairnessPerson[]>();
    for (const o of field.options) values.set(o, []);
    const extra = new Set<string>();
    for (const p of people) {
      const v = demographicValue(p.demographics, field.key);
      if (!values.has(v)) {
        values.set(v, []);
        if (v !== NOT_ANSWERED) extra.add(v);
      }
      values.get(v)!.push(p);
    }
    if (!values.has(NOT_ANSWERED)) values.set(NOT_ANSWERED, []);
    const order = [...(field.options as readonly string[]), ...[...extra].sort(), NOT_ANSWERED];
    const members = order.map((group) => ({ group, people: values.get(group) ?? [] }));

    const sizeHidden = suppressGroups(
      members.map((m) => ({ group: m.group, size: m.people.length })),
      k,
    );
    const applicantHidden = suppressGroups(
      members.map((m) => ({ group: m.group, size: m.people.filter((p) => p.applications > 0).length })),
      k,
    );

    type Raw = { count: number; denominator: number } | { hidden: "small-group" | "complementary" };
    const raw = (group: string, metric: FairnessMetric, list: FairnessPerson[]): Raw => {
      const hiddenWhy = metric === "completion" ? applicantHidden.get(group) : sizeHidden.get(group);
      if (hiddenWhy) return { hidden: hiddenWhy };
      if (metric === "selection") return { count: list.filter((p) => p.selected).length, denominator: list.length };
      if (metric === "invitation") return { count: list.filter((p) => p.invited).length, denominator: list.length };
      const applicants = list.filter((p) => p.applications > 0);
      return { count: applicants.filter((p) => p.completed).length, denominator: applicants.length };
    };

    const raws = members.map((m) => ({
      group: m.group,
      nonDisclosure: NON_DISCLOSURE.has(m.group),
      metrics: Object.fromEntries(FAIRNESS_METRICS.map((f) => [f.key, raw(m.group, f.key, m.people)])) as Record<FairnessMetric, Raw>,
    }));

    const reference = {} as Record<FairnessMetric, { group: string; rate: number; count: number; denominator: number } | null>;
    for (const { key } of FAIRNESS_METRICS) {
      let best: { group: string; rate: number; count: number; denominator: number } | null = null;
      for (const r of raws) {
        const m = r.metrics[key];
        if (r.nonDisclosure || "hidden" in m || m.denominator === 0) continue;
        // Compare count/denominator exactly (cross-multiplication, no floating point).
        if (!best || m.count * best.denominator > best.count * m.denominator) {
          best = { group: r.group, rate: m.count / m.denominator, count: m.count, denominator: m.denominator };
        }
      }
      reference[key] = best;
    }

    let flagged = 0;
    const groups: FairnessGroup[] = raws.map((r) => {
      const cells = {} as Record<FairnessMetric, FairnessCell>;
      for (const { key } of FAIRNESS_METRICS) {
        const m = r.metrics[key];
        if ("hidden" in m) {
          cells[key] = { suppressed: true, why: m.hidden };
          continue;
        }
        const ref = reference[key];
        const rate = m.denominator ? m.count / m.denominator : 0;
        const usable = ref !== null && ref.count > 0 && m.denominator > 0;
        // ratio < 4/5  <=>  5 * count * refDen < 4 * refCount * den (exact in integers)
        const isFlagged = usable && 5 * m.count * ref.denominator < 4 * ref.count * m.denominator;
        if (isFlagged) flagged++;
        cells[key] = {
          suppressed: false,
          denominator: m.denominator,
          count: m.count,
          rate,
          ratio: usable ? rate / ref.rate : null,
          flagged: isFlagged,
          isReference: usable && m.count * ref.denominator === ref.count * m.denominator && !r.nonDisclosure,
        };
      }
      return { group: r.group, nonDisclosure: r.nonDisclosure, cells };
    });

    return {
      key: field.key,
      label: field.label,
      groups,
      reference: Object.fromEntries(
        FAIRNESS_METRICS.map((f) => [f.key, reference[f.key] ? { group: reference[f.key]!.group, rate: reference[f.key]!.rate } : null]),
      ) as Record<FairnessMetric, { group: string; rate: number } | null>,
      flagged,
    };
  });
  return { k, threshold: FOUR_FIFTHS, included: people.length >= k ? people.length : null, attributes };
}
