/**
 * Input fuzzing of every /api/v1 endpoint (Reliability issue): at least FUZZ_RUNS (500)
 * malformed requests per endpoint, generated with fast-check and sent with a valid Bearer token
 * (a few with a broken one): wrong JSON types, missing fields, unknown and prototype-polluting
 * keys, nested junk, arrays for scalars, 100k-character strings, unicode edge cases, SQL and
 * script injection, 1e308 / -1 / NaN / Infinity, impossible dates, malformed and truncated JSON,
 * deep nesting, invalid UTF-8, wrong content types, junk Idempotency-Keys, junk query strings,
 * cursors and path segments.
 *
 * Each endpoint has its own lab and token; requests within an endpoint are sequential, so each
 * one is checked on its own: never a 5xx, always a JSON (problem+json for errors) answer without
 * internals, reads never change the database, rejected writes change nothing, accepted writes
 * leave the lab's gigs within the domain rules, and nothing of another lab is ever returned.
 *
 * FUZZ_SEED=<n> replays a run; FUZZ_RUNS=<n> changes the payload count per endpoint.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { FORMAT_KEYS, GENRE_KEYS, MODALITY_KEYS, TASK_TYPE_KEYS } from "~/domain/taxonomy";
import { changeGigStatus, createGig } from "~/services/gigs.server";
import { createEndpoint } from "~/services/webhooks.server";
import { createScreener } from "~/services/screeners.server";
import type { SessionUser } from "~/session.server";
import { useTestServer } from "../setup/server";
import { FULL_GIG, apiTokenFor } from "./fixtures";
import {
  DATES,
  FUZZ_RUNS,
  FUZZ_SEED,
  type Failure,
  HUGE,
  closeSnapshots,
  collectServerErrors,
  describeValue,
  internalsIn,
  junkFieldName,
  junkJson,
  junkJsonScalar,
  junkString,
  lit,
  litList,
  rowsOf,
  snapshot,
  summarize,
  useShortKeepAlive,
} from "./fuzz-helpers";
import { pool, routeFiles } from "./matrix-helpers";

useShortKeepAlive();
const base = await useTestServer();

// ---------------------------------------------------------------------------------- fixtures

interface Lab {
  labId: string;
  userId: string;
  token: string;
  tokenId: string;
}

let seq = 0;
async function makeLab(name: string): Promise<Lab> {
  seq++;
  const slug = `${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${seq}-${Date.now()}`;
  const lab = await db().lab.create({ data: { slug, name } });
  const user = await db().user.create({
    data: {
      email: `owner-${slug}@fuzz-api.test`,
      name: `${name} Owner`,
      passwordHash: "x",
      role: "LAB_MEMBER",
      emailVerifiedAt: new Date(),
    },
  });
  await db().labMember.create({ data: { labId: lab.id, userId: user.id, role: "OWNER" } });
  const actor: SessionUser = {
    id: user.id,
    sessionId: "fuzz",
    email: user.email,
    name: user.name,
    role: "LAB_MEMBER",
    emailVerified: true,
    labId: lab.id,
    labSlug: slug,
    labRole: "OWNER",
    profileId: null,
    unreadNotifications: 0,
  };
  const { token, record } = await apiTokenFor(lab.id, "fuzz", actor);
  return { labId: lab.id, userId: user.id, token, tokenId: record.id };
}

async function gigOf(lab: Lab, title: string, open = false) {
  const created = await createGig(lab.labId, { ...FULL_GIG, title }, { id: lab.userId, role: "LAB_MEMBER" });
  if (!created.ok) throw new Error(JSON.stringify(created.errors));
  if (open) {
    const opened = await changeGigStatus(created.gig.id, "OPEN", { id: lab.userId, role: "LAB_MEMBER" });
    if (!opened.ok) throw new Error(JSON.stringify(opened.errors));
  }
  return created.gig.id;
}

/** People ACTIVE on a gig (created directly, active since yesterday), each with an engagement. */
async function activePeople(gigId: string, n: number) {
  const ids: string[] = [];
  const since = new Date(Date.now() - 86_400_000);
  for (let i = 0; i < n; i++) {
    const u = await db().user.create({
      data: { email: `active-${i}-${gigId}@fuzz-api.test`, name: `Active ${i}`, passwordHash: "x", role: "PROFESSIONAL" },
    });
    const p = await db().profile.create({ data: { userId: u.id, displayName: `Active ${i}` } });
    const a = await db().application.create({
      data: { profileId: p.id, gigId, origin: "APPLIED", stage: "ACTIVE", stageEnteredAt: since },
    });
    await db().engagement.create({ data: { applicationId: a.id, gigId, activeSince: since, queueSetAt: since } });
    ids.push(a.id);
  }
  return ids;
}

// ---------------------------------------------------------------------------------- payloads

interface ApiPayload {
  method: string;
  path: string;
  auth: "valid" | "junk" | "none";
  junkAuth: string;
  contentType: string | null;
  idempotencyKey: string | null;
  body: string | Uint8Array | null;
}

const VALID_GIG = {
  title: "Rank sitcom dialogue for a writing model",
  description: "Compare two versions of a scene and pick the funnier one.",
  taskTypes: ["DIALOGUE_PREFERENCE_RANKING", "COMEDIC_TIMING_EVAL"],
  modality: "TEXT",
  genres: ["COMEDY"],
  formats: ["MULTI_CAM_SITCOM"],
  languages: ["en"],
  hoursPerWeek: 10,
  weeklyCapHours: 20,
  payAmount: 55,
  payUnit: "HOUR",
  payCurrency: "USD",
  slots: 5,
  startDate: "2027-01-04",
  endDate: "2027-03-31",
  noticeDays: 14,
  rateLockDays: 30,
  assessmentMinutes: 0,
  trainingMinutes: 60,
  disclosureTrains: "A dialogue model for our writers' room assistant.",
  disclosureCreativeUse: "NO",
  disclosureRetention: "Deleted 12 months after the project ends.",
};
const GIG_KEYS = [
  ...Object.keys(VALID_GIG),
  "minutesPerTask",
  "screeningPaid",
  "screeningRate",
  "onboardingPaid",
  "timezoneMinOffset",
  "timezoneMaxOffset",
  "screeningRequired",
  "screeningInstructions",
  "ndaRequired",
  "trainingModules",
  "status",
  "id",
  "labId",
];

/** Plausible values per field, so mutants sometimes pass validation and reach the database. */
const FIELD_VALUES: Record<string, fc.Arbitrary<unknown>> = {
  taskTypes: fc.array(fc.constantFrom(...TASK_TYPE_KEYS), { maxLength: 12 }),
  genres: fc.array(fc.constantFrom(...GENRE_KEYS), { maxLength: 3 }),
  formats: fc.array(fc.constantFrom(...FORMAT_KEYS), { maxLength: 3 }),
  modality: fc.constantFrom(...MODALITY_KEYS),
  languages: fc.array(fc.constantFrom("en", "fr", "EN", "english", "e"), { maxLength: 3 }),
  payUnit: fc.constantFrom("HOUR", "TASK", "hour"),
  payCurrency: fc.constantFrom("USD", "JPY", "KWD", "usd", "US"),
  payAmount: fc.oneof(fc.double({ min: -10, max: 200_000, noNaN: true }), fc.constantFrom(0.001, 12.345, 99_999.999)),
  slots: fc.integer({ min: -5, max: 20_000 }),
  hoursPerWeek: fc.integer({ min: -1, max: 100 }),
  minutesPerTask: fc.integer({ min: 0, max: 700 }),
  startDate: fc.constantFrom(...DATES),
  endDate: fc.constantFrom(...DATES),
  trainingModules: fc.array(fc.oneof(junkString, fc.constant("Module")), { maxLength: 3 }),
  screeningRequired: fc.boolean(),
  status: fc.constantFrom("OPEN", "CLOSED"),
};

const valueFor = (key: string): fc.Arbitrary<unknown> =>
  Object.hasOwn(FIELD_VALUES, key) ? fc.oneof({ weight: 2, arbitrary: FIELD_VALUES[key] }, { weight: 3, arbitrary: junkJson }) : junkJson;

const junkObject = fc
  .array(
    fc
      .oneof({ weight: 6, arbitrary: fc.constantFrom(...GIG_KEYS) }, { weight: 1, arbitrary: junkFieldName })
      .chain((k) => valueFor(k).map((v) => [k, v] as const)),
    { maxLength: 10 },
  )
  .map((entries) => Object.fromEntries(entries));

