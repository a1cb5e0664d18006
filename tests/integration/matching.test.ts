/**
 * Part 1 (no search runtime: recall falls back to PostgreSQL): gigCandidates loads people with one aggregate SQL query and ranks on a score-only path
 * (app/services/matching.server.ts, app/domain/matching.ts). Both are performance work; this
 * checks they give exactly what the straightforward version gives: whole profiles with credits
 * through Prisma, `toMatchPerson`, `scoreMatch` for everyone, sorted by the lab score (candidates
 * are what labs see, so they never depend on the private rate).
 *
 * Part 2, on each engine (embedded, and the run's real Meilisearch): recall through the engine
 * (hard filters as index filters, per-task top lists) equals the same rule applied in plain code
 * to the documents the index is built from, and so "candidates for a gig" and "gigs for me" are
 * the same whichever engine the process runs.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { hardFilter, scoreMatch, withoutPrivateFields } from "~/domain/matching";
import type { MatchPerson } from "~/domain/matching";
import type { Gig } from "~/generated/prisma/client";
import { loadDocuments } from "~/search/documents.server";
import { INDEXES, scoreField } from "~/search/indexes";
import { recallPeopleForGig } from "~/search/recall.server";
import { setSearchRuntime } from "~/search/runtime.server";
import { recallGigsWith, recallPeopleWith } from "~/search/service.server";
import { reindexAll } from "~/search/sync.server";
import { MATCH_LABELS, gigCandidates, gigsForPerson, loadCandidatePeople, toMatchGig } from "~/services/matching.server";
import { loadProfile, loadViewerPerson, toMatchPerson } from "~/services/people.server";
import { seedIfEmpty } from "../../prisma/seed";
import { useFreshDatabase } from "../setup/db";
import { engineCases } from "../setup/engines";

const url = await useFreshDatabase();

beforeAll(async () => {
  await seedIfEmpty(url, () => {});
}, 60_000);

const sorted = (xs: string[]) => [...xs].sort();

type ProfileWithCredits = Awaited<ReturnType<typeof loadAllProfiles>>[number];
const loadAllProfiles = () => db().profile.findMany({ include: { credits: true } });

/**
 * `everyone`: every profile with its credits, read once by the caller when nothing changes in
 * between (the same rows a findMany of the recalled ids would give, without re-reading them per gig).
 */
async function reference(gigId: string, viewerRole: string, limit: number, everyone?: Map<string, ProfileWithCredits>) {
  const gig = (await db().gig.findUnique({ where: { id: gigId } }))!;
  const labVisibleOnly = viewerRole !== "COORDINATOR" && viewerRole !== "ADMIN";
  const ids = await recallPeopleForGig(gig, { limit: 400, labVisibleOnly });
  const profiles = everyone
    ? ids.flatMap((id) => everyone.get(id) ?? []).filter((p) => !labVisibleOnly || p.visibility === "LABS")
    : await db().profile.findMany({
        where: { id: { in: ids }, ...(labVisibleOnly ? { visibility: "LABS" as const } : {}) },
        include: { credits: true },
      });
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
    const everyone = new Map((await loadAllProfiles()).map((p) => [p.id, p]));
    for (const { id } of gigs) {
      for (const [viewerRole, limit] of [
        ["COORDINATOR", 50],
        ["LAB_MEMBER", 10],
        ["ADMIN", 1000],
      ] as const) {
        const got = await gigCandidates(id, { viewerRole, limit });
        const want = await reference(id, viewerRole, limit, everyone);
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
    await db().profile.update({
      where: { id: lonely.id },
      data: { availableFrom: null, timezone: "Asia/Kathmandu", hoursPerWeek: null, minRateCents: null },
    });

    const fresh = await db().profile.findMany({ include: { credits: true } });
    const gig = await db().gig.findFirst({ select: { id: true } });
    const loaded = await loadCandidatePeople(
      fresh.map((p) => p.id),
      { labVisibleOnly: false, gigId: gig!.id },
    );
    expect(loaded).toHaveLength(fresh.length);
    const byId = new Map(loaded.map((p) => [p.id, p]));
    for (const p of fresh) {
      const want = toMatchPerson(p);
      const { displayName, headline, applicationStage, ...got } = byId.get(p.id)!;
      expect(displayName).toBe(p.displayName);
      expect(headline).toBe(p.headline);
      expect({ ...got, formats: sorted(got.formats), genres: sorted(got.genres) }).toEqual({
        ...want,
        formats: sorted(want.formats),
        genres: sorted(want.genres),
      });
    }
    expect(byId.get(lonely.id)).toMatchObject({
      formats: [],
      genres: [],
      verifiedCreditCount: 0,
      availableFrom: null,
      timezoneOffsetMinutes: 345,
    });
    expect(byId.get(bare.id)?.genres).toEqual([]);

    const labsOnly = await loadCandidatePeople(
      fresh.map((p) => p.id),
      { labVisibleOnly: true, gigId: gig!.id },
    );
    expect(labsOnly.map((p) => p.id).sort()).toEqual(
      fresh
        .filter((p) => p.visibility === "LABS")
        .map((p) => p.id)
        .sort(),
    );
    expect(await loadCandidatePeople([], { labVisibleOnly: false, gigId: gig!.id })).toEqual([]);
  });

  it("loadViewerPerson (one query) gives exactly toMatchPerson(loadProfile(id)), in the same order, for every profile", async () => {
    const ids = (await db().profile.findMany({ select: { id: true } })).map((p) => p.id);
    // edge cases: credits in a chosen order with genres, one without credits at all
    const withCredits = await db().profile.findFirst({ where: { credits: { some: {} } }, include: { credits: true } });
    await db().credit.updateMany({ where: { profileId: withCredits!.id }, data: { position: 0 } });
    await db().credit.update({ where: { id: withCredits!.credits.at(-1)!.id }, data: { position: -1, genres: ["zzz", "aaa"] } });
    for (const id of ids) {
      const profile = (await loadProfile(id))!;
      const got = (await loadViewerPerson(id))!;
      expect(got).toEqual({ ...toMatchPerson(profile), displayName: profile.displayName, creditCount: profile.credits.length });
    }
    expect((await loadViewerPerson(withCredits!.id))!.genres.slice(0, 2)).toEqual(["zzz", "aaa"]);
    expect(await loadViewerPerson("no-such-profile")).toBeNull();
  });
});

