/** What the home pages read: the landing page's counts, the coordinators' dashboard, the professional's dashboard. */
import { db } from "~/db.server";
import { gigSummary } from "~/domain/gigs";
import { labLogoUrl } from "~/domain/lab-profile";
import { type SlaTable, resolveSlaTable } from "~/domain/onboarding";
import type { Prisma } from "~/generated/prisma/client";
import type { ApplicationOrigin, Stage } from "~/generated/prisma/enums";
import { rows, sql } from "~/sql.server";
import type { gigsForPerson } from "./matching.server";
import { VIEWER_PERSON_JSON, type ViewerPerson, type ViewerPersonRow, viewerPersonOf } from "./people.server";

/** The landing page's numbers. */
export async function landingCounts() {
  const [professionals, labs, openGigs] = await Promise.all([
    db().profile.count(),
    db().lab.count(),
    db().gig.count({ where: { status: "OPEN" } }),
  ]);
  return { professionals, labs, openGigs };
}

/** Open and paused gigs, newest first (100), with their lab and application count. */
export function liveGigsForStaff() {
  return db().gig.findMany({
    where: { status: { in: ["OPEN", "PAUSED"] } },
    include: { lab: { select: { name: true } }, _count: { select: { applications: true } } },
    orderBy: { publishedAt: "desc" },
    take: 100,
  });
}

/** Applications still in onboarding (not active or ended), for the overdue list. */
export function applicationsInOnboarding() {
  return db().application.findMany({
    where: { stage: { notIn: ["ACTIVE", "WITHDRAWN", "DECLINED", "OFFBOARDED"] } },
    select: {
      id: true,
      stage: true,
      stageEnteredAt: true,
      slaNudgedStageAt: true,
      slaNudgedAt: true,
      gigId: true,
      gig: { select: { title: true } },
      profile: { select: { displayName: true } },
    },
  });
}

/** Review requests waiting for a coordinator, oldest first. */
export function openAppeals() {
  return db().appeal.findMany({
    where: { status: "OPEN" },
    include: { application: { include: { gig: { select: { title: true, id: true } }, profile: { select: { displayName: true } } } } },
    orderBy: { createdAt: "asc" },
  });
}

/** The professional's applications, most recently changed first: only what the dashboard shows (docs/perf/data.md). */
export async function applicationsOfProfile(profileId: string): Promise<ProfileApplication[]> {
  // One statement (Prisma's nested select sent three: Application, Gig, Lab; decision 0029), on the
  // bare pg pool (decision 0034). Same rows and shape as before (tests/integration/hot-reads.test.ts);
  // ties on updatedAt by id.
  const found = await rows<ProfileApplicationRow>(sql`
    SELECT a.id, a."gigId", a.stage::text AS stage, a.checklist, a."stageEnteredAt", a.origin::text AS origin, a."lastReason",
           g.title, g."screeningRequired", g."ndaRequired", g."trainingModules", l.name AS "labName"
    FROM "Application" a
    JOIN "Gig" g ON g.id = a."gigId"
    JOIN "Lab" l ON l.id = g."labId"
    WHERE a."profileId" = ${profileId}
    ORDER BY a."updatedAt" DESC, a.id ASC`);
  return found.map(profileApplicationOf);
}

/** Whether the user has signed in before (false right after sign-up: a welcome, not a welcome back). */
export async function hasSignedInBefore(userId: string): Promise<boolean> {
  // On the bare pg pool (decision 0034); the same answer as Prisma's findFirst (tests/integration/dashboard-reads.test.ts).
  const found = await rows(sql`
    SELECT 1 FROM "Event" WHERE "entityType" = 'User' AND "entityId" = ${userId} AND action = 'auth.login' LIMIT 1`);
  return found.length > 0;
}

type ProfileApplicationRow = {
  id: string;
  gigId: string;
  stage: Stage;
  checklist: Prisma.JsonValue;
  stageEnteredAt: Date;
  origin: ApplicationOrigin;
  lastReason: string | null;
  title: string;
  screeningRequired: boolean;
  ndaRequired: boolean;
  trainingModules: string[];
  labName: string;
};

function profileApplicationOf({ title, screeningRequired, ndaRequired, trainingModules, labName, ...a }: ProfileApplicationRow) {
  return { ...a, gig: { title, screeningRequired, ndaRequired, trainingModules, lab: { name: labName } } };
}

export type ProfileApplication = ReturnType<typeof profileApplicationOf>;

/**
 * Everything the professional's dashboard reads besides the session and the recommendations, in ONE
 * statement (was four): the person (`loadViewerPerson`), their applications (`applicationsOfProfile`),
 * the SLA table (`currentSlaTable`) and whether they have signed in before (`hasSignedInBefore`).
 * Equal to the four (tests/integration/dashboard-reads.test.ts).
 */
export async function dashboardReads(
  profileId: string,
  userId: string,
): Promise<{ person: ViewerPerson | null; applications: ProfileApplication[]; sla: SlaTable; returning: boolean }> {
  const [found] = await rows<{
    person: ViewerPersonRow | null;
    apps: (Omit<ProfileApplicationRow, "stageEnteredAt"> & { stageEnteredAt: string })[];
    sla: { stage: string; days: number | null }[];
    returning: boolean;
  }>(sql`
    SELECT (SELECT ${VIEWER_PERSON_JSON}
              FROM "Profile" p WHERE p.id = ${profileId}) AS person,
           (SELECT coalesce(json_agg(json_build_object(
                     'id', a.id, 'gigId', a."gigId", 'stage', a.stage, 'checklist', a.checklist,
                     'stageEnteredAt', to_char(a."stageEnteredAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                     'origin', a.origin, 'lastReason', a."lastReason", 'title', g.title, 'screeningRequired', g."screeningRequired",
                     'ndaRequired', g."ndaRequired", 'trainingModules', g."trainingModules", 'labName', l.name)
                   ORDER BY a."updatedAt" DESC, a.id ASC), '[]'::json)
              FROM "Application" a JOIN "Gig" g ON g.id = a."gigId" JOIN "Lab" l ON l.id = g."labId"
              WHERE a."profileId" = ${profileId}) AS apps,
           (SELECT coalesce(json_agg(json_build_object('stage', s.stage::text, 'days', s.days)), '[]'::json) FROM "StageSla" s) AS sla,
           EXISTS (SELECT 1 FROM "Event" WHERE "entityType" = 'User' AND "entityId" = ${userId} AND action = 'auth.login') AS returning`);
  return {
    person: found.person ? viewerPersonOf(found.person) : null,
    applications: found.apps.map((a) => profileApplicationOf({ ...a, stageEnteredAt: new Date(a.stageEnteredAt) })),
    sla: resolveSlaTable(found.sla),
    returning: found.returning,
  };
}

/** One "Gigs for me" card as the dashboard's loader sends it. */
export function recommendationCard(r: Awaited<ReturnType<typeof gigsForPerson>>[number]) {
  return {
    ...gigSummary({ ...r.gig, lab: { name: r.gig.labName } }),
    labLogoUrl: labLogoUrl(r.gig.labSlug, r.gig.logoSha256),
    match: { score: r.match.score, reasons: r.match.reasons },
  };
}
