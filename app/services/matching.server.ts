/**
 * Matching, both ways: candidates for a gig and gigs for a person. Recall narrows the pool
 * (the search engine with hard filters, see app/search), then the pure ranking in
 * app/domain/matching.ts scores each candidate with readable reasons.
 */
import { db } from "~/db.server";
import type { Gig, Prisma } from "~/generated/prisma/client";
import { type GigForMatching, type GigLike, toMatchGig } from "~/domain/gigs";
import {
  type GigForPerson,
  MATCH_LABELS,
  type MatchGig,
  type MatchPerson,
  rankCandidates,
  rankGigsForPerson,
  scoreMatch,
} from "~/domain/matching";
import { recallGigsForPerson, recallPeopleForGig } from "~/search/recall.server";
import { rows, sql } from "~/sql.server";
import {
  VIEWER_PERSON_JSON,
  type ViewerPerson,
  type ViewerPersonRow,
  loadViewerPerson,
  profileLanguages,
  timezoneOffsetMinutes,
  transferScoresOf,
  viewerPersonOf,
} from "./people.server";

// Re-exported for callers that import them from here (search, bench, tests).
export { MATCH_LABELS } from "~/domain/matching";
export { toMatchGig } from "~/domain/gigs";

/** The gig columns `toMatchGig` reads (with the terms, so the effective hourly is the same as from a whole row). */
export const MATCH_GIG_SELECT = {
  id: true,
  taskTypes: true,
  genres: true,
  formats: true,
  languages: true,
  hoursPerWeek: true,
  payAmountCents: true,
  payUnit: true,
  payCurrency: true,
  minutesPerTask: true,
  timezoneMinOffset: true,
  timezoneMaxOffset: true,
  startDate: true,
  endDate: true,
  noticeDays: true,
  rateLockDays: true,
  minimumPaidHoursPerWeek: true,
  killFeeCents: true,
  assessmentMinutes: true,
  trainingMinutes: true,
  screeningPaid: true,
  screeningRateCents: true,
  onboardingPaid: true,
  assessmentPaidWhen: true,
  trainingPaidWhen: true,
} as const satisfies Prisma.GigSelect;

export async function matchForApplication(profileId: string, gigId: string, loaded?: { gig?: Gig }) {
  // The caller's gig row, when it has one, saves a query; the person is one query (loadViewerPerson).
  const [person, gig] = await Promise.all([
    loadViewerPerson(profileId),
    loaded?.gig?.id === gigId ? loaded.gig : db().gig.findUnique({ where: { id: gigId } }),
  ]);
  if (!person || !gig) return null;
  return applicationMatch(person, gig);
}

/** matchForApplication's score, for a person and gig already loaded (app/services/applications.server.ts). */
export function applicationMatch(person: MatchPerson, gig: Gig) {
  return scoreMatch(person, toMatchGig(gig), MATCH_LABELS);
}

export interface Candidate {
  profileId: string;
  displayName: string;
  headline: string;
  score: number;
  reasons: string[];
  applicationStage: string | null;
  /** Only with `applicationIds: true`: the id of the person's application to the gig, or null. */
  applicationId?: string | null;
}

export type CandidatePerson = MatchPerson & {
  displayName: string;
  headline: string;
  applicationStage: string | null;
  /** Only with `withApplicationId: true`. */
  applicationId?: string | null;
};

/** One person as loadCandidatePeople's query returns it (a JSON array, see the SELECT). */
type CandidateTuple = [
  id: string,
  displayName: string,
  headline: string,
  transferScores: unknown,
  languages: unknown,
  hoursPerWeek: number | null,
  minRateCents: number | null,
  rateCurrency: string,
  timezone: string,
  availableFrom: string | null,
  formats: string[] | null,
  genres: (string[] | null)[] | null,
  verifiedCredits: number,
  applicationStage: string | null,
  applicationId: string | null,
];