type Doc = Record<string, unknown> & { id: string };
const byScoreThenId = (field: string) => (a: Doc, b: Doc) => (b[field] as number) - (a[field] as number) || (a.id < b.id ? -1 : 1);

/** recallPeopleWith's rule, applied in plain code to the documents the index is built from. */
function referencePeopleRecall(people: Doc[], gig: Pick<Gig, "taskTypes" | "languages">, opts: { limit: number; labVisibleOnly: boolean }) {
  const perTask = Math.max(50, Math.ceil(opts.limit / Math.max(1, gig.taskTypes.length)));
  const take = perTask <= 100 ? perTask : Math.ceil(perTask / 100) * 100;
  const pool = people.filter(
    (d) => gig.languages.every((l) => (d.languages as string[]).includes(l)) && (!opts.labVisibleOnly || d.visibility === "LABS"),
  );
  const ids = new Set<string>();
  for (const task of gig.taskTypes) {
    const field = scoreField(task);
    for (const d of pool
      .filter((d) => (d[field] as number) >= 1)
      .sort(byScoreThenId(field))
      .slice(0, take))
      ids.add(d.id);
  }
  return [...ids];
}

/** recallGigsWith's rule in plain code: open gigs sharing one of the person's strongest task types, newest first. */
function referenceGigRecall(gigs: Doc[], person: MatchPerson, limit: number) {
  const strong = Object.entries(person.transferScores)
    .filter(([, s]) => s >= 20)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([k]) => k);
  return gigs
    .filter((g) => strong.length === 0 || (g.taskTypes as string[]).some((t) => strong.includes(t)))
    .sort(byScoreThenId("publishedAt"))
    .slice(0, limit)
    .map((g) => g.id);
}

describe.each(engineCases("matching"))("matching with recall through the %s engine", (_name, makeEngine) => {
  const engine = makeEngine();
  let people: Doc[];
  let openGigs: Doc[];

  beforeAll(async () => {
    await engine.ensureIndexes(INDEXES);
    await reindexAll(engine);
    setSearchRuntime({
      ready: true,
      recallPeople: (g, o) => recallPeopleWith(engine, g, o),
      recallGigs: (p, o) => recallGigsWith(engine, p, o),
    });
    const profileIds = (await db().profile.findMany({ select: { id: true } })).map((p) => p.id);
    people = (await loadDocuments("people", profileIds)).upsert as Doc[];
    const gigIds = (await db().gig.findMany({ select: { id: true } })).map((g) => g.id);
    openGigs = (await loadDocuments("gigs", gigIds)).upsert as Doc[];
  }, 180_000);

  afterAll(async () => {
    setSearchRuntime(undefined);
    await engine.close();
  });

  it("recalls exactly the people the rule picks from the indexed documents, for every gig and viewer", async () => {
    const gigs = await db().gig.findMany({ where: { status: { in: ["OPEN", "DRAFT"] } }, orderBy: { id: "asc" } });
    // a language requirement, so the hard language filter is exercised too
    const withLanguages = gigs.filter((g) => g.languages.length > 0).length;
    expect(withLanguages).toBeGreaterThan(0);
    let recalled = 0;
    for (const gig of gigs) {
      for (const labVisibleOnly of [false, true]) {
        const opts = { limit: 400, labVisibleOnly };
        const got = await recallPeopleWith(engine, gig, opts);
        expect(got, `${gig.id} labVisibleOnly=${labVisibleOnly}`).toEqual(referencePeopleRecall(people, gig, opts));
        recalled += got.length;
      }
    }
    expect(recalled).toBeGreaterThan(100);
  }, 180_000);

  it("candidates for a gig through the engine equal the straightforward ranking of what the engine recalls, for every gig and viewer", async () => {
    const gigs = await db().gig.findMany({ where: { status: { in: ["OPEN", "DRAFT"] } }, select: { id: true }, orderBy: { id: "asc" } });
    let compared = 0;
    const everyone = new Map((await loadAllProfiles()).map((p) => [p.id, p]));
    for (const { id } of gigs) {
      for (const [viewerRole, limit] of [
        ["COORDINATOR", 50],
        ["LAB_MEMBER", 10],
      ] as const) {
        const got = await gigCandidates(id, { viewerRole, limit });
        expect(got).toEqual(await reference(id, viewerRole, limit, everyone));
        compared += got.length;
      }
    }
    expect(compared).toBeGreaterThan(100);
  }, 180_000);

  it("gigs for a person: recall through the engine equals the rule on the indexed gigs, and the ranked list follows", async () => {
    const profiles = await db().profile.findMany({ include: { credits: true }, orderBy: { id: "asc" }, take: 60 });
    let recommended = 0;
    for (const p of profiles) {
      const person = toMatchPerson(p);
      expect(await recallGigsWith(engine, person, { limit: 300 })).toEqual(referenceGigRecall(openGigs, person, 300));
      const list = await gigsForPerson(p.id);
      for (const r of list) expect(openGigs.some((g) => g.id === r.gig.id)).toBe(true);
      recommended += list.length;
    }
    expect(recommended).toBeGreaterThan(0);
  }, 180_000);
});
