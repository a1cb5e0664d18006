/**
 * The professional's dashboard (/me) reads rewritten for issue #21 (decision 0034) give exactly
 * what the code they replaced gave, on the seeded database:
 * - "Gigs for me": one statement on the bare pg pool for the recalled gigs' matching fields, card
 *   fields and lab (before: a Prisma query for the 300 recalled gigs' matching fields, then
 *   Gig + Lab + LabLogo for the six shown): the same cards, in the same order, for every
 *   professional, including recalled gigs that are no longer open, applied gigs, minimum rates,
 *   no credits, labs with and without a logo;
 * - the SLA table (`currentSlaTable`, read by the dashboard and the board) against `loadSlaTable`;
 * - the "welcome back" lookup against the Prisma findFirst it replaced, for every user.
 * Each `reference*` below is the code the app ran before.
 */
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { gigSummary, toMatchGig } from "~/domain/gigs";
import { labLogoUrl } from "~/domain/lab-profile";
import { rankGigsForPerson } from "~/domain/matching";
import { DEFAULT_SLA_DAYS } from "~/domain/onboarding";
import { recallGigsForPerson } from "~/search/recall.server";
import { setSearchRuntime } from "~/search/runtime.server";
import { applicationsOfProfile, dashboardReads, hasSignedInBefore, recommendationCard } from "~/services/dashboards.server";
import { gigsWithLab } from "~/services/gigs.server";
import { MATCH_GIG_SELECT, MATCH_LABELS, currentRecall, gigsForPerson, openGigsForRecommendation } from "~/services/matching.server";
import { loadViewerPerson } from "~/services/people.server";
import { currentSlaTable, loadSlaTable } from "~/services/sla.server";
import { seedIfEmpty } from "../../prisma/seed";
import { useFreshDatabase } from "../setup/db";

const url = await useFreshDatabase();

beforeAll(async () => {
  await seedIfEmpty(url, () => {});
}, 60_000);

afterAll(() => setSearchRuntime(undefined));

/** The dashboard's "Gigs for me" cards as the loader built them before (gigsForPerson + the route's mapping). */
async function referenceCards(profileId: string, opts: { limit?: number; appliedGigIds: string[] }) {
  const person = await loadViewerPerson(profileId);
  if (!person) return [];
  const gigIds = await recallGigsForPerson(person, { limit: 300 });
  const gigs = await db().gig.findMany({ where: { id: { in: gigIds }, status: "OPEN" }, select: MATCH_GIG_SELECT });
  const ranked = rankGigsForPerson(person, gigs.map(toMatchGig), {
    belowMinimum: "exclude",
    exclude: new Set(opts.appliedGigIds),
    limit: opts.limit ?? 10,
    ...MATCH_LABELS,
  });
  const shown = ranked.length ? await gigsWithLab(ranked.map((r) => r.gig.id)) : [];
  const byId = new Map(shown.map((g) => [g.id, g]));
  return ranked.flatMap((r) => {
    const gig = byId.get(r.gig.id);
    return gig
      ? [
          {
            ...gigSummary(gig),
            labLogoUrl: labLogoUrl(gig.lab.slug, gig.lab.logo?.sha256),
            match: { score: r.match.score, reasons: r.match.reasons },
          },
        ]
      : [];
  });
}

async function cards(profileId: string, opts: { limit?: number; appliedGigIds: string[] }) {
  const person = await loadViewerPerson(profileId);
  if (!person) return [];
  return (await gigsForPerson(profileId, { ...opts, person })).map(recommendationCard);
}

