/**
 * app/sql.server.ts (decision 0032): reads on the bare pg pool give the same JavaScript values as
 * Prisma's `$queryRaw` for the same statement on the same rows, parameters are never spliced into
 * the SQL text, and a refused connection is a DatabaseUnavailableError (503), not a raw pg error.
 */
import pg from "pg";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { DatabaseUnavailableError, db } from "~/db.server";
import { SqlText, row, rows, sql } from "~/sql.server";
import { seedIfEmpty } from "../../prisma/seed";
import { useFreshDatabase } from "../setup/db";

const url = await useFreshDatabase();

beforeAll(async () => {
  // An enum array column like the schema's own (pg has no parser for its type id).
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(`CREATE TYPE "SqlTestMood" AS ENUM ('CALM', 'BUSY')`);
  await c.query(`CREATE TABLE sql_test (id int PRIMARY KEY, moods "SqlTestMood"[], at timestamp(3), day date, n bigint, doc jsonb)`);
  await c.query(
    `INSERT INTO sql_test VALUES (1, '{CALM,BUSY}', '2026-12-03 17:45:12.345', '2026-02-28', 9007199254740993, '{"a":[1,"x"]}'), (2, '{}', NULL, NULL, NULL, NULL), (3, NULL, '1999-12-31 23:59:59.999', '2000-01-01', -5, '[]')`,
  );
  await c.end();
  await seedIfEmpty(url, () => {});
}, 60_000);

