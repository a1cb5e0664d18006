/**
 * The signed-in search page's reads rewritten for issue #21 (decision 0041) give exactly what the code
 * they replaced gave, on the seeded database with the embedded engine: for every seeded professional
 * (three queries: text, its page 2, best match; every fourth professional, anonymous, a user without a
 * profile and a profile id that does not exist: all 14 queries below: sorts, typo, filters, pages, no
 * hits), `searchGigs` returns the same items (card fields, highlighted title, score,
 * first reason, below-minimum and applied flags) in the same order, the same totals and facets as the
 * old path: the viewer read first, the whole gig rows with their labs (`openGigsWithLab`), the
 * applications (`appliedGigIds`), `gigSummary` and `scoreMatch` per card. `referenceSearch` below is
 * that code. The cards now come from the per-process row-version cache (decision 0034): changes made by
 * another process (gig, pay, lab, logo, status, a new application) show on the next search.
 */
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { gigSummary, toMatchGig } from "~/domain/gigs";
import { labLogoUrl } from "~/domain/lab-profile";
import { meetsMinimumRate, rankGigsForPerson, scoreMatch } from "~/domain/matching";
import { createEmbeddedEngine } from "~/search/embedded.server";
import type { Filter, SearchResult } from "~/search/engine.server";
import { GIGS_INDEX, INDEXES } from "~/search/indexes";
import { setSearchRuntime } from "~/search/runtime.server";
import { recallGigsWith, recallPeopleWith } from "~/search/service.server";
import { reindexAll } from "~/search/sync.server";
import type { ActingUser } from "~/services/actor";
import { openGigsWithLab } from "~/services/gigs.server";
import { MATCH_GIG_SELECT, MATCH_LABELS } from "~/services/matching.server";
import { loadViewerPerson } from "~/services/people.server";
import { type GigSearchParams, appliedGigIds, gigSearchSchema, searchGigs, stableFacets } from "~/services/search.server";
import { seedIfEmpty } from "../../prisma/seed";
import { useFreshDatabase } from "../setup/db";

const url = await useFreshDatabase();
const engine = createEmbeddedEngine();

beforeAll(async () => {
  await seedIfEmpty(url, () => {});
  await engine.ensureIndexes(INDEXES);
  await reindexAll(engine);
  setSearchRuntime({
    ready: true,
    engine,
    recallPeople: (g, o) => recallPeopleWith(engine, g, o),
    recallGigs: (p, o) => recallGigsWith(engine, p, o),
  } as Parameters<typeof setSearchRuntime>[0]);
}, 120_000);

afterAll(async () => {
  setSearchRuntime(undefined);
  await engine.close();
});