function mutantOf(valid: Record<string, unknown>, keys: readonly string[]) {
  return fc
    .tuple(
      fc.array(
        fc.tuple(
          fc.constantFrom(...keys),
          fc.oneof({ weight: 5, arbitrary: fc.constant("set" as const) }, { weight: 1, arbitrary: fc.constant("drop" as const) }),
        ),
        { minLength: 1, maxLength: 3 },
      ),
      fc.array(junkJson, { minLength: 3, maxLength: 3 }),
    )
    .chain(([muts]) =>
      fc
        .tuple(...muts.map(([k, op]) => (op === "drop" ? fc.constant([k, undefined] as const) : valueFor(k).map((v) => [k, v] as const))))
        .map((changes) => {
          const out: Record<string, unknown> = { ...valid };
          for (const [k, v] of changes) {
            if (v === undefined) delete out[k];
            else out[k] = v;
          }
          return out;
        }),
    );
}

const deep = (n: number) => `${'{"a":'.repeat(n)}1${"}".repeat(n)}`;
const RAW_JSON: (string | Uint8Array)[] = [
  "",
  "{",
  '{"title":',
  "{'title':'single quotes'}",
  "NaN",
  '{"payAmount": NaN}',
  '{"slots": Infinity}',
  '{"slots": -Infinity}',
  "\uFEFF{}",
  "[".repeat(100_000),
  deep(20_000),
  "{}{}",
  "null",
  "true",
  '"a string"',
  "1e999",
  "[]",
  '{"title": "\\ud800\\udc00\\ud800"}',
  '{"title": "a\\u0000b"}',
  '{"__proto__": {"status": "OPEN", "labId": "x"}}',
  '{"constructor": {"prototype": {"status": "OPEN"}}}',
  '{"title": "dup", "title": 5}',
  `{"title": "${"x".repeat(1_100_000)}"}`,
  new Uint8Array([0x7b, 0x22, 0x74, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
  new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d]),
  new Uint8Array([0x00, 0x7b, 0x7d]),
];

const jsonBody: fc.Arbitrary<string | Uint8Array> = fc.oneof(
  { weight: 5, arbitrary: junkObject.map((o) => JSON.stringify(o)) },
  { weight: 5, arbitrary: mutantOf(VALID_GIG, GIG_KEYS).map((o) => JSON.stringify(o)) },
  { weight: 2, arbitrary: junkJson.map((v) => JSON.stringify(v) ?? "") },
  { weight: 2, arbitrary: fc.constantFrom(...RAW_JSON) },
  { weight: 1, arbitrary: fc.constantFrom(...HUGE).map((h) => JSON.stringify({ ...VALID_GIG, description: h })) },
);

const statusBody: fc.Arbitrary<string | Uint8Array> = fc.oneof(
  {
    weight: 6,
    arbitrary: mutantOf({ status: "OPEN", reason: "Enough people.", acknowledgeLowPay: true }, [
      "status",
      "reason",
      "acknowledgeLowPay",
      "extra",
    ]).map((o) => JSON.stringify(o)),
  },
  {
    weight: 4,
    arbitrary: fc
      .record(
        {
          status: fc.oneof(fc.constantFrom("OPEN", "PAUSED", "CLOSED", "DRAFT", "open"), junkJsonScalar),
          reason: fc.option(junkJson),
          acknowledgeLowPay: fc.option(junkJson),
        },
        { requiredKeys: [] },
      )
      .map((o) => JSON.stringify(o)),
  },
  { weight: 2, arbitrary: junkJson.map((v) => JSON.stringify(v) ?? "") },
  { weight: 2, arbitrary: fc.constantFrom(...RAW_JSON) },
);

const contentType = fc.oneof(
  { weight: 16, arbitrary: fc.constant("application/json") },
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      "application/json; charset=utf-8",
      "application/merge-patch+json",
      "APPLICATION/JSON",
      "application/json; charset=utf-16",
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
      "",
      "application/jsonx",
    ),
  },
  { weight: 1, arbitrary: fc.constant(null) },
);

const asciiOnly = (s: string) => s.replace(/[^\x20-\x7e]/g, "?");
const idempotencyKey = fc.oneof(
  { weight: 8, arbitrary: fc.constant(null) },
  { weight: 2, arbitrary: fc.constantFrom("key-1", "key-2", "a".repeat(200)) },
  {
    weight: 2,
    arbitrary: fc.oneof(
      junkString.map((s) => asciiOnly(s).slice(0, 300)),
      fc.constantFrom("", " ", "a".repeat(201), "tab\there"),
    ),
  },
);

const auth = fc.oneof(
  { weight: 19, arbitrary: fc.constant("valid" as const) },
  { weight: 1, arbitrary: fc.constantFrom("junk" as const, "none" as const) },
);
const junkAuth = fc.constantFrom(
  "Bearer ",
  `Bearer sa_deadbeef_${"x".repeat(32)}`,
  "Basic YTpi",
  "bearer",
  "Bearer sa_zz_1",
  `Bearer ${"A".repeat(5000)}`,
  "Token abc",
);

/** A junk path segment (id) or query value, URL-encoded, at most ~2k characters. */
const encodeJunk = (s: string) =>
  Array.from(s)
    .map((ch) => {
      try {
        return encodeURIComponent(ch);
      } catch {
        return "%ED%A0%80"; // a lone surrogate: send its (invalid) UTF-8 bytes
      }
    })
    .join("");
const junkSegment = junkString.map((s) => encodeJunk(s.slice(0, 600)));
const junkCursor = fc.oneof(
  junkSegment,
  fc
    .record({
      t: fc.oneof(
        fc.constantFrom(
          "2024-02-30T00:00:00Z",
          "2024-13-01T00:00:00Z",
          "9999-12-31T23:59:59Z",
          "+275760-09-13T00:00:00.000Z",
          "0000-01-01T00:00:00Z",
          "2024-01-01T00:00:00Z",
        ),
        junkJsonScalar,
      ),
      i: fc.oneof(junkJsonScalar, fc.constant("zzz")),
    })
    .map((o) => Buffer.from(JSON.stringify(o)).toString("base64url")),
);
const junkQuery = fc
  .array(
    fc.tuple(
      fc.oneof({ weight: 5, arbitrary: fc.constantFrom("limit", "cursor", "status") }, { weight: 1, arbitrary: junkSegment }),
      fc.oneof(
        { weight: 3, arbitrary: junkSegment },
        { weight: 1, arbitrary: fc.constantFrom("0", "1", "100", "101", "-1", "1e2", "20.5", "DRAFT", "OPEN", "open") },
        { weight: 2, arbitrary: junkCursor },
      ),
    ),
    { maxLength: 4 },
  )
  .map((pairs) => (pairs.length ? `?${pairs.map(([k, v]) => `${k}=${v}`).join("&")}` : ""));

function request(
  method: fc.Arbitrary<string>,
  path: fc.Arbitrary<string>,
  body: fc.Arbitrary<string | Uint8Array | null>,
): fc.Arbitrary<ApiPayload> {
  return fc.record({ method, path, auth, junkAuth, contentType, idempotencyKey, body });
}

// ---------------------------------------------------------------------------------- lanes

interface Answer {
  status: number;
  contentType: string;
  body: string;
}

interface ApiCtx {
  lab: Lab;
  arb: fc.Arbitrary<ApiPayload>;
  /** GET-only endpoints: the database never changes, whatever the answer. */
  readOnly: boolean;
  scope: () => string[];
  legit?: (p: ApiPayload, a: Answer) => Promise<string[]>;
  /** Checks on a successful answer's body (e.g. no other lab's data). */
  inspect?: (json: unknown) => string[];
}

interface ApiLane {
  file: string;
  name: string;
  runs: number;
  setup: (other: Lab, otherGig: string) => Promise<ApiCtx>;
}

