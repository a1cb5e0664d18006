/**
 * CPU time of a running server per request: the figure that stays comparable on a shared machine
 * (requests per second depend on what else runs; CPU ms per request much less).
 *
 *   npx tsx scripts/bench/cpu-per-request.ts <server-pid> <url> [requests=3000] [connections=16] [--login email] [--cookie a=b] [--runs 3]
 *
 * Sums utime+stime of <server-pid> and every `node` process below it (cluster workers; not the
 * embedded PostgreSQL, whose processes are named `postgres`) from /proc before and after
 * `requests` requests sent by autocannon (a separate process) at `connections` connections, with
 * Accept-Encoding: gzip as a browser sends. `--login` signs in first (demo password) and sends the
 * session cookie; `--cookie` adds a cookie (e.g. `sa_tz=Europe/Paris`, the zone a browser reports). Prints one line per run: CPU ms per request, req/s, p50/p99, non-2xx, load average.
 * Linux only (/proc).
 */
import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { logIn } from "./log-in";

const { values: opt, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    login: { type: "string" },
    cookie: { type: "string" },
    runs: { type: "string", default: "3" },
    password: { type: "string", default: "second-act-demo" },
  },
});
const [pidArg, url, reqArg = "3000", connArg = "16"] = positionals;
if (!pidArg || !url) {
  console.error("usage: cpu-per-request.ts <server-pid> <url> [requests] [connections] [--login email] [--runs n]");
  process.exit(2);
}
const rootPid = Number(pidArg);
const TICK_MS = 1000 / 100; // USER_HZ is 100 on Linux

function stat(pid: number) {
  const text = readFileSync(`/proc/${pid}/stat`, "utf8");
  const close = text.lastIndexOf(")");
  const comm = text.slice(text.indexOf("(") + 1, close);
  const f = text.slice(close + 2).split(" "); // f[0] = state (field 3)
  return { comm, ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) };
}

/** CPU ms of the server process and its node descendants. */
function treeCpuMs(): number {
  const all = new Map<number, ReturnType<typeof stat>>();
  for (const e of readdirSync("/proc")) {
    if (!/^\d+$/.test(e)) continue;
    try {
      all.set(Number(e), stat(Number(e)));
    } catch {}
  }
  const inTree = (pid: number): boolean => {
    for (let p = pid, i = 0; p > 1 && i < 50; i++) {
      if (p === rootPid) return true;
      p = all.get(p)?.ppid ?? 0;
    }
    return false;
  };
  let ticks = 0;
  for (const [pid, s] of all) if (inTree(pid) && (pid === rootPid || s.comm.startsWith("node"))) ticks += s.ticks;
  return ticks * TICK_MS;
}

async function login(email: string): Promise<string> {
  return (await logIn(new URL(url).origin, email, opt.password)).cookie;
}

const cookie = [opt.login ? await login(opt.login) : undefined, opt.cookie].filter(Boolean).join("; ") || undefined;
const cannon = path.join(import.meta.dirname, "../../node_modules/autocannon/autocannon.js");
const argv = (n: number) => [
  cannon,
  "-c",
  connArg,
  "-a",
  String(n),
  "-j",
  "-H",
  "accept-encoding=gzip",
  ...(cookie ? ["-H", `cookie=${cookie}`] : []),
  url,
];
spawnSync(process.execPath, argv(Math.min(500, Number(reqArg))), { encoding: "utf8" }); // warm-up
for (let run = 0; run < Number(opt.runs); run++) {
  const before = treeCpuMs();
  const r = spawnSync(process.execPath, argv(Number(reqArg)), { encoding: "utf8", maxBuffer: 1 << 24 });
  const after = treeCpuMs();
  const j = JSON.parse(r.stdout.slice(r.stdout.indexOf("{")));
  const n = j.requests.total as number;
  console.log(
    `${((after - before) / n).toFixed(3)} CPU ms/req  ${Math.round(j.requests.average)} req/s  p50 ${j.latency.p50} ms  p99 ${j.latency.p99} ms  ${n} requests (${j.non2xx} non-2xx, ${j.errors} errors)  load ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(" ")}`,
  );
}
