/**
 * Input fuzzing of every form action (Reliability issue): for each route file with an action,
 * at least FUZZ_RUNS (500) malformed payloads generated with fast-check, sent by a role that is
 * allowed to use the form, with a valid CSRF token and the browser's Origin: wrong types,
 * missing fields, repeated keys (arrays where scalars are expected), 100k-character strings,
 * unicode edge cases (emoji, RTL, NUL, lone surrogates, combining marks), SQL and HTML/script
 * injection, huge/negative/NaN/Infinity numbers, impossible dates, junk field names, broken
 * encodings (bad percent-escapes, invalid UTF-8, JSON or text bodies) and mutations of a valid
 * submission. Most go to the single-fetch endpoint (`<path>.data`, what JavaScript forms use),
 * a quarter as plain document POSTs (what forms without JavaScript use, rendering the page).
 *
 * Each endpoint ("lane") works on its own users/labs/gigs. Lanes run 8 at a time; within a lane
 * requests are sequential so every request can be checked on its own:
 *   - never a 5xx, never internals (stack traces, file paths, Prisma errors) in the body;
 *   - rejected (4xx): the lane's rows (checksum of the tables it may write) are unchanged;
 *   - accepted (2xx/3xx): the lane's rows still satisfy the domain rules (lengths, ranges,
 *     enums, dates, ownership), i.e. the change is one a valid form could make;
 *   - document responses never reflect an injected <script>/<img onerror> unescaped.
 *
 * The last describe block stores script payloads through valid forms and checks every page that
 * renders them escapes them (stored XSS), plus CSV formula injection in the insights export.
 *
 * FUZZ_SEED=<n> replays a run; FUZZ_RUNS=<n> changes the payload count per endpoint;
 * FUZZ_FILES=a.tsx,b.tsx fuzzes only those route files' lanes (a quick check while working on them).
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { Agent } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { FORMAT_KEYS, GENRE_KEYS, MODALITY_KEYS, ROLE_KEYS, TASK_TYPE_KEYS } from "~/domain/taxonomy";
import { hashPassword } from "~/password.server";
import { transitionApplication } from "~/services/applications.server";
import { requestPasswordReset } from "~/services/auth.server";
import { changeGigStatus, createGig } from "~/services/gigs.server";
import { inviteMember } from "~/services/labs.server";
import { createEndpoint } from "~/services/webhooks.server";
import { createRule, seedTransferRules } from "~/services/transfer.server";
import { createScreener } from "~/services/screeners.server";
import { type SessionUser, createSession } from "~/session.server";
import { Client, PASSWORD, logIn, signUp } from "../setup/http";
import { useTestServer } from "../setup/server";
import { FULL_GIG, apiTokenFor, labWithOpenGig, staff } from "./fixtures";
import {
  FUZZ_RUNS,
  FUZZ_SEED,
  type Failure,
  closeSnapshots,
  collectServerErrors,
  EDGE_VALUES,
  describeValue,
  inlineHandlers,
  internalsIn,
  junkFieldName,
  junkString,
  lit,
  litList,
  randomIp,
  reflectedXss,
  rowsOf,
  snapshot,
  summarize,
  useShortKeepAlive,
} from "./fuzz-helpers";
import { hasAction, pool, routeFiles, routeSource, singleFetchUrl } from "./matrix-helpers";
import { LAB_DESCRIPTION_MAX } from "~/domain/lab-profile";
import { isValidTimeZone } from "~/domain/time";

useShortKeepAlive();
const base = await useTestServer();

// ---------------------------------------------------------------------------------- lanes

type Fields = Record<string, string | string[]>;

interface LaneCtx {
  client: Client;
  path: string;
  fields: string[];
  intents?: string[];
  /** Real values for some fields (ids, enum keys), mixed with junk so deeper code paths run. */
  ids?: Record<string, readonly string[]>;
  /** Valid submissions; mutants of these (1-3 fields broken) are half of the payloads. */
  valid?: fc.Arbitrary<Fields>;
  /** Checksum parts (SQL) of every row this endpoint may write. */
  scope: () => string[];
  /** After an accepted request: broken domain rules in the lane's rows (empty = legitimate). */
  legit?: (sent: FormPayload, answer: Answer) => Promise<string[]>;
  /** A fresh session per request (for log-out, which ends it). */
  freshSession?: () => Promise<string>;
  /** Users this lane owns (their rows are out of every other lane's scope). */
  ownedUsers: string[];
  ownedLabs?: string[];
  /** Name under which the lane's users are registered in OWNED (default: the lane name). */
  owner?: string;
}

/** Rules that belong to one lane (out of the new-rule lane's scope). */
const RULES_OWNED: string[] = [];

interface Lane {
  file: string;
  name: string;
  runs: number;
  setup: () => Promise<LaneCtx>;
}

/**
 * Who owns which users, labs and emails (filled in after every lane's set-up), so the lanes that
 * create accounts (sign-up, join-lab, admin) can scope their snapshots to rows no other lane
 * touches while all lanes run at the same time.
 */
const OWNED = { users: new Map<string, string>(), labs: new Set<string>(), joinEmail: "" };
const ownedByOthers = (lane: string) => [...OWNED.users].filter(([, owner]) => owner !== lane).map(([id]) => id);

interface FormPayload {
  fields: [string, string][];
  encoding: "urlencoded" | "multipart" | "raw" | "json" | "text";
  viaData: boolean;
  files: [string, string][];
  raw: Uint8Array;
}

interface Answer {
  status: number;
  location: string | null;
  body: string;
}

/** The fields the server actually received as form fields (a raw body sends its own bytes). */
const sentFields = (p: FormPayload) => (p.encoding === "raw" ? [] : p.fields);

const STAGE_KEYS = [
  "APPLIED",
  "SHORTLISTED",
  "SCREENING",
  "OFFERED",
  "CONTRACTING",
  "PAYMENT_SETUP",
  "TRAINING",
  "ACTIVE",
  "WITHDRAWN",
  "DECLINED",
  "OFFBOARDED",
];
const CURRENCIES = ["USD", "CAD", "GBP", "EUR", "AUD", "NZD", "SEK", "NOK", "DKK", "CHF", "JPY", "KRW", "INR", "MXN", "BRL", "ZAR"];
const YEAR = new Date().getUTCFullYear();
const half = Math.ceil(FUZZ_RUNS / 2);

const RAW_BODIES = [
  "title=%ZZ&x=%",
  "a=%E0%A4%A",
  "%",
  "&&&==&=",
  "a=%00b",
  "a=%ED%A0%80",
  "a=%C0%AF",
  "intent=%FF%FE",
  "a[=1&]b=2",
  "=&=&=",
].map((s) => new TextEncoder().encode(s));

const GIG_FIELDS = [
  "title",
  "description",
  "taskTypes",
  "modality",
  "genres",
  "formats",
  "languages",
  "hoursPerWeek",
  "weeklyCapHours",
  "payAmount",
  "payUnit",
  "payCurrency",
  "minutesPerTask",
  "screeningPaid",
  "screeningRate",
  "onboardingPaid",
  "slots",
  "startDate",
  "endDate",
  "timezoneMinOffset",
  "timezoneMaxOffset",
  "screeningRequired",
  "screeningInstructions",
  "ndaRequired",
  "trainingModules",
  "disclosureTrains",
  "disclosureCreativeUse",
  "disclosureRetention",
  "noticeDays",
  "rateLockDays",
  "minimumPaidHoursPerWeek",
  "killFee",
  "assessmentMinutes",
  "trainingMinutes",
  "assessmentPaidWhen",
  "trainingPaidWhen",
  "changeReason",
  "changeEffectiveDate",
  "intent",
  "acknowledgeLowPay",
];
const GIG_FORM: Fields = {
  title: "Rank generated sitcom dialogue",
  description: "Compare two AI-written scenes and pick the funnier one.",
  taskTypes: ["DIALOGUE_PREFERENCE_RANKING", "COMEDIC_TIMING_EVAL"],
  modality: "TEXT",
  genres: ["COMEDY"],
  formats: ["MULTI_CAM_SITCOM"],
  languages: "en",
  hoursPerWeek: "10",
  weeklyCapHours: "20",
  payAmount: "60",
  payUnit: "HOUR",
  payCurrency: "USD",
  screeningPaid: "on",
  slots: "5",
  startDate: "2027-01-04",
  endDate: "2027-03-31",
  noticeDays: "14",
  rateLockDays: "30",
  assessmentMinutes: "0",
  trainingMinutes: "60",
  disclosureTrains: "A dialogue model for a writing assistant",
  disclosureCreativeUse: "NO",
  disclosureRetention: "Ratings kept for 2 years",
};
const GIG_IDS = {
  taskTypes: TASK_TYPE_KEYS,
  genres: GENRE_KEYS,
  formats: FORMAT_KEYS,
  modality: MODALITY_KEYS,
  payUnit: ["HOUR", "TASK"],
  payCurrency: ["USD", "JPY", "usd", "KWD"],
  disclosureCreativeUse: ["NO", "YES", "UNDECIDED", ""],
  screeningPaid: ["on", "true"],
  screeningRequired: ["on"],
  ndaRequired: ["on"],
  startDate: ["2027-01-04", "2027-02-29"],
  endDate: ["2027-03-31", "2026-01-01"],
  assessmentPaidWhen: ["", "ON_COMPLETION", "IF_ACCEPTED"],
  trainingPaidWhen: ["", "ON_COMPLETION", "IF_ACCEPTED"],
};

const PROFILE_FIELDS = [
  "headline",
  "bio",
  "location",
  "timezone",
  "langCode0",
  "langLevel0",
  "langCode1",
  "langLevel1",
  "hoursPerWeek",
  "minRate",
  "rateCurrency",
  "availableFrom",
  "links",
  "aiUseConsent",
  "demographicsOptIn",
  "demo_gender",
  "demo_ethnicity",
  "demo_ageBand",
  "demo_disability",
  "visibility",
];
const PROFILE_FORM: Fields = {
  headline: "Sitcom writer",
  bio: "Ten years in writers' rooms.",
  location: "Toronto",
  timezone: "America/Toronto",
  langCode0: "en",
  langLevel0: "native",
  hoursPerWeek: "20",
  minRate: "55.50",
  rateCurrency: "CAD",
  availableFrom: "2027-05-01",
  links: "https://example.com/me\nhttp://example.org/reel",
  aiUseConsent: "on",
  demographicsOptIn: "on",
  demo_gender: "Woman",
  visibility: "LABS",
};

const CREDIT_FIELDS = ["intent", "creditId", "showTitle", "network", "format", "genres", "role", "startYear", "endYear", "episodes"];
const CREDIT_FORM: Fields = {
  showTitle: "Cheers",
  network: "NBC",
  format: "MULTI_CAM_SITCOM",
  genres: ["COMEDY"],
  role: "STAFF_WRITER",
  startYear: "1985",
  endYear: "1990",
  episodes: "120",
};

// ---------------------------------------------------------------------------------- fixtures

async function pro(name = "Fuzz Pro") {
  const { client, email } = await signUp(base, { name });
  const user = await db().user.findUniqueOrThrow({ where: { email }, include: { profile: true } });
  return { client, email, userId: user.id, profileId: user.profile!.id };
}

async function lab() {
  const l = await labWithOpenGig(base);
  const slug = (await db().lab.findUniqueOrThrow({ where: { id: l.labId } })).slug;
  return { client: l.owner.client, email: l.owner.email, userId: l.ownerUser.id, labId: l.labId, slug, gigId: l.gig.id, user: l.ownerUser };
}

async function staffBrowser(role: "COORDINATOR" | "ADMIN" = "COORDINATOR") {
  const s = await staff(role);
  return { client: await logIn(base, s.email), email: s.email, userId: s.user.id };
}

const labActor = (u: { id: string; email: string; name: string }, labId: string): SessionUser => ({
  id: u.id,
  sessionId: "fuzz",
  email: u.email,
  name: u.name,
  role: "LAB_MEMBER",
  emailVerified: true,
  labId,
  labSlug: null,
  labRole: "OWNER",
  profileId: null,
  unreadNotifications: 0,
});

async function addCredit(client: Client, extra: Fields = {}) {
  const res = await client.post("/me/profile/credits", { intent: "save", ...CREDIT_FORM, ...extra });
  if (res.status !== 302) throw new Error(`credit: ${res.status}`);
}

async function applyTo(client: Client, gigId: string) {
  const res = await client.post(`/gigs/${gigId}`, { intent: "apply", note: "Keen." });
  if (res.status !== 303) throw new Error(`apply: ${res.status}`);
  return res.headers.get("location")!.split("/").pop()!;
}

/** Applies and makes the application ACTIVE directly (active since yesterday, with its engagement). */
async function activeOn(client: Client, gigId: string) {
  const appId = await applyTo(client, gigId);
  const since = new Date(Date.now() - 86_400_000);
  await db().application.update({ where: { id: appId }, data: { stage: "ACTIVE", stageEnteredAt: since } });
  await db().engagement.create({ data: { applicationId: appId, gigId, activeSince: since, queueSetAt: since } });
  return appId;
}

