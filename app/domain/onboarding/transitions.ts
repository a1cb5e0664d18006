/** The transition table (who may take each edge), its guards, and canTransition / transition / allowedTransitions. */
import {
  type ApplicationState,
  CHECKLIST_ACTIONS,
  type ChecklistActionKey,
  type Checklist,
  type GigRules,
  activationBlockers,
} from "./checklist";
import { LAB_AND_STAFF, STAFF, describeRoles, hasText, joinList } from "./internal";
import { ACTOR_ROLES, type ActorRole, type Stage, isStage, isTerminal, stageLabel } from "./stages";

// ---------------------------------------------------------------------------
// Transition table
// ---------------------------------------------------------------------------

export type ReasonRule = "required" | "optional" | "none";

export interface TransitionRule {
  from: Stage;
  to: Stage;
  /** Roles that may perform this transition. */
  roles: readonly ActorRole[];
  reason: ReasonRule;
  /** The edge exists only for gigs matching this condition. */
  when?: "screeningRequired" | "screeningNotRequired";
}

const PRE_ACTIVE_OPEN: readonly Stage[] = [
  "APPLIED",
  "INVITED",
  "SHORTLISTED",
  "SCREENING",
  "OFFERED",
  "CONTRACTING",
  "PAYMENT_SETUP",
  "TRAINING",
];
const DECLINABLE: readonly Stage[] = ["APPLIED", "INVITED", "SHORTLISTED", "SCREENING", "OFFERED"];

/**
 * Every legal edge and who may take it. SYSTEM may only auto-advance the
 * paperwork stages once their guards pass (see `autoAdvanceTarget`).
 * OFFERED -> CONTRACTING is "accept the offer": the professional, or a
 * coordinator/admin recording an acceptance made outside the app.
 */
export const TRANSITIONS: readonly TransitionRule[] = [
  { from: "APPLIED", to: "SHORTLISTED", roles: LAB_AND_STAFF, reason: "none" },
  { from: "INVITED", to: "SHORTLISTED", roles: ["PROFESSIONAL"], reason: "none" },
  { from: "SHORTLISTED", to: "SCREENING", roles: LAB_AND_STAFF, reason: "none", when: "screeningRequired" },
  { from: "SHORTLISTED", to: "OFFERED", roles: LAB_AND_STAFF, reason: "none", when: "screeningNotRequired" },
  { from: "SCREENING", to: "OFFERED", roles: LAB_AND_STAFF, reason: "none" },
  { from: "OFFERED", to: "CONTRACTING", roles: ["PROFESSIONAL", ...STAFF], reason: "none" },
  { from: "CONTRACTING", to: "PAYMENT_SETUP", roles: [...STAFF, "SYSTEM"], reason: "none" },
  { from: "PAYMENT_SETUP", to: "TRAINING", roles: [...STAFF, "SYSTEM"], reason: "none" },
  { from: "TRAINING", to: "ACTIVE", roles: [...STAFF, "SYSTEM"], reason: "none" },
  { from: "ACTIVE", to: "OFFBOARDED", roles: LAB_AND_STAFF, reason: "required" },
  ...DECLINABLE.map((from): TransitionRule => ({ from, to: "DECLINED", roles: LAB_AND_STAFF, reason: "required" })),
  ...PRE_ACTIVE_OPEN.map((from): TransitionRule => ({ from, to: "WITHDRAWN", roles: ["PROFESSIONAL"], reason: "optional" })),
];

function edgeAppliesToGig(rule: TransitionRule, gig: GigRules): boolean {
  if (rule.when === "screeningRequired") return gig.screeningRequired;
  if (rule.when === "screeningNotRequired") return !gig.screeningRequired;
  return true;
}

function findRule(from: Stage, to: Stage): TransitionRule | undefined {
  return TRANSITIONS.find((r) => r.from === from && r.to === to);
}

/**
 * Human summary of who may do what, derived from TRANSITIONS and
 * CHECKLIST_ACTIONS (for docs / admin help pages).
 */
