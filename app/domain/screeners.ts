/**
 * Saved screeners: a named, versioned talent filter owned by a lab (seen by its members) or by the
 * coordinators (seen by coordinators and admins). Pure: the criteria schema (JSON API and form),
 * normalisation, the rule that labs never filter on a private field, version rules, and the
 * mapping to and from talent search parameters (so a screener's eligible count goes through the
 * very search the talent page runs).
 */
import { z } from "zod";
import { languageName, readLanguages } from "./languages";
import { TASK_TYPE_KEYS, type TaskTypeKey, taskTypeName } from "./taxonomy";

/** Talent search filters on at most three task types; a screener keeps to the same limit. */
export const SCREENER_MAX_TASKS = 3;
export const SCREENER_NAME_MAX = 80;

export type ScreenerOwner = "LAB" | "COORDINATORS";

export interface ScreenerCriteria {
  /** Minimum transfer score per task type, in the order given (the first one sorts the results). */
  tasks: { taskType: TaskTypeKey; min: number }[];
  /** ISO 639 codes; every one must be among the person's working languages. Sorted, unique. */
  languages: string[];
  /** Weekly hours available, at least. */
  minHours: number | null;
  /** Current UTC offset window in whole hours (-12..14). */
  tzMin: number | null;
  tzMax: number | null;
  /** Only people with at least one verified credit. */
  verifiedOnly: boolean;
  /**
   * Coordinators only: the person's private minimum rate (USD per hour) is at most this. Labs
   * never filter or observe by a private field (docs/decisions/0002, 0014).
   */
  maxRate: number | null;
}

export const EMPTY_CRITERIA: ScreenerCriteria = {
  tasks: [],
  languages: [],
  minHours: null,
  tzMin: null,
  tzMax: null,
  verifiedOnly: false,
  maxRate: null,
};

export const LAB_RATE_REFUSAL = "Labs cannot filter on a professional's minimum rate: it is private. Remove the rate filter.";
const TZ_ORDER = "The window must start at or before its end (e.g. from -8 to -5).";
const DUPLICATE_TASK = "Each task type may appear once.";

const languageList = z.preprocess(
  (v) => (typeof v === "string" || Array.isArray(v) ? readLanguages(v as string | string[]) : v),
  z
    .array(z.object({ typed: z.string(), code: z.string().nullable() }), { error: "Languages must be a list of names or codes." })
    .superRefine((list, ctx) => {
      const unknown = list.filter((l) => !l.code).map((l) => `"${l.typed.slice(0, 40)}"`);
      if (unknown.length) {
        ctx.addIssue({
          code: "custom",
          message: `${unknown.join(", ")} ${unknown.length === 1 ? "is not a language" : "are not languages"} we know. Use names like English or codes like en.`,
        });
      }
    })
    .transform((list) => [...new Set(list.map((l) => l.code as string))].sort())
    .pipe(z.array(z.string()).max(20, "List at most 20 languages.")),
);

const int = (min: number, max: number, what: string) =>
  z
    .number({ error: `${what} must be a whole number from ${min} to ${max}.` })
    .int(`${what} must be a whole number from ${min} to ${max}.`)
    .min(min, `${what} must be at least ${min}.`)
    .max(max, `${what} must be at most ${max}.`);

const taskRow = z
  .object({
    taskType: z.enum(TASK_TYPE_KEYS, { error: "Choose a task type from the list." }),
    min: int(0, 100, "The minimum score"),
  })
  .strict();

function crossChecks(c: { tasks: { taskType: string }[]; tzMin: number | null; tzMax: number | null }, ctx: z.RefinementCtx) {
  const seen = new Set<string>();
  for (const t of c.tasks) {
    if (seen.has(t.taskType)) {
      ctx.addIssue({ code: "custom", path: ["tasks"], message: DUPLICATE_TASK });
      break;
    }
    seen.add(t.taskType);
  }
  if (c.tzMin != null && c.tzMax != null && c.tzMin > c.tzMax) ctx.addIssue({ code: "custom", path: ["tzMax"], message: TZ_ORDER });
}

/** The criteria as the JSON API takes them (every field optional; unknown fields refused). */
export const screenerCriteriaSchema = z
  .object({
    tasks: z.array(taskRow).max(SCREENER_MAX_TASKS, `Filter on at most ${SCREENER_MAX_TASKS} task types.`).default([]),
    languages: languageList.default([]),
    minHours: int(0, 80, "Weekly hours").nullable().default(null),
    tzMin: int(-12, 14, "The UTC offset").nullable().default(null),
    tzMax: int(-12, 14, "The UTC offset").nullable().default(null),
    verifiedOnly: z.boolean({ error: "verifiedOnly must be true or false." }).default(false),
    maxRate: z
      .number({ error: "The rate must be a number." })
      .min(0, "The rate cannot be negative.")
      .max(100_000, "The rate must be at most 100,000.")
      .nullable()
      .default(null),
  })
  .strict()
  .superRefine(crossChecks);