/** The active phase's rules on one application's rows (the FULL_GIG rate is $60/h). */
async function workRulesBroken(appId: string): Promise<string[]> {
  const bad = await db().$queryRawUnsafe<{ what: string }[]>(
    `SELECT 'entry ' || w.id AS what FROM "WorkEntry" w JOIN "Engagement" e ON e."applicationId" = w."applicationId"
       WHERE w."applicationId" = ${lit(appId)} AND NOT (w.unit = 'HOUR' AND w.quantity BETWEEN 1 AND 1440 AND w."amountCents" = (w.quantity * w."rateCents" + 30) / 60
         AND w."workDate" <= CURRENT_DATE AND w."workDate" >= e."activeSince"::date AND (w.payout <> 'HELD' OR length(w."holdReason") > 0))
     UNION ALL
     SELECT 'engagement ' || e.id FROM "Engagement" e JOIN "Application" a ON a.id = e."applicationId"
       WHERE e."applicationId" = ${lit(appId)} AND NOT (
         (e."queueState" = 'WORK_AVAILABLE' OR (e."checkAgainOn" > CURRENT_DATE AND e."checkAgainOn" <= CURRENT_DATE + 60))
         AND (a.stage <> 'OFFBOARDED' OR (e."offboardReason" IS NOT NULL AND length(e."offboardEvidence") >= 10 AND length(e."offboardDecidedBy") >= 2)))`,
  );
  return bad.map((b) => `${b.what} breaks the active-phase rules`);
}

// ---------------------------------------------------------------------------------- domain rules (SQL)

// Saved screeners (app/domain/screeners.ts): the form's fields, valid submissions, and the rules every stored row keeps.
const SCREENER_FIELDS = [
  "intent",
  "name",
  "tasks[0].taskType",
  "tasks[0].min",
  "tasks[1].taskType",
  "tasks[1].min",
  "languages",
  "minHours",
  "tzMin",
  "tzMax",
  "verifiedOnly",
  "maxRate",
] as const;
function screenerForm(intent: string): fc.Arbitrary<Fields> {
  return fc.record({
    intent: fc.constant(intent),
    name: fc.constantFrom("Comedy raters", "Bilingual pacing pool"),
    "tasks[0].taskType": fc.constantFrom(...TASK_TYPE_KEYS),
    "tasks[0].min": fc.integer({ min: 0, max: 100 }).map(String),
    languages: fc.constantFrom("", "English", "en, Spanish"),
    minHours: fc.constantFrom("", "10", "40"),
    tzMin: fc.constantFrom("", "-8"),
    tzMax: fc.constantFrom("", "2"),
  });
}
/** A lab's screeners: a name, a positive version, and never a rate (the database also refuses one). */
async function screenerRules(labId: string): Promise<string[]> {
  return [
    ...(await broken(
      [
        ["name of 2 to 80 characters", "char_length(name) BETWEEN 2 AND 80"],
        ["no rate filter for a lab", "jsonb_typeof(criteria->'maxRate') IS DISTINCT FROM 'number'"],
        ["at most 3 task types", "jsonb_array_length(criteria->'tasks') <= 3"],
      ],
      "Screener",
      `"labId" = ${lit(labId)}`,
    )),
    ...(await broken(
      [["versions count up from 1", "version >= 1"]],
      "ScreenerVersion",
      `"screenerId" IN (SELECT id FROM "Screener" WHERE "labId" = ${lit(labId)})`,
    )),
  ];
}

async function broken(checks: [string, string][], table: string, where: string): Promise<string[]> {
  const cols = checks.map(([, cond], i) => `NOT coalesce((${cond}), false) AS c${i}`).join(", ");
  const rows = await db().$queryRawUnsafe<Record<string, boolean | string>[]>(`SELECT t.id, ${cols} FROM "${table}" t WHERE ${where}`);
  const out: string[] = [];
  for (const row of rows) {
    checks.forEach(([label], i) => {
      if (row[`c${i}`] === true) out.push(`${table} ${row.id}: ${label}`);
    });
  }
  return out;
}

const arr = (keys: readonly string[]) => `ARRAY[${keys.map(lit).join(",")}]::text[]`;

const GIG_RULES: [string, string][] = [
  ["title 3..140 chars", `char_length(title) BETWEEN 2 AND 140`],
  ["description <= 20000 chars", `char_length(description) <= 20000`],
  ["slots 1..10000", `slots BETWEEN 1 AND 10000`],
  ["hoursPerWeek 1..80", `"hoursPerWeek" IS NULL OR "hoursPerWeek" BETWEEN 1 AND 80`],
  [
    "weeklyCapHours 1..80 and >= hoursPerWeek",
    `"weeklyCapHours" IS NULL OR ("weeklyCapHours" BETWEEN 1 AND 80 AND ("hoursPerWeek" IS NULL OR "weeklyCapHours" >= "hoursPerWeek"))`,
  ],
  ["pay 0..100,000 major units", `"payAmountCents" IS NULL OR "payAmountCents" BETWEEN 0 AND 100000000`],
  ["screening rate 0..100,000", `"screeningRateCents" IS NULL OR "screeningRateCents" BETWEEN 0 AND 100000000`],
  ["currency is 3 capitals", `"payCurrency" ~ '^[A-Z]{3}$'`],
  ["minutesPerTask 1..600", `"minutesPerTask" IS NULL OR "minutesPerTask" BETWEEN 1 AND 600`],
  ["end date >= start date", `"startDate" IS NULL OR "endDate" IS NULL OR "endDate" >= "startDate"`],
  [
    "terms in range",
    `("noticeDays" IS NULL OR "noticeDays" BETWEEN 0 AND 365) AND ("rateLockDays" IS NULL OR "rateLockDays" BETWEEN 0 AND 730) AND ("assessmentMinutes" IS NULL OR "assessmentMinutes" >= 0) AND ("trainingMinutes" IS NULL OR "trainingMinutes" >= 0) AND "assessmentPaidWhen" IN ('', 'ON_COMPLETION', 'IF_ACCEPTED') AND "trainingPaidWhen" IN ('', 'ON_COMPLETION', 'IF_ACCEPTED')`,
  ],
  [
    "time zone offsets -720..840, ordered",
    `("timezoneMinOffset" IS NULL OR "timezoneMinOffset" BETWEEN -720 AND 840) AND ("timezoneMaxOffset" IS NULL OR "timezoneMaxOffset" BETWEEN -720 AND 840) AND ("timezoneMinOffset" IS NULL OR "timezoneMaxOffset" IS NULL OR "timezoneMaxOffset" >= "timezoneMinOffset")`,
  ],
  ["known task types, at most 10", `cardinality("taskTypes") <= 10 AND "taskTypes" <@ ${arr(TASK_TYPE_KEYS)}`],
  [
    "known genres/formats, at most 20",
    `cardinality(genres) <= 20 AND genres <@ ${arr(GENRE_KEYS)} AND cardinality(formats) <= 20 AND formats <@ ${arr(FORMAT_KEYS)}`,
  ],
  ["known modality", `modality = ANY(${arr(MODALITY_KEYS)})`],
  ["language codes", `cardinality(languages) <= 20 AND NOT EXISTS (SELECT 1 FROM unnest(languages) l WHERE l !~ '^[a-z]{2,3}$')`],
  [
    "training modules 1..120 chars, at most 20",
    `cardinality("trainingModules") <= 20 AND NOT EXISTS (SELECT 1 FROM unnest("trainingModules") m WHERE char_length(m) NOT BETWEEN 1 AND 120)`,
  ],
  [
    "disclosure answers",
    `"disclosureCreativeUse" IN ('', 'NO', 'YES', 'UNDECIDED') AND char_length("disclosureTrains") <= 2000 AND char_length("disclosureRetention") <= 2000`,
  ],
  [
    "screening instructions when screening is required",
    `(NOT "screeningRequired" OR "screeningInstructions" <> '') AND char_length("screeningInstructions") <= 5000`,
  ],
  ["closed reason <= 2000 chars", `"closedReason" IS NULL OR char_length("closedReason") <= 2000`],
];

const CREDIT_RULES: [string, string][] = [
  ["show title 1..200 chars", `char_length("showTitle") BETWEEN 1 AND 200`],
  ["network <= 120 chars", `char_length(network) <= 120`],
  ["known format and role", `format = ANY(${arr(FORMAT_KEYS)}) AND role = ANY(${arr(ROLE_KEYS)})`],
  ["known genres, at most 6", `cardinality(genres) <= 6 AND genres <@ ${arr(GENRE_KEYS)}`],
  [
    "years 1950..now, end >= start",
    `"startYear" BETWEEN 1950 AND ${YEAR} AND ("endYear" IS NULL OR "endYear" BETWEEN "startYear" AND ${YEAR})`,
  ],
  ["episodes 1..2000", `episodes BETWEEN 1 AND 2000`],
];

const PROFILE_RULES: [string, string][] = [
  [
    "headline <= 140, bio <= 4000, location <= 120 chars",
    `char_length(headline) <= 140 AND char_length(bio) <= 4000 AND char_length(location) <= 120`,
  ],
  ["hoursPerWeek 1..80", `"hoursPerWeek" IS NULL OR "hoursPerWeek" BETWEEN 1 AND 80`],
  ["min rate above 0, at most 10,000", `"minRateCents" IS NULL OR "minRateCents" BETWEEN 1 AND 1000000`],
  ["known currency", `"rateCurrency" = ANY(${arr(CURRENCIES)})`],
  [
    "at most 10 http(s) links of <= 500 chars",
    `cardinality(links) <= 10 AND NOT EXISTS (SELECT 1 FROM unnest(links) l WHERE l !~* '^https?://' OR char_length(l) > 500)`,
  ],
  ["demographics only with opt-in", `"demographicsOptIn" OR demographics IS NULL`],
  ["at most 6 languages", `jsonb_array_length(languages) <= 6`],
];