/** searchGigs as it was before decision 0041 (commit 49ed787), with the engine passed in. */
async function referenceSearch(p: GigSearchParams, viewer: Pick<ActingUser, "profileId"> | null) {
  const PER_PAGE = 20;
  const filters: Filter[] = [];
  if (p.taskTypes.length) filters.push({ field: "taskTypes", op: "in", values: p.taskTypes });
  if (p.modality.length) filters.push({ field: "modality", op: "in", values: p.modality });
  if (p.genres.length) filters.push({ field: "genres", op: "in", values: p.genres });
  if (p.languages.length) filters.push({ field: "languages", op: "all", values: p.languages });
  if (p.payBand.length) filters.push({ field: "payBand", op: "in", values: p.payBand });
  if (p.hoursBand.length) filters.push({ field: "hoursBand", op: "in", values: p.hoursBand });
  const person = viewer?.profileId ? await loadViewerPerson(viewer.profileId) : null;
  const byMatch = p.sort === "match" && person;
  const sort =
    p.sort === "newest"
      ? { field: "publishedAt", direction: "desc" as const }
      : p.sort === "pay"
        ? { field: "payHourlyCents", direction: "desc" as const }
        : undefined;
  const facets = ["taskTypes", "modality", "genres", "languages", "payBand", "hoursBand"];
  let result: SearchResult<Record<string, unknown>>;
  let ids: string[];
  let total: number;
  if (byMatch) {
    result = await engine.search(GIGS_INDEX, { q: p.q, filters, facets, perPage: 100, page: 1, highlight: ["title"] });
    const more = [];
    for (let page = 2; page <= Math.min(3, result.totalPages); page++) {
      more.push(...(await engine.search(GIGS_INDEX, { q: p.q, filters, perPage: 100, page })).hits);
    }
    const all = [...result.hits, ...more];
    const gigs = await db().gig.findMany({ where: { id: { in: all.map((h) => h.id) } }, select: MATCH_GIG_SELECT });
    const scored = rankGigsForPerson(byMatch, gigs.map(toMatchGig), { belowMinimum: "last" }).map((r) => ({ id: r.gig.id }));
    total = scored.length;
    ids = scored.slice((p.page - 1) * PER_PAGE, p.page * PER_PAGE).map((s) => s.id);
    result = { ...result, hits: all.filter((h) => ids.includes(h.id)) };
  } else {
    result = await engine.search(GIGS_INDEX, { q: p.q, filters, facets, sort, page: p.page, perPage: PER_PAGE, highlight: ["title"] });
    ids = result.hits.map((h) => h.id);
    total = result.total;
  }
  const [gigs, appliedRows] = await Promise.all([openGigsWithLab(ids), person ? appliedGigIds(person.id, ids) : []]);
  const byId = new Map(gigs.map((g) => [g.id, g]));
  const highlights = new Map(result.hits.map((h) => [h.id, h.highlights.title]));
  const applied = new Set(appliedRows);
  const items = ids.flatMap((id) => {
    const g = byId.get(id);
    if (!g) return [];
    const mg = toMatchGig(g);
    const match = person ? scoreMatch(person, mg, MATCH_LABELS) : null;
    const { genres: _genres, languages: _languages, ...summary } = gigSummary(g);
    return [
      {
        ...summary,
        labLogoUrl: labLogoUrl(g.lab.slug, g.lab.logo?.sha256),
        highlightTitle: highlights.get(id),
        match:
          match && person
            ? {
                score: match.score,
                reasons: match.reasons.slice(0, 1),
                belowMinimum: meetsMinimumRate(person, mg) === false,
                applied: applied.has(id),
              }
            : null,
      },
    ];
  });
  const options = await stableFacets(GIGS_INDEX, p.q, filters, facets, result.facets, {
    taskTypes: p.taskTypes,
    modality: p.modality,
    genres: p.genres,
    languages: p.languages,
    payBand: p.payBand,
    hoursBand: p.hoursBand,
  });
  return { items, total, page: p.page, totalPages: Math.max(1, Math.ceil(total / PER_PAGE)), facets: options, tookMs: 0 };
}

const QUERIES = [
  { q: "dialogue" },
  { q: "dialogue", page: "2" },
  { q: "dialogue", sort: "match" },
  { sort: "match", page: "2" },
  { q: "dialogue", sort: "newest" },
  { sort: "pay" },
  {},
  { q: "dialouge" },
  { q: "comedic timing" },
  { q: "dialogue", taskTypes: ["DIALOGUE_PREFERENCE_RANKING", "COMEDIC_TIMING_EVAL"] },
  { modality: "VIDEO", languages: "en" },
  { q: "zzzzqqq" },
  { q: "zzzzqqq", sort: "match" },
  { sort: "match", page: "3", languages: "en" },
].map((raw) => gigSearchSchema.parse(raw));

const viewerOf = (profileId: string | null) => ({ id: "u", role: "PROFESSIONAL", profileId }) as ActingUser;

async function same(p: GigSearchParams, viewer: ActingUser | null, label: string) {
  const got = await searchGigs(p, viewer);
  const expected = await referenceSearch(p, viewer);
  expect({ ...got, tookMs: 0 }, label).toEqual(expected);
  return got;
}

