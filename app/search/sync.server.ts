/**
 * Outbox -> search engine. The worker claims pending rows with FOR UPDATE SKIP LOCKED (so
 * several app instances can drain one outbox), loads the current state of each entity from the
 * database and upserts or deletes it (idempotent; re-read after the write, so an older state that
 * reached the engine after a newer one is corrected: see applyEntities). When the engine fails,
 * the rows stay, with a growing back-off; nothing is lost and the index converges once the
 * engine is back. `reindexAll` rebuilds an index from the database.
 */
import pg from "pg";
import { tellPeers } from "~/cluster.server";
import { db } from "~/db.server";
import type { SearchEngine } from "./engine.server";
import { type PersonDocumentInput, gigDocument, loadDocuments, personDocument } from "./documents.server";
import { GIGS_INDEX, PEOPLE_INDEX } from "./indexes";

type Row = { id: bigint; index: string; entityId: string; attempts: number };

/** The same documents, whatever order the database returned the rows in. */
function documentsKey(docs: Awaited<ReturnType<typeof loadDocuments>>): string {
  const id = (d: { id?: unknown }) => String(d.id);
  const upsert = [...docs.upsert].sort((a, b) => (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0));
  return JSON.stringify({ upsert, remove: [...docs.remove].sort() });
}

/** How many times one call writes an entity that keeps changing (its newer outbox rows follow anyway). */
const APPLY_ROUNDS = 3;

/**
 * Loads the current state of these entities from the database into the engine (idempotent), then
 * reads them again. Another worker (another instance, or a peer web worker) may have read a newer
 * state of the same entity after this one read, and written it first: the engine applies writes in
 * the order they arrive, so this older write would overwrite it and nobody would correct it. Each
 * write has completed when the engine call returns, so if the database still holds what was written,
 * any later writer read after that and its write lands after this one; if not, write again.
 */
export async function applyEntities(engine: SearchEngine, index: typeof GIGS_INDEX | typeof PEOPLE_INDEX, entityIds: string[]) {
  let docs = await loadDocuments(index, entityIds);
  for (let round = 0; round < APPLY_ROUNDS; round++) {
    if (docs.upsert.length) await engine.upsert(index, docs.upsert);
    if (docs.remove.length) await engine.delete(index, docs.remove);
    const now = await loadDocuments(index, entityIds);
    if (documentsKey(now) === documentsKey(docs)) return;
    docs = now;
  }
}

export const PEER_TOPIC = "search:entities";
export interface PeerEntities {
  index: typeof GIGS_INDEX | typeof PEOPLE_INDEX;
  entityIds: string[];
}

export const backoffMs = (attempts: number) => Math.min(60_000, 500 * 2 ** Math.min(attempts, 7));

/**
 * How long a claimed batch is invisible to other workers. The engine is called with no database
 * transaction open (a slow task queue must not hold connections and row locks); if the worker
 * dies mid-batch the rows come back after the lease. Longer than the engine's task wait.
 */
export const CLAIM_LEASE_SECONDS = 300;
/** While a full rebuild runs, processed rows are kept and applied again after the swap. */
const RETRY_AFTER_REBUILD_MS = 1_000;
/** pg advisory lock key held (on its own connection) by reindexAll for the whole rebuild. */
export const REBUILD_LOCK_KEY = 74_631_902;

