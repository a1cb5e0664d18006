/** Loading a professional in the shapes the domain modules want (matching, transfer). */
import { db } from "~/db.server";
import { SqlText, rows, sql } from "~/sql.server";
import type { Credit, Profile } from "~/generated/prisma/client";
import type { LanguageLevel, MatchPerson } from "~/domain/matching";
import type { CreditForScoring } from "~/domain/transfer";

export type ProfileWithCredits = Profile & { credits: Credit[] };

/** Current UTC offset of an IANA time zone, in minutes (null when unknown). */
// Building an Intl.DateTimeFormat costs ~0.1-0.5 ms: keep one per time zone.
const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

// The current offset per zone, cached for the current quarter hour (UTC). Today's zone rules
// change offsets only at whole quarter hours UTC (offsets are whole quarter hours and changes
// happen on the hour or half hour local time), so a cached value is never stale. A reindex
// calls this 100,000 times.
const currentOffsets = new Map<string, { slot: number; offset: number | null }>();

export function timezoneOffsetMinutes(timeZone: string, at?: Date): number | null {
  if (at === undefined) {
    const now = Date.now();
    const slot = Math.floor(now / 900_000);
    const hit = currentOffsets.get(timeZone);
    if (hit && hit.slot === slot) return hit.offset;
    const offset = offsetAt(timeZone, new Date(now));
    if (currentOffsets.size < 1000 || hit) currentOffsets.set(timeZone, { slot, offset });
    return offset;
  }
  return offsetAt(timeZone, at);
}