const arr = (keys: readonly string[]) => `ARRAY[${keys.map(lit).join(",")}]::text[]`;
const GIG_RULES: [string, string][] = [
  ["title 3..140 chars", `char_length(title) BETWEEN 2 AND 140`],
  ["description <= 20000 chars", `char_length(description) <= 20000`],
  ["slots 1..10000", `slots BETWEEN 1 AND 10000`],
  [
    "hours 1..80, cap >= hours",
    `("hoursPerWeek" IS NULL OR "hoursPerWeek" BETWEEN 1 AND 80) AND ("weeklyCapHours" IS NULL OR ("weeklyCapHours" BETWEEN 1 AND 80 AND ("hoursPerWeek" IS NULL OR "weeklyCapHours" >= "hoursPerWeek")))`,
  ],
  [
    "pay 0..100,000 major units",
    `("payAmountCents" IS NULL OR "payAmountCents" BETWEEN 0 AND 100000000) AND ("screeningRateCents" IS NULL OR "screeningRateCents" BETWEEN 0 AND 100000000)`,
  ],
  ["currency is 3 capitals", `"payCurrency" ~ '^[A-Z]{3}$'`],
  ["minutesPerTask 1..600", `"minutesPerTask" IS NULL OR "minutesPerTask" BETWEEN 1 AND 600`],
  ["end date >= start date", `"startDate" IS NULL OR "endDate" IS NULL OR "endDate" >= "startDate"`],
  [
    "known task types (<= 10), genres, formats, modality",
    `cardinality("taskTypes") <= 10 AND "taskTypes" <@ ${arr(TASK_TYPE_KEYS)} AND genres <@ ${arr(GENRE_KEYS)} AND formats <@ ${arr(FORMAT_KEYS)} AND modality = ANY(${arr(MODALITY_KEYS)})`,
  ],
  ["language codes", `NOT EXISTS (SELECT 1 FROM unnest(languages) l WHERE l !~ '^[a-z]{2,3}$')`],
  [
    "training modules 1..120 chars",
    `cardinality("trainingModules") <= 20 AND NOT EXISTS (SELECT 1 FROM unnest("trainingModules") m WHERE char_length(m) NOT BETWEEN 1 AND 120)`,
  ],
  [
    "disclosure answers",
    `"disclosureCreativeUse" IN ('', 'NO', 'YES', 'UNDECIDED') AND char_length("disclosureTrains") <= 2000 AND char_length("disclosureRetention") <= 2000`,
  ],
  ["screening instructions when required", `NOT "screeningRequired" OR "screeningInstructions" <> ''`],
  ["closed reason <= 2000 chars", `"closedReason" IS NULL OR char_length("closedReason") <= 2000`],
  ["open or paused gigs have been published", `status NOT IN ('OPEN', 'PAUSED') OR "publishedAt" IS NOT NULL`],
];

async function broken(checks: [string, string][], where: string): Promise<string[]> {
  const cols = checks.map(([, cond], i) => `NOT coalesce((${cond}), false) AS c${i}`).join(", ");
  const rows = await db().$queryRawUnsafe<Record<string, boolean | string>[]>(`SELECT t.id, ${cols} FROM "Gig" t WHERE ${where}`);
  const out: string[] = [];
  for (const row of rows) {
    checks.forEach(([label], i) => {
      if (row[`c${i}`] === true) out.push(`gig ${row.id}: ${label}`);
    });
  }
  return out;
}

/** Every gig in a successful answer belongs to the caller's lab. */
function ownGigsOnly(labId: string, forbidden: string[]) {
  return (json: unknown): string[] => {
    const text = JSON.stringify(json);
    const out = forbidden.filter((s) => text.includes(s)).map((s) => `answer contains another lab's data (${s})`);
    const gigs = (json as { data?: { labId?: string }[]; labId?: string })?.data ?? [json as { labId?: string }];
    for (const g of gigs)
      if (g && typeof g === "object" && "labId" in g && g.labId !== labId) out.push(`answer contains a gig of lab ${g.labId}`);
    return out;
  };
}

// ---------------------------------------------------------------------------------- saved screeners

const NO_CRITERIA = { tasks: [], languages: [], minHours: null, tzMin: null, tzMax: null, verifiedOnly: false, maxRate: null };
async function screenerOf(lab: Lab, name: string) {
  const created = await createScreener({ name, criteria: NO_CRITERIA }, { owner: "LAB", labId: lab.labId, userId: lab.userId });
  if (!created.ok) throw new Error(created.message);
  return created.screener.id;
}
const VALID_SCREENER = {
  name: "Comedy raters",
  criteria: {
    tasks: [{ taskType: "COMEDIC_TIMING_EVAL", min: 60 }],
    languages: ["English"],
    minHours: 10,
    tzMin: -8,
    tzMax: 2,
    verifiedOnly: true,
  },
};
const screenerBody: fc.Arbitrary<string | Uint8Array> = fc.oneof(
  { weight: 5, arbitrary: mutantOf(VALID_SCREENER, ["name", "criteria", "baseVersion", "extra"]).map((o) => JSON.stringify(o)) },
  {
    weight: 4,
    arbitrary: mutantOf(VALID_SCREENER.criteria, [
      "tasks",
      "languages",
      "minHours",
      "tzMin",
      "tzMax",
      "verifiedOnly",
      "maxRate",
      "extra",
    ]).map((c) => JSON.stringify({ name: "Mutant", criteria: c })),
  },
  { weight: 2, arbitrary: fc.constant(JSON.stringify({ name: "Rates", criteria: { maxRate: 30 } })) },
  { weight: 2, arbitrary: junkJson.map((v) => JSON.stringify(v) ?? "") },
  { weight: 2, arbitrary: fc.constantFrom(...RAW_JSON) },
);
/** A lab's screeners keep their rules whatever was sent (and never hold a rate filter). */
async function brokenScreeners(labId: string): Promise<string[]> {
  const rows = await db().$queryRawUnsafe<{ id: string; bad: string | null }[]>(
    `SELECT s.id, CASE
       WHEN char_length(s.name) NOT BETWEEN 2 AND 80 THEN 'name of 2 to 80 characters'
       WHEN jsonb_typeof(s.criteria->'maxRate') = 'number' THEN 'a rate filter on a lab screener'
       WHEN jsonb_array_length(s.criteria->'tasks') > 3 THEN 'more than 3 task types'
       WHEN NOT EXISTS (SELECT 1 FROM "ScreenerVersion" v WHERE v."screenerId" = s.id AND v.version = s.version) THEN 'current version not stored'
       ELSE NULL END AS bad
     FROM "Screener" s WHERE s."labId" = ${lit(labId)}`,
  );
  return rows.filter((r) => r.bad).map((r) => `screener ${r.id}: ${r.bad}`);
}
/** No other lab's screener in an answer. */
const noneOf = (forbidden: string[]) => (json: unknown) =>
  forbidden.filter((f) => JSON.stringify(json).includes(f)).map((f) => `answer contains another lab's screener (${f})`);
const screenerScope = (labs: string[]) => () => [
  rowsOf("Screener", `"labId" IN (${litList(labs)})`),
  rowsOf("ScreenerVersion", `"screenerId" IN (SELECT id FROM "Screener" WHERE "labId" IN (${litList(labs)}))`),
];

