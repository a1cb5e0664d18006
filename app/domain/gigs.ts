/**
 * Gigs: the input schema shared by the gig form and the JSON API, and the lifecycle rules
 * (DRAFT -> OPEN -> PAUSED -> CLOSED). Pure: no I/O.
 */
import { z } from "zod";
import type { MatchGig } from "./matching";
import { type Money, belowFloor, formatMoney, hourlyEquivalent } from "./pay";
import { type GigTerms, PAID_WHEN, gigEffectiveHourly, missingTermsProblem, termsLine, unpaidMinutes } from "./terms";
import { readLanguages } from "./languages";
import { FORMAT_KEYS, GENRE_KEYS, MODALITY_KEYS, TASK_TYPE_KEYS } from "./taxonomy";

export const GIG_STATUSES = ["DRAFT", "OPEN", "PAUSED", "CLOSED"] as const;
export type GigStatus = (typeof GIG_STATUSES)[number];
export const CREATIVE_USE = ["NO", "YES", "UNDECIDED"] as const;

const optionalInt = (min: number, max: number, what: string) =>
  z
    .number({ error: `${what} must be a number.` })
    .int(`${what} must be a whole number.`)
    .min(min, `${what} must be at least ${min}.`)
    .max(max, `${what} must be at most ${max}.`)
    .nullable()
    .optional();

