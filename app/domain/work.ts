/**
 * The active phase of an engagement, as pure rules: the work ledger (entries, pay at the gig
 * rate in integer cents, payout states and totals), the queue status (never blank; a reason and a
 * check-again date whenever there is no work; when the reminder is due) and offboarding (reason
 * codes, evidence, who decided; who may answer an appeal). No I/O here.
 */
import { z } from "zod";
import { DAY_MS, addDays, dayOf } from "./dates";

// ------------------------------------------------------------------ ledger

export type PayUnit = "HOUR" | "TASK";
export const ENTRY_SOURCES = ["LAB", "PROFESSIONAL"] as const;
export type EntrySource = (typeof ENTRY_SOURCES)[number];
export const REVIEW_STATES = ["SUBMITTED", "ACCEPTED", "REJECTED"] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];
export const PAYOUT_STATES = ["PENDING", "APPROVED", "PAID", "HELD"] as const;
export type PayoutState = (typeof PAYOUT_STATES)[number];

export const PAYOUT_LABELS: Record<PayoutState, string> = {
  PENDING: "Pending",
  APPROVED: "Approved for payout",
  PAID: "Paid",
  HELD: "Held",
};

/** Longest a single entry may be: one day's work. */
export const MAX_MINUTES_PER_ENTRY = 24 * 60;
export const MAX_TASKS_PER_ENTRY = 10_000;

/**
 * Pay for one entry in cents, integer arithmetic only: tasks × rate, or minutes × hourly rate / 60
 * rounded half up. Never negative; exact for whole hours.
 */
export function entryAmountCents(unit: PayUnit, quantity: number, rateCents: number): number {
  if (!Number.isInteger(quantity) || !Number.isInteger(rateCents) || quantity < 0 || rateCents < 0)
    throw new RangeError("quantity and rate must be non-negative integers");
  if (unit === "TASK") return quantity * rateCents;
  return Math.floor((quantity * rateCents + 30) / 60);
}

export interface LedgerEntry {
  unit: PayUnit;
  quantity: number;
  amountCents: number;
  review: ReviewState;
  payout: PayoutState;
}

export interface LedgerTotals {
  /** Accepted work only (what the person has earned). */
  minutes: number;
  tasks: number;
  earnedCents: number;
  byPayout: Record<PayoutState, number>;
  /** Self-reported entries the lab has not reviewed yet (not earned yet). */
  awaitingReview: { count: number; cents: number };
  rejected: number;
}

/** Totals of a ledger: earned = sum of accepted entries = sum over payout states (property-tested). */
export function ledgerTotals(entries: readonly LedgerEntry[]): LedgerTotals {
  const t: LedgerTotals = {
    minutes: 0,
    tasks: 0,
    earnedCents: 0,
    byPayout: { PENDING: 0, APPROVED: 0, PAID: 0, HELD: 0 },
    awaitingReview: { count: 0, cents: 0 },
    rejected: 0,
  };
  for (const e of entries) {
    if (e.review === "REJECTED") {
      t.rejected += 1;
      continue;
    }
    if (e.review === "SUBMITTED") {
      t.awaitingReview.count += 1;
      t.awaitingReview.cents += e.amountCents;
      continue;
    }
    if (e.unit === "HOUR") t.minutes += e.quantity;
    else t.tasks += e.quantity;
    t.earnedCents += e.amountCents;
    t.byPayout[e.payout] += e.amountCents;
  }
  return t;
}

/** Review of a self-reported entry: only SUBMITTED entries are reviewed, once. */
export function canReview(review: ReviewState): boolean {
  return review === "SUBMITTED";
}

/**
 * Payout moves: PENDING -> APPROVED -> PAID; any unpaid state -> HELD (a reason is required);
 * HELD -> PENDING | APPROVED (released). PAID is final. Only accepted entries have a payout.
 */
const PAYOUT_MOVES: Record<PayoutState, readonly PayoutState[]> = {
  PENDING: ["APPROVED", "HELD"],
  APPROVED: ["PAID", "HELD", "PENDING"],
  HELD: ["PENDING", "APPROVED"],
  PAID: [],
};

export type PayoutCheck = { ok: true } | { ok: false; field: "payout" | "holdReason"; message: string };

