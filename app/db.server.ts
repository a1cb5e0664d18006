/** The Prisma client: one per process, talking to PostgreSQL through @prisma/adapter-pg. */
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "./generated/prisma/client";
import { installPlanCache } from "./prisma-plans.server";

// Every client reuses the plans of the requests it has compiled before (decision 0049).
installPlanCache();

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

const g = globalThis as unknown as { __secondActDb?: PrismaClient; __secondActPools?: WeakMap<object, pg.Pool> };

/**
 * The pg pool under each client made by `createDb` (app/sql.server.ts runs its reads on it). On
 * globalThis like the client itself: a process that loads this module twice (a test that runs the
 * built server in process and also imports app/ from source) shares one client, so one map.
 */
g.__secondActPools ??= new WeakMap<object, pg.Pool>();
const pools = g.__secondActPools;

/** The pool Prisma's adapter uses for this client (same connections, same limit). */
export function poolOf(client: PrismaClient): pg.Pool {
  const pool = pools.get(client);
  if (!pool) throw new Error("poolOf: this client was not made by createDb");
  return pool;
}

const CONNECTION_ERROR =
  /ECONNREFUSED|ECONNRESET|EPIPE|Connection terminated|terminating connection|timeout exceeded when trying to connect|Can't reach database|the database system is (starting up|shutting down)|Client has encountered a connection error/i;

/**
 * Thrown for a lost or refused database connection. It is an Error (so scripts and logs read it
 * normally) and has the shape of Remix's `data()` result, so a loader or action that lets it
 * escape answers 503 with a message instead of a 500.
 */
export class DatabaseUnavailableError extends Error {
  override name = "DatabaseUnavailableError";
  readonly type = "DataWithResponseInit";
  readonly data = { message: "The database is unavailable right now. Nothing was saved; please try again in a moment." };
  readonly init = { status: 503, headers: { "Retry-After": "5" } };
  constructor(readonly cause: unknown) {
    super("The database is unavailable right now. Nothing was saved; please try again in a moment.");
  }
}

/** A lost or refused database connection (as opposed to a query the database rejected). */
export function isConnectionError(e: unknown): boolean {
  if (!e || typeof e !== "object") return false;
  const err = e as { code?: unknown; message?: unknown; cause?: unknown };
  if (typeof err.code === "string" && /^(P1001|P1002|P1017|P2024|57P0[123]|08\d\d\d)$/.test(err.code)) return true;
  if (typeof err.message === "string" && CONNECTION_ERROR.test(err.message)) return true;
  return err.cause ? isConnectionError(err.cause) : false;
}

export function createDb(url: string, max = 10) {
  // Prisma 6.19 does not hand a connection back to the pool when the connection dies inside a
  // transaction (its ROLLBACK throws before the release). Release such clients ourselves, so a
  // PostgreSQL restart cannot drain the pool; we pass our own pool for that.
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 5_000 });
  const out = new WeakSet<pg.PoolClient>();
  const watched = new WeakSet<pg.PoolClient>();
  pool.on("acquire", (client) => {
    out.add(client);
    if (watched.has(client)) return;
    watched.add(client);
    client.on("error", (err) => {
      setTimeout(() => {
        if (!out.has(client)) return;
        try {
          client.release(err);
        } catch {
          // already released
        }
      }, 1_000).unref();
    });
  });
  pool.on("release", (_err, client) => out.delete(client));
  pool.on("error", () => {}); // idle clients dropped by the server: the pool replaces them
  const client = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  // A database outage is a 503 the user can act on ("try again"), not a 500: queries through the
  // extension below, and transactions (BEGIN or COMMIT on a lost connection) through the proxy.
  const extended = client.$extends({
    query: {
      async $allOperations({ args, query }) {
        try {
          return await query(args);
        } catch (e) {
          if (isConnectionError(e) && !(e instanceof DatabaseUnavailableError)) throw new DatabaseUnavailableError(e);
          throw e;
        }
      },
    },
  }) as unknown as PrismaClient;
  const outage = (e: unknown) => (isConnectionError(e) && !(e instanceof DatabaseUnavailableError) ? new DatabaseUnavailableError(e) : e);
  const proxy = new Proxy(extended, {
    get(target, prop, receiver) {
      if (prop !== "$transaction") return Reflect.get(target, prop, receiver);
      return async (...args: unknown[]) => {
        try {
          return await (target.$transaction as (...a: unknown[]) => Promise<unknown>)(...args);
        } catch (e) {
          throw outage(e);
        }
      };
    },
  });
  pools.set(proxy, pool);
  return proxy;
}

export function db(): PrismaClient {
  if (!g.__secondActDb) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: start the app with `npm start`");
    g.__secondActDb = createDb(url);
  }
  return g.__secondActDb;
}

export async function disconnectDb() {
  await g.__secondActDb?.$disconnect();
  g.__secondActDb = undefined;
}
