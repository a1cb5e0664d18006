import os from "node:os";
import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

const isTest = Boolean(process.env.VITEST);
// Loaded only for test runs (the build must not load vitest).
const sequencer = isTest ? (await import("./tests/setup/sequencer")).LongestFirst : undefined;

export default defineConfig({
  plugins: [
    // The Remix plugin must stay out of vitest runs.
    ...(isTest
      ? []
      : [
          remix({
            // Tests build into their own folder so parallel runs never share build/.
            buildDirectory: process.env.REMIX_BUILD_DIR ?? "build",
            future: {
              v3_fetcherPersist: true,
              v3_relativeSplatPath: true,
              v3_throwAbortReason: true,
              v3_singleFetch: true,
              v3_lazyRouteDiscovery: true,
              v3_routeConfig: true,
            },
          }),
        ]),
    tsconfigPaths(),
  ],
  server: { port: 3000 },
  // vitest keeps each file's last duration here and starts the longest files first. node_modules/.vite
  // may be shared (hard-linked) between clones, where other runs would overwrite it (docs/testing.md).
  ...(isTest ? { cacheDir: ".cache/vite" } : {}),
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: "forks",
    // The test build (.cache/test-build-*, tests/setup/global.ts) is plain JavaScript already: test
    // files import it with Node's own loader instead of vitest transforming and evaluating 1.4 MB
    // again in every file (about 0.5 s of each HTTP test file's start-up; docs/testing.md round 6).
    server: { deps: { external: [/\/\.cache\/test-build-[^/]+\//] } },
    // vitest's default is one worker less than the CPUs: ONE on a 2-core machine, where the test
    // files spend much of their time waiting on PostgreSQL, Chromium and Meilisearch (each in its
    // own process). Two files at a time keep both cores busy (docs/testing.md).
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
    // Longest files first, also on a fresh clone (tests/setup/sequencer.ts).
    ...(sequencer ? { sequence: { sequencer } } : {}),
    // SLA reminders are exercised by calling the sweep directly (tests/integration/sla.test.ts);
    // a background sweep would add notifications to other tests' users at random moments.
    // Likewise the webhook worker (tests/integration/webhooks.test.ts runs it directly).
    // PASSWORD_HASH_COST=test: argon2id at its lowest cost for the run's own servers (never in
    // production; app/password.server.ts, decision 0031).
    env: { SLA_REMINDER_INTERVAL_SECONDS: "0", WEBHOOK_DELIVERY_INTERVAL_MS: "0", PASSWORD_HASH_COST: "test" },
    projects: [
      // One real Meilisearch per run (tests/setup/meili.ts) for the search contract and integration tests.
      { extends: true, test: { name: "unit", include: ["tests/unit/**/*.test.ts"], globalSetup: ["tests/setup/meili.ts"] } },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          globalSetup: ["tests/setup/global.ts", "tests/setup/meili.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          globalSetup: ["tests/setup/chromium.ts", "tests/setup/global.ts"],
          testTimeout: 120_000,
        },
      },
    ],
  },
});