const isoDate = z
  .string({ error: "Use a date like 2027-01-31." })
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2027-01-31.")
  .refine(
    (s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    "That date does not exist.",
  )
  .refine((s) => Number(s.slice(0, 4)) >= 1900 && Number(s.slice(0, 4)) <= 2200, "Use a date between 1900 and 2200.")
  .nullable()
  .optional();

const text = (max: number, what: string) =>
  z
    .string({ error: `${what} must be text.` })
    .trim()
    .max(max, `${what} must be at most ${max} characters.`);

const gigInputObject = z
  .object({
    title: text(140, "Title").min(3, "Give the gig a title of at least 3 characters."),
    description: text(20_000, "Description").default(""),
    taskTypes: z
      .array(z.enum(TASK_TYPE_KEYS, { error: "Unknown task type." }))
      .max(10, "Choose at most 10 task types.")
      .default([]),
    modality: z.enum(MODALITY_KEYS, { error: "Choose a modality." }).default("TEXT"),
    genres: z
      .array(z.enum(GENRE_KEYS, { error: "Unknown genre." }))
      .max(20)
      .default([]),
    formats: z
      .array(z.enum(FORMAT_KEYS, { error: "Unknown format." }))
      .max(20)
      .default([]),
    languages: z.preprocess(
      (v) => (Array.isArray(v) ? v.flatMap((x) => (typeof x === "string" ? readLanguages(x) : [{ typed: String(x), code: null }])) : v),
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
        .transform((list) => [...new Set(list.map((l) => l.code as string))])
        .pipe(z.array(z.string()).max(20, "List at most 20 languages."))
        .default([]),
    ),
    hoursPerWeek: optionalInt(1, 80, "Hours per week"),
    weeklyCapHours: optionalInt(1, 80, "The weekly cap"),
    payAmount: z
      .number({ error: "Pay must be a number." })
      .min(0, "Pay cannot be negative.")
      .max(100_000, "Pay must be at most 100,000.")
      .nullable()
      .optional(),
    payUnit: z.enum(["HOUR", "TASK"], { error: "Pay is per hour or per task." }).default("HOUR"),
    payCurrency: z
      .string()
      .regex(/^[A-Z]{3}$/, "Use a three-letter currency code, like USD.")
      .default("USD"),
    minutesPerTask: optionalInt(1, 600, "Minutes per task"),
    screeningPaid: z.boolean({ error: "Must be true or false." }).default(false),
    screeningRate: z.number({ error: "Must be a number." }).min(0, "Cannot be negative.").max(100_000).nullable().optional(),
    onboardingPaid: z.boolean({ error: "Must be true or false." }).default(false),
    slots: z
      .number({ error: "Slots must be a number." })
      .int("Slots must be a whole number.")
      .min(1, "At least 1 slot.")
      .max(10_000, "At most 10,000 slots.")
      .default(1),
    startDate: isoDate,
    endDate: isoDate,
    timezoneMinOffset: optionalInt(-720, 840, "The earliest UTC offset (minutes)"),
    timezoneMaxOffset: optionalInt(-720, 840, "The latest UTC offset (minutes)"),
    screeningRequired: z.boolean({ error: "Must be true or false." }).default(false),
    screeningInstructions: text(5_000, "Screening instructions").default(""),
    ndaRequired: z.boolean({ error: "Must be true or false." }).default(false),
    trainingModules: z.array(text(120, "A training module name").min(1)).max(20, "At most 20 training modules.").default([]),
    disclosureTrains: text(2_000, "What the work trains").default(""),
    disclosureCreativeUse: z.enum(["", ...CREATIVE_USE], { error: "Answer no, yes or not decided." }).default(""),
    disclosureRetention: text(2_000, "Data retention").default(""),
    // Engagement terms (app/domain/terms.ts): optional in a draft, all required before opening.
    noticeDays: optionalInt(0, 365, "The notice period (days)"),
    rateLockDays: optionalInt(0, 730, "The rate lock (days)"),
    minimumPaidHoursPerWeek: optionalInt(1, 80, "Minimum paid hours per week"),
    killFee: z
      .number({ error: "The kill fee must be a number." })
      .min(0, "The kill fee cannot be negative.")
      .max(1_000_000, "The kill fee must be at most 1,000,000.")
      .nullable()
      .optional(),
    assessmentMinutes: optionalInt(0, 6_000, "Assessment minutes"),
    trainingMinutes: optionalInt(0, 12_000, "Training minutes"),
    assessmentPaidWhen: z.enum(["", ...PAID_WHEN], { error: "Say when the assessment is paid: ON_COMPLETION or IF_ACCEPTED." }).default(""),
    trainingPaidWhen: z.enum(["", ...PAID_WHEN], { error: "Say when training is paid: ON_COMPLETION or IF_ACCEPTED." }).default(""),
    // What work credentials may say (app/domain/credential.ts): how the client is named, and whether quality notes may appear.
    credentialDescriptor: text(120, "The credential descriptor").default(""),
    credentialQualityNotes: z.boolean({ error: "Must be true or false." }).default(false),
  })
  .strict();

type GigInputObject = z.output<typeof gigInputObject>;

function refineGig(g: GigInputObject, ctx: z.RefinementCtx) {
  if (g.startDate && g.endDate && g.endDate < g.startDate) {
    ctx.addIssue({ code: "custom", path: ["endDate"], message: "The end date must be on or after the start date." });
  }
  if (g.timezoneMinOffset != null && g.timezoneMaxOffset != null && g.timezoneMaxOffset < g.timezoneMinOffset) {
    ctx.addIssue({ code: "custom", path: ["timezoneMaxOffset"], message: "The latest offset must not be before the earliest." });
  }
  if (g.weeklyCapHours != null && g.hoursPerWeek != null && g.weeklyCapHours < g.hoursPerWeek) {
    ctx.addIssue({ code: "custom", path: ["weeklyCapHours"], message: "The weekly cap cannot be below the expected hours." });
  }
  if (g.screeningRequired && !g.screeningInstructions) {
    ctx.addIssue({ code: "custom", path: ["screeningInstructions"], message: "Tell people what the screening involves." });
  }
  if (g.screeningPaid && (g.assessmentMinutes ?? 0) > 0 && !g.assessmentPaidWhen) {
    ctx.addIssue({ code: "custom", path: ["assessmentPaidWhen"], message: "Say when the paid assessment is paid." });
  }
  if (g.onboardingPaid && (g.trainingMinutes ?? 0) > 0 && !g.trainingPaidWhen) {
    ctx.addIssue({ code: "custom", path: ["trainingPaidWhen"], message: "Say when paid training is paid." });
  }
}

/** The gig as sent by the form (after `gigFormToInput`) or the API. Amounts in major units. */
export const gigInputSchema = gigInputObject.superRefine(refineGig);

/**
 * Editing a gig: the same fields, plus what a change against the promised terms needs (a reason,
 * and for cutting weekly hours the day the cut takes effect). Neither is stored on the gig.
 */
export const gigEditSchema = gigInputObject
  .extend({
    changeReason: text(2_000, "The reason").default(""),
    changeEffectiveDate: isoDate,
  })
  .superRefine((g, ctx) => refineGig(g, ctx));

export type GigInput = z.output<typeof gigInputSchema>;
export type GigEdit = z.output<typeof gigEditSchema>;

/** Partial update (API PATCH): every field optional; the merged result is validated again. */
export const gigPatchSchema = z.record(z.string(), z.unknown());

const GIG_BOOL_FIELDS = ["screeningPaid", "onboardingPaid", "screeningRequired", "ndaRequired", "credentialQualityNotes"] as const;
const GIG_NUMBER_FIELDS = [
  "hoursPerWeek",
  "weeklyCapHours",
  "payAmount",
  "minutesPerTask",
  "screeningRate",
  "slots",
  "timezoneMinOffset",
  "timezoneMaxOffset",
  "noticeDays",
  "rateLockDays",
  "minimumPaidHoursPerWeek",
  "killFee",
  "assessmentMinutes",
  "trainingMinutes",
] as const;
/** Form fields sent as repeated checkboxes. */
export const GIG_FORM_MULTI = ["taskTypes", "genres", "formats"] as const;

/** Converts the form's strings into the API's JSON shape; zod then reports what is wrong. */
export function gigFormToInput(form: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(form)) {
    if (key === "intent" || key === "acknowledgeLowPay") continue;
    out[key] = value;
  }
  for (const key of GIG_BOOL_FIELDS) out[key] = form[key] === "on" || form[key] === "true";
  for (const key of GIG_NUMBER_FIELDS) {
    const v = form[key];
    if (v === undefined || v === "") out[key] = null;
    else out[key] = typeof v === "string" ? Number(v.replace(/,/g, "")) : v;
  }
  if (out.slots === null) out.slots = 1;
  for (const key of ["startDate", "endDate", "changeEffectiveDate"]) if (form[key] === "") out[key] = null;
  // Names or codes, any case ("English, es"): the schema reads them (readLanguages).
  if (typeof form.languages === "string") out.languages = [form.languages];
  if (typeof form.trainingModules === "string") {
    out.trainingModules = form.trainingModules
      .split("\n")
      .map((s) => s.trim())
      .filter(Boolean);
  }
  if (typeof form.payCurrency === "string") out.payCurrency = form.payCurrency.trim().toUpperCase();
  return out;
}

