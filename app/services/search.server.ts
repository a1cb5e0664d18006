/**
 * Gig search (everyone) and talent search (coordinators, lab members). Query parameters are
 * parsed with zod; the engine applies filters, facets, sorting and pagination; results are
 * then loaded from the database for display so the page never shows stale pay terms.
 */
import { labLogoUrl } from "~/domain/lab-profile";
import { z } from "zod";
import { db } from "~/db.server";
import { type FacetOption, facetOptions } from "~/domain/facets";
import { gigSummary } from "~/domain/gigs";
import { cardMatch, meetsMinimumRate, rankGigsByScore } from "~/domain/matching";
import { FORMAT_KEYS, GENRE_KEYS, MODALITY_KEYS, TASK_TYPE_KEYS } from "~/domain/taxonomy";
import type { Filter, SearchResult } from "~/search/engine.server";
import { GIGS_INDEX, HOURS_BANDS, PAY_BANDS, PEOPLE_INDEX, scoreField } from "~/search/indexes";
import { searchRuntime } from "~/search/runtime.server";
import { rows, sql } from "~/sql.server";
import type { StartedSearch } from "~/search/service.server";
import type { ActingUser } from "./actor";
import { MATCH_LABELS, type RecallEntry, currentRecall, currentRecallWithViewer } from "./matching.server";
import { transferScoresOf } from "./people.server";

const many = <T extends z.ZodTypeAny>(item: T) =>
  z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(item).max(30));

export const gigSearchSchema = z.object({
  q: z.string().trim().max(200, "Use at most 200 characters.").default(""),
  taskTypes: many(z.enum(TASK_TYPE_KEYS)),
  modality: many(z.enum(MODALITY_KEYS)),
  genres: many(z.enum(GENRE_KEYS)),
  languages: many(z.string().regex(/^[a-z]{2,3}$/)),
  payBand: many(z.enum(["unknown", ...PAY_BANDS.map((b) => b.key)] as [string, ...string[]])),
  hoursBand: many(z.enum(["flexible", ...HOURS_BANDS.map((b) => b.key)] as [string, ...string[]])),
  sort: z.enum(["relevance", "match", "newest", "pay"]).catch("relevance"),
  page: z.coerce.number().int().min(1).max(500).catch(1),
});
export type GigSearchParams = z.output<typeof gigSearchSchema>;

/** URLSearchParams -> plain object with repeated keys as arrays. */
export function paramsToObject(params: URLSearchParams) {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of params) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

function engine() {
  const rt = searchRuntime() as StartedSearch | undefined;
  if (!rt?.ready) throw new SearchUnavailable();
  return rt.engine;
}

export class SearchUnavailable extends Error {
  constructor() {
    super("Search is starting up or temporarily unavailable. Please try again in a moment.");
  }
}

const PER_PAGE = 20;

/**
 * Facet options that stay put while a person clicks (see app/domain/facets.ts). `filters` holds
 * one entry per field. For "either of" facets (`in` filters) the count next to an option is
 * computed without that facet's own filter, so ticking a second task type shows what it adds;
 * for "all of" facets (languages) it is the count under every filter. Costs one engine call
 * for the base order plus one per "either of" facet in use; each returns no documents.
 */
export async function stableFacets(
  index: string,
  q: string,
  filters: Filter[],
  names: string[],
  current: Record<string, Record<string, number>>,
  selected: Record<string, string[]>,
  scope: Filter[] = [],
): Promise<Record<string, FacetOption[]>> {
  const search = (f: Filter[], facets: string[]) => engine().search(index, { q, filters: f, facets, perPage: 1, retrieve: [] }, scope);
  const either = filters.filter((f) => f.op === "in" && names.includes(f.field));
  const [base, ...own] = await Promise.all([
    filters.length ? search([], names).then((r) => r.facets) : Promise.resolve(current),
    ...either.map((f) =>
      search(
        filters.filter((g) => g !== f),
        [f.field],
      ).then((r) => r.facets),
    ),
  ]);
  const counts: Record<string, Record<string, number>> = { ...current };
  for (const [i, f] of either.entries()) counts[f.field] = own[i]?.[f.field] ?? {};
  return Object.fromEntries(names.map((n) => [n, facetOptions(base?.[n], counts[n], selected[n] ?? [])]));
}

