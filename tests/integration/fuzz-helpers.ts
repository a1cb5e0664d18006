/**
 * Shared by the form and API fuzzers: malformed-value generators (fast-check), database
 * snapshots (row checksums scoped to what one endpoint may touch), and response checks.
 */
import fc from "fast-check";
import pg from "pg";
import { Agent, setGlobalDispatcher } from "undici";

// ---------------------------------------------------------------------------------- seeds

/**
 * A fixed default seed keeps runs reproducible (and CI stable); FUZZ_SEED=<n> explores other
 * payloads or replays a reported run. The seed is printed at the start of each suite.
 */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20_261_124);
/** Payloads per endpoint (the Reliability issue asks for at least 500). */
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 500);

// ---------------------------------------------------------------------------------- junk values

export const SQLI = [
  `'; DROP TABLE "User";--`,
  `' OR '1'='1`,
  `' OR 1=1--`,
  `1; SELECT pg_sleep(3);--`,
  `admin'--`,
  `') OR ('x'='x`,
  `1 UNION SELECT "passwordHash" FROM "User"--`,
  `%' AND 1=0 UNION SELECT NULL--`,
  `\\'; DROP TABLE "Gig"; --`,
  "$1",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, literally.
  "${7*7}",
  "%s%s%s%n",
];

export const XSS = [
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  `"><svg/onload=alert(1)>`,
  "javascript:alert(1)",
  "</textarea><script>alert(1)</script>",
  `<iframe src="javascript:alert(1)"></iframe>`,
  "[click](javascript:alert(1))",
  `<a href="javascript:alert(1)">x</a>`,
  "{{constructor.constructor('alert(1)')()}}",
  "'-alert(1)-'",
  "</script><script>alert(1)</script>",
  "<!--<script>alert(1)//-->",
];

export const UNICODE = [
  "😀🎬🍿",
  "👩‍👩‍👧‍👦",
  "\u202Egnp.exe\u202C",
  "مرحبا بالعالم",
  "שלום עולם",
  "a\u0000b",
  "\u0000",
  "\uD800",
  "\uDFFF",
  "x\uD83Dy",
  "e\u0301\u0302\u0303\u0304\u0305",
  "Z\u0351\u0352\u0353\u0354\u0355\u0356\u0357\u0358",
  "\uFEFFbom",
  "zero\u200Bwidth",
  "𝕿𝖍𝖊 𝕺𝖋𝖋𝖎𝖈𝖊",
  "ｆｕｌｌｗｉｄｔｈ",
  "\r\n\t\v\f",
  "line\u2028sep\u2029",
  "İstanbul ß ǅ",
  "\u0085",
  "\u00A0nbsp\u00A0",
  "  padded  ",
  "",
  " ",
];

export const NUMBERS = [
  "1e308",
  "-1e308",
  "1e309",
  "-1",
  "0",
  "-0",
  "NaN",
  "Infinity",
  "-Infinity",
  "9007199254740993",
  "99999999999999999999999",
  "0x1F",
  "1,000",
  "1_000",
  "١٢٣",
  "3.14159265358979323846",
  "1e-400",
  "00012",
  "+5",
  " 7 ",
  "2147483648",
  "-2147483649",
  "12.345",
];

export const DATES = [
  "2023-02-30",
  "2023-02-29",
  "2024-02-30",
  "0000-00-00",
  "0000-01-01",
  "9999-12-31",
  "10000-01-01",
  "2024-13-01",
  "2024-00-10",
  "1970-01-01",
  "1899-12-31",
  "not-a-date",
  "2024-02-29T25:61:00Z",
  "+275760-09-13",
  "-000001-01-01",
  "2024/01/01",
  "01/02/2024",
  "2024-1-1",
];

export const MISC = [
  "true",
  "false",
  "null",
  "undefined",
  "on",
  "off",
  "[]",
  "{}",
  "[object Object]",
  "__proto__",
  "constructor",
  "../../etc/passwd",
  "%00",
  "%",
  "&",
  "=",
  "a=b&c=d",
];

/** 100k-character strings (built once). */
export const HUGE = [
  "A".repeat(100_000),
  "<script>alert(1)</script>".repeat(4_000),
  "😀".repeat(50_000),
  `'; DROP TABLE "User";--`.repeat(4_000),
  "e\u0301".repeat(50_000),
];

/**
 * One of each nasty class, in priority order: every field of every endpoint gets these
 * deterministically (on top of the random payloads).
 */
export const EDGE_VALUES = [
  "a\u0000b",
  HUGE[0],
  SQLI[0],
  XSS[1],
  "0000-01-01",
  XSS[0],
  "\uD800x",
  "1e308",
  "-1",
  "NaN",
  "2023-02-30",
  "\u202Egnp.exe",
  "e\u0301\u0302\u0303",
];

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));

