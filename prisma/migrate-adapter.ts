/**
 * A driver-adapter factory for the Prisma CLI's WASM schema engine (`engine: "js"`).
 *
 * `@prisma/adapter-pg` 6.19.3 has four bugs that break `prisma migrate` (runtime queries are
 * unaffected, so the app itself uses the plain adapter). This wrapper works around them and
 * throws loudly if the adapter's internals it relies on change. See ../shared/PRISMA.md.
 *  1. Catalog types `name` (OID 19) and `"char"` (OID 18) are not mapped: report them as
 *     Text and Character respectively.
 *  2. The shadow pool spreads a config holding a connectionString, so the "shadow" is the
 *     main database: we build the shadow pool from discrete fields.
 *  3. Shadow cleanup drops the database before closing its pool: we close first.
 *  4. `executeScript` splits on ";": we send the whole script as one simple query, which
 *     PostgreSQL runs atomically.
 * Our own type rewrite (1) must also let through the array of results that a multi-statement
 * simple query returns: replaying a migration into the shadow database is one such `executeRaw`.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import { ColumnTypeEnum, type SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type pg from "pg";

const OID_CHAR = 18;
const OID_NAME = 19;
const OID_TEXT = 25;

type Field = { name: string; dataTypeID: number };
type QueryResult = { fields: Field[]; rows: unknown[][] };
type Queryable = {
  performIO: (query: unknown) => Promise<QueryResult | QueryResult[]>; // an array for a multi-statement simple query
  queryRaw: (query: unknown) => Promise<{ columnTypes: number[] }>;
  executeScript?: (script: string) => Promise<void>;
  startTransaction?: (isolation?: string) => Promise<Queryable>;
  client: { query: (sql: string) => Promise<unknown> };
  onError: (e: unknown) => never;
};

function assertShape(q: Queryable, what: string) {
  for (const m of ["performIO", "queryRaw", "onError"] as const) {
    if (typeof q[m] !== "function") {
      throw new Error(`prisma/migrate-adapter: @prisma/adapter-pg changed (${what}.${m} missing); revisit the migration workarounds`);
    }
  }
  if (!q.client || typeof q.client.query !== "function") {
    throw new Error(`prisma/migrate-adapter: @prisma/adapter-pg changed (${what}.client)`);
  }
}

function patchQueryable<T extends Queryable>(q: T, what: string): T {
  assertShape(q, what);
  const performIO = q.performIO.bind(q);
  const queryRaw = q.queryRaw.bind(q);
  let charColumns: number[] = [];
  q.performIO = async (query) => {
    const result = await performIO(query);
    charColumns = [];
    // Without parameters node-postgres sends a simple query, and a multi-statement one resolves
    // to an array of results (no `fields`). The schema engine does exactly that when it replays
    // a migration into the shadow database (`executeRaw` with the whole migration.sql, which only
    // reads `rowCount`): pass such arrays through untouched.
    if (Array.isArray(result)) return result;
    if (!Array.isArray(result?.fields)) {
      throw new Error(
        `prisma/migrate-adapter: @prisma/adapter-pg changed (${what}.performIO returned no fields); revisit the migration workarounds`,
      );
    }
    result.fields = result.fields.map((f, i) => {
      if (f.dataTypeID === OID_NAME) return { ...f, dataTypeID: OID_TEXT };
      if (f.dataTypeID === OID_CHAR) {
        charColumns.push(i);
        return { ...f, dataTypeID: OID_TEXT };
      }
      return f;
    });
    return result;
  };
  q.queryRaw = async (query) => {
    const result = await queryRaw(query);
    for (const i of charColumns) result.columnTypes[i] = ColumnTypeEnum.Character;
    charColumns = [];
    return result;
  };
  if (typeof q.executeScript === "function") {
    q.executeScript = async (script: string) => {
      try {
        await q.client.query(script);
      } catch (e) {
        q.onError(e);
      }
    };
  }
  if (typeof q.startTransaction === "function") {
    const start = q.startTransaction.bind(q);
    q.startTransaction = async (isolation?: string) => patchQueryable(await start(isolation), "transaction");
  }
  return q;
}

function discreteConfig(url: string, database?: string): pg.PoolConfig {
  const u = new URL(url);
  return {
    host: decodeURIComponent(u.hostname),
    port: u.port ? Number(u.port) : 5432,
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: database ?? decodeURIComponent(u.pathname.replace(/^\//, "")),
    max: 4,
  };
}

export function migrationAdapter(url: string): SqlMigrationAwareDriverAdapterFactory {
  const factory = new PrismaPg(discreteConfig(url));
  const connect = factory.connect.bind(factory);
  const wrapped: SqlMigrationAwareDriverAdapterFactory = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    async connect() {
      return patchQueryable((await connect()) as unknown as Queryable, "adapter") as never;
    },
    async connectToShadowDb() {
      const admin = (await connect()) as unknown as Queryable & { dispose: () => Promise<void> };
      const name = `prisma_migrate_shadow_db_${globalThis.crypto.randomUUID().replace(/-/g, "")}`;
      await admin.client.query(`CREATE DATABASE "${name}"`);
      const shadowFactory = new PrismaPg(discreteConfig(url, name));
      const shadow = (await shadowFactory.connect()) as unknown as Queryable & {
        dispose: () => Promise<void>;
      };
      patchQueryable(shadow, "shadow");
      const disposeShadow = shadow.dispose.bind(shadow);
      shadow.dispose = async () => {
        await disposeShadow(); // close the shadow pool first...
        try {
          await admin.client.query(`DROP DATABASE IF EXISTS "${name}"`); // ...then drop it
        } finally {
          await admin.dispose();
        }
      };
      return shadow as never;
    },
  };
  return wrapped;
}
