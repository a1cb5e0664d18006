/**
 * The API's wire shapes as zod schemas (the OpenAPI document is generated from them) and the
 * serializers that produce them. Serializers are typed by the schemas, so the document and the
 * responses cannot drift apart silently.
 */
import { z } from "zod";
import { CREATIVE_USE, GIG_STATUSES, hourlyPay } from "~/domain/gigs";
import { fromMinorUnits } from "~/domain/pay";
import { PAID_WHEN, type PaidWhen, TERM_CHANGE_KINDS, gigEffectiveHourly } from "~/domain/terms";
import type { GigTermChange } from "~/generated/prisma/client";
import type { Gig } from "~/generated/prisma/client";
import { ApplicationOrigin, Stage } from "~/generated/prisma/enums";

const isoDateTime = z.iso.datetime().describe("ISO 8601 timestamp in UTC.");
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .describe("Calendar date, YYYY-MM-DD.");

export const paySchema = z
  .object({
    amount: z.number().nullable().describe("Pay per unit in major currency units (e.g. 42.5 = $42.50); null while unset."),
    unit: z.enum(["HOUR", "TASK"]),
    currency: z.string().describe("ISO 4217 code."),
    minutesPerTask: z.int().nullable(),
    hourlyEquivalent: z.number().nullable().describe("Estimated hourly pay in major units; null when it cannot be estimated."),
    effectiveHourly: z
      .number()
      .nullable()
      .describe(
        "Hourly pay in major units once unpaid (or under-paid) assessment and training time is counted, over the first 4 weeks of expected hours or the whole engagement if shorter; never above hourlyEquivalent. Null while pay or hours are unknown.",
      ),
  })
  .strict();

export const gigSchema = z
  .object({
    id: z.string(),
    labId: z.string(),
    status: z.enum(GIG_STATUSES),
    title: z.string(),
    description: z.string().describe("Markdown."),
    taskTypes: z.array(z.string()),
    modality: z.string(),
    genres: z.array(z.string()),
    formats: z.array(z.string()),
    languages: z.array(z.string()),
    hoursPerWeek: z.int().nullable(),
    weeklyCapHours: z.int().nullable(),
    pay: paySchema,
    screeningPaid: z.boolean(),
    screeningRate: z.number().nullable().describe("Major currency units, in the pay currency."),
    onboardingPaid: z.boolean(),
    slots: z.int(),
    startDate: day.nullable(),
    endDate: day.nullable(),
    timezoneMinOffset: z.int().nullable(),
    timezoneMaxOffset: z.int().nullable(),
    screeningRequired: z.boolean(),
    screeningInstructions: z.string(),
    ndaRequired: z.boolean(),
    trainingModules: z.array(z.string()),
    noticeDays: z.int().nullable().describe("Days of notice promised before ending early or cutting weekly hours."),
    rateLockDays: z.int().nullable().describe("Days from opening (publishedAt) during which the rate cannot go down."),
    minimumPaidHoursPerWeek: z.int().nullable(),
    killFee: z.number().nullable().describe("Paid if the gig ends early; major currency units, in the pay currency."),
    assessmentMinutes: z.int().nullable().describe("Minutes of assessment before paid work (0 = none)."),
    assessmentPaidWhen: z.enum(["", ...PAID_WHEN]).describe('When a paid assessment is paid; "" = unpaid.'),
    trainingMinutes: z.int().nullable().describe("Minutes of training before paid work (0 = none)."),
    trainingPaidWhen: z.enum(["", ...PAID_WHEN]).describe('When paid training is paid; "" = unpaid.'),
    credentialDescriptor: z.string().describe('How work credentials name the client (e.g. "a frontier AI lab"); "" = "an AI lab".'),
    credentialQualityNotes: z.boolean().describe("Whether the lab's quality notes may appear in work credentials."),
    disclosure: z
      .object({
        trains: z.string().describe("What model or product the work trains."),
        creativeUse: z
          .enum(["", ...CREATIVE_USE])
          .describe("Whether outputs may be used to generate scripts or other creative work (empty while unanswered)."),
        retention: z.string().describe("How long contributed work is retained."),
      })
      .strict(),
    closedReason: z.string().nullable(),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
    publishedAt: isoDateTime.nullable(),
    url: z.string().describe("Path of the gig's public page."),
  })
  .strict();