function timeZoneOk(tz: string) {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------- the lanes

const LANES: Lane[] = [
  {
    file: "site/verify.tsx",
    name: "verify a work credential (anyone)",
    runs: FUZZ_RUNS,
    async setup() {
      return {
        client: new Client(base),
        path: "/verify",
        fields: ["document"],
        valid: fc.constantFrom<Fields>({ document: "{}" }, { document: '{"credential":{},"proof":{}}' }),
        scope: () => [rowsOf("WorkCredential", "true"), rowsOf("SigningKey", "true")],
        ownedUsers: [],
      };
    },
  },
  {
    file: "me/account.tsx",
    name: "account: preferences and password change",
    runs: FUZZ_RUNS,
    async setup() {
      const p = await pro();
      return {
        client: p.client,
        path: "/account",
        fields: ["intent", "current", "password", "confirm", "emailNotifications", "timeZone"],
        intents: ["password", "preferences", "time-zone"],
        ids: { current: [PASSWORD], emailNotifications: ["on"], timeZone: ["", "America/Los_Angeles", "Asia/Kolkata", "UTC"] },
        valid: fc.constantFrom<Fields>(
          { intent: "preferences", emailNotifications: "on" },
          { intent: "preferences" },
          { intent: "password", current: PASSWORD, password: "brand new password 1", confirm: "brand new password 1" },
          { intent: "time-zone", timeZone: "Europe/Paris" },
          { intent: "time-zone", timeZone: "" },
        ),
        scope: () => [rowsOf("User", `id = ${lit(p.userId)}`)],
        legit: async () => {
          const u = await db().user.findUniqueOrThrow({ where: { id: p.userId } });
          const problems =
            u.email === p.email && u.role === "PROFESSIONAL" && !u.disabledAt ? [] : ["account: email, role or status changed"];
          if (u.timeZone !== null && !isValidTimeZone(u.timeZone))
            problems.push(`account: stored an unknown time zone ${JSON.stringify(u.timeZone)}`);
          return problems;
        },
        ownedUsers: [p.userId],
      };
    },
  },
  {
    file: "admin/admin._index.tsx",
    name: "admin: create staff, enable/disable",
    runs: FUZZ_RUNS,
    async setup() {
      const a = await staffBrowser("ADMIN");
      const victim = await staff("COORDINATOR");
      return {
        client: a.client,
        path: "/admin",
        fields: ["intent", "name", "email", "password", "role", "userId"],
        intents: ["create", "toggle"],
        ids: { userId: [victim.user.id, a.userId], role: ["COORDINATOR", "ADMIN"] },
        valid: fc.oneof(
          fc.nat({ max: 10_000 }).map(
            (n): Fields => ({
              intent: "create",
              name: "New Staff",
              email: `staff-${n}@fuzz-admin.test`,
              password: "long enough password",
              role: "COORDINATOR",
            }),
          ),
          fc.constant<Fields>({ intent: "toggle", userId: victim.user.id }),
        ),
        // Staff accounts no other lane uses (this lane creates and disables them), and their sessions.
        scope: () => {
          const staffRows = `role IN ('COORDINATOR', 'ADMIN') AND id NOT IN (${litList(ownedByOthers("admin"))})`;
          return [rowsOf("User", staffRows), rowsOf("Session", `"userId" IN (SELECT id FROM "User" WHERE ${staffRows})`)];
        },
        legit: async () => {
          const me = await db().user.findUniqueOrThrow({ where: { id: a.userId } });
          const staffRows = await db().user.findMany({ where: { role: { in: ["COORDINATOR", "ADMIN"] } } });
          const bad = staffRows.filter(
            (u) =>
              u.name !== u.name.trim() ||
              u.name.length > 120 ||
              !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(u.email) ||
              u.email !== u.email.toLowerCase(),
          );
          return [
            ...(me.disabledAt ? ["the admin disabled their own account"] : []),
            ...bad.map((u) => `staff user ${u.id} has an invalid name/email`),
          ];
        },
        ownedUsers: [a.userId, victim.user.id],
        owner: "admin",
      };
    },
  },
  {
    file: "coord/coord.gigs.$id_.candidates.$applicationId_.work.tsx",
    name: "lab: record work, payouts, queue, offboarding for one person",
    runs: FUZZ_RUNS,
    async setup() {
      const l = await lab();
      const p = await pro();
      const appId = await activeOn(p.client, l.gigId);
      const today = new Date().toISOString().slice(0, 10);
      const soon = new Date(Date.now() + 4 * 86_400_000).toISOString().slice(0, 10);
      return {
        client: l.client,
        path: `/coord/gigs/${l.gigId}/candidates/${appId}/work`,
        fields: [
          "intent",
          "workDate",
          "amount",
          "note",
          "clientEntryId",
          "state",
          "reason",
          "checkAgainOn",
          "entryId",
          "to",
          "version",
          "reasonCode",
          "evidence",
          "decidedBy",
        ],
        intents: ["record", "queue", "accept", "reject", "payout", "hold", "offboard"],
        ids: {
          state: ["WORK_AVAILABLE", "NO_WORK"],
          reason: ["PROJECT_PAUSED", "CAPACITY_FULL"],
          to: ["APPROVED", "PAID", "HELD", "PENDING"],
          reasonCode: ["PROJECT_ENDED", "CONDUCT"],
        },
        valid: fc.constantFrom<Fields>(
          { intent: "record", workDate: today, amount: "1.5", note: "Batch", clientEntryId: "f-1" },
          { intent: "queue", state: "NO_WORK", reason: "PROJECT_PAUSED", checkAgainOn: soon, note: "Client review" },
          {
            intent: "offboard",
            version: "0",
            reasonCode: "PROJECT_ENDED",
            evidence: "The client closed the project on Friday.",
            decidedBy: "Lab Lead",
          },
        ),
        scope: () => [
          rowsOf("WorkEntry", `"applicationId" = ${lit(appId)}`),
          rowsOf("Engagement", `"applicationId" = ${lit(appId)}`),
          rowsOf("Application", `id = ${lit(appId)}`),
        ],
        legit: () => workRulesBroken(appId),
        ownedUsers: [l.userId, p.userId],
        ownedLabs: [l.labId],
      };
    },
  },
  {
    file: "coord/coord.gigs.$id_.work.tsx",
    name: "lab: queue status for everyone on a gig",
    runs: FUZZ_RUNS,
    async setup() {
      const l = await lab();
      const p = await pro();
      const appId = await activeOn(p.client, l.gigId);
      const soon = new Date(Date.now() + 4 * 86_400_000).toISOString().slice(0, 10);
      return {
        client: l.client,
        path: `/coord/gigs/${l.gigId}/work`,
        fields: ["intent", "state", "reason", "checkAgainOn", "note", "applicationIds"],
        intents: ["queue"],
        ids: { state: ["WORK_AVAILABLE", "NO_WORK"], reason: ["AWAITING_CLIENT", "QUALITY_REVIEW"], applicationIds: [appId] },
        valid: fc.constant<Fields>({ intent: "queue", state: "NO_WORK", reason: "AWAITING_CLIENT", checkAgainOn: soon, note: "" }),
        scope: () => [rowsOf("Engagement", `"applicationId" = ${lit(appId)}`)],
        legit: () => workRulesBroken(appId),
        ownedUsers: [l.userId, p.userId],
        ownedLabs: [l.labId],
      };
    },
  },
  {
    file: "me/me.applications.$id_.work.tsx",
    name: "professional: report work",
    runs: FUZZ_RUNS,
    async setup() {
      const l = await lab();
      const p = await pro();
      const appId = await activeOn(p.client, l.gigId);
      const today = new Date().toISOString().slice(0, 10);
      return {
        client: p.client,
        path: `/me/applications/${appId}/work`,
        fields: ["intent", "workDate", "amount", "note", "clientEntryId"],
        intents: ["record"],
        valid: fc.constant<Fields>({ intent: "record", workDate: today, amount: "2", note: "", clientEntryId: "p-1" }),
        scope: () => [rowsOf("WorkEntry", `"applicationId" = ${lit(appId)}`)],
        legit: () => workRulesBroken(appId),
        ownedUsers: [l.userId, p.userId],
        ownedLabs: [l.labId],
      };
    },
  },
  {
    file: "coord/coord._index.tsx",
    name: "coordinator: answer a review request",
    runs: FUZZ_RUNS,
    async setup() {
      const c = await staffBrowser();
      const l = await lab();
      const p = await pro();
      const appId = await applyTo(p.client, l.gigId);
      const declined = await transitionApplication(
        appId,
        "DECLINED",
        { id: c.userId, role: "COORDINATOR", profileId: null, labId: null },
        { reason: "Not this time." },
      );
      if (!declined.ok) throw new Error(JSON.stringify(declined));
      const res = await p.client.post(`/me/applications/${appId}`, {
        intent: "appeal",
        message: "Please take another look at my credits.",
      });
      if (res.status !== 303) throw new Error(`appeal: ${res.status}`);
      const appeal = await db().appeal.findFirstOrThrow({ where: { applicationId: appId } });
      return {
        client: c.client,
        path: "/coord",
        fields: ["intent", "appealId", "outcome"],
        intents: ["answer"],
        ids: { appealId: [appeal.id] },
        valid: fc.constant<Fields>({ intent: "answer", appealId: appeal.id, outcome: "We reviewed it and stand by the decision." }),
        scope: () => [rowsOf("Appeal", `"applicationId" = ${lit(appId)}`), rowsOf("Notification", `"userId" = ${lit(p.userId)}`)],
        legit: () =>
          broken(
            [
              ["answered with an outcome of 5..2000 chars", `status = 'ANSWERED' AND char_length(outcome) BETWEEN 2 AND 2000`],
              ["answered by the coordinator", `"answeredById" = ${lit(c.userId)}`],
            ],
            "Appeal",
            `"applicationId" = ${lit(appId)}`,
          ),
        ownedUsers: [c.userId, l.userId, p.userId],
        ownedLabs: [l.labId],
      };
    },
  },
  {
    file: "coord/coord.sla.tsx",
    name: "coordinator: stage SLAs",
    runs: FUZZ_RUNS,
    async setup() {
      const c = await staffBrowser();
      const stages = ["APPLIED", "INVITED", "SHORTLISTED", "SCREENING", "OFFERED", "CONTRACTING", "PAYMENT_SETUP", "TRAINING"];
      const day = fc.oneof(fc.constant(""), fc.integer({ min: 1, max: 90 }).map(String));
      return {
        client: c.client,
        path: "/coord/sla",
        fields: [...stages, "ACTIVE", "DECLINED"],
        ids: {},
        valid: fc.record(Object.fromEntries(stages.map((s) => [s, day]))) as fc.Arbitrary<Fields>,
        // StageSla is keyed by stage (no id column), so its checksum is spelled out here.
        scope: () => [
          `(SELECT 'StageSla:' || count(*) || ':' || md5(coalesce(string_agg((to_jsonb(t) - 'updatedAt')::text, '|' ORDER BY t.stage), '')) FROM "StageSla" t)`,
        ],
        legit: async () => {
          const rows = await db().stageSla.findMany();
          return rows
            .filter(
              (r) =>
                (r.days !== null && (r.days < 1 || r.days > 90)) || ["ACTIVE", "WITHDRAWN", "DECLINED", "OFFBOARDED"].includes(r.stage),
            )
            .map((r) => `StageSla ${r.stage}: days ${r.days} is not empty or 1..90, or the stage cannot have an SLA`);
        },
        ownedUsers: [c.userId],
      };
    },
  },
  {
    file: "coord/coord.gigs.$id.tsx",
    name: "pipeline board: move, score, invite, bulk actions",
    runs: FUZZ_RUNS,
    async setup() {
      const c = await staffBrowser();
      const l = await lab();
      const [p1, p2, p3] = [await pro("Pipe One"), await pro("Pipe Two"), await pro("Pipe Three")];
      const a1 = await applyTo(p1.client, l.gigId);
      const a2 = await applyTo(p2.client, l.gigId);
      const applicants = [p1.userId, p2.userId, p3.userId];
      const versions = ["0", "1", "2", "3"];
      return {
        client: c.client,
        path: `/coord/gigs/${l.gigId}`,
        fields: [
          "intent",
          "applicationId",
          "version",
          "to",
          "reason",
          "select",
          "score",
          "feedback",
          "message",
          "profileId",
          "coordinatorId",
          "source",
        ],
        intents: ["move", "score", "invite", "bulk-move", "bulk-message", "assign"],
        ids: {
          applicationId: [a1, a2],
          profileId: [p3.profileId, p1.profileId],
          to: STAGE_KEYS,
          select: [`${a1}:0`, `${a1}:1`, `${a2}:0`, `${a2}:2`],
          version: versions,
          score: ["0", "50", "100"],
          coordinatorId: [c.userId, "", l.userId],
        },
        valid: fc.oneof(
          fc.record({
            intent: fc.constant("move"),
            applicationId: fc.constantFrom(a1, a2),
            version: fc.constantFrom(...versions),
            to: fc.constantFrom(...STAGE_KEYS),
            reason: fc.constant("Strong credits."),
          }),
          fc.record({
            intent: fc.constant("score"),
            applicationId: fc.constantFrom(a1, a2),
            version: fc.constantFrom(...versions),
            score: fc.constant("80"),
            feedback: fc.constant("Good"),
          }),
          fc.constant<Fields>({ intent: "bulk-message", select: [`${a1}:0`, `${a2}:0`], message: "Hello from the lab." }),
          fc.constant<Fields>({ intent: "invite", profileId: p3.profileId }),
          fc.constant<Fields>({ intent: "assign", coordinatorId: c.userId }),
        ),
        scope: () => [
          rowsOf("Application", `"gigId" = ${lit(l.gigId)}`),
          rowsOf("StageTransition", `"applicationId" IN (SELECT id FROM "Application" WHERE "gigId" = ${lit(l.gigId)})`),
          rowsOf("Notification", `"userId" IN (${litList(applicants)})`),
          rowsOf("Message", `"applicationId" IN (SELECT id FROM "Application" WHERE "gigId" = ${lit(l.gigId)})`),
          rowsOf("Gig", `id = ${lit(l.gigId)}`),
        ],
        legit: async () => [
          ...(await broken(
            [
              ["reason <= 1000 chars", `"lastReason" IS NULL OR char_length("lastReason") <= 1000`],
              ["only the three test professionals", `"profileId" IN (${litList([p1.profileId, p2.profileId, p3.profileId])})`],
            ],
            "Application",
            `"gigId" = ${lit(l.gigId)}`,
          )),
          ...(await broken(
            [["responsible coordinator is staff or nobody", `"coordinatorId" IS NULL OR "coordinatorId" = ${lit(c.userId)}`]],
            "Gig",
            `id = ${lit(l.gigId)}`,
          )),
          ...(await broken(
            [["message <= 2000 chars", `char_length(body) <= 2000`]],
            "Notification",
            `"userId" IN (${litList(applicants)})`,
          )),
          ...(await broken(
            [["bulk message 1..2000 chars by the coordinator", `char_length(body) BETWEEN 1 AND 2000 AND "authorId" = ${lit(c.userId)}`]],
            "Message",
            `"applicationId" IN (SELECT id FROM "Application" WHERE "gigId" = ${lit(l.gigId)})`,
          )),
        ],
        ownedUsers: [c.userId, l.userId, ...applicants],
        ownedLabs: [l.labId],
      };
    },
  },
  {
    file: "coord/coord.gigs.$id_.candidates.$applicationId.tsx",
    name: "candidate view: move and score one application",
    runs: FUZZ_RUNS,
    async setup() {
      const c = await staffBrowser();
      const l = await lab();
      const p1 = await pro("Candidate One");
      const a1 = await applyTo(p1.client, l.gigId);
      const versions = ["0", "1", "2", "3"];
      return {
        client: c.client,
        path: `/coord/gigs/${l.gigId}/candidates/${a1}`,
        fields: ["intent", "version", "to", "reason", "score", "feedback", "applicationId", "body", "messageId"],
        intents: ["move", "score", "message", "hide"],
        ids: { to: STAGE_KEYS, version: versions, score: ["0", "50", "100"], applicationId: [a1] },
        valid: fc.oneof(
          fc.record({
            intent: fc.constant("move"),
            version: fc.constantFrom(...versions),
            to: fc.constantFrom(...STAGE_KEYS),
            reason: fc.constant("Strong credits."),
          }),
          fc.record({
            intent: fc.constant("score"),
            version: fc.constantFrom(...versions),
            score: fc.constant("80"),
            feedback: fc.constant("Good"),
          }),
          fc.record({
            intent: fc.constant("message"),
            body: fc.constantFrom("Could you start on Monday?", "See https://example.com/brief"),
          }),
          fc.record({ intent: fc.constant("hide"), messageId: fc.constant("none"), reason: fc.constant("Off topic") }),
        ),
        scope: () => [
          rowsOf("Message", `"applicationId" = ${lit(a1)}`),
          rowsOf("Application", `"gigId" = ${lit(l.gigId)}`),
          rowsOf("StageTransition", `"applicationId" IN (SELECT id FROM "Application" WHERE "gigId" = ${lit(l.gigId)})`),
          rowsOf("Notification", `"userId" = ${lit(p1.userId)}`),
        ],
        legit: async () => [
          ...(await broken(
            [
              ["reason <= 1000 chars", `"lastReason" IS NULL OR char_length("lastReason") <= 1000`],
              ["only the one application", `id = ${lit(a1)}`],
              ["screening feedback <= 2000 chars", `char_length(coalesce(checklist->'screening'->>'feedback', '')) <= 2000`],
            ],
            "Application",
            `"gigId" = ${lit(l.gigId)}`,
          )),
          ...(await broken(
            [
              ["message body 1..4000 chars, trimmed", `char_length(body) BETWEEN 1 AND 4000 AND body = btrim(body, E' \\t\\n')`],
              ["written by the coordinator", `"authorId" = ${lit(c.userId)} AND "authorRole" = 'COORDINATOR'`],
              ["hidden only with a reason", `"hiddenAt" IS NULL OR char_length("hiddenReason") BETWEEN 3 AND 500`],
            ],
            "Message",
            `"applicationId" = ${lit(a1)}`,
          )),
        ],
        ownedUsers: [c.userId, l.userId, p1.userId],
        ownedLabs: [l.labId],
      };
    },
  },
  ...(["new", "existing"] as const).map(
    (which): Lane => ({
      file: "coord/coord.rules.$id.tsx",
      name: `transfer rule editor (${which} rule)`,
      runs: half,
      async setup() {
        const c = await staffBrowser();
        const rule = await createRule(
          {
            role: "SCRIPT_COORDINATOR",
            taskType: "DIALOGUE_PREFERENCE_RANKING",
            weight: 0.4,
            rationale: "Script coordinators read every draft closely.",
          },
          { id: c.userId, role: "COORDINATOR" },
          `fuzz-${which}-${Date.now()}`,
        );
        if (!rule.ok) throw new Error(JSON.stringify(rule.errors));
        if (which === "existing") RULES_OWNED.push(rule.rule.id);
        return {
          client: c.client,
          path: which === "new" ? "/coord/rules/new" : `/coord/rules/${rule.rule.id}`,
          fields: ["intent", "key", "role", "department", "format", "genre", "taskType", "weight", "rationale", "version"],
          intents: ["save", "retire", "restore"],
          ids: {
            role: ROLE_KEYS.slice(0, 20),
            taskType: TASK_TYPE_KEYS,
            format: FORMAT_KEYS,
            genre: GENRE_KEYS,
            version: ["1", "2", "3"],
            weight: ["0", "0.5", "1"],
          },
          valid: fc.record({
            role: fc.constantFrom("STAFF_WRITER", "SHOWRUNNER", "EDITOR"),
            taskType: fc.constantFrom(...TASK_TYPE_KEYS),
            weight: fc.constantFrom("0.25", "0.5", "0.9"),
            rationale: fc.constant("They read and rank scenes all day long."),
            key: fc.nat({ max: 100_000 }).map((n) => `fuzz-rule-${n}`),
          }),
          // The new-rule lane may create rules anywhere except the two rules other lanes own.
          scope: () =>
            which === "new"
              ? [
                  rowsOf("TransferRule", `id NOT IN (${litList(RULES_OWNED)})`),
                  rowsOf("TransferRuleVersion", `"ruleId" NOT IN (${litList(RULES_OWNED)})`),
                ]
              : [rowsOf("TransferRule", `id = ${lit(rule.rule.id)}`), rowsOf("TransferRuleVersion", `"ruleId" = ${lit(rule.rule.id)}`)],
          legit: () =>
            broken(
              [
                ["weight 0..1", `weight >= 0 AND weight <= 1`],
                ["rationale 10..1000 chars", `char_length(rationale) BETWEEN 5 AND 1000`],
                ["key format", `char_length(key) <= 120 AND key ~ '^[a-z0-9_+>.-]*$'`],
                ["known task type", `"taskType" = ANY(${arr(TASK_TYPE_KEYS)})`],
              ],
              "TransferRule",
              "true",
            ),
          ownedUsers: [c.userId],
        };
      },
    }),
  ),
  {
    file: "coord/coord.rules._index.tsx",
    name: "transfer rules: recompute all",
    runs: FUZZ_RUNS,
    async setup() {
      const c = await staffBrowser();
      const rule = await createRule(
        { role: "EDITOR", taskType: "DIALOGUE_PREFERENCE_RANKING", weight: 0.3, rationale: "Editors judge pacing and dialogue every day." },
        { id: c.userId, role: "COORDINATOR" },
        `fuzz-recompute-${Date.now()}`,
      );
      if (!rule.ok) throw new Error(JSON.stringify(rule.errors));
      RULES_OWNED.push(rule.rule.id);
      return {
        client: c.client,
        path: "/coord/rules",
        fields: ["intent"],
        // Recomputing every profile is slow: ask for it in about one payload in ten.
        intents: ["nope", "Recompute", "recompute ", "", "delete"],
        ids: { intent: ["recompute"] },
        // Recomputing writes only derived transfer scores (excluded from every snapshot): it must
        // never change a rule (here: one that only this lane knows).
        scope: () => [
          rowsOf("TransferRule", `id = ${lit(rule.rule.id)}`),
          rowsOf("TransferRuleVersion", `"ruleId" = ${lit(rule.rule.id)}`),
        ],
        ownedUsers: [c.userId],
      };
    },
  },
  {
    file: "auth/forgot-password.tsx",
    name: "forgot password",
    runs: FUZZ_RUNS,
    async setup() {
      const p = await pro();
      return {
        client: new Client(base),
        path: "/forgot-password",
        fields: ["email"],
        ids: { email: [p.email, p.email.toUpperCase(), `  ${p.email}  `] },
        valid: fc.constant<Fields>({ email: p.email }),
        scope: () => [rowsOf("AuthToken", `"userId" = ${lit(p.userId)}`), rowsOf("User", `id = ${lit(p.userId)}`)],
        legit: () =>
          broken(
            [["reset tokens expire within an hour", `kind <> 'RESET_PASSWORD' OR "expiresAt" <= now() + interval '61 minutes'`]],
            "AuthToken",
            `"userId" = ${lit(p.userId)}`,
          ),
        ownedUsers: [p.userId],
      };
    },
  },
  {
    file: "lab/gigs_.$id.edit.tsx",
    name: "edit a gig",
    runs: FUZZ_RUNS,
    async setup() {
      const l = await lab();
      const draft = await createGig(l.labId, { ...FULL_GIG, title: "Draft to edit" }, { id: l.userId, role: "LAB_MEMBER" });
      if (!draft.ok) throw new Error("draft");
      const gigId = draft.gig.id;
      return {
        client: l.client,
        path: `/gigs/${gigId}/edit`,
        fields: GIG_FIELDS,
        ids: GIG_IDS,
        valid: fc.constant(GIG_FORM),
        scope: () => [rowsOf("Gig", `id = ${lit(gigId)}`)],
        legit: () =>
          broken(
            [...GIG_RULES, ["still a draft of the same lab", `status = 'DRAFT' AND "labId" = ${lit(l.labId)}`]],
            "Gig",
            `id = ${lit(gigId)}`,
          ),
        ownedUsers: [l.userId],
        ownedLabs: [l.labId],
      };
    },
  },
  {
    file: "site/gigs.$id.tsx",
    name: "gig page as its lab: status changes",
    runs: half,
    async setup() {
      const l = await lab();
      return {
        client: l.client,
        path: `/gigs/${l.gigId}`,
        fields: ["intent", "to", "reason", "acknowledgeLowPay", "note"],
        intents: ["status", "apply"],
        ids: { to: ["OPEN", "PAUSED", "CLOSED", "DRAFT"], acknowledgeLowPay: ["on"] },
        valid: fc.record({
          intent: fc.constant("status"),
          to: fc.constantFrom("OPEN", "PAUSED", "PAUSED", "OPEN", "CLOSED"),
          reason: fc.constant("Enough people."),
        }),
        scope: () => [rowsOf("Gig", `id = ${lit(l.gigId)}`), rowsOf("Application", `"gigId" = ${lit(l.gigId)}`)],
        legit: () =>
          broken(
            [...GIG_RULES, ["closed reason <= 1000 chars", `"closedReason" IS NULL OR char_length("closedReason") <= 1000`]],
            "Gig",
            `id = ${lit(l.gigId)}`,
          ),
        ownedUsers: [l.userId],
        ownedLabs: [l.labId],
      };
    },
  },
  {
    file: "site/gigs.$id.tsx",
    name: "gig page as a professional: apply",
    runs: FUZZ_RUNS - half,
    async setup() {
      const l = await lab();
      const p = await pro();
      return {
        client: p.client,
        path: `/gigs/${l.gigId}`,
        fields: ["intent", "note", "to", "reason"],
        intents: ["apply", "status"],
        valid: fc.record({ intent: fc.constant("apply"), note: fc.constantFrom("", "I wrote on three sitcoms.") }),
        scope: () => [rowsOf("Gig", `id = ${lit(l.gigId)}`), rowsOf("Application", `"gigId" = ${lit(l.gigId)}`)],
        legit: () =>
          broken(
            [
              ["only the applicant, note <= 2000 chars", `"profileId" = ${lit(p.profileId)} AND char_length(note) <= 2000`],
              ["applied", `stage = 'APPLIED' AND origin = 'APPLIED'`],
            ],
            "Application",
            `"gigId" = ${lit(l.gigId)}`,
          ),
        ownedUsers: [l.userId, p.userId],
        ownedLabs: [l.labId],
      };
    },
  },
  {
    file: "talent/talent.tsx",
    name: "talent search: invite a person from the results to a gig",
    runs: FUZZ_RUNS,
    async setup() {
      const l = await lab();
      const other = await lab();
      const open = await pro("Talent Open");
      const hidden = await pro("Talent Hidden");
      // Visible to coordinators only: a lab may not invite (or learn about) this person.
      await db().profile.update({ where: { id: hidden.profileId }, data: { visibility: "COORDINATORS" } });
      const gigs = [l.gigId, other.gigId];
      const people = [open.userId, hidden.userId];
      return {
        client: l.client,
        path: `/talent?gig=${l.gigId}`,
        fields: ["intent", "profileId", "gig"],
        intents: ["invite"],
        // Another lab's gig and a coordinators-only profile must be refused.
        ids: { profileId: [open.profileId, hidden.profileId], gig: gigs },
        valid: fc.record({ intent: fc.constant("invite"), profileId: fc.constant(open.profileId), gig: fc.constant(l.gigId) }),
        scope: () => [
          rowsOf("Application", `"gigId" IN (${litList(gigs)})`),
          rowsOf("StageTransition", `"applicationId" IN (SELECT id FROM "Application" WHERE "gigId" IN (${litList(gigs)}))`),
          rowsOf("Notification", `"userId" IN (${litList(people)})`),
        ],
        legit: () =>
          broken(
            [
              ["only the lab's own gig", `"gigId" = ${lit(l.gigId)}`],
              ["only the profile visible to labs", `"profileId" = ${lit(open.profileId)}`],
              ["invited, with no note", `stage = 'INVITED' AND origin = 'INVITED' AND note = ''`],
            ],
            "Application",
            `"gigId" IN (${litList(gigs)})`,
          ),
        ownedUsers: [l.userId, other.userId, ...people],
        ownedLabs: [l.labId, other.labId],
      };
    },
  },
  {
    file: "talent/talent_.screeners._index.tsx",
    name: "save a screener (a lab: never a rate filter)",
    runs: FUZZ_RUNS,
    async setup() {
      const l = await lab();
      return {
        client: l.client,
        path: "/talent/screeners?index",
        fields: [...SCREENER_FIELDS],
        intents: ["create"],
        ids: { "tasks[0].taskType": TASK_TYPE_KEYS, "tasks[1].taskType": TASK_TYPE_KEYS },
        valid: screenerForm("create"),
        scope: () => [
          rowsOf("Screener", `"labId" = ${lit(l.labId)}`),
          rowsOf("ScreenerVersion", `"screenerId" IN (SELECT id FROM "Screener" WHERE "labId" = ${lit(l.labId)})`),
        ],
        legit: () => screenerRules(l.labId),
        ownedUsers: [l.userId],
        ownedLabs: [l.labId],
      };
    },
  },
  {
    file: "talent/talent_.screeners.$id.tsx",
    name: "save a new screener version, or invite from it",
    runs: FUZZ_RUNS,
    async setup() {
      const l = await lab();
      const other = await lab();
      const open = await pro("Screened Open");
      const created = await createScreener(
        {
          name: "Fuzzed screener",
          criteria: { tasks: [], languages: [], minHours: null, tzMin: null, tzMax: null, verifiedOnly: false, maxRate: null },
        },
        { owner: "LAB", labId: l.labId, userId: l.userId },
      );
      if (!created.ok) throw new Error(created.message);
      const gigs = [l.gigId, other.gigId];
      return {
        client: l.client,
        path: `/talent/screeners/${created.screener.id}`,
        fields: [...SCREENER_FIELDS, "version", "profileId", "gig"],
        intents: ["version", "invite"],
        ids: { "tasks[0].taskType": TASK_TYPE_KEYS, version: ["1", "2", "3"], profileId: [open.profileId], gig: gigs },
        valid: fc.oneof(
          screenerForm("version").map((f): Fields => ({ ...f, version: "1" })),
          fc.constant<Fields>({ intent: "invite", profileId: open.profileId, gig: l.gigId }),
        ),
        scope: () => [
          rowsOf("Screener", `"labId" = ${lit(l.labId)}`),
          rowsOf("ScreenerVersion", `"screenerId" = ${lit(created.screener.id)}`),
          rowsOf("Application", `"gigId" IN (${litList(gigs)})`),
        ],
        legit: async () => [
          ...(await screenerRules(l.labId)),
          ...(await broken(
            [["only the lab's own gig, invited", `"gigId" = ${lit(l.gigId)} AND stage = 'INVITED' AND origin = 'INVITED'`]],
            "Application",
            `"gigId" IN (${litList(gigs)})`,
          )),
        ],
        ownedUsers: [l.userId, other.userId, open.userId],
        ownedLabs: [l.labId, other.labId],
      };
    },
  },
  {
    file: "auth/join-lab.tsx",
    name: "accept a lab invitation",
    runs: FUZZ_RUNS,
    async setup() {
      const l = await lab();
      const email = `invitee-${Date.now()}@fuzz-join.test`;
      await inviteMember(l.labId, email, labActor(l.user, l.labId));
      const mail = await db().mailMessage.findFirstOrThrow({ where: { to: email } });
      const token = /join-lab\?token=([A-Za-z0-9_-]+)/.exec(mail.text)![1];
      OWNED.joinEmail = email;
      const invitee = `(SELECT id FROM "User" WHERE email = ${lit(email)})`;
      return {
        client: new Client(base),
        path: "/join-lab",
        fields: ["token", "name", "password"],
        ids: { token: [token, token.slice(0, -1)] },
        valid: fc.constant<Fields>({ token, name: "New Member", password: "long enough password" }),
        scope: () => [
          rowsOf("User", `email = ${lit(email)}`),
          rowsOf("Session", `"userId" IN ${invitee}`),
          rowsOf("LabInvite", `"labId" = ${lit(l.labId)}`),
          rowsOf("LabMember", `"labId" = ${lit(l.labId)}`),
        ],
        legit: async () => {
          const users = await db().user.findMany({ where: { email }, include: { labMember: true } });
          return users.length === 1 &&
            users[0].labMember?.labId === l.labId &&
            users[0].labMember.role === "MEMBER" &&
            users[0].name.length <= 120
            ? []
            : [
                `join-lab: expected one MEMBER of the inviting lab with the invited email, got ${JSON.stringify(users.map((u) => [u.email, u.labMember?.labId]))}`,
              ];
        },
        ownedUsers: [l.userId],
        ownedLabs: [l.labId],
      };
    },
  },
  {
    file: "lab/labs.$slug.gigs.new.tsx",
    name: "post a new gig",
    runs: FUZZ_RUNS,
    async setup() {
      const l = await lab();
      return {
        client: l.client,
        path: `/labs/${l.slug}/gigs/new`,
        fields: GIG_FIELDS,
        ids: GIG_IDS,
        valid: fc.constant(GIG_FORM),
        scope: () => [rowsOf("Gig", `"labId" = ${lit(l.labId)}`)],
        legit: () =>
          broken([...GIG_RULES, ["new gigs are drafts", `status = 'DRAFT' OR id = ${lit(l.gigId)}`]], "Gig", `"labId" = ${lit(l.labId)}`),
        ownedUsers: [l.userId],
        ownedLabs: [l.labId],
      };
    },
  },
  {
    file: "lab/labs.$slug.members.tsx",
    name: "lab members: invite, remove",
    runs: FUZZ_RUNS,
    async setup() {
      const l = await lab();
      const m = await db().user.create({
        data: {
          email: `member-${Date.now()}@fuzz-members.test`,
          name: "Member",
          passwordHash: await hashPassword(PASSWORD),
          role: "LAB_MEMBER",
        },
      });
      await db().labMember.create({ data: { labId: l.labId, userId: m.id, role: "MEMBER" } });
      const users = [l.userId, m.id];
      return {
        client: l.client,
        path: `/labs/${l.slug}/members`,
        fields: ["intent", "email", "userId"],
        intents: ["invite", "remove"],
        ids: { userId: users, email: [l.email, "new.person@fuzz-members.test"] },
        valid: fc.oneof(
          fc.nat({ max: 10_000 }).map((n): Fields => ({ intent: "invite", email: `invitee-${n}@fuzz-members.test` })),
          fc.constant<Fields>({ intent: "remove", userId: m.id }),
        ),
        scope: () => [
          rowsOf("LabMember", `"labId" = ${lit(l.labId)}`),
          rowsOf("LabInvite", `"labId" = ${lit(l.labId)}`),
          rowsOf("User", `id IN (${litList(users)})`),
          rowsOf("Session", `"userId" IN (${litList(users)})`),
        ],
        legit: async () => [
          ...(await broken([["the owner stays an owner", `role = 'OWNER'`]], "LabMember", `"userId" = ${lit(l.userId)}`)),
          ...(await broken(
            [["invites are valid lower-case emails", `email ~ '^[^[:space:]@]+@[^[:space:]@]+$' AND email = lower(email)`]],
            "LabInvite",
            `"labId" = ${lit(l.labId)}`,
          )),
          ...((await db().labMember.count({ where: { userId: l.userId } })) === 1 ? [] : ["the owner was removed"]),
        ],
        ownedUsers: users,
        ownedLabs: [l.labId],
      };
    },
  },
  {
    file: "lab/labs.$slug.settings.tsx",
    name: "lab profile: description, website, logo",
    runs: FUZZ_RUNS,
    async setup() {
      const l = await lab();
      return {
        client: l.client,
        path: `/labs/${l.slug}/settings`,
        fields: ["description", "website", "removeLogo", "logo"],
        ids: { removeLogo: ["on"], website: ["https://lab.example", "lab.example", "http://localhost:3000"] },
        valid: fc.record<Fields>({
          description: fc.string({ maxLength: 200 }),
          website: fc.constantFrom("", "https://lab.example/about", "lab.example"),
        }),
        // LabLogo's key is labId (rowsOf orders by id): its rows are summed up by their hash and type.
        scope: () => [
          rowsOf("Lab", `id = ${lit(l.labId)}`),
          `(SELECT 'LabLogo:' || count(*) || ':' || coalesce(string_agg(t.sha256 || t."contentType", '|'), '') FROM "LabLogo" t WHERE t."labId" = ${lit(l.labId)})`,
        ],
        legit: async () => {
          const row = await db().lab.findUniqueOrThrow({ where: { id: l.labId }, include: { logo: { select: { contentType: true } } } });
          const problems: string[] = [];
          if (row.description.length > LAB_DESCRIPTION_MAX) problems.push(`description longer than ${LAB_DESCRIPTION_MAX}`);
          if (row.website && !/^https:\/\/|^http:\/\/(localhost|127\.0\.0\.1|\[::1\])[:/]/.test(row.website))
            problems.push(`website not https: ${row.website}`);
          if (row.logo && !["image/png", "image/jpeg", "image/webp"].includes(row.logo.contentType))
            problems.push(`logo stored as ${row.logo.contentType}`);
          return problems;
        },
        ownedUsers: [l.userId],
        ownedLabs: [l.labId],
      };
    },
  },
  {
    file: "lab/labs.$slug.credentials.tsx",
    name: "lab work credentials: quality notes, revoke",
    runs: FUZZ_RUNS,
    async setup() {
      const l = await lab();
      const other = await lab();
      // An application on the other lab's gig: its quality note must never change through this lab's page.
      const p = await pro("Fuzz Credential Pro");
      const theirs = await db().application.create({
        data: { profileId: p.profileId, gigId: other.gigId, origin: "APPLIED", stage: "ACTIVE", qualityNote: "untouched" },
      });
      return {
        client: l.client,
        path: `/labs/${l.slug}/credentials`,
        fields: ["intent", "credentialId", "reason", "applicationId", "qualityNote"],
        intents: ["revoke", "note"],
        ids: { applicationId: [theirs.id], credentialId: ["no-such-credential"] },
        valid: fc.constantFrom<Fields>(
          { intent: "revoke", credentialId: "no-such-credential", reason: "Hours disputed" },
          { intent: "note", applicationId: theirs.id, qualityNote: "Good" },
        ),
        scope: () => [
          rowsOf("Application", `id = ${lit(theirs.id)}`),
          rowsOf("WorkCredential", `"labId" IN (${litList([l.labId, other.labId])})`),
        ],
        legit: async () =>
          broken([["another lab's quality note is never changed", `"qualityNote" = 'untouched'`]], "Application", `id = ${lit(theirs.id)}`),
        ownedUsers: [l.userId, other.userId, p.userId],
        ownedLabs: [l.labId, other.labId],
      };
    },
  },
  {
    file: "lab/labs.$slug.tokens.tsx",
    name: "lab API tokens: create, revoke",
    runs: FUZZ_RUNS,
    async setup() {
      const l = await lab();
      const other = await lab();
      const mine = await apiTokenFor(l.labId, "existing", labActor(l.user, l.labId));
      const theirs = await apiTokenFor(other.labId, "theirs", labActor(other.user, other.labId));
      return {
        client: l.client,
        path: `/labs/${l.slug}/tokens`,
        fields: ["intent", "name", "tokenId"],
        intents: ["create", "revoke"],
        ids: { tokenId: [mine.record.id, theirs.record.id] },
        valid: fc.oneof(
          fc.constant<Fields>({ intent: "create", name: "CI" }),
          fc.constant<Fields>({ intent: "revoke", tokenId: mine.record.id }),
        ),
        scope: () => [rowsOf("ApiToken", `"labId" IN (${litList([l.labId, other.labId])})`)],
        legit: async () => [
          ...(await broken([["names 1..80 chars", `char_length(name) BETWEEN 1 AND 80`]], "ApiToken", `"labId" = ${lit(l.labId)}`)),
          ...(await broken([["another lab's token is never revoked", `"revokedAt" IS NULL`]], "ApiToken", `"labId" = ${lit(other.labId)}`)),
        ],
        ownedUsers: [l.userId, other.userId],
        ownedLabs: [l.labId, other.labId],
      };
    },
  },
  {
    file: "lab/labs.$slug.webhooks.tsx",
    name: "lab webhooks: add, enable/disable, rotate, delete, replay",
    runs: FUZZ_RUNS,
    async setup() {
      const l = await lab();
      const other = await lab();
      const actorOf = (x: { userId: string }) => ({ id: x.userId, role: "LAB_MEMBER" });
      const mine = await createEndpoint(
        l.labId,
        { url: "http://127.0.0.1:9/mine", description: "", events: ["gig.status_changed"] },
        actorOf(l),
        { production: false },
      );
      const theirs = await createEndpoint(
        other.labId,
        { url: "http://127.0.0.1:9/theirs", description: "", events: ["gig.status_changed"] },
        actorOf(other),
        { production: false },
      );
      if (!mine.ok || !theirs.ok) throw new Error("endpoint setup failed");
      const theirDelivery = await db().webhookDelivery.create({
        data: {
          endpointId: theirs.endpoint.id,
          eventId: "evt_fuzz_form",
          eventType: "gig.status_changed",
          orderKey: "gig:x",
          body: "{}",
          status: "FAILED",
        },
      });
      const theirSecretEnc = (await db().webhookEndpoint.findUniqueOrThrow({ where: { id: theirs.endpoint.id } })).secretEnc;
      return {
        client: l.client,
        path: `/labs/${l.slug}/webhooks`,
        fields: ["intent", "url", "description", "events", "endpointId", "deliveryId"],
        intents: ["create", "enable", "disable", "rotate", "delete", "replay"],
        ids: { endpointId: [mine.endpoint.id, theirs.endpoint.id], deliveryId: [theirDelivery.id] },
        valid: fc.constantFrom<Fields>(
          { intent: "create", url: "http://127.0.0.1:9/new", description: "CRM", events: ["application.created", "gig.status_changed"] },
          { intent: "disable", endpointId: mine.endpoint.id },
          { intent: "rotate", endpointId: mine.endpoint.id },
        ),
        scope: () => [
          rowsOf("WebhookEndpoint", `"labId" IN (${litList([l.labId, other.labId])})`),
          rowsOf("WebhookDelivery", `id = ${lit(theirDelivery.id)} OR "replayOf" = ${lit(theirDelivery.id)}`),
        ],
        legit: async () => [
          ...(await broken(
            [
              ["https, or http to a loopback host", `url LIKE 'https://%' OR url ~ '^http://(127\\.|localhost|\\[::1\\])'`],
              [
                "1..5 known events",
                `cardinality(events) BETWEEN 1 AND 5 AND events <@ ARRAY['application.created','application.stage_changed','gig.status_changed','message.created','work_entry.recorded']`,
              ],
              ["descriptions up to 200 chars", `char_length(description) <= 200`],
            ],
            "WebhookEndpoint",
            `"labId" = ${lit(l.labId)}`,
          )),
          ...(await broken(
            [["another lab's endpoint is never changed", `enabled AND "secretEnc" = ${lit(theirSecretEnc)}`]],
            "WebhookEndpoint",
            `id = ${lit(theirs.endpoint.id)}`,
          )),
          ...((await db().webhookDelivery.count({ where: { replayOf: theirDelivery.id } })) ? ["another lab's delivery was replayed"] : []),
        ],
        ownedUsers: [l.userId, other.userId],
        ownedLabs: [l.labId, other.labId],
      };
    },
  },
  {
    file: "me/me.credentials.tsx",
    name: "my work credentials: issue, show, hide",
    runs: FUZZ_RUNS,
    async setup() {
      const p = await pro("Fuzz Credentials");
      const l = await lab();
      const app = await db().application.create({ data: { profileId: p.profileId, gigId: l.gigId, origin: "APPLIED", stage: "ACTIVE" } });
      return {
        client: p.client,
        path: "/me/credentials",
        fields: ["intent", "applicationId", "credentialId"],
        intents: ["issue", "show", "hide"],
        ids: { applicationId: [app.id], credentialId: ["no-such-credential"] },
        valid: fc.constantFrom<Fields>({ intent: "issue", applicationId: app.id }, { intent: "show", credentialId: "no-such-credential" }),
        scope: () => [rowsOf("WorkCredential", `"profileId" = ${lit(p.profileId)}`)],
        // No recorded work on this engagement: no credential may ever be issued.
        legit: async () =>
          broken([["no credential without recorded work", "false"]], "WorkCredential", `"profileId" = ${lit(p.profileId)}`),
        ownedUsers: [p.userId, l.userId],
        ownedLabs: [l.labId],
      };
    },
  },
  {
    file: "auth/login.tsx",
    name: "log in",
    runs: FUZZ_RUNS,
    async setup() {
      const p = await pro();
      return {
        client: new Client(base),
        path: "/login",
        fields: ["email", "password", "next"],
        ids: {
          email: [p.email],
          password: [PASSWORD],
          next: [
            "/me",
            "//evil.example/x",
            "https://evil.example",
            "/\\evil.example",
            "javascript:alert(1)",
            "/%2F%2Fevil.example",
            "\\\\evil.example",
          ],
        },
        valid: fc.record({
          email: fc.constant(p.email),
          password: fc.constant(PASSWORD),
          next: fc.constantFrom("/me/profile", "//evil.example", "https://evil.example/"),
        }),
        scope: () => [rowsOf("Session", `"userId" = ${lit(p.userId)}`), rowsOf("User", `id = ${lit(p.userId)}`)],
        legit: async (_sent, answer) => {
          // The only accepted log-in redirects to a local page: no open redirect.
          const to = answer.location ?? "";
          return /^\/(?![/\\])/.test(to) ? [] : [`log-in redirected off-site to ${JSON.stringify(to)}`];
        },
        ownedUsers: [p.userId],
      };
    },
  },
  {
    file: "auth/logout.tsx",
    name: "log out (one session, or everywhere)",
    runs: FUZZ_RUNS,
    async setup() {
      const p = await pro();
      const browser = new Client(base);
      return {
        client: browser,
        path: "/logout",
        fields: ["everywhere"],
        ids: { everywhere: ["1"] },
        valid: fc.constantFrom<Fields>({}, { everywhere: "1" }),
        freshSession: async () => {
          const cookie = await createSession(p.userId, { ip: "10.9.9.9", userAgent: "fuzz" });
          return /sa_session=([^;]*)/.exec(cookie)![1];
        },
        scope: () => [rowsOf("Session", `"userId" = ${lit(p.userId)}`)],
        legit: async (sent) => {
          const left = await db().session.count({ where: { userId: p.userId } });
          const everywhere = sentFields(sent).find(([k]) => k === "everywhere")?.[1] === "1";
          return everywhere && left > 0 ? ["'log out everywhere' left sessions behind"] : [];
        },
        ownedUsers: [p.userId],
      };
    },
  },
  {
    file: "me/me.applications.$id.tsx",
    name: "my application: move, checklist, appeal",
    runs: FUZZ_RUNS,
    async setup() {
      const l = await lab();
      const gig = await createGig(
        l.labId,
        {
          ...FULL_GIG,
          screeningRequired: true,
          screeningInstructions: "Rank 10 pairs.",
          ndaRequired: true,
          trainingModules: ["Guidelines", "Safety"],
        },
        { id: l.userId, role: "LAB_MEMBER" },
      );
      if (!gig.ok) throw new Error("gig");
      await changeGigStatus(gig.gig.id, "OPEN", { id: l.userId, role: "LAB_MEMBER" });
      const p = await pro();
      const appId = await applyTo(p.client, gig.gig.id);
      return {
        client: p.client,
        path: `/me/applications/${appId}`,
        fields: ["intent", "to", "version", "reason", "action", "module", "message", "body"],
        intents: ["move", "check", "appeal", "message"],
        ids: {
          to: ["SHORTLISTED", "CONTRACTING", "WITHDRAWN", "ACTIVE"],
          action: ["submitScreening", "acceptNda", "acceptContract", "confirmTaxForm", "confirmPayout", "acknowledgeModule"],
          module: ["Guidelines", "Safety"],
          version: ["0", "1", "2"],
        },
        valid: fc.oneof(
          fc.record({
            intent: fc.constant("check"),
            action: fc.constantFrom("submitScreening", "acceptNda", "acknowledgeModule"),
            version: fc.constantFrom("0", "1"),
            module: fc.constant("Guidelines"),
          }),
          fc.constant<Fields>({ intent: "appeal", message: "Please review my application again." }),
          fc.record({ intent: fc.constant("move"), to: fc.constantFrom("WITHDRAWN", "CONTRACTING"), version: fc.constantFrom("0", "1") }),
          fc.constant<Fields>({ intent: "message", body: "Happy to start next week." }),
        ),
        scope: () => [
          rowsOf("Message", `"applicationId" = ${lit(appId)}`),
          rowsOf("Application", `id = ${lit(appId)}`),
          rowsOf("StageTransition", `"applicationId" = ${lit(appId)}`),
          rowsOf("Appeal", `"applicationId" = ${lit(appId)}`),
          rowsOf("ConsentRecord", `"userId" = ${lit(p.userId)}`),
        ],
        legit: async () => [
          ...(await broken(
            [
              ["the professional can only withdraw from APPLIED", `stage IN ('APPLIED', 'WITHDRAWN')`],
              ["reason <= 1000", `"lastReason" IS NULL OR char_length("lastReason") <= 1000`],
            ],
            "Application",
            `id = ${lit(appId)}`,
          )),
          ...(await broken(
            [["appeal message 10..2000 chars", `char_length(message) BETWEEN 5 AND 2000`]],
            "Appeal",
            `"applicationId" = ${lit(appId)}`,
          )),
          ...(await broken(
            [
              ["message body 1..4000 chars", `char_length(body) BETWEEN 1 AND 4000`],
              ["written by the professional", `"authorId" = ${lit(p.userId)} AND "authorRole" = 'PROFESSIONAL'`],
            ],
            "Message",
            `"applicationId" = ${lit(appId)}`,
          )),
        ],
        ownedUsers: [l.userId, p.userId],
        ownedLabs: [l.labId],
      };
    },
  },
  {
    file: "me/me.data._index.tsx",
    name: "delete my account",
    runs: FUZZ_RUNS,
    async setup() {
      const p = await pro();
      await addCredit(p.client);
      return {
        client: p.client,
        path: "/me/data",
        fields: ["intent", "confirmEmail"],
        intents: ["delete"],
        // Other people's addresses (must be refused); the exact own address would end the lane.
        ids: { confirmEmail: ["someone.else@example.com", `x${p.email}`, p.email.replace("@", "@@")] },
        scope: () => [
          rowsOf("User", `id = ${lit(p.userId)}`),
          rowsOf("Profile", `"userId" = ${lit(p.userId)}`),
          rowsOf("Credit", `"profileId" = ${lit(p.profileId)}`),
          rowsOf("Session", `"userId" = ${lit(p.userId)}`),
        ],
        legit: async (sent) => {
          const confirm = (sentFields(sent).find(([k]) => k === "confirmEmail")?.[1] ?? "").trim().toLowerCase();
          return confirm === p.email.toLowerCase() ? [] : [`account deleted although confirmEmail was ${describeValue(confirm)}`];
        },
        ownedUsers: [p.userId],
      };
    },
  },
  {
    file: "me/me.profile._index.tsx",
    name: "profile editor",
    runs: FUZZ_RUNS,
    async setup() {
      const p = await pro();
      return {
        client: p.client,
        path: "/me/profile?index",
        fields: PROFILE_FIELDS,
        ids: {
          timezone: ["UTC", "Europe/Paris", "America/Los_Angeles", "Mars/Olympus"],
          langCode0: ["en", "fr", "xx"],
          langLevel0: ["native", "fluent", "conversational"],
          rateCurrency: ["USD", "JPY", "usd", "XXX"],
          visibility: ["LABS", "COORDINATORS"],
          demo_gender: ["Woman", "Man", "Prefer not to say"],
          aiUseConsent: ["on"],
          demographicsOptIn: ["on"],
        },
        valid: fc.constant(PROFILE_FORM),
        scope: () => [rowsOf("Profile", `id = ${lit(p.profileId)}`), rowsOf("ConsentRecord", `"userId" = ${lit(p.userId)}`)],
        legit: async () => {
          const out = await broken(PROFILE_RULES, "Profile", `id = ${lit(p.profileId)}`);
          const profile = await db().profile.findUniqueOrThrow({ where: { id: p.profileId } });
          if (!timeZoneOk(profile.timezone)) out.push(`profile time zone ${describeValue(profile.timezone)} is not a real zone`);
          return out;
        },
        ownedUsers: [p.userId],
      };
    },
  },
  {
    file: "me/me.profile.credits.tsx",
    name: "credits: add, edit, remove, reorder",
    runs: FUZZ_RUNS,
    async setup() {
      const p = await pro();
      const other = await pro("Other Pro");
      await addCredit(p.client);
      await addCredit(p.client, { showTitle: "Frasier", startYear: "1993", endYear: "2004" });
      await addCredit(other.client, { showTitle: "Not yours" });
      const mine = (await db().credit.findMany({ where: { profileId: p.profileId } })).map((c) => c.id);
      const theirs = (await db().credit.findMany({ where: { profileId: other.profileId } })).map((c) => c.id);
      return {
        client: p.client,
        path: "/me/profile/credits",
        fields: CREDIT_FIELDS,
        intents: ["save", "delete", "up", "down"],
        ids: {
          creditId: [...mine, ...theirs],
          format: FORMAT_KEYS,
          role: ROLE_KEYS.slice(0, 30),
          genres: GENRE_KEYS,
          startYear: ["1990", String(YEAR)],
          endYear: ["1995", ""],
          episodes: ["1", "2000"],
        },
        valid: fc.oneof(
          fc.constant<Fields>({ intent: "save", ...CREDIT_FORM }),
          fc.constantFrom(...mine).map((creditId): Fields => ({ intent: "save", creditId, ...CREDIT_FORM })),
          fc.record({ intent: fc.constantFrom("up", "down", "delete"), creditId: fc.constantFrom(...mine) }),
        ),
        scope: () => [rowsOf("Credit", `"profileId" IN (${litList([p.profileId, other.profileId])})`)],
        legit: async () => [
          ...(await broken(CREDIT_RULES, "Credit", `"profileId" = ${lit(p.profileId)}`)),
          ...((await db().credit.count({ where: { profileId: other.profileId } })) === theirs.length
            ? []
            : ["another person's credit was removed"]),
          ...(await broken(
            [["another person's credit is unchanged", `"showTitle" = 'Not yours'`]],
            "Credit",
            `"profileId" = ${lit(other.profileId)}`,
          )),
        ],
        ownedUsers: [p.userId, other.userId],
      };
    },
  },
  {
    file: "me/me.profile.import.tsx",
    name: "credit CSV import: preview and import",
    runs: FUZZ_RUNS,
    async setup() {
      const p = await pro();
      const header = "show_title,network,format,genres,role,start_year,end_year,episodes";
      return {
        client: p.client,
        path: "/me/profile/import",
        fields: ["intent", "csv", "file"],
        intents: ["preview", "import"],
        ids: { csv: [`${header}\r\nCheers,NBC,Multi-camera sitcom,comedy,Staff writer,1985,1990,120\r\n`, `${header}\r\n`, header] },
        valid: fc
          .array(
            fc.oneof(
              fc.constant("Cheers,NBC,Multi-camera sitcom,comedy,Staff writer,1985,1990,120"),
              junkString.map((s) => `${s},NBC,Procedural,,Editor,2001,,3`),
              junkString,
            ),
            { maxLength: 6 },
          )
          .chain((rows) => fc.constantFrom("preview", "import").map((intent): Fields => ({ intent, csv: [header, ...rows].join("\r\n") }))),
        scope: () => [rowsOf("Credit", `"profileId" = ${lit(p.profileId)}`)],
        legit: () => broken(CREDIT_RULES, "Credit", `"profileId" = ${lit(p.profileId)}`),
        ownedUsers: [p.userId],
      };
    },
  },
  {
    file: "me/notifications.tsx",
    name: "notifications: mark all read",
    runs: FUZZ_RUNS,
    async setup() {
      const p = await pro();
      await db().notification.createMany({ data: [1, 2, 3].map((i) => ({ userId: p.userId, kind: "message", title: `Note ${i}` })) });
      return {
        client: p.client,
        path: "/notifications",
        fields: ["intent", "id", "page"],
        scope: () => [rowsOf("Notification", `"userId" = ${lit(p.userId)}`)],
        legit: () => broken([["all read", `"readAt" IS NOT NULL`]], "Notification", `"userId" = ${lit(p.userId)}`),
        ownedUsers: [p.userId],
      };
    },
  },
  {
    file: "talent/people.$id.tsx",
    name: "verify credits (coordinator)",
    runs: FUZZ_RUNS,
    async setup() {
      const c = await staffBrowser();
      const p = await pro();
      const q = await pro("Other Person");
      await addCredit(p.client);
      await addCredit(p.client, { showTitle: "Frasier", startYear: "1993", endYear: "2004" });
      await addCredit(q.client, { showTitle: "Not on this profile" });
      const mine = (await db().credit.findMany({ where: { profileId: p.profileId } })).map((x) => x.id);
      const theirs = (await db().credit.findMany({ where: { profileId: q.profileId } })).map((x) => x.id);
      return {
        client: c.client,
        path: `/people/${p.profileId}`,
        fields: ["intent", "creditId", "note"],
        intents: ["verify", "unverify"],
        ids: { creditId: [...mine, ...theirs] },
        valid: fc.record({
          intent: fc.constantFrom("verify", "unverify"),
          creditId: fc.constantFrom(...mine),
          note: fc.constantFrom("", "Checked the end credits."),
        }),
        scope: () => [rowsOf("Credit", `"profileId" IN (${litList([p.profileId, q.profileId])})`)],
        legit: async () => [
          ...(await broken(
            [["a credit on another profile is never verified", `"verifiedAt" IS NULL`]],
            "Credit",
            `"profileId" = ${lit(q.profileId)}`,
          )),
          ...(await broken(
            [
              [
                "verified by the coordinator, note <= 1000 chars",
                `"verifiedAt" IS NULL OR ("verifiedById" = ${lit(c.userId)} AND char_length(coalesce("verificationNote", '')) <= 1000)`,
              ],
            ],
            "Credit",
            `"profileId" = ${lit(p.profileId)}`,
          )),
        ],
        ownedUsers: [c.userId, p.userId, q.userId],
      };
    },
  },
  {
    file: "auth/reset-password.tsx",
    name: "reset password with a token",
    runs: FUZZ_RUNS,
    async setup() {
      const p = await pro();
      await requestPasswordReset(p.email, { ip: "10.8.8.8" });
      const mail = await db().mailMessage.findFirstOrThrow({ where: { to: p.email, kind: "reset-password" } });
      const token = /reset-password\?token=([A-Za-z0-9_-]+)/.exec(mail.text)![1];
      return {
        client: new Client(base),
        path: "/reset-password",
        fields: ["token", "password", "confirm"],
        ids: { token: [token, `${token}x`], password: ["another long password"], confirm: ["another long password"] },
        valid: fc.constant<Fields>({ token, password: "another long password", confirm: "another long password" }),
        scope: () => [
          rowsOf("User", `id = ${lit(p.userId)}`),
          rowsOf("AuthToken", `"userId" = ${lit(p.userId)}`),
          rowsOf("Session", `"userId" = ${lit(p.userId)}`),
        ],
        legit: async () => [
          ...((await db().session.count({ where: { userId: p.userId } })) === 0 ? [] : ["sessions survived a password reset"]),
          ...(await broken(
            [["the reset token is used up", `kind <> 'RESET_PASSWORD' OR "usedAt" IS NOT NULL`]],
            "AuthToken",
            `"userId" = ${lit(p.userId)}`,
          )),
        ],
        ownedUsers: [p.userId],
      };
    },
  },
  {
    file: "auth/signup.tsx",
    name: "sign up",
    runs: FUZZ_RUNS,
    async setup() {
      return {
        client: new Client(base),
        path: "/signup",
        fields: ["name", "email", "password", "accountType", "labName", "acceptTerms"],
        ids: { accountType: ["PROFESSIONAL", "LAB"], acceptTerms: ["on"] },
        valid: fc.record({
          name: fc.constantFrom("New Person", "Zoë O'Brien-Łukasz"),
          email: fc.nat({ max: 1_000_000 }).map((n) => `signup-${n}@fuzz-signup.test`),
          password: fc.constant("a long enough password"),
          accountType: fc.constantFrom("PROFESSIONAL", "LAB"),
          labName: fc.constant("Fuzz Lab"),
          acceptTerms: fc.constant("on"),
        }),
        // Professionals, labs and lab members that no other lane owns (the only ones sign-up creates).
        scope: () => {
          const people = `SELECT id FROM "User" WHERE role IN ('PROFESSIONAL', 'LAB_MEMBER') AND id NOT IN (${litList([...OWNED.users.keys()])}) AND email <> ${lit(OWNED.joinEmail)}`;
          const labs = `id NOT IN (${litList([...OWNED.labs])})`;
          return [
            rowsOf("User", `id IN (${people})`),
            rowsOf("Profile", `"userId" IN (${people})`),
            rowsOf("Session", `"userId" IN (${people})`),
            rowsOf("AuthToken", `"userId" IN (${people})`),
            rowsOf("Lab", labs),
            rowsOf("LabMember", `"labId" IN (SELECT id FROM "Lab" WHERE ${labs})`),
          ];
        },
        legit: async () => {
          const fresh = await db().user.findMany({
            where: {
              id: { notIn: [...OWNED.users.keys()] },
              email: { not: OWNED.joinEmail },
              role: { in: ["PROFESSIONAL", "LAB_MEMBER"] },
            },
            include: { profile: true, labMember: true },
          });
          const bad = fresh.filter(
            (u) =>
              u.name !== u.name.trim() ||
              u.name.length === 0 ||
              u.email !== u.email.toLowerCase() ||
              (u.role === "PROFESSIONAL" ? !u.profile : !u.labMember),
          );
          return bad.map((u) => `signed-up user ${u.id} is inconsistent (${describeValue(u.email)})`);
        },
        ownedUsers: [],
      };
    },
  },
];

// ---------------------------------------------------------------------------------- payloads

function payloadArb(ctx: LaneCtx): fc.Arbitrary<FormPayload> {
  const valueFor = (name: string): fc.Arbitrary<string> => {
    const real = ctx.ids && Object.hasOwn(ctx.ids, name) ? ctx.ids[name] : undefined;
    return real?.length ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...real) }, { weight: 4, arbitrary: junkString }) : junkString;
  };
  const entry: fc.Arbitrary<[string, string][]> = fc
    .oneof({ weight: 9, arbitrary: fc.constantFrom(...ctx.fields) }, { weight: 1, arbitrary: junkFieldName })
    .chain((name) =>
      fc.oneof(
        { weight: 4, arbitrary: valueFor(name).map((v): [string, string][] => [[name, v]]) },
        {
          weight: 1,
          arbitrary: fc.array(valueFor(name), { minLength: 2, maxLength: 4 }).map((vs) => vs.map((v): [string, string] => [name, v])),
        },
      ),
    );
  const intent: fc.Arbitrary<[string, string][]> = ctx.intents
    ? fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom(...ctx.intents).map((v): [string, string][] => [["intent", v]]) },
        { weight: 1, arbitrary: junkString.map((v): [string, string][] => [["intent", v]]) },
        { weight: 1, arbitrary: fc.constant<[string, string][]>([]) },
      )
    : fc.constant([]);
  const junk = fc.tuple(intent, fc.array(entry, { maxLength: 8 })).map(([i, es]) => [...i, ...es.flat()]);
  let fields: fc.Arbitrary<[string, string][]> = junk;
  if (ctx.valid) {
    const mutation = fc.tuple(
      fc.constantFrom(...ctx.fields),
      fc.oneof(
        { weight: 4, arbitrary: junkString.map((v) => ({ kind: "set" as const, values: [v] })) },
        { weight: 1, arbitrary: fc.constant({ kind: "drop" as const, values: [] as string[] }) },
        { weight: 1, arbitrary: fc.array(junkString, { minLength: 2, maxLength: 3 }).map((values) => ({ kind: "set" as const, values })) },
      ),
    );
    const mutant = fc.tuple(ctx.valid, fc.array(mutation, { minLength: 1, maxLength: 3 })).map(([valid, muts]) => {
      const form: Record<string, string[]> = Object.fromEntries(Object.entries(valid).map(([k, v]) => [k, Array.isArray(v) ? v : [v]]));
      for (const [name, m] of muts) {
        if (m.kind === "drop") delete form[name];
        else form[name] = m.values;
      }
      return Object.entries(form).flatMap(([k, vs]) => vs.map((v): [string, string] => [k, v]));
    });
    fields = fc.oneof(junk, mutant);
  }
  return fc.record({
    fields,
    encoding: fc.oneof(
      { weight: 14, arbitrary: fc.constant("urlencoded" as const) },
      { weight: 3, arbitrary: fc.constant("multipart" as const) },
      { weight: 1, arbitrary: fc.constant("raw" as const) },
      { weight: 1, arbitrary: fc.constant("json" as const) },
      { weight: 1, arbitrary: fc.constant("text" as const) },
    ),
    viaData: fc.nat({ max: 11 }).map((n) => n > 0),
    files: fc.array(fc.tuple(fc.constantFrom(...ctx.fields, "file"), junkString), { maxLength: 2 }),
    raw: fc.oneof(fc.constantFrom(...RAW_BODIES), fc.uint8Array({ maxLength: 120 })),
  });
}