export const PERMISSIONS: Readonly<Record<ActorRole, { transitions: string[]; checklistActions: ChecklistActionKey[] }>> =
  Object.fromEntries(
    ACTOR_ROLES.map((role) => [
      role,
      {
        transitions: TRANSITIONS.filter((t) => t.roles.includes(role)).map((t) => `${t.from} -> ${t.to}`),
        checklistActions: CHECKLIST_ACTIONS.filter((a) => a.roles.includes(role)).map((a) => a.action),
      },
    ]),
  ) as Record<ActorRole, { transitions: string[]; checklistActions: ChecklistActionKey[] }>;

// ---------------------------------------------------------------------------
// Guards
// ---------------------------------------------------------------------------

function guardFailures(from: Stage, to: Stage, c: Checklist, gig: GigRules): string[] {
  if (from === "SCREENING" && to === "OFFERED") {
    const out: string[] = [];
    if (c.screening.submittedAt === null) out.push("the screening hasn't been submitted");
    if (typeof c.screening.score !== "number") out.push("the screening hasn't been scored");
    return out;
  }
  if (from === "CONTRACTING" && to === "PAYMENT_SETUP") {
    const out: string[] = [];
    if (gig.ndaRequired && c.nda.acceptedAt === null) out.push("the NDA hasn't been signed");
    if (c.contract.acceptedAt === null) out.push("the contract hasn't been signed");
    return out;
  }
  if (from === "PAYMENT_SETUP" && to === "TRAINING") {
    const out: string[] = [];
    if (!c.payment.taxFormConfirmed) out.push("the tax form hasn't been confirmed");
    if (!c.payment.payoutConfirmed) out.push("the payout details haven't been confirmed");
    return out;
  }
  if (from === "TRAINING" && to === "ACTIVE") return activationBlockers(c, gig);
  return [];
}

// ---------------------------------------------------------------------------
// canTransition / transition / allowedTransitions
// ---------------------------------------------------------------------------

export interface TransitionContext {
  actorRole: ActorRole;
  gig: GigRules;
  /** Shown to the professional. Required for DECLINED and OFFBOARDED, optional for WITHDRAWN. */
  reason?: string | null;
}

export type TransitionErrorCode = "NOT_ALLOWED" | "GUARD_FAILED" | "FORBIDDEN_ACTOR" | "REASON_REQUIRED";

export interface TransitionError {
  ok: false;
  code: TransitionErrorCode;
  message: string;
  /** For GUARD_FAILED: each unmet condition, e.g. "the NDA hasn't been signed". */
  details?: string[];
}

export type CanTransitionResult = { ok: true } | TransitionError;

/**
 * Check order: NOT_ALLOWED (no such edge, incl. for this gig) → FORBIDDEN_ACTOR
 * → REASON_REQUIRED → GUARD_FAILED.
 */
export function canTransition(app: ApplicationState, to: Stage, ctx: TransitionContext): CanTransitionResult {
  const from = app.stage;
  if (!isStage(from) || !isStage(to)) {
    return { ok: false, code: "NOT_ALLOWED", message: `Unknown stage "${String(isStage(from) ? to : from)}".` };
  }
  if (isTerminal(from)) {
    return {
      ok: false,
      code: "NOT_ALLOWED",
      message: `This application is ${stageLabel(from).toLowerCase()}, which is final — it can't move to ${stageLabel(to)}.`,
    };
  }
  if (from === to) {
    return { ok: false, code: "NOT_ALLOWED", message: `The application is already at ${stageLabel(to)}.` };
  }
  const rule = findRule(from, to);
  if (!rule) {
    return {
      ok: false,
      code: "NOT_ALLOWED",
      message: `An application can't go from ${stageLabel(from)} to ${stageLabel(to)}.`,
    };
  }
  if (!edgeAppliesToGig(rule, ctx.gig)) {
    return {
      ok: false,
      code: "NOT_ALLOWED",
      message:
        rule.when === "screeningRequired"
          ? "This gig has no screening step — make an offer instead."
          : "This gig requires screening — send the screening task before making an offer.",
    };
  }
  if (!rule.roles.includes(ctx.actorRole)) {
    return {
      ok: false,
      code: "FORBIDDEN_ACTOR",
      message: `Only ${describeRoles(rule.roles) || "the system"} can move an application from ${stageLabel(from)} to ${stageLabel(to)}.`,
    };
  }
  if (rule.reason === "required" && !hasText(ctx.reason)) {
    return {
      ok: false,
      code: "REASON_REQUIRED",
      message: `Give a reason for moving this application to ${stageLabel(to)} — the professional will see it.`,
    };
  }
  const failures = guardFailures(from, to, app.checklist, ctx.gig);
  if (failures.length > 0) {
    return {
      ok: false,
      code: "GUARD_FAILED",
      message: `Can't move to ${stageLabel(to)} yet: ${joinList(failures)}.`,
      details: failures,
    };
  }
  return { ok: true };
}