const LANES: ApiLane[] = [
  {
    file: "api/api.v1.screeners.ts",
    name: "GET and POST /api/v1/screeners",
    runs: FUZZ_RUNS,
    async setup(other) {
      const lab = await makeLab("Screeners");
      const foreign = await screenerOf(other, "Other lab's pool");
      return {
        lab,
        arb: fc.oneof(
          request(fc.constant("POST"), fc.constant("/api/v1/screeners"), screenerBody),
          request(
            fc.constant("GET"),
            junkQuery.map((q) => `/api/v1/screeners${q}`),
            fc.constant(null),
          ),
        ),
        readOnly: false,
        scope: screenerScope([lab.labId, other.labId]),
        legit: () => brokenScreeners(lab.labId),
        inspect: noneOf([foreign, other.labId]),
      };
    },
  },
  {
    file: "api/api.v1.screeners.$id.ts",
    name: "GET /api/v1/screeners/:id",
    runs: FUZZ_RUNS,
    async setup(other) {
      const lab = await makeLab("Screener get");
      const own = await screenerOf(lab, "Own pool");
      const foreign = await screenerOf(other, "Foreign pool");
      const id = fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(own, foreign, `${own}x`, own.toUpperCase(), "x".repeat(101)) },
        { weight: 5, arbitrary: junkSegment },
      );
      return {
        lab,
        arb: request(
          fc.constant("GET"),
          fc.tuple(id, junkQuery).map(([i, q]) => `/api/v1/screeners/${i}${q}`),
          fc.constant(null),
        ),
        readOnly: true,
        scope: screenerScope([lab.labId, other.labId]),
        inspect: noneOf([foreign, other.labId]),
      };
    },
  },
  {
    file: "api/api.v1.screeners.$id.versions.ts",
    name: "GET and POST /api/v1/screeners/:id/versions",
    runs: FUZZ_RUNS,
    async setup(other) {
      const lab = await makeLab("Screener versions");
      const own = await screenerOf(lab, "Versioned pool");
      const foreign = await screenerOf(other, "Foreign versioned pool");
      const id = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(own, foreign) }, { weight: 1, arbitrary: junkSegment });
      return {
        lab,
        arb: fc.oneof(
          request(
            fc.constant("POST"),
            id.map((i) => `/api/v1/screeners/${i}/versions`),
            screenerBody,
          ),
          request(
            fc.constant("GET"),
            id.map((i) => `/api/v1/screeners/${i}/versions`),
            fc.constant(null),
          ),
        ),
        readOnly: false,
        scope: screenerScope([lab.labId, other.labId]),
        legit: () => brokenScreeners(lab.labId),
        inspect: noneOf([foreign, other.labId]),
      };
    },
  },
  {
    file: "api/api.v1.screeners.$id.invitations.ts",
    name: "POST /api/v1/screeners/:id/invitations",
    runs: FUZZ_RUNS,
    async setup(_other, otherGig) {
      const lab = await makeLab("Screener invitations");
      const own = await screenerOf(lab, "Inviting pool");
      const gig = await gigOf(lab, "Invitable gig", true);
      const u = await db().user.create({
        data: { email: `invitee-${lab.labId}@fuzz-api.test`, name: "Invitee", passwordHash: "x", role: "PROFESSIONAL" },
      });
      const person = (await db().profile.create({ data: { userId: u.id, displayName: "Invitee" } })).id;
      const body = fc.oneof(
        {
          weight: 4,
          arbitrary: mutantOf({ gigId: gig, profileId: person }, ["gigId", "profileId", "extra"]).map((o) => JSON.stringify(o)),
        },
        { weight: 2, arbitrary: fc.constantFrom(gig, otherGig, "nope").map((g) => JSON.stringify({ gigId: g, profileId: person })) },
        { weight: 1, arbitrary: junkJson.map((v) => JSON.stringify(v) ?? "") },
      );
      return {
        lab,
        arb: request(
          fc.constant("POST"),
          fc.constantFrom(own, "missing").map((i) => `/api/v1/screeners/${i}/invitations`),
          body,
        ),
        readOnly: false,
        scope: () => [rowsOf("Application", `"gigId" IN (${litList([gig, otherGig])})`)],
        legit: async () => {
          const apps = await db().application.findMany({ where: { gigId: { in: [gig, otherGig] } } });
          return apps
            .filter((a) => a.gigId !== gig || a.profileId !== person || a.stage !== "INVITED" || a.origin !== "INVITED")
            .map((a) => `application ${a.id}: not an invitation of the person to the lab's own gig`);
        },
      };
    },
  },
  {
    file: "api/api.v1.gigs.ts",
    name: "GET /api/v1/gigs (list)",
    runs: FUZZ_RUNS,
    async setup(other, otherGig) {
      const lab = await makeLab("List");
      await gigOf(lab, "Listed draft");
      return {
        lab,
        arb: request(
          fc.constant("GET"),
          junkQuery.map((q) => `/api/v1/gigs${q}`),
          fc.constant(null),
        ),
        readOnly: true,
        scope: () => [rowsOf("Gig", `"labId" = ${lit(lab.labId)}`)],
        inspect: ownGigsOnly(lab.labId, [otherGig, other.labId]),
      };
    },
  },
  {
    file: "api/api.v1.gigs.ts",
    name: "POST /api/v1/gigs (create)",
    runs: FUZZ_RUNS,
    async setup(other, otherGig) {
      const lab = await makeLab("Create");
      return {
        lab,
        arb: request(fc.constant("POST"), fc.constant("/api/v1/gigs"), jsonBody),
        readOnly: false,
        scope: () => [
          rowsOf("Gig", `"labId" IN (${litList([lab.labId, other.labId])})`),
          rowsOf("IdempotencyRecord", `scope = ${lit(lab.tokenId)}`),
        ],
        legit: async () => [
          ...(await broken(GIG_RULES, `"labId" = ${lit(lab.labId)}`)),
          ...(await broken([["created as a draft", `status = 'DRAFT'`]], `"labId" = ${lit(lab.labId)}`)),
        ],
        inspect: ownGigsOnly(lab.labId, [otherGig, other.labId]),
      };
    },
  },
  {
    file: "api/api.v1.gigs.$id.ts",
    name: "GET /api/v1/gigs/:id",
    runs: FUZZ_RUNS,
    async setup(other, otherGig) {
      const lab = await makeLab("Get");
      const gig = await gigOf(lab, "Readable draft");
      const id = fc.oneof(
        {
          weight: 3,
          arbitrary: fc.constantFrom(
            gig,
            otherGig,
            `${gig}x`,
            gig.toUpperCase(),
            `${gig}%00`,
            "..%2F..%2Fopenapi.json",
            "%2e%2e",
            "x".repeat(101),
          ),
        },
        { weight: 5, arbitrary: junkSegment },
      );
      return {
        lab,
        arb: request(
          fc.constant("GET"),
          fc.tuple(id, junkQuery).map(([i, q]) => `/api/v1/gigs/${i}${q}`),
          fc.constant(null),
        ),
        readOnly: true,
        scope: () => [rowsOf("Gig", `"labId" IN (${litList([lab.labId, other.labId])})`)],
        inspect: ownGigsOnly(lab.labId, [otherGig, other.labId]),
      };
    },
  },
  {
    file: "api/api.v1.gigs.$id.ts",
    name: "PATCH /api/v1/gigs/:id",
    runs: FUZZ_RUNS,
    async setup(other, otherGig) {
      const lab = await makeLab("Patch");
      const gig = await gigOf(lab, "Draft to patch");
      const target = fc.oneof(
        { weight: 12, arbitrary: fc.constant(gig) },
        { weight: 1, arbitrary: fc.constant(otherGig) },
        { weight: 1, arbitrary: junkSegment },
      );
      return {
        lab,
        arb: request(
          fc.constant("PATCH"),
          target.map((t) => `/api/v1/gigs/${t}`),
          jsonBody,
        ),
        readOnly: false,
        scope: () => [rowsOf("Gig", `"labId" IN (${litList([lab.labId, other.labId])})`)],
        legit: async () => [
          ...(await broken(GIG_RULES, `"labId" = ${lit(lab.labId)}`)),
          ...(await broken([["PATCH never changes the status", `status = 'DRAFT'`]], `id = ${lit(gig)}`)),
        ],
        inspect: ownGigsOnly(lab.labId, [otherGig, other.labId]),
      };
    },
  },
  {
    file: "api/api.v1.gigs.$id.status.ts",
    name: "POST /api/v1/gigs/:id/status",
    runs: FUZZ_RUNS,
    async setup(other, otherGig) {
      const lab = await makeLab("Status");
      const gigs = [await gigOf(lab, "Status draft one"), await gigOf(lab, "Status draft two"), await gigOf(lab, "Status open", true)];
      const target = fc.oneof(
        { weight: 12, arbitrary: fc.constantFrom(...gigs) },
        { weight: 1, arbitrary: fc.constant(otherGig) },
        { weight: 1, arbitrary: junkSegment },
      );
      let closed = new Set<string>();
      return {
        lab,
        arb: request(
          fc.constantFrom("POST", "POST", "POST", "PUT"),
          target.map((t) => `/api/v1/gigs/${t}/status`),
          statusBody,
        ),
        readOnly: false,
        scope: () => [rowsOf("Gig", `"labId" IN (${litList([lab.labId, other.labId])})`)],
        legit: async () => {
          const rows = await db().gig.findMany({ where: { labId: lab.labId }, select: { id: true, status: true } });
          const reopened = rows.filter((g) => closed.has(g.id) && g.status !== "CLOSED").map((g) => `closed gig ${g.id} was reopened`);
          closed = new Set([...closed, ...rows.filter((g) => g.status === "CLOSED").map((g) => g.id)]);
          return [...reopened, ...(await broken(GIG_RULES, `"labId" = ${lit(lab.labId)}`))];
        },
        inspect: ownGigsOnly(lab.labId, [otherGig, other.labId]),
      };
    },
  },
  {
    file: "api/api.v1.gigs.$id.work-entries.ts",
    name: "GET/POST /api/v1/gigs/:id/work-entries",
    runs: FUZZ_RUNS,
    async setup(other, otherGig) {
      const lab = await makeLab("Work");
      const gig = await gigOf(lab, "Gig with active people", true);
      const apps = await activePeople(gig, 2);
      const today = new Date().toISOString().slice(0, 10);
      const valid = { applicationId: apps[0], workDate: today, hours: 1.5, note: "Batch 3", clientEntryId: "row-1" };
      const body: fc.Arbitrary<string | Uint8Array> = fc.oneof(
        {
          weight: 6,
          arbitrary: mutantOf(valid, ["applicationId", "workDate", "hours", "tasks", "note", "clientEntryId", "extra"]).map((o) =>
            JSON.stringify(o),
          ),
        },
        {
          weight: 3,
          arbitrary: fc
            .record(
              {
                applicationId: fc.oneof(fc.constantFrom(...apps), junkJsonScalar),
                workDate: fc.oneof(fc.constantFrom(today, "2000-01-01", "2999-01-01", "2026-02-30"), junkJsonScalar),
                hours: fc.oneof(fc.constantFrom(0.25, 1, 24, 24.01, 0, -1, 1 / 3, 1e308), junkJsonScalar),
                clientEntryId: fc.option(fc.constantFrom("row-1", "row-2", "a".repeat(101), "")),
              },
              { requiredKeys: [] },
            )
            .map((o) => JSON.stringify(o)),
        },
        { weight: 2, arbitrary: junkJson.map((v) => JSON.stringify(v) ?? "") },
        { weight: 1, arbitrary: fc.constantFrom(...RAW_JSON) },
      );
      const target = fc.oneof(
        { weight: 12, arbitrary: fc.constant(gig) },
        { weight: 1, arbitrary: fc.constant(otherGig) },
        { weight: 1, arbitrary: junkSegment },
      );
      const method = fc.oneof(
        { weight: 10, arbitrary: fc.constant("POST") },
        { weight: 2, arbitrary: fc.constant("GET") },
        { weight: 1, arbitrary: fc.constantFrom("PUT", "DELETE") },
      );
      return {
        lab,
        arb: request(
          method,
          target.map((t) => `/api/v1/gigs/${t}/work-entries`),
          body,
        ),
        readOnly: false,
        scope: () => [
          rowsOf("WorkEntry", `"gigId" IN (${litList([gig, otherGig])})`),
          rowsOf("Engagement", `"gigId" IN (${litList([gig, otherGig])})`),
        ],
        legit: async () => {
          // Every stored entry: for one of the gig's active people, a whole number of minutes up to a day,
          // paid at the $60 rate (half up), dated between becoming active and today, unique per client id.
          const bad = await db().$queryRawUnsafe<{ id: string }[]>(
            `SELECT w.id FROM "WorkEntry" w JOIN "Engagement" e ON e."applicationId" = w."applicationId"
             WHERE w."gigId" = ${lit(gig)} AND NOT (w.unit = 'HOUR' AND w.quantity BETWEEN 1 AND 1440 AND w."rateCents" = 6000
               AND w."amountCents" = (w.quantity * 6000 + 30) / 60 AND w."workDate" <= CURRENT_DATE AND w."workDate" >= e."activeSince"::date
               AND w."applicationId" IN (${litList(apps)}))`,
          );
          return bad.map((r) => `work entry ${r.id} breaks the ledger rules`);
        },
        inspect: (json) => {
          const text = JSON.stringify(json);
          return [otherGig, other.labId].filter((x) => text.includes(x)).map((x) => `answer contains another lab's data (${x})`);
        },
      };
    },
  },
  {
    file: "api/api.v1.gigs.$id.queue-status.ts",
    name: "PUT /api/v1/gigs/:id/queue-status",
    runs: FUZZ_RUNS,
    async setup(other, otherGig) {
      const lab = await makeLab("Queue");
      const gig = await gigOf(lab, "Gig with a queue", true);
      const apps = await activePeople(gig, 2);
      const soon = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
      const valid = { state: "NO_WORK", reason: "PROJECT_PAUSED", checkAgainOn: soon, note: "Client review", applicationIds: [apps[0]] };
      const body: fc.Arbitrary<string | Uint8Array> = fc.oneof(
        {
          weight: 6,
          arbitrary: mutantOf(valid, ["state", "reason", "checkAgainOn", "note", "applicationIds", "extra"]).map((o) => JSON.stringify(o)),
        },
        {
          weight: 3,
          arbitrary: fc
            .record(
              {
                state: fc.oneof(fc.constantFrom("NO_WORK", "WORK_AVAILABLE", "no_work", ""), junkJsonScalar),
                reason: fc.oneof(
                  fc.constantFrom("PROJECT_PAUSED", "CAPACITY_FULL", "QUALITY_REVIEW", "AWAITING_CLIENT", "PROJECT_ENDING", "BORED"),
                  junkJsonScalar,
                ),
                checkAgainOn: fc.oneof(fc.constantFrom(soon, "2000-01-01", "2999-12-31", "2026-02-30"), junkJsonScalar),
                applicationIds: fc.option(fc.oneof(fc.constant(apps), fc.constant([apps[1], "nope"]), fc.constant([]), junkJson)),
              },
              { requiredKeys: [] },
            )
            .map((o) => JSON.stringify(o)),
        },
        { weight: 2, arbitrary: junkJson.map((v) => JSON.stringify(v) ?? "") },
        { weight: 1, arbitrary: fc.constantFrom(...RAW_JSON) },
      );
      const target = fc.oneof(
        { weight: 12, arbitrary: fc.constant(gig) },
        { weight: 1, arbitrary: fc.constant(otherGig) },
        { weight: 1, arbitrary: junkSegment },
      );
      return {
        lab,
        arb: request(
          fc.constantFrom("PUT", "PUT", "PUT", "POST"),
          target.map((t) => `/api/v1/gigs/${t}/queue-status`),
          body,
        ),
        readOnly: false,
        scope: () => [rowsOf("Engagement", `"gigId" IN (${litList([gig, otherGig])})`)],
        legit: async () => {
          const bad = await db().$queryRawUnsafe<{ id: string }[]>(
            `SELECT id FROM "Engagement" WHERE "gigId" = ${lit(gig)} AND NOT (
               ("queueState" = 'WORK_AVAILABLE' AND "queueReason" IS NULL AND "checkAgainOn" IS NULL)
               OR ("queueState" = 'NO_WORK' AND "queueReason" IN ('PROJECT_PAUSED','CAPACITY_FULL','QUALITY_REVIEW','AWAITING_CLIENT','PROJECT_ENDING')
                   AND "checkAgainOn" > CURRENT_DATE AND "checkAgainOn" <= CURRENT_DATE + 60))`,
          );
          return bad.map((r) => `engagement ${r.id} has an invalid queue status`);
        },
        inspect: (json) => {
          const text = JSON.stringify(json);
          return [otherGig, other.labId].filter((x) => text.includes(x)).map((x) => `answer contains another lab's data (${x})`);
        },
      };
    },
  },
  {
    file: "api/api.v1.gigs.$id.applicants.ts",
    name: "GET /api/v1/gigs/:id/applicants",
    runs: FUZZ_RUNS,
    async setup(other, otherGig) {
      const lab = await makeLab("Applicants");
      const gig = await gigOf(lab, "Gig with applicants", true);
      for (let i = 0; i < 3; i++) {
        const u = await db().user.create({
          data: { email: `applicant-${i}-${gig}@fuzz-api.test`, name: `Writer ${i}`, passwordHash: "x", role: "PROFESSIONAL" },
        });
        const p = await db().profile.create({
          data: {
            userId: u.id,
            displayName: `Writer ${i}`,
            minRateCents: 876_543,
            demographics: { ethnicity: "Pacific Islander" },
            demographicsOptIn: true,
          },
        });
        await db().application.create({
          data: {
            profileId: p.id,
            gigId: gig,
            origin: "APPLIED",
            stage: "APPLIED",
            matchReasons: ["Your rate $8,765.43 is within the gig's pay"],
          },
        });
      }
      const id = fc.oneof(
        { weight: 8, arbitrary: fc.constant(gig) },
        { weight: 1, arbitrary: fc.constant(otherGig) },
        { weight: 2, arbitrary: junkSegment },
      );
      const method = fc.oneof({ weight: 12, arbitrary: fc.constant("GET") }, { weight: 1, arbitrary: fc.constantFrom("POST", "DELETE") });
      return {
        lab,
        arb: request(
          method,
          fc.tuple(id, junkQuery).map(([i, q]) => `/api/v1/gigs/${i}/applicants${q}`),
          fc.oneof(fc.constant(null), jsonBody),
        ),
        readOnly: true,
        scope: () => [
          rowsOf("Application", `"gigId" IN (${litList([gig, otherGig])})`),
          rowsOf("Gig", `"labId" IN (${litList([lab.labId, other.labId])})`),
        ],
        inspect: (json) => {
          const text = JSON.stringify(json);
          return ["876543", "8,765.43", "Pacific Islander", "@fuzz-api.test", otherGig]
            .filter((s) => text.includes(s))
            .map((s) => `applicants answer leaks ${s}`);
        },
      };
    },
  },
  {
    file: "api/api.v1.gigs.$id.term-changes.ts",
    name: "GET /api/v1/gigs/:id/term-changes",
    runs: FUZZ_RUNS,
    async setup(other, otherGig) {
      const lab = await makeLab("TermChanges");
      const gig = await gigOf(lab, "Gig with a term change", true);
      await db().gigTermChange.create({
        data: {
          gigId: otherGig,
          labId: other.labId,
          kind: "HOURS_CUT",
          before: { value: 10, text: "10 h/week" },
          after: { value: 5, text: "5 h/week" },
          actualNoticeDays: 1,
          promisedNoticeDays: 14,
          effectiveAt: new Date(),
          withinPromise: false,
          reason: "other-lab-secret-reason",
          actorRole: "LAB_MEMBER",
        },
      });
      const id = fc.oneof(
        { weight: 8, arbitrary: fc.constant(gig) },
        { weight: 1, arbitrary: fc.constant(otherGig) },
        { weight: 2, arbitrary: junkSegment },
      );
      const method = fc.oneof({ weight: 12, arbitrary: fc.constant("GET") }, { weight: 1, arbitrary: fc.constantFrom("POST", "DELETE") });
      return {
        lab,
        arb: request(
          method,
          fc.tuple(id, junkQuery).map(([i, q]) => `/api/v1/gigs/${i}/term-changes${q}`),
          fc.oneof(fc.constant(null), jsonBody),
        ),
        readOnly: true,
        scope: () => [
          rowsOf("GigTermChange", `"gigId" IN (${litList([gig, otherGig])})`),
          rowsOf("Gig", `"labId" IN (${litList([lab.labId, other.labId])})`),
        ],
        inspect: (json) =>
          JSON.stringify(json).includes("other-lab-secret-reason") ? ["term changes answer leaks another lab's change"] : [],
      };
    },
  },
  {
    file: "api/api.v1.credentials.verify.ts",
    name: "POST /api/v1/credentials/verify (public)",
    runs: FUZZ_RUNS,
    async setup(other) {
      const lab = await makeLab("Verify");
      // Shapes a verifier meets: nothing like a credential, a credential-shaped object with junk, a JSON Resume.
      const credentialish = fc
        .record({
          credential: fc.oneof(fc.constant({}), fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue(), { maxKeys: 6 })),
          proof: fc.record({
            type: fc.constantFrom("Ed25519Signature", "x"),
            keyId: fc.string({ maxLength: 70 }),
            signature: fc.string({ maxLength: 120 }),
          }),
        })
        .map((o) => JSON.stringify(o));
      const resume = fc
        .array(fc.jsonValue(), { maxLength: 3 })
        .map((xs) => JSON.stringify({ basics: {}, certificates: xs.map((x) => ({ "x-secondAct": x })) }));
      const method = fc.oneof(
        { weight: 12, arbitrary: fc.constant("POST") },
        { weight: 1, arbitrary: fc.constantFrom("GET", "PUT", "DELETE") },
      );
      return {
        lab,
        arb: request(
          method,
          junkQuery.map((q) => `/api/v1/credentials/verify${q}`),
          fc.oneof(jsonBody, credentialish, resume, fc.constant(null)),
        ),
        readOnly: true,
        scope: () => [
          rowsOf("WorkCredential", "true"),
          rowsOf("SigningKey", "true"),
          rowsOf("Gig", `"labId" IN (${litList([lab.labId, other.labId])})`),
        ],
        // Nothing fuzzed is a valid credential: a "valid" verdict would be a forgery accepted.
        inspect: (json) =>
          JSON.stringify(json).includes('"status":"valid"') ? ["a fuzzed document was accepted as a valid credential"] : [],
      };
    },
  },
  {
    file: "api/api.v1.webhooks.ts",
    name: "GET/POST /api/v1/webhooks",
    runs: FUZZ_RUNS,
    async setup(other) {
      const lab = await makeLab("Hooks");
      const valid = { url: "http://127.0.0.1:9/fuzz", description: "CRM", events: ["gig.status_changed", "application.created"] };
      const keys = ["url", "description", "events", "secret", "id", "labId", "enabled"];
      const field = (k: string): fc.Arbitrary<unknown> =>
        k === "url"
          ? fc.oneof(
              fc.constantFrom(
                "https://hooks.example.org/x",
                "http://example.org/x",
                "http://localhost:1/x",
                "javascript:alert(1)",
                "https://u:p@x.example/",
                "ftp://x/",
                "https://[::1]/",
                "https://10.0.0.1/",
                "",
              ),
              junkJson,
            )
          : k === "events"
            ? fc.oneof(
                fc.array(fc.constantFrom("gig.status_changed", "message.created", "work_entry.recorded", "nope", ""), { maxLength: 7 }),
                junkJson,
              )
            : junkJson;
      const mutant = fc
        .array(fc.tuple(fc.constantFrom(...keys), fc.boolean()), { minLength: 1, maxLength: 3 })
        .chain((muts) =>
          fc.tuple(...muts.map(([k, drop]) => (drop ? fc.constant([k, undefined] as const) : field(k).map((v) => [k, v] as const)))),
        )
        .map((changes) => {
          const out: Record<string, unknown> = { ...valid };
          for (const [k, v] of changes) {
            if (v === undefined) delete out[k];
            else out[k] = v;
          }
          return JSON.stringify(out);
        });
      const body: fc.Arbitrary<string | Uint8Array | null> = fc.oneof(
        { weight: 6, arbitrary: mutant },
        { weight: 2, arbitrary: jsonBody },
        { weight: 1, arbitrary: fc.constant(null) },
      );
      const method = fc.oneof(
        { weight: 8, arbitrary: fc.constant("POST") },
        { weight: 3, arbitrary: fc.constant("GET") },
        { weight: 1, arbitrary: fc.constantFrom("PUT", "DELETE", "PATCH") },
      );
      return {
        lab,
        arb: request(
          method,
          junkQuery.map((q) => `/api/v1/webhooks${q}`),
          body,
        ),
        readOnly: false,
        scope: () => [rowsOf("WebhookEndpoint", `"labId" IN (${litList([lab.labId, other.labId])})`)],
        legit: async () => {
          const bad = await db().$queryRawUnsafe<{ id: string }[]>(
            `SELECT id FROM "WebhookEndpoint" WHERE "labId" = ${lit(lab.labId)} AND NOT (
               (url LIKE 'https://%' OR url ~ '^http://(127\\.|localhost|\\[::1\\])') AND url NOT LIKE '%@%'
               AND cardinality(events) BETWEEN 1 AND 5 AND events <@ ARRAY['application.created','application.stage_changed','gig.status_changed','message.created','work_entry.recorded']
               AND char_length(description) <= 200 AND "secretEnc" LIKE 'v1:%')`,
          );
          const count = await db().webhookEndpoint.count({ where: { labId: lab.labId } });
          return [
            ...bad.map((r) => `endpoint ${r.id} breaks the endpoint rules`),
            ...(count > 20 ? [`${count} endpoints, more than the cap of 20`] : []),
          ];
        },
        inspect: (json) => (JSON.stringify(json).includes(other.labId) ? ["answer contains another lab's data"] : []),
      };
    },
  },
  {
    file: "api/api.v1.webhooks.$id.ts",
    name: "GET/DELETE /api/v1/webhooks/:id",
    runs: FUZZ_RUNS,
    async setup(other) {
      const lab = await makeLab("Hook One");
      const actor = (l: Lab) => ({ id: l.userId, role: "LAB_MEMBER" });
      const mine = await createEndpoint(
        lab.labId,
        { url: "http://127.0.0.1:9/a", description: "", events: ["gig.status_changed"] },
        actor(lab),
        { production: false },
      );
      const theirs = await createEndpoint(
        other.labId,
        { url: "http://127.0.0.1:9/theirs", description: "", events: ["gig.status_changed"] },
        actor(other),
        { production: false },
      );
      if (!mine.ok || !theirs.ok) throw new Error("endpoint setup failed");
      const target = fc.oneof(
        { weight: 8, arbitrary: fc.constant(mine.endpoint.id) },
        { weight: 3, arbitrary: fc.constant(theirs.endpoint.id) },
        { weight: 3, arbitrary: junkSegment },
      );
      const method = fc.oneof(
        { weight: 12, arbitrary: fc.constant("GET") },
        { weight: 1, arbitrary: fc.constant("DELETE") },
        { weight: 1, arbitrary: fc.constantFrom("POST", "PUT", "PATCH") },
      );
      return {
        lab,
        arb: request(
          method,
          fc.tuple(target, junkQuery).map(([t, q]) => `/api/v1/webhooks/${t}${q}`),
          fc.oneof(fc.constant(null), jsonBody),
        ),
        readOnly: false,
        scope: () => [rowsOf("WebhookEndpoint", `"labId" IN (${litList([lab.labId, other.labId])})`)],
        legit: async () =>
          (await db().webhookEndpoint.count({ where: { id: theirs.endpoint.id } })) === 1 ? [] : ["another lab's endpoint was deleted"],
        inspect: (json) =>
          JSON.stringify(json).includes(theirs.endpoint.id) ||
          JSON.stringify(json).includes(theirs.secret) ||
          JSON.stringify(json).includes(mine.secret)
            ? ["answer contains another lab's endpoint or a secret"]
            : [],
      };
    },
  },
  {
    file: "api/api.v1.webhooks.$id.deliveries.ts",
    name: "GET /api/v1/webhooks/:id/deliveries",
    runs: FUZZ_RUNS,
    async setup(other) {
      const lab = await makeLab("Hook Log");
      const actor = (l: Lab) => ({ id: l.userId, role: "LAB_MEMBER" });
      const mine = await createEndpoint(
        lab.labId,
        { url: "http://127.0.0.1:9/log", description: "", events: ["gig.status_changed"] },
        actor(lab),
        { production: false },
      );
      const theirs = await createEndpoint(
        other.labId,
        { url: "http://127.0.0.1:9/their-log", description: "", events: ["gig.status_changed"] },
        actor(other),
        { production: false },
      );
      if (!mine.ok || !theirs.ok) throw new Error("endpoint setup failed");
      for (let i = 0; i < 5; i++) {
        await db().webhookDelivery.create({
          data: {
            endpointId: mine.endpoint.id,
            eventId: `evt_fuzz${i}`,
            eventType: "gig.status_changed",
            orderKey: "gig:x",
            body: "{}",
            status: "SUCCEEDED",
          },
        });
      }
      const secretEvent = `evt_theirs_${Date.now()}`;
      await db().webhookDelivery.create({
        data: { endpointId: theirs.endpoint.id, eventId: secretEvent, eventType: "gig.status_changed", orderKey: "gig:y", body: "{}" },
      });
      const target = fc.oneof(
        { weight: 10, arbitrary: fc.constant(mine.endpoint.id) },
        { weight: 2, arbitrary: fc.constant(theirs.endpoint.id) },
        { weight: 2, arbitrary: junkSegment },
      );
      const method = fc.oneof(
        { weight: 12, arbitrary: fc.constant("GET") },
        { weight: 1, arbitrary: fc.constantFrom("POST", "PUT", "DELETE") },
      );
      return {
        lab,
        arb: request(
          method,
          fc.tuple(target, junkQuery).map(([t, q]) => `/api/v1/webhooks/${t}/deliveries${q}`),
          fc.oneof(fc.constant(null), jsonBody),
        ),
        readOnly: true,
        scope: () => [rowsOf("WebhookDelivery", `"endpointId" IN (${litList([mine.endpoint.id, theirs.endpoint.id])})`)],
        inspect: (json) => (JSON.stringify(json).includes(secretEvent) ? ["answer contains another lab's delivery"] : []),
      };
    },
  },
  {
    file: "api/api.v1.webhooks.$id.deliveries.$deliveryId.replay.ts",
    name: "POST /api/v1/webhooks/:id/deliveries/:deliveryId/replay",
    runs: FUZZ_RUNS,
    async setup(other) {
      const lab = await makeLab("Hook Replay");
      const actor = (l: Lab) => ({ id: l.userId, role: "LAB_MEMBER" });
      const mine = await createEndpoint(
        lab.labId,
        { url: "http://127.0.0.1:9/replay", description: "", events: ["gig.status_changed"] },
        actor(lab),
        { production: false },
      );
      const theirs = await createEndpoint(
        other.labId,
        { url: "http://127.0.0.1:9/their-replay", description: "", events: ["gig.status_changed"] },
        actor(other),
        { production: false },
      );
      if (!mine.ok || !theirs.ok) throw new Error("endpoint setup failed");
      const d = await db().webhookDelivery.create({
        data: {
          endpointId: mine.endpoint.id,
          eventId: "evt_fuzz_replay",
          eventType: "gig.status_changed",
          orderKey: "gig:x",
          body: "{}",
          status: "FAILED",
        },
      });
      const t = await db().webhookDelivery.create({
        data: {
          endpointId: theirs.endpoint.id,
          eventId: "evt_fuzz_theirs",
          eventType: "gig.status_changed",
          orderKey: "gig:y",
          body: "{}",
          status: "FAILED",
        },
      });
      const endpoint = fc.oneof(
        { weight: 8, arbitrary: fc.constant(mine.endpoint.id) },
        { weight: 2, arbitrary: fc.constant(theirs.endpoint.id) },
        { weight: 2, arbitrary: junkSegment },
      );
      const delivery = fc.oneof(
        { weight: 8, arbitrary: fc.constant(d.id) },
        { weight: 2, arbitrary: fc.constant(t.id) },
        { weight: 2, arbitrary: junkSegment },
      );
      const method = fc.oneof(
        { weight: 12, arbitrary: fc.constant("POST") },
        { weight: 1, arbitrary: fc.constantFrom("GET", "PUT", "DELETE") },
      );
      return {
        lab,
        arb: request(
          method,
          fc.tuple(endpoint, delivery, junkQuery).map(([e, x, q]) => `/api/v1/webhooks/${e}/deliveries/${x}/replay${q}`),
          fc.oneof(fc.constant(null), jsonBody),
        ),
        readOnly: false,
        scope: () => [rowsOf("WebhookDelivery", `"endpointId" IN (${litList([mine.endpoint.id, theirs.endpoint.id])})`)],
        legit: async () => {
          const bad: string[] = [];
          if ((await db().webhookDelivery.count({ where: { endpointId: theirs.endpoint.id } })) !== 1)
            bad.push("another lab's delivery was replayed");
          const wrong = await db().webhookDelivery.count({
            where: { endpointId: mine.endpoint.id, NOT: [{ id: d.id }, { replayOf: d.id, eventId: d.eventId, body: d.body }] },
          });
          if (wrong) bad.push(`${wrong} replay(s) that are not copies of the original`);
          return bad;
        },
        inspect: (json) => (JSON.stringify(json).includes(t.id) ? ["answer contains another lab's delivery"] : []),
      };
    },
  },
  {
    file: "api/api.v1.openapi[.]json.ts",
    name: "GET/POST /api/v1/openapi.json",
    runs: FUZZ_RUNS,
    async setup(other) {
      const lab = await makeLab("OpenAPI");
      return {
        lab,
        arb: request(
          fc.constantFrom("GET", "GET", "POST", "PUT", "DELETE"),
          junkQuery.map((q) => `/api/v1/openapi.json${q}`),
          fc.oneof(fc.constant(null), jsonBody),
        ),
        readOnly: true,
        scope: () => [rowsOf("Gig", `"labId" IN (${litList([lab.labId, other.labId])})`)],
      };
    },
  },
  {
    file: "api/api.v1.$.ts",
    name: "any other /api/v1 path",
    runs: FUZZ_RUNS,
    async setup(other) {
      const lab = await makeLab("Unknown");
      const path = fc
        .array(fc.oneof(junkSegment, fc.constantFrom("gigs", "v2", "..", ".", "%2e%2e", "applicants", "status", "openapi.json")), {
          minLength: 1,
          maxLength: 4,
        })
        .map((segs) => `/api/v1/${segs.join("/")}`)
        .filter(
          (p) =>
            !/^\/api\/v1\/(gigs(\/[^/]+(\/(status|applicants|term-changes|work-entries|queue-status))?)?|openapi\.json|credentials\/verify|webhooks(\/[^/]+(\/deliveries(\/[^/]+\/replay)?)?)?)$/.test(
              p,
            ),
        );
      return {
        lab,
        arb: request(
          fc.constantFrom("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"),
          fc.tuple(path, junkQuery).map(([p, q]) => p + q),
          fc.oneof(fc.constant(null), jsonBody),
        ),
        readOnly: true,
        scope: () => [rowsOf("Gig", `"labId" IN (${litList([lab.labId, other.labId])})`)],
      };
    },
  },
];

