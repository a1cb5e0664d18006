/**
 * `npm run reindex`: rebuilds the search indexes from the database, with a progress bar.
 * With MEILI_HOST set it rebuilds the Meilisearch indexes; without it, it measures a rebuild of
 * the embedded engine (which the app itself rebuilds in memory on every start).
 */
import { openScriptDatabase } from "./lib/database";
import { progressBar } from "./lib/progress";

const database = await openScriptDatabase();
try {
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
  await database.close();
}
