/**
 * Same pages from two builds (issue #21): serves build A and build B (e.g. a copy of the build before
 * a change, and the worktree's) on the data-pages dataset, fetches the same URLs from both as the same
 * people (documents and their single-fetch `.data`), and reports every difference after taking out
 * what differs between any two requests (CSP nonce, CSRF token, the clock, the engine's `tookMs`,
 * asset file hashes). Exit code 1 when a page differs.
 *
 *   npx tsx scripts/bench/page-diff.ts --a /tmp/base-build --b .cache/data-pages-build --pg-port 5732 [--urls FILE] [--out DIR]
 *
 * `--urls`: one "<role> <path>" a line (role: PROFESSIONAL, LAB_MEMBER, COORDINATOR, ADMIN or anon);
 * default: the search pages (text, typo, prefix, no words, filters, every sort, page 2, out of range).
 */
import { type ChildProcess, fork } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { decode } from "turbo-stream";
import { DEMO_ACCOUNTS } from "../../prisma/demo/accounts";
import { startEmbeddedPostgres } from "../lib/embedded-pg";
import { freePort } from "../lib/free-port";
import { ROOT } from "../lib/migrate";
import { logIn, servingUrl, benchServerEnv } from "./log-in";

const { values: args } = parseArgs({
  options: {
    a: { type: "string" },
    b: { type: "string" },
    size: { type: "string", default: "quick" },
    "pg-port": { type: "string" },
    urls: { type: "string" },
    out: { type: "string" },
    /**
     * Build A predates decision 0035 (search result items without `genres`, `languages` and with one
     * match reason): take those out of A's loader data before comparing, so everything else must match.
     */
    "trim-a-items": { type: "boolean", default: false },
  },
  strict: true,
});
if (!args.a || !args.b) throw new Error("--a and --b (build folders) are required");

const DEFAULT_URLS = [
  "/gigs?q=dialogue",
  "/gigs?q=dialogue&page=2",
  "/gigs?q=dialogue&sort=match",
  "/gigs?q=dialogue&sort=match&page=3",
  "/gigs?q=dialogue&sort=newest",
  "/gigs?q=dialogue&sort=pay",
  "/gigs?q=dialouge",
  "/gigs?q=dia",
  "/gigs?q=comedic+timing+sitcom",
  "/gigs",
  "/gigs?page=7",
  "/gigs?sort=match",
  "/gigs?q=dialogue&taskTypes=DIALOGUE_PREFERENCE_RANKING&taskTypes=COMEDIC_TIMING_EVAL",
  "/gigs?modality=VIDEO&languages=en&payBand=unknown",
  "/gigs?q=dialogue&hoursBand=flexible&genres=COMEDY",
  "/gigs?q=zzzzqqq",
  "/gigs?q=dialogue&page=500",
  "/gigs?q=%3Cscript%3E&sort=evil&taskTypes=NOPE",
];
const lines = args.urls
  ? readFileSync(args.urls, "utf8")
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith("#"))
  : [
      ...DEFAULT_URLS.map((u) => `PROFESSIONAL ${u}`),
      ...DEFAULT_URLS.slice(0, 4).map((u) => `anon ${u}`),
      ...DEFAULT_URLS.slice(0, 2).map((u) => `COORDINATOR ${u}`),
    ];

const children = new Set<ChildProcess>();
const dir = path.join(ROOT, ".cache", `data-pages-${args.size}`);
const pgPort = Number(args["pg-port"] ?? process.env.PG_PORT ?? (await freePort()));
const pgServer = await startEmbeddedPostgres({ dir, port: pgPort, persistent: true });
const url = pgServer.url("pages");

