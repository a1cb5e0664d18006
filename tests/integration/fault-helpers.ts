/**
 * Helpers for the fault-injection tests (faults-*.test.ts): a child-process app server that can
 * be SIGKILLed / SIGTERMed, PostgreSQL-side levers (hold a lock so a request stops at a known
 * point inside its transaction, terminate the app's backends), and bounded polling.
 *
 * Every wait here has a timeout: a fault test that hangs is a failed test, not a slow one.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { connect } from "node:net";
import path from "node:path";
import pg from "pg";
import { db } from "~/db.server";
import { applyToGig } from "~/services/applications.server";
import { type Client, uniqueEmail } from "../setup/http";
export { freePort } from "../../scripts/lib/free-port";

export const ROOT = path.resolve(import.meta.dirname, "../..");

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `fn` until it returns a truthy value; throws with `what` after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  fn: () => Promise<T | null | undefined | false> | T | null | undefined | false,
  timeoutMs = 10_000,
  everyMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v as T;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${(lastError as Error).message})` : ""}`,
      );
    }
    await sleep(everyMs);
  }
}

/** Rejects after `ms` so a request that hangs fails the test instead of hanging it. */
export function within<T>(what: string, p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not settle within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** Resolves "refused" when nothing listens on the port any more, "accepted" otherwise. */
export function probeConnect(port: number, timeoutMs = 1_000): Promise<"refused" | "accepted" | "timeout"> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    const done = (r: "refused" | "accepted" | "timeout") => {
      clearTimeout(timer);
      socket.destroy();
      resolve(r);
    };
    const timer = setTimeout(() => done("timeout"), timeoutMs);
    socket.once("connect", () => done("accepted"));
    socket.once("error", (e: NodeJS.ErrnoException) => done(e.code === "ECONNREFUSED" ? "refused" : "timeout"));
  });
}

// ---------------------------------------------------------------------------------------------
// The app as a child process

export interface ChildServer {
  proc: ChildProcess;
  pid: number;
  url: string;
  port: number;
  stdout(): string;
  stderr(): string;
  /** Settles when the process has exited (code, or the signal that ended it). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL (if still running) and wait for the exit; safe to call twice. */
  kill(): Promise<void>;
  /** Sends SIGTERM; resolves with the exit and how long it took, or "timeout" (the process is left running). */
  terminate(timeoutMs: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number } | "timeout">;
}

/**
 * Starts tests/setup/child-server.ts with `node --import tsx` (one process: the PID is the
 * server's) and waits for "serving on". The DATABASE_URL gets application_name=<appName>, so
 * the test can find (and count) the child's own PostgreSQL backends in pg_stat_activity.
 */
export async function startChildServer(opts: {
  databaseUrl: string;
  buildDir: string;
  port: number;
  appName?: string;
  env?: Record<string, string>;
  timeoutMs?: number;
}): Promise<ChildServer> {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith("VITEST") || key === "TEST") delete env[key];
  const url = new URL(opts.databaseUrl);
  url.searchParams.set("application_name", opts.appName ?? "sa-child");
  Object.assign(env, {
    DATABASE_URL: url.toString(),
    REMIX_BUILD_DIR: opts.buildDir,
    PORT: String(opts.port),
    HOST: "127.0.0.1",
    NODE_ENV: "test",
    RATE_LIMIT_DISABLED: "true",
    OUTBOX_POLL_MS: "200",
    ...opts.env,
  });
  const proc = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "tests/setup/child-server.ts")], {
    cwd: ROOT,
    env: env as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  proc.stdout!.on("data", (c) => {
    out += String(c);
  });
  proc.stderr!.on("data", (c) => {
    err += String(c);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    // "close", not "exit": it fires once stdout/stderr are fully read.
    proc.once("close", (code, signal) => resolve({ code, signal }));
  });
  let exitedYet = false;
  void exited.then(() => {
    exitedYet = true;
  });
  const kill = async () => {
    if (exitedYet) return;
    proc.kill("SIGKILL");
    await within("child exit after SIGKILL", exited, 5_000);
  };
  try {
    const started = await within(
      "the child server start",
      new Promise<string>((resolve, reject) => {
        const onData = () => {
          const m = /serving on (http:\/\/\S+)/.exec(out);
          if (m) {
            proc.stdout!.off("data", onData);
            resolve(m[1]);
          }
        };
        proc.stdout!.on("data", onData);
        void exited.then(({ code, signal }) =>
          reject(new Error(`child server exited (${code ?? signal}) before serving:\n${out}\n${err}`)),
        );
      }),
      opts.timeoutMs ?? 30_000,
    );
    const port = Number(new URL(started).port);
    const terminate = async (timeoutMs: number) => {
      const t0 = Date.now();
      proc.kill("SIGTERM");
      try {
        const r = await within("child exit after SIGTERM", exited, timeoutMs);
        return { ...r, ms: Date.now() - t0 };
      } catch {
        return "timeout" as const;
      }
    };
    return { proc, pid: proc.pid!, url: `http://127.0.0.1:${port}`, port, stdout: () => out, stderr: () => err, exited, kill, terminate };
  } catch (e) {
    await kill().catch(() => {});
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL levers

export async function pgClient(url: string, applicationName = "faults-test"): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url, application_name: applicationName });
  // A lever connection may itself be terminated (by the fault it injects); never crash on it.
  c.on("error", () => {});
  await c.connect();
  return c;
}