async function send(ctx: LaneCtx, csrf: string, p: FormPayload, sessionToken?: string): Promise<Answer> {
  const target = p.viaData ? singleFetchUrl(ctx.path) : ctx.path;
  const cookies = new Map(ctx.client.cookies);
  if (sessionToken) cookies.set("sa_session", sessionToken);
  const headers: Record<string, string> = {
    origin: base,
    "x-forwarded-for": randomIp(),
    cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join("; "),
    // Uncompressed answers: gzip on the server and gunzip here were ~6% of this file's CPU and are
    // not what the fuzzer tests (the same bytes are checked; compression has tests of its own).
    "accept-encoding": "identity",
  };
  let body: BodyInit;
  if (p.encoding === "multipart") {
    const form = new FormData();
    form.append("_csrf", csrf);
    for (const [k, v] of p.fields) form.append(k, v);
    for (const [k, v] of p.files) form.append(k, new Blob([v], { type: "text/plain" }), "junk.txt");
    body = form;
  } else if (p.encoding === "raw") {
    headers["content-type"] = "application/x-www-form-urlencoded";
    body = Buffer.concat([Buffer.from(`_csrf=${encodeURIComponent(csrf)}&`), Buffer.from(p.raw)]);
  } else if (p.encoding === "json") {
    headers["content-type"] = "application/json";
    body = JSON.stringify({ _csrf: csrf, ...Object.fromEntries(p.fields) });
  } else if (p.encoding === "text") {
    headers["content-type"] = "text/plain";
    body = `_csrf=${csrf}\n${p.fields.map(([k, v]) => `${k}=${v}`).join("\n")}`;
  } else {
    headers["content-type"] = "application/x-www-form-urlencoded";
    const params = new URLSearchParams();
    params.append("_csrf", csrf);
    for (const [k, v] of p.fields) params.append(k, v);
    body = params;
  }
  try {
    const res = await fetch(new URL(target, base), { method: "POST", headers, body, redirect: "manual" });
    return { status: res.status, location: res.headers.get("location"), body: await res.text() };
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).message;
    return { status: 599, location: null, body: `no HTTP answer: ${cause}` };
  }
}

