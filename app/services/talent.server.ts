/**
 * Inviting people from talent search: which gigs the viewer may invite to, and where each person
 * in the results already stands on the chosen gig. The invitation itself is `inviteToGig`
 * (app/services/applications.server.ts), which re-checks every permission.
 */
import { db } from "~/db.server";
import type { Stage } from "~/domain/onboarding";
import { isStaff } from "~/permissions.server";
import type { SessionUser } from "~/session.server";

export interface InviteGig {
  id: string;
  title: string;
  labName: string;
}

/** How many open gigs a coordinator's picker offers besides the ones they are responsible for. */
const STAFF_RECENT_GIGS = 50;

/**
 * The gigs the viewer can invite to from talent search: a lab member's own lab's open gigs; for
 * coordinators, the open gigs they are responsible for, then the most recently published ones.
 * `chosen` (from the URL) is kept when the viewer may invite to it, else dropped.
 */
export async function inviteTargets(
  viewer: SessionUser,
  chosen: string | undefined,
): Promise<{ gigs: InviteGig[]; chosen: InviteGig | null }> {
  const select = { id: true, title: true, lab: { select: { name: true } } } as const;
  let rows: { id: string; title: string; lab: { name: string } }[] = [];
  if (viewer.role === "LAB_MEMBER" && viewer.labId) {
    rows = await db().gig.findMany({
      where: { labId: viewer.labId, status: "OPEN" },
      select,
      orderBy: [{ publishedAt: "desc" }, { id: "asc" }],
      take: 200,
    });
  } else if (isStaff(viewer)) {
    const mine = await db().gig.findMany({
      where: { coordinatorId: viewer.id, status: "OPEN" },
      select,
      orderBy: [{ publishedAt: "desc" }, { id: "asc" }],
      take: 200,
    });
    const recent = await db().gig.findMany({
      where: { status: "OPEN", id: { notIn: mine.map((g) => g.id) } },
      select,
      orderBy: [{ publishedAt: "desc" }, { id: "asc" }],
      take: STAFF_RECENT_GIGS,
    });
    rows = [...mine, ...recent];
    if (chosen && !rows.some((g) => g.id === chosen)) {
      const extra = await db().gig.findFirst({ where: { id: chosen, status: "OPEN" }, select });
      if (extra) rows.push(extra);
    }
  }
  const gigs = rows.map((g) => ({ id: g.id, title: g.title, labName: g.lab.name }));
  return { gigs, chosen: gigs.find((g) => g.id === chosen) ?? null };
}

/** profileId -> current stage on the gig, for the people shown. */
export async function stagesOnGig(gigId: string, profileIds: string[]): Promise<Record<string, Stage>> {
  if (profileIds.length === 0) return {};
  const apps = await db().application.findMany({
    where: { gigId, profileId: { in: profileIds } },
    select: { profileId: true, stage: true },
  });
  return Object.fromEntries(apps.map((a) => [a.profileId, a.stage as Stage]));
}