/**
 * Which of `gigIds` the professional applied to (any status), in no particular order: the same
 * ids as `db().application.findMany({ where: { profileId, gigId: { in: gigIds } }, select: { gigId: true } })`
 * (tests/integration/hot-reads.test.ts), read on the bare pg pool (decision 0032).
 */
export async function appliedGigIds(profileId: string, gigIds: string[]): Promise<string[]> {
  if (gigIds.length === 0) return [];
  const found = await rows<{ gigId: string }>(
    sql`SELECT "gigId" FROM "Application" WHERE "profileId" = ${profileId} AND "gigId" = ANY(${gigIds}::text[])`,
  );
  return found.map((r) => r.gigId);
}

/**
 * What a search card shows of a gig, the same for every viewer: `gigSummary` without the gig's genres
 * and languages (GigCard shows neither, decision 0035) and the lab's logo URL. Computed once per cached
 * gig row version (`RecallEntry`, replaced whenever the gig, its lab or its logo changes), not per view.
 */
const searchCards = new WeakMap<RecallEntry, ReturnType<typeof toSearchCard>>();

function toSearchCard(e: RecallEntry) {
  const { genres: _genres, languages: _languages, ...summary } = gigSummary({ ...e.gig, lab: { name: e.gig.labName } });
  return { ...summary, labLogoUrl: labLogoUrl(e.gig.labSlug, e.gig.logoSha256) };
}

function searchCard(e: RecallEntry) {
  let card = searchCards.get(e);
  if (!card) {
    card = toSearchCard(e);
    searchCards.set(e, card);
  }
  return card;
}