function describePayload(p: FormPayload): string {
  const fields = p.fields.map(([k, v]) => `${describeValue(k)}=${describeValue(v)}`).join(" & ");
  return `[${p.encoding}${p.viaData ? ", .data" : ", document"}] ${p.encoding === "raw" ? `raw ${describeValue(Buffer.from(p.raw).toString("latin1"))}` : fields || "(no fields)"}`;
}

interface LaneResult {
  sent: number;
  counts: Record<string, number>;
  lines: string[];
}

/**
 * Deterministic part: every field gets every EDGE_VALUES class once, on top of a valid
 * submission when there is one (so the bad value is the only thing wrong), else the first intent.
 */
function edgePayloads(ctx: LaneCtx, max: number): FormPayload[] {
  const base: Fields = ctx.valid ? fc.sample(ctx.valid, { numRuns: 1, seed: 1 })[0] : ctx.intents ? { intent: ctx.intents[0] } : {};
  const out: FormPayload[] = [];
  for (const value of EDGE_VALUES) {
    for (const field of ctx.fields) {
      const form = { ...base, [field]: value };
      const fields = Object.entries(form).flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x): [string, string] => [k, x]));
      out.push({ fields, encoding: "urlencoded", viaData: out.length % 5 !== 4, files: [], raw: new Uint8Array() });
    }
  }
  return out.slice(0, max);
}