// ---------------------------------------------------------------------------------- running

async function send(ctx: ApiCtx, p: ApiPayload): Promise<Answer> {
  // Uncompressed answers (as in fuzz-forms): the fuzzer checks the bytes, not the compression.
  const headers: Record<string, string> = { "accept-encoding": "identity" };
  if (p.auth === "valid") headers.authorization = `Bearer ${ctx.lab.token}`;
  if (p.auth === "junk") headers.authorization = p.junkAuth;
  if (p.contentType !== null && p.body !== null) headers["content-type"] = p.contentType;
  if (p.idempotencyKey !== null) headers["idempotency-key"] = p.idempotencyKey;
  const withBody = p.body !== null && !["GET", "HEAD"].includes(p.method);
  try {
    const res = await fetch(`${base}${p.path}`, {
      method: p.method,
      headers,
      body: withBody ? (p.body as BodyInit) : undefined,
      redirect: "manual",
    });
    return { status: res.status, contentType: res.headers.get("content-type") ?? "", body: await res.text() };
  } catch (e) {
    // The server dropped the connection instead of answering: reported like a 5xx.
    const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).message;
    return { status: 599, contentType: "", body: `no HTTP answer: ${cause}` };
  }
}

function describePayload(p: ApiPayload) {
  const body = p.body === null ? "" : typeof p.body === "string" ? p.body : Buffer.from(p.body).toString("latin1");
  return `${p.method} ${describeValue(p.path)} auth=${p.auth} ct=${describeValue(p.contentType)}${p.idempotencyKey !== null ? ` key=${describeValue(p.idempotencyKey)}` : ""} body=${describeValue(body)}`;
}