export type GigJson = z.output<typeof gigSchema>;

export const gigListSchema = z.object({ data: z.array(gigSchema), nextCursor: z.string().nullable() }).strict();

export const statusChangeSchema = z
  .object({
    status: z.enum(["OPEN", "PAUSED", "CLOSED"], { error: "status must be OPEN, PAUSED or CLOSED." }),
    reason: z.string({ error: "reason must be text." }).trim().max(2_000, "reason must be at most 2000 characters.").nullable().optional(),
    acknowledgeLowPay: z.boolean({ error: "acknowledgeLowPay must be true or false." }).optional(),
  })
  .strict();

const STAGES = Object.values(Stage) as [Stage, ...Stage[]];
const ORIGINS = Object.values(ApplicationOrigin) as [ApplicationOrigin, ...ApplicationOrigin[]];

export const applicantSchema = z
  .object({
    id: z.string().describe("Application id."),
    stage: z.enum(STAGES),
    origin: z.enum(ORIGINS),
    matchScore: z.int().nullable(),
    matchReasons: z.array(z.string()),
    appliedAt: isoDateTime,
    professional: z.object({ profileId: z.string(), displayName: z.string(), headline: z.string() }).strict(),
  })
  .strict();

export type ApplicantJson = z.output<typeof applicantSchema>;

export const applicantListSchema = z.object({ data: z.array(applicantSchema), nextCursor: z.string().nullable() }).strict();

const termValue = z.object({ value: z.union([z.number(), z.string(), z.null()]), text: z.string() }).strict();

export const termChangeSchema = z
  .object({
    id: z.string(),
    gigId: z.string(),
    kind: z.enum(TERM_CHANGE_KINDS),
    before: termValue.describe("value: minor currency units per hour (RATE_CUT), YYYY-MM-DD (END_EARLY) or a number; text: for people."),
    after: termValue,
    promisedNoticeDays: z
      .int()
      .nullable()
      .describe("Notice promised in days (for RATE_CUT: the rate lock in days); null when none was promised."),
    actualNoticeDays: z.int().describe("Days between the change and the day it takes effect (RATE_CUT: days since opening)."),
    effectiveAt: isoDateTime,
    withinPromise: z.boolean().describe("False when the change broke the promised notice or rate lock: it counts against the lab."),
    reason: z.string(),
    actorRole: z.string(),
    createdAt: isoDateTime,
  })
  .strict();

export const termChangeListSchema = z.object({ data: z.array(termChangeSchema) }).strict();

export const problemSchema = z
  .object({
    type: z.string().describe("URI identifying the problem type."),
    title: z.string(),
    status: z.int(),
    detail: z.string(),
    errors: z
      .array(z.object({ path: z.string().describe('Dotted field path, e.g. "payAmount" or "taskTypes.0".'), message: z.string() }))
      .optional(),
    code: z.string().optional().describe("Machine-readable reason for lifecycle refusals."),
    problems: z.array(z.string()).optional().describe("What must be fixed before the change is allowed."),
  })
  .catchall(z.unknown());

// ------------------------------------------------------------------ serializers

const major = (cents: number | null, currency: string) => (cents == null ? null : fromMinorUnits(cents, currency));
const dayOf = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

const paidWhen = (v: string): "" | PaidWhen => ((PAID_WHEN as readonly string[]).includes(v) ? (v as PaidWhen) : "");