export function checkPayoutMove(
  entry: { review: ReviewState; payout: PayoutState },
  to: PayoutState,
  holdReason: string | null | undefined,
): PayoutCheck {
  if (entry.review !== "ACCEPTED")
    return { ok: false, field: "payout", message: "Only accepted entries have a payout; accept the entry first." };
  if (entry.payout === to) return { ok: false, field: "payout", message: `The payout is already ${PAYOUT_LABELS[to].toLowerCase()}.` };
  if (!PAYOUT_MOVES[entry.payout].includes(to))
    return {
      ok: false,
      field: "payout",
      message: `A payout that is ${PAYOUT_LABELS[entry.payout].toLowerCase()} cannot become ${PAYOUT_LABELS[to].toLowerCase()}.`,
    };
  if (to === "HELD" && !(holdReason ?? "").trim())
    return { ok: false, field: "holdReason", message: "Say why the payout is held; the person will read it." };
  return { ok: true };
}

export const payoutMoves = (from: PayoutState) => PAYOUT_MOVES[from];

/** Hours and minutes as people read them: "7 h 30 min", "45 min", "2 h". */
export function formatMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

const isoDay = z.iso.date({ error: "Give the work date as YYYY-MM-DD." });

/**
 * A ledger entry as the lab (form or API) or the professional sends it. Hours may be decimal
 * (1.5 = 90 minutes, stored as whole minutes); tasks are whole numbers. Which one applies
 * depends on the gig's pay unit, checked by `checkEntryAgainstGig`.
 */
export const workEntryInputSchema = z
  .object({
    workDate: isoDay,
    hours: z
      .number({ error: "hours must be a number." })
      .positive("hours must be more than 0.")
      .max(24, "hours must be at most 24 for one work date.")
      .refine((h) => Number.isInteger(Math.round(h * 60 * 1000) / 1000), "hours must be whole minutes (e.g. 1.5 or 0.25).")
      .optional(),
    tasks: z
      .int({ error: "tasks must be a whole number." })
      .positive("tasks must be more than 0.")
      .max(MAX_TASKS_PER_ENTRY, `tasks must be at most ${MAX_TASKS_PER_ENTRY}.`)
      .optional(),
    note: z.string({ error: "note must be text." }).trim().max(1000, "note must be at most 1000 characters.").default(""),
    clientEntryId: z
      .string({ error: "clientEntryId must be text." })
      .regex(/^[\x21-\x7e]{1,100}$/, "clientEntryId must be 1 to 100 visible ASCII characters.")
      .optional(),
    applicationId: z.string({ error: "applicationId is required." }).min(1, "applicationId is required.").max(100),
  })
  .strict();

export type WorkEntryInput = z.output<typeof workEntryInputSchema>;

export type EntryCheck =
  | { ok: true; unit: PayUnit; quantity: number; rateCents: number; amountCents: number }
  | { ok: false; errors: { path: string; message: string }[] };

/**
 * Checks an entry against the gig (its pay unit and rate) and the engagement (active since,
 * today): the work date may not be in the future nor before the person became active.
 */
export function checkEntryAgainstGig(
  input: { workDate: string; hours?: number; tasks?: number },
  gig: { payUnit: PayUnit; payAmountCents: number | null },
  ctx: { activeSince: Date; today: string },
): EntryCheck {
  const errors: { path: string; message: string }[] = [];
  if (gig.payAmountCents == null) errors.push({ path: "", message: "This gig has no pay rate, so no work can be recorded against it." });
  if (gig.payUnit === "HOUR") {
    if (input.tasks !== undefined) errors.push({ path: "tasks", message: "This gig pays by the hour: send hours, not tasks." });
    if (input.hours === undefined) errors.push({ path: "hours", message: "Give the hours worked (e.g. 1.5)." });
  } else {
    if (input.hours !== undefined) errors.push({ path: "hours", message: "This gig pays per task: send tasks, not hours." });
    if (input.tasks === undefined) errors.push({ path: "tasks", message: "Give the number of tasks done." });
  }
  if (input.workDate > ctx.today) errors.push({ path: "workDate", message: "The work date cannot be in the future." });
  const since = ctx.activeSince.toISOString().slice(0, 10);
  if (input.workDate < since)
    errors.push({ path: "workDate", message: `The work date cannot be before the person became active (${since}).` });
  if (errors.length) return { ok: false, errors };
  const unit = gig.payUnit;
  const quantity = unit === "HOUR" ? Math.round((input.hours as number) * 60) : (input.tasks as number);
  const rateCents = gig.payAmountCents as number;
  return { ok: true, unit, quantity, rateCents, amountCents: entryAmountCents(unit, quantity, rateCents) };
}

