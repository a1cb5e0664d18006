/**
 * Professional profiles: the zod schemas for the profile editor and for credits, the
 * completeness meter, and CSV credit import (byte checks, header checks, row parsing).
 * Pure: no I/O, no clock (callers pass `currentYear`), safe to import in the browser.
 */
import Papa from "papaparse";
import { z } from "zod";
import {
  type FormatKey,
  type GenreKey,
  type RoleKey,
  DEPARTMENTS,
  FORMAT_KEYS,
  GENRE_KEYS,
  ROLE_KEYS,
  departmentOfRole,
  isFormatKey,
  isGenreKey,
  isRoleKey,
  parseFormat,
  parseGenres,
  parseRole,
  readFormat,
  readRole,
  rolesInDepartment,
} from "./taxonomy";

export const MIN_CREDIT_YEAR = 1950;
export const MAX_EPISODES = 2000;
export const MAX_CREDITS_PER_PROFILE = 500;
export const MAX_LINKS = 10;
export const LANGUAGE_ROWS = 6;

/** The calendar year in UTC: credit years are compared against it. */
export function currentUtcYear(now: Date = new Date()): number {
  return now.getUTCFullYear();
}

// ---------------------------------------------------------------------------
// Small form helpers
// ---------------------------------------------------------------------------

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const trimmed = (v: unknown) => (typeof v === "string" ? v.trim() : v);

/** Whole number from a form string ("12", " 12 "); "" → undefined; anything else stays for zod to reject. */
function toIntInput(v: unknown): unknown {
  if (typeof v === "number") return v;
  if (typeof v !== "string") return v;
  const s = v.trim();
  if (s === "") return undefined;
  return /^[+-]?\d+(\.\d+)?$/.test(s) ? Number(s) : Number.NaN;
}

function yearField(label: string, currentYear: number) {
  return z
    .number({ error: `Enter ${label} as a four-digit year, like 2015.` })
    .refine((n) => Number.isInteger(n), `Enter ${label} as a four-digit year, like 2015.`)
    .refine((n) => n >= MIN_CREDIT_YEAR, `${capitalise(label)} must be ${MIN_CREDIT_YEAR} or later.`)
    .refine((n) => n <= currentYear, `${capitalise(label)} cannot be in the future (after ${currentYear}).`);
}

