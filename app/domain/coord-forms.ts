/**
 * Form schemas of the coordinator pages (transfer rules, stage SLAs, inviting from talent search).
 * Pure: the same schema validates in the browser (Conform) and on the server.
 */
import { z } from "zod";
import { MAX_SLA_DAYS, SLA_STAGES } from "./onboarding";
import { DEPARTMENT_KEYS, FORMAT_KEYS, GENRE_KEYS, ROLE_KEYS, TASK_TYPE_KEYS } from "./taxonomy";

const optionalKey = <T extends readonly [string, ...string[]]>(keys: T, message: string) =>
  z.preprocess((v) => (v === "" || v === undefined ? null : v), z.enum(keys, { error: message }).nullable());

/** A transfer rule's fields as typed in the rule form (and as the services accept them). */
export const ruleInputSchema = z.object({
  role: optionalKey(ROLE_KEYS, "Choose a role from the list."),
  department: optionalKey(DEPARTMENT_KEYS, "Choose a department from the list."),
  format: optionalKey(FORMAT_KEYS, "Choose a format from the list."),
  genre: optionalKey(GENRE_KEYS, "Choose a genre from the list."),
  taskType: z.enum(TASK_TYPE_KEYS, { error: "Choose a task type." }),
  weight: z.preprocess(
    (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : Number(v.trim())) : v),
    z
      .number({ error: "Enter a weight between 0 and 1, like 0.75." })
      .refine((n) => Number.isFinite(n) && n >= 0 && n <= 1, "Enter a weight between 0 and 1, like 0.75."),
  ),
  rationale: z.preprocess(
    (v) => (typeof v === "string" ? v.trim() : v),
    z
      .string({ error: "Explain why this credit transfers." })
      .min(10, "Explain in at least 10 characters why this credit transfers.")
      .max(1000, "Use at most 1,000 characters."),
  ),
});

/** A new rule's optional stable key (empty = generated). */
export const ruleKeySchema = z
  .string()
  .trim()
  .max(120, "Use at most 120 characters.")
  .regex(/^[a-z0-9_+\->.]*$/, "Use lower-case letters, digits and _ + - > . only.");

/** The rule form: create (`key` may be given) or save a new version (`version` read from the page). */
export const ruleFormSchema = ruleInputSchema.extend({
  intent: z.preprocess((v) => (v === undefined || v === "" ? "save" : v), z.enum(["save", "update"], { error: "Unknown action." })),
  key: z.preprocess((v) => (v === undefined ? "" : v), ruleKeySchema),
  version: z.preprocess((v) => (v === undefined || v === "" ? undefined : v), z.coerce.number().int().min(0).optional()),
});

const daysField = z
  .string()
  .trim()
  .max(3, `Use a number of days from 1 to ${MAX_SLA_DAYS}, or leave it empty for no SLA.`)
  .regex(/^\d*$/, "Use a whole number of days, or leave it empty for no SLA.")
  .transform((v) => (v === "" ? null : Number(v)))
  .refine((v) => v === null || (v >= 1 && v <= MAX_SLA_DAYS), `Use 1 to ${MAX_SLA_DAYS} days, or leave it empty for no SLA.`);

/**
 * The stage SLA table: one field per waiting stage, named by the stage key. A stage missing from
 * the post keeps its current SLA; an empty field turns it off (Conform reads "" as missing, so the
 * preprocessor turns a present-but-empty field back into "").
 */
export const slaFormSchema = z.object(
  Object.fromEntries(SLA_STAGES.map((s) => [s, z.preprocess((v) => (v === null ? "" : v), daysField.optional())])) as Record<
    string,
    z.ZodType<number | null | undefined>
  >,
);

/** "Invite" from the talent search results: one person to the gig chosen above the results. */
export const talentInviteSchema = z.object({
  intent: z.literal("invite", { error: "Unknown action." }),
  profileId: z.string({ error: "Choose a person." }).trim().min(1, "Choose a person.").max(40),
  gig: z.string({ error: "Choose the gig to invite them to." }).trim().min(1, "Choose the gig to invite them to.").max(40),
});
