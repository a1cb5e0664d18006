/**
 * In-process A/B benchmark of two versions of the embedded search engine (issue 25: "benchmark
 * before and after, no regression"). Both versions are loaded into ONE node process, built from the
 * same synthetic people (seeded, deterministic), and searched alternately: every measured pair runs
 * the same query on A and on B back to back, in a random order (A first or B first by coin flip), and
 * the queries themselves are shuffled each round. So both see the same machine load, the same GC
 * heap and the same shared modules (engine.server.ts, text.ts are loaded once, from this worktree).
 *
 * A version is one of:
 *   git:<ref>   app/search/embedded.server.ts and app/search/embedded/** as of <ref> (e.g. git:main,
 *               git:98932b4), written to a temporary folder at run time (never committed as code);
 *   worktree    the same files as they are in this working tree now;
 *   dir:<path>  embedded.server.ts and embedded/** under <path> (a folder laid out like app/search),
 *               for trying a variant without committing it.
 * Each version gets its own copy on disk, so `--a git:main --b git:main` (the A/A check) loads two
 * distinct module instances of the same code: its spread is the harness's noise.
 *
 *   node --expose-gc --import tsx scripts/bench/engine-ab.ts [--a git:main] [--b worktree]
 *        [--docs 30000] [--rounds 5] [--reps 10] [--warmup 3] [--seed 1] [--json out.json]
 *
 * Every pair is also checked for identical results (ids in order, total, facets), so a faster but
 * different engine cannot pass. Reported per engine: median and p95 of wall ms and of process CPU ms
 * per search (CPU excludes time the process was not running, which matters on a shared box), per
 * round and overall, and the paired ratio B/A (median over pairs, and the 25th-75th percentile); and the
 * build: both indexes are filled in alternating 1,000-document chunks, CPU ms summed per engine, with the
 * median paired chunk ratio B/A.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { FORMAT_KEYS, GENRE_KEYS, TASK_TYPE_KEYS } from "~/domain/taxonomy";
import type { Filter, SearchEngine, SearchQuery, SearchResult } from "~/search/engine.server";
import { PEOPLE_INDEX, peopleIndex, scoreField } from "~/search/indexes";
import { machine, percentile, round } from "./stats";

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const A = opt("a", "git:main");
const B = opt("b", "worktree");
const DOCS = Number(opt("docs", "30000"));
const ROUNDS = Number(opt("rounds", "5"));
const REPS = Number(opt("reps", "10"));
const WARMUP = Number(opt("warmup", "3"));
const SEED = Number(opt("seed", "1"));
const JSON_OUT = opt("json", "");

const ROOT = path.resolve(import.meta.dirname, "../..");
const SEARCH_DIR = path.join(ROOT, "app/search");
/** The engine's own files, relative to app/search: the facade and everything under embedded/. */
const isEngineFile = (rel: string) => rel === "embedded.server.ts" || (rel.startsWith("embedded/") && rel.endsWith(".ts"));

// ---------------------------------------------------------------------------------------------
// loading a version

function engineFiles(version: string): Map<string, string> {
  const files = new Map<string, string>();
  if (version === "worktree" || version.startsWith("dir:")) {
    const base = version === "worktree" ? SEARCH_DIR : path.resolve(version.slice(4));
    files.set("embedded.server.ts", readFileSync(path.join(base, "embedded.server.ts"), "utf8"));
    const dir = path.join(base, "embedded");
    const walk = (d: string) => {
      for (const name of readdirSync(d)) {
        const full = path.join(d, name);
        if (statSync(full).isDirectory()) walk(full);
        else {
          const rel = path.relative(base, full);
          if (isEngineFile(rel)) files.set(rel, readFileSync(full, "utf8"));
        }
      }
    };
    try {
      walk(dir);
    } catch {
      // no embedded/ folder in this version
    }
    return files;
  }
  if (!version.startsWith("git:")) throw new Error(`unknown version "${version}" (git:<ref>, dir:<path> or worktree)`);
  const ref = version.slice(4);
  const listed = execFileSync("git", ["ls-tree", "-r", "--name-only", ref, "--", "app/search/embedded.server.ts", "app/search/embedded"], {
    cwd: ROOT,
    encoding: "utf8",
  })
    .split("\n")
    .filter(Boolean);
  for (const p of listed) {
    const rel = path.relative("app/search", p);
    if (isEngineFile(rel))
      files.set(rel, execFileSync("git", ["show", `${ref}:${p}`], { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 26 }));
  }
  if (!files.has("embedded.server.ts")) throw new Error(`${version}: no app/search/embedded.server.ts`);
  return files;
}