/**
 * Loads the recalled people in the shape ranking needs, in ONE query: the profile columns that
 * `toMatchPerson` reads, each person's credit formats, genres and verified-credit count
 * (aggregated per person over the credits index), and their application to this gig, if any.
 * Produces the same MatchPerson as `toMatchPerson` (tests/integration/matching.test.ts).
 *
 * Measured at 100k profiles (docs/ARCHITECTURE.md, Performance): loading whole profiles with
 * every credit row through Prisma was ~150 ms for 400 people. Per-person LATERAL aggregates
 * without DISTINCT (duplicates are dropped here) were twice as fast as GROUP BY with DISTINCT,
 * and returning the rows as ONE json value (a single JSON.parse instead of per-cell decoding in
 * pg and Prisma) took another third off.
 */
export async function loadCandidatePeople(
  ids: string[],
  opts: { labVisibleOnly: boolean; gigId: string; withApplicationId?: boolean },
): Promise<CandidatePerson[]> {
  if (ids.length === 0) return [];
  // On the bare pg pool (app/sql.server.ts, decision 0033): the same statement and value as through $queryRaw.
  const found = await rows<{ people: CandidateTuple[] | null }>(sql`
    SELECT json_agg(json_build_array(
             p.id, p."displayName", p.headline, p."transferScores", p.languages, p."hoursPerWeek", p."minRateCents",
             p."rateCurrency", p.timezone, to_char(p."availableFrom", 'YYYY-MM-DD'),
             c.formats, c.genres, c.verified, a.stage, a.id)) AS people
    FROM "Profile" p
    LEFT JOIN LATERAL (
      SELECT array_agg(cr.format) AS formats, json_agg(cr.genres) AS genres,
             count(*) FILTER (WHERE cr."verifiedAt" IS NOT NULL)::int AS verified
      FROM "Credit" cr WHERE cr."profileId" = p.id
    ) c ON true
    LEFT JOIN "Application" a ON a."profileId" = p.id AND a."gigId" = ${opts.gigId}
    WHERE p.id = ANY(${ids}::text[])
      AND (${opts.labVisibleOnly}::boolean = false OR p.visibility = 'LABS')`);
  const people = found[0]?.people ?? [];
  const withId = opts.withApplicationId === true;
  return people.map((r) => ({
    id: r[0],
    displayName: r[1],
    headline: r[2],
    transferScores: transferScoresOf({ transferScores: r[3] as never }),
    formats: [...new Set(r[10] ?? [])],
    genres: [...new Set((r[11] ?? []).flatMap((g) => g ?? []))],
    languages: profileLanguages({ languages: r[4] as never }),
    hoursPerWeek: r[5],
    minRate: r[6] != null ? { amount: r[6], currency: r[7] } : null,
    timezoneOffsetMinutes: timezoneOffsetMinutes(r[8]),
    verifiedCreditCount: r[12],
    availableFrom: r[9],
    applicationStage: r[13],
    ...(withId ? { applicationId: r[14] } : {}),
  }));
}

/** "Candidates for this gig": recall (engine, hard filters) + ranking of the top `limit`. */
export async function gigCandidates(
  gigId: string,
  opts: { limit?: number; viewerRole?: string; gig?: Gig; applicationIds?: boolean } = {},
): Promise<Candidate[]> {
  // The caller's row, when it has one (the gig page), saves a query.
  const gig = opts.gig?.id === gigId ? opts.gig : await db().gig.findUnique({ where: { id: gigId } });
  if (!gig) return [];
  // Only coordinators and admins may see people whose profile is visible to coordinators only.
  const labVisibleOnly = opts.viewerRole !== "COORDINATOR" && opts.viewerRole !== "ADMIN";
  const ids = await recallPeopleForGig(gig, { limit: 400, labVisibleOnly });
  if (ids.length === 0) return [];
  const people = await loadCandidatePeople(ids, { labVisibleOnly, gigId: gig.id, withApplicationId: opts.applicationIds });
  // Labs (and coordinators on the same page) see the lab score: nothing here reads a private field.
  const ranked = rankCandidates(people, toMatchGig(gig), opts.limit ?? 50, { ...MATCH_LABELS, audience: "lab" });
  return ranked.map((r) => ({
    profileId: r.person.id,
    displayName: r.person.displayName,
    headline: r.person.headline,
    score: r.score,
    reasons: r.match.sharedReasons,
    applicationStage: r.person.applicationStage,
    ...(opts.applicationIds ? { applicationId: r.person.applicationId ?? null } : {}),
  }));
}