describe("the search page's cards from one statement and the row-version cache", () => {
  it("gives every professional, anonymous and a viewer without a profile the same results as before, for every query", async () => {
    const profiles = await db().profile.findMany({
      select: { id: true, _count: { select: { applications: true } } },
      orderBy: { id: "asc" },
    });
    expect(profiles.length).toBeGreaterThan(100);
    // edge cases: no credits, a minimum rate that puts gigs below it
    await db().credit.deleteMany({ where: { profileId: profiles[0].id } });
    await db().profile.update({ where: { id: profiles[1].id }, data: { minRateCents: 4_000, rateCurrency: "USD" } });
    let cards = 0;
    let appliedCards = 0;
    let below = 0;
    const matchSorted = new Set<string>();
    for (const viewer of [null, { id: "u", role: "COORDINATOR", profileId: null } as ActingUser, viewerOf("no-such-profile")]) {
      for (const p of QUERIES) await same(p, viewer, `${viewer?.profileId ?? viewer?.role ?? "anonymous"} ${JSON.stringify(p)}`);
    }
    for (let i = 0; i < profiles.length; i += 4) {
      await Promise.all(
        profiles.slice(i, i + 4).map(async ({ id }, j) => {
          // every query for every fourth person, the first three for the others
          for (const p of (i + j) % 4 === 0 ? QUERIES : QUERIES.slice(0, 3)) {
            const got = await same(p, viewerOf(id), `${id} ${JSON.stringify(p)}`);
            cards += got.items.length;
            appliedCards += got.items.filter((x) => x.match?.applied).length;
            below += got.items.filter((x) => x.match?.belowMinimum).length;
            if (p.sort === "match" && got.items.length) matchSorted.add(id);
          }
        }),
      );
    }
    expect(cards).toBeGreaterThan(profiles.length * 20);
    expect(appliedCards).toBeGreaterThan(10);
    expect(below).toBeGreaterThan(0);
    expect(matchSorted.size).toBeGreaterThan(100);
  }, 300_000);

  it("shows changes made by another process on the next search: gig title and pay, lab name, logo, status, an application", async () => {
    const profile = (await db().profile.findFirstOrThrow({ select: { id: true }, orderBy: { id: "asc" }, skip: 5 })).id;
    const viewer = viewerOf(profile);
    const p = gigSearchSchema.parse({ q: "dialogue" });
    const check = () => same(p, viewer, "after a change");
    const before = await check();
    expect(before.items.length).toBeGreaterThan(2);
    const [top, second, third] = before.items;

    elsewhere(`UPDATE "Gig" SET title = title || ' (renamed)', "payAmountCents" = "payAmountCents" + 700 WHERE id = $1`, [top.id]);
    const renamed = (await check()).items.find((x) => x.id === top.id);
    expect(renamed?.title).toBe(`${top.title} (renamed)`);
    expect(renamed?.payText).not.toBe(top.payText);

    const lab = (await db().gig.findUniqueOrThrow({ where: { id: second.id }, select: { labId: true } })).labId;
    elsewhere(`UPDATE "Lab" SET name = name || ' Studio' WHERE id = $1`, [lab]);
    await db().labLogo.deleteMany({ where: { labId: lab } });
    expect((await check()).items.find((x) => x.id === second.id)?.labName).toBe(`${second.labName} Studio`);
    elsewhere(`INSERT INTO "LabLogo" ("labId", "contentType", bytes, sha256, "updatedAt") VALUES ($1, 'image/png', '\\x01', $2, now())`, [
      lab,
      "cd".repeat(32),
    ]);
    expect((await check()).items.find((x) => x.id === second.id)?.labLogoUrl).toContain("v=cdcdcdcdcdcdcdcd");
    elsewhere(`DELETE FROM "LabLogo" WHERE "labId" = $1`, [lab]);
    expect((await check()).items.find((x) => x.id === second.id)?.labLogoUrl).toBeNull();

    elsewhere(`UPDATE "Gig" SET status = 'PAUSED' WHERE id = $1`, [third.id]);
    expect((await check()).items.map((x) => x.id)).not.toContain(third.id);
    elsewhere(`UPDATE "Gig" SET status = 'OPEN' WHERE id = $1`, [third.id]);
    expect((await check()).items.map((x) => x.id)).toContain(third.id);

    const notApplied = (await check()).items.find((x) => !x.match?.applied);
    expect(notApplied).toBeDefined();
    elsewhere(
      `INSERT INTO "Application" (id, "profileId", "gigId", origin, stage, "updatedAt") VALUES ('app_s10_test', $1, $2, 'APPLIED', 'APPLIED', now())`,
      [profile, notApplied!.id],
    );
    expect((await check()).items.find((x) => x.id === notApplied!.id)?.match?.applied).toBe(true);
  }, 60_000);
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
