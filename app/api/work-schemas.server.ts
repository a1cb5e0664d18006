/** Wire shapes of the work ledger and queue status endpoints (the OpenAPI document is generated from them). */
import { z } from "zod";
import { PAYOUT_STATES, QUEUE_REASONS, REVIEW_STATES, queueInputSchema } from "~/domain/work";

export const workEntrySchema = z
  .object({
    id: z.string(),
    applicationId: z.string(),
    clientEntryId: z.string().nullable().describe("The caller's own id for the entry, if one was sent."),
    workDate: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .describe("Calendar date the work was done, YYYY-MM-DD."),
    unit: z.enum(["HOUR", "TASK"]),
    quantity: z.int().describe("Minutes for HOUR gigs, tasks for TASK gigs."),
    hours: z.number().nullable(),
    tasks: z.int().nullable(),
    rateCents: z.int().describe("The gig's rate when the entry was recorded, in minor units."),
    amountCents: z.int().describe("Pay earned for the entry, in minor units (integer arithmetic)."),
    currency: z.string(),
    note: z.string(),
    source: z.enum(["LAB", "PROFESSIONAL"]),
    review: z
      .enum(REVIEW_STATES)
      .describe("LAB entries are ACCEPTED at once; self-reported ones are SUBMITTED until the lab reviews them."),
    payout: z.enum(PAYOUT_STATES).describe("Recorded payout state (no money moves through Second Act)."),
    holdReason: z.string().nullable(),
    createdAt: z.iso.datetime(),
  })
  .strict();

export const workEntryListSchema = z.object({ data: z.array(workEntrySchema) }).strict();

export const queueStatusResultSchema = z
  .object({
    updated: z.int(),
    applicationIds: z.array(z.string()),
    status: z.object({
      state: z.enum(["WORK_AVAILABLE", "NO_WORK"]),
      reason: z.enum(QUEUE_REASONS).optional(),
      checkAgainOn: z.string().optional(),
      note: z.string().optional(),
    }),
  })
  .strict();

const applicationIds = z
  .array(z.string().min(1).max(100), { error: "applicationIds must be a list of application ids." })
  .min(1, "Give at least one id, or leave applicationIds out for everyone active.")
  .max(1000, "At most 1000 ids.")
  .optional()
  .describe("Only these people (application ids); without it, everyone active on the gig.");

/** The PUT body: a queue status, optionally for some people only. */
export const queueStatusBodySchema = z.discriminatedUnion(
  "state",
  [queueInputSchema.options[0].extend({ applicationIds }), queueInputSchema.options[1].extend({ applicationIds })],
  { error: "state must be WORK_AVAILABLE or NO_WORK." },
);