async function runLane(lane: Lane, ctx: LaneCtx, seed: number): Promise<LaneResult> {
  const edges = edgePayloads(ctx, Math.floor(lane.runs / 3));
  const payloads = [...edges, ...fc.sample(payloadArb(ctx), { numRuns: lane.runs - edges.length, seed })];
  const csrf = await ctx.client.csrf();
  const started = Date.now();
  const failures: Failure[] = [];
  const counts: Record<string, number> = { accepted: 0, rejected: 0, "5xx": 0 };
  const fail = (p: FormPayload, a: Answer, problem: string) =>
    failures.push({ payload: describePayload(p), status: a.status, problem, body: a.body });
  let before = await snapshot(ctx.scope());
  for (const p of payloads) {
    let token: string | undefined;
    if (ctx.freshSession) {
      token = await ctx.freshSession();
      before = await snapshot(ctx.scope());
    }
    let a = await send(ctx, csrf, p, token);
    // A keep-alive socket closed by the server just as the client reused it: retry once.
    if (a.status === 599) a = await send(ctx, csrf, p, token);
    const after = await snapshot(ctx.scope());
    if (a.status >= 500) {
      counts["5xx"]++;
      fail(p, a, a.status === 599 ? "connection dropped without an answer" : `HTTP ${a.status}`);
    } else if (a.status >= 400) {
      counts.rejected++;
      if (after !== before) fail(p, a, `rejected with ${a.status} but the database changed`);
    } else {
      counts.accepted++;
      for (const v of (await ctx.legit?.(p, a)) ?? []) fail(p, a, `accepted (${a.status}) but: ${v}`);
    }
    const leak = internalsIn(a.body);
    if (leak) fail(p, a, `internal details in the response (${leak})`);
    if (!p.viaData && a.status < 500) {
      const xss = reflectedXss(
        a.body,
        sentFields(p).map(([, v]) => v),
      );
      if (xss.length) fail(p, a, `unescaped markup in the page: ${xss.join(" | ")}`);
    }
    before = after;
  }
  counts.seconds = Math.round((Date.now() - started) / 1000);
  return summarize(lane.name, payloads.length, failures, counts);
}