/**
 * Writes a version's files to `dir` (same layout as app/search) and points every import that leaves
 * the engine (./engine.server, ./text, ~/...) at this worktree's file, so shared modules load once.
 */
function materialise(files: Map<string, string>, dir: string) {
  for (const [rel, source] of files) {
    const fromDir = path.dirname(path.join(SEARCH_DIR, rel));
    const rewritten = source.replace(/(from\s+|import\s*\(\s*)(["'])([^"']+)\2/g, (all, lead: string, q: string, spec: string) => {
      let target: string | null = null;
      if (spec.startsWith("~/")) target = path.join(ROOT, "app", spec.slice(2));
      else if (spec.startsWith(".")) {
        const resolved = path.resolve(fromDir, spec);
        const relToSearch = path.relative(SEARCH_DIR, resolved);
        const inside = [...files.keys()].some(
          (f) => f.replace(/\.ts$/, "") === relToSearch || f === relToSearch || f === `${relToSearch}/index.ts`,
        );
        if (!inside) target = resolved;
      }
      return target ? `${lead}${q}${target}${q}` : all;
    });
    const out = path.join(dir, rel);
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, rewritten);
  }
}

async function load(version: string, label: string, tmp: string): Promise<SearchEngine> {
  const dir = path.join(tmp, label);
  materialise(engineFiles(version), dir);
  const mod = (await import(pathToFileURL(path.join(dir, "embedded.server.ts")).href)) as { createEmbeddedEngine(): SearchEngine };
  return mod.createEmbeddedEngine();
}

// ---------------------------------------------------------------------------------------------
// data and queries

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = [
  "Ana",
  "Ben",
  "Chloe",
  "Dev",
  "Eli",
  "Fatima",
  "Gus",
  "Hana",
  "Ivan",
  "Jo",
  "Kemi",
  "Luis",
  "Mara",
  "Nils",
  "Omar",
  "Pia",
  "Quinn",
  "Rosa",
  "Sam",
  "Tara",
];
const LAST = [
  "Abbott",
  "Baker",
  "Castro",
  "Diaz",
  "Evans",
  "Fox",
  "Garcia",
  "Hughes",
  "Ito",
  "Jones",
  "Khan",
  "Lopez",
  "Moreau",
  "Novak",
  "Okafor",
  "Price",
  "Reyes",
  "Silva",
  "Tanaka",
  "Vega",
];
const ROLE_WORDS = [
  "writer",
  "editor",
  "producer",
  "director",
  "showrunner",
  "cinematographer",
  "casting",
  "script",
  "story",
  "camera",
  "comedy",
  "drama",
  "sitcom",
  "reality",
  "documentary",
  "assistant",
  "coordinator",
  "supervisor",
  "animation",
  "sound",
];
const BIO_WORDS = [
  "years",
  "network",
  "series",
  "feature",
  "pilot",
  "episodes",
  "writers",
  "room",
  "notes",
  "dialogue",
  "timing",
  "review",
  "storyboards",
  "continuity",
  "budget",
  "schedule",
  "post",
  "production",
  "comedic",
  "stories",
  "unscripted",
  "multi",
  "camera",
  "shot",
  "list",
  "festival",
  "streaming",
  "broadcast",
  "late",
  "night",
];
const LANGS = ["en", "es", "fr", "de", "pt", "it", "ja", "ko", "zh", "hi"];
const DEPTS = ["writing", "editing", "production", "camera", "sound", "casting", "art", "post"];

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)];
}
function some<T>(r: () => number, xs: readonly T[], max: number): T[] {
  const n = 1 + Math.floor(r() * max);
  const out = new Set<T>();
  for (let i = 0; i < n; i++) out.add(pick(r, xs));
  return [...out];
}
function words(r: () => number, xs: readonly string[], n: number): string {
  return Array.from({ length: n }, () => pick(r, xs)).join(" ");
}