describe("the dashboard's recommendations in one statement", () => {
  it("openGigsForRecommendation gives the open gigs among the ids with the same matching fields, card and lab as the Prisma reads", async () => {
    const all = await db().gig.findMany({ select: { id: true, status: true } });
    expect(new Set(all.map((g) => g.status)).size).toBeGreaterThan(1);
    // a lab with a logo and one without
    const labs = await db().lab.findMany({ select: { id: true }, orderBy: { id: "asc" } });
    await db().labLogo.upsert({
      where: { labId: labs[0].id },
      create: { labId: labs[0].id, contentType: "image/png", bytes: Buffer.from([1, 2, 3]), sha256: "ab".repeat(32) },
      update: {},
    });
    await db().labLogo.deleteMany({ where: { labId: labs[1].id } });
    const ids = [...all.map((g) => g.id), "no-such-gig"];
    const got = await openGigsForRecommendation(ids);
    const matching = await db().gig.findMany({ where: { id: { in: ids }, status: "OPEN" }, select: MATCH_GIG_SELECT });
    const shown = await gigsWithLab(matching.map((g) => g.id));
    const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : 1);
    expect(got.map((g) => g.id).sort()).toEqual(matching.map((g) => g.id).sort());
    expect(got.length).toBeLessThan(all.length);
    const shownById = new Map(shown.map((g) => [g.id, g]));
    let withLogo = 0;
    for (const [g, ref] of got.sort(byId).map((g, i) => [g, matching.sort(byId)[i]] as const)) {
      // every matching column, value for value (Dates, enum arrays, nulls)
      for (const key of Object.keys(MATCH_GIG_SELECT) as (keyof typeof ref)[]) expect(g[key], `${g.id}.${key}`).toEqual(ref[key]);
      expect(toMatchGig(g)).toEqual(toMatchGig(ref));
      const full = shownById.get(g.id)!;
      expect(gigSummary({ ...g, lab: { name: g.labName } })).toEqual(gigSummary(full));
      expect(labLogoUrl(g.labSlug, g.logoSha256)).toEqual(labLogoUrl(full.lab.slug, full.lab.logo?.sha256));
      if (g.logoSha256) withLogo++;
    }
    expect(withLogo).toBeGreaterThan(0);
    expect(withLogo).toBeLessThan(got.length);
    expect(await openGigsForRecommendation([])).toEqual([]);
  });

  it("gives every professional the same cards in the same order as before (recall through PostgreSQL, limits 6 and 10)", async () => {
    setSearchRuntime(undefined);
    const profiles = await db().profile.findMany({
      select: { id: true, applications: { select: { gigId: true } } },
      orderBy: { id: "asc" },
    });
    expect(profiles.length).toBeGreaterThan(100);
    // edge cases: someone without credits, someone whose minimum rate excludes gigs, someone who applied to top gigs
    await db().credit.deleteMany({ where: { profileId: profiles[0].id } });
    await db().profile.update({ where: { id: profiles[1].id }, data: { minRateCents: 4_000, rateCurrency: "USD" } });
    let shown = 0;
    let withApplications = 0;
    // six at a time (the pool runs them side by side); the default limit (10) for every tenth person
    for (let i = 0; i < profiles.length; i += 6) {
      await Promise.all(
        profiles.slice(i, i + 6).map(async (p, j) => {
          const appliedGigIds = p.applications.map((a) => a.gigId);
          if (appliedGigIds.length) withApplications++;
          for (const limit of (i + j) % 10 === 0 ? [6, undefined] : [6]) {
            const expected = await referenceCards(p.id, { limit, appliedGigIds });
            expect(await cards(p.id, { limit, appliedGigIds }), `${p.id} limit ${limit}`).toEqual(expected);
            shown += expected.length;
          }
        }),
      );
    }
    expect(withApplications).toBeGreaterThan(10);
    expect(shown).toBeGreaterThan(profiles.length);
    // the applied gigs are left out: excluding the top recommendation drops it from both
    const first = profiles[2].id;
    const top = (await cards(first, { limit: 6, appliedGigIds: [] }))[0];
    expect(top).toBeDefined();
    const without = await cards(first, { limit: 6, appliedGigIds: [top.id] });
    expect(without.map((c) => c.id)).not.toContain(top.id);
    expect(without).toEqual(await referenceCards(first, { limit: 6, appliedGigIds: [top.id] }));
    expect(await cards("no-such-profile", { appliedGigIds: [] })).toEqual([]);
  }, 180_000);

  it("drops recalled gigs that are no longer open, as before (an engine that recalls every gig, whatever its status)", async () => {
    const every = (await db().gig.findMany({ select: { id: true }, orderBy: { publishedAt: "desc" } })).map((g) => g.id);
    setSearchRuntime({ ready: true, recallPeople: async () => [], recallGigs: async () => every });
    try {
      const closed = await db().gig.findFirst({ where: { status: "OPEN" }, orderBy: { id: "asc" } });
      await db().gig.update({ where: { id: closed!.id }, data: { status: "PAUSED" } });
      const profiles = await db().profile.findMany({ select: { id: true }, orderBy: { id: "asc" }, take: 40 });
      for (const p of profiles) {
        const got = await cards(p.id, { limit: 6, appliedGigIds: [] });
        expect(got.map((c) => c.status).every((s) => s === "OPEN")).toBe(true);
        expect(got.map((c) => c.id)).not.toContain(closed!.id);
        expect(got).toEqual(await referenceCards(p.id, { limit: 6, appliedGigIds: [] }));
      }
    } finally {
      setSearchRuntime(undefined);
    }
  }, 120_000);
});