/**
 * A recalled open gig in one row: the columns `toMatchGig` reads (the terms included, so the
 * effective hourly is the same as from a whole row), what `gigSummary` shows on a card, and its
 * lab's name, slug and logo hash. Not the description, disclosures or other long text.
 */
export type RecommendableGig = Omit<GigLike, "lab" | "disclosureTrains" | "disclosureCreativeUse" | "disclosureRetention"> &
  GigForMatching & {
    startDate: Date | null;
    endDate: Date | null;
    labName: string;
    labSlug: string;
    logoSha256: string | null;
  };

/**
 * The OPEN gigs among `ids` (in no particular order) in one statement on the bare pg pool
 * (decision 0034), each with `version`: its Gig, Lab and LabLogo row versions (PostgreSQL's `xmin`,
 * new on every UPDATE, whatever process or statement made it). Before, a Prisma query read the
 * matching fields of all 300 recalled gigs (~4 ms of node CPU) and a second statement the six shown
 * with their labs. tests/integration/dashboard-reads.test.ts compares it with those queries.
 */
export async function openGigsForRecommendation(ids: string[]): Promise<(RecommendableGig & { version: string })[]> {
  if (ids.length === 0) return [];
  return rows<RecommendableGig & { version: string }>(sql`
    SELECT g.id, g.title, g.status::text AS status, g."taskTypes", g.modality, g.genres, g.formats, g.languages,
           g."hoursPerWeek", g."weeklyCapHours", g."payAmountCents", g."payUnit"::text AS "payUnit", g."payCurrency",
           g."minutesPerTask", g."timezoneMinOffset", g."timezoneMaxOffset", g."startDate", g."endDate", g."noticeDays",
           g."rateLockDays", g."minimumPaidHoursPerWeek", g."killFeeCents", g."assessmentMinutes", g."trainingMinutes",
           g."screeningPaid", g."screeningRateCents", g."onboardingPaid", g."assessmentPaidWhen", g."trainingPaidWhen",
           g."screeningRequired", l.name AS "labName", l.slug AS "labSlug", lo.sha256 AS "logoSha256",
           g.xmin::text || '.' || l.xmin::text || '.' || coalesce(lo.xmin::text, '-') AS version
    FROM "Gig" g
    JOIN "Lab" l ON l.id = g."labId"
    LEFT JOIN "LabLogo" lo ON lo."labId" = l.id
    WHERE g.id = ANY(${ids}::text[]) AND g.status = 'OPEN'`);
}

export interface RecallEntry {
  version: string;
  gig: RecommendableGig;
  matchGig: MatchGig;
}

/**
 * Per process: the recalled gigs already read, by id. Every use is checked against the database
 * first (`currentRecall`), so a change made by any process or statement is seen on the next view;
 * only the decoding of unchanged rows and their `toMatchGig` are saved (decision 0034).
 */
const recallCache = new Map<string, RecallEntry>();
const RECALL_CACHE_MAX = 20_000;

/**
 * The OPEN gigs among `ids` with their MatchGig, as `openGigsForRecommendation` + `toMatchGig` give
 * them now: one narrow statement (id and row versions) when every gig is already known and unchanged,
 * and the full read of the changed and new ones.
 */
export async function currentRecall(ids: string[]): Promise<RecallEntry[]> {
  if (ids.length === 0) return [];
  // The version is the gig's, its lab's and its logo's `xmin`: any UPDATE of one of them changes it.
  const versions = await rows<{ id: string; version: string }>(sql`
    SELECT g.id, g.xmin::text || '.' || l.xmin::text || '.' || coalesce(lo.xmin::text, '-') AS version
    FROM "Gig" g
    JOIN "Lab" l ON l.id = g."labId"
    LEFT JOIN "LabLogo" lo ON lo."labId" = l.id
    WHERE g.id = ANY(${ids}::text[]) AND g.status = 'OPEN'`);
  return entriesOf(versions);
}

/**
 * The search page's one statement for a professional (decision 0041): the OPEN gigs among `ids` with
 * their row versions (as `currentRecall`), whether the viewer applied to each (any status: the same ids
 * as `appliedGigIds(profileId, ids)`), and the viewer's MatchPerson (`loadViewerPerson(profileId)`, read
 * as one JSON object like the gig page's, decision 0033; null when there is no such profile). Gigs new to
 * this process or changed are then read in full.
 */
