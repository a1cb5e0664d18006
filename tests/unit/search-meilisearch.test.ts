/**
 * Meilisearch-only behaviour of the adapter, against the test run's real server
 * (tests/setup/meili.ts): start-up before the server is up, slow settings tasks, what a tenant
 * token can read, settings sizing, index deletion and the atomic rebuild.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Meilisearch } from "meilisearch";
import { afterAll, describe, expect, inject, it } from "vitest";
import { type IndexDefinition, MAX_TOTAL_HITS, SearchEngineError } from "~/search/engine.server";
import { PEOPLE_INDEX, peopleIndex } from "~/search/indexes";
import { createMeilisearchEngine, createTenantToken, type MeilisearchEngine, versionAtLeast } from "~/search/meilisearch.server";
import { bundledMeilisearch, randomMasterKey, startMeilisearch } from "../../scripts/lib/meilisearch-server";
import { freePort } from "../../scripts/lib/free-port";

const HOST = inject("meiliHost");
const KEY = inject("meiliKey");
if (!HOST) console.info(`[search-meilisearch] SKIPPED: ${inject("meiliSkip")}`);

const DEF: IndexDefinition = {
  name: "things",
  primaryKey: "id",
  fields: { title: { type: "text" }, n: { type: "number", filterable: true, sortable: true } },
  searchableOrder: ["title"],
};

let seq = 0;
const engines: MeilisearchEngine[] = [];
function engine(extra: Partial<Parameters<typeof createMeilisearchEngine>[0]> = {}) {
  const e = createMeilisearchEngine({
    host: HOST,
    apiKey: KEY,
    indexPrefix: `t_${process.pid}_${Date.now().toString(36)}_${seq++}_`,
    ...extra,
  });
  engines.push(e);
  return e;
}
afterAll(async () => {
  for (const e of engines) {
    for (const name of [DEF.name, PEOPLE_INDEX]) await e.dropIndex(name).catch(() => {});
  }
});

describe("versionAtLeast", () => {
  it("compares dotted versions numerically", () => {
    expect(versionAtLeast("1.21.0", "1.7.0")).toBe(true);
    expect(versionAtLeast("1.7.0", "1.7.0")).toBe(true);
    expect(versionAtLeast("v1.10.2", "1.7.0")).toBe(true);
    expect(versionAtLeast("1.6.9", "1.7.0")).toBe(false);
    expect(versionAtLeast("0.30.5", "1.7.0")).toBe(false);
  });
});

describe.skipIf(!HOST)("meilisearch adapter against a real server", () => {
  it("reports the server version", async () => {
    expect(versionAtLeast(await engine().serverVersion(), "1.7.0")).toBe(true);
  });

  it("knows its indexes before the server answers, and works once it is up", async () => {
    const binary = await bundledMeilisearch();
    if (!binary.ok) throw new Error(binary.reason);
    const port = await freePort();
    const key = randomMasterKey();
    const e = createMeilisearchEngine({ host: `http://127.0.0.1:${port}`, apiKey: key, requestTimeoutMs: 2_000 });
    await expect(e.ensureIndexes([DEF])).rejects.toBeInstanceOf(SearchEngineError);
    // not "index not defined": the definition is known, the server is what is missing
    const err = await e.search(DEF.name, { q: "x" }).catch((x: Error) => x);
    expect(err).toBeInstanceOf(SearchEngineError);
    expect((err as Error).message).not.toMatch(/not defined/);
    const upsertErr = await e.upsert(DEF.name, [{ id: "a", title: "alpha", n: 1 }]).catch((x: Error) => x);
    expect((upsertErr as Error).message).not.toMatch(/not defined/);

    const dir = mkdtempSync(path.join(os.tmpdir(), "second-act-test-meili-late-"));
    const server = await startMeilisearch({ binary: binary.path, dir, port, masterKey: key });
    try {
      await e.ensureIndexes([DEF]);
      await e.upsert(DEF.name, [{ id: "a", title: "alpha", n: 1 }]);
      expect((await e.search(DEF.name, { q: "alpha" })).total).toBe(1);
    } finally {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("starts with a master key that begins with '-' (1 in 64 random keys), which stays off the command line", async () => {
    const binary = await bundledMeilisearch();
    if (!binary.ok) throw new Error(binary.reason);
    const port = await freePort();
    const key = `-T${randomMasterKey()}`;
    const dir = mkdtempSync(path.join(os.tmpdir(), "second-act-test-meili-dash-"));
    const server = await startMeilisearch({ binary: binary.path, dir, port, masterKey: key });
    try {
      const e = createMeilisearchEngine({ host: `http://127.0.0.1:${port}`, apiKey: key, requestTimeoutMs: 2_000 });
      await e.ensureIndexes([DEF]);
      await e.upsert(DEF.name, [{ id: "a", title: "alpha", n: 1 }]);
      expect((await e.search(DEF.name, { q: "alpha" })).total).toBe(1);
      // the key is required: a request without it is refused
      expect((await fetch(`http://127.0.0.1:${port}/indexes`)).status).toBe(401);
      if (process.platform === "linux") expect(readFileSync(`/proc/${server.pid}/cmdline`, "utf8")).not.toContain(key.slice(2));
    } finally {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("does not fail when a settings task outlasts the wait", async () => {
    const lines: string[] = [];
    const e = engine({ taskTimeoutMs: 1, log: (m) => lines.push(m) });
    await expect(e.ensureIndexes([DEF])).resolves.toBeUndefined();
    expect(lines.join("\n")).toMatch(/still being applied/);
    // later writes queue behind the settings task; with a normal wait they succeed
    const patient = createMeilisearchEngine({ host: HOST, apiKey: KEY, indexPrefix: e.uid("") });
    engines.push(patient);
    await patient.ensureIndexes([DEF]);
    await patient.upsert(DEF.name, [{ id: "b", title: "beta", n: 2 }]);
    expect((await patient.search(DEF.name, { filters: [{ field: "n", op: "range", gte: 2 }] })).total).toBe(1);
  });

  it("sizes settings to the pages: maxTotalHits, only displayable fields", async () => {
    const e = engine();
    await e.ensureIndexes([peopleIndex]);
    const settings = await e.client.index(e.uid(PEOPLE_INDEX)).getSettings();
    expect(settings.pagination?.maxTotalHits).toBe(MAX_TOTAL_HITS);
    expect(settings.displayedAttributes).not.toContain("*");
    expect(settings.displayedAttributes).not.toContain("minRateCents");
    expect(settings.displayedAttributes).toContain("displayName");
  });

  it("never returns minRateCents, not even to a tenant-token search made directly against Meilisearch", async () => {
    const e = engine();
    await e.ensureIndexes([peopleIndex]);
    const person = (id: string, visibility: string) => ({
      id,
      displayName: `Person ${id}`,
      headline: "Script supervisor",
      creditText: "",
      bio: "",
      visibility,
      minRateCents: 9100,
      hoursPerWeek: 20,
    });
    await e.upsert(PEOPLE_INDEX, [person("p1", "LABS"), person("p2", "COORDINATORS")]);
    // through the port: coordinators may filter on the rate, but it is not in the hit
    const viaPort = await e.search(PEOPLE_INDEX, { q: "supervisor", filters: [{ field: "minRateCents", op: "range", lte: 10_000 }] });
    expect(viaPort.total).toBe(2);
    for (const h of viaPort.hits) expect(h.document).not.toHaveProperty("minRateCents");

    // directly: a search key, a tenant token scoped to visibility = LABS, a client in the browser's shoes
    const key = await e.client.createKey({
      actions: ["search"],
      indexes: [e.uid(PEOPLE_INDEX)],
      expiresAt: null,
      description: "test search key",
    });
    const token = await createTenantToken({
      apiKey: key.key,
      apiKeyUid: key.uid,
      indexPrefix: e.uid(""),
      searchRules: { [PEOPLE_INDEX]: [{ field: "visibility", op: "eq", value: "LABS" }] },
      expiresAt: new Date(Date.now() + 60_000),
      definitions: [peopleIndex],
    });
    const browser = new Meilisearch({ host: HOST, apiKey: token });
    const res = await browser.index(e.uid(PEOPLE_INDEX)).search("supervisor", { attributesToRetrieve: ["*", "minRateCents"] });
    expect(res.hits.map((h) => h.id)).toEqual(["p1"]);
    expect(res.hits[0]).not.toHaveProperty("minRateCents");
    expect(res.hits[0].displayName).toBe("Person p1");
    await e.client.deleteKey(key.uid);
  });

  it("asks for no ranking score details", async () => {
    const e = engine();
    await e.ensureIndexes([DEF]);
    await e.upsert(DEF.name, [{ id: "a", title: "alpha", n: 1 }]);
    const r = await e.search(DEF.name, { q: "alpha" });
    expect(Object.keys(r.hits[0]).sort()).toEqual(["document", "highlights", "id", "score"]);
  });

  it("dropIndex returns once the index is gone", async () => {
    const e = engine();
    await e.ensureIndexes([DEF]);
    await e.dropIndex(DEF.name);
    const err = await e.client.getRawIndex(e.uid(DEF.name)).catch((x: { cause?: { code?: string } }) => x);
    expect((err as { cause?: { code?: string } }).cause?.code).toBe("index_not_found");
    await e.dropIndex(DEF.name); // and is idempotent
  });

  it("rebuild swaps a complete new index in: searches never see it empty or partial", async () => {
    const e = engine();
    await e.ensureIndexes([DEF]);
    const old = Array.from({ length: 30 }, (_, i) => ({ id: `o${i}`, title: "old thing", n: i }));
    await e.upsert(DEF.name, old);
    const seen = new Set<number>();
    let filling = true;
    const watcher = (async () => {
      while (filling) {
        seen.add((await e.search(DEF.name, {})).total);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    await e.rebuild(DEF.name, async (write) => {
      for (let b = 0; b < 4; b++) {
        await write(Array.from({ length: 10 }, (_, i) => ({ id: `n${b}_${i}`, title: "new thing", n: b * 10 + i })));
        seen.add((await e.search(DEF.name, {})).total);
      }
    });
    filling = false;
    await watcher;
    expect([...seen].every((t) => t === 30 || t === 40)).toBe(true);
    expect(seen.has(30)).toBe(true);
    const after = await e.search(DEF.name, { q: "thing", perPage: 100 });
    expect(after.total).toBe(40);
    expect(after.hits.every((h) => h.id.startsWith("n"))).toBe(true);
    // the settings came along: filters and sort still work on the swapped-in index
    expect(
      (await e.search(DEF.name, { filters: [{ field: "n", op: "range", gte: 35 }], sort: { field: "n", direction: "desc" } })).hits[0].id,
    ).toBe("n3_9");
    const indexes = await e.client.getRawIndexes({ limit: 1000 });
    expect(indexes.results.map((i) => i.uid)).not.toContain(`${e.uid(DEF.name)}__rebuild`);
  });
});
