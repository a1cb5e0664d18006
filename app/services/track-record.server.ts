/**
 * A lab's track record (issue 22), loaded from recorded events only: changes against the terms
 * (GigTermChange), engagements (Engagement: active since, first paid work) and the lab's published
 * gigs (effective hourly rate including unpaid onboarding). The figures are decided in
 * app/domain/track-record.ts.
 */
import { db } from "~/db.server";
import { gigEffectiveHourly } from "~/domain/terms";
import { trackRecord } from "~/domain/track-record";

export async function labTrackRecord(labId: string, now = new Date()) {
  const [changes, engagements, gigs] = await Promise.all([
    db().gigTermChange.findMany({ where: { labId }, select: { withinPromise: true } }),
    db().$queryRaw<{ activeSince: Date; firstWorkDate: Date | null }[]>`
      SELECT e."activeSince", e."firstWorkDate" FROM "Engagement" e JOIN "Gig" g ON g.id = e."gigId" WHERE g."labId" = ${labId}`,
    db().gig.findMany({ where: { labId, publishedAt: { not: null } } }),
  ]);
  return trackRecord({
    changes,
    engagements,
    gigs: gigs.map((g) => {
      const rate = gigEffectiveHourly(g);
      return { effectiveHourlyCents: rate ? rate.amount : null, currency: rate?.currency ?? g.payCurrency };
    }),
    now,
  });
}

export type LabTrackRecord = Awaited<ReturnType<typeof labTrackRecord>>;
