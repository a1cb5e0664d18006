/**
 * npm run backup [-- file.jsonl.gz]     consistent logical backup of the database
 * npm run restore -- file.jsonl.gz      restore into an EMPTY database (all or nothing)
 * Uses the embedded PostgreSQL under .data/ unless DATABASE_URL is set.
 */
import path from "node:path";
import { backupDatabase, restoreDatabase } from "./lib/backup";
import { openScriptDatabase } from "./lib/database";
import { ROOT } from "./lib/migrate";

const mode = process.argv[2];
const fileArg = process.argv[3];
if (mode !== "backup" && mode !== "restore") {
  console.error("usage: tsx scripts/backup.ts backup|restore [file]");
  process.exit(2);
}
if (mode === "restore" && !fileArg) {
  console.error("usage: npm run restore -- <backup file> (restores into an empty database)");
  process.exit(2);
}
const file = path.resolve(fileArg ?? path.join(ROOT, "backups", `second-act-${new Date().toISOString().replace(/[:.]/g, "-")}.jsonl.gz`));
const database = await openScriptDatabase({ migrate: false });
const url = database.url;
try {
  if (mode === "backup") {
    const { mkdirSync } = await import("node:fs");
    mkdirSync(path.dirname(file), { recursive: true });
    await backupDatabase(url, file, console.log);
  } else {
    await restoreDatabase(url, file, console.log);
  }
} catch (e) {
  console.error(`${mode} failed: ${(e as Error).message}`);
  process.exitCode = 1;
} finally {
  await database.close();
}
