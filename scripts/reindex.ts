/**
 * `npm run reindex`: rebuilds the search indexes from the database, with a progress bar.
 * With MEILI_HOST set (or SEARCH_ENGINE=meilisearch: the bundled server `npm start` runs) it rebuilds
 * the Meilisearch indexes, each built aside and swapped in; otherwise it measures a rebuild of the
 * embedded engine (which the app itself rebuilds in memory on every start).
 */
import { openScriptDatabase } from "./lib/database";
import { progressBar } from "./lib/progress";

const database = await openScriptDatabase();
// SEARCH_ENGINE=meilisearch without MEILI_HOST: the bundled server under DATA_DIR/meili (the one
// `npm start` runs; started here for the duration when it is not running).
let stopMeili = async () => {};
if (process.env.SEARCH_ENGINE === "meilisearch" && !process.env.MEILI_HOST) {
  const { existsSync, mkdirSync, readFileSync, writeFileSync } = await import("node:fs");
  const path = await import("node:path");
  const { parseEnv } = await import("~/env.server");
  const { ROOT } = await import("./lib/migrate");
  const { bundledMeilisearch, randomMasterKey, startMeilisearch } = await import("./lib/meilisearch-server");
  const config = parseEnv(process.env);
  const dir = path.resolve(ROOT, config.DATA_DIR, "meili");
  const keyFile = path.join(dir, "master-key");
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (!existsSync(keyFile)) writeFileSync(keyFile, `${randomMasterKey()}\n`, { mode: 0o600 });
  process.env.MEILI_HOST = `http://127.0.0.1:${config.MEILI_PORT}`;
  process.env.MEILI_API_KEY = readFileSync(keyFile, "utf8").trim();
  const running = await fetch(`${process.env.MEILI_HOST}/health`).then(
    (r) => r.ok,
    () => false,
  );
  if (!running) {
    const binary = await bundledMeilisearch();
    if (!binary.ok) {
      console.error(`Reindex failed: ${binary.reason}`);
      await database.close();
      process.exit(1);
    }
    const server = await startMeilisearch({ binary: binary.path, dir, port: config.MEILI_PORT, masterKey: process.env.MEILI_API_KEY });
    stopMeili = () => server.stop();
  }
}

try {
  const { createEngine } = await import("~/search/service.server");
  const { INDEXES } = await import("~/search/indexes");
  const { reindexAll } = await import("~/search/sync.server");
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
  console.log(
    `Reindexed ${counts.gigs} open gigs and ${counts.people} people into the ${engine.kind} engine in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
  await engine.close();
} catch (e) {
  console.error(`Reindex failed: ${(e as Error).message}`);
  process.exitCode = 1;
} finally {
  await stopMeili();
  await database.close();
}
