/**
 * Seeding. `seedIfEmpty` runs on every `npm start`: when the database has no users it loads
 * the deterministic "demo" dataset (prisma/demo: ~200 professionals, 10 labs, 60 gigs,
 * ~450 applications over every onboarding stage) and logs the demo accounts; otherwise it
 * does nothing, so a second start keeps everything as it was.
 *
 * For other sizes and for wiping a database see scripts/seed.ts (`npm run seed`).
 */
import { createDb } from "~/db.server";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, describeDemoAccounts } from "./demo/accounts";
import { generateDataset } from "./demo/generator";
import { loadDataset } from "./demo/load";

export { DEMO_ACCOUNTS, DEMO_PASSWORD };

export async function seedIfEmpty(url: string, log: (m: string) => void = console.log): Promise<boolean> {
  const db = createDb(url, 4);
  try {
    if ((await db.user.count()) > 0) {
      log("Database already has data: not seeding");
      return false;
    }
    const t0 = Date.now();
    log("Empty database: loading demo data...");
    const dataset = generateDataset({ size: "demo", now: new Date() });
    // One transaction that re-checks for users under an advisory lock: if another instance
    // seeded in the meantime, nothing is written.
    const result = await loadDataset(db, dataset, { onlyIfEmpty: true });
    if (!result.loaded) {
      log("Database already has data: not seeding");
      return false;
    }
    log(
      `Demo data loaded in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${result.counts.profiles} professionals, ${result.counts.labs} labs, ${result.counts.gigs} gigs, ${result.counts.applications} applications.`,
    );
    log(`Demo accounts (password "${DEMO_PASSWORD}"):`);
    for (const line of describeDemoAccounts()) log(line);
    return true;
  } finally {
    await db.$disconnect();
  }
}