// ------------------------------------------------------------------ queue status

export const QUEUE_REASONS = ["PROJECT_PAUSED", "CAPACITY_FULL", "QUALITY_REVIEW", "AWAITING_CLIENT", "PROJECT_ENDING"] as const;
export type QueueReason = (typeof QUEUE_REASONS)[number];

export const QUEUE_REASON_LABELS: Record<QueueReason, string> = {
  PROJECT_PAUSED: "Project paused",
  CAPACITY_FULL: "Capacity full",
  QUALITY_REVIEW: "Quality review",
  AWAITING_CLIENT: "Awaiting client",
  PROJECT_ENDING: "Project ending",
};

/** What each reason means for the person, in plain words (the tracker shows it). */
export const QUEUE_REASON_MEANING: Record<QueueReason, string> = {
  PROJECT_PAUSED: "The whole project is paused. This is not about your work.",
  CAPACITY_FULL: "There are more people than tasks right now. This is not about your work.",
  QUALITY_REVIEW: "The lab is reviewing the quality of submitted work before releasing more tasks.",
  AWAITING_CLIENT: "The lab is waiting for its client before more work can start.",
  PROJECT_ENDING: "The project is winding down.",
};

export type QueueStatus =
  | { state: "WORK_AVAILABLE"; setAt: Date }
  | { state: "NO_WORK"; reason: QueueReason; checkAgainOn: string; note: string; setAt: Date };

/** Longest a lab may put off the next check: 60 days. */
export const MAX_CHECK_AGAIN_DAYS = 60;

export const queueInputSchema = z.discriminatedUnion(
  "state",
  [
    z
      .object({ state: z.literal("WORK_AVAILABLE"), note: z.string().trim().max(500, "note must be at most 500 characters.").optional() })
      .strict(),
    z
      .object({
        state: z.literal("NO_WORK"),
        reason: z.enum(QUEUE_REASONS, { error: `reason must be one of ${QUEUE_REASONS.join(", ")}.` }),
        checkAgainOn: z.iso.date({ error: "Give the check-again date as YYYY-MM-DD." }),
        note: z.string({ error: "note must be text." }).trim().max(500, "note must be at most 500 characters.").optional(),
      })
      .strict(),
  ],
  { error: "state must be WORK_AVAILABLE or NO_WORK." },
);

export type QueueInput = z.output<typeof queueInputSchema>;

// The calendar-day helpers live in ./dates; re-exported here for the work screens and services.
export { addDays, dayOf } from "./dates";

/** A check-again date must be after today and at most MAX_CHECK_AGAIN_DAYS away. */
export function checkQueueInput(
  input: QueueInput,
  today: string,
): { ok: true } | { ok: false; errors: { path: string; message: string }[] } {
  if (input.state === "WORK_AVAILABLE") return { ok: true };
  if (input.checkAgainOn <= today)
    return { ok: false, errors: [{ path: "checkAgainOn", message: "The check-again date must be after today." }] };
  if (input.checkAgainOn > addDays(today, MAX_CHECK_AGAIN_DAYS)) {
    return { ok: false, errors: [{ path: "checkAgainOn", message: `The check-again date must be within ${MAX_CHECK_AGAIN_DAYS} days.` }] };
  }
  return { ok: true };
}

/**
 * The queue status from a stored row, never blank: a row in an impossible state (no work but no
 * reason or date, which the database forbids) reads as awaiting an update from the lab today,
 * rather than as nothing.
 */
export function readQueue(
  row: { queueState: string; queueReason: string | null; checkAgainOn: Date | null; queueNote?: string | null; queueSetAt: Date } | null,
  activeSince: Date,
): QueueStatus {
  if (!row) return { state: "WORK_AVAILABLE", setAt: activeSince };
  if (row.queueState === "NO_WORK") {
    const reason = (QUEUE_REASONS as readonly string[]).includes(row.queueReason ?? "")
      ? (row.queueReason as QueueReason)
      : "AWAITING_CLIENT";
    return {
      state: "NO_WORK",
      reason,
      checkAgainOn: row.checkAgainOn ? dayOf(row.checkAgainOn) : dayOf(row.queueSetAt),
      note: row.queueNote ?? "",
      setAt: row.queueSetAt,
    };
  }
  return { state: "WORK_AVAILABLE", setAt: row.queueSetAt };
}