describe("sql.server: values as $queryRaw gives them", () => {
  it("timestamps, dates, bigints, enum arrays, json, nulls and empty arrays", async () => {
    const text = `SELECT id, moods, at, day, n, doc, ARRAY[at] AS ats, moods::text[] AS "moodTexts", count(*) OVER () AS total
      FROM sql_test ORDER BY id`;
    const ours = await rows<Record<string, unknown>>({ text, values: [] });
    const prisma = await db().$queryRawUnsafe<Record<string, unknown>[]>(text);
    // One deliberate difference: $queryRaw hands an enum array over as its text ("{CALM,BUSY}").
    expect(prisma[0].moods).toBe("{CALM,BUSY}");
    const withoutMoods = (r: Record<string, unknown>[]) => r.map(({ moods, ...rest }) => rest);
    expect(withoutMoods(ours)).toEqual(withoutMoods(prisma));
    // and what those values are, so a change on both sides cannot pass unnoticed
    expect(ours[0].moods).toEqual(["CALM", "BUSY"]);
    expect(ours[1].moods).toEqual([]);
    expect((ours[0].at as Date).toISOString()).toBe("2026-12-03T17:45:12.345Z");
    expect((ours[0].day as Date).toISOString()).toBe("2026-02-28T00:00:00.000Z");
    expect(ours[0].n).toBe(9007199254740993n);
    expect(ours[0].total).toBe(3n);
    expect(ours[0].doc).toEqual({ a: [1, "x"] });
    expect(ours[2].day).toEqual(new Date("2000-01-01T00:00:00.000Z"));
  });

  it("the seeded gigs and sessions read the same through both (every column of every row)", async () => {
    for (const text of [
      `SELECT * FROM "Gig" ORDER BY id`,
      `SELECT * FROM "Profile" ORDER BY id`,
      `SELECT * FROM "Application" ORDER BY id`,
    ]) {
      const ours = await rows<Record<string, unknown>>({ text, values: [] });
      expect(ours.length).toBeGreaterThan(0);
      expect(ours).toEqual(await db().$queryRawUnsafe(text));
    }
  });

  it("a Date parameter compares with the stored UTC time, whatever the process's zone", async () => {
    const before = await row<{ id: number }>(
      sql`SELECT id FROM sql_test WHERE at < ${new Date("2026-12-03T17:45:12.346Z")} AND at > ${new Date("2026-12-03T17:45:12.344Z")}`,
    );
    expect(before).toEqual({ id: 1 });
    expect(await row(sql`SELECT id FROM sql_test WHERE at > ${new Date("2026-12-03T17:45:12.345Z")}`)).toBeNull();
  });

  it("values travel as parameters, never as SQL text", async () => {
    const evil = "x'; DROP TABLE sql_test; --";
    const st = sql`SELECT ${evil}::text AS v, ${[1, 3]}::int[] AS ids`;
    expect(st.text).toBe("SELECT $1::text AS v, $2::int[] AS ids");
    expect(await row(st)).toEqual({ v: evil, ids: [1, 3] });
    expect(await rows(sql`SELECT id FROM sql_test WHERE id = ANY(${[1, 3]}::int[]) ORDER BY id`)).toEqual([{ id: 1 }, { id: 3 }]);
  });

  it("a SqlText piece is spliced into the text; every other value, strings included, stays a parameter", async () => {
    const st = sql`SELECT ${new SqlText("1 +")} ${2}::int AS v, ${"1 +"}::text AS s, ${new SqlText("'x'")}::text AS t`;
    expect(st.text).toBe("SELECT 1 + $1::int AS v, $2::text AS s, 'x'::text AS t");
    expect(st.values).toEqual([2, "1 +"]);
    expect(await row(st)).toEqual({ v: 3, s: "1 +", t: "x" });
  });

  it("each statement text is parsed and planned once per connection, then only executed", async () => {
    const one = new pg.Pool({ connectionString: url, max: 1 });
    try {
      for (const id of [1, 2, 3]) expect(await row(sql`SELECT id, n FROM sql_test WHERE id = ${id}`, one)).toMatchObject({ id });
      const prepared = await rows<{ statement: string; runs: number }>(
        sql`SELECT statement, (generic_plans + custom_plans)::int AS runs FROM pg_prepared_statements WHERE statement LIKE ${"SELECT id, n FROM sql_test%"}`,
        one,
      );
      // one prepared statement on the connection, executed three times with three values
      expect(prepared).toEqual([{ statement: "SELECT id, n FROM sql_test WHERE id = $1", runs: 3 }]);
    } finally {
      await one.end();
    }
  });

  it("a second copy of the module (the test runner loads it twice) shares the names: one prepared statement per text", async () => {
    const one = new pg.Pool({ connectionString: url, max: 1 });
    try {
      vi.resetModules();
      const again = await import("~/sql.server");
      expect(again.rows).not.toBe(rows);
      const text = "SELECT id FROM sql_test WHERE id = $1 AND $1 > 0";
      expect(await rows({ text, values: [1] }, one)).toEqual([{ id: 1 }]);
      expect(await again.rows({ text, values: [3] }, one)).toEqual([{ id: 3 }]);
      expect(await again.rows({ text: "SELECT 2 AS two", values: [] }, one)).toEqual([{ two: 2 }]);
      expect(await rows({ text: "SELECT 3 AS three", values: [] }, one)).toEqual([{ three: 3 }]);
      const prepared = await rows<{ name: string; statement: string }>(
        sql`SELECT name, statement FROM pg_prepared_statements ORDER BY statement`,
        one,
      );
      const texts = prepared.map((p) => p.statement);
      expect(texts.filter((t) => t === text)).toHaveLength(1);
      expect(new Set(prepared.map((p) => p.name)).size).toBe(prepared.length);
    } finally {
      await one.end();
    }
  });

  it("a table altered under a prepared SELECT * is read with its new columns, not an error", async () => {
    const one = new pg.Pool({ connectionString: url, max: 1 });
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      await c.query(`CREATE TABLE sql_test_alter (id int PRIMARY KEY)`);
      await c.query(`INSERT INTO sql_test_alter VALUES (1)`);
      const read = () => rows(sql`SELECT * FROM sql_test_alter WHERE id = ${1}`, one);
      expect(await read()).toEqual([{ id: 1 }]);
      await c.query(`ALTER TABLE sql_test_alter ADD COLUMN label text NOT NULL DEFAULT 'new'`);
      expect(await read()).toEqual([{ id: 1, label: "new" }]);
      expect(await read()).toEqual([{ id: 1, label: "new" }]);
    } finally {
      await c.end();
      await one.end();
    }
  });

  it("a refused connection is a DatabaseUnavailableError (503 with a message), not a 500", async () => {
    const dead = new pg.Pool({ connectionString: "postgresql://nobody@127.0.0.1:1/none", connectionTimeoutMillis: 2_000 });
    dead.on("error", () => {});
    const err = await rows(sql`SELECT 1`, dead).catch((e) => e);
    expect(err).toBeInstanceOf(DatabaseUnavailableError);
    expect((err as DatabaseUnavailableError).init.status).toBe(503);
    await dead.end();
  });
});
