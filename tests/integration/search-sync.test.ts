import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import type { SearchEngine } from "~/search/engine.server";
import { GIGS_INDEX, INDEXES } from "~/search/indexes";
import { applyEntities, drainOnce, reindexAll } from "~/search/sync.server";
import { changeGigStatus, createGig, updateGig } from "~/services/gigs.server";
import { useFreshDatabase } from "../setup/db";
import { engineCases } from "../setup/engines";
import { FULL_GIG } from "./fixtures";

await useFreshDatabase();

/** The real embedded engine, with a switch that makes every write fail (or hang) like a dead server. */
function faulty(inner: SearchEngine) {
  const state = { mode: "ok" as "ok" | "throw" | "timeout", writes: 0 };
  const guard = async () => {
    if (state.mode === "throw") throw new Error("connect ECONNREFUSED 127.0.0.1:7700");
    if (state.mode === "timeout") {
      await new Promise((r) => setTimeout(r, 50));
      throw new Error("request timed out after 50 ms");
    }
  };
  const engine: SearchEngine = {
    kind: inner.kind,
    ensureIndexes: (d) => inner.ensureIndexes(d),
    upsert: async (i, docs) => {
      await guard();
      state.writes++;
      return inner.upsert(i, docs);
    },
    delete: async (i, ids) => {
      await guard();
      return inner.delete(i, ids);
    },
    clear: (i) => inner.clear(i),
    rebuild: (i, fill) => inner.rebuild(i, fill),
    search: (i, q, s) => inner.search(i, q, s),
    count: (i) => inner.count(i),
    health: async () => (state.mode === "ok" ? { ok: true } : { ok: false, detail: "down" }),
    close: () => inner.close(),
  };
  return { engine, state };
}

let labId: string;

const actor = { id: null, role: "SYSTEM" };

async function openGig(title: string) {
  const g = await createGig(labId, { ...FULL_GIG, title }, actor);
  if (!g.ok) throw new Error("create failed");
  const o = await changeGigStatus(g.gig.id, "OPEN", actor);
  if (!o.ok) throw new Error("open failed");
  return g.gig.id;
}

async function drainAll(engine: SearchEngine) {
  // Make back-off rows due now, then drain until empty.
  await db().outboxEvent.updateMany({ data: { availableAt: new Date(0) } });
  for (let i = 0; i < 20; i++) {
    const r = await drainOnce(engine);
    if (r.processed === 0 && r.failed === 0) break;
  }
}