/** The one-line label of a queue status (never empty). */
export function queueLabel(q: QueueStatus): string {
  return q.state === "WORK_AVAILABLE" ? "Work available" : `No work right now: ${QUEUE_REASON_LABELS[q.reason].toLowerCase()}`;
}

/** Past its check-again date: the date has passed (today is after it) without a newer update. */
export function queueOverdue(q: QueueStatus, today: string): boolean {
  return q.state === "NO_WORK" && today > q.checkAgainOn;
}

/**
 * Whether the check-again reminder is due now: the queue is NO_WORK, its date has passed, and no
 * reminder was sent for this date yet. A new date (the lab updated the status) is a new wait.
 */
export function reminderDue(q: QueueStatus, nudgedFor: string | null, today: string): boolean {
  return queueOverdue(q, today) && nudgedFor !== (q.state === "NO_WORK" ? q.checkAgainOn : null);
}

/** What the professional reads once the check-again date passes without an update (honest). */
export function overdueQueueMessage(q: Extract<QueueStatus, { state: "NO_WORK" }>, gigTitle: string, labName: string, today: string) {
  const days = Math.round((Date.parse(today) - Date.parse(q.checkAgainOn)) / DAY_MS);
  return {
    title: `"${gigTitle}": ${labName} has not updated the work queue`,
    body: `${labName} said there was no work (${QUEUE_REASON_LABELS[q.reason].toLowerCase()}) and that it would check again by ${q.checkAgainOn}. That date passed ${days} day${days === 1 ? "" : "s"} ago without an update. We have reminded your coordinator; this is the lab's delay, not something you did. You will hear here as soon as the status changes.`,
  };
}

// ------------------------------------------------------------------ offboarding and appeals

export const OFFBOARD_REASONS = [
  "PROJECT_ENDED",
  "HEADCOUNT_REDUCED",
  "QUALITY_BELOW_STANDARD",
  "GUIDELINE_VIOLATION",
  "INACTIVE",
  "CONDUCT",
  "PERSON_REQUESTED",
] as const;
export type OffboardReason = (typeof OFFBOARD_REASONS)[number];

/** Each code says whether it ends the engagement for reasons outside the person (offboarding) or removes them for cause. */
export const OFFBOARD_REASON_INFO: Record<OffboardReason, { label: string; kind: "OFFBOARDING" | "REMOVAL" }> = {
  PROJECT_ENDED: { label: "Project ended", kind: "OFFBOARDING" },
  HEADCOUNT_REDUCED: { label: "Team size reduced", kind: "OFFBOARDING" },
  PERSON_REQUESTED: { label: "The person asked to leave", kind: "OFFBOARDING" },
  QUALITY_BELOW_STANDARD: { label: "Quality below the written standard", kind: "REMOVAL" },
  GUIDELINE_VIOLATION: { label: "Project guidelines not followed", kind: "REMOVAL" },
  INACTIVE: { label: "No work submitted while work was available", kind: "REMOVAL" },
  CONDUCT: { label: "Conduct", kind: "REMOVAL" },
};

export const offboardInputSchema = z.object({
  reasonCode: z.enum(OFFBOARD_REASONS, { error: "Choose a reason from the list." }),
  evidence: z
    .string({ error: "Write the evidence." })
    .trim()
    .min(10, "Write the evidence the person will read (at least 10 characters).")
    .max(4000, "Use at most 4000 characters."),
  decidedBy: z
    .string({ error: "Name the person who decided." })
    .trim()
    .min(2, "Name the person who decided.")
    .max(200, "Use at most 200 characters."),
});

export type OffboardInput = z.output<typeof offboardInputSchema>;

/** The reason the person reads on their tracker and in the notification (one line, with the code's label). */
export function offboardSummary(input: { reasonCode: OffboardReason; decidedBy: string }): string {
  const info = OFFBOARD_REASON_INFO[input.reasonCode];
  return `${info.kind === "REMOVAL" ? "Removed" : "Offboarded"}: ${info.label.toLowerCase()} (decided by ${input.decidedBy}).`;
}

