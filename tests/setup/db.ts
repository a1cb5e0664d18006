/** Per-test-file database: cloned from the migrated template, dropped afterwards. */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, inject } from "vitest";

export async function useFreshDatabase(): Promise<string> {
  const adminUrl = inject("pgAdminUrl");
  const template = inject("pgTemplate");
  const name = `t_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  await admin.end();
  const url = adminUrl.replace(/\/postgres$/, `/${name}`);
  // The app's outbox worker deletes rows within milliseconds; this test-only log keeps a copy of
  // every enqueued row so tests can assert what a write queued (see outboxSeen below).
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(`CREATE TABLE outbox_seen ("index" text, "entityId" text, op text)`);
  await c.query(
    `CREATE FUNCTION outbox_seen_fn() RETURNS trigger AS $$ BEGIN INSERT INTO outbox_seen VALUES (NEW."index", NEW."entityId", NEW.op); RETURN NEW; END $$ LANGUAGE plpgsql`,
  );
  await c.query(`CREATE TRIGGER outbox_seen_tr AFTER INSERT ON "OutboxEvent" FOR EACH ROW EXECUTE FUNCTION outbox_seen_fn()`);
  await c.end();
  process.env.DATABASE_URL = url;
  process.env.NODE_ENV = "test";
  afterAll(async () => {
    const { disconnectDb } = await import("~/db.server");
    await disconnectDb();
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await c.end();
  });
  return url;
}

/** How many outbox rows were ever enqueued for this entity in the current test database. */
export async function outboxSeen(index: string, entityId: string): Promise<number> {
  const { db } = await import("~/db.server");
  const rows = await db().$queryRaw<
    { n: number }[]
  >`SELECT count(*)::int AS n FROM outbox_seen WHERE "index" = ${index} AND "entityId" = ${entityId}`;
  return rows[0].n;
}
