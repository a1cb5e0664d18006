/**
 * ONE behaviour suite for every SearchEngine adapter, run against the embedded engine and against
 * the test run's real Meilisearch server (tests/setup/meili.ts). Meilisearch is never faked.
 */
import fc from "fast-check";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { createEmbeddedEngine } from "~/search/embedded.server";
import {
  type Filter,
  type IndexDefinition,
  type SearchEngine,
  SearchDocumentError,
  SearchEngineError,
  type SearchQuery,
  SearchQueryError,
} from "~/search/engine.server";
import { createMeilisearchEngine } from "~/search/meilisearch.server";

type Gig = {
  id: string;
  title: string;
  description: string;
  taskTypes: string[];
  modality: string;
  status: string;
  pay: number;
  hours?: number;
  remote: boolean;
  createdAt: number;
  labId: string;
};

const DEF: IndexDefinition = {
  name: "contract_gigs",
  primaryKey: "id",
  fields: {
    title: { type: "text" },
    description: { type: "text" },
    taskTypes: { type: "keyword[]", filterable: true, facet: true },
    modality: { type: "keyword", filterable: true, facet: true, sortable: true },
    status: { type: "keyword", filterable: true, facet: true },
    pay: { type: "number", filterable: true, sortable: true },
    hours: { type: "number", filterable: true, sortable: true },
    remote: { type: "boolean", filterable: true, facet: true },
    createdAt: { type: "number", filterable: true, sortable: true },
    labId: { type: "keyword", filterable: true },
  },
  searchableOrder: ["title", "description"],
  synonyms: { showrunner: ["executive producer"], dp: ["cinematographer"] },
};

const CORE: Gig[] = [
  {
    id: "g01",
    title: "Dialogue transcription for drama series",
    description: "Transcribe dialogue from a network drama; timestamps required.",
    taskTypes: ["TRANSCRIPTION", "DIALOGUE"],
    modality: "audio",
    status: "open",
    pay: 40,
    hours: 10,
    remote: true,
    createdAt: 100,
    labId: "lab_a",
  },
  {
    id: "g02",
    title: "Showrunner notes on pilot scripts",
    description: "A former showrunner reviews model-written pilot scripts.",
    taskTypes: ["SCRIPT_REVIEW"],
    modality: "text",
    status: "open",
    pay: 120,
    hours: 20,
    remote: true,
    createdAt: 200,
    labId: "lab_a",
  },
  {
    id: "g03",
    title: "Executive producer feedback on story arcs",
    description: "An executive producer rates season-long arcs.",
    taskTypes: ["SCRIPT_REVIEW", "STORY"],
    modality: "text",
    status: "open",
    pay: 150,
    hours: 5,
    remote: false,
    createdAt: 300,
    labId: "lab_b",
  },
  {
    id: "g04",
    title: "Cinematographer shot-list critique",
    description: "Rate AI-generated shot lists for lighting and coverage.",
    taskTypes: ["VISUAL"],
    modality: "video",
    status: "open",
    pay: 90,
    hours: 8,
    remote: true,
    createdAt: 400,
    labId: "lab_b",
  },
  {
    id: "g05",
    title: "DP review of generated frames",
    description: "Judge lighting setups in generated stills.",
    taskTypes: ["VISUAL"],
    modality: "image",
    status: "closed",
    pay: 90,
    hours: 12,
    remote: false,
    createdAt: 500,
    labId: "lab_c",
  },
  {
    id: "g06",
    title: "<script>alert(1)</script> Subtitle timing",
    description: "Check subtitle timing & sync <b>bold</b> claims.",
    taskTypes: ["SUBTITLES"],
    modality: "video",
    status: "open",
    pay: 60,
    hours: 3,
    remote: true,
    createdAt: 600,
    labId: "lab_a",
  },
  {
    id: "g07",
    title: "Localization of comedy dialogue",
    description: "Adapt jokes and storyboards for Spanish audiences.",
    taskTypes: ["LOCALIZATION", "DIALOGUE"],
    modality: "text",
    status: "draft",
    pay: 70,
    remote: true,
    createdAt: 700,
    labId: "lab_c",
  },
];

const STATUSES = ["open", "open", "closed", "draft"];
const MODALITIES = ["text", "audio", "video", "image"];
const TASKS = ["TRANSCRIPTION", "DIALOGUE", "SCRIPT_REVIEW", "STORY", "VISUAL", "SUBTITLES", "LOCALIZATION", "QA"];
const LABS = ["lab_a", "lab_b", "lab_c"];