function answerProblems(p: ApiPayload, a: Answer): string[] {
  const out: string[] = [];
  // Node's HTTP parser answers oversized request lines itself (431/414) before the app runs.
  if (a.status === 431 || a.status === 414 || a.status >= 500) return out;
  // Dot segments can take the URL out of /api/v1 (then it is a page, not the API).
  if (!new URL(p.path, base).pathname.startsWith("/api/v1/")) return out;
  if (p.method !== "HEAD" && !/^application\/(problem\+)?json/.test(a.contentType))
    out.push(`answer is ${a.contentType || "untyped"}, not JSON`);
  if (a.status >= 400 && p.method !== "HEAD") {
    if (!a.contentType.startsWith("application/problem+json")) out.push("an error that is not problem+json");
    else {
      try {
        const body = JSON.parse(a.body) as { status?: number };
        if (body.status !== a.status) out.push(`problem body status ${body.status} differs from HTTP ${a.status}`);
      } catch {
        out.push("problem body is not JSON");
      }
    }
  }
  return out;
}

interface LaneResult {
  sent: number;
  counts: Record<string, number>;
  lines: string[];
}

async function runLane(lane: ApiLane, ctx: ApiCtx, seed: number): Promise<LaneResult> {
  const payloads = fc.sample(ctx.arb, { numRuns: lane.runs, seed });
  const failures: Failure[] = [];
  const started = Date.now();
  const counts: Record<string, number> = { accepted: 0, rejected: 0, "5xx": 0, "429": 0 };
  const fail = (p: ApiPayload, a: Answer, problem: string) =>
    failures.push({ payload: describePayload(p), status: a.status, problem, body: a.body });
  let before = await snapshot(ctx.scope());
  for (const p of payloads) {
    let a = await send(ctx, p);
    // A keep-alive socket closed by the server just as the client reused it: retry once.
    if (a.status === 599) a = await send(ctx, p);
    const after = await snapshot(ctx.scope());
    if (a.status === 429) counts["429"]++;
    if (a.status >= 500) {
      counts["5xx"]++;
      fail(p, a, a.status === 599 ? "connection dropped without an answer" : `HTTP ${a.status}`);
    } else if (a.status >= 400) {
      counts.rejected++;
      if (after !== before) fail(p, a, `rejected with ${a.status} but the database changed`);
    } else {
      counts.accepted++;
      if (ctx.readOnly && after !== before) fail(p, a, "a read changed the database");
      for (const v of (await ctx.legit?.(p, a)) ?? []) fail(p, a, `accepted (${a.status}) but: ${v}`);
      if (ctx.inspect && /json/.test(a.contentType)) {
        try {
          for (const v of ctx.inspect(JSON.parse(a.body))) fail(p, a, v);
        } catch {
          fail(p, a, "a 2xx answer that is not JSON");
        }
      }
    }
    for (const v of answerProblems(p, a)) fail(p, a, v);
    const leak = internalsIn(a.body);
    if (leak) fail(p, a, `internal details in the response (${leak})`);
    before = after;
  }
  counts.seconds = Math.round((Date.now() - started) / 1000);
  return summarize(lane.name, payloads.length, failures, counts);
}

