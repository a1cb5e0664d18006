/** Builds search documents from database rows (the database is the source of truth). */
import { db } from "~/db.server";
import type { Credit, Gig, Lab, Profile } from "~/generated/prisma/client";
import { hourlyPay } from "~/domain/gigs";
import { TASK_TYPE_KEYS, departmentOfRole, roleByKey, taskTypeName } from "~/domain/taxonomy";
import { profileLanguages, timezoneOffsetMinutes, transferScoresOf } from "~/services/people.server";
import { HOURS_BANDS, PAY_BANDS, scoreField } from "./indexes";

export function gigDocument(g: Gig & { lab: Pick<Lab, "name"> }) {
  const hourly = hourlyPay(g);
  const cents = hourly?.amount ?? null;
  return {
    id: g.id,
    title: g.title,
    labName: g.lab.name,
    description: g.description.slice(0, 4000),
    taskText: g.taskTypes.map((t) => taskTypeName(t)).join(". "),
    taskTypes: g.taskTypes,
    modality: g.modality,
    genres: g.genres,
    languages: g.languages,
    payBand: cents == null ? "unknown" : (PAY_BANDS.find((b) => cents < b.max)?.key ?? "75_plus"),
    hoursBand: g.hoursPerWeek == null ? "flexible" : (HOURS_BANDS.find((b) => (g.hoursPerWeek ?? 0) <= b.max)?.key ?? "21_plus"),
    labId: g.labId,
    payHourlyCents: cents ?? 0,
    hoursPerWeek: g.hoursPerWeek ?? 0,
    publishedAt: (g.publishedAt ?? g.createdAt).getTime(),
    screeningPaid: g.screeningPaid,
  };
}

/** What personDocument reads: a profile and its credits (whole Prisma rows or reindexAll's SQL rows). */
export type PersonDocumentInput = Pick<
  Profile,
  "id" | "displayName" | "headline" | "bio" | "transferScores" | "languages" | "visibility" | "hoursPerWeek" | "minRateCents" | "timezone"
> & {
  credits: (Pick<Credit, "showTitle" | "role" | "network" | "format" | "genres" | "department" | "episodes"> & {
    verifiedAt: Date | string | null;
  })[];
};

export function personDocument(p: PersonDocumentInput) {
  const scores = transferScoresOf(p);
  const languages = profileLanguages(p)
    .filter((l) => l.level !== "conversational")
    .map((l) => l.code);
  const doc: Record<string, unknown> = {
    id: p.id,
    displayName: p.displayName,
    headline: p.headline,
    bio: p.bio.slice(0, 2000),
    creditText: p.credits
      .map((c) => {
        const role = roleByKey(c.role);
        return [c.showTitle, role?.label ?? c.role, ...(role?.aliases ?? []), c.network].filter(Boolean).join(" ");
      })
      .join(". ")
      .slice(0, 8000),
    topTasks: Object.entries(scores)
      .filter(([, s]) => s >= 50)
      .map(([k]) => k),
    languages: languages.length ? languages : [],
    formats: [...new Set(p.credits.map((c) => c.format))],
    genres: [...new Set(p.credits.flatMap((c) => c.genres))],
    departments: [...new Set(p.credits.map((c) => departmentOfRole(c.role as never) ?? c.department))],
    visibility: p.visibility,
    hoursPerWeek: p.hoursPerWeek ?? 0,
    minRateCents: p.minRateCents ?? 0,
    timezoneOffset: timezoneOffsetMinutes(p.timezone) ?? 0,
    verifiedCredits: p.credits.filter((c) => c.verifiedAt).length,
    hasVerified: p.credits.some((c) => c.verifiedAt),
    totalEpisodes: p.credits.reduce((a, c) => a + c.episodes, 0),
    bestScore: Math.max(0, ...Object.values(scores)),
  };
  for (const k of TASK_TYPE_KEYS) doc[scoreField(k)] = scores[k] ?? 0;
  return doc;
}

/** Credits in the order the profile shows them (creditText is cut at 8,000 characters). */
export const CREDIT_ORDER = [{ position: "asc" as const }, { startYear: "desc" as const }, { id: "asc" as const }];

/** Current documents for these ids; ids that should not be in the index come back in `remove`. */
export async function loadDocuments(index: "gigs" | "people", ids: string[]) {
  if (index === "gigs") {
    const gigs = await db().gig.findMany({ where: { id: { in: ids } }, include: { lab: { select: { name: true } } } });
    const open = gigs.filter((g) => g.status === "OPEN");
    const keep = new Set(open.map((g) => g.id));
    return { upsert: open.map(gigDocument), remove: ids.filter((id) => !keep.has(id)) };
  }
  const people = await db().profile.findMany({ where: { id: { in: ids } }, include: { credits: { orderBy: CREDIT_ORDER } } });
  const keep = new Set(people.map((p) => p.id));
  return { upsert: people.map(personDocument), remove: ids.filter((id) => !keep.has(id)) };
}
