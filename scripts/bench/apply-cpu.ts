/**
 * The cost of one application (issue #21: the mixed load's writes are POST /gigs/:id intent=apply):
 * professionals apply through the real form (session cookie, CSRF token, the route action), and the
 * script reports per apply the statements the server sent, its node CPU, PostgreSQL's CPU (every
 * process of the script's own cluster, read from /proc) and the wall time. Requests go one at a time by default
 * (`--c` for more at once), so the figures do not depend much on how busy the shared machine is.
 *
 *   npx tsx scripts/bench/apply-cpu.ts [--n 300] [--c 1] [--sql] [--prof] [--build DIR]
 *
 * Runs on a throwaway database copied (CREATE DATABASE ... TEMPLATE) from the data-pages dataset in
 * .cache/data-pages-quick (make it once with scripts/bench/data-pages.ts) and dropped at the end, so
 * the applications it makes never stay in that dataset. --prof writes a V8 CPU profile of the server
 * to .cache/bench-prof (summarise with cpuprofile-top.ts).
 */
import type { ChildProcess } from "node:child_process";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { buildIfNeeded } from "../lib/build";
import { startEmbeddedPostgres } from "../lib/embedded-pg";
import { freePort } from "../lib/free-port";
import { ROOT, applyMigrations } from "../lib/migrate";
import { benchServerEnv, forkProbedServer, logIn } from "./log-in";
import { descendantCpu } from "./proc-cpu";

const { values: args } = parseArgs({
  options: {
    n: { type: "string", default: "300" },
    c: { type: "string", default: "1" },
    sessions: { type: "string", default: "20" },
    sql: { type: "boolean", default: false },
    prof: { type: "boolean", default: false },
    build: { type: "string" },
  },
  strict: true,
});
const N = Number(args.n);
const C = Number(args.c);
const log = (m: string) => console.error(`[apply-cpu] ${m}`);

/** CPU seconds of this script's PostgreSQL cluster (its processes only, not other programs' on the machine). */
const postgresCpu = () => descendantCpu(() => "other").postgres ?? 0;

