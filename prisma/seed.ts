/**
 * Seeding. `seedIfEmpty` runs on every `npm start` and does nothing when the database
 * already has users, so a second start keeps everything as it was.
 */
import { createDb } from "../app/db.server";
import { hashPassword } from "../app/password.server";

export const DEMO_PASSWORD = "second-act-demo";

export async function seedIfEmpty(url: string, log: (m: string) => void = console.log) {
  const db = createDb(url, 4);
  try {
    if ((await db.user.count()) > 0) {
      log("Database already has data: not seeding");
      return false;
    }
    log("Empty database: seeding demo data...");
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    await db.user.create({
      data: { email: "admin@demo.secondact.test", name: "Ada Admin", role: "ADMIN", passwordHash, emailVerifiedAt: new Date() },
    });
    log(`Demo accounts (password "${DEMO_PASSWORD}"): admin@demo.secondact.test`);
    return true;
  } finally {
    await db.$disconnect();
  }
}
