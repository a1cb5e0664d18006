/** What the home pages read: the landing page's counts, the coordinators' dashboard, the professional's dashboard. */
import { db } from "~/db.server";

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
export function applicationsOfProfile(profileId: string) {
  return db().application.findMany({
    where: { profileId },
    select: {
      id: true,
      gigId: true,
      stage: true,
      checklist: true,
      stageEnteredAt: true,
      origin: true,
      lastReason: true,
      gig: { select: { title: true, screeningRequired: true, ndaRequired: true, trainingModules: true, lab: { select: { name: true } } } },
    },
    orderBy: { updatedAt: "desc" },
  });
}

/** Whether the user has signed in before (false right after sign-up: a welcome, not a welcome back). */
export async function hasSignedInBefore(userId: string): Promise<boolean> {
  const e = await db().event.findFirst({ where: { entityType: "User", entityId: userId, action: "auth.login" }, select: { id: true } });
  return e != null;
}
