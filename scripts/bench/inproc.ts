/**
 * The in-process figures of `npm run bench` (search engine vs PostgreSQL, reindex + RSS,
 * matching, transfer scoring), run by scripts/bench/index.ts as a SEPARATE node process
 * (--expose-gc) so the RSS figure is this process's: the index, not the dataset generator.
 *
 *   node --expose-gc --import tsx scripts/bench/inproc.ts <out.json>
 *   env: DATABASE_URL (the loaded bench database), BENCH_MODE quick|full, BENCH_ONLY
 */
import { writeFileSync } from "node:fs";
import pg from "pg";
import { progressBar } from "../lib/progress";
import { searchWorkload } from "./queries";
import { measure, round, summarise } from "./stats";

const outFile = process.argv[2];
const url = process.env.DATABASE_URL;
if (!outFile || !url) {
  console.error("usage: DATABASE_URL=... node --import tsx scripts/bench/inproc.ts <out.json>");
  process.exit(2);
}
process.env.RATE_LIMIT_DISABLED = "true";
process.env.LOG_LEVEL = "warn";
const QUICK = process.env.BENCH_MODE === "quick";
const ONLY = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(",")) : null;
const want = (name: string) => !ONLY || ONLY.has(name);
const D = QUICK
  ? { searchRuns: 100, warmup: 10, pgRuns: 20, matchRuns: 40, recomputeBudgetMs: 15_000 }
  : { searchRuns: 200, warmup: 20, pgRuns: 40, matchRuns: 100, recomputeBudgetMs: 60_000 };

interface Figure {
  figure: string;
  unit: string;
  median: number | null;
  p95: number | null;
  target: string;
  pass: boolean | null;
  notes: string;
}
const figures: Figure[] = [];
const extra: Record<string, unknown> = {};
const fig = (f: Figure) => {
  figures.push(f);
  const v = (x: number | null) => (x == null ? "-" : String(round(x)));
  console.log(
    `  ${f.figure}: median ${v(f.median)} ${f.unit}, p95 ${v(f.p95)} ${f.unit}  target ${f.target}  ${f.pass == null ? "" : f.pass ? "PASS" : "MISS"}  ${f.notes}`,
  );
};
const log = (m: string) => console.log(`[bench] ${m}`);
const save = () => writeFileSync(outFile, JSON.stringify({ figures, extra }));

const pgc = new pg.Client({ connectionString: url });
pgc.on("error", () => {});
await pgc.connect();
let t0 = 0;

