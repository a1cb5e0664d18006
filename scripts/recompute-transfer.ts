/**
 * `npm run recompute`: recomputes every professional's stored transfer scores with the current
 * active rules (after rule edits), with a progress bar and the throughput at the end.
 */
import { openScriptDatabase } from "./lib/database";
import { progressBar } from "./lib/progress";

const database = await openScriptDatabase();
try {
  const { recomputeAll } = await import("~/services/transfer.server");
  let bar: ReturnType<typeof progressBar> | undefined;
  const t0 = Date.now();
  const r = await recomputeAll((done, total) => {
    bar ??= progressBar("transfer scores", total);
    if (done >= total) bar.done(done);
    else bar.update(done);
  });
  const seconds = (Date.now() - t0) / 1000;
  console.log(
    `Recomputed ${r.profiles} profiles (${r.changed} changed) in ${seconds.toFixed(1)} s: ${Math.round(r.profiles / Math.max(seconds, 0.001))} profiles/s`,
  );
} catch (e) {
  console.error(`Recompute failed: ${(e as Error).message}`);
  process.exitCode = 1;
} finally {
  await database.close();
}