async function rebuildRunning(): Promise<boolean> {
  const r = await db().$queryRaw<{ held: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND classid = 0 AND objid = ${REBUILD_LOCK_KEY}::int::oid AND objsubid = 1 AND granted) AS held`;
  return r[0]?.held ?? false;
}

/** Drains up to `batch` rows; returns how many rows it processed (0 when idle or failing). */
export async function drainOnce(engine: SearchEngine, batch = 500): Promise<{ processed: number; failed: number }> {
  // Claim: one short statement (its own transaction) moves the rows out of sight for the lease.
  const rows = await db().$queryRaw<Row[]>`
    UPDATE "OutboxEvent" SET "availableAt" = now() + ${CLAIM_LEASE_SECONDS}::int * interval '1 second'
    WHERE id IN (SELECT id FROM "OutboxEvent" WHERE "availableAt" <= now() ORDER BY id LIMIT ${batch} FOR UPDATE SKIP LOCKED)
    RETURNING id, "index", "entityId", attempts`;
  if (rows.length === 0) return { processed: 0, failed: 0 };
  const ids = rows.map((r) => r.id);
  const drained: PeerEntities[] = [];
  try {
    for (const index of [GIGS_INDEX, PEOPLE_INDEX] as const) {
      const entityIds = [...new Set(rows.filter((r) => r.index === index).map((r) => r.entityId))];
      if (entityIds.length === 0) continue;
      await applyEntities(engine, index, entityIds);
      drained.push({ index, entityIds });
    }
    // The embedded engine lives in each web worker's memory: the others load the same entities
    // (WEB_WORKERS > 1; app/cluster.server.ts). A shared engine (Meilisearch) needs nothing.
    if (engine.kind === "embedded") for (const d of drained) tellPeers(PEER_TOPIC, d);
  } catch (e) {
    const message = (e as Error).message.slice(0, 500);
    const attempts = Math.max(...rows.map((r) => r.attempts)) + 1;
    await db().outboxEvent.updateMany({
      where: { id: { in: ids } },
      data: { attempts: { increment: 1 }, lastError: message, availableAt: new Date(Date.now() + backoffMs(attempts)) },
    });
    return { processed: 0, failed: rows.length };
  }
  if (await rebuildRunning()) {
    // A rebuild may have read these entities before this change: apply them again after its swap.
    await db().outboxEvent.updateMany({ where: { id: { in: ids } }, data: { availableAt: new Date(Date.now() + RETRY_AFTER_REBUILD_MS) } });
  } else {
    await db().outboxEvent.deleteMany({ where: { id: { in: ids } } });
  }
  return { processed: rows.length, failed: 0 };
}

export interface OutboxWorker {
  stop(): Promise<void>;
  /** Resolves when the outbox is empty (or after `timeoutMs`). */
  flush(timeoutMs?: number): Promise<void>;
}

export function startOutboxWorker(engine: SearchEngine, opts: { pollMs: number; log?: (m: string) => void }): OutboxWorker {
  let stopped = false;
  let wake: (() => void) | null = null;
  let lastError = "";
  let busy = false;
  const loop = (async () => {
    while (!stopped) {
      let processed = 0;
      busy = true;
      try {
        const r = await drainOnce(engine);
        processed = r.processed;
        if (r.failed && lastError !== "engine") {
          lastError = "engine";
          opts.log?.(`search engine unavailable: ${r.failed} updates wait in the outbox`);
        } else if (r.processed) lastError = "";
      } catch (e) {
        const msg = (e as Error).message.split("\n")[0];
        if (msg !== lastError) opts.log?.(`outbox worker: ${msg}`);
        lastError = msg;
      } finally {
        busy = false;
      }
      if (processed === 0 && !stopped) {
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, opts.pollMs);
          wake = () => {
            clearTimeout(t);
            resolve();
          };
        });
        wake = null;
      }
    }
  })();
  return {
    async stop() {
      stopped = true;
      (wake as (() => void) | null)?.();
      await loop;
    },
    async flush(timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const pending = await db().outboxEvent.count({ where: { availableAt: { lte: new Date() } } });
        // claimed rows are out of sight (leased) while this worker works on them
        if (pending === 0 && !busy) return;
        (wake as (() => void) | null)?.();
        await new Promise((r) => setTimeout(r, 25));
      }
    },
  };
}

export async function outboxLag() {
  const [pending, oldest] = await Promise.all([
    db().outboxEvent.count(),
    db().outboxEvent.findFirst({ orderBy: { id: "asc" }, select: { createdAt: true, attempts: true, lastError: true } }),
  ]);
  return {
    pending,
    oldestSeconds: oldest ? Math.round((Date.now() - oldest.createdAt.getTime()) / 1000) : 0,
    lastError: oldest?.lastError ?? null,
  };
}

/**
 * Rebuilds both indexes from the database, in batches, reporting progress. Each index is built
 * aside and swapped in (engine.rebuild), so searches never see an empty or partial index. While
 * it runs it holds a PostgreSQL advisory lock: outbox workers (in any process) keep the rows they
 * apply meanwhile and apply them again after the swap, so no update made during the rebuild is
 * lost. A second rebuild (another process) waits for the first to finish.
 */
export async function reindexAll(
  engine: SearchEngine,
  onProgress: (p: { index: string; done: number; total: number }) => void = () => {},
  batch = 2_000,
): Promise<{ gigs: number; people: number }> {
  return withRebuildLock(() => rebuildBoth(engine, onProgress, batch));
}

/** reindexAll when `needed()` still says so once the lock is held (another process may just have done it). */
export async function reindexIfNeeded(
  engine: SearchEngine,
  needed: () => Promise<boolean>,
): Promise<{ gigs: number; people: number } | null> {
  return withRebuildLock(async () => ((await needed()) ? rebuildBoth(engine, () => {}, 2_000) : null));
}

async function withRebuildLock<T>(fn: () => Promise<T>): Promise<T> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set");
  const lock = new pg.Client({ connectionString: url });
  // a dropped connection releases the lock; the rebuild itself then fails on its own queries
  lock.on("error", () => {});
  await lock.connect();
  try {
    await lock.query("SELECT pg_advisory_lock($1::bigint)", [REBUILD_LOCK_KEY]);
    try {
      return await fn();
    } finally {
      await lock.query("SELECT pg_advisory_unlock($1::bigint)", [REBUILD_LOCK_KEY]);
    }
  } finally {
    await lock.end().catch(() => {});
  }
}

async function rebuildBoth(engine: SearchEngine, onProgress: (p: { index: string; done: number; total: number }) => void, batch: number) {
  const gigTotal = await db().gig.count({ where: { status: "OPEN" } });
  await engine.rebuild(GIGS_INDEX, async (write) => {
    let cursor: string | undefined;
    let done = 0;
    for (;;) {
      const after: string | undefined = cursor;
      const gigs = await db().gig.findMany({
        where: { status: "OPEN" },
        include: { lab: { select: { name: true } } },
        orderBy: { id: "asc" },
        take: batch,
        ...(after ? { cursor: { id: after }, skip: 1 } : {}),
      });
      if (gigs.length === 0) break;
      await write(gigs.map(gigDocument));
      done += gigs.length;
      cursor = gigs[gigs.length - 1].id as string;
      onProgress({ index: GIGS_INDEX, done, total: gigTotal });
    }
  });
  const peopleTotal = await db().profile.count();
  await engine.rebuild(PEOPLE_INDEX, async (write) => {
    let after = "";
    let done = 0;
    for (;;) {
      // Keyset pages of profiles with their credits, only the columns personDocument reads, as ONE
      // json value per page: reading whole rows through Prisma was about a quarter of a 100k reindex.
      const rows = await db().$queryRaw<{ people: PersonDocumentInput[] | null }[]>`
        SELECT json_agg(json_build_object(
                 'id', p.id, 'displayName', p."displayName", 'headline', p.headline, 'bio', left(p.bio, 2000),
                 'transferScores', p."transferScores", 'languages', p.languages, 'visibility', p.visibility,
                 'hoursPerWeek', p."hoursPerWeek", 'minRateCents', p."minRateCents", 'timezone', p.timezone,
                 'credits', COALESCE((
                   SELECT json_agg(json_build_object(
                            'showTitle', c."showTitle", 'role', c.role, 'network', c.network, 'format', c.format,
                            'genres', c.genres, 'department', c.department, 'episodes', c.episodes, 'verifiedAt', c."verifiedAt")
                          ORDER BY c.position ASC, c."startYear" DESC, c.id ASC)
                   FROM "Credit" c WHERE c."profileId" = p.id), '[]'::json))
               ORDER BY p.id) AS people
        FROM (SELECT * FROM "Profile" WHERE id > ${after} ORDER BY id LIMIT ${batch}) p`;
      const people = rows[0]?.people ?? [];
      if (people.length === 0) break;
      await write(people.map(personDocument));
      done += people.length;
      after = people[people.length - 1].id;
      onProgress({ index: PEOPLE_INDEX, done, total: peopleTotal });
    }
  });
  return { gigs: gigTotal, people: peopleTotal };
}
