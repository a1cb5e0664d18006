/**
 * GET /insights/export.csv?scope=all|lab:<id>|gig:<id>[&report=funnel|fairness]
 *
 * The numbers behind /insights as one tidy CSV (one number per row): funnel steps, entries by
 * origin, drop-outs, top reasons and time in stage. Same access as /insights (lab members: their
 * own lab only). `report=fairness` exports the suppressed fairness table, coordinators and admins
 * only, with exactly what /insights/fairness shows.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { FAIRNESS_METRICS, type FairnessReport, type FunnelReport, type StageDuration, round } from "~/domain/insights";
import { stageLabel } from "~/domain/onboarding";
import { deny, isStaff } from "~/permissions.server";
import { type InsightScope, canSeeInsights, loadFairness, loadInsights, resolveScope } from "~/services/insights.server";
import { requireUser } from "~/session.server";

type Value = string | number | null | undefined;

/** One CSV field: quoted when needed; text that a spreadsheet would run as a formula is defused. */
function csvField(value: Value): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  let s = value;
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

function toCsv(rows: readonly Value[][]): string {
  return `${rows.map((r) => r.map(csvField).join(",")).join("\r\n")}\r\n`;
}

const num = (v: number | null) => (v === null ? null : round(v, 4));
const days = (v: number | null) => (v === null ? null : round(v, 2));

function funnelRows(scope: InsightScope, f: FunnelReport, stays: StageDuration[], generatedAt: Date): Value[][] {
  const rows: Value[][] = [["section", "stage", "stage_label", "from_stage", "detail", "metric", "value"]];
  rows.push(["meta", "", "", "", scope.name, "scope", scope.param]);
  rows.push(["meta", "", "", "", "", "generated_at", generatedAt.toISOString()]);
  rows.push(["meta", "", "", "", "", "applications", f.total]);
  for (const origin of ["APPLIED", "INVITED", "RECOMMENDED"] as const)
    rows.push(["entries", origin, "", "", "", "count", f.entries[origin]]);
  for (const s of f.steps) {
    rows.push(["funnel", s.stage, s.label, "", "", "reached", s.reached]);
    rows.push(["funnel", s.stage, s.label, "", "", "conversion_from_previous", num(s.conversion)]);
    rows.push(["funnel", s.stage, s.label, "", "", "entered", s.entered]);
    rows.push(["funnel", s.stage, s.label, "", "", "current", s.current]);
    rows.push(["funnel", s.stage, s.label, "", "", "dropped_here", s.droppedHere]);
  }
  for (const d of f.dropOuts) rows.push(["dropout", d.stage, stageLabel(d.stage), d.from ?? "", "", "count", d.count]);
  for (const r of f.topReasons) rows.push(["reason", r.stage, stageLabel(r.stage), "", r.reason, "count", r.count]);
  rows.push(["reason", "", "", "", "", "without_reason", f.withoutReason]);
  for (const s of stays) {
    rows.push(["time_in_stage", s.stage, s.label, "", "", "completed_stays", s.n]);
    rows.push(["time_in_stage", s.stage, s.label, "", "", "ongoing_stays", s.ongoing]);
    rows.push(["time_in_stage", s.stage, s.label, "", "", "min_days", days(s.min)]);
    rows.push(["time_in_stage", s.stage, s.label, "", "", "p25_days", days(s.p25)]);
    rows.push(["time_in_stage", s.stage, s.label, "", "", "median_days", days(s.median)]);
    rows.push(["time_in_stage", s.stage, s.label, "", "", "p75_days", days(s.p75)]);
    rows.push(["time_in_stage", s.stage, s.label, "", "", "max_days", days(s.max)]);
  }
  return rows;
}

function fairnessRows(scope: InsightScope, report: FairnessReport, generatedAt: Date): Value[][] {
  const rows: Value[][] = [
    ["attribute", "group", "metric", "status", "count", "denominator", "rate", "ratio", "reference", "below_four_fifths"],
    ["meta", "scope", scope.param, scope.name, "", "", "", "", "", ""],
    ["meta", "generated_at", generatedAt.toISOString(), "", "", "", "", "", "", ""],
    ["meta", "k", "", "", report.k, "", "", "", "", ""],
    ["meta", "included", "", report.included === null ? "suppressed" : "shown", report.included, "", "", "", "", ""],
  ];
  for (const a of report.attributes) {
    for (const g of a.groups) {
      for (const m of FAIRNESS_METRICS) {
        const c = g.cells[m.key];
        if (c.suppressed) rows.push([a.key, g.group, m.key, `suppressed_${c.why.replace("-", "_")}`, "", "", "", "", "", ""]);
        else
          rows.push([
            a.key,
            g.group,
            m.key,
            "shown",
            c.count,
            c.denominator,
            num(c.rate),
            num(c.ratio),
            c.isReference ? "yes" : "no",
            c.flagged ? "yes" : "no",
          ]);
      }
    }
  }
  return rows;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  if (!canSeeInsights(user)) deny();
  const url = new URL(request.url);
  const report = url.searchParams.get("report") ?? "funnel";
  if (report !== "funnel" && report !== "fairness") throw Response.json({ message: "Unknown report." }, { status: 400 });
  if (report === "fairness" && !isStaff(user)) deny();
  const scope = await resolveScope(user, url.searchParams.get("scope"));
  const now = new Date();
  let body: string;
  if (report === "fairness") {
    body = toCsv(fairnessRows(scope, await loadFairness(scope), now));
  } else {
    const data = await loadInsights(scope, { now });
    body = toCsv(funnelRows(scope, data.funnel, data.timeInStage, now));
  }
  const name = `insights-${report}-${scope.param.replace(/[^A-Za-z0-9_-]/g, "-")}-${now.toISOString().slice(0, 10)}.csv`;
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
