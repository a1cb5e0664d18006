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
  score: z.coerce.number({ error: "Enter a score from 0 to 100." }).int("Use a whole number.").min(0, "Use 0 to 100.").max(100, "Use 0 to 100."),
  feedback: z.string().trim().min(1, "Give the person feedback with their score.").max(2000, "Use at most 2000 characters."),
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