function capitalise(s: string) {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

// ---------------------------------------------------------------------------
// Credits
// ---------------------------------------------------------------------------

export interface CreditInput {
  showTitle: string;
  network: string;
  format: FormatKey;
  genres: GenreKey[];
  role: RoleKey;
  startYear: number;
  /** null = ongoing */
  endYear: number | null;
  episodes: number;
}

/**
 * A credit as typed into the form (strings) or produced by the CSV importer. Year limits depend
 * on `currentYear`, so the schema is built per call.
 */
export function creditInputSchema(currentYear: number) {
  return z
    .object({
      showTitle: z.preprocess(
        trimmed,
        z
          .string({ error: "Enter the show's title." })
          .min(1, "Enter the show's title.")
          .max(200, "Use at most 200 characters for the title."),
      ),
      network: z.preprocess(
        (v) => (v === undefined || v === null ? "" : trimmed(v)),
        z.string({ error: "The network must be text." }).max(120, "Use at most 120 characters for the network."),
      ),
      format: z.enum(FORMAT_KEYS, { error: "Choose the show's format." }),
      genres: z.preprocess(
        (v) => (v === undefined || v === null ? [] : typeof v === "string" ? [v] : v),
        z
          .array(z.enum(GENRE_KEYS, { error: "Choose genres from the list." }))
          .max(6, "Choose at most 6 genres.")
          .transform((list) => [...new Set(list)]),
      ),
      role: z.enum(ROLE_KEYS, { error: "Choose your role on the show." }),
      startYear: z.preprocess(toIntInput, yearField("the start year", currentYear)),
      endYear: z.preprocess(
        (v) => (v === null ? undefined : toIntInput(v)),
        yearField("the end year", currentYear)
          .optional()
          .transform((v) => v ?? null),
      ),
      episodes: z.preprocess(
        toIntInput,
        z
          .number({ error: "Enter how many episodes you worked on." })
          .refine((n) => Number.isInteger(n), "Enter the number of episodes as a whole number.")
          .refine((n) => n >= 1, "Enter at least 1 episode.")
          .refine((n) => n <= MAX_EPISODES, `Enter at most ${MAX_EPISODES} episodes.`),
      ),
    })
    .superRefine((c, ctx) => {
      if (c.endYear !== null && c.endYear < c.startYear) {
        ctx.addIssue({ code: "custom", path: ["endYear"], message: "The end year cannot be before the start year." });
      }
    });
}

/** Department stored next to the role (derived, never typed). */
export function creditDepartment(role: RoleKey): string {
  return departmentOfRole(role);
}

/** Role options grouped by department, junior → senior, for a <select> with <optgroup>s. */
export function roleOptionGroups(): { label: string; options: { value: string; label: string }[] }[] {
  return DEPARTMENTS.map((d) => ({
    label: d.label,
    options: rolesInDepartment(d.key).map((r) => ({ value: r.key, label: r.label })),
  })).filter((g) => g.options.length > 0);
}

/**
 * The identity of an imported row, used (hashed) as Credit.importKey so importing the same
 * file twice creates no duplicates: title lower-cased and whitespace-collapsed, role, format,
 * years and episodes.
 */
export function importIdentity(c: Pick<CreditInput, "showTitle" | "role" | "format" | "startYear" | "endYear" | "episodes">): string {
  const title = c.showTitle.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
  return [title, c.role, c.format, c.startYear, c.endYear ?? "", c.episodes].join("\u001f");
}

// ---------------------------------------------------------------------------
// Profile
// ---------------------------------------------------------------------------

export const LANGUAGE_LEVELS = [
  { value: "native", label: "Native" },
  { value: "fluent", label: "Fluent" },
  { value: "conversational", label: "Conversational" },
] as const;
export type LanguageLevel = (typeof LANGUAGE_LEVELS)[number]["value"];
const LEVEL_VALUES = ["native", "fluent", "conversational"] as const;

export { LANGUAGES, describeLanguages, languageName, readLanguages, type LanguageReading } from "./languages";
import { LANGUAGE_CODES } from "./languages";

export const CURRENCIES = ["USD", "CAD", "GBP", "EUR", "AUD", "NZD", "SEK", "NOK", "DKK", "CHF", "JPY", "KRW", "INR", "MXN", "BRL", "ZAR"] as const;

export const PROFILE_VISIBILITY = [
  { value: "LABS", label: "Labs and coordinators", hint: "Members of AI labs on Second Act can find you and see your public profile." },
  { value: "COORDINATORS", label: "Coordinators only", hint: "Only Second Act coordinators see your profile; they may introduce you to labs." },
] as const;

/** Self-identification choices. Every list includes "prefer not to say". */
export const DEMOGRAPHIC_FIELDS = [
  {
    key: "gender",
    label: "Gender",
    options: ["Woman", "Man", "Non-binary", "I use another term", "Prefer not to say"],
  },
  {
    key: "ethnicity",
    label: "Ethnicity",
    options: [
      "Asian",
      "Black",
      "Hispanic or Latino/a/e",
      "Indigenous",
      "Middle Eastern or North African",
      "Pacific Islander",
      "White",
      "Multiple ethnicities",
      "I use another term",
      "Prefer not to say",
    ],
  },
  {
    key: "ageBand",
    label: "Age band",
    options: ["Under 25", "25–34", "35–44", "45–54", "55–64", "65 or older", "Prefer not to say"],
  },
  {
    key: "disability",
    label: "Disability",
    options: ["Yes, I identify as disabled", "No", "Prefer not to say"],
  },
] as const;
export type DemographicKey = (typeof DEMOGRAPHIC_FIELDS)[number]["key"];
export type Demographics = Partial<Record<DemographicKey, string>>;

/** Text shown next to the demographics opt-in; its version is recorded as a ConsentRecord. */
export const DEMOGRAPHICS_NOTICE = {
  version: "demographics-2026-11",
  text: "Optional. Answers are used only in aggregate fairness reports about who gets matched, invited and hired; any group smaller than 10 people is suppressed. Labs never see them, they are not shown on your profile and they never affect matching. You can change or delete them at any time.",
} as const;

export function isValidTimeZone(tz: string): boolean {
  if (!tz || tz.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** IANA zones for the select (UTC first). */
export function timeZoneOptions(): string[] {
  let zones: string[] = [];
  try {
    zones = (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.("timeZone") ?? [];
  } catch {
    zones = [];
  }
  return ["UTC", ...zones.filter((z) => z !== "UTC")];
}

const LINK_RE = /^https?:\/\/[^\s/$.?#][^\s]*$/i;

export function isHttpUrl(value: string): boolean {
  if (!LINK_RE.test(value)) return false;
  try {
    const u = new URL(value);
    return (u.protocol === "http:" || u.protocol === "https:") && Boolean(u.hostname);
  } catch {
    return false;
  }
}

function demographicField(key: DemographicKey) {
  const options = DEMOGRAPHIC_FIELDS.find((f) => f.key === key)!.options as readonly string[];
  return z.preprocess(
    blankToUndefined,
    z
      .string()
      .refine((v) => options.includes(v), "Choose an option from the list.")
      .optional(),
  );
}

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2027-01-31.")
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
  }, "That date does not exist.")
  .refine((s) => Number(s.slice(0, 4)) >= 1900 && Number(s.slice(0, 4)) <= 2200, "Use a date between 1900 and 2200.");

export const profileInputSchema = z
  .object({
    headline: z.preprocess(trimmed, z.string().max(140, "Use at most 140 characters for your headline.")).default(""),
    bio: z.preprocess(trimmed, z.string().max(4000, "Use at most 4,000 characters for your bio.")).default(""),
    location: z.preprocess(trimmed, z.string().max(120, "Use at most 120 characters for your location.")).default(""),
    timezone: z.preprocess(
      (v) => (typeof v === "string" && v.trim() ? v.trim() : "UTC"),
      z.string().refine(isValidTimeZone, "Choose a time zone from the list, like America/Los_Angeles."),
    ),
    languages: z
      .array(
        z.object({
          code: z.string().refine((c) => LANGUAGE_CODES.has(c), "Choose a language from the list."),
          level: z.enum(LEVEL_VALUES, { error: "Choose native, fluent or conversational." }),
        }),
      )
      .max(LANGUAGE_ROWS, `List at most ${LANGUAGE_ROWS} languages.`)
      .refine((list) => new Set(list.map((l) => l.code)).size === list.length, "List each language once.")
      .default([]),
    hoursPerWeek: z.preprocess(
      toIntInput,
      z
        .number({ error: "Enter hours per week as a whole number." })
        .refine((n) => Number.isInteger(n), "Enter hours per week as a whole number.")
        .refine((n) => n >= 1 && n <= 80, "Hours per week must be between 1 and 80.")
        .optional(),
    ),
    minRate: z.preprocess(
      (v) => {
        const b = blankToUndefined(v);
        if (typeof b !== "string") return b;
        const s = b.trim().replace(/,/g, "");
        return /^\d+(\.\d{1,2})?$/.test(s) ? Number(s) : Number.NaN;
      },
      z
        .number({ error: "Enter a rate like 45 or 62.50." })
        .refine((n) => Number.isFinite(n), "Enter a rate like 45 or 62.50.")
        .refine((n) => n > 0 && n <= 10_000, "Enter an hourly rate between 0 and 10,000.")
        .optional(),
    ),
    rateCurrency: z.preprocess(
      (v) => (typeof v === "string" && v.trim() ? v.trim().toUpperCase() : "USD"),
      z.enum(CURRENCIES, { error: "Choose a currency from the list." }),
    ),
    availableFrom: z.preprocess(blankToUndefined, isoDate.optional()),
    links: z
      .array(z.string().max(500, "Links must be at most 500 characters.").refine(isHttpUrl, "Links must start with http:// or https://."))
      .max(MAX_LINKS, `Add at most ${MAX_LINKS} links.`)
      .default([]),
    aiUseConsent: z.boolean().default(false),
    demographicsOptIn: z.boolean().default(false),
    demographics: z
      .object({
        gender: demographicField("gender"),
        ethnicity: demographicField("ethnicity"),
        ageBand: demographicField("ageBand"),
        disability: demographicField("disability"),
      })
      .default({}),
    visibility: z.enum(["LABS", "COORDINATORS"], { error: "Choose who can see your profile." }).default("LABS"),
  })
  .transform((p) => ({ ...p, demographics: p.demographicsOptIn ? stripUndefined(p.demographics) : null }));

function stripUndefined(o: Record<string, string | undefined>): Demographics {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Demographics;
}

export type ProfileInput = z.output<typeof profileInputSchema>;

/**
 * Turns the editor's flat form fields into the schema's shape: languages come as
 * langCode0/langLevel0..., links one per line, checkboxes as "on", demographics as demo_<key>.
 * Language rows are reported as `languages.<i>.code`; the route maps them back to field names.
 */
export function profileFormToInput(form: Record<string, unknown>): Record<string, unknown> {
  const str = (k: string) => (typeof form[k] === "string" ? (form[k] as string) : "");
  const languages: { code: string; level: string }[] = [];
  for (let i = 0; i < LANGUAGE_ROWS; i++) {
    const code = str(`langCode${i}`).trim();
    if (!code) continue;
    languages.push({ code, level: str(`langLevel${i}`).trim() || "fluent" });
  }
  const links = str("links")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const demographics: Record<string, string> = {};
  for (const f of DEMOGRAPHIC_FIELDS) demographics[f.key] = str(`demo_${f.key}`);
  return {
    headline: str("headline"),
    bio: str("bio"),
    location: str("location"),
    timezone: str("timezone"),
    languages,
    hoursPerWeek: str("hoursPerWeek"),
    minRate: str("minRate"),
    rateCurrency: str("rateCurrency"),
    availableFrom: str("availableFrom"),
    links,
    aiUseConsent: form.aiUseConsent === "on",
    demographicsOptIn: form.demographicsOptIn === "on",
    demographics,
    visibility: str("visibility") || "LABS",
  };
}

/**
 * The profile editor's field name for an error of `profileInputSchema` at `path`: language rows
 * are counted among the filled rows only (`rows` holds their row numbers), so `languages.1.code`
 * is the second filled row, which may be row 3 of the form.
 */
function editorField(path: readonly PropertyKey[], form: Record<string, unknown>, rows: readonly number[]): string {
  const [head, index, leaf] = path.map(String);
  if (head === "languages") {
    if (index !== undefined && /^\d+$/.test(index)) {
      const row = rows[Number(index)] ?? 0;
      return `${leaf === "level" ? "langLevel" : "langCode"}${row}`;
    }
    // About the list as a whole ("List each language once."): the first row that repeats a language.
    const seen = new Set<string>();
    for (const row of rows) {
      const code = String(form[`langCode${row}`] ?? "").trim();
      if (seen.has(code)) return `langCode${row}`;
      seen.add(code);
    }
    return `langCode${rows[0] ?? 0}`;
  }
  if (head === "links") return "links";
  if (head === "demographics" && index) return `demo_${index}`;
  return head ?? "";
}

/**
 * The profile editor's schema, used in the browser and on the server: the editor's flat fields
 * (langCode0/langLevel0..., links one per line, checkboxes "on", demo_<key>) in, `ProfileInput`
 * out, and every error reported under the name of the field that shows it.
 */
export const profileEditorSchema = z.record(z.string(), z.unknown()).transform((form, ctx): ProfileInput => {
  const parsed = profileInputSchema.safeParse(profileFormToInput(form));
  if (parsed.success) return parsed.data;
  const rows = Array.from({ length: LANGUAGE_ROWS }, (_, i) => i).filter((i) => typeof form[`langCode${i}`] === "string" && String(form[`langCode${i}`]).trim());
  for (const issue of parsed.error.issues) {
    const field = editorField(issue.path, form, rows);
    ctx.addIssue({ code: "custom", message: issue.message, path: field ? [field] : [] });
  }
  return z.NEVER;
});

/** Codes spoken at fluent or native level: what gig language filters match on. */
export function workingLanguageCodes(languages: readonly { code: string; level: string }[]): string[] {
  return [...new Set(languages.filter((l) => l.level === "native" || l.level === "fluent").map((l) => l.code))];
}

// ---------------------------------------------------------------------------
// Completeness meter
// ---------------------------------------------------------------------------

export interface CompletenessInput {
  headline: string;
  bio: string;
  location: string;
  languages: readonly unknown[];
  hoursPerWeek: number | null;
  minRateCents: number | null;
  availableFrom: Date | string | null;
  links: readonly string[];
  aiUseConsentAt: Date | string | null;
  creditCount: number;
}

export interface CompletenessItem {
  key: string;
  label: string;
  weight: number;
  done: boolean;
  /** Where in the app to fix it. */
  href: string;
}

export interface Completeness {
  percent: number;
  items: CompletenessItem[];
  /** The missing item worth most, or null when complete. */
  next: CompletenessItem | null;
}

/**
 * Percentage complete and the next most useful thing to add. Weights follow what matters for
 * matching: credits drive the transfer scores, then consent (needed to work), then the facts
 * labs filter on.
 */
export function profileCompleteness(p: CompletenessInput): Completeness {
  const items: CompletenessItem[] = [
    { key: "credit", label: "Add your first TV credit", weight: 30, done: p.creditCount >= 1, href: "/me/profile/credits" },
    { key: "consent", label: "Read and accept the AI-use terms", weight: 10, done: Boolean(p.aiUseConsentAt), href: "/me/profile#consent" },
    { key: "moreCredits", label: "Add at least three credits", weight: 10, done: p.creditCount >= 3, href: "/me/profile/credits" },
    { key: "headline", label: "Write a one-line headline", weight: 10, done: p.headline.trim().length > 0, href: "/me/profile#f-headline" },
    { key: "languages", label: "Add the languages you work in", weight: 10, done: p.languages.length > 0, href: "/me/profile#languages" },
    { key: "bio", label: "Write a short bio (50 characters or more)", weight: 8, done: p.bio.trim().length >= 50, href: "/me/profile#f-bio" },
    { key: "hours", label: "Say how many hours a week you can work", weight: 7, done: p.hoursPerWeek != null, href: "/me/profile#f-hoursPerWeek" },
    { key: "rate", label: "Set your minimum hourly rate", weight: 5, done: p.minRateCents != null, href: "/me/profile#f-minRate" },
    { key: "location", label: "Add your location", weight: 4, done: p.location.trim().length > 0, href: "/me/profile#f-location" },
    { key: "links", label: "Add a portfolio link", weight: 3, done: p.links.length > 0, href: "/me/profile#f-links" },
    { key: "available", label: "Say when you are available from", weight: 3, done: p.availableFrom != null, href: "/me/profile#f-availableFrom" },
  ];
  const total = items.reduce((s, i) => s + i.weight, 0);
  const done = items.filter((i) => i.done).reduce((s, i) => s + i.weight, 0);
  const next = items.filter((i) => !i.done).sort((a, b) => b.weight - a.weight)[0] ?? null;
  return { percent: Math.round((100 * done) / total), items, next };
}

// ---------------------------------------------------------------------------
// CSV import
// ---------------------------------------------------------------------------

export const MAX_CSV_BYTES = 2 * 1024 * 1024;
export const MAX_CSV_ROWS = 5000;

export const CSV_COLUMNS = [
  { name: "show_title", required: true, description: "The show's title, e.g. Harbor Lights." },
  { name: "network", required: false, description: "Network or platform, e.g. Northwind or StreamCo." },
  { name: "format", required: true, description: "Multi-camera sitcom, single-camera comedy, drama, procedural, limited series, animation, unscripted, documentary, late-night, daytime or children's. Common names work (\"multi-cam sitcom\", \"docuseries\")." },
  { name: "genres", required: false, description: "Semicolon-separated, e.g. comedy; satire." },
  { name: "role", required: true, description: "Your role, e.g. Staff writer, Showrunner, Editor, DP, Script supervisor." },
  { name: "start_year", required: true, description: `First year on the show (${MIN_CREDIT_YEAR} or later).` },
  { name: "end_year", required: false, description: "Last year; leave empty (or write \"present\") if ongoing." },
  { name: "episodes", required: true, description: `Episodes you worked on, 1 to ${MAX_EPISODES}.` },
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number]["name"];
const COLUMN_NAMES = new Set<string>(CSV_COLUMNS.map((c) => c.name));

/** A line whose first cell starts with "# " (or is just "#") is a comment: the importer skips it. */
export function isCsvComment(cells: readonly string[]): boolean {
  return /^#(\s|$)/.test((cells[0] ?? "").trim());
}

/**
 * The template: the header, then examples as comment lines (the importer ignores lines that start
 * with "# "), so a template uploaded as it is imports nothing by accident.
 */
export const CSV_TEMPLATE = `${[
  CSV_COLUMNS.map((c) => c.name).join(","),
  "# Lines starting with # are ignored. Add one credit per line below; delete these examples or leave them.",
  "# Harbor Lights,Northwind,Single-camera comedy,comedy; satire,Staff writer,2006,2008,44",
  "# Law & Order,NBC,Procedural,crime; legal,Script supervisor,2010,2012,66",
  '# "Planet Earth, Again",BBC,Documentary,nature,Editor,2019,,8',
].join("\r\n")}\r\n`;

export type DecodeResult = { ok: true; text: string } | { ok: false; error: string };

/**
 * Checks uploaded bytes before parsing: size, emptiness, binary content, UTF-16, and that the
 * text is valid UTF-8. Returns the decoded text without a byte-order mark.
 */
export function decodeCsvBytes(bytes: Uint8Array): DecodeResult {
  if (bytes.length === 0) return { ok: false, error: "The file is empty. Download the template, add your credits and upload it again." };
  if (bytes.length > MAX_CSV_BYTES) {
    return { ok: false, error: `The file is ${(bytes.length / 1024 / 1024).toFixed(1)} MB; the limit is 2 MB. Split it into smaller files.` };
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { ok: false, error: "The file is saved as UTF-16. Save it as \"CSV UTF-8\" and upload it again." };
  }
  if (bytes.includes(0)) {
    return { ok: false, error: "This does not look like a CSV file (it contains binary data). Save your spreadsheet as \"CSV UTF-8\" and upload that." };
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return {
      ok: false,
      error: "The file is not valid UTF-8 text. In your spreadsheet choose File → Save as → \"CSV UTF-8\" and upload it again.",
    };
  }
  return checkCsvText(text);
}

/** The same checks for text that was pasted or round-tripped through the preview. */
export function checkCsvText(input: string): DecodeResult {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  if (text.trim() === "") return { ok: false, error: "The file is empty. Download the template, add your credits and upload it again." };
  if (new TextEncoder().encode(text).length > MAX_CSV_BYTES) {
    return { ok: false, error: "The CSV is larger than 2 MB. Split it into smaller files." };
  }
  if (text.includes("\u0000")) {
    return { ok: false, error: "This does not look like a CSV file (it contains binary data). Save your spreadsheet as \"CSV UTF-8\" and upload that." };
  }
  if (text.includes("\ufffd")) {
    return {
      ok: false,
      error: "The file contains characters that could not be read (�), so it was probably saved in another encoding. Save it as \"CSV UTF-8\" and upload it again.",
    };
  }
  // Control characters other than tab / CR / LF mean binary junk, not a spreadsheet export.
  let control = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 127) control++;
  }
  if (control > 0) {
    return { ok: false, error: "This does not look like a CSV file (it contains control characters). Save your spreadsheet as \"CSV UTF-8\" and upload that." };
  }
  return { ok: true, text };
}

/**
 * A cell whose label was not understood: it is never turned into something else; the person
 * chooses (role, format) or chooses or leaves out (genre) before the row can be imported.
 */
export interface UnclearCell {
  column: "role" | "format" | "genre";
  /** For genres: the position of the unknown genre among the row's unknown genres. */
  index: number;
  input: string;
  /** Why a recognised label has no mapping (e.g. "TV series"), else null. */
  note: string | null;
}

/** The person's choices for unclear cells, by spreadsheet row. A genre choice "" leaves it out. */
export type CsvChoices = Record<number, { role?: string; format?: string; genres?: (string | undefined)[] }>;

export interface CsvRow {
  /** Spreadsheet row number (the header is row 1). */
  row: number;
  values: Partial<Record<CsvColumn, string>>;
  credit: CreditInput | null;
  errors: string[];
  /** Cells still waiting for the person's choice (the row has no credit until they are chosen). */
  unclear: UnclearCell[];
}

export type CsvParseResult =
  | { ok: true; rows: CsvRow[]; validCount: number; errorCount: number; unclearCount: number }
  | { ok: false; error: string };

/** "Show Title" / "show-title" / "SHOW_TITLE" → "show_title". */
function normaliseHeader(h: string): string {
  return h
    .replace(/^\ufeff/, "")
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
}

const EXPECTED = CSV_COLUMNS.map((c) => c.name).join(", ");

/** Parses and validates a whole CSV; file-level problems return `ok: false` and nothing is imported. */
export function parseCreditsCsv(text: string, currentYear: number, choices: CsvChoices = {}): CsvParseResult {
  const checked = checkCsvText(text);
  if (!checked.ok) return checked;
  const parsed = Papa.parse<string[]>(checked.text, { header: false, skipEmptyLines: false, delimiter: "," });
  const quoteError = parsed.errors.find((e) => e.type === "Quotes");
  if (quoteError) {
    return {
      ok: false,
      error: `The CSV has an unclosed quote near row ${(quoteError.row ?? 0) + 1}. Check that every opening " has a closing ".`,
    };
  }
  const records = parsed.data;
  const headerIndex = records.findIndex((r) => r.some((c) => c.trim() !== "") && !isCsvComment(r));
  if (headerIndex < 0) return { ok: false, error: "The file is empty. Download the template, add your credits and upload it again." };
  const header = records[headerIndex].map(normaliseHeader);

  const unknown = header.filter((h) => h !== "" && !COLUMN_NAMES.has(h));
  if (unknown.length > 0) {
    return {
      ok: false,
      error: `Unknown column${unknown.length > 1 ? "s" : ""} ${unknown
        .slice(0, 5)
        .map((u) => `"${u.slice(0, 40)}"`)
        .join(", ")} in the first row. The first row must be the header: ${EXPECTED}.`,
    };
  }
  const seen = new Set<string>();
  for (const h of header) {
    if (h === "") continue;
    if (seen.has(h)) return { ok: false, error: `The column "${h}" appears twice in the header.` };
    seen.add(h);
  }
  const missing = CSV_COLUMNS.filter((c) => c.required && !seen.has(c.name)).map((c) => c.name);
  if (missing.length > 0) {
    return {
      ok: false,
      error: `The header is missing the required column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}. The first row must be: ${EXPECTED}.`,
    };
  }

  const dataRecords: { row: number; cells: string[] }[] = [];
  for (let i = headerIndex + 1; i < records.length; i++) {
    const cells = records[i];
    if (cells.every((c) => c.trim() === "") || isCsvComment(cells)) continue;
    dataRecords.push({ row: i + 1, cells });
  }
  if (dataRecords.length === 0) return { ok: false, error: "The file has a header but no credits below it (lines starting with # are examples and are ignored)." };
  if (dataRecords.length > MAX_CSV_ROWS) {
    return {
      ok: false,
      error: `The file has ${dataRecords.length.toLocaleString("en-US")} rows; the limit is ${MAX_CSV_ROWS.toLocaleString("en-US")}. Split it into smaller files.`,
    };
  }

  const schema = creditInputSchema(currentYear);
  const rows = dataRecords.map(({ row, cells }) => parseCsvRow(row, header, cells, schema, choices[row] ?? {}));
  const validCount = rows.filter((r) => r.credit).length;
  const errorCount = rows.filter((r) => r.errors.length > 0).length;
  const unclearCount = rows.filter((r) => r.errors.length === 0 && r.unclear.length > 0).length;
  return { ok: true, rows, validCount, errorCount, unclearCount };
}

function parseCsvRow(
  row: number,
  header: string[],
  cells: string[],
  schema: ReturnType<typeof creditInputSchema>,
  chosen: CsvChoices[number],
): CsvRow {
  const values: Partial<Record<CsvColumn, string>> = {};
  const errors: string[] = [];
  const extra = cells.slice(header.length).filter((c) => c.trim() !== "");
  if (extra.length > 0) errors.push(`This row has ${cells.length} values but the header has ${header.length} columns.`);
  header.forEach((h, i) => {
    if (h) values[h as CsvColumn] = (cells[i] ?? "").trim().slice(0, 300);
  });

  const unclear: UnclearCell[] = [];
  const roleText = values.role ?? "";
  let role = roleText ? parseRole(roleText) : null;
  if (!roleText) errors.push("role: enter your role (e.g. Staff writer, Editor).");
  else if (!role) {
    if (isRoleKey(chosen.role)) role = chosen.role;
    else unclear.push({ column: "role", index: 0, input: roleText, note: readRole(roleText).note });
  }

  const formatText = values.format ?? "";
  let format = formatText ? parseFormat(formatText) : null;
  if (!formatText) errors.push("format: enter the show's format (e.g. Drama, Multi-camera sitcom).");
  else if (!format) {
    if (isFormatKey(chosen.format)) format = chosen.format;
    else unclear.push({ column: "format", index: 0, input: formatText, note: readFormat(formatText).note });
  }

  const { genres: readGenres, unknown } = parseGenres(values.genres ?? "");
  const genres: GenreKey[] = [...readGenres];
  unknown.forEach((g, i) => {
    const choice = chosen.genres?.[i];
    if (choice === "") return; // left out by the person
    if (isGenreKey(choice)) genres.push(choice);
    else unclear.push({ column: "genre", index: i, input: g, note: null });
  });

  const endText = values.end_year ?? "";
  const ongoing = /^(present|ongoing|current|now|-|–)$/i.test(endText);
  const result = schema.safeParse({
    showTitle: values.show_title ?? "",
    network: values.network ?? "",
    format: format ?? "DRAMA",
    genres,
    role: role ?? "OTHER",
    startYear: values.start_year ?? "",
    endYear: ongoing ? "" : endText,
    episodes: values.episodes ?? "",
  });
  if (!result.success) {
    const label: Record<string, string> = {
      showTitle: "show_title",
      network: "network",
      genres: "genres",
      startYear: "start_year",
      endYear: "end_year",
      episodes: "episodes",
    };
    for (const issue of result.error.issues) {
      const field = String(issue.path[0] ?? "");
      if (field === "format" || field === "role") continue;
      errors.push(`${label[field] ?? field}: ${issue.message}`);
    }
  }
  return { row, values, credit: errors.length === 0 && unclear.length === 0 && result.success ? result.data : null, errors, unclear };
}
