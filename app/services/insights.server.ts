/**
 * Loads the data behind /insights and /insights/fairness and decides which scope a user may see.
 *
 * Scopes: "all" (every lab), "lab:<id>", "gig:<id>". Coordinators and admins may see any scope;
 * lab members only their own lab and its gigs (asking for "all" gives them their lab). Nobody
 * else sees insights at all. Fairness numbers are for coordinators and admins only; they are
 * aggregated and suppressed in app/domain/insights/fairness.ts and never carry a person's answers.
 *
 * Queries are set-based (no per-application round trips): two narrow selects for the histories,
 * one aggregate SQL statement per person for fairness, and relation filters for the heat map.
 */
import { db } from "~/db.server";
import { DAY_MS } from "~/domain/dates";
import {
  type ActivePlacement,
  type ApplicationHistory,
  type FairnessPerson,
  type FairnessReport,
  type FunnelReport,
  type Origin,
  type StageDuration,
  type TransferMatrix,
  type WeekCount,
  FAIRNESS_K,
  fairnessReport,
  funnel,
  timeInStage,
  transferMatrix,
  weeklyCounts,
} from "~/domain/insights";
import type { Stage } from "~/domain/onboarding";
import { Prisma } from "~/generated/prisma/client";
import { notFound } from "~/http.server";
import { deny, isStaff } from "~/permissions.server";
import type { SessionUser } from "~/session.server";

export type InsightScope =
  | { kind: "all"; param: "all"; name: string }
  | { kind: "lab"; param: string; name: string; labId: string }
  | { kind: "gig"; param: string; name: string; labId: string; gigId: string; labName: string };

/** Who may open /insights at all. */
export function canSeeInsights(user: SessionUser) {
  return isStaff(user) || (user.role === "LAB_MEMBER" && Boolean(user.labId));
}

const ID_RE = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Turns the `scope` query parameter into a scope this user may see. Throws 403 for scopes
 * outside the user's lab and 404 for unknown labs or gigs.
 */
export async function resolveScope(user: SessionUser, raw: string | null | undefined): Promise<InsightScope> {
  if (!canSeeInsights(user)) deny();
  const staff = isStaff(user);
  const value = (raw ?? "").trim();
  const [kind, id] = value.includes(":") ? [value.slice(0, value.indexOf(":")), value.slice(value.indexOf(":") + 1)] : [value, ""];
  if ((kind === "lab" || kind === "gig") && !ID_RE.test(id)) throw notFound("No such lab or gig.");

  if (kind === "gig") {
    const gig = await db().gig.findUnique({
      where: { id },
      select: { id: true, title: true, labId: true, lab: { select: { name: true } } },
    });
    if (!gig) throw notFound("No such gig.");
    if (!staff && gig.labId !== user.labId) deny("You can only see insights for your own lab's gigs.");
    return { kind: "gig", param: `gig:${gig.id}`, name: gig.title, labId: gig.labId, gigId: gig.id, labName: gig.lab.name };
  }
  const labId = kind === "lab" ? id : staff ? null : user.labId;
  if (labId) {
    if (!staff && labId !== user.labId) deny("You can only see insights for your own lab.");
    const lab = await db().lab.findUnique({ where: { id: labId }, select: { id: true, name: true } });
    if (!lab) throw notFound("No such lab.");
    return { kind: "lab", param: `lab:${lab.id}`, name: lab.name, labId: lab.id };
  }
  return { kind: "all", param: "all", name: "All labs" };
}

function applicationWhere(scope: InsightScope): Prisma.ApplicationWhereInput {
  if (scope.kind === "gig") return { gigId: scope.gigId };
  if (scope.kind === "lab") return { gig: { labId: scope.labId } };
  return {};
}

function scopeFilterSql(scope: InsightScope) {
  if (scope.kind === "gig") return Prisma.sql`a."gigId" = ${scope.gigId}`;
  if (scope.kind === "lab") return Prisma.sql`a."gigId" IN (SELECT g.id FROM "Gig" g WHERE g."labId" = ${scope.labId})`;
  return Prisma.sql`TRUE`;
}

type HistoryRow = {
  origin: string;
  stage: string;
  created: number;
  lastReason: string | null;
  /** [fromStage, toStage, at (epoch ms), reason][] in time order, or null without transitions. */
  ts: [string | null, string, number, string | null][] | string | null;
};

/**
 * Every application in scope with its stage history: one statement, one row per application
 * with its transitions as a compact JSON array (about 10x less work than one object per
 * transition at 30k applications).
 */
export async function loadHistories(scope: InsightScope): Promise<ApplicationHistory[]> {
  const rows = await db().$queryRaw<HistoryRow[]>(Prisma.sql`
    SELECT a.origin::text AS origin,
           a.stage::text AS stage,
           (extract(epoch FROM a."createdAt") * 1000)::float8 AS created,
           a."lastReason" AS "lastReason",
           (SELECT json_agg(json_build_array(t."fromStage", t."toStage", (extract(epoch FROM t.at) * 1000)::float8, t.reason) ORDER BY t.at)
              FROM "StageTransition" t WHERE t."applicationId" = a.id) AS ts
    FROM "Application" a
    WHERE ${scopeFilterSql(scope)}`);
  return rows.map((r) => {
    const ts = typeof r.ts === "string" ? (JSON.parse(r.ts) as Exclude<HistoryRow["ts"], string>) : r.ts;
    return {
      origin: r.origin as Origin,
      stage: r.stage as Stage,
      createdAt: new Date(Number(r.created)),
      lastReason: r.lastReason,
      transitions: (ts ?? []).map(([from, to, at, reason]) => ({
        fromStage: from as Stage | null,
        toStage: to as Stage,
        at: new Date(Number(at)),
        reason,
      })),
    };
  });
}

