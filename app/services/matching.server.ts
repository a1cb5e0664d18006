/**
 * Matching, both ways: candidates for a gig and gigs for a person. Recall narrows the pool
 * (the search engine with hard filters, see app/search), then the pure ranking in
 * app/domain/matching.ts scores each candidate with readable reasons.
 */
import { db } from "../db.server";
import type { Gig } from "../generated/prisma/client";
import { hourlyPay } from "../domain/gigs";
import { type MatchGig, type MatchOptions, rankCandidates, scoreMatch } from "../domain/matching";
import { FORMATS, GENRES, TASK_TYPES } from "../domain/taxonomy";
import { recallGigsForPerson, recallPeopleForGig } from "../search/recall.server";
import { loadProfile, toMatchPerson } from "./people.server";

export const MATCH_LABELS: MatchOptions = {
  labels: {
    taskTypes: Object.fromEntries(TASK_TYPES.map((t) => [t.key, t.name])),
    genres: Object.fromEntries(GENRES.map((g) => [g.key, g.label])),
    formats: Object.fromEntries(FORMATS.map((f) => [f.key, f.label.toLowerCase()])),
  },
};

export function toMatchGig(g: Gig): MatchGig {
  return {
    id: g.id,
    taskTypes: g.taskTypes,
    genres: g.genres,
    formats: g.formats,
    languages: g.languages,
    hoursPerWeek: g.hoursPerWeek,
    payHourlyEquivalent: hourlyPay(g),
    timezoneWindow:
      g.timezoneMinOffset != null && g.timezoneMaxOffset != null
        ? { minOffsetMinutes: g.timezoneMinOffset, maxOffsetMinutes: g.timezoneMaxOffset }
        : null,
    startDate: g.startDate ? g.startDate.toISOString().slice(0, 10) : null,
  };
}

export async function matchForApplication(profileId: string, gigId: string) {
  const [profile, gig] = await Promise.all([loadProfile(profileId), db().gig.findUnique({ where: { id: gigId } })]);
  if (!profile || !gig) return null;
  return scoreMatch(toMatchPerson(profile), toMatchGig(gig), MATCH_LABELS);
}

export interface Candidate {
  profileId: string;
  displayName: string;
  headline: string;
  score: number;
  reasons: string[];
  applicationStage: string | null;
}

/** "Candidates for this gig": recall (engine, hard filters) + ranking of the top `limit`. */
export async function gigCandidates(gigId: string, opts: { limit?: number; viewerRole?: string } = {}): Promise<Candidate[]> {
  const gig = await db().gig.findUnique({ where: { id: gigId } });
  if (!gig) return [];
  // Only coordinators and admins may see people whose profile is visible to coordinators only.
  const labVisibleOnly = opts.viewerRole !== "COORDINATOR" && opts.viewerRole !== "ADMIN";
  const ids = await recallPeopleForGig(gig, { limit: 400, labVisibleOnly });
  if (ids.length === 0) return [];
  const profiles = await db().profile.findMany({ where: { id: { in: ids }, ...(labVisibleOnly ? { visibility: "LABS" as const } : {}) }, include: { credits: true } });
  const ranked = rankCandidates(profiles.map((p) => Object.assign(toMatchPerson(p), { profile: p })), toMatchGig(gig), opts.limit ?? 50, MATCH_LABELS);
  const apps = await db().application.findMany({
    where: { gigId, profileId: { in: ranked.map((r) => r.person.id) } },
    select: { profileId: true, stage: true },
  });
  const stageOf = new Map(apps.map((a) => [a.profileId, a.stage]));
  return ranked.map((r) => ({
    profileId: r.person.id,
    displayName: r.person.profile.displayName,
    headline: r.person.profile.headline,
    score: r.score,
    reasons: r.match.sharedReasons,
    applicationStage: stageOf.get(r.person.id) ?? null,
  }));
}

/** "Gigs for me": open gigs recalled by the person's strongest task types, ranked by match. */
export async function gigsForPerson(profileId: string, opts: { limit?: number } = {}) {
  const profile = await loadProfile(profileId);
  if (!profile) return [];
  const person = toMatchPerson(profile);
  const gigIds = await recallGigsForPerson(person, { limit: 300 });
  const gigs = await db().gig.findMany({ where: { id: { in: gigIds }, status: "OPEN" }, include: { lab: true } });
  return gigs
    .map((g) => ({ gig: g, match: scoreMatch(person, toMatchGig(g), MATCH_LABELS) }))
    .sort((a, b) => b.match.score - a.match.score || (a.gig.id < b.gig.id ? -1 : 1))
    .slice(0, opts.limit ?? 10);
}
