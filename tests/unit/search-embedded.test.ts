/**
 * Embedded-engine specifics the contract suite cannot reach with 30 documents: tombstone
 * compaction under churn, re-definition, and lifecycle. Everything is checked through the port
 * against a plain-JS model.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createEmbeddedEngine } from "~/search/embedded.server";
import { type IndexDefinition, SearchEngineError } from "~/search/engine.server";

const DEF: IndexDefinition = {
  name: "churn",
  primaryKey: "id",
  fields: {
    title: { type: "text" },
    tags: { type: "keyword[]", facet: true, searchable: true },
    kind: { type: "keyword", facet: true, sortable: true },
    score: { type: "number", filterable: true, sortable: true },
    flag: { type: "boolean", facet: true },
  },
  searchableOrder: ["title", "tags"],
};

type Doc = { id: string; title: string; tags: string[]; kind: string; score: number; flag: boolean };

const WORDS = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet"];
const TAGS = ["t1", "t2", "t3", "t4", "t5"];

function makeDoc(id: number, version: number): Doc {
  const w = (k: number) => WORDS[(id * 7 + version * 3 + k) % WORDS.length];
  return {
    id: `d${String(id).padStart(5, "0")}`,
    title: `${w(0)} ${w(1)} v${version}`,
    tags: [TAGS[(id + version) % TAGS.length], TAGS[(id * 3) % TAGS.length]].filter((t, i, a) => a.indexOf(t) === i),
    kind: ["a", "b", "c"][(id + version) % 3],
    score: (id * 13 + version) % 101,
    flag: (id + version) % 2 === 0,
  };
}

function facet(docs: Doc[], field: "tags" | "kind" | "flag") {
  const out: Record<string, number> = {};
  for (const d of docs) for (const v of Array.isArray(d[field]) ? d[field] : [d[field]]) out[String(v)] = (out[String(v)] ?? 0) + 1;
  return out;
}

async function check(engine: ReturnType<typeof createEmbeddedEngine>, model: Map<string, Doc>) {
  const docs = [...model.values()];
  expect(await engine.count(DEF.name)).toBe(docs.length);
  const browse = await engine.search<Doc>(DEF.name, {
    facets: ["tags", "kind", "flag"],
    perPage: 5,
    sort: { field: "score", direction: "desc" },
  });
  expect(browse.total).toBe(docs.length);
  expect(browse.facets.tags).toEqual(facet(docs, "tags"));
  expect(browse.facets.kind).toEqual(facet(docs, "kind"));
  expect(browse.facets.flag).toEqual(facet(docs, "flag"));
  const top = [...docs].sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1)).slice(0, 5);
  expect(browse.hits.map((h) => h.document)).toEqual(top);
  for (const word of ["alpha", "echo", "juliet"]) {
    const r = await engine.search<Doc>(DEF.name, { q: word, perPage: 100, filters: [{ field: "score", op: "range", lte: 60 }] });
    const want = docs.filter((d) => d.title.split(" ").includes(word) && d.score <= 60);
    expect(r.total).toBe(want.length);
  }
  // typo expansion still sees the (rebuilt) vocabulary
  const typo = await engine.search(DEF.name, { q: "foxtort", perPage: 1 });
  expect(typo.total).toBe(docs.filter((d) => d.title.includes("foxtrot")).length);
}

describe("embedded engine under churn", () => {
  it("stays consistent through deletes, replacements and compaction", async () => {
    const engine = createEmbeddedEngine();
    await engine.ensureIndexes([DEF]);
    const model = new Map<string, Doc>();
    const put = async (docs: Doc[]) => {
      await engine.upsert(DEF.name, docs);
      for (const d of docs) model.set(d.id, d);
    };
    const del = async (ids: string[]) => {
      await engine.delete(DEF.name, ids);
      for (const id of ids) model.delete(id);
    };

    await put(Array.from({ length: 4000 }, (_, i) => makeDoc(i, 0)));
    await check(engine, model);
    // 2500 deletions: more than a quarter of the slots are tombstones -> compaction
    await del(Array.from({ length: 2500 }, (_, i) => makeDoc(1000 + i, 0).id));
    await check(engine, model);
    // replacements leave tombstones too
    for (let round = 1; round <= 3; round++) await put(Array.from({ length: 1500 }, (_, i) => makeDoc(i, round)));
    await check(engine, model);
    await put(Array.from({ length: 200 }, (_, i) => makeDoc(10_000 + i, 9)));
    await check(engine, model);
  });

  it("matches a model for random operation sequences (property)", async () => {
    const op = fc.oneof(
      fc.record({
        type: fc.constant("put" as const),
        ids: fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 20 }),
        version: fc.nat(5),
      }),
      fc.record({ type: fc.constant("del" as const), ids: fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 20 }) }),
      fc.constant({ type: "clear" as const }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 25 }), async (ops) => {
        const engine = createEmbeddedEngine();
        await engine.ensureIndexes([DEF]);
        const model = new Map<string, Doc>();
        for (const o of ops) {
          if (o.type === "put") {
            const docs = o.ids.map((i) => makeDoc(i, o.version));
            await engine.upsert(DEF.name, docs);
            for (const d of docs) model.set(d.id, d);
          } else if (o.type === "del") {
            const ids = o.ids.map((i) => makeDoc(i, 0).id);
            await engine.delete(DEF.name, ids);
            for (const id of ids) model.delete(id);
          } else {
            await engine.clear(DEF.name);
            model.clear();
          }
        }
        await check(engine, model);
      }),
      { numRuns: 60 },
    );
  });
});

describe("embedded engine lifecycle", () => {
  it("re-indexes existing documents when a definition changes", async () => {
    const engine = createEmbeddedEngine();
    await engine.ensureIndexes([DEF]);
    await engine.upsert(DEF.name, [makeDoc(1, 0), makeDoc(2, 0)]);
    const changed: IndexDefinition = { ...DEF, fields: { ...DEF.fields, kind: { type: "keyword", filterable: true } } };
    await engine.ensureIndexes([changed]);
    expect(await engine.count(DEF.name)).toBe(2);
    const r = await engine.search(DEF.name, { filters: [{ field: "kind", op: "eq", value: makeDoc(1, 0).kind }] });
    expect(r.total).toBeGreaterThan(0);
    await expect(engine.search(DEF.name, { facets: ["kind"] })).rejects.toThrow(/not a facet/);
  });

  it("refuses to work after close", async () => {
    const engine = createEmbeddedEngine();
    await engine.ensureIndexes([DEF]);
    await engine.close();
    expect((await engine.health()).ok).toBe(false);
    await expect(engine.search(DEF.name, {})).rejects.toBeInstanceOf(SearchEngineError);
  });

  it("does not let callers mutate indexed documents", async () => {
    const engine = createEmbeddedEngine();
    await engine.ensureIndexes([DEF]);
    const doc = makeDoc(1, 0);
    await engine.upsert(DEF.name, [doc]);
    doc.tags.push("t9");
    const hit = (await engine.search<Doc>(DEF.name, {})).hits[0];
    hit.document.tags.push("t8");
    expect((await engine.search<Doc>(DEF.name, {})).hits[0].document.tags).toEqual(makeDoc(1, 0).tags);
  });
});

describe("embedded engine: number sort and typed-column filters against a model", () => {
  const SORT_DEF: IndexDefinition = {
    name: "sorted",
    primaryKey: "id",
    fields: {
      title: { type: "text" },
      n: { type: "number", filterable: true, sortable: true },
      tags: { type: "keyword[]", facet: true },
      kind: { type: "keyword", filterable: true },
    },
    searchableOrder: ["title"],
  };
  type SDoc = { id: string; title: string; n?: number; tags: string[]; kind?: string };
  const docArb = fc.record({
    n: fc.option(fc.integer({ min: -3, max: 5 }), { nil: undefined }), // many ties, some missing
    tags: fc.subarray(["x", "y", "Z"]),
    kind: fc.option(fc.constantFrom("a", "b"), { nil: undefined }),
  });

  it("orders by value (missing last), ties by id, and filters like a plain-JS model (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(docArb, { minLength: 0, maxLength: 120 }),
        fc.constantFrom("asc" as const, "desc" as const),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 4 }),
        fc.option(fc.integer({ min: -3, max: 5 }), { nil: undefined }),
        fc.subarray(["x", "z", "w"], { maxLength: 2 }),
        fc.constantFrom("all" as const, "in" as const, "eq" as const),
        fc.option(fc.constantFrom("a", "b", "c"), { nil: undefined }),
        async (raw, direction, perPage, page, gte, tags, tagOp, kind) => {
          const engine = createEmbeddedEngine();
          await engine.ensureIndexes([SORT_DEF]);
          // ids in a shuffled order so slot order differs from id order
          const docs: SDoc[] = raw.map((d, i) => ({ id: `s${String((i * 37) % 997).padStart(3, "0")}_${i}`, title: "t", ...d }));
          await engine.upsert(SORT_DEF.name, docs);
          const filters = [];
          if (gte !== undefined) filters.push({ field: "n", op: "range" as const, gte });
          if (tags.length > 0)
            filters.push(
              tagOp === "eq" ? { field: "tags", op: "eq" as const, value: tags[0] } : { field: "tags", op: tagOp, values: tags },
            );
          if (kind !== undefined) filters.push({ field: "kind", op: "eq" as const, value: kind });
          const r = await engine.search<SDoc>(SORT_DEF.name, { filters, sort: { field: "n", direction }, perPage, page, retrieve: [] });
          const has = (d: SDoc, t: string) => d.tags.some((x) => x.toLowerCase() === t);
          const want = docs
            .filter((d) => gte === undefined || (d.n !== undefined && d.n >= gte))
            .filter(
              (d) =>
                tags.length === 0 ||
                (tagOp === "all" ? tags.every((t) => has(d, t)) : tagOp === "eq" ? has(d, tags[0]) : tags.some((t) => has(d, t))),
            )
            .filter((d) => kind === undefined || d.kind === kind)
            .sort((a, b) => {
              if (a.n === undefined || b.n === undefined) return a.n === b.n ? (a.id < b.id ? -1 : 1) : a.n === undefined ? 1 : -1;
              if (a.n !== b.n) return direction === "asc" ? a.n - b.n : b.n - a.n;
              return a.id < b.id ? -1 : 1;
            });
          expect(r.total).toBe(want.length);
          expect(r.hits.map((h) => h.id)).toEqual(want.slice((page - 1) * perPage, page * perPage).map((d) => d.id));
          await engine.close();
        },
      ),
      { numRuns: 300 },
    );
  });
});