/**
 * The gig form's submission (Conform's raw object: strings, repeated names as arrays, the CSRF
 * token) in the API's JSON shape. Used as a zod preprocessor so the browser and the server run
 * the same schema on the same strings.
 */
export function gigFormValues(raw: unknown): unknown {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return raw;
  const form: Record<string, unknown> = { ...(raw as Record<string, unknown>) };
  delete form._csrf;
  for (const key of GIG_FORM_MULTI) {
    const v = form[key];
    form[key] = v === undefined || v === "" ? [] : typeof v === "string" ? [v] : v;
  }
  for (const key of ["assessmentPaidWhen", "trainingPaidWhen", "disclosureCreativeUse"]) if (form[key] === undefined) form[key] = "";
  // The form asks one question per kind of onboarding time: "not paid" or when it is paid.
  form.screeningPaid = form.assessmentPaidWhen ? "on" : "";
  form.onboardingPaid = form.trainingPaidWhen ? "on" : "";
  return gigFormToInput(form);
}

/** The form schema for a new gig (no change fields) and for an edit (with the change reason). */
export const gigCreateFormSchema = z.preprocess(gigFormValues, gigInputSchema);
export const gigEditFormSchema = z.preprocess(gigFormValues, gigEditSchema);

/** Stored (API-shaped) values as the strings the form's fields start with. */
export function gigFormDefaults(values: Record<string, unknown>, languageText: (codes: string[]) => string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    if (v === null || v === undefined) continue;
    if (typeof v === "boolean") {
      if (v) out[k] = "on";
    } else if (Array.isArray(v)) out[k] = v.map(String);
    else out[k] = String(v);
  }
  if (Array.isArray(values.trainingModules)) out.trainingModules = (values.trainingModules as string[]).join("\n");
  if (Array.isArray(values.languages)) out.languages = languageText(values.languages as string[]);
  return out;
}

// ------------------------------------------------------------------ lifecycle

export interface GigForRules extends GigTerms {
  status: GigStatus;
  title: string;
  taskTypes: readonly string[];
  payAmountCents: number | null;
  payUnit: "HOUR" | "TASK";
  payCurrency: string;
  minutesPerTask: number | null;
  disclosureTrains: string;
  disclosureCreativeUse: string;
  disclosureRetention: string;
}