const results = new Map<ApiLane, LaneResult>();

beforeAll(async () => {
  console.log(`fuzz-api: FUZZ_SEED=${FUZZ_SEED} FUZZ_RUNS=${FUZZ_RUNS}`);
  const other = await makeLab("Other");
  const otherGig = await gigOf(other, "Other lab secret draft");
  const contexts = new Map<ApiLane, ApiCtx>();
  for (const lane of LANES) contexts.set(lane, await lane.setup(other, otherGig));
  const t0 = Date.now();
  const serverErrors = collectServerErrors();
  await pool(LANES, 8, async (lane) => {
    results.set(lane, await runLane(lane, contexts.get(lane)!, FUZZ_SEED + 1000 + LANES.indexOf(lane)));
  });
  serverErrors.restore();
  serverErrors.report("fuzz-api");
  const total = [...results.values()].reduce((n, r) => n + r.sent, 0);
  console.log(`fuzz-api: ${total} requests in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}, 600_000);

afterAll(() => closeSnapshots());

describe("API fuzzing", () => {
  it("every /api/v1 route file has fuzz lanes with at least FUZZ_RUNS requests", () => {
    const perFile = new Map<string, number>();
    for (const lane of LANES) perFile.set(lane.file, (perFile.get(lane.file) ?? 0) + lane.runs);
    const missing = routeFiles().filter((f) => f.startsWith("api/api.v1.") && (perFile.get(f) ?? 0) < FUZZ_RUNS);
    expect(missing, `API endpoints without (enough) fuzzing: ${missing.join(", ")}`).toEqual([]);
  });

  for (const lane of LANES) {
    it(`${lane.name}: never 5xx, always JSON problems, no change on rejection or read, legitimate writes, own lab only`, () => {
      const r = results.get(lane);
      expect(r).toBeDefined();
      console.log(
        `${lane.name}: ${r!.sent} requests, ${JSON.stringify(r!.counts)}${r!.lines.length ? `\n  ${r!.lines.join("\n  ")}` : ""}`,
      );
      expect(r!.sent).toBe(lane.runs);
      // The per-token limit (600/min) must not have masked the fuzzing.
      expect(r!.counts["429"]).toBe(0);
      expect(r!.lines).toEqual([]);
    });
  }
});