export function gigToJson(g: Gig): GigJson {
  const hourly = hourlyPay(g);
  const effective = gigEffectiveHourly(g);
  return {
    id: g.id,
    labId: g.labId,
    status: g.status,
    title: g.title,
    description: g.description,
    taskTypes: g.taskTypes,
    modality: g.modality,
    genres: g.genres,
    formats: g.formats,
    languages: g.languages,
    hoursPerWeek: g.hoursPerWeek,
    weeklyCapHours: g.weeklyCapHours,
    pay: {
      amount: major(g.payAmountCents, g.payCurrency),
      unit: g.payUnit,
      currency: g.payCurrency,
      minutesPerTask: g.minutesPerTask,
      hourlyEquivalent: hourly ? fromMinorUnits(hourly.amount, hourly.currency) : null,
      effectiveHourly: effective ? fromMinorUnits(effective.amount, effective.currency) : null,
    },
    screeningPaid: g.screeningPaid,
    screeningRate: major(g.screeningRateCents, g.payCurrency),
    onboardingPaid: g.onboardingPaid,
    slots: g.slots,
    startDate: dayOf(g.startDate),
    endDate: dayOf(g.endDate),
    timezoneMinOffset: g.timezoneMinOffset,
    timezoneMaxOffset: g.timezoneMaxOffset,
    screeningRequired: g.screeningRequired,
    screeningInstructions: g.screeningInstructions,
    ndaRequired: g.ndaRequired,
    trainingModules: g.trainingModules,
    noticeDays: g.noticeDays,
    rateLockDays: g.rateLockDays,
    minimumPaidHoursPerWeek: g.minimumPaidHoursPerWeek,
    killFee: major(g.killFeeCents, g.payCurrency),
    assessmentMinutes: g.assessmentMinutes,
    assessmentPaidWhen: paidWhen(g.assessmentPaidWhen),
    trainingMinutes: g.trainingMinutes,
    trainingPaidWhen: paidWhen(g.trainingPaidWhen),
    credentialDescriptor: g.credentialDescriptor ?? "",
    credentialQualityNotes: g.credentialQualityNotes,
    disclosure: {
      trains: g.disclosureTrains,
      creativeUse: (CREATIVE_USE as readonly string[]).includes(g.disclosureCreativeUse)
        ? (g.disclosureCreativeUse as GigJson["disclosure"]["creativeUse"])
        : "",
      retention: g.disclosureRetention,
    },
    closedReason: g.closedReason,
    createdAt: g.createdAt.toISOString(),
    updatedAt: g.updatedAt.toISOString(),
    publishedAt: g.publishedAt ? g.publishedAt.toISOString() : null,
    url: `/gigs/${g.id}`,
  };
}

/**
 * Match reasons are written for the professional ("Your rate $40/h is within ..."), and some quote
 * their private minimum rate. Labs get only the reasons that reveal nothing private.
 */
const PRIVATE_REASON = /\b(your|minimum) rate\b|\brate is in\b/i;

export function publicMatchReasons(raw: unknown): string[] {
  if (!Array.isArray(raw)) return [];
  return raw.filter((r): r is string => typeof r === "string" && !PRIVATE_REASON.test(r));
}

export interface ApplicantRow {
  id: string;
  stage: Stage;
  origin: ApplicationOrigin;
  matchScore: number | null;
  matchReasons: unknown;
  createdAt: Date;
  profile: { id: string; displayName: string; headline: string };
}

export function applicantToJson(a: ApplicantRow): ApplicantJson {
  return {
    id: a.id,
    stage: a.stage,
    origin: a.origin,
    matchScore: a.matchScore,
    matchReasons: publicMatchReasons(a.matchReasons),
    appliedAt: a.createdAt.toISOString(),
    professional: { profileId: a.profile.id, displayName: a.profile.displayName, headline: a.profile.headline },
  };
}

const termValueOf = (v: unknown): { value: number | string | null; text: string } => {
  const o = (v && typeof v === "object" ? v : {}) as { value?: unknown; text?: unknown };
  const value = typeof o.value === "number" || typeof o.value === "string" ? o.value : null;
  return { value, text: typeof o.text === "string" ? o.text : "" };
};

export function termChangeToJson(c: GigTermChange): z.output<typeof termChangeSchema> {
  return {
    id: c.id,
    gigId: c.gigId,
    kind: (TERM_CHANGE_KINDS as readonly string[]).includes(c.kind) ? (c.kind as (typeof TERM_CHANGE_KINDS)[number]) : "RATE_CUT",
    before: termValueOf(c.before),
    after: termValueOf(c.after),
    promisedNoticeDays: c.promisedNoticeDays,
    actualNoticeDays: c.actualNoticeDays,
    effectiveAt: c.effectiveAt.toISOString(),
    withinPromise: c.withinPromise,
    reason: c.reason,
    actorRole: c.actorRole,
    createdAt: c.createdAt.toISOString(),
  };
}
