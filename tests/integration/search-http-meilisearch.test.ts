/**
 * The same search pages over HTTP, with the app on the run's real Meilisearch
 * (tests/setup/meili.ts). Skipped, with the reason printed, only where no server can run.
 */
import { describe, it } from "vitest";
import { meiliAvailable, useMeilisearchForApp } from "../setup/engines";

if (meiliAvailable("search-http-meilisearch")) {
  useMeilisearchForApp();
  await import("./search-http.cases");
} else {
  describe.skip("search pages with Meilisearch", () => it("needs a Meilisearch server", () => {}));
}
