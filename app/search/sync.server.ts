/**
 * Outbox -> search engine. The worker claims pending rows with FOR UPDATE SKIP LOCKED (so
 * several app instances can drain one outbox), loads the current state of each entity from the
 * database and upserts or deletes it (idempotent, order-independent). When the engine fails,
 * the rows stay, with a growing back-off; nothing is lost and the index converges once the
 * engine is back. `reindexAll` rebuilds an index from the database.
 */
import { db } from "../db.server";
import type { SearchEngine } from "./engine.server";
import { type PersonDocumentInput, gigDocument, loadDocuments, personDocument } from "./documents.server";
import { GIGS_INDEX, PEOPLE_INDEX } from "./indexes";

type Row = { id: bigint; index: string; entityId: string; attempts: number };

export const backoffMs = (attempts: number) => Math.min(60_000, 500 * 2 ** Math.min(attempts, 7));

/** Drains up to `batch` rows; returns how many rows it processed (0 when idle or failing). */
export async function drainOnce(engine: SearchEngine, batch = 500): Promise<{ processed: number; failed: number }> {
  return db().$transaction(
    async (tx) => {
      const rows = await tx.$queryRaw<Row[]>`
        SELECT id, "index", "entityId", attempts FROM "OutboxEvent"
        WHERE "availableAt" <= now() ORDER BY id LIMIT ${batch} FOR UPDATE SKIP LOCKED`;
      if (rows.length === 0) return { processed: 0, failed: 0 };
      try {
        for (const index of [GIGS_INDEX, PEOPLE_INDEX] as const) {
          const ids = [...new Set(rows.filter((r) => r.index === index).map((r) => r.entityId))];
          if (ids.length === 0) continue;
          const { upsert, remove } = await loadDocuments(index, ids);
          if (upsert.length) await engine.upsert(index, upsert);
          if (remove.length) await engine.delete(index, remove);
        }
        await tx.outboxEvent.deleteMany({ where: { id: { in: rows.map((r) => r.id) } } });
        return { processed: rows.length, failed: 0 };
      } catch (e) {
        const message = (e as Error).message.slice(0, 500);
        const attempts = Math.max(...rows.map((r) => r.attempts)) + 1;
        await tx.outboxEvent.updateMany({
          where: { id: { in: rows.map((r) => r.id) } },
          data: { attempts: { increment: 1 }, lastError: message, availableAt: new Date(Date.now() + backoffMs(attempts)) },
        });
        return { processed: 0, failed: rows.length };
      }
    },
    { timeout: 60_000 },
  );
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
  const loop = (async () => {
    while (!stopped) {
      let processed = 0;
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
    async flush(timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const pending = await db().outboxEvent.count({ where: { availableAt: { lte: new Date() } } });
        if (pending === 0) return;
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

/** Rebuilds both indexes from the database, in batches, reporting progress. */
export async function reindexAll(
  engine: SearchEngine,
  onProgress: (p: { index: string; done: number; total: number }) => void = () => {},
  batch = 2_000,
) {
  const gigTotal = await db().gig.count({ where: { status: "OPEN" } });
  await engine.clear(GIGS_INDEX);
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
    await engine.upsert(GIGS_INDEX, gigs.map(gigDocument));
    done += gigs.length;
    cursor = gigs[gigs.length - 1].id as string;
    onProgress({ index: GIGS_INDEX, done, total: gigTotal });
  }
  const peopleTotal = await db().profile.count();
  await engine.clear(PEOPLE_INDEX);
  let after = "";
  done = 0;
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
    await engine.upsert(PEOPLE_INDEX, people.map(personDocument));
    done += people.length;
    after = people[people.length - 1].id;
    onProgress({ index: PEOPLE_INDEX, done, total: peopleTotal });
  }
  return { gigs: gigTotal, people: peopleTotal };
}