function people(n: number, seed: number): Record<string, unknown>[] {
  const r = rng(seed);
  const docs: Record<string, unknown>[] = [];
  for (let i = 0; i < n; i++) {
    const scores: Record<string, number> = {};
    let best = 0;
    for (const k of TASK_TYPE_KEYS) {
      if (r() < 0.6) {
        const v = Math.floor(r() * 100);
        scores[scoreField(k)] = v;
        best = Math.max(best, v);
      }
    }
    docs.push({
      id: `p_${String(i).padStart(6, "0")}`,
      displayName: `${pick(r, FIRST)} ${pick(r, LAST)}`,
      headline: words(r, ROLE_WORDS, 3 + Math.floor(r() * 4)),
      creditText: Array.from({ length: 1 + Math.floor(r() * 4) }, () => words(r, [...ROLE_WORDS, ...BIO_WORDS], 4)).join(" · "),
      bio: words(r, [...BIO_WORDS, ...ROLE_WORDS], 20 + Math.floor(r() * 40)),
      topTasks: some(r, TASK_TYPE_KEYS, 3),
      languages: some(r, LANGS, 3),
      formats: some(r, FORMAT_KEYS, 3),
      genres: some(r, GENRE_KEYS, 4),
      departments: some(r, DEPTS, 2),
      visibility: r() < 0.9 ? "PUBLIC" : "LABS_ONLY",
      hoursPerWeek: 5 + Math.floor(r() * 36),
      minRateCents: 1500 + Math.floor(r() * 10000),
      timezoneOffset: Math.floor(r() * 24) - 12,
      verifiedCredits: Math.floor(r() * 8),
      hasVerified: r() < 0.5,
      totalEpisodes: Math.floor(r() * 300),
      bestScore: best,
      ...scores,
    });
  }
  return docs;
}

/** 20 talent-search shapes: text (words, a prefix, a typo, a synonym) or none, two filters, six facets, highlight, sort. */
function queries(): SearchQuery[] {
  const texts = [
    "writer",
    "editor",
    "comedy",
    "producer",
    "story",
    "camera",
    "showrunner",
    "dp",
    "writr",
    "edit",
    "script doctor",
    "drama",
    "",
    "",
    "",
    "",
    "casting",
    "sitcom",
    "stor",
    "late night",
  ];
  const facets = ["topTasks", "languages", "formats", "genres", "departments", "hasVerified"];
  return texts.map((q, i) => {
    const filters: Filter[] = [
      { field: "languages", op: "all", values: [LANGS[i % 4]] },
      { field: "hoursPerWeek", op: "range", gte: [5, 10, 15, 20][i % 4] },
    ];
    if (i % 5 === 0) filters.push({ field: scoreField(TASK_TYPE_KEYS[(i * 3) % TASK_TYPE_KEYS.length]), op: "range", gte: 30 });
    const sort = q === "" || i % 3 === 0 ? { field: i % 2 === 0 ? "bestScore" : "verifiedCredits", direction: "desc" as const } : undefined;
    return { q, filters, facets, page: 1 + (i % 2), perPage: 20, highlight: ["headline"], ...(sort ? { sort } : {}) };
  });
}

// ---------------------------------------------------------------------------------------------
// run

const sameResult = (x: SearchResult<unknown>, y: SearchResult<unknown>) =>
  x.total === y.total &&
  x.hits.length === y.hits.length &&
  x.hits.every((h, i) => h.id === y.hits[i].id && JSON.stringify(h.highlights) === JSON.stringify(y.hits[i].highlights)) &&
  JSON.stringify(x.facets) === JSON.stringify(y.facets);

