/**
 * reindexAll reads people with one SQL query per page (app/search/sync.server.ts) while the
 * outbox path loads them through Prisma (loadDocuments): both must build the same documents.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { loadDocuments } from "~/search/documents.server";
import { INDEXES, PEOPLE_INDEX } from "~/search/indexes";
import { reindexAll } from "~/search/sync.server";
import { seedIfEmpty } from "../../prisma/seed";
import { useFreshDatabase } from "../setup/db";
import { engineCases } from "../setup/engines";

const url = await useFreshDatabase();

beforeAll(async () => {
  await seedIfEmpty(url, () => {});
}, 60_000);

describe.each(engineCases("reindex"))("reindexAll (%s)", (_name, makeEngine) => {
  it("indexes every profile with the same document the outbox path builds, across pages", async () => {
    // a profile without credits and one with a long bio and many credits
    const [a, b] = await db().profile.findMany({ take: 2, orderBy: { id: "desc" }, include: { credits: true } });
    await db().credit.deleteMany({ where: { profileId: a.id } });
    await db().profile.update({ where: { id: b.id }, data: { bio: "Ünïcode bio ".repeat(400) } });

    const engine = makeEngine();
    await engine.ensureIndexes(INDEXES);
    const progress: number[] = [];
    const counts = await reindexAll(engine, (p) => p.index === PEOPLE_INDEX && progress.push(p.done), 37);
    const ids = (await db().profile.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((p) => p.id);
    expect(counts.people).toBe(ids.length);
    expect(await engine.count(PEOPLE_INDEX)).toBe(ids.length);
    expect(progress.at(-1)).toBe(ids.length);
    expect(progress.length).toBe(Math.ceil(ids.length / 37));

    const { upsert } = await loadDocuments("people", ids);
    // minRateCents is indexed for coordinators' filters but never returned (displayed: false)
    const people = upsert as Record<string, unknown>[];
    const expected = new Map(people.map(({ minRateCents: _private, ...d }) => [d.id as string, d]));
    for (let i = 0; i < ids.length; i += 100) {
      const page = ids.slice(i, i + 100);
      const r = await engine.search(PEOPLE_INDEX, { filters: [{ field: "id", op: "in", values: page }], perPage: 100 });
      expect(r.hits).toHaveLength(page.length);
      for (const h of r.hits) expect(h.document).toEqual(expected.get(h.id));
    }
    // the private rate still filters (coordinators' talent search)
    const rated = people.filter((d) => typeof d.minRateCents === "number" && (d.minRateCents as number) <= 3000).length;
    expect((await engine.search(PEOPLE_INDEX, { filters: [{ field: "minRateCents", op: "range", lte: 3000 }], perPage: 1 })).total).toBe(
      rated,
    );
    await engine.close();
  }, 120_000);
});