/** What stops a gig from being OPEN, in words a lab member can act on. */
export function publishProblems(g: GigForRules): string[] {
  const problems: string[] = [];
  if (g.taskTypes.length === 0) problems.push("Choose at least one task type.");
  if (g.payAmountCents == null || g.payAmountCents <= 0) problems.push("Set the pay rate.");
  if (g.payUnit === "TASK" && !g.minutesPerTask) problems.push("Estimate the minutes per task so people can see the hourly equivalent.");
  if (!g.disclosureTrains.trim()) problems.push("Say what model or product the work trains (AI-use disclosure).");
  if (!g.disclosureCreativeUse) problems.push("Say whether outputs may be used to generate scripts or other creative work.");
  if (!g.disclosureRetention.trim()) problems.push("Say how long contributed work is retained.");
  const terms = missingTermsProblem(g);
  if (terms) problems.push(terms);
  return problems;
}

export function hourlyPay(g: Pick<GigForRules, "payAmountCents" | "payUnit" | "payCurrency" | "minutesPerTask">): Money | null {
  if (g.payAmountCents == null) return null;
  return hourlyEquivalent({ amount: g.payAmountCents, currency: g.payCurrency, unit: g.payUnit, minutesPerTask: g.minutesPerTask });
}

/**
 * The platform pay-floor warning, on the effective hourly rate (onboarding time counted): a gig
 * paying $30/h with 10 unpaid hours of training over 40 hours of work is a $24/h gig.
 */
export function lowPayWarning(g: GigTerms, floorCentsPerHour: number): string | null {
  const effective = gigEffectiveHourly(g) ?? hourlyPay(g);
  if (belowFloor(effective, { amount: floorCentsPerHour, currency: "USD" }) === true) {
    const unpaid = unpaidMinutes(g);
    return `The effective hourly pay (${((effective?.amount ?? 0) / 100).toFixed(2)} ${g.payCurrency}${unpaid > 0 ? `, counting ${unpaid} minutes of unpaid onboarding` : ""}) is below the platform's floor of ${(floorCentsPerHour / 100).toFixed(2)} USD per hour. People are told the effective hourly rate on every gig card.`;
  }
  return null;
}

export type StatusChange =
  | { ok: true }
  | { ok: false; code: "NOT_ALLOWED" | "INCOMPLETE" | "REASON_REQUIRED" | "LOW_PAY_UNACKNOWLEDGED"; message: string; problems?: string[] };

const ALLOWED: Record<GigStatus, GigStatus[]> = {
  DRAFT: ["OPEN", "CLOSED"],
  OPEN: ["PAUSED", "CLOSED"],
  PAUSED: ["OPEN", "CLOSED"],
  CLOSED: [],
};

export function allowedStatusChanges(from: GigStatus): GigStatus[] {
  return ALLOWED[from];
}

export function canChangeStatus(
  g: GigForRules,
  to: GigStatus,
  ctx: { activePeople: number; reason?: string | null; floorCentsPerHour: number; acknowledgeLowPay?: boolean },
): StatusChange {
  if (g.status === "CLOSED") return { ok: false, code: "NOT_ALLOWED", message: "A closed gig is final and cannot be reopened." };
  if (!ALLOWED[g.status].includes(to)) {
    return { ok: false, code: "NOT_ALLOWED", message: `A ${g.status.toLowerCase()} gig cannot become ${to.toLowerCase()}.` };
  }
  if (to === "OPEN") {
    const problems = publishProblems(g);
    if (problems.length) return { ok: false, code: "INCOMPLETE", message: "The gig is not ready to open.", problems };
    if (lowPayWarning(g, ctx.floorCentsPerHour) && !ctx.acknowledgeLowPay) {
      return { ok: false, code: "LOW_PAY_UNACKNOWLEDGED", message: lowPayWarning(g, ctx.floorCentsPerHour) ?? "" };
    }
  }
  if (to === "CLOSED" && ctx.activePeople > 0 && !ctx.reason?.trim()) {
    return {
      ok: false,
      code: "REASON_REQUIRED",
      message: `${ctx.activePeople} ${ctx.activePeople === 1 ? "person is" : "people are"} working on this gig: give a reason they will see.`,
    };
  }
  return { ok: true };
}

// ------------------------------------------------------------------ presentation

