/** What every insight is computed from: application histories (origin, stage, transitions), and the numeric helpers they share. */
import { PIPELINE_STAGES, type Stage } from "~/domain/onboarding";

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
  return quantileSorted(
    [...values].sort((a, b) => a - b),
    q,
  );
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
