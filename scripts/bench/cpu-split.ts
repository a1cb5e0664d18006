/**
 * Where the CPU goes under load (issue #21): runs the production server (WEB_WORKERS web workers,
 * default 2) on the data-pages dataset, drives each signed-in page with autocannon at 16 connections
 * and reads the CPU time of this script's descendant processes from /proc before and after, split into
 * the server's processes, PostgreSQL backends, the load generator and the rest. Linux only.
 *
 *   npx tsx scripts/bench/cpu-split.ts [--workers 2] [--seconds 8] [--only gig|search|...] [--build DIR] [--size quick|bench] [--prof DIR]
 *
 * `--size`: the data-pages dataset to use (`scripts/bench/data-pages.ts --size <size>` loads it once); `bench` is
 * the full benchmark's size (10k gigs, 100k professionals), where the search page has ten times the matches.
 * `--prof DIR`: the server's processes (the primary and each web worker) write V8 CPU profiles to DIR when they
 * stop (summarise a worker's with scripts/bench/cpuprofile-top.ts); use it with one `--only` page.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { DEMO_ACCOUNTS } from "../../prisma/demo/accounts";
import { withServerHeapFlags } from "../../server/cluster";
import { buildIfNeeded } from "../lib/build";
import { startEmbeddedPostgres } from "../lib/embedded-pg";
import { freePort } from "../lib/free-port";
import { ROOT, applyMigrations } from "../lib/migrate";
import { processTable } from "./proc-cpu";
import { logIn, servingUrl, benchServerEnv } from "./log-in";

const { values: args } = parseArgs({
  options: {
    workers: { type: "string", default: "2" },
    seconds: { type: "string", default: "8" },
    connections: { type: "string", default: "16" },
    only: { type: "string" },
    build: { type: "string" },
    size: { type: "string", default: "quick" },
    prof: { type: "string" },
  },
  strict: true,
});
const log = (m: string) => console.error(`[cpu-split] ${m}`);

const cpuByPid = processTable;

const dir = path.join(ROOT, ".cache", `data-pages-${args.size}`);
const pgServer = await startEmbeddedPostgres({ dir, port: await freePort(), persistent: true });
const children = new Set<ChildProcess>();
try {
  await pgServer.ensureDatabase("pages");
  const url = pgServer.url("pages");
  await applyMigrations(url);
  const pgc = new pg.Client({ connectionString: url });
  pgc.on("error", () => {}); // PostgreSQL stopping at the end
  await pgc.connect();
  if (Number((await pgc.query(`SELECT count(*) FROM "User"`)).rows[0].count) === 0)
    throw new Error("no dataset: run scripts/bench/data-pages.ts once first");
  const buildDir = args.build ? path.resolve(args.build) : path.join(ROOT, ".cache", "data-pages-build");
  if (!args.build) buildIfNeeded(log, buildDir);
  const port = await freePort();
  const env = benchServerEnv({ url, buildDir, port, extra: { WEB_WORKERS: args.workers } });
  const server = spawn(
    process.execPath,
    withServerHeapFlags([
      ...(args.prof ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(args.prof)}`] : []),
      "--import",
      "tsx",
      path.join(ROOT, "tests/setup/child-server.ts"),
    ]),
    {
      cwd: ROOT,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  children.add(server);
  const base = await servingUrl(server);
  const email = (role: string) => DEMO_ACCOUNTS.find((a) => a.role === role)!.email;
  const pro = (await logIn(base, email("PROFESSIONAL"))).cookie;
  const coord = (await logIn(base, email("COORDINATOR"))).cookie;
  const top = (
    await pgc.query(
      `SELECT g.id FROM "Gig" g LEFT JOIN "Application" a ON a."gigId" = g.id WHERE g.status = 'OPEN' GROUP BY g.id ORDER BY count(a.id) DESC, g.id LIMIT 1`,
    )
  ).rows[0].id as string;
  const b25 = (
    await pgc.query(
      `SELECT g.id FROM "Gig" g JOIN "Application" a ON a."gigId" = g.id WHERE g.status = 'OPEN' GROUP BY g.id ORDER BY abs(count(a.id) - 25), g.id LIMIT 1`,
    )
  ).rows[0].id as string;
  const pages: [string, string, string][] = [
    ["about", "/about", ""],
    ["gig", `/gigs/${top}`, pro],
    ["search", "/gigs?q=dialogue", pro],
    ["dashboard", "/me", pro],
    ["board", `/coord/gigs/${b25}`, coord],
  ];
  const cannon = (u: string, cookie: string, sec: number) =>
    new Promise<{ rps: number; p50: number; p99: number; total: number; bad: number }>((resolve) => {
      const a = spawn(
        process.execPath,
        [
          path.join(ROOT, "node_modules/autocannon/autocannon.js"),
          ...["-c", args.connections, "-d", String(sec), "-j", "-H", "accept-encoding=gzip"],
          ...(cookie ? ["-H", `cookie=${cookie}`] : []),
          u,
        ],
        { stdio: ["ignore", "pipe", "ignore"] },
      );
      let out = "";
      a.stdout.on("data", (d) => (out += d));
      a.on("exit", () => {
        const j = JSON.parse(out.slice(out.indexOf("{")));
        resolve({
          rps: j.requests.average,
          p50: j.latency.p50,
          p99: j.latency.p99,
          total: j.requests.total,
          bad: j.errors + j.timeouts + j.non2xx,
        });
      });
    });
  for (const [label, p, cookie] of pages) {
    if (args.only && !args.only.split(",").includes(label)) continue;
    await cannon(base + p, cookie, 2);
    const before = cpuByPid();
    const cannonRun = cannon(base + p, cookie, Number(args.seconds));
    // autocannon exits at the end: read its CPU just before.
    let last = cpuByPid();
    const poll = setInterval(() => (last = cpuByPid()), 250);
    const r = await cannonRun;
    clearInterval(poll);
    const after = cpuByPid();
    for (const [pid, v] of last) if (!after.has(pid)) after.set(pid, v);
    // Only this script's descendants (its PostgreSQL, server, autocannon): not other programs on a shared machine.
    const mine = (pid: number) => {
      for (let p = after.get(pid)?.ppid, n = 0; p && n < 50; p = after.get(p)?.ppid, n++) if (p === process.pid) return true;
      return false;
    };
    const split: Record<string, number> = { server: 0, postgres: 0, loadgen: 0, other: 0 };
    for (const [pid, a] of after) {
      const d = a.t - (before.get(pid)?.t ?? 0);
      if (d <= 0 || pid === process.pid || !mine(pid)) continue;
      const k = a.cmd.includes("autocannon")
        ? "loadgen"
        : a.cmd.startsWith("postgres") || a.cmd.includes("/postgres")
          ? "postgres"
          : a.cmd.includes("child-server") || a.cmd.includes("web-worker") || a.cmd.includes("max-semi-space")
            ? "server"
            : "other";
      split[k] += d;
    }
    const per = (k: string) => ((split[k] * 1000) / r.total).toFixed(2);
    console.log(
      `${label.padEnd(10)} ${r.rps.toFixed(1).padStart(7)} req/s  p50 ${r.p50} p99 ${r.p99} ms  bad ${r.bad}  CPU ms/req: server ${per("server")} postgres ${per("postgres")} loadgen ${per("loadgen")} other ${per("other")}  (cores busy ${((split.server + split.postgres + split.loadgen + split.other) / Number(args.seconds)).toFixed(2)})`,
    );
  }
  await pgc.end();
} finally {
  for (const c of children) c.kill("SIGTERM");
  await new Promise((r) => setTimeout(r, 1000));
  await pgServer.stop();
}