export async function searchGigs(p: GigSearchParams, viewer: ActingUser | null) {
  const filters: Filter[] = [];
  if (p.taskTypes.length) filters.push({ field: "taskTypes", op: "in", values: p.taskTypes });
  if (p.modality.length) filters.push({ field: "modality", op: "in", values: p.modality });
  if (p.genres.length) filters.push({ field: "genres", op: "in", values: p.genres });
  if (p.languages.length) filters.push({ field: "languages", op: "all", values: p.languages });
  if (p.payBand.length) filters.push({ field: "payBand", op: "in", values: p.payBand });
  if (p.hoursBand.length) filters.push({ field: "hoursBand", op: "in", values: p.hoursBand });
  const profileId = viewer?.profileId ?? null;
  const sort =
    p.sort === "newest"
      ? { field: "publishedAt", direction: "desc" as const }
      : p.sort === "pay"
        ? { field: "payHourlyCents", direction: "desc" as const }
        : undefined;
  const facets = ["taskTypes", "modality", "genres", "languages", "payBand", "hoursBand"];
  const search = (): Promise<SearchResult<Record<string, unknown>>> =>
    engine().search(GIGS_INDEX, { q: p.q, filters, facets, sort, page: p.page, perPage: PER_PAGE, highlight: ["title"], retrieve: [] });
  // The cards' reads are one statement (decision 0041, as the dashboard's 0034): the open gigs' row versions,
  // the viewer's MatchPerson and their applications among those gigs; only gigs new to this process or
  // changed since are read in full. No results: nothing to read (the viewer only scores cards).
  const cardsOf = async (ids: string[]) =>
    ids.length === 0
      ? { person: null, entries: [], applied: new Set<string>() }
      : profileId
        ? await currentRecallWithViewer(ids, profileId)
        : { person: null, entries: await currentRecall(ids), applied: new Set<string>() };
  let result: SearchResult<Record<string, unknown>> | undefined;
  let ids: string[] = [];
  let total = 0;
  let reads: Awaited<ReturnType<typeof cardsOf>> | undefined;
  if (p.sort === "match" && profileId) {
    // "Best match for me": rank the first 300 hits by the personal match score, then paginate.
    const first = await engine().search(GIGS_INDEX, { q: p.q, filters, facets, perPage: 100, page: 1, highlight: ["title"], retrieve: [] });
    const more = [];
    for (let page = 2; page <= Math.min(3, first.totalPages); page++) {
      more.push(...(await engine().search(GIGS_INDEX, { q: p.q, filters, perPage: 100, page, retrieve: [] })).hits);
    }
    const all = [...first.hits, ...more];
    // The viewer and the matching fields of the 300 from the row-version cache, in one statement (was a
    // read of the viewer and a Prisma read of up to 300 rows). Only OPEN gigs: one closed but not yet out
    // of the index is no longer ranked. No hits: no statement (nothing to rank, whoever the viewer is).
    reads = await cardsOf(all.map((h) => h.id));
    if (reads.person || all.length === 0) {
      // Gigs paying less than the person's minimum rate come after every gig that meets it (flagged below).
      // "last" keeps every gig, so the total is the number ranked; only the pages up to this one are
      // needed in order (ranking sorts on the score alone; no reasons are built for the ranked gigs).
      const scored = reads.person
        ? rankGigsByScore(
            reads.person,
            reads.entries.map((e) => e.matchGig),
            { belowMinimum: "last", limit: p.page * PER_PAGE },
          )
        : [];
      total = reads.entries.length;
      ids = scored.slice((p.page - 1) * PER_PAGE, p.page * PER_PAGE).map((s) => s.gig.id);
      result = { ...first, hits: all.filter((h) => ids.includes(h.id)) };
    }
  }
  if (!result) {
    // Other sorts, and "best match" for a viewer whose profile row is gone (relevance, as before).
    result = await search();
    ids = result.hits.map((h) => h.id);
    total = result.total;
    reads = await cardsOf(ids);
  }
  const { person, entries, applied } = reads as Awaited<ReturnType<typeof cardsOf>>;
  const byId = new Map(entries.map((e) => [e.gig.id, e]));
  const highlights = new Map(result.hits.map((h) => [h.id, h.highlights.title]));
  const mp = person;
  const items = ids.flatMap((id) => {
    const e = byId.get(id);
    if (!e) return [];
    const mg = e.matchGig;
    const match = mp ? cardMatch(mp, mg, MATCH_LABELS) : null;
    return [
      {
        ...searchCard(e),
        highlightTitle: highlights.get(id),
        match:
          match && mp
            ? {
                score: match.score,
                // The card shows the first reason only (decision 0035).
                reasons: [match.reason],
                belowMinimum: meetsMinimumRate(mp, mg) === false,
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
  return { items, total, page: p.page, totalPages: Math.max(1, Math.ceil(total / PER_PAGE)), facets: options, tookMs: result.tookMs };
}

/**
 * The talent form always has three task-type rows, each a `task` select and a `min` box; a row left
 * on "Any" sends `task=` with its `min`. Such rows are dropped together with their minimum, so the
 * chosen rows keep their own minimums and an "Any" row never invalidates the other filters.
 */
function dropAnyTaskRows(v: unknown): unknown {
  if (!v || typeof v !== "object" || Array.isArray(v)) return v;
  const o = v as Record<string, unknown>;
  const list = (x: unknown): unknown[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);
  const tasks = list(o.task);
  if (!tasks.includes("")) return v;
  const mins = list(o.min);
  const keep = tasks.flatMap((t, i) => (t === "" ? [] : [i]));
  return { ...o, task: keep.map((i) => tasks[i]), min: keep.map((i) => mins[i] ?? "") };
}

export const talentSearchSchema = z.preprocess(
  dropAnyTaskRows,
  z.object({
    q: z.string().trim().max(200, "Use at most 200 characters.").default(""),
    languages: many(z.string().regex(/^[a-z]{2,3}$/)),
    formats: many(z.enum(FORMAT_KEYS)),
    genres: many(z.enum(GENRE_KEYS)),
    departments: many(z.string().regex(/^[A-Z_]{2,30}$/)),
    minHours: z.coerce.number().int().min(0).max(80).optional().catch(undefined),
    maxRate: z.coerce.number().min(0).max(100_000).optional().catch(undefined),
    tzMin: z.coerce.number().int().min(-12).max(14).optional().catch(undefined),
    tzMax: z.coerce.number().int().min(-12).max(14).optional().catch(undefined),
    verified: z.enum(["1"]).optional().catch(undefined),
    task: many(z.enum(TASK_TYPE_KEYS)).pipe(z.array(z.enum(TASK_TYPE_KEYS)).max(3, "Filter on at most 3 task types.")),
    min: many(z.coerce.number().int().min(0).max(100)),
    /** "score": the first chosen task type's score, else each person's best score. Default: relevance with words, score without. */
    sort: z.enum(["relevance", "score"]).optional().catch(undefined),
    /** The gig the viewer is inviting people to (route-level; checked against what the viewer may invite to). */
    gig: z.string().trim().max(40).optional().catch(undefined),
    page: z.coerce.number().int().min(1).max(500).catch(1),
  }),
);
export type TalentSearchParams = z.output<typeof talentSearchSchema>;

/** The talent sort in effect: what the person chose, else relevance when there are words and score when there are none. */
export function talentSort(p: Pick<TalentSearchParams, "sort" | "q">): "relevance" | "score" {
  return p.sort ?? (p.q ? "relevance" : "score");
}

/**
 * The engine query of a talent search: filters, the audience scope and the sort. Shared by the
 * talent page and saved screeners' eligible counts (`countTalent`), so both count the same people.
 */
export function talentQuery(p: TalentSearchParams, viewer: Pick<ActingUser, "role">) {
  const staff = viewer.role === "COORDINATOR" || viewer.role === "ADMIN";
  const filters: Filter[] = [];
  if (p.languages.length) filters.push({ field: "languages", op: "all", values: p.languages });
  if (p.formats.length) filters.push({ field: "formats", op: "in", values: p.formats });
  if (p.genres.length) filters.push({ field: "genres", op: "in", values: p.genres });
  if (p.departments.length) filters.push({ field: "departments", op: "in", values: p.departments });
  if (p.minHours != null) filters.push({ field: "hoursPerWeek", op: "range", gte: p.minHours });
  // A person's minimum rate is private: only coordinators may filter on it.
  if (staff && p.maxRate != null) filters.push({ field: "minRateCents", op: "range", lte: Math.round(p.maxRate * 100) });
  if (p.tzMin != null || p.tzMax != null)
    filters.push({ field: "timezoneOffset", op: "range", gte: (p.tzMin ?? -12) * 60, lte: (p.tzMax ?? 14) * 60 });
  if (p.verified) filters.push({ field: "verifiedCredits", op: "range", gte: 1 });
  for (const [i, t] of p.task.entries()) filters.push({ field: scoreField(t), op: "range", gte: p.min[i] ?? 50 });
  const scope: Filter[] = staff ? [] : [{ field: "visibility", op: "eq", value: "LABS" }];
  const sortBy = talentSort(p);
  const sort = sortBy === "score" ? { field: p.task[0] ? scoreField(p.task[0]) : "bestScore", direction: "desc" as const } : undefined;
  return { staff, filters, scope, sortBy, sort };
}

/** How many people a talent search finds (its `total`), without loading a page of them. */
export async function countTalent(p: TalentSearchParams, viewer: Pick<ActingUser, "role">): Promise<number> {
  const { filters, scope } = talentQuery(p, viewer);
  const result = await engine().search(PEOPLE_INDEX, { q: p.q, filters, perPage: 1, retrieve: [] }, scope);
  return result.total;
}

export async function searchTalent(p: TalentSearchParams, viewer: ActingUser) {
  const { staff, filters, scope, sortBy, sort } = talentQuery(p, viewer);
  const facetNames = ["topTasks", "languages", "formats", "genres", "departments", "hasVerified"];
  const result = await engine().search(
    PEOPLE_INDEX,
    { q: p.q, filters, facets: facetNames, sort, page: p.page, perPage: PER_PAGE, highlight: ["headline"] },
    scope,
  );
  const facets = await stableFacets(
    PEOPLE_INDEX,
    p.q,
    filters,
    ["languages", "formats", "genres", "departments"],
    result.facets,
    { languages: p.languages, formats: p.formats, genres: p.genres, departments: p.departments },
    scope,
  );
  const ids = result.hits.map((h) => h.id);
  const profiles = await db().profile.findMany({
    where: { id: { in: ids }, ...(staff ? {} : { visibility: "LABS" }) },
    select: {
      id: true,
      displayName: true,
      headline: true,
      transferScores: true,
      hoursPerWeek: true,
      timezone: true,
      languageCodes: true,
      _count: { select: { credits: true } },
    },
  });
  const byId = new Map(profiles.map((x) => [x.id, x]));
  return {
    items: ids.flatMap((id) => {
      const x = byId.get(id);
      if (!x) return [];
      const scores = Object.entries(transferScoresOf(x))
        .sort((a, b) => b[1] - a[1])
        .slice(0, 3);
      return [
        {
          id: x.id,
          displayName: x.displayName,
          headline: x.headline,
          hoursPerWeek: x.hoursPerWeek,
          timezone: x.timezone,
          languages: x.languageCodes,
          credits: x._count.credits,
          topScores: scores,
        },
      ];
    }),
    total: result.total,
    page: p.page,
    totalPages: result.totalPages,
    sort: sortBy,
    facets,
    topTasks: result.facets.topTasks ?? {},
    tookMs: result.tookMs,
    canFilterRate: staff,
  };
}