// ---------------------------------------------------------------------------------- run

const results = new Map<Lane, LaneResult>();
const setupErrors = new Map<Lane, string>();
const onlyFiles = process.env.FUZZ_FILES?.split(",")
  .map((f) => f.trim())
  .filter(Boolean);
/**
 * The lanes are split over FUZZ_SHARDS test files (this one and fuzz-forms.shard<n>.test.ts, which
 * set the shard and import this file), so vitest's workers can run them side by side instead of
 * one file being the run's long pole (docs/testing.md). Every lane runs in exactly one shard, with
 * the same seed as before (its index in the full LANES list), so the payloads do not change.
 */
const FUZZ_SHARDS = 3;
const shard = (globalThis as { __fuzzFormsShard?: number }).__fuzzFormsShard ?? 1;
const inShard = (lane: Lane) => LANES.indexOf(lane) % FUZZ_SHARDS === shard - 1;
const selected = (lane: Lane) => inShard(lane) && (!onlyFiles?.length || onlyFiles.includes(lane.file));
/** A test or block that runs once, in one shard (left out of the others, not skipped). */
function itInShard(n: number, name: string, fn: () => void) {
  if (n === shard) it(name, fn);
}
function describeInShard(n: number, name: string, fn: () => void) {
  if (n === shard) describe(name, fn);
}