export interface TransitionEvent {
  from: Stage;
  to: Stage;
  actorRole: ActorRole;
  /** Trimmed reason, or null when none was given. */
  reason: string | null;
  at: Date;
}

export type TransitionResult = { ok: true; stage: Stage; event: TransitionEvent } | TransitionError;

/** Like canTransition, but returns the new stage and an event to persist. `at` is required to keep this pure. */
export function transition(app: ApplicationState, to: Stage, ctx: TransitionContext & { at: Date }): TransitionResult {
  const check = canTransition(app, to, ctx);
  if (!check.ok) return check;
  const rule = findRule(app.stage, to);
  const reason = rule && rule.reason !== "none" && hasText(ctx.reason) ? ctx.reason.trim() : null;
  return {
    ok: true,
    stage: to,
    event: { from: app.stage, to, actorRole: ctx.actorRole, reason, at: ctx.at },
  };
}

export interface TransitionOption {
  to: Stage;
  /** Button label, phrased for the actor ("Accept invitation", "Decline"). */
  label: string;
  reason: ReasonRule;
  /** True for moves that end the application (confirm before doing them). */
  destructive: boolean;
}

function actionLabel(from: Stage, to: Stage, role: ActorRole): string {
  const pro = role === "PROFESSIONAL";
  switch (to) {
    case "SHORTLISTED":
      return from === "INVITED" ? "Accept invitation" : "Shortlist";
    case "SCREENING":
      return "Move to screening";
    case "OFFERED":
      return "Make offer";
    case "CONTRACTING":
      return pro ? "Accept offer" : "Record offer accepted";
    case "PAYMENT_SETUP":
      return "Move to payment setup";
    case "TRAINING":
      return "Move to training";
    case "ACTIVE":
      return "Activate";
    case "OFFBOARDED":
      return "Offboard";
    case "DECLINED":
      return from === "INVITED" ? "Withdraw invitation" : "Decline";
    case "WITHDRAWN":
      if (from === "INVITED") return "Decline invitation";
      if (from === "OFFERED") return "Decline offer";
      return "Withdraw";
    default:
      return stageLabel(to);
  }
}

/**
 * What this actor can do right now, for rendering buttons. Includes moves whose
 * guards pass; reasons are collected by the form, so a missing reason doesn't
 * hide a move (check `reason` to know whether to ask for one).
 */
export function allowedTransitions(app: ApplicationState, ctx: Omit<TransitionContext, "reason">): TransitionOption[] {
  if (!isStage(app.stage) || isTerminal(app.stage)) return [];
  return TRANSITIONS.filter((r) => r.from === app.stage)
    .filter((r) => canTransition(app, r.to, { ...ctx, reason: "(reason to be provided)" }).ok)
    .map((r) => ({
      to: r.to,
      label: actionLabel(r.from, r.to, ctx.actorRole),
      reason: r.reason,
      destructive: isTerminal(r.to),
    }));
}

/**
 * The stage SYSTEM may move this application to right now (paperwork stages
 * advance automatically once their checklist is complete), or null.
 */
export function autoAdvanceTarget(app: ApplicationState, gig: GigRules): Stage | null {
  for (const rule of TRANSITIONS) {
    if (rule.from !== app.stage || !rule.roles.includes("SYSTEM")) continue;
    if (canTransition(app, rule.to, { actorRole: "SYSTEM", gig }).ok) return rule.to;
  }
  return null;
}