export interface GigLike extends Omit<GigForRules, "status"> {
  id: string;
  status: string;
  modality: string;
  genres: string[];
  languages: string[];
  hoursPerWeek: number | null;
  weeklyCapHours: number | null;
  screeningPaid: boolean;
  screeningRequired: boolean;
  lab: { name: string };
}

/** The facts every gig card shows (pay transparency included). */
/** What a gig card shows (the AI-use disclosures are not read, so a row without them fits). */
export function gigSummary(g: Omit<GigLike, "disclosureTrains" | "disclosureCreativeUse" | "disclosureRetention">) {
  const hourly = hourlyPay(g);
  const effective = gigEffectiveHourly(g);
  const money = (cents: number) => formatMoney(cents, g.payCurrency);
  const payText =
    g.payAmountCents == null
      ? "Pay not set yet"
      : g.payUnit === "HOUR"
        ? `${money(g.payAmountCents)}/h`
        : `${money(g.payAmountCents)} per task`;
  return {
    id: g.id,
    title: g.title,
    labName: g.lab.name,
    status: g.status,
    taskTypes: [...g.taskTypes],
    modality: g.modality,
    genres: g.genres,
    languages: g.languages,
    hoursPerWeek: g.hoursPerWeek,
    weeklyCapHours: g.weeklyCapHours,
    payText,
    hourlyText: g.payUnit === "TASK" && hourly ? `${money(hourly.amount)}/h` : null,
    effectiveHourlyText: effective && hourly && effective.amount < hourly.amount ? `${money(effective.amount)}/h` : null,
    termsText: termsLine(g),
    screeningPaid: g.screeningPaid,
    screeningRequired: g.screeningRequired,
  };
}

/** The fields of a gig that matching reads (a Prisma Gig row and the demo generator's rows both fit). */
export type GigForMatching = Pick<GigForRules, "payAmountCents" | "payUnit" | "payCurrency" | "minutesPerTask"> &
  Partial<GigTerms> & {
    id: string;
    taskTypes: string[];
    genres: string[];
    formats: string[];
    languages: string[];
    hoursPerWeek: number | null;
    timezoneMinOffset: number | null;
    timezoneMaxOffset: number | null;
    startDate: Date | null;
  };

export function toMatchGig(g: GigForMatching): MatchGig {
  return {
    id: g.id,
    taskTypes: g.taskTypes,
    genres: g.genres,
    formats: g.formats,
    languages: g.languages,
    hoursPerWeek: g.hoursPerWeek,
    // The person's minimum rate is compared with the effective rate (unpaid onboarding counted).
    payHourlyEquivalent: matchHourly(g),
    timezoneWindow:
      g.timezoneMinOffset != null && g.timezoneMaxOffset != null
        ? { minOffsetMinutes: g.timezoneMinOffset, maxOffsetMinutes: g.timezoneMaxOffset }
        : null,
    startDate: g.startDate ? g.startDate.toISOString().slice(0, 10) : null,
  };
}

/** Effective hourly when the row carries the terms (Prisma rows do), else the nominal hourly. */
function matchHourly(g: GigForMatching): Money | null {
  const nominal = hourlyPay(g);
  if (g.hoursPerWeek == null || g.assessmentMinutes === undefined) return nominal;
  const terms: GigTerms = {
    payAmountCents: g.payAmountCents,
    payUnit: g.payUnit,
    payCurrency: g.payCurrency,
    minutesPerTask: g.minutesPerTask,
    hoursPerWeek: g.hoursPerWeek,
    startDate: g.startDate,
    endDate: g.endDate ?? null,
    noticeDays: g.noticeDays ?? null,
    rateLockDays: g.rateLockDays ?? null,
    minimumPaidHoursPerWeek: g.minimumPaidHoursPerWeek ?? null,
    killFeeCents: g.killFeeCents ?? null,
    assessmentMinutes: g.assessmentMinutes ?? null,
    trainingMinutes: g.trainingMinutes ?? null,
    screeningPaid: g.screeningPaid ?? false,
    screeningRateCents: g.screeningRateCents ?? null,
    onboardingPaid: g.onboardingPaid ?? false,
    assessmentPaidWhen: g.assessmentPaidWhen ?? "",
    trainingPaidWhen: g.trainingPaidWhen ?? "",
  };
  return gigEffectiveHourly(terms) ?? nominal;
}

// gigStatusLabel lives in taxonomy.ts (no zod), so components can use it without shipping zod.
export { gigStatusLabel } from "./taxonomy";
