/**
 * The onboarding board's forms and filters, shared by the board and the candidate view. Pure.
 */
import { z } from "zod";
import { STAGES, type Stage } from "./onboarding";

const STAGE_KEYS = STAGES.map((s) => s.key) as [Stage, ...Stage[]];

export const moveSchema = z.object({
  intent: z.literal("move"),
  applicationId: z.string().min(1).max(40),
  version: z.coerce.number({ error: "Missing version." }).int().min(0),
  to: z.enum(STAGE_KEYS, { error: "Choose a stage." }),
  reason: z.string().trim().max(1000, "Use at most 1000 characters.").optional(),
});

export const scoreSchema = z.object({
  intent: z.literal("score"),
  applicationId: z.string().min(1).max(40),
  version: z.coerce.number().int().min(0),
  score: z.coerce
    .number({ error: "Enter a score from 0 to 100." })
    .int("Use a whole number.")
    .min(0, "Use 0 to 100.")
    .max(100, "Use 0 to 100."),
  feedback: z.string().trim().min(1, "Give the person feedback with their score.").max(2000, "Use at most 2000 characters."),
});

/** Moves that need a reason the professional will read (declining, offboarding). */
const NEEDS_REASON: readonly Stage[] = ["DECLINED", "OFFBOARDED"];

const moveFields = {
  intent: z.literal("move"),
  version: z.coerce.number({ error: "Missing version." }).int().min(0),
  to: z.enum(STAGE_KEYS, { error: "Choose a stage." }),
  reason: z.string().trim().max(1000, "Use at most 1000 characters.").optional(),
};

function reasonGiven(v: { to: Stage; reason?: string }, ctx: z.RefinementCtx) {
  if (NEEDS_REASON.includes(v.to) && !v.reason) {
    ctx.addIssue({ code: "custom", path: ["reason"], message: "Give a reason: the person will read it." });
  }
}

/** A card's move form on the board (Conform, browser and server): declining needs a reason. */
export const moveFormSchema = z.object({ ...moveFields, applicationId: z.string().min(1).max(40) }).superRefine(reasonGiven);

/** The same move from the candidate view, where the application is in the URL. */
export const candidateMoveSchema = z.object(moveFields).superRefine(reasonGiven);

/** Scoring a screening from the candidate view (the application is in the URL). */
export const candidateScoreSchema = scoreSchema.omit({ applicationId: true }).extend({
  // An empty box is "no score", not 0.
  score: z.preprocess((v) => (v === "" ? undefined : v), scoreSchema.shape.score),
});

/** One or many values of a repeated field (`select`) as a list; none is an empty list. */
const list = (v: unknown) => (v === undefined || v === null || v === "" ? [] : Array.isArray(v) ? v : [v]);
const selection = z.preprocess(
  list,
  z
    .array(z.string().regex(/^[\w-]{1,40}:\d{1,9}$/, "Invalid selection."))
    .min(1, "Select at least one person.")
    .max(500, "Select at most 500 people."),
);

/**
 * The board's bulk bar: "Move selected" needs a stage (the reason is checked by the transition
 * rules, which say for whom it is missing); "Message selected" needs only the message.
 */
export const bulkFormSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("bulk-move"),
    select: selection,
    to: z.preprocess((v) => (v === "" ? undefined : v), z.enum(STAGE_KEYS, { error: "Choose a stage to move to." })),
    reason: z.string().trim().max(1000, "Use at most 1000 characters.").optional(),
    message: z.string().optional(),
  }),
  z.object({
    intent: z.literal("bulk-message"),
    select: selection,
    message: z.preprocess(
      (v) => (v === undefined ? "" : v),
      z.string().trim().min(1, "Write a message.").max(2000, "Use at most 2000 characters."),
    ),
    to: z.string().optional(),
    reason: z.string().optional(),
  }),
]);

/** The responsible coordinator (staff only); empty = nobody named. */
export const assignFormSchema = z.object({
  intent: z.literal("assign"),
  coordinatorId: z
    .string()
    .max(40)
    .optional()
    .transform((v) => v || null),
});

/** The value of a card's next-step button: the application, the version the board showed, the stage. */
export function cardMoveValue(applicationId: string, version: number, to: string): string {
  return `${applicationId}:${version}:${to}`;
}

/**
 * The board's next-step buttons share one form (decision 0036): the pressed one sends
 * `move=<applicationId>:<version>:<stage>`. This spreads it into the fields `moveFormSchema` reads
 * (`applicationId`, `version`, `to`, which it replaces); a form without `move` is returned as is.
 */
export function withCardMove(form: FormData): FormData {
  const move = form.get("move");
  if (typeof move !== "string") return form;
  const [applicationId = "", version = "", to = ""] = move.split(":");
  const out = new FormData();
  for (const [k, v] of form) if (k !== "move" && k !== "applicationId" && k !== "version" && k !== "to") out.append(k, v);
  out.append("applicationId", applicationId);
  out.append("version", version);
  out.append("to", to);
  return out;
}

/** Inviting a person to this gig (posted by the gig page's recommendations). */
export const boardInviteSchema = z.object({
  intent: z.literal("invite"),
  profileId: z.string().min(1).max(40),
  source: z.enum(["recommendation"]).optional(),
  returnTo: z.string().max(500).optional(),
});

export interface BoardFilters {
  /** Name or headline contains this (lower case). */
  q: string;
  /** Only applications waiting longer than their stage's SLA. */
  stale: boolean;
}

/** The board's filters from a query string; anything else in it is ignored. */
export function readBoardFilters(params: URLSearchParams): BoardFilters {
  return { q: (params.get("q") ?? "").trim().toLowerCase().slice(0, 100), stale: params.get("stale") === "1" };
}

/** The query string ("" or "?q=...&stale=1") that reproduces these filters. */
export function boardQuery(filters: BoardFilters): string {
  const p = new URLSearchParams();
  if (filters.q) p.set("q", filters.q);
  if (filters.stale) p.set("stale", "1");
  const s = p.toString();
  return s ? `?${s}` : "";
}

/** Where the board sends the person after acting on a card: same filters, that card in view. */
export function boardReturn(gigId: string, filters: BoardFilters, applicationId?: string): string {
  return `/coord/gigs/${gigId}${boardQuery(filters)}${applicationId ? `#card-${applicationId}` : ""}`;
}

/** "Showing 3 of 40 applications", or "40 applications" when nothing is filtered. */
export function countLine(shown: number, total: number, filtered: boolean): string {
  const noun = (n: number) => `application${n === 1 ? "" : "s"}`;
  return filtered ? `Showing ${shown} of ${total} ${noun(total)}` : `${total} ${noun(total)}`;
}
