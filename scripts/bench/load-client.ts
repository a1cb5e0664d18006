/**
 * Mixed-traffic load generator for the reliability benchmark, run as a SEPARATE process by
 * scripts/bench/index.ts (so it does not share an event loop with the server or the harness).
 *
 *   node --import tsx scripts/bench/load-client.ts <config.json>
 *
 * Config: { baseUrl, durationSec, connections, writeRatio, reads: string[],
 *           sessions: { cookie, csrf, profileId, gigIds: string[] }[] }
 * Each of `connections` workers loops until the deadline (and at most `maxRequests` in total):
 * a read (GET of one of `reads`) or, with probability writeRatio, a write (a professional
 * applying to the next gig of its list through the real form: POST /gigs/:id, intent=apply,
 * with its session cookie and CSRF token). Prints one JSON object on stdout.
 */
import { readFileSync } from "node:fs";
import http from "node:http";

interface Config {
  baseUrl: string;
  durationSec: number;
  connections: number;
  writeRatio: number;
  maxRequests?: number;
  reads: string[];
  sessions: { cookie: string; csrf: string; profileId: string; gigIds: string[] }[];
}

const cfg = JSON.parse(readFileSync(process.argv[2], "utf8")) as Config;
const base = new URL(cfg.baseUrl);
const agent = new http.Agent({ keepAlive: true, maxSockets: cfg.connections });

function request(method: string, path: string, headers: Record<string, string>, body?: string) {
  return new Promise<{ status: number; location?: string; ms: number; error?: string }>((resolve) => {
    const t0 = performance.now();
    const req = http.request(
      {
        host: base.hostname,
        port: base.port,
        method,
        path,
        agent,
        headers: { ...headers, ...(body ? { "content-length": Buffer.byteLength(body) } : {}) },
        timeout: 30_000,
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode ?? 0, location: res.headers.location, ms: performance.now() - t0 }));
        res.on("error", (e) => resolve({ status: 0, ms: performance.now() - t0, error: e.message }));
      },
    );
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", (e) => resolve({ status: 0, ms: performance.now() - t0, error: e.message }));
    if (body) req.write(body);
    req.end();
  });
}

const deadline = Date.now() + cfg.durationSec * 1000;
const maxRequests = cfg.maxRequests ?? 1_000_000;
let issued = 0;
const readLat: number[] = [];
const writeLat: number[] = [];
const status: Record<string, number> = {};
const errors: Record<string, number> = {};
const writes: { profileId: string; gigId: string; status: number; location?: string }[] = [];
const cursors = cfg.sessions.map(() => 0);

// Deterministic pseudo-random sequence (so runs are comparable).
let seed = 12345;
const rand = () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
};

async function worker(w: number) {
  while (Date.now() < deadline && issued < maxRequests) {
    issued++;
    const s = cfg.sessions[w % cfg.sessions.length];
    const si = w % cfg.sessions.length;
    const isWrite = rand() < cfg.writeRatio && cursors[si] < s.gigIds.length;
    if (isWrite) {
      const gigId = s.gigIds[cursors[si]++];
      const body = new URLSearchParams({ _csrf: s.csrf, intent: "apply", note: "bench load test" }).toString();
      const r = await request("POST", `/gigs/${gigId}`, { cookie: s.cookie, "content-type": "application/x-www-form-urlencoded" }, body);
      writeLat.push(r.ms);
      status[r.status] = (status[r.status] ?? 0) + 1;
      if (r.error) errors[r.error] = (errors[r.error] ?? 0) + 1;
      writes.push({ profileId: s.profileId, gigId, status: r.status, location: r.location });
    } else {
      const path = cfg.reads[Math.floor(rand() * cfg.reads.length)];
      const r = await request("GET", path, { cookie: s.cookie, "accept-encoding": "gzip" });
      readLat.push(r.ms);
      status[r.status] = (status[r.status] ?? 0) + 1;
      if (r.error) errors[r.error] = (errors[r.error] ?? 0) + 1;
    }
  }
}

const t0 = Date.now();
await Promise.all(Array.from({ length: cfg.connections }, (_, i) => worker(i)));
const elapsed = (Date.now() - t0) / 1000;
agent.destroy();

const pct = (arr: number[], p: number) => {
  const s = [...arr].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : null;
};
const all = [...readLat, ...writeLat];
process.stdout.write(
  JSON.stringify({
    elapsedSec: elapsed,
    requests: all.length,
    reqPerSec: all.length / elapsed,
    reads: readLat.length,
    writesAttempted: writeLat.length,
    status,
    errors,
    latency: { p50: pct(all, 50), p99: pct(all, 99), max: pct(all, 100) },
    readLatency: { p50: pct(readLat, 50), p99: pct(readLat, 99) },
    writeLatency: { p50: pct(writeLat, 50), p99: pct(writeLat, 99) },
    writes,
  }),
);
