/**
 * Three search back ends side by side on one dataset (issue 19): the embedded engine, Meilisearch
 * (the bundled 1.21.0 server, started here with the same flags as `npm start`) and PostgreSQL
 * alone (no search engine: SQL full-text + GROUP BY facets, and the PostgreSQL recall fallback for
 * matching). Run by scripts/bench/index.ts (`npm run bench -- --only engines [--quick]`) ONCE PER
 * BACK END, each in its own node process, so each memory figure is that back end's alone:
 *
 *   BENCH_ENGINE=embedded|meilisearch|postgres DATABASE_URL=... BENCH_MODE=quick|full \
 *     node --expose-gc --import tsx scripts/bench/engines.ts <out.json>
 *
 * Figures: gig search and talent search with filters (scripts/bench/queries.ts, the same shapes as
 * the in-process figures), candidates for a gig (gigCandidates: recall through the back end + the
 * same ranking), a full reindex, and memory: the node process holding the embedded index; the
 * Meilisearch server process; the PostgreSQL server (postmaster and its backends, proportional set
 * size, so shared buffers are counted once).
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { freePort } from "../lib/free-port";
import { bundledMeilisearch, type MeiliServer, randomMasterKey, startMeilisearch } from "../lib/meilisearch-server";
import { searchWorkload } from "./queries";
import { measure, round } from "./stats";

const outFile = process.argv[2];
const url = process.env.DATABASE_URL;
const which = process.env.BENCH_ENGINE as "embedded" | "meilisearch" | "postgres";
if (!outFile || !url || !["embedded", "meilisearch", "postgres"].includes(which)) {
  console.error("usage: BENCH_ENGINE=embedded|meilisearch|postgres DATABASE_URL=... node --import tsx scripts/bench/engines.ts <out.json>");
  process.exit(2);
}
process.env.RATE_LIMIT_DISABLED = "true";
process.env.LOG_LEVEL = "warn";
const QUICK = process.env.BENCH_MODE === "quick";
const D = QUICK ? { searchRuns: 100, warmup: 10, pgRuns: 20, matchRuns: 40 } : { searchRuns: 200, warmup: 20, pgRuns: 40, matchRuns: 100 };

export interface EngineResult {
  engine: string;
  gigSearch: { median: number; p95: number; n: number };
  talentSearch: { median: number; p95: number; n: number };
  candidates: { median: number; p95: number; n: number };
  reindexSeconds: number | null;
  memoryMB: number;
  memoryNote: string;
  hits: { gigs: number[]; talent: number[] };
  notes: string[];
}

const log = (m: string) => console.log(`[bench engines/${which}] ${m}`);
const MB = (bytes: number) => round(bytes / 2 ** 20, 1);

/** Resident set size of one process (bytes). */
function rssOf(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) * 1024 : 0;
}

/** Proportional set size of a process and its direct children (bytes): PostgreSQL's postmaster + backends. */
function pssOfTree(root: number): { bytes: number; processes: number } {
  const pids = [root];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === root) pids.push(Number(entry));
    } catch {
      // the process ended meanwhile
    }
  }
  let bytes = 0;
  for (const pid of pids) {
    try {
      const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, "utf8"));
      if (m) bytes += Number(m[1]) * 1024;
    } catch {
      // the process ended meanwhile
    }
  }
  return { bytes, processes: pids.length };
}

const pgc = new pg.Client({ connectionString: url });
pgc.on("error", () => {});
await pgc.connect();
let meili: MeiliServer | undefined;
let meiliDir: string | undefined;