export async function currentRecallWithViewer(
  ids: string[],
  profileId: string,
): Promise<{ person: ViewerPerson | null; entries: RecallEntry[]; applied: Set<string> }> {
  const found = await rows<{ person: ViewerPersonRow | null; gigs: [id: string, version: string, applied: boolean][] }>(sql`
    SELECT (SELECT ${VIEWER_PERSON_JSON}
              FROM "Profile" p WHERE p.id = ${profileId}::text) AS person,
           (SELECT coalesce(json_agg(json_build_array(
                     g.id, g.xmin::text || '.' || l.xmin::text || '.' || coalesce(lo.xmin::text, '-'),
                     EXISTS (SELECT 1 FROM "Application" a WHERE a."profileId" = ${profileId}::text AND a."gigId" = g.id))), '[]'::json)
              FROM "Gig" g
              JOIN "Lab" l ON l.id = g."labId"
              LEFT JOIN "LabLogo" lo ON lo."labId" = l.id
              WHERE g.id = ANY(${ids}::text[]) AND g.status = 'OPEN') AS gigs`);
  const { person, gigs } = found[0];
  const entries = await entriesOf(gigs.map(([id, version]) => ({ id, version })));
  return { person: person ? viewerPersonOf(person) : null, entries, applied: new Set(gigs.filter((g) => g[2]).map((g) => g[0])) };
}

/** The cached entries for these (id, version) rows; the new and changed ones are read in full first. */
async function entriesOf(versions: { id: string; version: string }[]): Promise<RecallEntry[]> {
  const stale = versions.filter((v) => recallCache.get(v.id)?.version !== v.version).map((v) => v.id);
  const fresh = new Set<string>();
  if (stale.length) {
    if (recallCache.size + stale.length > RECALL_CACHE_MAX) recallCache.clear();
    for (const { version, ...gig } of await openGigsForRecommendation(stale)) {
      recallCache.set(gig.id, { version, gig, matchGig: toMatchGig(gig) });
      fresh.add(gig.id);
    }
  }
  // A gig changed again (or closed) between the two statements: what the second one read, or nothing.
  return versions.flatMap((v) => {
    const hit = recallCache.get(v.id);
    return hit && (hit.version === v.version || fresh.has(v.id)) ? [hit] : [];
  });
}

/**
 * "Gigs for me": open gigs recalled by the person's strongest task types, ranked by match,
 * without the gigs that pay less than the person's minimum rate and those they already applied to.
 */
export async function gigsForPerson(
  profileId: string,
  opts: { limit?: number; person?: MatchPerson; appliedGigIds?: string[] } = {},
): Promise<{ gig: RecommendableGig; match: GigForPerson<MatchGig>["match"] }[]> {
  const person = opts.person ?? (await loadViewerPerson(profileId));
  if (!person) return [];
  const [gigIds, applied] = await Promise.all([
    recallGigsForPerson(person, { limit: 300 }),
    opts.appliedGigIds ??
      db()
        .application.findMany({ where: { profileId }, select: { gigId: true } })
        .then((rows) => rows.map((a) => a.gigId)),
  ]);
  // Ranked on the matching fields; the entry also carries what the card shows (no second statement).
  const gigs = await currentRecall(gigIds);
  const byId = new Map(gigs.map((g) => [g.gig.id, g.gig]));
  const ranked = rankGigsForPerson(
    person,
    gigs.map((g) => g.matchGig),
    {
      belowMinimum: "exclude",
      exclude: new Set(applied),
      limit: opts.limit ?? 10,
      ...MATCH_LABELS,
    },
  );
  return ranked.map((r) => ({ gig: byId.get(r.gig.id) as RecommendableGig, match: r.match }));
}

/** The signed-in professional's own match with one gig (their private rate included): "your match" on the gig page. */
export function yourMatch(person: MatchPerson, gig: Parameters<typeof toMatchGig>[0]) {
  const g = toMatchGig(gig);
  const [r] = rankGigsForPerson(person, [g], { belowMinimum: "last", ...MATCH_LABELS });
  return { score: r.match.score, reasons: r.match.reasons, belowMinimum: r.belowMinimum };
}