describe.each(engineCases("search-sync"))("outbox sync (%s)", (_name, makeEngine) => {
  beforeAll(async () => {
    // a lab per engine: both runs share this file's database
    const lab = await db().lab.create({ data: { name: "Sync Lab", slug: `sync-${_name}-${Date.now()}` } });
    labId = lab.id;
  });

  it("writes succeed while the engine is down; nothing is lost and the index converges after recovery", async () => {
    const { engine, state } = faulty(makeEngine());
    await engine.ensureIndexes(INDEXES);
    await reindexAll(engine);

    state.mode = "throw";
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) ids.push(await openGig(`Outage gig ${i}`));
    for (const id of ids.slice(0, 5)) {
      const r = await updateGig(id, { title: "Renamed during outage" }, actor, { merge: true });
      expect(r.ok).toBe(true);
    }
    await changeGigStatus(ids[9], "CLOSED", actor);
    const failed = await drainOnce(engine);
    expect(failed.failed).toBeGreaterThan(0);
    const pending = await db().outboxEvent.findMany();
    expect(pending.length).toBeGreaterThanOrEqual(26);
    expect(pending.every((r) => r.attempts === 1 && r.lastError?.includes("ECONNREFUSED"))).toBe(true);
    expect(pending.every((r) => r.availableAt > new Date())).toBe(true); // backed off

    state.mode = "timeout";
    await db().outboxEvent.updateMany({ data: { availableAt: new Date(0) } });
    expect((await drainOnce(engine)).failed).toBeGreaterThan(0);
    expect(await db().outboxEvent.count()).toBe(pending.length);

    state.mode = "ok";
    await drainAll(engine);
    expect(await db().outboxEvent.count()).toBe(0);
    const renamed = await engine.search(GIGS_INDEX, {
      q: "renamed outage",
      filters: [{ field: "labId", op: "eq", value: labId }],
      perPage: 50,
    });
    expect(renamed.hits.map((h) => h.id).sort()).toEqual(ids.slice(0, 5).sort());
    const all = await engine.search(GIGS_INDEX, { filters: [{ field: "labId", op: "eq", value: labId }], perPage: 50 });
    expect(all.total).toBe(9); // the closed gig left the public index
    expect(all.hits.map((h) => h.id)).not.toContain(ids[9]);
  });

  it("two workers draining at once process each row exactly once", async () => {
    const { engine } = faulty(makeEngine());
    await engine.ensureIndexes(INDEXES);
    for (let i = 0; i < 30; i++) await openGig(`Parallel gig ${_name} ${i}`);
    const before = await db().outboxEvent.count();
    const [a, b] = await Promise.all([drainOnce(engine, 40), drainOnce(engine, 40)]);
    expect(a.processed + b.processed).toBe(Math.min(before, 80));
    await drainAll(engine);
    expect(await db().outboxEvent.count()).toBe(0);
    const found = await engine.search(GIGS_INDEX, {
      q: `parallel ${_name}`,
      filters: [{ field: "labId", op: "eq", value: labId }],
      perPage: 100,
    });
    expect(found.total).toBe(30);
  });

  it("calls the engine with no database transaction open (claimed rows are not locked meanwhile)", async () => {
    const inner = makeEngine();
    await inner.ensureIndexes(INDEXES);
    const id = await openGig(`Lease gig ${_name}`);
    let lockedDuringWrite: boolean | undefined;
    const engine: SearchEngine = {
      ...inner,
      kind: inner.kind,
      upsert: async (i, docs) => {
        // another connection may lock the claimed rows right now: nobody holds them
        const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
        await c.connect();
        try {
          await c.query("BEGIN");
          await c.query(`SELECT id FROM "OutboxEvent" WHERE "entityId" = $1 FOR UPDATE NOWAIT`, [id]);
          lockedDuringWrite = false;
        } catch {
          lockedDuringWrite = true;
        } finally {
          await c.query("ROLLBACK").catch(() => {});
          await c.end();
        }
        return inner.upsert(i, docs);
      },
    };
    await drainAll(engine);
    expect(lockedDuringWrite).toBe(false);
    expect((await inner.search(GIGS_INDEX, { filters: [{ field: "id", op: "eq", value: id }] })).total).toBe(1);
  });

  it("an update applied while a full reindex runs is not lost when the new index is swapped in", async () => {
    const inner = makeEngine();
    await inner.ensureIndexes(INDEXES);
    const id = await openGig(`Before reindex ${_name}`);
    await drainAll(inner);
    let changed = false;
    const engine: SearchEngine = {
      ...inner,
      kind: inner.kind,
      rebuild: (index, fill) =>
        inner.rebuild(index, (write) =>
          fill(async (docs) => {
            await write(docs); // this page was read before the change below
            if (index === GIGS_INDEX && !changed) {
              changed = true;
              const r = await updateGig(id, { title: `Changed during reindex ${_name}` }, actor, { merge: true });
              expect(r.ok).toBe(true);
              expect((await drainOnce(inner)).processed).toBeGreaterThan(0); // applied to the live index...
            }
          }),
        ),
    };
    await reindexAll(engine);
    expect(changed).toBe(true);
    await drainAll(inner); // ...and again after the swap
    const hit = await inner.search<{ title: string }>(GIGS_INDEX, { filters: [{ field: "id", op: "eq", value: id }] });
    expect(hit.hits[0].document.title).toBe(`Changed during reindex ${_name}`);
    expect(await db().outboxEvent.count()).toBe(0);
  });

  it("two instances racing on one gig: an older state written after a newer one is corrected, the index ends with what the database holds", async () => {
    const inner = makeEngine();
    await inner.ensureIndexes(INDEXES);
    // A draft gig: instance A reads it (not open: remove from the index).
    const g = await createGig(labId, { ...FULL_GIG, title: `Raced gig ${_name}` }, actor);
    if (!g.ok) throw new Error("create failed");
    const id = g.gig.id;
    await db().outboxEvent.deleteMany({});
    let raced = false;
    // Instance A's engine: just before A's (older) write reaches the engine, the gig is opened and
    // instance B reads and writes the newer state first, as a faster instance would.
    const a: SearchEngine = {
      ...inner,
      kind: inner.kind,
      delete: async (i, ids) => {
        if (!raced && ids.includes(id)) {
          raced = true;
          const o = await changeGigStatus(id, "OPEN", actor);
          if (!o.ok) throw new Error("open failed");
          await applyEntities(inner, GIGS_INDEX, [id]);
          expect((await inner.search(GIGS_INDEX, { q: `raced ${_name}`, perPage: 5 })).hits.map((h) => h.id)).toContain(id);
        }
        return inner.delete(i, ids);
      },
    };
    await applyEntities(a, GIGS_INDEX, [id]);
    expect(raced).toBe(true);
    const found = await inner.search(GIGS_INDEX, { q: `raced ${_name}`, perPage: 5 });
    expect(found.hits.map((h) => h.id)).toEqual([id]);
  });

  it("a full reindex rebuilds the index from the database", async () => {
    const engine = makeEngine();
    await engine.ensureIndexes(INDEXES);
    const counts = await reindexAll(engine);
    expect(counts.gigs).toBe(await db().gig.count({ where: { status: "OPEN" } }));
    expect(await engine.count(GIGS_INDEX)).toBe(counts.gigs);
  });
});
