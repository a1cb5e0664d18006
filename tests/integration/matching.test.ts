/**
 * gigCandidates loads people with one aggregate SQL query and ranks on a score-only path
 * (app/services/matching.server.ts, app/domain/matching.ts). Both are performance work; this
 * checks they give exactly what the straightforward version gives: whole profiles with credits
 * through Prisma, `toMatchPerson`, `scoreMatch` for everyone, sorted by the lab score (candidates
 * are what labs see, so they never depend on the private rate).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../app/db.server";
import { hardFilter, scoreMatch, withoutPrivateFields } from "../../app/domain/matching";
import { recallPeopleForGig } from "../../app/search/recall.server";
import { MATCH_LABELS, gigCandidates, loadCandidatePeople, toMatchGig } from "../../app/services/matching.server";
import { toMatchPerson } from "../../app/services/people.server";
import { seedIfEmpty } from "../../prisma/seed";
import { useFreshDatabase } from "../setup/db";

const url = await useFreshDatabase();

beforeAll(async () => {
  await seedIfEmpty(url, () => {});
}, 60_000);

const sorted = (xs: string[]) => [...xs].sort();

async function reference(gigId: string, viewerRole: string, limit: number) {
  const gig = (await db().gig.findUnique({ where: { id: gigId } }))!;
  const labVisibleOnly = viewerRole !== "COORDINATOR" && viewerRole !== "ADMIN";
  const ids = await recallPeopleForGig(gig, { limit: 400, labVisibleOnly });
  const profiles = await db().profile.findMany({ where: { id: { in: ids }, ...(labVisibleOnly ? { visibility: "LABS" as const } : {}) }, include: { credits: true } });
  const g = toMatchGig(gig);
  const ranked = profiles
    // Lab members' rankings treat the private minimum rate as unknown.
    .map((p) => ({ p, person: labVisibleOnly ? withoutPrivateFields(toMatchPerson(p)) : toMatchPerson(p) }))
    .filter((x) => hardFilter(x.person, g).pass)
    .map((x) => ({ ...x, match: scoreMatch(x.person, g, MATCH_LABELS) }))
    .sort((a, b) => b.match.labScore - a.match.labScore || (a.p.id < b.p.id ? -1 : 1))
    .slice(0, limit);
  const apps = await db().application.findMany({ where: { gigId }, select: { profileId: true, stage: true } });
  const stage = new Map(apps.map((a) => [a.profileId, a.stage as string]));
  return ranked.map((r) => ({
    profileId: r.p.id,
    displayName: r.p.displayName,
    headline: r.p.headline,
    score: r.match.labScore,
    reasons: r.match.sharedReasons,
    applicationStage: stage.get(r.p.id) ?? null,
  }));
}

describe("gigCandidates", () => {
  it("equals loading whole profiles, toMatchPerson and scoreMatch for everyone, for every gig and viewer", async () => {
    const gigs = await db().gig.findMany({ where: { status: { in: ["OPEN", "DRAFT"] } }, select: { id: true }, orderBy: { id: "asc" } });
    expect(gigs.length).toBeGreaterThan(10);
    let withApplications = 0;
    let compared = 0;
    for (const { id } of gigs) {
      for (const [viewerRole, limit] of [
        ["COORDINATOR", 50],
        ["LAB_MEMBER", 10],
        ["ADMIN", 1000],
      ] as const) {
        const got = await gigCandidates(id, { viewerRole, limit });
        const want = await reference(id, viewerRole, limit);
        expect(got).toEqual(want);
        compared += got.length;
        if (got.some((c) => c.applicationStage)) withApplications++;
      }
    }
    expect(compared).toBeGreaterThan(100);
    expect(withApplications).toBeGreaterThan(0);
  });

  it("loadCandidatePeople gives the same MatchPerson as toMatchPerson for every profile", async () => {
    const profiles = await db().profile.findMany({ include: { credits: true } });
    // edge cases: no credits, no availability date, an odd time zone, a credit without genres
    const bare = profiles.find((p) => p.credits.length > 0)!;
    await db().credit.updateMany({ where: { profileId: bare.id }, data: { genres: [] } });
    const lonely = profiles.find((p) => p.id !== bare.id)!;
    await db().credit.deleteMany({ where: { profileId: lonely.id } });
    await db().profile.update({ where: { id: lonely.id }, data: { availableFrom: null, timezone: "Asia/Kathmandu", hoursPerWeek: null, minRateCents: null } });

    const fresh = await db().profile.findMany({ include: { credits: true } });
    const gig = await db().gig.findFirst({ select: { id: true } });
    const loaded = await loadCandidatePeople(fresh.map((p) => p.id), { labVisibleOnly: false, gigId: gig!.id });
    expect(loaded).toHaveLength(fresh.length);
    const byId = new Map(loaded.map((p) => [p.id, p]));
    for (const p of fresh) {
      const want = toMatchPerson(p);
      const { displayName, headline, applicationStage, ...got } = byId.get(p.id)!;
      expect(displayName).toBe(p.displayName);
      expect(headline).toBe(p.headline);
      expect({ ...got, formats: sorted(got.formats), genres: sorted(got.genres) }).toEqual({ ...want, formats: sorted(want.formats), genres: sorted(want.genres) });
    }
    expect(byId.get(lonely.id)).toMatchObject({ formats: [], genres: [], verifiedCreditCount: 0, availableFrom: null, timezoneOffsetMinutes: 345 });
    expect(byId.get(bare.id)?.genres).toEqual([]);

    const labsOnly = await loadCandidatePeople(fresh.map((p) => p.id), { labVisibleOnly: true, gigId: gig!.id });
    expect(labsOnly.map((p) => p.id).sort()).toEqual(fresh.filter((p) => p.visibility === "LABS").map((p) => p.id).sort());
    expect(await loadCandidatePeople([], { labVisibleOnly: false, gigId: gig!.id })).toEqual([]);
  });
});
