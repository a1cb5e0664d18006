/**
 * The onboarding funnel and time in stage.
 *
 * Definitions (shown to users on /insights, keep them in sync):
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
 */
import { DAY_MS } from "~/domain/dates";
import { PIPELINE_STAGES, type Stage, TERMINAL_STAGES, isTerminal, stageLabel } from "~/domain/onboarding";
import { type ApplicationHistory, type Origin, pipelineIndex, quantileSorted, sortedTransitions } from "./history";

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