async function main(): Promise<EngineResult> {
  const { INDEXES } = await import("~/search/indexes");
  const { reindexAll } = await import("~/search/sync.server");
  const { setSearchRuntime } = await import("~/search/runtime.server");
  const { recallPeopleWith, recallGigsWith } = await import("~/search/service.server");
  const { gigCandidates } = await import("~/services/matching.server");
  const { db } = await import("~/db.server");
  const notes: string[] = [];

  let engine = null as import("~/search/engine.server").SearchEngine | null;
  let reindexSeconds: number | null = null;
  if (which === "embedded") {
    const { createEmbeddedEngine } = await import("~/search/embedded.server");
    engine = createEmbeddedEngine();
  } else if (which === "meilisearch") {
    const bin = await bundledMeilisearch();
    if (!bin.ok) throw new Error(`no Meilisearch server: ${bin.reason}`);
    meiliDir = mkdtempSync(path.join(os.tmpdir(), "second-act-bench-meili-"));
    meili = await startMeilisearch({ binary: bin.path, dir: meiliDir, port: await freePort(), masterKey: randomMasterKey() });
    notes.push(`Meilisearch ${meili.version} (bundled binary, --max-indexing-threads 1, --max-indexing-memory 256MiB)`);
    const { createMeilisearchEngine } = await import("~/search/meilisearch.server");
    engine = createMeilisearchEngine({ host: meili.url, apiKey: meili.masterKey, indexPrefix: "bench_" });
  }
  if (engine) {
    await engine.ensureIndexes(INDEXES);
    const t0 = Date.now();
    const counts = await reindexAll(engine);
    reindexSeconds = (Date.now() - t0) / 1000;
    log(`full reindex ${reindexSeconds.toFixed(1)} s (${counts.gigs} open gigs, ${counts.people} people)`);
    setSearchRuntime({
      ready: true,
      recallPeople: (g, o) => recallPeopleWith(engine!, g, o),
      recallGigs: (p, o) => recallGigsWith(engine!, p, o),
    });
  } else {
    // No search runtime: gigCandidates recalls with recallPeopleSql, as the app does while its engine is down.
    setSearchRuntime(undefined);
    notes.push(
      "no separate index to rebuild: search reads the tables (no full-text index exists in the schema, so to_tsvector runs per row)",
    );
  }

  const w = searchWorkload(engine, pgc);
  const hits = { gigs: [] as number[], talent: [] as number[] };
  for (let i = 0; i < w.gigQueries.length; i++)
    hits.gigs.push(engine ? (await w.engineGig(i)).total : Number((await w.pgGig(i)).rows[0].c));
  for (let i = 0; i < w.talentQueries.length; i++)
    hits.talent.push(engine ? (await w.engineTalent(i)).total : Number((await w.pgTalent(i)).rows[0].c));
  log(`hits per gig query ${hits.gigs.join(",")}; per talent query ${hits.talent.join(",")}`);

  const runs = engine ? { runs: D.searchRuns, warmup: D.warmup, budgetMs: 60_000 } : { runs: D.pgRuns, warmup: 3, budgetMs: 60_000 };
  const gig = await measure(engine ? w.engineGig : w.pgGig, runs);
  const talent = await measure(engine ? w.engineTalent : w.pgTalent, runs);
  const openGigs = await db().gig.findMany({
    where: { status: "OPEN", NOT: { taskTypes: { isEmpty: true } } },
    select: { id: true },
    orderBy: { id: "asc" },
    take: 50,
  });
  const cand = await measure((i) => gigCandidates(openGigs[i % openGigs.length].id, { viewerRole: "COORDINATOR" }), {
    runs: D.matchRuns,
    warmup: 5,
    budgetMs: 90_000,
  });

  let memoryMB: number;
  let memoryNote: string;
  if (which === "embedded") {
    global.gc?.();
    memoryMB = MB(process.memoryUsage().rss);
    memoryNote = "RSS of the node process holding both indexes (+ Prisma, pg)";
  } else if (which === "meilisearch") {
    memoryMB = MB(rssOf(meili!.pid));
    global.gc?.();
    memoryNote = `RSS of the Meilisearch server (memory-mapped index pages included); the node client beside it: ${MB(process.memoryUsage().rss)} MB`;
  } else {
    const dataDir = (await pgc.query<{ data_directory: string }>("SHOW data_directory")).rows[0].data_directory;
    const postmaster = Number(readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
    const tree = pssOfTree(postmaster);
    memoryMB = MB(tree.bytes);
    memoryNote = `PSS of the PostgreSQL server: postmaster + ${tree.processes - 1} processes (shared buffers counted once)`;
  }
  setSearchRuntime(undefined);
  await engine?.close();
  const { disconnectDb } = await import("~/db.server");
  await disconnectDb();
  const s = (x: { median: number; p95: number; n: number }) => ({ median: round(x.median), p95: round(x.p95), n: x.n });
  return {
    engine: which,
    gigSearch: s(gig),
    talentSearch: s(talent),
    candidates: s(cand),
    reindexSeconds,
    memoryMB,
    memoryNote,
    hits,
    notes,
  };
}

let code = 0;
try {
  const r = await main();
  writeFileSync(outFile, JSON.stringify(r));
  log(
    `gig search p95 ${r.gigSearch.p95} ms, talent search p95 ${r.talentSearch.p95} ms, candidates p95 ${r.candidates.p95} ms, memory ${r.memoryMB} MB`,
  );
} catch (e) {
  console.error(`[bench engines/${which}] failed:`, e);
  code = 1;
} finally {
  await pgc.end().catch(() => {});
  await meili?.stop().catch(() => {});
  if (meiliDir) rmSync(meiliDir, { recursive: true, force: true });
}
process.exit(code);