function offsetAt(timeZone: string, at: Date): number | null {
  try {
    let formatter = offsetFormatters.get(timeZone);
    if (!formatter) {
      formatter = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" });
      if (offsetFormatters.size < 1000) offsetFormatters.set(timeZone, formatter);
    }
    const parts = formatter.formatToParts(at);
    const name = parts.find((p) => p.type === "timeZoneName")?.value ?? "";
    const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
    if (!m) return name === "GMT" ? 0 : null;
    return (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
  } catch {
    return null;
  }
}

export function profileLanguages(p: Pick<Profile, "languages">): { code: string; level: LanguageLevel }[] {
  if (!Array.isArray(p.languages)) return [];
  return (p.languages as unknown[]).flatMap((l) => {
    const o = l as { code?: unknown; level?: unknown };
    return typeof o?.code === "string" && (o.level === "native" || o.level === "fluent" || o.level === "conversational")
      ? [{ code: o.code, level: o.level }]
      : [];
  });
}

export function transferScoresOf(p: Pick<Profile, "transferScores">): Record<string, number> {
  const raw = p.transferScores;
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return {};
  return Object.fromEntries(Object.entries(raw).filter(([, v]) => typeof v === "number")) as Record<string, number>;
}

export function toMatchPerson(p: ProfileWithCredits): MatchPerson {
  return {
    id: p.id,
    transferScores: transferScoresOf(p),
    formats: [...new Set(p.credits.map((c) => c.format))],
    genres: [...new Set(p.credits.flatMap((c) => c.genres))],
    languages: profileLanguages(p),
    hoursPerWeek: p.hoursPerWeek,
    minRate: p.minRateCents != null ? { amount: p.minRateCents, currency: p.rateCurrency } : null,
    timezoneOffsetMinutes: timezoneOffsetMinutes(p.timezone),
    verifiedCreditCount: p.credits.filter((c) => c.verifiedAt).length,
    availableFrom: p.availableFrom ? p.availableFrom.toISOString().slice(0, 10) : null,
  };
}

export function toScoringCredit(c: Credit): CreditForScoring {
  return {
    id: c.id,
    showTitle: c.showTitle,
    format: c.format as CreditForScoring["format"],
    genres: c.genres as CreditForScoring["genres"],
    role: c.role as CreditForScoring["role"],
    startYear: c.startYear,
    endYear: c.endYear,
    episodes: c.episodes,
    verified: Boolean(c.verifiedAt),
  };
}

export async function loadProfile(profileId: string) {
  return db().profile.findUnique({
    where: { id: profileId },
    include: { credits: { orderBy: [{ position: "asc" }, { startYear: "desc" }] } },
  });
}

/** The signed-in professional as matching sees them, plus what their dashboard shows about them. */
export type ViewerPerson = MatchPerson & { displayName: string; creditCount: number };

/**
 * The viewer's MatchPerson in ONE query: the same value as `toMatchPerson(await loadProfile(id))`
 * (credits in the same order, so the same formats, genres and reasons; tests/integration/matching.test.ts),
 * without loading every profile and credit column through Prisma. Read on every signed-in gig page,
 * search and dashboard view (docs/perf/data.md, decision 0016).
 */
export async function loadViewerPerson(profileId: string): Promise<ViewerPerson | null> {
  const found = await rows<ViewerPersonRow>(sql`
    SELECT p.id, p."displayName", p."transferScores", p.languages, p."hoursPerWeek", p."minRateCents", p."rateCurrency", p.timezone,
           to_char(p."availableFrom", 'YYYY-MM-DD') AS "availableFrom",
           (SELECT coalesce(json_agg(json_build_array(c.format, c.genres, c."verifiedAt" IS NOT NULL) ORDER BY c.position ASC, c."startYear" DESC), '[]'::json)
              FROM "Credit" c WHERE c."profileId" = p.id) AS credits
    FROM "Profile" p WHERE p.id = ${profileId}`);
  const p = found[0];
  return p ? viewerPersonOf(p) : null;
}

/**
 * The viewer's MatchPerson as one JSON object, for statements that read it beside other things (the
 * gig page, the search page, the dashboard), from a "Profile" row aliased `p`: the columns and credit
 * order of loadViewerPerson, decoded by viewerPersonOf.
 */
export const VIEWER_PERSON_JSON = new SqlText(`json_build_object(
                     'id', p.id, 'displayName', p."displayName", 'transferScores', p."transferScores", 'languages', p.languages,
                     'hoursPerWeek', p."hoursPerWeek", 'minRateCents', p."minRateCents", 'rateCurrency', p."rateCurrency",
                     'timezone', p.timezone, 'availableFrom', to_char(p."availableFrom", 'YYYY-MM-DD'),
                     'credits', (SELECT coalesce(json_agg(json_build_array(c.format, c.genres, c."verifiedAt" IS NOT NULL)
                                                   ORDER BY c.position ASC, c."startYear" DESC), '[]'::json)
                                   FROM "Credit" c WHERE c."profileId" = p.id))`);

/** The columns loadViewerPerson reads (app/services/gig-page.server.ts reads the same as one JSON object). */
export interface ViewerPersonRow {
  id: string;
  displayName: string;
  transferScores: unknown;
  languages: unknown;
  hoursPerWeek: number | null;
  minRateCents: number | null;
  rateCurrency: string;
  timezone: string;
  availableFrom: string | null;
  credits: [format: string, genres: string[] | null, verified: boolean][];
}

/** The ViewerPerson of one row of loadViewerPerson's query. */
export function viewerPersonOf(p: ViewerPersonRow): ViewerPerson {
  return {
    id: p.id,
    displayName: p.displayName,
    creditCount: p.credits.length,
    transferScores: transferScoresOf({ transferScores: p.transferScores as never }),
    formats: [...new Set(p.credits.map((c) => c[0]))],
    genres: [...new Set(p.credits.flatMap((c) => c[1] ?? []))],
    languages: profileLanguages({ languages: p.languages as never }),
    hoursPerWeek: p.hoursPerWeek,
    minRate: p.minRateCents != null ? { amount: p.minRateCents, currency: p.rateCurrency } : null,
    timezoneOffsetMinutes: timezoneOffsetMinutes(p.timezone),
    verifiedCreditCount: p.credits.filter((c) => c[2]).length,
    availableFrom: p.availableFrom,
  };
}

/** The person's display name, or null. */
export async function displayNameOf(profileId: string) {
  return (await db().profile.findUnique({ where: { id: profileId }, select: { displayName: true } }))?.displayName ?? null;
}
