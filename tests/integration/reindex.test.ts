/**
 * reindexAll reads people with one SQL query per page (app/search/sync.server.ts) while the
 * outbox path loads them through Prisma (loadDocuments): both must build the same documents.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../app/db.server";
import { loadDocuments } from "../../app/search/documents.server";
import { createEmbeddedEngine } from "../../app/search/embedded.server";
import { INDEXES, PEOPLE_INDEX } from "../../app/search/indexes";
import { reindexAll } from "../../app/search/sync.server";
import { seedIfEmpty } from "../../prisma/seed";
import { useFreshDatabase } from "../setup/db";

const url = await useFreshDatabase();

beforeAll(async () => {
  await seedIfEmpty(url, () => {});
}, 60_000);

describe("reindexAll", () => {
  it("indexes every profile with the same document the outbox path builds, across pages", async () => {
    // a profile without credits and one with a long bio and many credits
    const [a, b] = await db().profile.findMany({ take: 2, orderBy: { id: "desc" }, include: { credits: true } });
    await db().credit.deleteMany({ where: { profileId: a.id } });
    await db().profile.update({ where: { id: b.id }, data: { bio: "Ünïcode bio ".repeat(400) } });

    const engine = createEmbeddedEngine();
    await engine.ensureIndexes(INDEXES);
    const progress: number[] = [];
    const counts = await reindexAll(engine, (p) => p.index === PEOPLE_INDEX && progress.push(p.done), 37);
    const ids = (await db().profile.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((p) => p.id);
    expect(counts.people).toBe(ids.length);
    expect(await engine.count(PEOPLE_INDEX)).toBe(ids.length);
    expect(progress.at(-1)).toBe(ids.length);
    expect(progress.length).toBe(Math.ceil(ids.length / 37));

    const { upsert } = await loadDocuments("people", ids);
    const expected = new Map(upsert.map((d) => [d.id as string, d]));
    for (let i = 0; i < ids.length; i += 100) {
      const page = ids.slice(i, i + 100);
      const r = await engine.search(PEOPLE_INDEX, { filters: [{ field: "id", op: "in", values: page }], perPage: 100 });
      expect(r.hits).toHaveLength(page.length);
      for (const h of r.hits) expect(h.document).toEqual(expected.get(h.id));
    }
    await engine.close();
  });
});
