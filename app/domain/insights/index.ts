/**
 * Insight metrics. Pure: no I/O, no clock (callers pass `now` where it matters), inputs are never
 * mutated. Loading the data (and deciding who may see which scope) is app/services/insights.server.ts.
 * One module per concern; import from "~/domain/insights" (this index):
 *   history.ts          application histories (the input) and the numeric helpers (quantile, median, round)
 *   funnel.ts           the onboarding funnel and time in stage (with their definitions)
 *   over-time.ts        applications per ISO week
 *   transfer-matrix.ts  TV background x task type of ACTIVE applications
 *   fairness.ts         the fairness audit (with its definitions)
 */
export * from "./fairness";
export * from "./funnel";
export * from "./history";
export * from "./over-time";
export * from "./transfer-matrix";
