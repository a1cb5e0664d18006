/**
 * The process's search: picks the engine (Meilisearch when MEILI_HOST is set, the embedded
 * engine otherwise), creates the indexes, rebuilds the embedded index from the database,
 * runs the outbox worker, and answers recall queries for matching.
 */
import { env } from "~/env.server";
import type { Gig } from "~/generated/prisma/client";
import type { MatchPerson } from "~/domain/matching";
import { createEmbeddedEngine } from "./embedded.server";
import { db } from "~/db.server";
import { type Filter, MAX_PER_PAGE, type SearchEngine, SearchEngineError } from "./engine.server";
import { GIGS_INDEX, INDEXES, PEOPLE_INDEX, scoreField } from "./indexes";
import { MIN_MEILISEARCH_VERSION, type MeilisearchEngine, createMeilisearchEngine, versionAtLeast } from "./meilisearch.server";
import { type SearchRuntime, searchRuntime, setSearchRuntime } from "./runtime.server";
import {
  type OutboxWorker,
  PEER_TOPIC,
  type PeerEntities,
  applyEntities,
  backoffMs,
  reindexAll,
  reindexIfNeeded,
  startOutboxWorker,
} from "./sync.server";
import { onPeerMessage } from "~/cluster.server";

export interface StartedSearch extends SearchRuntime {
  engine: SearchEngine;
  worker: OutboxWorker;
  stop(): Promise<void>;
}

export function createEngine(log?: (m: string) => void): SearchEngine {
  const { MEILI_HOST, MEILI_API_KEY, MEILI_INDEX_PREFIX, SEARCH_ENGINE } = env();
  if (SEARCH_ENGINE === "meilisearch" && !MEILI_HOST) {
    throw new SearchEngineError("SEARCH_ENGINE=meilisearch needs MEILI_HOST (npm start sets it when it starts the bundled server)");
  }
  return MEILI_HOST
    ? createMeilisearchEngine({ host: MEILI_HOST, apiKey: MEILI_API_KEY, indexPrefix: MEILI_INDEX_PREFIX, log })
    : createEmbeddedEngine();
}

/** An index holding less than this share of the database's documents is rebuilt at start-up. */
const REBUILD_BELOW_SHARE = 0.5;

/** True when an engine index holds far fewer documents than the database (a lost or empty volume). */
export async function indexesLookLost(engine: SearchEngine): Promise<boolean> {
  const [gigs, people] = await Promise.all([db().gig.count({ where: { status: "OPEN" } }), db().profile.count()]);
  const [gi, pi] = await Promise.all([engine.count(GIGS_INDEX), engine.count(PEOPLE_INDEX)]);
  return gi < gigs * REBUILD_BELOW_SHARE || pi < people * REBUILD_BELOW_SHARE;
}

/** Checks the server version and prepares the indexes; throws when search cannot be used yet. */
async function prepare(engine: SearchEngine, log: (m: string) => void): Promise<void> {
  if (engine.kind === "meilisearch") {
    const meili = engine as MeilisearchEngine;
    const version = await meili.serverVersion();
    if (!versionAtLeast(version, MIN_MEILISEARCH_VERSION)) {
      throw new SearchEngineError(
        `Meilisearch ${version} at ${env().MEILI_HOST} is too old: this app needs ${MIN_MEILISEARCH_VERSION} or later`,
      );
    }
  }
  await engine.ensureIndexes(INDEXES);
  if (engine.kind === "embedded") {
    const t0 = Date.now();
    const counts = await reindexAll(engine);
    log(`Search index built from the database in ${Date.now() - t0} ms (${counts.gigs} open gigs, ${counts.people} people)`);
  } else if (await indexesLookLost(engine)) {
    const t0 = Date.now();
    log("Meilisearch holds far fewer documents than the database (new or lost volume): rebuilding the indexes");
    const counts = await reindexIfNeeded(engine, () => indexesLookLost(engine));
    if (counts) log(`Meilisearch indexes rebuilt in ${Date.now() - t0} ms (${counts.gigs} open gigs, ${counts.people} people)`);
  }
}