/** A malformed (or suspicious) form value. */
export const junkString: fc.Arbitrary<string> = fc.oneof(
  { weight: 48, arbitrary: fc.constantFrom(...SQLI, ...XSS, ...UNICODE, ...NUMBERS, ...DATES, ...MISC) },
  { weight: 16, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 8, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 8, arbitrary: fc.integer({ min: -2_000_000_000, max: 2_000_000_000 }).map(String) },
  { weight: 8, arbitrary: fc.double().map(String) },
  {
    weight: 4,
    arbitrary: fc.date({ noInvalidDate: false }).map((d) => (Number.isNaN(d.getTime()) ? "Invalid Date" : d.toISOString().slice(0, 10))),
  },
  { weight: 4, arbitrary: fc.tuple(fc.string({ maxLength: 5 }), loneSurrogate, fc.string({ maxLength: 5 })).map((p) => p.join("")) },
  {
    weight: 6,
    arbitrary: fc
      .tuple(fc.constantFrom(...SQLI, ...XSS, ...UNICODE), fc.constantFrom(...XSS, ...UNICODE, ...NUMBERS))
      .map(([a, b]) => a + b),
  },
  { weight: 2, arbitrary: fc.nat({ max: 3000 }).map((n) => "x".repeat(n)) },
  { weight: 1, arbitrary: fc.constantFrom(...HUGE) },
);

/** Field names nobody expects. */
export const junkFieldName = fc.constantFrom(
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "a[b][c]",
  "intent[]",
  "user[role]",
  "role",
  "labId",
  "profileId",
  "userId",
  "id",
  "status",
  "",
  "\u0000",
  "😀",
  "x".repeat(5000),
);

// ---------------------------------------------------------------------------------- JSON junk

/** Scalars of the wrong type or range for JSON bodies. */
export const junkJsonScalar: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 10, arbitrary: junkString },
  { weight: 3, arbitrary: fc.double() },
  {
    weight: 3,
    arbitrary: fc.constantFrom(1e308, -1e308, -1, 0, -0, 2 ** 53 + 1, Number.MAX_SAFE_INTEGER, Number.MIN_VALUE, 0.1 + 0.2, 1e-320),
  },
  { weight: 3, arbitrary: fc.integer() },
  { weight: 2, arbitrary: fc.boolean() },
  { weight: 2, arbitrary: fc.constant(null) },
);

/** Nested junk: objects and arrays where scalars are expected, a few levels deep. */
export const junkJson: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    { weight: 6, arbitrary: junkJsonScalar },
    { weight: 1, arbitrary: fc.array(tie("value"), { maxLength: 4 }) },
    { weight: 1, arbitrary: fc.dictionary(fc.oneof(fc.string({ maxLength: 8 }), junkFieldName), tie("value"), { maxKeys: 4 }) },
  ),
})).value;

// ---------------------------------------------------------------------------------- snapshots

/** Columns that change without a write by the request under test (timestamps, derived data). */
const VOLATILE = ["updatedAt", "lastSeenAt", "lastUsedAt", "transferScores", "transferComputedAt"];

/** SQL literal for ids we created ourselves. */
export const lit = (v: string) => `'${v.replace(/'/g, "''")}'`;
export const litList = (vs: readonly string[]) => (vs.length ? vs.map(lit).join(",") : "NULL");

/** One part of a snapshot: a checksum of the rows of `table` matching `where`. */
export function rowsOf(table: string, where: string): string {
  const drop = `ARRAY[${VOLATILE.map(lit).join(",")}]::text[]`;
  return `(SELECT '${table}:' || count(*) || ':' || md5(coalesce(string_agg((to_jsonb(t) - ${drop})::text, '|' ORDER BY t.id), '')) FROM "${table}" t WHERE ${where})`;
}

// Snapshots go through a small pool of plain `pg` connections of their own: cheaper than Prisma
// (the app server shares this process) and never competing with the app for its pool.
let snapshotPool: pg.Pool | undefined;

export async function closeSnapshots() {
  await snapshotPool?.end();
  snapshotPool = undefined;
}

/** A single query returning a checksum of every part. */
export async function snapshot(parts: readonly string[]): Promise<string> {
  if (parts.length === 0) return "";
  if (!snapshotPool) {
    snapshotPool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
    snapshotPool.on("error", () => {}); // the test database is dropped at the end
  }
  const res = await snapshotPool.query<{ h: string }>(`SELECT concat_ws(' ', ${parts.join(", ")}) AS h`);
  return res.rows[0].h;
}