export interface HeldLock {
  client: pg.Client;
  /** The lever connection's backend PID (pg_backend_pid()). */
  pid: number;
  release(): Promise<void>;
}

/**
 * Opens a transaction that holds `lockSql` (e.g. LOCK TABLE "Event" IN EXCLUSIVE MODE, or a
 * SELECT ... FOR UPDATE of one row). A request whose transaction needs the same lock stops
 * there, with everything it wrote before still uncommitted: a deterministic "middle".
 */
export async function holdLock(url: string, lockSql: string, params: unknown[] = []): Promise<HeldLock> {
  const client = await pgClient(url, "faults-lock");
  await client.query("BEGIN");
  await client.query(lockSql, params);
  const { rows } = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
  let released = false;
  return {
    client,
    pid: rows[0].pid,
    async release() {
      if (released) return;
      released = true;
      await client.query("ROLLBACK").catch(() => {});
      await client.end().catch(() => {});
    },
  };
}

export interface Backend {
  pid: number;
  state: string | null;
  wait_event_type: string | null;
  query: string;
  application_name: string;
}

/** Backends of database `db` other than the caller's, optionally only those with `appName`. */
export async function backends(c: pg.Client, db: string, appName?: string): Promise<Backend[]> {
  await c.query("SELECT pg_stat_clear_snapshot()");
  const { rows } = await c.query<Backend>(
    `SELECT pid, state, wait_event_type, query, application_name FROM pg_stat_activity
     WHERE datname = $1 AND pid <> pg_backend_pid() AND backend_type = 'client backend'
       AND ($2::text IS NULL OR application_name = $2)`,
    [db, appName ?? null],
  );
  return rows;
}

/**
 * Waits until a backend is blocked by the lever's lock (pg_blocking_pids). Matching on
 * pg_stat_activity.query is not reliable: with the extended protocol, a lock taken while
 * parsing (INSERT parse analysis locks the table) leaves the previous query text there.
 */
export async function waitForBlockedBy(c: pg.Client, lever: HeldLock, timeoutMs = 15_000): Promise<number> {
  let seen: Backend[] = [];
  const db = (await c.query<{ d: string }>("SELECT current_database() AS d")).rows[0].d;
  try {
    return await waitFor(
      `a backend blocked by the lever (pid ${lever.pid})`,
      async () => {
        // pg_stat_activity is snapshotted once per transaction, and a lever polls inside its own.
        await c.query("SELECT pg_stat_clear_snapshot()");
        const { rows } = await c.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE $1::int = ANY(pg_blocking_pids(pid))", [
          lever.pid,
        ]);
        if (rows.length) return rows[0].pid;
        seen = await backends(c, db);
        return null;
      },
      timeoutMs,
      20,
    );
  } catch (e) {
    const list = seen
      .map((b) => `  ${b.pid} ${b.application_name} ${b.state} ${b.wait_event_type ?? "-"} ${b.query.slice(0, 120)}`)
      .join("\n");
    throw new Error(`${(e as Error).message}; backends of ${db}:\n${list}`);
  }
}

/** Tables on which backend `pid` holds a granted RowExclusiveLock (= it wrote rows there). */
export async function tablesWrittenBy(c: pg.Client, pid: number): Promise<string[]> {
  const { rows } = await c.query<{ relname: string }>(
    `SELECT DISTINCT c.relname FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
     WHERE l.pid = $1 AND l.granted AND l.mode = 'RowExclusiveLock' AND c.relkind = 'r' ORDER BY 1`,
    [pid],
  );
  return rows.map((r) => r.relname);
}

