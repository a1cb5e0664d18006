/** TV credits: limits, the credit form schema, role options and the identity of an imported row. */
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
  rolesInDepartment,
} from "~/domain/taxonomy";
import { toIntInput, trimmed } from "./form-input";

export { currentUtcYear } from "~/domain/dates";

export const MIN_CREDIT_YEAR = 1950;
export const MAX_EPISODES = 2000;
export const MAX_CREDITS_PER_PROFILE = 500;

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