async function main() {
  // 3a. Search, reindex, RSS ------------------------------------------------------------------
  const { createEmbeddedEngine } = await import("~/search/embedded.server");
  const { INDEXES, GIGS_INDEX } = await import("~/search/indexes");
  const { reindexAll } = await import("~/search/sync.server");
  const { setSearchRuntime } = await import("~/search/runtime.server");
  const { recallPeopleWith, recallGigsWith } = await import("~/search/service.server");
  const { db } = await import("~/db.server");
  const engine = createEmbeddedEngine();
  await engine.ensureIndexes(INDEXES);
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  const rbar = progressBar("Reindexing", (await db().gig.count({ where: { status: "OPEN" } })) + (await db().profile.count()));
  let gigsDone = 0;
  t0 = Date.now();
  const counts = await reindexAll(engine, (p) => {
    if (p.index === GIGS_INDEX) gigsDone = p.done;
    rbar.update(p.index === GIGS_INDEX ? p.done : gigsDone + p.done);
  });
  rbar.done();
  const reindexMs = Date.now() - t0;
  global.gc?.();
  const rss = process.memoryUsage().rss;
  fig({
    figure: "Full reindex (both indexes)",
    unit: "s",
    median: reindexMs / 1000,
    p95: null,
    target: "< 60 s",
    pass: reindexMs < 60_000,
    notes: `${counts.gigs} open gigs + ${counts.people} people, reads from PostgreSQL included`,
  });
  fig({
    figure: "RSS after both indexes loaded",
    unit: "MB",
    median: rss / 2 ** 20,
    p95: null,
    target: "< 1024 MB",
    pass: rss < 2 ** 30,
    notes: `process running only the engine (+ Prisma, pg); ${Math.round(rssBefore / 2 ** 20)} MB before indexing${global.gc ? "" : " (no --expose-gc, so garbage may be included)"}`,
  });

  const { gigQueries, talentQueries, engineGig, engineTalent, pgGig, pgTalent } = searchWorkload(engine, pgc);

  if (want("search")) {
    // Sanity: both sides find something for most queries.
    const hitsE = await Promise.all(gigQueries.map((_, i) => engineGig(i).then((r) => r.total)));
    const hitsP: number[] = [];
    for (let i = 0; i < gigQueries.length; i++) hitsP.push(Number((await pgGig(i)).rows[0].c));
    const tHitsE = await Promise.all(talentQueries.map((_, i) => engineTalent(i).then((r) => r.total)));
    const tHitsP: number[] = [];
    for (let i = 0; i < talentQueries.length; i++) tHitsP.push(Number((await pgTalent(i)).rows[0].c));
    extra.searchHits = { gigs: { engine: hitsE, postgres: hitsP }, talent: { engine: tHitsE, postgres: tHitsP } };
    log(
      `gig hits engine ${hitsE.join(",")} / postgres ${hitsP.join(",")}; talent hits engine ${tHitsE.join(",")} / postgres ${tHitsP.join(",")}`,
    );

    const runs = { runs: D.searchRuns, warmup: D.warmup, budgetMs: 60_000 };
    const pgRuns = { runs: D.pgRuns, warmup: 3, budgetMs: 60_000 };
    const eg = await measure(engineGig, runs);
    const pgg = await measure(pgGig, pgRuns);
    const et = await measure(engineTalent, runs);
    const pgt = await measure(pgTalent, pgRuns);
    const perShape = (samples: number[]) =>
      Array.from({ length: 10 }, (_, k) => round(summarise(samples.filter((_, j) => j % 10 === k)).p95));
    extra.searchP95ByShapeMs = {
      gigs: Object.fromEntries(gigQueries.map((x, k) => [JSON.stringify(x), perShape(eg.samples)[k]])),
      talent: Object.fromEntries(talentQueries.map((x, k) => [JSON.stringify(x), perShape(et.samples)[k]])),
    };
    const ratioG = pgg.p95 / eg.p95;
    const ratioT = pgt.p95 / et.p95;
    fig({
      figure: "Gig search (engine: text + 2 filters + 6 facets)",
      unit: "ms",
      median: eg.median,
      p95: eg.p95,
      target: "p95 < 20 ms",
      pass: eg.p95 < 20,
      notes: `${eg.n} queries after ${D.warmup} warm-up, 10 query shapes`,
    });
    fig({
      figure: "Gig search (PostgreSQL alone: to_tsvector + GROUP BY facets)",
      unit: "ms",
      median: pgg.median,
      p95: pgg.p95,
      target: "(baseline)",
      pass: null,
      notes: `${pgg.n} queries; no full-text index exists in the schema, so to_tsvector runs per row`,
    });
    fig({
      figure: "Gig search speed-up vs PostgreSQL (p95/p95)",
      unit: "x",
      median: pgg.median / eg.median,
      p95: ratioG,
      target: ">= 10x",
      pass: ratioG >= 10,
      notes: "median column = median/median",
    });
    fig({
      figure: "Talent search (engine: text + 3 filters + 6 facets)",
      unit: "ms",
      median: et.median,
      p95: et.p95,
      target: "p95 < 30 ms",
      pass: et.p95 < 30,
      notes: `${et.n} queries after ${D.warmup} warm-up; filters: language, min hours, task score >= 30`,
    });
    fig({
      figure: "Talent search (PostgreSQL alone: to_tsvector + GROUP BY facets)",
      unit: "ms",
      median: pgt.median,
      p95: pgt.p95,
      target: "(baseline)",
      pass: null,
      notes: `${pgt.n} queries; text over name/headline/bio only (the engine also searches credits)`,
    });
    fig({
      figure: "Talent search speed-up vs PostgreSQL (p95/p95)",
      unit: "x",
      median: pgt.median / et.median,
      p95: ratioT,
      target: ">= 10x",
      pass: ratioT >= 10,
      notes: "median column = median/median",
    });
  }

  // 3b. Matching + transfer ------------------------------------------------------------------
  setSearchRuntime({
    ready: true,
    recallPeople: (g, o) => recallPeopleWith(engine, g, o),
    recallGigs: (p, o) => recallGigsWith(engine, p, o),
  });
  const openGigs = await db().gig.findMany({
    where: { status: "OPEN", NOT: { taskTypes: { isEmpty: true } } },
    select: { id: true },
    orderBy: { id: "asc" },
    take: 50,
  });
  if (want("matching")) {
    const { gigCandidates } = await import("~/services/matching.server");
    const { recallPeopleSql } = await import("~/search/recall.server");
    const m = await measure((i) => gigCandidates(openGigs[i % openGigs.length].id, { viewerRole: "COORDINATOR" }), {
      runs: D.matchRuns,
      warmup: 10,
      budgetMs: 90_000,
    });
    const sample = await gigCandidates(openGigs[0].id, { viewerRole: "COORDINATOR" });
    fig({
      figure: "Matching: candidates for a gig (recall 400 + rank top 50)",
      unit: "ms",
      median: m.median,
      p95: m.p95,
      target: "p95 < 100 ms",
      pass: m.p95 < 100,
      notes: `${m.n} calls over ${openGigs.length} gigs, engine recall; sample returned ${sample.length}`,
    });
    const gigsFull = await db().gig.findMany({ where: { id: { in: openGigs.map((g) => g.id) } } });
    const rs = await measure((i) => recallPeopleSql(gigsFull[i % gigsFull.length], { limit: 400, labVisibleOnly: false }), {
      runs: Math.min(40, D.matchRuns),
      warmup: 3,
      budgetMs: 60_000,
    });
    fig({
      figure: "Matching recall, PostgreSQL-only fallback (recallPeopleSql)",
      unit: "ms",
      median: rs.median,
      p95: rs.p95,
      target: "(info)",
      pass: null,
      notes: `${rs.n} calls; recall step only`,
    });

    // Diagnostic: the same pipeline as gigCandidates, stage by stage (app code unchanged).
    const { rankCandidates } = await import("~/domain/matching");
    const { MATCH_LABELS, toMatchGig, loadCandidatePeople } = await import("~/services/matching.server");
    const stages: Record<string, number[]> = { gig: [], recall: [], load: [], rank: [] };
    const stageDeadline = Date.now() + 60_000;
    for (let i = 0; i < Math.min(30, gigsFull.length) && Date.now() < stageDeadline; i++) {
      let a = performance.now();
      const g = (await db().gig.findUnique({ where: { id: gigsFull[i].id } }))!;
      stages.gig.push(performance.now() - a);
      a = performance.now();
      const ids = await recallPeopleWith(engine, g, { limit: 400, labVisibleOnly: false });
      stages.recall.push(performance.now() - a);
      a = performance.now();
      const people = await loadCandidatePeople(ids, { labVisibleOnly: false, gigId: g.id });
      stages.load.push(performance.now() - a);
      a = performance.now();
      rankCandidates(people, toMatchGig(g), 50, MATCH_LABELS);
      stages.rank.push(performance.now() - a);
    }
    const breakdown = Object.fromEntries(
      Object.entries(stages).map(([k, v]) => [k, { median: round(summarise(v).median), p95: round(summarise(v).p95) }]),
    );
    extra.matchingBreakdownMs = breakdown;
    const b = (k: string) => breakdown[k].median;
    fig({
      figure: "Matching breakdown (diagnostic, median ms per call)",
      unit: "ms",
      median: b("gig") + b("recall") + b("load") + b("rank"),
      p95: null,
      target: "(info)",
      pass: null,
      notes: `gig row (Prisma) ${b("gig")}, recall 400 (engine) ${b("recall")}, load the recalled people + credit facts + application stage (one SQL query) ${b("load")}, rank (score all, reasons for the top 50) ${b("rank")}`,
    });
  }
  if (want("transfer")) {
    const { scoreTransfer } = await import("~/domain/transfer");
    const { activeRules, recomputeAll } = await import("~/services/transfer.server");
    const rules = await activeRules();
    const rows = await db().credit.findMany({ take: 40, orderBy: { id: "asc" } });
    const credits = rows.map((c) => ({
      id: c.id,
      showTitle: c.showTitle,
      format: c.format,
      genres: c.genres,
      role: c.role,
      startYear: c.startYear,
      endYear: c.endYear,
      episodes: c.episodes,
      verified: Boolean(c.verifiedAt),
    })) as never[];
    const year = new Date().getUTCFullYear();
    for (let i = 0; i < 500; i++) scoreTransfer(credits, rules, { currentYear: year });
    const us: number[] = [];
    const deadline = Date.now() + 20_000;
    for (let i = 0; i < 5000 && Date.now() < deadline; i++) {
      const a = performance.now();
      scoreTransfer(credits, rules, { currentYear: year });
      us.push((performance.now() - a) * 1000);
    }
    const s = summarise(us);
    fig({
      figure: "Transfer scoring: one 40-credit profile",
      unit: "µs",
      median: s.median,
      p95: s.p95,
      target: "(info)",
      pass: null,
      notes: `${s.n} runs, ${rules.length} active rules, ${credits.length} credits`,
    });
    const profilesTotal = await db().profile.count();
    const pbar = progressBar("Recompute all", profilesTotal);
    let done = 0;
    t0 = Date.now();
    let partial = false;
    try {
      await recomputeAll((d) => {
        done = d;
        pbar.update(d);
        if (Date.now() - t0 > D.recomputeBudgetMs) throw new Error("bench-budget");
      });
    } catch (e) {
      if ((e as Error).message !== "bench-budget") throw e;
      partial = true;
    }
    pbar.done(done);
    const secs = (Date.now() - t0) / 1000;
    fig({
      figure: "Transfer recompute (recomputeAll) throughput",
      unit: "profiles/s",
      median: done / secs,
      p95: null,
      target: "(info)",
      pass: null,
      notes: `${done}/${profilesTotal} profiles in ${secs.toFixed(1)} s${partial ? ` (stopped at the ${D.recomputeBudgetMs / 1000} s budget)` : ""}; read + score + write in 500-row transactions`,
    });
  }
  if (want("reminders")) {
    // SLA reminders over the whole dataset: the first sweep after start-up reminds every overdue
    // application (the bench data has many backdated ones); the next sweeps find nothing new,
    // which is what the app pays every SLA_REMINDER_INTERVAL_SECONDS.
    const { sendOverdueReminders } = await import("~/services/sla.server");
    const { loadSlaTable } = await import("~/services/sla.server");
    await loadSlaTable();
    let a = performance.now();
    const first = await sendOverdueReminders({ batchSize: 500 });
    const firstMs = performance.now() - a;
    fig({
      figure: "SLA reminders: first sweep over the dataset",
      unit: "ms",
      median: firstMs,
      p95: null,
      target: "(info)",
      pass: null,
      notes: `${first.reminded} overdue applications reminded (${Math.round(first.reminded / (firstMs / 1000))}/s), ${first.coordinators} coordinator digests; notifications, emails and audit entries written in 500-application transactions`,
    });
    const idle: number[] = [];
    for (let i = 0; i < 10; i++) {
      a = performance.now();
      const r = await sendOverdueReminders();
      idle.push(performance.now() - a);
      if (r.reminded !== 0) throw new Error(`a repeated sweep reminded ${r.reminded} applications again`);
    }
    const s = summarise(idle);
    fig({
      figure: "SLA reminders: a sweep with nothing new",
      unit: "ms",
      median: s.median,
      p95: s.p95,
      target: "(info)",
      pass: null,
      notes: `${s.n} sweeps, 0 reminders each (checked)`,
    });
  }
  setSearchRuntime(undefined);
  await engine.close();
  const { disconnectDb } = await import("~/db.server");
  await disconnectDb();
}

try {
  await main();
  save();
  await pgc.end();
  process.exit(0);
} catch (e) {
  console.error("[bench] in-process benchmarks failed:", e);
  save();
  await pgc.end().catch(() => {});
  process.exit(1);
}
