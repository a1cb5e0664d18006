/**
 * Vitest global setup: ONE real Meilisearch server per test run, from the bundled binary
 * (scripts/lib/meilisearch-server.ts): a free port on 127.0.0.1, a throwaway data folder, a random
 * master key, `--no-analytics`, `--max-indexing-threads 1`; stopped (and its folder removed) at the
 * end. Tests read it with inject("meiliHost") / inject("meiliKey"); each test file uses its own
 * index prefix, so files running in parallel never share an index.
 *
 * Where the bundled binary cannot run (not Linux x64, package not installed), `meiliSkip` says why
 * and the Meilisearch tests print it and skip. MEILI_HOST (+ MEILI_API_KEY) in the environment
 * selects an external server instead of starting one.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { type MeiliServer, bundledMeilisearch, randomMasterKey, startMeilisearch } from "../../scripts/lib/meilisearch-server";
import { freePort } from "../../scripts/lib/free-port";

declare module "vitest" {
  export interface ProvidedContext {
    /** Base URL of the run's Meilisearch, "" when there is none (then meiliSkip says why). */
    meiliHost: string;
    meiliKey: string;
    meiliSkip: string;
  }
}

interface Shared {
  host: string;
  key: string;
  skip: string;
  stop: () => Promise<void>;
}

const cache = globalThis as unknown as { __saMeili?: Promise<Shared>; __saMeiliUsers?: number };

async function startShared(): Promise<Shared> {
  const external = process.env.MEILI_HOST;
  if (external) {
    return { host: external, key: process.env.MEILI_API_KEY ?? process.env.MEILI_MASTER_KEY ?? "", skip: "", stop: async () => {} };
  }
  const binary = await bundledMeilisearch();
  if (!binary.ok) {
    return { host: "", key: "", skip: `no Meilisearch server for this run: ${binary.reason}`, stop: async () => {} };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), "second-act-test-meili-"));
  const t0 = Date.now();
  let server: MeiliServer | undefined;
  for (let attempt = 1; !server; attempt++) {
    try {
      // A free port can be taken between the probe and the bind: try again with another.
      server = await startMeilisearch({ binary: binary.path, dir, port: await freePort(), masterKey: randomMasterKey() });
    } catch (e) {
      if (attempt >= 3) {
        rmSync(dir, { recursive: true, force: true });
        throw e;
      }
    }
  }
  console.log(`[test setup] Meilisearch ${server.version} (bundled binary) on ${server.url} in ${Date.now() - t0} ms`);
  const s = server;
  return {
    host: s.url,
    key: s.masterKey,
    skip: "",
    stop: async () => {
      await s.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export default async function setup(project: TestProject) {
  cache.__saMeili ??= startShared();
  cache.__saMeiliUsers = (cache.__saMeiliUsers ?? 0) + 1;
  const shared = await cache.__saMeili;
  project.provide("meiliHost", shared.host);
  project.provide("meiliKey", shared.key);
  project.provide("meiliSkip", shared.skip);
  return async () => {
    cache.__saMeiliUsers = (cache.__saMeiliUsers ?? 1) - 1;
    if (cache.__saMeiliUsers === 0) {
      cache.__saMeili = undefined;
      await shared.stop();
    }
  };
}
