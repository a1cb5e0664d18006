/**
 * The same screener cases with the app on the run's real Meilisearch (tests/setup/meili.ts).
 * Skipped, with the reason printed, only where no server can run.
 */
import { describe, it } from "vitest";
import { meiliAvailable, useMeilisearchForApp } from "../setup/engines";

if (meiliAvailable("screeners-meilisearch")) {
  useMeilisearchForApp();
  await import("./screeners.cases");
} else {
  describe.skip("screeners with Meilisearch", () => it("needs a Meilisearch server", () => {}));
}
