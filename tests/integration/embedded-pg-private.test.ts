/**
 * `npm start` / `npm test` as root from a clone in a private folder (under /root, or any
 * `mktemp -d`): PostgreSQL refuses to run as root, so it runs as the `postgres` user, which cannot
 * enter such a folder. Binaries there are copied once to a readable cache and the server starts; a
 * data folder there is refused with one sentence (an explicit DATA_DIR) or moved to a readable
 * folder (the default one), never an unhandled `spawn ... EACCES`.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../../scripts/lib/free-port";
import {
  EmbeddedPgError,
  dataDirProblem,
  fallbackDataDir,
  locateBinaries,
  projectDataDir,
  startEmbeddedPostgres,
} from "../../scripts/lib/embedded-pg";

const isRoot = process.getuid?.() === 0;
const ROOT = path.resolve(import.meta.dirname, "../..");

// A private folder, like a clone under /root: only its owner may enter it.
const privateDir = mkdtempSync(path.join(os.tmpdir(), "second-act-private-"));
chmodSync(privateDir, 0o700);
// A folder everybody may enter, for data that PostgreSQL must be able to use.
const openDir = mkdtempSync(path.join(os.tmpdir(), "second-act-open-"));
chmodSync(openDir, 0o755);

afterAll(() => {
  rmSync(privateDir, { recursive: true, force: true });
  rmSync(openDir, { recursive: true, force: true });
});

describe("embedded PostgreSQL from a private folder", () => {
  it("refuses a data folder the postgres user cannot reach with one sentence (as root)", async () => {
    const dir = path.join(privateDir, "data", "pg");
    const started = startEmbeddedPostgres({ dir, port: await freePort(), persistent: false });
    if (!isRoot) {
      // Not root: PostgreSQL runs as this user, who owns the folder.
      const pg = await started;
      await pg.stop();
      expect(dataDirProblem(dir)).toBeUndefined();
      return;
    }
    const error = await started.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(EmbeddedPgError);
    const message = (error as Error).message;
    expect(message).toBe(
      `PostgreSQL runs as the "postgres" user (it refuses to run as root), and that user cannot enter ${privateDir}, so it cannot use the data folder ${dir}; clone the project into a folder other users can read (or set DATA_DIR to one), or set DATABASE_URL to a PostgreSQL server you run yourself.`,
    );
    expect(dataDirProblem(dir)).toBe(privateDir);
  });

  it("runs PostgreSQL from binaries inside a private folder by copying them somewhere readable", async () => {
    const real = await locateBinaries();
    const hidden = path.join(privateDir, "node_modules", "native");
    cpSync(real.nativeDir, hidden, { recursive: true, verbatimSymlinks: true });
    const binaries = {
      nativeDir: hidden,
      initdb: path.join(hidden, path.relative(real.nativeDir, real.initdb)),
      postgres: path.join(hidden, path.relative(real.nativeDir, real.postgres)),
      version: `${real.version}-private-test`,
    };
    const lines: string[] = [];
    const pg = await startEmbeddedPostgres({
      dir: path.join(openDir, "data"),
      port: await freePort(),
      persistent: false,
      binaries,
      notice: (l) => lines.push(l),
    });
    try {
      await pg.ensureDatabase("probe");
      const { default: pgClient } = await import("pg");
      const client = new pgClient.Client({ connectionString: pg.url("probe") });
      await client.connect();
      const r = await client.query("SELECT current_user AS u, 1 + 1 AS two");
      await client.end();
      expect(r.rows[0]).toEqual({ u: "postgres", two: 2 });
    } finally {
      await pg.stop();
    }
    if (isRoot) {
      expect(lines.some((l) => l.includes(`cannot reach ${hidden}; copying PostgreSQL's binaries`))).toBe(true);
      rmSync(path.join(os.tmpdir(), `second-act-postgres-${binaries.version}-${process.platform}-${process.arch}`), {
        recursive: true,
        force: true,
      });
    }
  });

  it("keeps the default data folder of a private clone somewhere readable, and says where (as root)", () => {
    const clone = path.join(privateDir, "clone");
    const lines: string[] = [];
    const dir = projectDataDir(clone, undefined, (l) => lines.push(l));
    if (!isRoot) {
      expect(dir).toBe(path.join(clone, ".data", "pg"));
      return;
    }
    expect(dir).toBe(path.join(fallbackDataDir(clone), "pg"));
    expect(dir.startsWith(privateDir)).toBe(false);
    expect(lines).toEqual([
      `PostgreSQL runs as the "postgres" user, which cannot enter ${privateDir}; keeping the database in ${dir} instead of ${path.join(clone, ".data", "pg")} (set DATA_DIR to choose another readable folder).`,
    ]);
    // An explicit DATA_DIR is the person's choice: never moved.
    expect(projectDataDir(clone, "mine", () => {})).toBe(path.join(clone, "mine", "pg"));
    // A readable clone keeps its data in place.
    const readable = path.join(openDir, "clone");
    expect(projectDataDir(readable, undefined, () => {})).toBe(path.join(readable, ".data", "pg"));
  });

  it("`npm start` with an unreachable DATA_DIR stops with one sentence and no stack trace", async () => {
    const r = spawnSync(path.join(ROOT, "node_modules/.bin/tsx"), ["scripts/start.ts"], {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 60_000,
      env: {
        ...process.env,
        DATABASE_URL: "",
        DATA_DIR: path.join(privateDir, "explicit"),
        PG_PORT: String(await freePort()),
        PORT: String(await freePort()),
        NODE_ENV: "development",
      },
    });
    if (!isRoot) return expect(r.status).not.toBe(0); // no root: the folder is ours, nothing to refuse
    expect(r.status).toBe(1);
    const lines = r.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^PostgreSQL runs as the "postgres" user \(it refuses to run as root\), and that user cannot enter /);
    expect(r.stderr).not.toMatch(/at .*\.(ts|js):\d+|EACCES|Unhandled/);
    expect(existsSync(path.join(privateDir, "explicit", "pg", "PG_VERSION"))).toBe(false);
  });
});
