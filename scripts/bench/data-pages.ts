/**
 * The data cost of the signed-in pages (issue #21): for each page, queries per request, database
 * ms per request and server CPU ms per request, measured on a server child (production build)
 * that counts its own SQL (scripts/bench/data-probe.ts). Requests are sent one at a time, so the
 * figures do not depend on how busy the shared machine is; `--rps` also runs autocannon at 16
 * connections for each page.
 *
 *   npx tsx scripts/bench/data-pages.ts [--size quick|demo|bench] [--n 200] [--rps] [--sql] [--prof] [--build DIR]
 *
 * Keeps its PostgreSQL data in .cache/data-pages-<size> (reused between runs: the dataset loads once).
 * --prof writes a V8 CPU profile of the server to .cache/bench-prof (summarise with cpuprofile-top.ts).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { chmodSync, mkdirSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { DEMO_ACCOUNTS } from "../../prisma/demo/accounts";
import { SIZES, type SizeSpec, datasetCounts, generateDataset } from "../../prisma/demo/generator";
import { buildIfNeeded } from "../lib/build";
import { startEmbeddedPostgres } from "../lib/embedded-pg";
import { freePort } from "../lib/free-port";
import { ROOT, applyMigrations } from "../lib/migrate";
import { benchServerEnv, forkProbedServer, logIn } from "./log-in";

const { values: args } = parseArgs({
  options: {
    size: { type: "string", default: "quick" },
    n: { type: "string", default: "200" },
    rps: { type: "boolean", default: false },
    sql: { type: "boolean", default: false },
    prof: { type: "boolean", default: false },
    only: { type: "string" },
    "pg-port": { type: "string" },
    /** An existing build to measure as is (e.g. a copy of the build before a change, for A/B runs). */
    build: { type: "string" },
  },
  strict: true,
});
const N = Number(args.n);
(SIZES as Record<string, SizeSpec>).quick = {
  ...SIZES.bench,
  professionals: 10_000,
  labs: 60,
  gigs: 1_000,
  applications: 3_000,
  coordinators: 5,
  showsPerFormatYear: 10,
  appeals: 30,
};

const children = new Set<ChildProcess>();
const log = (m: string) => console.error(`[data-pages] ${m}`);

