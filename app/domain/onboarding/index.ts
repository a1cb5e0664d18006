/**
 * Onboarding state machine for an application (one professional × one gig).
 *
 * Pure: no I/O, no clock (every timestamp is passed in), no mutation of inputs.
 *
 * Ownership is NOT checked here. Callers must resolve the actor's role for
 * this particular application before calling: a user is "PROFESSIONAL" only for
 * their own application, "LAB_MEMBER" only for gigs owned by their lab. Anyone
 * else must not reach these functions.
 *
 * One module per concern; import from "~/domain/onboarding" (this index), not from the files:
 *   stages.ts       stages, labels, the main path, terminal stages, actor roles
 *   checklist.ts    the checklist, its actions (send/submit/score screening, sign, confirm, acknowledge) and guards
 *   transitions.ts  the transition table, PERMISSIONS, canTransition / transition / allowedTransitions / autoAdvanceTarget
 *   sla.ts          SLA days per stage, overdue checks, reminder texts and digests
 *   progress.ts     the professional-facing progress tracker
 */
export * from "./checklist";
export * from "./progress";
export * from "./sla";
export * from "./stages";
export * from "./transitions";