beforeAll(async () => {
  await seedTransferRules(db());
  console.log(`fuzz-forms: FUZZ_SEED=${FUZZ_SEED} FUZZ_RUNS=${FUZZ_RUNS} shard ${shard} of ${FUZZ_SHARDS}`);
  // All set-up first (it creates users, sessions and labs), then the fuzzing.
  const contexts = new Map<Lane, LaneCtx>();
  const s0 = Date.now();
  await pool(LANES.filter(selected), 4, async (lane) => {
    try {
      contexts.set(lane, await lane.setup());
    } catch (e) {
      setupErrors.set(lane, (e as Error).stack ?? String(e));
    }
  });
  console.log(`fuzz-forms: set-up in ${((Date.now() - s0) / 1000).toFixed(1)} s`);
  for (const [lane, ctx] of contexts) {
    for (const u of ctx.ownedUsers) OWNED.users.set(u, ctx.owner ?? lane.name);
    for (const l of ctx.ownedLabs ?? []) OWNED.labs.add(l);
  }
  const t0 = Date.now();
  const serverErrors = collectServerErrors();
  // Longest lanes first, so the slow ones do not start last.
  const order = [...contexts.keys()].sort((a, b) => b.runs - a.runs);
  await pool(order, 8, async (lane) => {
    results.set(lane, await runLane(lane, contexts.get(lane)!, FUZZ_SEED + LANES.indexOf(lane)));
  });
  serverErrors.restore();
  serverErrors.report("fuzz-forms");
  const total = [...results.values()].reduce((n, r) => n + r.sent, 0);
  console.log(`fuzz-forms: ${total} payloads in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}, 600_000);

afterAll(() => closeSnapshots());

describe("form fuzzing", () => {
  itInShard(1, "every shard of the lanes has its test file (none is left out of the run)", () => {
    const dir = path.dirname(fileURLToPath(import.meta.url));
    const missing = Array.from({ length: FUZZ_SHARDS - 1 }, (_, i) => `fuzz-forms.shard${i + 2}.test.ts`).filter(
      (f) => !existsSync(path.join(dir, f)),
    );
    expect(missing).toEqual([]);
  });

  itInShard(1, "every form action in app/routes has a fuzz lane with at least FUZZ_RUNS payloads", () => {
    const perFile = new Map<string, number>();
    for (const lane of LANES) perFile.set(lane.file, (perFile.get(lane.file) ?? 0) + lane.runs);
    const actions = routeFiles().filter((f) => !f.startsWith("api/") && hasAction(routeSource(f)));
    const missing = actions.filter((f) => (perFile.get(f) ?? 0) < FUZZ_RUNS);
    expect(missing, `form actions without (enough) fuzzing: ${missing.join(", ")}`).toEqual([]);
  });

  for (const lane of LANES.filter(selected)) {
    it(`${lane.file} (${lane.name}): never 5xx, rejected writes change nothing, accepted writes are legitimate`, () => {
      expect(setupErrors.get(lane)).toBeUndefined();
      const r = results.get(lane);
      expect(r).toBeDefined();
      console.log(
        `${lane.name}: ${r!.sent} payloads, ${JSON.stringify(r!.counts)}${r!.lines.length ? `\n  ${r!.lines.join("\n  ")}` : ""}`,
      );
      expect(r!.sent).toBe(lane.runs);
      expect(r!.lines).toEqual([]);
    });
  }
});

// ---------------------------------------------------------------------------------- stored XSS

const SCRIPT = "<script>alert(1)</script>";
const IMG = "<img src=x onerror=alert(1)>";
const ESCAPED_SCRIPT = "&lt;script&gt;alert(1)&lt;/script&gt;";

function xssProblems(html: string, what: string): string[] {
  const out: string[] = [];
  if (html.includes(SCRIPT)) out.push(`${what}: raw ${SCRIPT}`);
  if (html.includes(IMG)) out.push(`${what}: raw ${IMG}`);
  if (/<script[^>]*>\s*alert/i.test(html)) out.push(`${what}: a script element running alert`);
  for (const tag of inlineHandlers(html)) out.push(`${what}: an element with an inline event handler: ${tag}`);
  if (/(href|src|action|formaction)\s*=\s*["']?\s*javascript:/i.test(html)) out.push(`${what}: a javascript: URL in an attribute`);
  if (/<iframe/i.test(html)) out.push(`${what}: an iframe`);
  return out;
}

// The two blocks below run once, each in its own shard.
describeInShard(2, "stored XSS: script payloads saved through valid forms are rendered escaped", () => {
  it("profile, credits, gig title/description, notes and reasons are escaped on every page that shows them", async () => {
    const c = await staffBrowser();
    const l = await lab();
    const { client: p, email } = await signUp(base, { name: `Eve ${IMG}` });
    const profile = await db().profile.findFirstOrThrow({ where: { user: { email } } });
    const saved = await p.post("/me/profile?index", {
      headline: `${SCRIPT} ${IMG}`.slice(0, 140),
      bio: `Bio ${SCRIPT}\n\n${IMG}\n\n[x](javascript:alert(1))`,
      location: `"><svg/onload=alert(1)>`,
      timezone: "UTC",
      links: `https://example.com/"><script>alert(1)</script>\nhttps://example.com/?q=<img/src=x/onerror=alert(1)>`,
      aiUseConsent: "on",
      visibility: "LABS",
    });
    expect(saved.status).toBe(303);
    expect(
      (await p.post("/me/profile/credits", { intent: "save", ...CREDIT_FORM, showTitle: `${SCRIPT} Show`, network: IMG })).status,
    ).toBe(302);
    const gig = await l.client.post(`/labs/${l.slug}/gigs/new`, {
      ...GIG_FORM,
      title: `${SCRIPT} gig`,
      description: `# Heading ${SCRIPT}\n\n${IMG}\n\n<a href="javascript:alert(1)">link</a> [md link](javascript:alert(1)) ![img](javascript:alert(1))\n\n<iframe src="https://evil.example"></iframe>`,
      screeningInstructions: SCRIPT,
      disclosureTrains: IMG,
      trainingModules: `${SCRIPT}\n${IMG}`,
      disclosureRetention: "<b>bold?</b>",
    });
    expect(gig.status).toBe(303);
    const gigId = new URL(gig.headers.get("location")!, base).pathname.split("/").pop()!;
    expect((await l.client.post(`/gigs/${gigId}`, { intent: "status", to: "OPEN" })).status).toBe(303);
    const applied = await p.post(`/gigs/${gigId}`, { intent: "apply", note: `${SCRIPT} note` });
    expect(applied.status).toBe(303);
    const appId = applied.headers.get("location")!.split("/").pop()!;
    const app = await db().application.findUniqueOrThrow({ where: { id: appId } });
    expect(
      (
        await c.client.post(`/coord/gigs/${gigId}`, {
          intent: "move",
          applicationId: appId,
          version: String(app.version),
          to: "DECLINED",
          reason: `${SCRIPT} reason`,
        })
      ).status,
    ).toBe(303);
    expect((await p.post(`/me/applications/${appId}`, { intent: "appeal", message: `${SCRIPT} please review` })).status).toBe(303);
    expect(
      (await p.post(`/me/applications/${appId}`, { intent: "message", body: `${SCRIPT} in a message https://example.com/${IMG}` })).status,
    ).toBe(303);
    expect(
      (
        await c.client.post(`/coord/gigs/${gigId}`, {
          intent: "bulk-message",
          select: [`${appId}:${app.version + 1}`],
          message: `${IMG} message`,
        })
      ).status,
    ).toBe(303);
    const { flushSearch } = await import("~/runtime.server");
    await flushSearch();

    const pages: [Client, string][] = [
      [c.client, `/people/${profile.id}`],
      [l.client, `/people/${profile.id}`],
      [p, `/people/${profile.id}`],
      [p, "/me/profile"],
      [p, "/me/profile/credits"],
      [p, "/me/profile/transfer"],
      [p, "/me"],
      [p, `/me/applications/${appId}`],
      [c.client, `/coord/gigs/${gigId}/candidates/${appId}`],
      [l.client, `/coord/gigs/${gigId}/candidates/${appId}`],
      [p, "/me/data"],
      [p, "/notifications"],
      [new Client(base), `/gigs/${gigId}`],
      [l.client, `/gigs/${gigId}`],
      [new Client(base), "/gigs?q=gig"],
      [new Client(base), `/labs/${l.slug}`],
      [l.client, `/coord/gigs/${gigId}`],
      [c.client, "/coord"],
      [c.client, "/talent?q=Eve"],
      [l.client, "/notifications"],
      [l.client, `/insights?scope=gig:${gigId}`],
      [c.client, `/gigs/${gigId}/edit`],
    ];
    const problems: string[] = [];
    let escapedSeen = 0;
    for (const [client, path] of pages) {
      const res = await client.get(path);
      const html = await res.text();
      if (res.status !== 200) {
        problems.push(`${path}: HTTP ${res.status}`);
        continue;
      }
      problems.push(...xssProblems(html, path));
      if (html.includes(ESCAPED_SCRIPT) || html.includes("&lt;img src=x onerror=alert(1)&gt;")) escapedSeen++;
    }
    expect(problems).toEqual([]);
    // The payloads really are on these pages (escaped), so the checks above mean something.
    expect(escapedSeen).toBeGreaterThanOrEqual(pages.length - 2);
  });

  it("the insights CSV export defuses spreadsheet formulas in gig titles", async () => {
    const l = await lab();
    const created = await l.client.post(`/labs/${l.slug}/gigs/new`, { ...GIG_FORM, title: `=HYPERLINK("http://evil.example","x")` });
    expect(created.status).toBe(303);
    const gigId = new URL(created.headers.get("location")!, base).pathname.split("/").pop()!;
    const res = await l.client.get(`/insights/export.csv?scope=gig:${gigId}`);
    expect(res.status).toBe(200);
    const csv = await res.text();
    expect(csv).toContain(`'=HYPERLINK`);
    expect(csv).not.toMatch(/(^|,)"?=HYPERLINK/m);
  });

  it("a form body over the size limit is refused with 413, not a crash", async () => {
    const p = await pro();
    const before = await snapshot([rowsOf("Profile", `id = ${lit(p.profileId)}`)]);
    // Its own connection pool: the server answers before reading the body and closes the
    // connection, and undici would otherwise hand that dying socket to a later request.
    const dispatcher = new Agent({ pipelining: 0 });
    const res = await p.client.request("/me/profile?index", {
      method: "POST",
      body: new URLSearchParams({ _csrf: await p.client.csrf(), headline: "x", bio: "y".repeat(3_200_000) }),
      headers: { "content-type": "application/x-www-form-urlencoded", origin: base },
      dispatcher,
    } as RequestInit);
    expect(res.status).toBe(413);
    await dispatcher.destroy();
    expect(await snapshot([rowsOf("Profile", `id = ${lit(p.profileId)}`)])).toBe(before);
  });
});

// ---------------------------------------------------------------------------------- URL params

/** A concrete URL for a flat-routes file, with every `$param` replaced by `value`. */
function routeUrl(file: string, value: string): string {
  const name = file.replace(/\.(tsx|ts)$/, "");
  const parts: string[] = [];
  let cur = "";
  let depth = 0;
  const segs: string[] = [];
  for (const ch of name) {
    if (ch === "[") depth++;
    if (ch === "]") depth--;
    if (ch === "." && depth === 0) {
      segs.push(cur);
      cur = "";
    } else cur += ch;
  }
  segs.push(cur);
  for (const raw of segs) {
    // Remix flat routes: "_index" and "_layout" segments add nothing to the URL; a trailing "_"
    // ("gigs_", "$id_") only opts out of nesting.
    if (raw.startsWith("_")) continue;
    const seg = raw.endsWith("_") && !raw.endsWith("]") ? raw.slice(0, -1) : raw;
    parts.push(seg.startsWith("$") ? value : seg.replace(/\[(.*?)\]/g, "$1"));
  }
  return `/${parts.join("/")}`;
}

describeInShard(3, "junk in the URL path parameters of page routes", () => {
  it("every page route with a :param answers junk ids with 4xx (or a page), never 5xx", async () => {
    const p = await pro();
    const c = await staffBrowser();
    const anon = new Client(base);
    const junk = [
      "a%00b",
      "%00",
      "%ED%A0%80",
      "%E0%A4%A",
      "%ZZ",
      "0000-01-01",
      encodeURIComponent(`'; DROP TABLE "User";--`),
      encodeURIComponent("<img src=x onerror=alert(1)>"),
      "x".repeat(5000),
      "%F0%9F%98%80",
      "%E2%80%A8",
      "new",
    ];
    const files = routeFiles().filter((f) => /(^|[./])\$\w+/.test(f) && !f.startsWith("api/"));
    const problems: string[] = [];
    for (const file of files) {
      const browser = file.startsWith("me.") ? p.client : c.client;
      for (const value of junk) {
        for (const [who, client] of [
          ["signed in", browser],
          ["anonymous", anon],
        ] as const) {
          const url = routeUrl(file, value);
          let status: number;
          try {
            status = (await client.get(url)).status;
          } catch (e) {
            status = 599;
            void e;
          }
          if (status >= 500) problems.push(`GET ${url.slice(0, 80)} (${file}, ${who}) -> HTTP ${status}`);
        }
      }
    }
    expect(problems).toEqual([]);
  }, 120_000);
});
