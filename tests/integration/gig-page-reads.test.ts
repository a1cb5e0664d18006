/**
 * The gig page's reads in one statement on the bare pg pool (app/services/gig-page.server.ts,
 * decision 0033) give exactly what the five reads they replaced gave, on the seeded data, for every
 * gig and every viewer (professionals, people without a profile, no one signed in): the gig with its
 * lab and logo (`gigWithLab`), the term changes newest first (`termChangeViews`, with ties on the
 * time, a change without text and one without a promise), the viewer's application and MatchPerson
 * (`loadViewerPerson`), the pipeline counts; and the recommended candidates' application ids, now
 * read in the candidates' own statement. Each `reference*` is the Prisma code the page ran before.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { gigPageReads } from "~/services/gig-page.server";
import { gigWithLab, termChangeViews } from "~/services/gigs.server";
import { gigCandidates } from "~/services/matching.server";
import { loadViewerPerson } from "~/services/people.server";
import { seedIfEmpty } from "../../prisma/seed";
import { useFreshDatabase } from "../setup/db";

const url = await useFreshDatabase();

beforeAll(async () => {
  await seedIfEmpty(url, () => {});
}, 60_000);

const referenceApplication = (profileId: string, gigId: string) =>
  db().application.findUnique({ where: { profileId_gigId: { profileId, gigId } }, select: { id: true, stage: true } });

async function referencePipeline(gigId: string) {
  const groups = await db().application.groupBy({ by: ["stage"], where: { gigId }, _count: true });
  return groups.map((g) => ({ stage: g.stage, count: g._count }));
}

const referenceApplicationIds = (gigId: string, profileIds: string[]) =>
  db().application.findMany({ where: { gigId, profileId: { in: profileIds } }, select: { id: true, profileId: true } });

const byStage = (list: { stage: string; count: number }[] | null) => [...(list ?? [])].sort((a, b) => a.stage.localeCompare(b.stage));

describe("gig page reads in one statement", () => {
  it("equal gigWithLab, termChangeViews, the viewer's application and person and the pipeline, for every gig and viewer", async () => {
    const gigs = await db().gig.findMany({ select: { id: true, labId: true }, orderBy: { id: "asc" } });
    const profiles = await db().profile.findMany({ select: { id: true }, orderBy: { id: "asc" } });
    expect(gigs.length).toBeGreaterThan(10);
    expect(profiles.length).toBeGreaterThan(10);

    // Term changes with the edge cases: the same createdAt (order by id), no text, no promise, a reason.
    const [first, second] = gigs;
    const at = new Date("2026-11-02T10:11:12.345Z");
    const lab = first.labId;
    const base = { gigId: first.id, labId: lab, actualNoticeDays: 3, effectiveAt: at, actorRole: "LAB_MEMBER" };
    await db().gigTermChange.createMany({
      data: [
        {
          ...base,
          id: "tc_b",
          kind: "RATE_CUT",
          before: { value: 3000, text: "$30.00/h" },
          after: { value: 2500, text: "$25.00/h" },
          promisedNoticeDays: 7,
          withinPromise: false,
          createdAt: at,
        },
        {
          ...base,
          id: "tc_a",
          kind: "END_EARLY",
          before: { value: "2027-01-01" },
          after: {},
          promisedNoticeDays: null,
          withinPromise: true,
          reason: "Budget «cut»",
          createdAt: at,
        },
        {
          ...base,
          id: "tc_c",
          kind: "SOMETHING_NEW",
          before: 5,
          after: null as never,
          promisedNoticeDays: 0,
          withinPromise: true,
          createdAt: new Date(at.getTime() + 1),
        },
        {
          ...base,
          gigId: second.id,
          labId: second.labId,
          id: "tc_d",
          kind: "HOURS_CUT",
          before: { value: 20, text: "20 h" },
          after: { value: 10, text: "10 h" },
          promisedNoticeDays: 14,
          withinPromise: false,
          createdAt: new Date("1999-12-31T23:59:59.999Z"),
        },
      ],
    });
    expect((await termChangeViews(first.id)).map((c) => c.id)).toEqual(["tc_c", "tc_b", "tc_a"]);

    let pipelines = 0;
    let changes = 0;
    for (const gig of gigs) {
      const wantGig = await gigWithLab(gig.id);
      const wantChanges = await termChangeViews(gig.id);
      const wantPipeline = await referencePipeline(gig.id);
      // No one signed in, or someone without a profile: no application, no person; pipeline only when asked.
      for (const pipeline of [false, true]) {
        const got = await gigPageReads(gig.id, { profileId: null, pipeline });
        expect(got?.gig).toEqual(wantGig);
        expect(got?.termChanges).toEqual(wantChanges);
        expect(got?.application).toBeNull();
        expect(got?.person).toBeNull();
        if (pipeline) expect(byStage(got!.pipeline)).toEqual(byStage(wantPipeline));
        else expect(got?.pipeline).toBeNull();
      }
      changes += wantChanges.length;
      if (wantPipeline.length > 0) pipelines++;
      // The viewer's parts beside the rest: a professional who applied to it (if any) and one who did not.
      const applicants = await db().application.findMany({ where: { gigId: gig.id }, select: { profileId: true } });
      const outsider = profiles.find((p) => !applicants.some((a) => a.profileId === p.id))!;
      for (const profileId of [outsider.id, ...applicants.slice(0, 1).map((a) => a.profileId)]) {
        const got = await gigPageReads(gig.id, { profileId, pipeline: true });
        expect(got?.gig).toEqual(wantGig);
        expect(got?.termChanges).toEqual(wantChanges);
        expect(byStage(got!.pipeline)).toEqual(byStage(wantPipeline));
        expect(got?.application).toEqual(await referenceApplication(profileId, gig.id));
        expect(got?.person).toEqual(await loadViewerPerson(profileId));
      }
    }
    expect(pipelines).toBeGreaterThan(0);
    expect(changes).toBeGreaterThanOrEqual(4);

    // Every application (viewer, gig) gives its id and stage; every profile gives loadViewerPerson's person.
    const all = await db().application.findMany({ select: { profileId: true, gigId: true } });
    expect(all.length).toBeGreaterThan(10);
    for (const a of all) {
      const got = await gigPageReads(a.gigId, { profileId: a.profileId, pipeline: false });
      const want = await referenceApplication(a.profileId, a.gigId);
      expect(want).not.toBeNull();
      expect(got?.application).toEqual(want);
    }
    for (const p of profiles) {
      const got = await gigPageReads(first.id, { profileId: p.id, pipeline: false });
      expect(got?.person).toEqual(await loadViewerPerson(p.id));
      expect(got?.person?.id).toBe(p.id);
    }

    // No such gig; a profile id that does not exist.
    expect(await gigPageReads("no-such-gig", { profileId: profiles[0].id, pipeline: true })).toBeNull();
    const ghost = await gigPageReads(first.id, { profileId: "no-such-profile", pipeline: false });
    expect(ghost?.application).toBeNull();
    expect(ghost?.person).toBeNull();
  }, 300_000);

  it("the recommended candidates' application ids equal the separate Application query the page sent", async () => {
    const gigs = await db().gig.findMany({ where: { status: { in: ["OPEN", "DRAFT"] } }, select: { id: true }, orderBy: { id: "asc" } });
    let linked = 0;
    for (const { id } of gigs) {
      for (const viewerRole of ["LAB_MEMBER", "COORDINATOR"] as const) {
        const plain = await gigCandidates(id, { limit: 10, viewerRole });
        const got = await gigCandidates(id, { limit: 10, viewerRole, applicationIds: true });
        const ids = await referenceApplicationIds(
          id,
          plain.map((c) => c.profileId),
        );
        expect(got).toEqual(plain.map((c) => ({ ...c, applicationId: ids.find((a) => a.profileId === c.profileId)?.id ?? null })));
        linked += got.filter((c) => c.applicationId).length;
      }
    }
    expect(linked).toBeGreaterThan(0);
  }, 180_000);
});