const screenerName = z
  .string({ error: "Give the screener a name." })
  .trim()
  .min(2, "Give the screener a name of at least 2 characters.")
  .max(SCREENER_NAME_MAX, `Use at most ${SCREENER_NAME_MAX} characters.`);

/** POST /api/v1/screeners. */
export const screenerInputSchema = z.object({ name: screenerName, criteria: screenerCriteriaSchema.default(EMPTY_CRITERIA) }).strict();
export type ScreenerInput = { name: string; criteria: ScreenerCriteria };

/** POST /api/v1/screeners/{id}/versions: the whole new version, and optionally the version it was based on. */
export const screenerVersionInputSchema = screenerInputSchema.extend({ baseVersion: z.number().int().min(1).optional() }).strict();

// ------------------------------------------------------------------------------------ the form

const blank = (v: unknown) => v === undefined || v === null || (typeof v === "string" && v.trim() === "");
/** "" -> null; a numeric string -> number; anything else is left for zod to refuse. */
const numberField = <T extends z.ZodType>(inner: T) =>
  z.preprocess((v) => (blank(v) ? null : typeof v === "string" && /^\s*-?\d+(\.\d+)?\s*$/.test(v) ? Number(v) : v), inner);

const formTaskRow = z
  .object({
    taskType: z.preprocess(
      (v) => (blank(v) ? "" : v),
      z.union([z.literal(""), z.enum(TASK_TYPE_KEYS, { error: "Choose a task type from the list." })]),
    ),
    min: numberField(int(0, 100, "The minimum score").nullable()),
  })
  .superRefine((t, ctx) => {
    if (t.taskType !== "" && t.min == null) ctx.addIssue({ code: "custom", path: ["min"], message: "Give the minimum score (0 to 100)." });
  });

/**
 * The screener form (Conform field names: name, tasks[0].taskType, tasks[0].min, languages,
 * minHours, tzMin, tzMax, verifiedOnly, maxRate, version). Rows without a task type are dropped.
 * Gives `{ name, criteria, version }`.
 */
export const screenerFormSchema = z
  .object({
    name: screenerName,
    tasks: z.preprocess((v) => (v === undefined ? [] : v), z.array(formTaskRow).max(SCREENER_MAX_TASKS + 3)),
    languages: z.preprocess((v) => (blank(v) ? [] : v), languageList),
    minHours: numberField(int(0, 80, "Weekly hours").nullable()),
    tzMin: numberField(int(-12, 14, "The UTC offset").nullable()),
    tzMax: numberField(int(-12, 14, "The UTC offset").nullable()),
    verifiedOnly: z.preprocess((v) => v === "on" || v === "1" || v === "true" || v === true, z.boolean()),
    maxRate: numberField(
      z
        .number({ error: "The rate must be a number." })
        .min(0, "The rate cannot be negative.")
        .max(100_000, "The rate must be at most 100,000.")
        .nullable(),
    ),
    version: numberField(z.number().int().min(1).nullable()),
  })
  .superRefine((f, ctx) => {
    const chosen = f.tasks.filter((t) => t.taskType !== "");
    if (chosen.length > SCREENER_MAX_TASKS)
      ctx.addIssue({ code: "custom", path: ["tasks"], message: `Filter on at most ${SCREENER_MAX_TASKS} task types.` });
    crossChecks({ tasks: chosen, tzMin: f.tzMin, tzMax: f.tzMax }, ctx);
  })
  .transform((f) => ({
    name: f.name,
    version: f.version ?? undefined,
    criteria: normalizeCriteria({
      tasks: f.tasks.filter((t) => t.taskType !== "").map((t) => ({ taskType: t.taskType as TaskTypeKey, min: t.min ?? 0 })),
      languages: f.languages,
      minHours: f.minHours,
      tzMin: f.tzMin,
      tzMax: f.tzMax,
      verifiedOnly: f.verifiedOnly,
      maxRate: f.maxRate,
    }),
  }));