async function serve(buildDir: string) {
  const port = await freePort();
  const env = benchServerEnv({ url, buildDir: path.resolve(buildDir), port });
  const server = fork(path.join(ROOT, "tests/setup/child-server.ts"), [], {
    cwd: ROOT,
    env,
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  children.add(server);
  const base = await servingUrl(server);
  const cookies = new Map<string, string>([["anon", ""]]);
  for (const role of new Set(lines.map((l) => l.split(" ")[0]))) {
    if (role === "anon") continue;
    const email = DEMO_ACCOUNTS.find((a) => a.role === role)?.email;
    if (!email) throw new Error(`no demo account for ${role}`);
    cookies.set(role, (await logIn(base, email)).cookie);
  }
  return { server, base, cookies };
}

/**
 * What differs between two requests to the same server, taken out: the nonce, the CSRF token, the
 * clock, asset hashes, and the engine's `tookMs` (a number, which turbo-stream may also write as a
 * reference to an equal value seen before, shifting every later index). So a document is compared
 * without its inline loader-data stream, and a `.data` response as the value it decodes to.
 */
function normaliseHtml(text: string): string {
  return text
    .replace(/nonce="[^"]*"/g, 'nonce="N"')
    .replace(/name="_csrf" value="[^"]*"/g, 'name="_csrf" value="T"')
    .replace(/streamController\.enqueue\("(?:[^"\\]|\\.)*"\)/g, "streamController.enqueue(STREAM)")
    .replace(/-[A-Za-z0-9_-]{8}\.(js|css)/g, "-H.$1");
}

type Item = { genres?: unknown; languages?: unknown; match?: { reasons: string[] } | null };

async function normaliseData(body: string, trimItems: boolean): Promise<string> {
  const decoded = await decode(new Response(body).body as ReadableStream<Uint8Array>);
  await decoded.done;
  const value = decoded.value as Record<string, { data?: { results?: { items?: Item[] } | null } }>;
  if (trimItems)
    for (const item of value["routes/site/gigs._index"]?.data?.results?.items ?? []) {
      delete item.genres;
      delete item.languages;
      if (item.match) item.match.reasons = item.match.reasons.slice(0, 1);
    }
  return JSON.stringify(
    value,
    (k, v) => (k === "tookMs" || k === "now" || k === "csrf" ? "X" : v instanceof Date ? { date: v.toISOString() } : v),
    1,
  );
}

const out = args.out ? path.resolve(args.out) : undefined;
let differing = 0;
try {
  const [A, B] = [await serve(args.a), await serve(args.b)];
  const sizes: string[] = [];
  for (const line of lines) {
    const [role, p] = line.split(" ");
    const [pathname, query] = p.split("?");
    const dataPath = `${pathname}.data${query ? `?${query}` : ""}`;
    for (const target of [p, dataPath]) {
      const get = async (s: typeof A, trim = false) => {
        const r = await fetch(s.base + target, { headers: { cookie: s.cookies.get(role) ?? "" }, redirect: "manual" });
        const text = await r.text();
        return {
          status: r.status,
          bytes: Buffer.byteLength(text),
          body: target === p ? normaliseHtml(text) : await normaliseData(text, trim),
        };
      };
      const [a, b] = [await get(A, args["trim-a-items"]), await get(B)];
      sizes.push(`${role} ${target}: ${a.status} ${a.bytes} -> ${b.status} ${b.bytes} bytes`);
      if (a.status !== b.status || a.body !== b.body) {
        differing++;
        console.log(`DIFFERS ${role} ${target} (${a.status} vs ${b.status})`);
        if (out) {
          mkdirSync(out, { recursive: true });
          const name = `${role}-${target}`.replace(/[^A-Za-z0-9_.-]+/g, "_");
          writeFileSync(path.join(out, `${name}.a.txt`), a.body.replace(/></g, ">\n<").replace(/\\",/g, '\\",\n'));
          writeFileSync(path.join(out, `${name}.b.txt`), b.body.replace(/></g, ">\n<").replace(/\\",/g, '\\",\n'));
        }
      }
    }
  }
  console.log(sizes.join("\n"));
  console.log(differing ? `${differing} of ${lines.length * 2} responses differ` : `all ${lines.length * 2} responses are the same`);
  for (const s of [A, B]) {
    const exited = new Promise((r) => s.server.once("exit", r));
    s.server.kill("SIGTERM");
    await exited;
  }
} catch (e) {
  console.error(e);
  differing = differing || 1;
} finally {
  for (const c of children) if (c.exitCode == null) c.kill("SIGKILL");
  await pgServer.stop();
}
process.exit(differing ? 1 : 0);