/** Runs one statement in another process (its own connection), as another web worker or a script would. */
function elsewhere(statement: string, values: unknown[]) {
  const script = `const pg = require("pg");
    const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
    c.connect().then(() => c.query(process.env.SQL, JSON.parse(process.env.VALUES))).then(() => c.end(), (e) => { console.error(e); process.exit(1); });`;
  const r = spawnSync(process.execPath, ["-e", script], {
    env: { ...process.env, DATABASE_URL: url, SQL: statement, VALUES: JSON.stringify(values) },
    encoding: "utf8",
  });
  expect(r.status, r.stderr).toBe(0);
}

describe("the per-process cache of recalled gigs (checked against the row versions on every view)", () => {
  it("serves unchanged gigs from memory and sees changes made by another process on the next view: gig, lab, logo, status", async () => {
    setSearchRuntime(undefined);
    const profiles = await db().profile.findMany({ select: { id: true }, orderBy: { id: "asc" }, take: 30 });
    let viewer = "";
    for (const p of profiles) if (!viewer && (await cards(p.id, { limit: 6, appliedGigIds: [] })).length >= 3) viewer = p.id;
    expect(viewer).not.toBe("");
    const check = async () => {
      const got = await cards(viewer, { limit: 6, appliedGigIds: [] });
      expect(got).toEqual(await referenceCards(viewer, { limit: 6, appliedGigIds: [] }));
      return got;
    };
    const before = await check();
    expect(before.length).toBeGreaterThan(1);
    const [top, second] = before;
    const ids = (await db().gig.findMany({ where: { status: "OPEN" }, select: { id: true } })).map((g) => g.id);
    const first = new Map((await currentRecall(ids)).map((e) => [e.gig.id, e]));
    const again = new Map((await currentRecall(ids)).map((e) => [e.gig.id, e]));
    expect(again.size).toBe(ids.length);
    for (const [id, e] of again) expect(e, id).toBe(first.get(id)); // the same objects: nothing decoded again

    // the gig: title and pay, changed by a plain UPDATE in another process (updatedAt untouched)
    elsewhere(`UPDATE "Gig" SET title = title || ' (renamed)', "payAmountCents" = "payAmountCents" + 700 WHERE id = $1`, [top.id]);
    const afterGig = await check();
    expect(afterGig.find((c) => c.id === top.id)?.title ?? `${top.title} (renamed)`).toBe(`${top.title} (renamed)`);
    const changed = new Map((await currentRecall(ids)).map((e) => [e.gig.id, e]));
    expect(changed.get(top.id)).not.toBe(first.get(top.id));
    expect(changed.get(top.id)?.gig.title).toBe(`${top.title} (renamed)`);

    // the lab's name, and a logo added, then removed
    const lab = (await db().gig.findUnique({ where: { id: second.id }, select: { labId: true } }))!.labId;
    elsewhere(`UPDATE "Lab" SET name = name || ' Studio' WHERE id = $1`, [lab]);
    await db().labLogo.deleteMany({ where: { labId: lab } });
    const renamed = await check();
    expect(renamed.find((c) => c.id === second.id)?.labName).toBe(`${second.labName} Studio`);
    elsewhere(`INSERT INTO "LabLogo" ("labId", "contentType", bytes, sha256, "updatedAt") VALUES ($1, 'image/png', '\\x01', $2, now())`, [
      lab,
      "cd".repeat(32),
    ]);
    expect((await check()).find((c) => c.id === second.id)?.labLogoUrl).toContain("v=cdcdcdcdcdcdcdcd");
    elsewhere(`UPDATE "LabLogo" SET sha256 = $2 WHERE "labId" = $1`, [lab, "ef".repeat(32)]);
    expect((await check()).find((c) => c.id === second.id)?.labLogoUrl).toContain("v=efefefefefefefef");
    elsewhere(`DELETE FROM "LabLogo" WHERE "labId" = $1`, [lab]);
    expect((await check()).find((c) => c.id === second.id)?.labLogoUrl).toBeNull();

    // closed elsewhere: gone from the next view
    elsewhere(`UPDATE "Gig" SET status = 'CLOSED' WHERE id = $1`, [second.id]);
    expect((await check()).map((c) => c.id)).not.toContain(second.id);
    elsewhere(`UPDATE "Gig" SET status = 'OPEN' WHERE id = $1`, [second.id]);
    expect((await check()).map((c) => c.id)).toContain(second.id);
  }, 60_000);
});