/** Form values for a saved version (the edit form starts from the current version). */
export function criteriaFormValues(name: string, c: ScreenerCriteria, version?: number): Record<string, unknown> {
  return {
    name,
    tasks: [0, 1, 2].map((i) => ({ taskType: c.tasks[i]?.taskType ?? "", min: c.tasks[i] ? String(c.tasks[i].min) : "70" })),
    languages: c.languages.map(languageName).join(", "),
    minHours: c.minHours == null ? "" : String(c.minHours),
    tzMin: c.tzMin == null ? "" : String(c.tzMin),
    tzMax: c.tzMax == null ? "" : String(c.tzMax),
    verifiedOnly: c.verifiedOnly ? "on" : "",
    maxRate: c.maxRate == null ? "" : String(c.maxRate),
    ...(version ? { version: String(version) } : {}),
  };
}

// ------------------------------------------------------------------------------------ rules

/** The canonical form: languages sorted and unique, task order kept (it decides the sort). */
export function normalizeCriteria(c: ScreenerCriteria): ScreenerCriteria {
  return {
    tasks: c.tasks.map((t) => ({ taskType: t.taskType, min: t.min })),
    languages: [...new Set(c.languages)].sort(),
    minHours: c.minHours ?? null,
    tzMin: c.tzMin ?? null,
    tzMax: c.tzMax ?? null,
    verifiedOnly: Boolean(c.verifiedOnly),
    maxRate: c.maxRate ?? null,
  };
}

/** Reads stored criteria (a JSON column), tolerating rows written by an older shape. */
export function readCriteria(json: unknown): ScreenerCriteria {
  const parsed = screenerCriteriaSchema.safeParse(json);
  return parsed.success ? normalizeCriteria(parsed.data as ScreenerCriteria) : { ...EMPTY_CRITERIA };
}

/**
 * Field errors for criteria the owner may not use: a lab's screener never filters on the private
 * minimum rate (an empty object when all is well).
 */
export function ownerErrors(owner: ScreenerOwner, c: Pick<ScreenerCriteria, "maxRate">): Record<string, string[]> {
  return owner === "LAB" && c.maxRate != null ? { maxRate: [LAB_RATE_REFUSAL] } : {};
}

const canonical = (c: ScreenerCriteria) => JSON.stringify(normalizeCriteria(c));
export const sameCriteria = (a: ScreenerCriteria, b: ScreenerCriteria) => canonical(a) === canonical(b);

export type VersionDecision =
  | { ok: true; changed: false }
  | { ok: true; changed: true; version: number; changes: string[] }
  | { ok: false; status: 409; code: "STALE_VERSION"; message: string };

/**
 * Saving an edit: the edit names the version it was based on (when given it must be the current
 * one, else 409 and nothing is saved); an edit that changes nothing keeps the current version;
 * anything else becomes version current + 1. Old versions are never changed.
 */
export function decideVersion(
  current: { version: number; name: string; criteria: ScreenerCriteria },
  edit: { name: string; criteria: ScreenerCriteria; baseVersion?: number },
): VersionDecision {
  if (edit.baseVersion !== undefined && edit.baseVersion !== current.version) {
    return {
      ok: false,
      status: 409,
      code: "STALE_VERSION",
      message: `This screener changed meanwhile: you edited version ${edit.baseVersion}, the current one is ${current.version}. Reload it and make your change again.`,
    };
  }
  const changes = describeChanges(current, edit);
  if (changes.length === 0) return { ok: true, changed: false };
  return { ok: true, changed: true, version: current.version + 1, changes };
}

const hours = (n: number) => `UTC${n >= 0 ? "+" : ""}${n}`;

/** One short sentence per criterion, in people's words. */
export function describeCriteria(c: ScreenerCriteria): string[] {
  const out: string[] = [];
  for (const t of c.tasks) out.push(`${taskTypeName(t.taskType)} score at least ${t.min}`);
  if (c.languages.length) out.push(`Works in ${c.languages.map(languageName).join(", ")}`);
  if (c.minHours != null) out.push(`At least ${c.minHours} h/week available`);
  if (c.tzMin != null || c.tzMax != null) out.push(`Time zone ${hours(c.tzMin ?? -12)} to ${hours(c.tzMax ?? 14)}`);
  if (c.verifiedOnly) out.push("Has verified credits");
  if (c.maxRate != null) out.push(`Minimum rate at most $${c.maxRate}/h`);
  return out;
}