/** Deterministic filler: no words shared with the text-search expectations above. */
const FILLER: Gig[] = Array.from({ length: 23 }, (_, i) => {
  const n = i + 8;
  const doc: Gig = {
    id: `g${String(n).padStart(2, "0")}`,
    title: `Annotation batch ${n}`,
    description: `Generic labelling work, batch number ${n}.`,
    taskTypes: [TASKS[n % TASKS.length], TASKS[(n * 3) % TASKS.length]].filter((t, k, a) => a.indexOf(t) === k),
    modality: MODALITIES[n % MODALITIES.length],
    status: STATUSES[n % STATUSES.length],
    pay: 50 + (n % 5) * 10, // many ties for sort tests
    remote: n % 3 !== 0,
    createdAt: 1000 + ((n * 7) % 23),
    labId: LABS[n % LABS.length],
  };
  if (n % 4 !== 0) doc.hours = (n * 5) % 17; // some documents have no hours at all
  return doc;
});

const FIXTURES: Gig[] = [...CORE, ...FILLER];
const BY_ID = new Map(FIXTURES.map((d) => [d.id, d]));
const ALL_IDS = FIXTURES.map((d) => d.id).sort();

// ------------------------------------------------------------------------------------------
// oracle: what the filters mean, computed over the fixtures in plain JS

const key = (s: string) => s.trim().normalize("NFKD").toLowerCase();

function oracleMatch(doc: Gig, f: Filter): boolean {
  const v = (doc as Record<string, unknown>)[f.field];
  switch (f.op) {
    case "eq":
      if (Array.isArray(v)) return v.some((x) => key(x) === key(String(f.value)));
      if (typeof v === "string") return typeof f.value === "string" && key(v) === key(f.value);
      return v === f.value;
    case "in": {
      const set = new Set(f.values.map(key));
      if (Array.isArray(v)) return v.some((x) => set.has(key(x)));
      return typeof v === "string" && set.has(key(v));
    }
    case "all":
      return Array.isArray(v) && f.values.every((x) => v.some((y) => key(y) === key(x)));
    case "range":
      return typeof v === "number" && (f.gte === undefined || v >= f.gte) && (f.lte === undefined || v <= f.lte);
  }
}

function oracle(filters: Filter[], docs: Gig[] = FIXTURES): Gig[] {
  return docs.filter((d) => filters.every((f) => oracleMatch(d, f)));
}

function oracleFacet(docs: Gig[], field: "taskTypes" | "modality" | "status" | "remote"): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const d of docs) {
    const v = d[field];
    for (const x of Array.isArray(v) ? new Set(v) : [v]) counts[String(x)] = (counts[String(x)] ?? 0) + 1;
  }
  return counts;
}

const ids = (r: { hits: { id: string }[] }) => r.hits.map((h) => h.id);
const sortedIds = (r: { hits: { id: string }[] }) => ids(r).sort();

/** Every page of a query, following totalPages. */
async function allPages(engine: SearchEngine, query: SearchQuery, scope?: Filter[]) {
  const first = await engine.search<Gig>(DEF.name, { ...query, page: 1 }, scope);
  const pages = [first];
  for (let p = 2; p <= first.totalPages; p++) pages.push(await engine.search<Gig>(DEF.name, { ...query, page: p }, scope));
  return pages;
}

// ------------------------------------------------------------------------------------------