interface Timing {
  wall: number;
  cpu: number;
}
async function timed(engine: SearchEngine, q: SearchQuery): Promise<{ t: Timing; r: SearchResult<unknown> }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await engine.search(PEOPLE_INDEX, q);
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { t: { wall, cpu: (c.user + c.system) / 1000 }, r };
}

const stat = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: round(percentile(s, 50), 3), p95: round(percentile(s, 95), 3), n: s.length };
};

async function main() {
  const tmp = mkdtempSync(path.join(os.tmpdir(), "engine-ab-"));
  const loadStart = os.loadavg();
  try {
    const a = await load(A, "a", tmp);
    const b = await load(B, "b", tmp);
    const docs = people(DOCS, SEED);
    // Built in alternating chunks of 1,000 documents (A or B first by coin flip), so both builds
    // see the same load; CPU ms per chunk, summed per engine, and the paired chunk ratio B/A.
    const buildCpu = { a: 0, b: 0 };
    const buildRatios: number[] = [];
    await a.ensureIndexes([peopleIndex]);
    await b.ensureIndexes([peopleIndex]);
    const br = rng(SEED * 104729);
    const upsertCpu = async (engine: SearchEngine, chunk: Record<string, unknown>[]) => {
      const c0 = process.cpuUsage();
      await engine.upsert(PEOPLE_INDEX, chunk);
      const c = process.cpuUsage(c0);
      return (c.user + c.system) / 1000;
    };
    for (let i = 0; i < docs.length; i += 1000) {
      const ca = structuredClone(docs.slice(i, i + 1000));
      const cb = structuredClone(docs.slice(i, i + 1000));
      let ta: number;
      let tb: number;
      if (br() < 0.5) {
        ta = await upsertCpu(a, ca);
        tb = await upsertCpu(b, cb);
      } else {
        tb = await upsertCpu(b, cb);
        ta = await upsertCpu(a, ca);
      }
      buildCpu.a += ta;
      buildCpu.b += tb;
      if (ta > 0 && tb > 0) buildRatios.push(tb / ta);
    }
    const buildMs = { a: round(buildCpu.a, 0), b: round(buildCpu.b, 0) };
    const sortedBuild = [...buildRatios].sort((x, y) => x - y);
    const buildPairedRatio = round(percentile(sortedBuild, 50), 3);
    const qs = queries();
    const r = rng(SEED * 7919);
    for (let w = 0; w < WARMUP; w++) {
      for (const q of qs) {
        const x = await a.search(PEOPLE_INDEX, q);
        const y = await b.search(PEOPLE_INDEX, q);
        if (!sameResult(x, y)) throw new Error(`A and B differ on ${JSON.stringify(q)}`);
      }
    }
    const all = { a: [] as Timing[], b: [] as Timing[] };
    const ratios: number[] = [];
    const cpuRatios: number[] = [];
    const perQuery = qs.map(() => ({ a: [] as number[], b: [] as number[] }));
    const perRound: {
      a: ReturnType<typeof stat>;
      b: ReturnType<typeof stat>;
      aCpu: ReturnType<typeof stat>;
      bCpu: ReturnType<typeof stat>;
    }[] = [];
    for (let round_ = 0; round_ < ROUNDS; round_++) {
      global.gc?.();
      const ra: Timing[] = [];
      const rb: Timing[] = [];
      for (let rep = 0; rep < REPS; rep++) {
        const order = qs.map((_, i) => i);
        for (let i = order.length - 1; i > 0; i--) {
          const j = Math.floor(r() * (i + 1));
          [order[i], order[j]] = [order[j], order[i]];
        }
        for (const qi of order) {
          const aFirst = r() < 0.5;
          const first = await timed(aFirst ? a : b, qs[qi]);
          const second = await timed(aFirst ? b : a, qs[qi]);
          const ta = aFirst ? first.t : second.t;
          const tb = aFirst ? second.t : first.t;
          if (!sameResult(first.r, second.r)) throw new Error(`A and B differ on ${JSON.stringify(qs[qi])}`);
          ra.push(ta);
          rb.push(tb);
          perQuery[qi].a.push(ta.cpu);
          perQuery[qi].b.push(tb.cpu);
          ratios.push(tb.wall / ta.wall);
          if (ta.cpu > 0 && tb.cpu > 0) cpuRatios.push(tb.cpu / ta.cpu);
        }
      }
      const s = {
        a: stat(ra.map((t) => t.wall)),
        b: stat(rb.map((t) => t.wall)),
        aCpu: stat(ra.map((t) => t.cpu)),
        bCpu: stat(rb.map((t) => t.cpu)),
      };
      perRound.push(s);
      console.log(
        `round ${round_ + 1}/${ROUNDS}: wall median A ${s.a.median} B ${s.b.median} ms (p95 ${s.a.p95} / ${s.b.p95}); cpu median A ${s.aCpu.median} B ${s.bCpu.median} ms  load ${os
          .loadavg()
          .map((x) => x.toFixed(2))
          .join(" ")}`,
      );
      all.a.push(...ra);
      all.b.push(...rb);
    }
    const sortedRatios = [...ratios].sort((x, y) => x - y);
    const sortedCpu = [...cpuRatios].sort((x, y) => x - y);
    const summary = {
      a: A,
      b: B,
      docs: DOCS,
      queries: qs.length,
      pairs: ratios.length,
      buildCpuMs: buildMs,
      buildPairedRatioCpu: buildPairedRatio,
      wall: { a: stat(all.a.map((t) => t.wall)), b: stat(all.b.map((t) => t.wall)) },
      cpu: { a: stat(all.a.map((t) => t.cpu)), b: stat(all.b.map((t) => t.cpu)) },
      pairedRatioWall: {
        median: round(percentile(sortedRatios, 50), 3),
        p25: round(percentile(sortedRatios, 25), 3),
        p75: round(percentile(sortedRatios, 75), 3),
      },
      pairedRatioCpu: {
        median: round(percentile(sortedCpu, 50), 3),
        p25: round(percentile(sortedCpu, 25), 3),
        p75: round(percentile(sortedCpu, 75), 3),
      },
      perQueryCpu: qs.map((q, i) => ({
        q: q.q,
        sort: q.sort?.field ?? "relevance",
        a: stat(perQuery[i].a).median,
        b: stat(perQuery[i].b).median,
        ratio: round(stat(perQuery[i].b).median / stat(perQuery[i].a).median, 3),
      })),
      roundMedianRatios: perRound.map((s) => round(s.b.median / s.a.median, 3)),
      loadavg: { start: loadStart.map((x) => round(x)), end: os.loadavg().map((x) => round(x)) },
      machine: machine(),
    };
    console.log(
      `A ${A} vs B ${B}: wall median ${summary.wall.a.median} vs ${summary.wall.b.median} ms (p95 ${summary.wall.a.p95} vs ${summary.wall.b.p95}); cpu median ${summary.cpu.a.median} vs ${summary.cpu.b.median} ms; paired B/A wall ${summary.pairedRatioWall.median} [${summary.pairedRatioWall.p25}-${summary.pairedRatioWall.p75}], cpu ${summary.pairedRatioCpu.median}; round ratios ${summary.roundMedianRatios.join(" ")}; build CPU ${buildMs.a} / ${buildMs.b} ms (paired chunk B/A ${buildPairedRatio}); load ${summary.loadavg.start.join(" ")} -> ${summary.loadavg.end.join(" ")}`,
    );
    if (args.includes("--per-query"))
      for (const x of summary.perQueryCpu)
        console.log(`  ${JSON.stringify(x.q).padEnd(16)} ${x.sort.padEnd(16)} cpu median A ${x.a} B ${x.b} ms  B/A ${x.ratio}`);
    if (JSON_OUT) writeFileSync(JSON_OUT, JSON.stringify(summary, null, 2));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
