/**
 * The process's search: picks the engine (Meilisearch when MEILI_HOST is set, the embedded
 * engine otherwise), creates the indexes, rebuilds the embedded index from the database,
 * runs the outbox worker, and answers recall queries for matching.
 */
import { env } from "../env.server";
import type { Gig } from "../generated/prisma/client";
import type { MatchPerson } from "../domain/matching";
import { createEmbeddedEngine } from "./embedded.server";
import type { Filter, SearchEngine } from "./engine.server";
import { GIGS_INDEX, INDEXES, PEOPLE_INDEX, scoreField } from "./indexes";
import { createMeilisearchEngine } from "./meilisearch.server";
import { type SearchRuntime, searchRuntime, setSearchRuntime } from "./runtime.server";
import { type OutboxWorker, reindexAll, startOutboxWorker } from "./sync.server";

export interface StartedSearch extends SearchRuntime {
  engine: SearchEngine;
  worker: OutboxWorker;
  stop(): Promise<void>;
}

export function createEngine(): SearchEngine {
  const { MEILI_HOST, MEILI_API_KEY } = env();
  return MEILI_HOST ? createMeilisearchEngine({ host: MEILI_HOST, apiKey: MEILI_API_KEY }) : createEmbeddedEngine();
}

/** Recall: per task type of the gig, the top people by that score, with the hard filters. */
export async function recallPeopleWith(engine: SearchEngine, gig: Pick<Gig, "taskTypes" | "languages">, opts: { limit: number; labVisibleOnly: boolean }) {
  const filters: Filter[] = [];
  if (gig.languages.length) filters.push({ field: "languages", op: "all", values: gig.languages });
  if (opts.labVisibleOnly) filters.push({ field: "visibility", op: "eq", value: "LABS" });
  const perTask = Math.max(50, Math.ceil(opts.limit / Math.max(1, gig.taskTypes.length)));
  // Until 2026-11 this paged 100 at a time and so took whole pages: keep that count (the same
  // people are recalled), but in one engine call per task type and without copying documents.
  const take = perTask <= 100 ? perTask : Math.ceil(perTask / 100) * 100;
  const ids = new Set<string>();
  for (const task of gig.taskTypes) {
    const r = await engine.search(PEOPLE_INDEX, {
      filters: [...filters, { field: scoreField(task), op: "range", gte: 1 }],
      sort: { field: scoreField(task), direction: "desc" },
      perPage: take,
      retrieve: [],
    });
    for (const h of r.hits) ids.add(h.id);
  }
  return [...ids];
}

export async function recallGigsWith(engine: SearchEngine, person: MatchPerson, opts: { limit: number }) {
  const strong = Object.entries(person.transferScores)
    .filter(([, s]) => s >= 20)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([k]) => k);
  const ids: string[] = [];
  for (let page = 1; ids.length < opts.limit; page++) {
    const r = await engine.search(GIGS_INDEX, {
      filters: strong.length ? [{ field: "taskTypes", op: "in", values: strong }] : [],
      sort: { field: "publishedAt", direction: "desc" },
      page,
      perPage: 100,
    });
    ids.push(...r.hits.map((h) => h.id));
    if (page >= r.totalPages) break;
  }
  return ids.slice(0, opts.limit);
}

export async function startSearch(log: (m: string) => void = console.log): Promise<StartedSearch> {
  const existing = searchRuntime() as StartedSearch | undefined;
  if (existing?.engine) return existing;
  const engine = createEngine();
  const rt: StartedSearch = {
    ready: false,
    engine,
    worker: { stop: async () => {}, flush: async () => {} },
    recallPeople: (gig, o) => recallPeopleWith(engine, gig, o),
    recallGigs: (person, o) => recallGigsWith(engine, person, o),
    async stop() {
      await rt.worker.stop();
      await engine.close();
      setSearchRuntime(undefined);
    },
  };
  setSearchRuntime(rt);
  try {
    await engine.ensureIndexes(INDEXES);
    if (engine.kind === "embedded") {
      const t0 = Date.now();
      const counts = await reindexAll(engine);
      log(`Search index built from the database in ${Date.now() - t0} ms (${counts.gigs} open gigs, ${counts.people} people)`);
    }
    rt.ready = true;
  } catch (e) {
    // The app still serves (recall falls back to PostgreSQL); the worker keeps retrying.
    log(`search engine not ready: ${(e as Error).message.split("\n")[0]}`);
  }
  rt.worker = startOutboxWorker(engine, { pollMs: env().OUTBOX_POLL_MS, log });
  return rt;
}