/** ACTIVE applications in scope: the gig's task types x the person's credit roles and formats. */
export async function loadActivePlacements(scope: InsightScope): Promise<ActivePlacement[]> {
  const where: Prisma.ApplicationWhereInput = { ...applicationWhere(scope), stage: "ACTIVE" };
  const [active, credits] = await Promise.all([
    db().application.findMany({ where, select: { profileId: true, gig: { select: { taskTypes: true } } } }),
    db().credit.findMany({
      where: { profile: { applications: { some: where } } },
      select: { profileId: true, role: true, format: true },
      distinct: ["profileId", "role", "format"],
    }),
  ]);
  const byProfile = new Map<string, { roles: Set<string>; formats: Set<string> }>();
  for (const c of credits) {
    let entry = byProfile.get(c.profileId);
    if (!entry) {
      entry = { roles: new Set(), formats: new Set() };
      byProfile.set(c.profileId, entry);
    }
    entry.roles.add(c.role);
    entry.formats.add(c.format);
  }
  return active.map((a) => {
    const p = byProfile.get(a.profileId);
    return { taskTypes: a.gig.taskTypes, roles: p ? [...p.roles] : [], formats: p ? [...p.formats] : [] };
  });
}

export interface InsightsData {
  funnel: FunnelReport;
  timeInStage: StageDuration[];
  weekly: WeekCount[] | null;
  transfer: TransferMatrix | null;
}

/**
 * Funnel and time in stage for everyone allowed on /insights; applications over time and the
 * transfer heat map only when asked (the page asks for them for coordinators and admins).
 */
export async function loadInsights(
  scope: InsightScope,
  opts: { weekly?: boolean; transfer?: "role" | "format" | null; now?: Date } = {},
): Promise<InsightsData> {
  const [histories, placements] = await Promise.all([
    loadHistories(scope),
    opts.transfer ? loadActivePlacements(scope) : Promise.resolve(null),
  ]);
  const now = opts.now ?? new Date();
  let weekly: WeekCount[] | null = null;
  if (opts.weekly) {
    const dates = histories.map((h) => h.createdAt);
    const earliest = dates.reduce((m, d) => Math.min(m, d.getTime()), now.getTime());
    const from = new Date(Math.max(earliest, now.getTime() - 52 * 7 * DAY_MS));
    weekly = weeklyCounts(dates, { from, to: now, maxWeeks: 52 });
  }
  return {
    funnel: funnel(histories),
    timeInStage: timeInStage(histories),
    weekly,
    transfer: placements && opts.transfer ? transferMatrix(placements, opts.transfer) : null,
  };
}

interface FairnessRow {
  demographics: unknown;
  applications: number;
  selected: number;
  invited: number;
  completed: number;
}

/**
 * One row per opted-in professional (everyone who opted in, whatever the scope), with counts of
 * their applications in scope. Only the aggregate report leaves this function.
 */
export async function loadFairness(scope: InsightScope, k = FAIRNESS_K): Promise<FairnessReport & { professionals: number }> {
  const [rows, professionals] = await Promise.all([
    db().$queryRaw<FairnessRow[]>(Prisma.sql`
      SELECT p.demographics AS demographics,
             COUNT(a.id)::int AS applications,
             (COUNT(a.id) FILTER (WHERE a.origin IN ('INVITED', 'RECOMMENDED')))::int AS selected,
             (COUNT(a.id) FILTER (WHERE a.origin = 'INVITED'))::int AS invited,
             (COUNT(a.id) FILTER (WHERE a.stage IN ('ACTIVE', 'OFFBOARDED')
                OR EXISTS (SELECT 1 FROM "StageTransition" t WHERE t."applicationId" = a.id AND t."toStage" = 'ACTIVE')))::int AS completed
      FROM "Profile" p
      LEFT JOIN "Application" a ON a."profileId" = p.id AND ${scopeFilterSql(scope)}
      WHERE p."demographicsOptIn" = true
      GROUP BY p.id
    `),
    db().profile.count(),
  ]);
  const people: FairnessPerson[] = rows.map((r) => ({
    demographics: r.demographics,
    applications: Number(r.applications),
    selected: Number(r.selected) > 0,
    invited: Number(r.invited) > 0,
    completed: Number(r.completed) > 0,
  }));
  return { ...fairnessReport(people, { k }), professionals };
}

export interface ScopeOption {
  value: string;
  label: string;
}

/** Scopes to offer in the picker: labs (staff) and gigs (of the chosen lab, or the most recent). */
export async function scopeOptions(user: SessionUser, scope: InsightScope): Promise<{ labs: ScopeOption[]; gigs: ScopeOption[] }> {
  if (!isStaff(user)) {
    const gigs = await db().gig.findMany({
      where: { labId: user.labId ?? "" },
      select: { id: true, title: true, status: true },
      orderBy: { createdAt: "desc" },
      take: 500,
    });
    return { labs: [], gigs: gigs.map((g) => ({ value: `gig:${g.id}`, label: `${g.title} (${g.status.toLowerCase()})` })) };
  }
  const labId = scope.kind === "all" ? null : scope.labId;
  const [labs, gigs] = await Promise.all([
    db().lab.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" }, take: 1000 }),
    db().gig.findMany({
      where: labId ? { labId } : {},
      select: { id: true, title: true, status: true, lab: { select: { name: true } } },
      orderBy: { createdAt: "desc" },
      take: labId ? 500 : 200,
    }),
  ]);
  return {
    labs: labs.map((l) => ({ value: `lab:${l.id}`, label: l.name })),
    gigs: gigs.map((g) => ({ value: `gig:${g.id}`, label: `${g.title} · ${g.lab.name} (${g.status.toLowerCase()})` })),
  };
}