const children = new Set<ChildProcess>();
const pgServer = await startEmbeddedPostgres({
  dir: path.join(ROOT, ".cache", "data-pages-quick"),
  port: await freePort(),
  persistent: true,
});
const dbName = `apply_bench_${process.pid}`;
let exitCode = 0;
try {
  await pgServer.ensureDatabase("pages");
  await applyMigrations(pgServer.url("pages"));
  {
    const c = new pg.Client({ connectionString: pgServer.url("pages") });
    await c.connect();
    const users = Number((await c.query(`SELECT count(*) FROM "User"`)).rows[0].count);
    await c.end();
    if (users === 0) throw new Error("no dataset: run scripts/bench/data-pages.ts once first");
  }
  await pgServer.ensureDatabase(dbName, "pages");
  const url = pgServer.url(dbName);
  const pgc = new pg.Client({ connectionString: url });
  await pgc.connect();
  await pgc.query(`DELETE FROM "OutboxEvent"`).catch(() => {});

  const buildDir = args.build ? path.resolve(args.build) : path.join(ROOT, ".cache", "data-pages-build");
  if (!args.build) buildIfNeeded(log, buildDir);
  const serverPort = await freePort();
  const env = benchServerEnv({ url, buildDir, port: serverPort });
  const { server, base, ask } = await forkProbedServer(env, { prof: args.prof });
  children.add(server);
  log(`server at ${base}`);

  // Confirmed professionals (the demo password is every generated account's), each with the open
  // gigs it has not applied to; a lab with a webhook endpoint for application.created when there is one.
  const pros = (
    await pgc.query(
      `SELECT u.email, p.id AS "profileId" FROM "User" u JOIN "Profile" p ON p."userId" = u.id
       WHERE u.role = 'PROFESSIONAL' AND u."emailVerifiedAt" IS NOT NULL AND u."disabledAt" IS NULL ORDER BY u.id LIMIT $1`,
      [Number(args.sessions)],
    )
  ).rows as { email: string; profileId: string }[];
  const open = (await pgc.query(`SELECT id FROM "Gig" WHERE status = 'OPEN' ORDER BY id`)).rows.map((r) => r.id as string);
  const applied = new Set(
    (
      await pgc.query(`SELECT "profileId" || ':' || "gigId" AS k FROM "Application" WHERE "profileId" = ANY($1)`, [
        pros.map((p) => p.profileId),
      ])
    ).rows.map((r) => r.k as string),
  );
  const jobs: { cookie: string; csrf: string; gigId: string }[][] = [];
  for (const [i, p] of pros.entries()) {
    const s = await logIn(base, p.email);
    const list = [];
    for (let k = 0; list.length < Math.ceil((N + 40) / pros.length) + 1 && k < open.length; k++) {
      const g = open[(i * 997 + k * 31) % open.length];
      if (!applied.has(`${p.profileId}:${g}`)) {
        applied.add(`${p.profileId}:${g}`);
        list.push({ ...s, gigId: g });
      }
    }
    jobs.push(list);
  }
  // Round-robin over the professionals: consecutive applies are different people on different gigs.
  const queue: { cookie: string; csrf: string; gigId: string }[] = [];
  for (let k = 0; queue.length < N + 40; k++) {
    let added = false;
    for (const list of jobs)
      if (list[k]) {
        queue.push(list[k]);
        added = true;
      }
    if (!added) throw new Error("not enough open gigs to apply to");
  }
  const statuses: Record<string, number> = {};
  const apply = async (j: { cookie: string; csrf: string; gigId: string }) => {
    const r = await fetch(`${base}/gigs/${j.gigId}`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie: j.cookie, "content-type": "application/x-www-form-urlencoded", origin: base },
      body: new URLSearchParams({ _csrf: j.csrf, intent: "apply", note: "apply-cpu bench" }).toString(),
    });
    await r.arrayBuffer();
    statuses[r.status] = (statuses[r.status] ?? 0) + 1;
    if (r.status !== 302 && r.status !== 303) throw new Error(`apply to ${j.gigId}: HTTP ${r.status}`);
  };
  for (const j of queue.splice(0, 40)) await apply(j); // warm-up
  await ask("reset");
  const pg0 = postgresCpu();
  const wall: number[] = [];
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: C }, async () => {
      for (let j = queue.shift(); j; j = queue.shift()) {
        const t = performance.now();
        await apply(j);
        wall.push(performance.now() - t);
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  const pgCpu = postgresCpu() - pg0;
  const s = await ask<{ cpuMs: number; queries: number; dbMs: number; statements: { sql: string; n: number; ms: number }[] }>("snapshot");
  wall.sort((a, b) => a - b);
  const row = {
    applies: N,
    concurrency: C,
    statementsPerApply: +(s.queries / N).toFixed(2),
    serverCpuMs: +(s.cpuMs / N).toFixed(2),
    postgresCpuMs: +((pgCpu * 1000) / N).toFixed(2),
    dbWaitMs: +(s.dbMs / N).toFixed(2),
    wallP50: +wall[Math.floor(N / 2)].toFixed(1),
    wallP99: +wall[Math.min(N - 1, Math.ceil(N * 0.99) - 1)].toFixed(1),
    appliesPerSec: +(N / elapsed).toFixed(1),
  };
  console.log(JSON.stringify(row));
  if (args.sql) for (const st of s.statements) console.log(`    ${(st.n / N).toFixed(2)}x ${(st.ms / N).toFixed(2)} ms  ${st.sql}`);
  await pgc.end();
  const exited = new Promise((r) => server.once("exit", r));
  server.kill("SIGTERM");
  await exited;
} catch (e) {
  console.error(e);
  exitCode = 1;
} finally {
  for (const c of children) if (c.exitCode == null) c.kill("SIGKILL");
  await pgServer.dropDatabase(dbName).catch((e) => console.error(`could not drop ${dbName}: ${e}`));
  await pgServer.stop();
}
process.exit(exitCode);