/** Elements with an inline event handler attribute (quoted attribute values are text, not markup). */
export function inlineHandlers(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<[a-zA-Z][^>]*>/g)) {
    const bare = m[0].replace(/"[^"]*"|'[^']*'/g, '""');
    if (/\son[a-z]+\s*=/i.test(bare)) out.push(m[0].slice(0, 120));
  }
  return out;
}

// ---------------------------------------------------------------------------------- checks

/** Signs that an error's internals reached the client. */
const INTERNALS = [/node_modules\//, /\/work\/main\//, /PrismaClient\w*Error/, /Invalid `prisma\./, /\n\s+at [\w$.<>]+ \(/, /"stack"\s*:/];

export function internalsIn(body: string): string | null {
  for (const re of INTERNALS) if (re.test(body)) return re.source;
  return null;
}

/** XSS payloads (with markup) that came back verbatim in an HTML page. */
export function reflectedXss(html: string, sent: readonly string[]): string[] {
  const found = new Set<string>();
  for (const payload of XSS) {
    if (!payload.includes("<")) continue;
    if (sent.some((s) => s.includes(payload)) && html.includes(payload)) found.add(payload);
  }
  // Any element with an inline event handler is a script running from markup.
  for (const tag of inlineHandlers(html)) found.add(tag);
  return [...found];
}

export const randomIp = () =>
  `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;

/** Short, printable description of a payload for failure messages. */
export function describeValue(v: unknown): string {
  const s = typeof v === "string" ? v : (JSON.stringify(v) ?? String(v));
  const shown = s.length > 60 ? `${s.slice(0, 60)}…(${s.length} chars)` : s;
  return JSON.stringify(shown);
}

export interface Failure {
  payload: string;
  status: number;
  problem: string;
  body: string;
}

const KINDS: [string, RegExp][] = [
  ["NUL", /\\u0000|%00/],
  ["year 0", /0000-01-01|MDAwMC0wMS0wM/],
  ["lone surrogate", /\\ud[89ab][0-9a-f]{2}(?!\\ud[c-f])|\\ud[c-f][0-9a-f]{2}|%ED%[AB]/i],
  ["bad percent-encoding", /%(?![0-9A-F]{2})|%E0%A4%A(?![0-9A-F])|%C0%AF/i],
  ["100k string", /\(\d{5,} chars\)/],
];

function inputKind(payload: string): string {
  return KINDS.find(([, re]) => re.test(payload))?.[0] ?? "other";
}

export function summarize(name: string, sent: number, failures: Failure[], counts: Record<string, number>) {
  const byProblem = new Map<string, Failure[]>();
  for (const f of failures) byProblem.set(f.problem, [...(byProblem.get(f.problem) ?? []), f]);
  const lines = [...byProblem].map(([problem, list]) => {
    // One example per kind of nasty input, so different causes of one symptom all show.
    const seen = new Set<string>();
    const picked = list.filter((f) => {
      const kind = inputKind(f.payload);
      if (seen.has(kind)) return false;
      seen.add(kind);
      return true;
    });
    const examples = picked
      .slice(0, 5)
      .map((f) => `${f.payload} -> HTTP ${f.status} ${f.body.replace(/\s+/g, " ").slice(0, 160)}`)
      .join("\n      ");
    return `${name}: ${problem} x${list.length}, e.g.\n      ${examples}`;
  });
  return { sent, counts, lines };
}

/**
 * The test client and the app share this process. Undici keeps idle sockets for ~4 s (with a
 * coarse timer) and the server closes them after 5 s, so under load a request can land on a
 * socket the server is closing (ECONNRESET). Dropping idle sockets after 1 s avoids that race.
 */
export function useShortKeepAlive() {
  setGlobalDispatcher(new Agent({ keepAliveTimeout: 1_000, keepAliveMaxTimeout: 1_000 }));
}

/** Collects what the app logs with console.error (its 500s) instead of printing each one. */
export function collectServerErrors() {
  const counts = new Map<string, number>();
  const original = console.error;
  console.error = (...args: unknown[]) => {
    const text = args
      .map((a) => (a instanceof Error ? `${a.name}: ${a.message}` : typeof a === "string" ? a : (JSON.stringify(a) ?? String(a))))
      .join(" ");
    const lines = text.split("\n").map((l) => l.trim());
    const key = [
      lines[0],
      ...lines
        .slice(1)
        .filter((l) => /error|invalid|out of range|surrogate/i.test(l))
        .slice(0, 1),
    ]
      .join(" | ")
      .slice(0, 220);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  };
  return {
    counts,
    restore() {
      console.error = original;
    },
    report(label: string) {
      const top = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 15);
      if (top.length) console.log(`${label}: errors the app logged:\n${top.map(([k, n]) => `  ${n} x ${k}`).join("\n")}`);
    },
  };
}