const sameName = (a: string, b: string) => a.trim().toLowerCase().replace(/\s+/g, " ") === b.trim().toLowerCase().replace(/\s+/g, " ");

/**
 * Who may answer an appeal: a coordinator (or admin) who is neither the user who recorded the
 * decision nor the person named as having decided it.
 */
export function canAnswerAppeal(
  answerer: { id: string; name: string; role: string },
  decision: { recordedById: string | null; decidedBy: string | null },
): { ok: true } | { ok: false; message: string } {
  if (answerer.role !== "COORDINATOR" && answerer.role !== "ADMIN")
    return { ok: false, message: "Only a coordinator can answer a review request." };
  if (decision.recordedById && answerer.id === decision.recordedById) {
    return { ok: false, message: "You made this decision, so another coordinator must answer the review request." };
  }
  if (decision.decidedBy && sameName(answerer.name, decision.decidedBy)) {
    return { ok: false, message: "You are named as the person who decided, so another coordinator must answer the review request." };
  }
  return { ok: true };
}

// ------------------------------------------------------------------ form schemas (Conform reads raw strings)

const trimmed = (v: unknown) => (typeof v === "string" ? v.trim() : v);
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : trimmed(v));
const toNumber = (v: unknown) =>
  typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v.trim())) ? Number(v.trim()) : blankToUndefined(v);

/** Recording work from a form: one amount field whose meaning (hours or tasks) follows the gig's pay unit. */
export const workFormSchema = z.object({
  intent: z.literal("record"),
  workDate: z.preprocess(blankToUndefined, z.iso.date({ error: "Give the work date." })),
  amount: z.preprocess(
    toNumber,
    z
      .number({ error: "Give the hours or tasks as a number." })
      .positive("Give a number above 0.")
      .max(MAX_TASKS_PER_ENTRY, "That is more than one entry can hold."),
  ),
  note: z.preprocess(blankToUndefined, z.string().max(1000, "Use at most 1000 characters.").optional()),
  clientEntryId: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^[\x21-\x7e]{1,100}$/)
      .optional(),
  ),
});

/** Turns the form's amount into the API-shaped input for the gig's pay unit (hours must be whole minutes). */
export function workFormToInput(v: z.output<typeof workFormSchema>, unit: PayUnit, applicationId: string) {
  const base = { applicationId, workDate: v.workDate, note: v.note ?? "", clientEntryId: v.clientEntryId };
  if (unit === "HOUR") return { ...base, hours: Math.round(v.amount * 60) / 60 };
  return { ...base, tasks: v.amount };
}

export const queueFormSchema = z
  .object({
    intent: z.literal("queue"),
    state: z.enum(["WORK_AVAILABLE", "NO_WORK"], { error: "Say whether there is work." }),
    reason: z.preprocess(blankToUndefined, z.enum(QUEUE_REASONS, { error: "Choose a reason from the list." }).optional()),
    checkAgainOn: z.preprocess(blankToUndefined, z.iso.date({ error: "Give the date you will check again." }).optional()),
    note: z.preprocess(blankToUndefined, z.string().max(500, "Use at most 500 characters.").optional()),
  })
  .superRefine((v, ctx) => {
    if (v.state !== "NO_WORK") return;
    if (!v.reason) ctx.addIssue({ code: "custom", path: ["reason"], message: "When there is no work, choose the reason." });
    if (!v.checkAgainOn)
      ctx.addIssue({ code: "custom", path: ["checkAgainOn"], message: "When there is no work, give the date you will check again." });
  });

export function queueFormToInput(v: z.output<typeof queueFormSchema>): QueueInput {
  if (v.state === "WORK_AVAILABLE") return { state: "WORK_AVAILABLE", note: v.note };
  return { state: "NO_WORK", reason: v.reason as QueueReason, checkAgainOn: v.checkAgainOn as string, note: v.note };
}

export const offboardFormSchema = z.object({
  intent: z.literal("offboard"),
  version: z.preprocess(toNumber, z.int().min(0)),
  reasonCode: z.preprocess(blankToUndefined, offboardInputSchema.shape.reasonCode),
  evidence: z.preprocess(trimmed, offboardInputSchema.shape.evidence),
  decidedBy: z.preprocess(trimmed, offboardInputSchema.shape.decidedBy),
});
