/** The profile editor: the profile schema, the editor's flat form fields, and the languages gig filters match on. */
import { z } from "zod";
import { LANGUAGE_CODES } from "~/domain/languages";
import { blankToUndefined, toIntInput, trimmed } from "./form-input";
import { CURRENCIES, DEMOGRAPHIC_FIELDS, type DemographicKey, type Demographics, isValidTimeZone } from "./reference";

export const MAX_LINKS = 10;
export const LANGUAGE_ROWS = 6;

const LEVEL_VALUES = ["native", "fluent", "conversational"] as const;

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
  const rows = Array.from({ length: LANGUAGE_ROWS }, (_, i) => i).filter(
    (i) => typeof form[`langCode${i}`] === "string" && String(form[`langCode${i}`]).trim(),
  );
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