const dir = path.join(ROOT, ".cache", `data-pages-${args.size}`);
mkdirSync(path.dirname(dir), { recursive: true });
chmodSync(path.dirname(dir), 0o755);
const pgPort = Number(args["pg-port"] ?? process.env.PG_PORT ?? (await freePort()));
const pgServer = await startEmbeddedPostgres({ dir, port: pgPort, persistent: true });
let exitCode = 0;
try {
  await pgServer.ensureDatabase("pages");
  const url = pgServer.url("pages");
  await applyMigrations(url);
  const pgc = new pg.Client({ connectionString: url });
  await pgc.connect();
  const users = Number((await pgc.query(`SELECT count(*) FROM "User"`)).rows[0].count);
  if (users === 0) {
    process.env.DATABASE_URL = url;
    const { createDb } = await import("~/db.server");
    const { loadDataset } = await import("../../prisma/demo/load");
    const ds = generateDataset({ size: args.size as "bench", now: new Date() });
    log(`loading ${JSON.stringify(datasetCounts(ds))}`);
    const loader = createDb(url, 4);
    await loadDataset(loader, ds);
    await loader.$disconnect();
    await pgc.query("ANALYZE");
  }
  await pgc.query(`DELETE FROM "OutboxEvent"`).catch(() => {});

  const buildDir = args.build ? path.resolve(args.build) : path.join(ROOT, ".cache", "data-pages-build");
  if (!args.build) buildIfNeeded(log, buildDir);

  const serverPort = Number(process.env.PORT ?? (await freePort()));
  const env = benchServerEnv({ url, buildDir, port: serverPort });
  const { server, base, ask } = await forkProbedServer(env, { prof: args.prof });
  children.add(server);
  log(`server at ${base}`);

  const login = async (email: string) => (await logIn(base, email)).cookie;
  const email = (role: string) => DEMO_ACCOUNTS.find((a) => a.role === role)!.email;
  const pro = await login(email("PROFESSIONAL"));
  const coord = await login(email("COORDINATOR"));
  const lab = await login(email("LAB_MEMBER"));
  // The gig the bench measures (most applications) and a board with 25 applications.
  const top = (
    await pgc.query(
      `SELECT g.id FROM "Gig" g LEFT JOIN "Application" a ON a."gigId" = g.id WHERE g.status = 'OPEN' GROUP BY g.id ORDER BY count(a.id) DESC, g.id LIMIT 1`,
    )
  ).rows[0].id as string;
  const b25 = (
    await pgc.query(
      `SELECT g.id, count(a.id)::int AS n FROM "Gig" g JOIN "Application" a ON a."gigId" = g.id WHERE g.status = 'OPEN' GROUP BY g.id ORDER BY abs(count(a.id) - 25), g.id LIMIT 1`,
    )
  ).rows[0] as { id: string; n: number };
  const labGig = (
    await pgc.query(
      `SELECT g.id FROM "Gig" g JOIN "Lab" l ON l.id = g."labId" WHERE l.slug = 'lumen-foundry' AND g.status = 'OPEN' ORDER BY g.id LIMIT 1`,
    )
  ).rows[0]?.id as string | undefined;
  const pages: [string, string, string][] = [
    ["about, anonymous (the shell: the floor under every page)", "/about", ""],
    ["gig page, signed in (pro)", `/gigs/${top}`, pro],
    ["search /gigs?q=dialogue, signed in (pro)", "/gigs?q=dialogue", pro],
    ["best match /gigs?q=dialogue&sort=match, signed in (pro)", "/gigs?q=dialogue&sort=match", pro],
    ["dashboard /me (pro)", "/me", pro],
    [`coordinator board (${b25.n} applications)`, `/coord/gigs/${b25.id}`, coord],
    ["coordinator board (most applications)", `/coord/gigs/${top}`, coord],
    ...(labGig ? ([["gig page, lab manager", `/gigs/${labGig}`, lab]] as [string, string, string][]) : []),
  ];
  const rows: Record<string, unknown>[] = [];
  for (const [label, p, cookie] of pages) {
    if (args.only && !args.only.split("|").some((o) => label.includes(o))) continue;
    const get = async () => {
      const r = await fetch(base + p, { headers: { cookie, "accept-encoding": "gzip" }, redirect: "manual" });
      await r.arrayBuffer();
      if (r.status !== 200) throw new Error(`${p}: HTTP ${r.status}`);
    };
    for (let i = 0; i < 30; i++) await get();
    await ask("reset");
    const wall: number[] = [];
    for (let i = 0; i < N; i++) {
      const t0 = performance.now();
      await get();
      wall.push(performance.now() - t0);
    }
    const s = await ask<{ cpuMs: number; queries: number; dbMs: number; statements: { sql: string; n: number; ms: number }[] }>("snapshot");
    wall.sort((a, b) => a - b);
    const row: Record<string, unknown> = {
      page: label,
      path: p,
      queriesPerReq: +(s.queries / N).toFixed(2),
      dbMsPerReq: +(s.dbMs / N).toFixed(2),
      cpuMsPerReq: +(s.cpuMs / N).toFixed(2),
      wallP50: +wall[Math.floor(N / 2)].toFixed(1),
    };
    if (args.rps) {
      const r = spawn(
        process.execPath,
        [
          path.join(ROOT, "node_modules/autocannon/autocannon.js"),
          "-c",
          "16",
          "-d",
          "10",
          "-j",
          "-H",
          `cookie=${cookie}`,
          "-H",
          "accept-encoding=gzip",
          base + p,
        ],
        { stdio: ["ignore", "pipe", "ignore"] },
      );
      let out = "";
      r.stdout.on("data", (d) => (out += d));
      await new Promise((res) => r.on("exit", res));
      const j = JSON.parse(out.slice(out.indexOf("{")));
      Object.assign(row, {
        rps16: Math.round(j.requests.average),
        p50: j.latency.p50,
        p99: j.latency.p99,
        non2xx: j.non2xx,
        errors: j.errors,
      });
    }
    rows.push(row);
    console.log(JSON.stringify(row));
    if (args.sql) for (const st of s.statements) console.log(`    ${(st.n / N).toFixed(2)}x ${(st.ms / N).toFixed(2)} ms  ${st.sql}`);
  }
  console.table(rows);
  await pgc.end();
  const exited = new Promise((r) => server.once("exit", r));
  server.kill("SIGTERM");
  await exited;
} catch (e) {
  console.error(e);
  exitCode = 1;
} finally {
  for (const c of children) if (c.exitCode == null) c.kill("SIGKILL");
  await pgServer.stop();
}
process.exit(exitCode);
