/**
 * The search engines a test file runs against: the embedded engine always, and the run's real
 * Meilisearch (tests/setup/meili.ts) wherever one exists. Every Meilisearch engine gets its own
 * index prefix (test files run in parallel against one server) and its indexes are dropped after
 * the file.
 */
import { afterAll, inject } from "vitest";
import { createEmbeddedEngine } from "~/search/embedded.server";
import type { SearchEngine } from "~/search/engine.server";
import { INDEXES } from "~/search/indexes";
import { createMeilisearchEngine, type MeilisearchEngine } from "~/search/meilisearch.server";

let seq = 0;
const created: MeilisearchEngine[] = [];
let cleanup = false;

function uniquePrefix() {
  return `t_${process.pid}_${Date.now().toString(36)}_${seq++}_`;
}

/** Prints why Meilisearch cases are skipped (only where there is no server). */
export function meiliAvailable(label: string): boolean {
  const host = inject("meiliHost");
  if (!host) console.info(`[${label}] Meilisearch cases SKIPPED: ${inject("meiliSkip")}`);
  return Boolean(host);
}

export function newMeilisearchEngine(): MeilisearchEngine {
  const e = createMeilisearchEngine({ host: inject("meiliHost"), apiKey: inject("meiliKey"), indexPrefix: uniquePrefix() });
  created.push(e);
  if (!cleanup) {
    cleanup = true;
    afterAll(async () => {
      for (const engine of created) for (const def of INDEXES) await engine.dropIndex(def.name).catch(() => {});
    });
  }
  return e;
}

/** [name, factory] for describe.each: embedded, and meilisearch when this run has a server. */
export function engineCases(label: string): [string, () => SearchEngine][] {
  const cases: [string, () => SearchEngine][] = [["embedded", () => createEmbeddedEngine()]];
  if (meiliAvailable(label)) cases.push(["meilisearch", () => newMeilisearchEngine()]);
  return cases;
}

/**
 * Makes the app in this test file (useTestServer) use the run's Meilisearch, under an index
 * prefix of its own. Call before the app reads its configuration (before useTestServer).
 */
export function useMeilisearchForApp(): void {
  process.env.SEARCH_ENGINE = "meilisearch";
  process.env.MEILI_HOST = inject("meiliHost");
  process.env.MEILI_API_KEY = inject("meiliKey");
  const prefix = uniquePrefix();
  process.env.MEILI_INDEX_PREFIX = prefix;
  afterAll(async () => {
    const e = createMeilisearchEngine({ host: inject("meiliHost"), apiKey: inject("meiliKey"), indexPrefix: prefix });
    for (const def of INDEXES) await e.dropIndex(def.name).catch(() => {});
  });
}