/** pg_terminate_backend on every backend of `db` except the caller's; returns how many. */
export async function terminateBackends(c: pg.Client, db: string): Promise<number> {
  await c.query("SELECT pg_stat_clear_snapshot()");
  const { rows } = await c.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity
     WHERE datname = $1 AND pid <> pg_backend_pid() AND backend_type = 'client backend') t`,
    [db],
  );
  return rows[0].n;
}

export async function waitForBackendGone(c: pg.Client, pid: number, timeoutMs = 10_000) {
  await waitFor(
    `backend ${pid} to end`,
    async () => {
      await c.query("SELECT pg_stat_clear_snapshot()");
      return (await c.query("SELECT 1 FROM pg_stat_activity WHERE pid = $1", [pid])).rowCount === 0;
    },
    timeoutMs,
  );
}

export const dbNameOf = (url: string) => new URL(url).pathname.slice(1);

// ---------------------------------------------------------------------------------------------
// Requests

const HEADER = "show_title,network,format,genres,role,start_year,end_year,episodes";
const ROLES = ["Staff writer", "Showrunner", "DP", "Editor", "Script supervisor", "Co-EP", "Director", "Casting director"];
const FORMATS = ["multi-cam sitcom", "Drama", "docuseries", "Procedural", "single cam", "Animation"];

/** A valid credits CSV of `n` distinct rows. */
export function creditsCsv(n: number, prefix = "Show"): string {
  const rows = Array.from({ length: n }, (_, i) => {
    const start = 1970 + (i % 50);
    return `"${prefix} ${i + 1}",Network ${i % 7},${FORMATS[i % FORMATS.length]},comedy; drama,${ROLES[i % ROLES.length]},${start},${start + 1 + (i % 3)},${1 + (i % 200)}`;
  });
  return `${[HEADER, ...rows].join("\r\n")}\r\n`;
}

/** Posts "import" of pasted CSV text with an already fetched CSRF token (no extra request). */
export async function postImport(client: Client, csrf: string, csv: string) {
  const form = new FormData();
  form.append("_csrf", csrf);
  form.append("intent", "import");
  form.append("csv", csv);
  const res = await client.request("/me/profile/import", { method: "POST", body: form, headers: { origin: client.base } });
  // Success is post/redirect/get: the answer is a 303 whose one-time flash cookie carries the
  // "Imported ..." message the next page shows. The fault tests stop the server right after this
  // answer, so the message is read from the cookie of the answer itself (not from a follow-up GET).
  if (res.status === 303) {
    const message = flashMessageOf(res);
    if (message !== null) return new Response(message, { status: 200 });
  }
  return res;
}

/** The message in a response's `sa_flash` cookie (Remix cookie: base64 JSON, then its signature). */
export function flashMessageOf(res: Response): string | null {
  for (const line of res.headers.getSetCookie()) {
    const m = /^sa_flash=([^;]+)/.exec(line);
    if (!m) continue;
    const value = decodeURIComponent(m[1]);
    const b64 = value.slice(0, value.lastIndexOf(".") > 0 ? value.lastIndexOf(".") : value.length);
    try {
      const parsed = JSON.parse(decodeURIComponent(escape(atob(b64)))) as { message?: unknown };
      return typeof parsed.message === "string" ? parsed.message : null;
    } catch {
      return null;
    }
  }
  return null;
}

/** Posts a bulk move on the coordinator board with an already fetched CSRF token. */
export function postBulkMove(client: Client, csrf: string, gigId: string, select: { id: string; version: number }[], to: string) {
  const body = new URLSearchParams();
  body.append("_csrf", csrf);
  body.append("intent", "bulk-move");
  body.append("to", to);
  for (const s of select) body.append("select", `${s.id}:${s.version}`);
  return client.request(`/coord/gigs/${gigId}`, {
    method: "POST",
    body,
    headers: { "content-type": "application/x-www-form-urlencoded", origin: client.base },
  });
}

/** The board's current `id:version` selection values for the given applications (what a reload shows). */
export async function boardSelection(client: Client, gigId: string, ids: string[]) {
  const res = await client.get(`/coord/gigs/${gigId}`);
  const html = await res.text();
  if (res.status !== 200) throw new Error(`board answered ${res.status}: ${html.slice(0, 300)}`);
  const values = [...html.matchAll(/<input type="checkbox" name="select"[^>]*? value="([^"]+)"/g)].map((m) => m[1]);
  return ids.map((id) => {
    const v = values.find((x) => x.startsWith(`${id}:`));
    if (!v) throw new Error(`application ${id} is not on the board (${values.length} cards)`);
    return { id, version: Number(v.split(":")[1]) };
  });
}

/** Settles a request that may fail at the network level into a comparable shape. */
export async function settle(p: Promise<Response>): Promise<{ status: number; text: string } | { error: string }> {
  try {
    const res = await p;
    return { status: res.status, text: await res.text() };
  } catch (e) {
    const err = e as Error & { cause?: { code?: string; message?: string } };
    return { error: `${err.message}${err.cause ? ` (${err.cause.code ?? err.cause.message})` : ""}` };
  }
}

/** Visible text of an HTML page (tags dropped), for asserting what a person would read. */
export function visibleText(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, " ")
    .replace(/<style[\s\S]*?<\/style>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}

/** `n` professionals with confirmed addresses (created directly in the database) who applied to the gig; their application ids. */
export async function applicants(gigId: string, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const name = `Applicant ${i + 1}`;
    const user = await db().user.create({
      // Applying needs a confirmed address; these accounts are made in the test's own database,
      // so they are created confirmed (as if the emailed link had been opened).
      data: {
        email: uniqueEmail("applicant"),
        name,
        passwordHash: "unused",
        role: "PROFESSIONAL",
        emailVerifiedAt: new Date(),
        profile: { create: { displayName: name } },
      },
      include: { profile: true },
    });
    const r = await applyToGig(user.profile!.id, gigId, "", { id: user.id, role: "PROFESSIONAL" });
    if (!r.ok) throw new Error(`apply failed: ${r.message}`);
    ids.push(r.applicationId);
  }
  return ids;
}

/** Current id:version of each application (what the board renders into its checkboxes). */
export async function versions(ids: string[]) {
  const apps = await db().application.findMany({ where: { id: { in: ids } }, select: { id: true, version: true, stage: true } });
  return ids.map((id) => apps.find((a) => a.id === id)!);
}