/** Recall: per task type of the gig, the top people by that score, with the hard filters. */
export async function recallPeopleWith(
  engine: SearchEngine,
  gig: Pick<Gig, "taskTypes" | "languages">,
  opts: { limit: number; labVisibleOnly: boolean },
) {
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
  // Ids only (`retrieve: []`: the engine no longer copies 300 whole documents per dashboard view),
  // in as few pages as the engine allows (one for the dashboard's 300; decision 0034).
  const perPage = Math.max(1, Math.min(opts.limit, MAX_PER_PAGE));
  for (let page = 1; ids.length < opts.limit; page++) {
    const r = await engine.search(GIGS_INDEX, {
      filters: strong.length ? [{ field: "taskTypes", op: "in", values: strong }] : [],
      sort: { field: "publishedAt", direction: "desc" },
      page,
      perPage,
      retrieve: [],
    });
    ids.push(...r.hits.map((h) => h.id));
    if (page >= r.totalPages) break;
  }
  return ids.slice(0, opts.limit);
}

/**
 * With WEB_WORKERS > 1 and the embedded engine, each worker has its own index: the entities
 * another worker drained from the outbox are loaded here too (after this worker's own build, so
 * a change made while it was building is applied again; loading is idempotent). A failed load is
 * retried with back-off; app/cluster.server.ts does nothing in a single process.
 */
function followPeers(engine: SearchEngine, preparing: Promise<void>, stopped: () => boolean, log: (m: string) => void) {
  onPeerMessage(PEER_TOPIC, (payload) => {
    const { index, entityIds } = payload as PeerEntities;
    if (![GIGS_INDEX, PEOPLE_INDEX].includes(index) || !Array.isArray(entityIds)) return;
    const run = async (n: number): Promise<void> => {
      await preparing;
      if (stopped()) return;
      try {
        await applyEntities(engine, index, entityIds);
      } catch (e) {
        if (n >= 8)
          return log(`search: gave up applying ${entityIds.length} update(s) from another worker: ${(e as Error).message.split("\n")[0]}`);
        await new Promise((r) => setTimeout(r, backoffMs(n)).unref());
        return run(n + 1);
      }
    };
    void run(0);
  });
}

/** Back-off between attempts to prepare the engine at start-up: 0.5 s doubling to 30 s. */
export const prepareBackoffMs = (attempt: number) => Math.min(30_000, 500 * 2 ** Math.min(attempt, 6));

export async function startSearch(log: (m: string) => void = console.log): Promise<StartedSearch> {
  const existing = searchRuntime() as StartedSearch | undefined;
  if (existing?.engine) return existing;
  const engine = createEngine(log);
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  let wakeRetry: (() => void) | undefined;
  const rt: StartedSearch = {
    ready: false,
    engine,
    worker: { stop: async () => {}, flush: async () => {} },
    recallPeople: (gig, o) => recallPeopleWith(engine, gig, o),
    recallGigs: (person, o) => recallGigsWith(engine, person, o),
    async stop() {
      stopped = true;
      clearTimeout(retry);
      wakeRetry?.();
      await preparing;
      await rt.worker.stop();
      await engine.close();
      setSearchRuntime(undefined);
    },
  };
  setSearchRuntime(rt);
  // Until the engine is prepared the app still serves: search says "unavailable", recall falls
  // back to PostgreSQL, and the outbox worker keeps the updates (retrying with back-off).
  const attempt = async (n: number): Promise<void> => {
    try {
      await prepare(engine, log);
      rt.ready = true;
      if (n > 0) log("search engine ready");
    } catch (e) {
      const message = (e as Error).message.split("\n")[0];
      if (stopped) return;
      if (n === 0 || n % 10 === 0) log(`search engine not ready: ${message} (retrying)`);
      await new Promise<void>((resolve) => {
        wakeRetry = resolve;
        retry = setTimeout(resolve, prepareBackoffMs(n));
      });
      if (!stopped) await attempt(n + 1);
    }
  };
  const preparing = attempt(0);
  rt.worker = startOutboxWorker(engine, { pollMs: env().OUTBOX_POLL_MS, log });
  if (engine.kind === "embedded") followPeers(engine, preparing, () => stopped, log);
  // The embedded engine is built before serving (in-process, fast). A remote engine gets a few
  // seconds; if it is not reachable yet (or rebuilding), the app serves meanwhile.
  if (engine.kind === "embedded") await preparing;
  else await Promise.race([preparing, new Promise((r) => setTimeout(r, 10_000).unref())]);
  return rt;
}
