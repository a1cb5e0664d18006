/**
 * Recall for matching: narrows the pool before the pure ranking runs. Uses the search engine
 * when it is running (hard filters as index filters) and falls back to PostgreSQL otherwise,
 * so recommendations keep working while the engine is rebuilding or down.
 */
import { db } from "~/db.server";
import type { Gig } from "~/generated/prisma/client";
import type { MatchPerson } from "~/domain/matching";
import { Prisma } from "~/generated/prisma/client";
import { searchRuntime } from "./runtime.server";

export async function recallPeopleForGig(gig: Gig, opts: { limit: number; labVisibleOnly: boolean }): Promise<string[]> {
  const rt = searchRuntime();
  if (rt?.ready) {
    try {
      return await rt.recallPeople(gig, opts);
    } catch (e) {
      console.warn(`search recall failed, falling back to PostgreSQL: ${(e as Error).message}`);
    }
  }
  return recallPeopleSql(gig, opts);
}

/** PostgreSQL-only recall: sum of the gig's task-type scores, hard language filter. */
export async function recallPeopleSql(gig: Pick<Gig, "taskTypes" | "languages">, opts: { limit: number; labVisibleOnly: boolean }) {
  const tasks = gig.taskTypes.length ? gig.taskTypes : ["__none__"];
  const sum = Prisma.join(
    tasks.map((t) => Prisma.sql`COALESCE(("transferScores"->>${t})::int, 0)`),
    " + ",
  );
  const rows = await db().$queryRaw<{ id: string }[]>`
    SELECT id FROM "Profile"
    WHERE (${opts.labVisibleOnly}::boolean = false OR visibility = 'LABS')
      AND "languageCodes" @> ${gig.languages}::text[]
      AND (${sum}) > 0
    ORDER BY (${sum}) DESC, id ASC
    LIMIT ${opts.limit}`;
  return rows.map((r) => r.id);
}

export async function recallGigsForPerson(person: MatchPerson, opts: { limit: number }): Promise<string[]> {
  const rt = searchRuntime();
  if (rt?.ready) {
    try {
      return await rt.recallGigs(person, opts);
    } catch (e) {
      console.warn(`search recall failed, falling back to PostgreSQL: ${(e as Error).message}`);
    }
  }
  const strong = Object.entries(person.transferScores)
    .filter(([, s]) => s >= 20)
    .map(([k]) => k);
  const gigs = await db().gig.findMany({
    where: { status: "OPEN", ...(strong.length ? { taskTypes: { hasSome: strong } } : {}) },
    select: { id: true },
    orderBy: [{ publishedAt: "desc" }, { id: "asc" }],
    take: opts.limit,
  });
  return gigs.map((g) => g.id);
}