/** What changed between two versions ("Languages: English → English, Spanish"). */
export function describeChanges(
  before: { name: string; criteria: ScreenerCriteria },
  after: { name: string; criteria: ScreenerCriteria },
): string[] {
  const a = normalizeCriteria(before.criteria);
  const b = normalizeCriteria(after.criteria);
  const out: string[] = [];
  const none = "none";
  if (before.name !== after.name) out.push(`Name: ${before.name} → ${after.name}`);
  const tasks = (c: ScreenerCriteria) => c.tasks.map((t) => `${taskTypeName(t.taskType)} ≥ ${t.min}`).join(", ") || none;
  if (tasks(a) !== tasks(b)) out.push(`Task scores: ${tasks(a)} → ${tasks(b)}`);
  const langs = (c: ScreenerCriteria) => c.languages.map(languageName).join(", ") || none;
  if (langs(a) !== langs(b)) out.push(`Languages: ${langs(a)} → ${langs(b)}`);
  const num = (v: number | null, unit = "") => (v == null ? none : `${v}${unit}`);
  if (a.minHours !== b.minHours) out.push(`Hours per week: ${num(a.minHours)} → ${num(b.minHours)}`);
  if (a.tzMin !== b.tzMin || a.tzMax !== b.tzMax) {
    const tz = (c: ScreenerCriteria) => (c.tzMin == null && c.tzMax == null ? none : `${hours(c.tzMin ?? -12)} to ${hours(c.tzMax ?? 14)}`);
    out.push(`Time zone: ${tz(a)} → ${tz(b)}`);
  }
  if (a.verifiedOnly !== b.verifiedOnly)
    out.push(`Verified credits only: ${a.verifiedOnly ? "yes" : "no"} → ${b.verifiedOnly ? "yes" : "no"}`);
  if (a.maxRate !== b.maxRate) out.push(`Maximum minimum rate: ${num(a.maxRate)} → ${num(b.maxRate)}`);
  return out;
}

// ------------------------------------------------------------------------------------ talent search

/**
 * The talent search query string for these criteria (/talent?...). The service parses it with
 * the talent page's own schema, so a screener counts exactly what that page pages through.
 * The rate goes in only for coordinators' screeners.
 */
export function criteriaToQuery(c: ScreenerCriteria, owner: ScreenerOwner): URLSearchParams {
  const q = new URLSearchParams();
  for (const t of c.tasks) {
    q.append("task", t.taskType);
    q.append("min", String(t.min));
  }
  for (const l of c.languages) q.append("languages", l);
  if (c.minHours != null) q.set("minHours", String(c.minHours));
  if (c.tzMin != null) q.set("tzMin", String(c.tzMin));
  if (c.tzMax != null) q.set("tzMax", String(c.tzMax));
  if (c.verifiedOnly) q.set("verified", "1");
  if (owner === "COORDINATORS" && c.maxRate != null) q.set("maxRate", String(c.maxRate));
  return q;
}

/**
 * A talent search URL's filters as screener criteria, leniently: the talent form sends its three
 * task rows even when a row is "Any" (`task=`), so rows are paired by position and empty or
 * unknown ones are skipped; values out of range are left out rather than refused.
 */
export function searchParamsToCriteria(sp: URLSearchParams, owner: ScreenerOwner): ScreenerCriteria {
  const tasks = sp.getAll("task");
  const mins = sp.getAll("min");
  const keys = new Set<string>(TASK_TYPE_KEYS);
  const rows: ScreenerCriteria["tasks"] = [];
  for (const [i, t] of tasks.entries()) {
    if (!keys.has(t) || rows.some((r) => r.taskType === t) || rows.length >= SCREENER_MAX_TASKS) continue;
    const min = Number(mins[i] ?? 50);
    rows.push({ taskType: t as TaskTypeKey, min: Number.isInteger(min) && min >= 0 && min <= 100 ? min : 50 });
  }
  const intIn = (v: string | null, lo: number, hi: number) => {
    if (v === null || v.trim() === "") return null;
    const n = Number(v);
    return Number.isInteger(n) && n >= lo && n <= hi ? n : null;
  };
  const rate = sp.get("maxRate");
  const rateN = rate === null || rate.trim() === "" ? null : Number(rate);
  return normalizeCriteria({
    tasks: rows,
    languages: sp.getAll("languages").filter((l) => /^[a-z]{2,3}$/.test(l)),
    minHours: intIn(sp.get("minHours"), 0, 80),
    tzMin: intIn(sp.get("tzMin"), -12, 14),
    tzMax: intIn(sp.get("tzMax"), -12, 14),
    verifiedOnly: sp.get("verified") === "1",
    maxRate: owner === "COORDINATORS" && rateN !== null && Number.isFinite(rateN) && rateN >= 0 && rateN <= 100_000 ? rateN : null,
  });
}