function runContract(name: string, makeEngine: () => Promise<SearchEngine>, opts: { propertyRuns: number }) {
  describe(`SearchEngine contract: ${name}`, () => {
    let engine: SearchEngine;

    beforeAll(async () => {
      engine = await makeEngine();
      await engine.ensureIndexes([DEF]);
    });

    afterAll(async () => {
      if (!engine) return;
      const drop = (engine as { dropIndex?: (n: string) => Promise<void> }).dropIndex;
      if (drop) await drop.call(engine, DEF.name);
      await engine.close();
    });

    // The fixtures are loaded again only after a test that writes (the "writes" group): with a
    // real server every reload is two tasks to wait for.
    let dirty = true;
    beforeEach(async () => {
      if (!dirty) return;
      await engine.clear(DEF.name);
      await engine.upsert(DEF.name, FIXTURES);
      dirty = false;
    });

    it("is healthy, idempotent to ensure, and counts documents", async () => {
      expect((await engine.health()).ok).toBe(true);
      await engine.ensureIndexes([DEF]);
      expect(await engine.count(DEF.name)).toBe(FIXTURES.length);
    });

    it("returns stored documents unchanged, with ids and scores in [0, 1]", async () => {
      const r = await engine.search<Gig>(DEF.name, { perPage: 100 });
      expect(r.total).toBe(FIXTURES.length);
      expect(ids(r)).toEqual(ALL_IDS); // browse order: id ascending
      for (const h of r.hits) {
        expect(h.document).toEqual(BY_ID.get(h.id));
        expect(h.score).toBeGreaterThanOrEqual(0);
        expect(h.score).toBeLessThanOrEqual(1);
      }
    });

    describe("full text", () => {
      it("matches words in any searchable field, case-insensitively", async () => {
        expect(sortedIds(await engine.search(DEF.name, { q: "TRANSCRIPTION" }))).toEqual(["g01"]);
        expect(sortedIds(await engine.search(DEF.name, { q: "lighting" }))).toEqual(["g04", "g05"]);
      });

      it("requires every query word", async () => {
        expect(sortedIds(await engine.search(DEF.name, { q: "dialogue drama" }))).toEqual(["g01"]);
        expect(sortedIds(await engine.search(DEF.name, { q: "dialogue" }))).toEqual(["g01", "g07"]);
        expect((await engine.search(DEF.name, { q: "dialogue zebra" })).total).toBe(0);
      });

      it("matches the last word as a prefix", async () => {
        expect(sortedIds(await engine.search(DEF.name, { q: "transcr" }))).toEqual(["g01"]);
        expect(sortedIds(await engine.search(DEF.name, { q: "comedy dial" }))).toEqual(["g07"]);
      });

      it("matches the last word as a prefix that may carry its typos", async () => {
        // Meilisearch matches the last word's prefix with the word's typo budget ("story" finds
        // "stories" through "stori"); the embedded engine does the same.
        expect(sortedIds(await engine.search(DEF.name, { q: "trenscr" }))).toEqual(["g01"]);
        expect(sortedIds(await engine.search(DEF.name, { q: "comedy dailo" }))).toEqual(["g07"]);
        // not in the middle of the query, and not beyond the budget
        expect((await engine.search(DEF.name, { q: "trenscr dialogue" })).total).toBe(0);
        expect((await engine.search(DEF.name, { q: "trenzcr" })).total).toBe(0);
      });

      it("tolerates typos in longer words, not in short ones", async () => {
        expect(sortedIds(await engine.search(DEF.name, { q: "dialouge" }))).toEqual(["g01", "g07"]);
        expect(sortedIds(await engine.search(DEF.name, { q: "cinematographer" }))).toEqual(["g04", "g05"]);
        expect((await engine.search(DEF.name, { q: "drma series" })).total).toBe(0);
      });

      it("turns typo tolerance off on request", async () => {
        expect((await engine.search(DEF.name, { q: "dialouge", typoTolerance: false })).total).toBe(0);
        expect(sortedIds(await engine.search(DEF.name, { q: "dialogue", typoTolerance: false }))).toEqual(["g01", "g07"]);
      });

      it("applies synonyms in both directions, including multi-word ones", async () => {
        expect(sortedIds(await engine.search(DEF.name, { q: "showrunner" }))).toEqual(["g02", "g03"]);
        expect(sortedIds(await engine.search(DEF.name, { q: "executive producer" }))).toEqual(["g02", "g03"]);
        expect(sortedIds(await engine.search(DEF.name, { q: "dp" }))).toEqual(["g04", "g05"]);
        expect(sortedIds(await engine.search(DEF.name, { q: "cinematographer" }))).toEqual(["g04", "g05"]);
      });

      it("matches a word split in two and adjacent words joined into one", async () => {
        // "shot-list" is indexed as "shot" + "list"; "storyboards" as one word
        expect(sortedIds(await engine.search(DEF.name, { q: "shotlist" }))).toEqual(["g04"]);
        expect(sortedIds(await engine.search(DEF.name, { q: "shot list" }))).toEqual(["g04"]);
        expect(sortedIds(await engine.search(DEF.name, { q: "story boards" }))).toEqual(["g07"]);
        expect(sortedIds(await engine.search(DEF.name, { q: "storyboards" }))).toEqual(["g07"]);
      });

      it("with typo tolerance off matches words exactly as written: no synonym, split or joined word", async () => {
        // Meilisearch applies no synonyms (and no word splitting/joining) to exact words, so
        // neither engine does: an exact search finds the literal words.
        expect(sortedIds(await engine.search(DEF.name, { q: "showrunner", typoTolerance: false }))).toEqual(["g02"]);
        expect(sortedIds(await engine.search(DEF.name, { q: "executive producer", typoTolerance: false }))).toEqual(["g03"]);
        expect((await engine.search(DEF.name, { q: "shotlist", typoTolerance: false })).total).toBe(0);
        expect((await engine.search(DEF.name, { q: "story boards", typoTolerance: false })).total).toBe(0);
        expect(sortedIds(await engine.search(DEF.name, { q: "shot list", typoTolerance: false }))).toEqual(["g04"]);
      });

      it("treats a query without words as browse", async () => {
        const r = await engine.search(DEF.name, { q: "  !!! ", perPage: 100 });
        expect(r.total).toBe(FIXTURES.length);
      });

      it("ranks by relevance, deterministically across pages", async () => {
        const pages = await allPages(engine, { q: "batch", perPage: 4 });
        const seen = pages.flatMap(ids);
        expect(new Set(seen).size).toBe(seen.length);
        expect(seen.sort()).toEqual(FILLER.map((d) => d.id).sort());
      });
    });

    describe("filters", () => {
      const cases: [string, Filter[]][] = [
        ["eq keyword", [{ field: "status", op: "eq", value: "open" }]],
        ["eq keyword, other case", [{ field: "status", op: "eq", value: "OPEN" }]],
        ["eq keyword[] (contains)", [{ field: "taskTypes", op: "eq", value: "DIALOGUE" }]],
        ["eq number", [{ field: "pay", op: "eq", value: 90 }]],
        ["eq boolean true", [{ field: "remote", op: "eq", value: true }]],
        ["eq boolean false", [{ field: "remote", op: "eq", value: false }]],
        ["eq id", [{ field: "id", op: "eq", value: "g03" }]],
        ["in keyword", [{ field: "modality", op: "in", values: ["audio", "image"] }]],
        ["in keyword[] (any of)", [{ field: "taskTypes", op: "in", values: ["VISUAL", "SUBTITLES"] }]],
        ["in id", [{ field: "id", op: "in", values: ["g01", "g10", "nope"] }]],
        ["all keyword[]", [{ field: "taskTypes", op: "all", values: ["SCRIPT_REVIEW", "STORY"] }]],
        ["range both bounds", [{ field: "pay", op: "range", gte: 60, lte: 90 }]],
        ["range gte only", [{ field: "pay", op: "range", gte: 100 }]],
        ["range lte only (missing values excluded)", [{ field: "hours", op: "range", lte: 5 }]],
        ["unknown value", [{ field: "status", op: "eq", value: "archived" }]],
        [
          "combined",
          [
            { field: "status", op: "eq", value: "open" },
            { field: "remote", op: "eq", value: true },
            { field: "pay", op: "range", gte: 50, lte: 120 },
            { field: "taskTypes", op: "in", values: ["QA", "VISUAL", "SUBTITLES", "SCRIPT_REVIEW"] },
          ],
        ],
      ];
      for (const [label, filters] of cases) {
        it(label, async () => {
          const r = await engine.search(DEF.name, { filters, perPage: 100 });
          const want = oracle(filters).map((d) => d.id);
          expect(r.total).toBe(want.length);
          expect(ids(r)).toEqual(want.sort());
        });
      }

      it("combines with full text", async () => {
        const r = await engine.search(DEF.name, { q: "lighting", filters: [{ field: "status", op: "eq", value: "open" }] });
        expect(ids(r)).toEqual(["g04"]);
      });

      it("agrees with the oracle for random filter combinations (property)", async () => {
        const filterArb: fc.Arbitrary<Filter> = fc.oneof(
          fc.record({
            field: fc.constant("status"),
            op: fc.constant("eq" as const),
            value: fc.constantFrom("open", "closed", "draft", "Open", "none"),
          }),
          fc.record({ field: fc.constant("taskTypes"), op: fc.constant("eq" as const), value: fc.constantFrom(...TASKS) }),
          fc.record({ field: fc.constant("remote"), op: fc.constant("eq" as const), value: fc.boolean() }),
          fc.record({ field: fc.constant("pay"), op: fc.constant("eq" as const), value: fc.constantFrom(40, 50, 60, 90, 91) }),
          fc.record({ field: fc.constant("modality"), op: fc.constant("in" as const), values: fc.subarray(MODALITIES, { minLength: 1 }) }),
          fc.record({
            field: fc.constant("taskTypes"),
            op: fc.constant("in" as const),
            values: fc.subarray(TASKS, { minLength: 1, maxLength: 3 }),
          }),
          fc.record({
            field: fc.constant("taskTypes"),
            op: fc.constant("all" as const),
            values: fc.subarray(TASKS, { minLength: 1, maxLength: 2 }),
          }),
          fc.record(
            {
              field: fc.constantFrom("pay", "hours", "createdAt"),
              op: fc.constant("range" as const),
              gte: fc.integer({ min: 0, max: 1100 }),
              lte: fc.integer({ min: 0, max: 1100 }),
            },
            { requiredKeys: ["field", "op"] },
          ),
        );
        const scopeArb = fc.option(
          fc.record({ field: fc.constant("labId"), op: fc.constant("in" as const), values: fc.subarray(LABS, { minLength: 1 }) }),
          { nil: undefined },
        );
        await fc.assert(
          fc.asyncProperty(fc.array(filterArb, { maxLength: 3 }), scopeArb, async (filters, scope) => {
            const f = filters.filter((x) => x.op !== "range" || x.gte !== undefined || x.lte !== undefined);
            const scopeList = scope ? [scope] : [];
            const r = await engine.search(DEF.name, { filters: f, facets: ["taskTypes", "status"], perPage: 100 }, scopeList);
            const want = oracle([...scopeList, ...f]);
            expect(ids(r)).toEqual(want.map((d) => d.id).sort());
            expect(r.total).toBe(want.length);
            expect(r.facets.taskTypes).toEqual(oracleFacet(want, "taskTypes"));
            expect(r.facets.status).toEqual(oracleFacet(want, "status"));
          }),
          { numRuns: opts.propertyRuns },
        );
      });
    });

    describe("facets", () => {
      it("counts documents per value over the whole result set", async () => {
        const r = await engine.search(DEF.name, { facets: ["taskTypes", "modality", "status", "remote"], perPage: 1 });
        expect(r.facets.taskTypes).toEqual(oracleFacet(FIXTURES, "taskTypes"));
        expect(r.facets.modality).toEqual(oracleFacet(FIXTURES, "modality"));
        expect(r.facets.status).toEqual(oracleFacet(FIXTURES, "status"));
        expect(r.facets.remote).toEqual(oracleFacet(FIXTURES, "remote"));
      });

      it("reflects filters and text", async () => {
        const filters: Filter[] = [{ field: "remote", op: "eq", value: true }];
        const r = await engine.search(DEF.name, { filters, facets: ["status", "taskTypes"] });
        expect(r.facets.status).toEqual(oracleFacet(oracle(filters), "status"));
        expect(r.facets.taskTypes).toEqual(oracleFacet(oracle(filters), "taskTypes"));
        const t = await engine.search(DEF.name, { q: "dialogue", facets: ["status", "taskTypes"] });
        expect(t.facets.status).toEqual({ open: 1, draft: 1 });
        expect(t.facets.taskTypes).toEqual({ DIALOGUE: 2, LOCALIZATION: 1, TRANSCRIPTION: 1 });
      });

      it("orders values by count, then value", async () => {
        const r = await engine.search(DEF.name, { facets: ["status"] });
        const counts = Object.values(r.facets.status);
        expect([...counts].sort((a, b) => b - a)).toEqual(counts);
      });

      it("returns an empty object for a facet with no matches", async () => {
        const r = await engine.search(DEF.name, { q: "zebra", facets: ["status"] });
        expect(r.facets).toEqual({ status: {} });
      });
    });

    describe("sort", () => {
      const expected = (field: "pay" | "hours" | "createdAt" | "modality", dir: "asc" | "desc") =>
        [...FIXTURES]
          .sort((a, b) => {
            const x = a[field];
            const y = b[field];
            if (x === undefined || y === undefined) return x === y ? (a.id < b.id ? -1 : 1) : x === undefined ? 1 : -1;
            if (x === y) return a.id < b.id ? -1 : 1;
            return (x < y ? -1 : 1) * (dir === "asc" ? 1 : -1);
          })
          .map((d) => d.id);

      for (const field of ["pay", "createdAt", "modality", "hours"] as const) {
        for (const dir of ["asc", "desc"] as const) {
          it(`${field} ${dir}, ties by id, missing values last`, async () => {
            const r = await engine.search(DEF.name, { sort: { field, direction: dir }, perPage: 100 });
            expect(ids(r)).toEqual(expected(field, dir));
          });
        }
      }

      it("sorts text matches by the field, not by relevance", async () => {
        const r = await engine.search(DEF.name, { q: "batch", sort: { field: "pay", direction: "desc" }, perPage: 100 });
        expect(ids(r)).toEqual(expected("pay", "desc").filter((id) => BY_ID.get(id)!.title.startsWith("Annotation")));
      });

      it("sorts by id", async () => {
        const r = await engine.search(DEF.name, { sort: { field: "id", direction: "desc" }, perPage: 100 });
        expect(ids(r)).toEqual([...ALL_IDS].reverse());
      });
    });

    describe("pagination", () => {
      it("pages without gaps or overlap and reports totals", async () => {
        const pages = await allPages(engine, { sort: { field: "pay", direction: "asc" }, perPage: 7 });
        expect(pages[0].total).toBe(FIXTURES.length);
        expect(pages[0].totalPages).toBe(Math.ceil(FIXTURES.length / 7));
        expect(pages.map((p) => p.page)).toEqual(pages.map((_, i) => i + 1));
        expect(pages.every((p) => p.perPage === 7)).toBe(true);
        expect(pages.slice(0, -1).every((p) => p.hits.length === 7)).toBe(true);
        const all = pages.flatMap(ids);
        const full = await engine.search(DEF.name, { sort: { field: "pay", direction: "asc" }, perPage: 100 });
        expect(all).toEqual(ids(full));
      });

      it("returns no hits past the last page, with the real total", async () => {
        const r = await engine.search(DEF.name, { page: 99, perPage: 10 });
        expect(r.hits).toEqual([]);
        expect(r.total).toBe(FIXTURES.length);
        expect(r.page).toBe(99);
      });

      it("defaults to 20 per page and clamps to 1000", async () => {
        expect((await engine.search(DEF.name, {})).hits).toHaveLength(20);
        const r = await engine.search(DEF.name, { perPage: 5000 });
        expect(r.perPage).toBe(1000);
        expect(r.hits).toHaveLength(FIXTURES.length);
      });
    });

    describe("retrieve", () => {
      it("returns only id and the listed fields, same hits and order as a full query", async () => {
        const query: SearchQuery = { q: "dialogue", sort: { field: "pay", direction: "desc" }, highlight: ["title"] };
        const full = await engine.search<Gig>(DEF.name, query);
        const slim = await engine.search<Partial<Gig>>(DEF.name, { ...query, retrieve: ["pay", "taskTypes", "id"] });
        expect(slim.hits.length).toBeGreaterThan(0);
        expect(slim.hits.map((h) => h.id)).toEqual(full.hits.map((h) => h.id));
        expect(slim.total).toBe(full.total);
        expect(slim.hits.map((h) => h.highlights)).toEqual(full.hits.map((h) => h.highlights));
        for (const [i, h] of slim.hits.entries()) {
          const doc = full.hits[i].document;
          expect(h.document).toEqual({ id: doc.id, pay: doc.pay, taskTypes: doc.taskTypes });
        }
        const idsOnly = await engine.search(DEF.name, { ...query, retrieve: [] });
        expect(idsOnly.hits.map((h) => h.document)).toEqual(full.hits.map((h) => ({ id: h.id })));
      });

      it("returns copies: changing a returned document does not change the index", async () => {
        const a = await engine.search<Partial<Gig>>(DEF.name, {
          filters: [{ field: "id", op: "eq", value: "g01" }],
          retrieve: ["taskTypes"],
        });
        a.hits[0].document.taskTypes?.push("MUTATED");
        const b = await engine.search<Partial<Gig>>(DEF.name, {
          filters: [{ field: "id", op: "eq", value: "g01" }],
          retrieve: ["taskTypes"],
        });
        expect(b.hits[0].document.taskTypes).toEqual(["TRANSCRIPTION", "DIALOGUE"]);
      });
    });

    describe("writes", () => {
      afterEach(() => {
        dirty = true;
      });

      it("delete removes documents from results, facets and count; unknown ids are ignored", async () => {
        await engine.delete(DEF.name, ["g01", "does-not-exist", "not a valid id!"]);
        expect(await engine.count(DEF.name)).toBe(FIXTURES.length - 1);
        expect((await engine.search(DEF.name, { q: "transcription" })).total).toBe(0);
        const r = await engine.search(DEF.name, { facets: ["taskTypes"] });
        expect(r.facets.taskTypes).toEqual(
          oracleFacet(
            FIXTURES.filter((d) => d.id !== "g01"),
            "taskTypes",
          ),
        );
        expect(r.total).toBe(FIXTURES.length - 1);
      });

      it("upsert replaces the whole document, without duplicates", async () => {
        const replaced: Gig = {
          ...BY_ID.get("g01")!,
          title: "Audio quality check",
          description: "Listen for clipping.",
          taskTypes: ["QA"],
        };
        delete replaced.hours;
        await engine.upsert(DEF.name, [replaced]);
        expect(await engine.count(DEF.name)).toBe(FIXTURES.length);
        expect((await engine.search(DEF.name, { q: "transcription" })).total).toBe(0);
        const r = await engine.search<Gig>(DEF.name, { q: "clipping" });
        expect(ids(r)).toEqual(["g01"]);
        expect(r.hits[0].document).toEqual(replaced);
        const f = await engine.search(DEF.name, { facets: ["taskTypes"], filters: [{ field: "id", op: "eq", value: "g01" }] });
        expect(f.facets.taskTypes).toEqual({ QA: 1 });
        const browse = await engine.search(DEF.name, { perPage: 100 });
        expect(ids(browse).filter((id) => id === "g01")).toHaveLength(1);
      });

      it("upsert of a batch with a repeated id keeps the last one", async () => {
        const a = { ...BY_ID.get("g02")!, title: "first version" };
        const b = { ...BY_ID.get("g02")!, title: "second version" };
        await engine.upsert(DEF.name, [a, b]);
        expect(await engine.count(DEF.name)).toBe(FIXTURES.length);
        expect(ids(await engine.search(DEF.name, { q: "second version" }))).toEqual(["g02"]);
        expect((await engine.search(DEF.name, { q: "first version" })).total).toBe(0);
      });

      it("rejects invalid documents before writing anything", async () => {
        await expect(engine.upsert(DEF.name, [{ ...BY_ID.get("g03")!, pay: "lots" }])).rejects.toBeInstanceOf(SearchDocumentError);
        await expect(engine.upsert(DEF.name, [{ ...BY_ID.get("g03")!, id: "bad id" }])).rejects.toBeInstanceOf(SearchDocumentError);
        await expect(engine.upsert(DEF.name, [{ ...BY_ID.get("g03")!, taskTypes: "VISUAL" }])).rejects.toBeInstanceOf(SearchDocumentError);
        expect(await engine.count(DEF.name)).toBe(FIXTURES.length);
        expect((await engine.search<Gig>(DEF.name, { filters: [{ field: "id", op: "eq", value: "g03" }] })).hits[0].document.pay).toBe(150);
      });

      it("clear empties the index", async () => {
        await engine.clear(DEF.name);
        expect(await engine.count(DEF.name)).toBe(0);
        const r = await engine.search(DEF.name, { q: "dialogue", facets: ["status"] });
        expect(r.total).toBe(0);
        expect(r.totalPages).toBe(0);
        expect(r.facets).toEqual({ status: {} });
      });
    });

    describe("scope (tenant) filters", () => {
      const scope: Filter[] = [{ field: "labId", op: "eq", value: "lab_a" }];
      const inScope = FIXTURES.filter((d) => d.labId === "lab_a");

      it("restricts results, totals and facets", async () => {
        const r = await engine.search<Gig>(DEF.name, { facets: ["status"], perPage: 100 }, scope);
        expect(ids(r)).toEqual(inScope.map((d) => d.id).sort());
        expect(r.facets.status).toEqual(oracleFacet(inScope, "status"));
      });

      it("cannot be widened by query filters", async () => {
        const other = await engine.search(DEF.name, { filters: [{ field: "labId", op: "eq", value: "lab_b" }] }, scope);
        expect(other.total).toBe(0);
        const wider = await engine.search<Gig>(
          DEF.name,
          { filters: [{ field: "labId", op: "in", values: ["lab_a", "lab_b", "lab_c"] }], perPage: 100 },
          scope,
        );
        expect(wider.hits.every((h) => h.document.labId === "lab_a")).toBe(true);
        expect(wider.total).toBe(inScope.length);
      });

      it("applies to text queries and id lookups too", async () => {
        expect((await engine.search(DEF.name, { q: "lighting" }, scope)).total).toBe(0);
        expect((await engine.search(DEF.name, { filters: [{ field: "id", op: "eq", value: "g03" }] }, scope)).total).toBe(0);
      });

      it("keeps injection attempts inert", async () => {
        const evil: Filter[] = [{ field: "labId", op: "eq", value: 'lab_a" OR labId = "lab_b' }];
        expect((await engine.search(DEF.name, {}, evil)).total).toBe(0);
        const evil2: Filter[] = [{ field: "labId", op: "in", values: ['lab_x"] OR labId IN ["lab_b'] }];
        expect((await engine.search(DEF.name, {}, evil2)).total).toBe(0);
      });

      it("is validated like query filters", async () => {
        await expect(engine.search(DEF.name, {}, [{ field: "title", op: "eq", value: "x" }])).rejects.toBeInstanceOf(SearchQueryError);
        await expect(engine.search(DEF.name, {}, [{ field: "labId", op: "in", values: [] }])).rejects.toBeInstanceOf(SearchQueryError);
      });
    });

    describe("highlights", () => {
      it("escapes HTML and marks matched words", async () => {
        const r = await engine.search<Gig>(DEF.name, { q: "subtitle", highlight: ["title", "description"] });
        expect(ids(r)).toEqual(["g06"]);
        const h = r.hits[0].highlights;
        expect(h.title).toBe("&lt;script&gt;alert(1)&lt;/script&gt; <mark>Subtitle</mark> timing");
        expect(h.description).toBe("Check <mark>subtitle</mark> timing &amp; sync &lt;b&gt;bold&lt;/b&gt; claims.");
      });

      it("never lets document markup through", async () => {
        const r = await engine.search<Gig>(DEF.name, { q: "script", highlight: ["title", "description"] });
        expect(ids(r).sort()).toEqual(["g02", "g06"]);
        for (const hit of r.hits) {
          for (const html of Object.values(hit.highlights)) {
            expect(html.replace(/<\/?mark>/g, "")).not.toMatch(/[<>]/);
          }
        }
        // The engines split "<script>alert(1)</script>" differently (Meilisearch marks only the
        // second "script"); what both guarantee: the text is escaped and the word is marked.
        const g06 = r.hits.find((x) => x.id === "g06")!;
        expect(g06.highlights.title.replace(/<\/?mark>/g, "")).toBe("&lt;script&gt;alert(1)&lt;/script&gt; Subtitle timing");
        expect(g06.highlights.title).toMatch(/&lt;\/?<mark>script<\/mark>&gt;/);
      });

      it("marks prefix, typo and synonym matches", async () => {
        expect((await engine.search<Gig>(DEF.name, { q: "transcr", highlight: ["title"] })).hits[0].highlights.title).toContain(
          "<mark>transcr",
        );
        const typo = await engine.search<Gig>(DEF.name, {
          q: "dialouge",
          highlight: ["title"],
          filters: [{ field: "id", op: "eq", value: "g07" }],
        });
        expect(typo.hits[0].highlights.title).toBe("Localization of comedy <mark>dialogue</mark>");
        const syn = await engine.search<Gig>(DEF.name, {
          q: "showrunner",
          highlight: ["title"],
          filters: [{ field: "id", op: "eq", value: "g03" }],
        });
        // a multi-word synonym may be marked word by word or as one span
        const synTitle = syn.hits[0].highlights.title;
        expect(synTitle.replace(/<\/?mark>/g, "")).toBe("Executive producer feedback on story arcs");
        expect(synTitle).toMatch(/^<mark>Executive(<\/mark> <mark>| )producer<\/mark> feedback/);
      });

      it("returns escaped text without marks when there is no text query", async () => {
        const r = await engine.search<Gig>(DEF.name, { highlight: ["title"], filters: [{ field: "id", op: "eq", value: "g06" }] });
        expect(r.hits[0].highlights.title).toBe("&lt;script&gt;alert(1)&lt;/script&gt; Subtitle timing");
      });
    });

    describe("invalid queries", () => {
      const bad: [string, SearchQuery][] = [
        ["unknown filter field", { filters: [{ field: "salary", op: "eq", value: 1 }] }],
        ["non-filterable field", { filters: [{ field: "title", op: "eq", value: "x" }] }],
        ["wrong value type", { filters: [{ field: "pay", op: "eq", value: "90" }] }],
        ["in on a number", { filters: [{ field: "pay", op: "in", values: ["90"] }] }],
        ["all on a keyword", { filters: [{ field: "status", op: "all", values: ["open"] }] }],
        ["range on a keyword", { filters: [{ field: "status", op: "range", gte: 1 }] }],
        ["range without bounds", { filters: [{ field: "pay", op: "range" }] }],
        ["unknown op", { filters: [{ field: "pay", op: "gt", value: 1 } as unknown as Filter] }],
        ["non-sortable sort", { sort: { field: "taskTypes", direction: "asc" } }],
        ["unknown sort field", { sort: { field: "salary", direction: "asc" } }],
        ["bad sort direction", { sort: { field: "pay", direction: "up" as "asc" } }],
        ["non-facet facet", { facets: ["pay"] }],
        ["unknown facet", { facets: ["salary"] }],
        ["highlight a non-text field", { highlight: ["status"] }],
        ["page 0", { page: 0 }],
        ["fractional perPage", { perPage: 2.5 }],
        ["unknown retrieve field", { retrieve: ["salary"] }],
        ["retrieve not an array", { retrieve: "title" as unknown as string[] }],
        ["unknown option", { filter: "status = open" } as unknown as SearchQuery],
      ];
      for (const [label, query] of bad) {
        it(`rejects ${label} with SearchQueryError`, async () => {
          const err = await engine.search(DEF.name, query).catch((e: unknown) => e);
          expect(err).toBeInstanceOf(SearchQueryError);
          expect((err as Error).message.length).toBeGreaterThan(10);
        });
      }

      it("rejects an unknown index with SearchEngineError", async () => {
        await expect(engine.search("no_such_index", {})).rejects.toBeInstanceOf(SearchEngineError);
      });
    });
  });
}

runContract("embedded", async () => createEmbeddedEngine(), { propertyRuns: 150 });

// The run's real Meilisearch (tests/setup/meili.ts). On Linux x64 it always exists; elsewhere
// meiliSkip says why there is none, and this suite is skipped with that message.
const MEILI_HOST = inject("meiliHost");
const MEILI_SKIP = inject("meiliSkip");
if (!MEILI_HOST) console.info(`[search-contract] Meilisearch contract suite SKIPPED: ${MEILI_SKIP}`);
describe.skipIf(!MEILI_HOST)("meilisearch (real server)", () => {
  runContract(
    "meilisearch",
    async () =>
      createMeilisearchEngine({
        host: MEILI_HOST,
        apiKey: inject("meiliKey"),
        indexPrefix: `test_${process.pid}_${Date.now().toString(36)}_`,
      }),
    { propertyRuns: 40 },
  );
});