describe("the SLA table and the welcome-back lookup on the bare pool", () => {
  it("currentSlaTable equals loadSlaTable: defaults, overrides, turned off (null), and rows outside the SLA stages", async () => {
    await db().stageSla.deleteMany();
    expect(await currentSlaTable()).toEqual(await loadSlaTable());
    expect(await currentSlaTable()).toEqual(DEFAULT_SLA_DAYS);
    await db().stageSla.createMany({
      data: [
        { stage: "SCREENING", days: 9 },
        { stage: "CONTRACTING", days: null },
        { stage: "ACTIVE", days: 4 },
      ],
    });
    const table = await currentSlaTable();
    expect(table).toEqual(await loadSlaTable());
    expect(table.SCREENING).toBe(9);
    expect(table.CONTRACTING).toBeNull();
    await db().stageSla.deleteMany();
  });

  it("hasSignedInBefore equals the Prisma findFirst for every user, and ignores other actions and entities", async () => {
    const users = await db().user.findMany({ select: { id: true }, orderBy: { id: "asc" } });
    const [signedIn, otherAction, otherEntity] = users;
    await db().event.createMany({
      data: [
        { action: "auth.login", entityType: "User", entityId: signedIn.id },
        { action: "auth.logout", entityType: "User", entityId: otherAction.id },
        { action: "auth.login", entityType: "Profile", entityId: otherEntity.id },
      ],
    });
    let yes = 0;
    for (const { id } of [...users, { id: "no-such-user" }]) {
      const e = await db().event.findFirst({ where: { entityType: "User", entityId: id, action: "auth.login" }, select: { id: true } });
      expect(await hasSignedInBefore(id), id).toBe(e != null);
      if (e) yes++;
    }
    expect(yes).toBeGreaterThan(0);
    expect(yes).toBeLessThan(users.length);
    expect(await hasSignedInBefore(signedIn.id)).toBe(true);
  });

  it("dashboardReads equals loadViewerPerson + applicationsOfProfile + currentSlaTable + hasSignedInBefore, for every professional", async () => {
    const profiles = await db().profile.findMany({ select: { id: true, userId: true }, orderBy: { id: "asc" } });
    const staff = await db().user.findFirst({ where: { profile: null }, select: { id: true } });
    const cases = [...profiles, { id: "no-such-profile", userId: staff!.id }];
    await db().event.create({ data: { action: "auth.login", entityType: "User", entityId: profiles[1].userId } });
    // an application with a reason, a filled checklist and a tie on updatedAt, so every field and the order are compared
    const apps = await db().application.findMany({ select: { id: true, profileId: true }, orderBy: { id: "asc" }, take: 3 });
    await db().application.update({
      where: { id: apps[0].id },
      data: { lastReason: "Not this time", checklist: { nda: { acceptedAt: "2026-01-01T00:00:00.000Z" } } },
    });
    const same = await db().application.findMany({ where: { profileId: apps[0].profileId }, select: { id: true } });
    if (same.length > 1) {
      const at = new Date("2026-11-30T10:00:00.123Z");
      await db().application.updateMany({ where: { id: { in: same.map((x) => x.id) } }, data: { updatedAt: at, stageEnteredAt: at } });
    }
    const compare = async () => {
      let withApps = 0;
      let returning = 0;
      for (const { id, userId } of cases) {
        const got = await dashboardReads(id, userId);
        expect(got, id).toEqual({
          person: await loadViewerPerson(id),
          applications: await applicationsOfProfile(id),
          sla: await currentSlaTable(),
          returning: await hasSignedInBefore(userId),
        });
        if (got.applications.length) withApps++;
        if (got.returning) returning++;
        for (const a of got.applications) expect(a.stageEnteredAt).toBeInstanceOf(Date);
      }
      expect(withApps).toBeGreaterThan(0);
      expect(returning).toBeGreaterThan(0);
      expect(returning).toBeLessThan(cases.length);
    };
    await db().stageSla.deleteMany();
    await compare();
    await db().stageSla.createMany({
      data: [
        { stage: "SHORTLISTED", days: 2 },
        { stage: "TRAINING", days: null },
      ],
    });
    await compare();
    const { sla } = await dashboardReads(profiles[0].id, profiles[0].userId);
    expect(sla.SHORTLISTED).toBe(2);
    expect(sla.TRAINING).toBeNull();
    expect((await dashboardReads("no-such-profile", staff!.id)).person).toBeNull();
    await db().stageSla.deleteMany();
  });
});
