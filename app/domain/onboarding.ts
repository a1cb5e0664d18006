/**
 * Onboarding state machine for an application (one professional × one gig).
 *
 * Pure: no I/O, no clock (every timestamp is passed in), no mutation of inputs.
 *
 * Ownership is NOT checked here. Callers must resolve the actor's role for
 * this particular application before calling: a user is "PROFESSIONAL" only for
 * their own application, "LAB_MEMBER" only for gigs owned by their lab. Anyone
 * else must not reach these functions.
 */

// ---------------------------------------------------------------------------
// Stages
// ---------------------------------------------------------------------------

export const STAGE_KEYS = [
  "APPLIED",
  "INVITED",
  "SHORTLISTED",
  "SCREENING",
  "OFFERED",
  "CONTRACTING",
  "PAYMENT_SETUP",
  "TRAINING",
  "ACTIVE",
  "WITHDRAWN",
  "DECLINED",
  "OFFBOARDED",
] as const;

export type Stage = (typeof STAGE_KEYS)[number];

export interface StageInfo {
  key: Stage;
  /** Short label for badges and trackers. */
  label: string;
  /** Plain-language "what happens here / what you must do", written for the professional. */
  description: string;
  kind: "entry" | "pipeline" | "terminal";
}

/** All stages, in display order. */
export const STAGES: readonly StageInfo[] = [
  {
    key: "APPLIED",
    label: "Applied",
    kind: "entry",
    description:
      "You've applied. A coordinator reads every application and will either shortlist you or let you know it's not a fit. Nothing to do right now.",
  },
  {
    key: "INVITED",
    label: "Invited",
    kind: "entry",
    description:
      "A coordinator or the lab thinks your experience fits this gig and invited you. Accept the invitation to continue, or decline it if it's not for you.",
  },
  {
    key: "SHORTLISTED",
    label: "Shortlisted",
    kind: "pipeline",
    description:
      "You're on the shortlist. Next you'll get a short screening task, or — for gigs without screening — go straight to an offer.",
  },
  {
    key: "SCREENING",
    label: "Screening",
    kind: "pipeline",
    description:
      "A short sample task so the lab can see how you work. Complete it and submit it; a reviewer scores it and you'll see their feedback.",
  },
  {
    key: "OFFERED",
    label: "Offer",
    kind: "pipeline",
    description:
      "The lab wants to work with you. Read the offer — pay, hours and start date — and accept it to move on to the paperwork.",
  },
  {
    key: "CONTRACTING",
    label: "Contract & NDA",
    kind: "pipeline",
    description:
      "Sign the contract, and the NDA if this gig has one. You can read both in full before you sign.",
  },
  {
    key: "PAYMENT_SETUP",
    label: "Payment setup",
    kind: "pipeline",
    description: "Confirm your tax form and your payout details so you can be paid for your work.",
  },
  {
    key: "TRAINING",
    label: "Training",
    kind: "pipeline",
    description: "Read each training module for this gig and mark it as read. Once all are done you can start.",
  },
  {
    key: "ACTIVE",
    label: "Active",
    kind: "pipeline",
    description: "You're working on this gig. Your tasks and hours are tracked from here.",
  },
  {
    key: "WITHDRAWN",
    label: "Withdrawn",
    kind: "terminal",
    description: "You withdrew from this gig. There's nothing else to do; you can still apply to other gigs.",
  },
  {
    key: "DECLINED",
    label: "Not selected",
    kind: "terminal",
    description: "The lab or coordinator decided not to go ahead with this application. The reason they gave is shown here.",
  },
  {
    key: "OFFBOARDED",
    label: "Offboarded",
    kind: "terminal",
    description: "Your work on this gig has ended. The reason you were given is shown here.",
  },
];

const STAGE_INFO: Record<Stage, StageInfo> = Object.fromEntries(STAGES.map((s) => [s.key, s])) as Record<
  Stage,
  StageInfo
>;

export function stageInfo(stage: Stage): StageInfo {
  return STAGE_INFO[stage];
}

export function stageLabel(stage: Stage): string {
  return STAGE_INFO[stage]?.label ?? stage;
}

export function isStage(value: unknown): value is Stage {
  return typeof value === "string" && (STAGE_KEYS as readonly string[]).includes(value);
}

/** Stages an application can be created in. */
export const ENTRY_STAGES: readonly Stage[] = ["APPLIED", "INVITED"];

/** The main path from application to working on the gig (INVITED is the alternative entry). */
export const PIPELINE_STAGES: readonly Stage[] = [
  "APPLIED",
  "SHORTLISTED",
  "SCREENING",
  "OFFERED",
  "CONTRACTING",
  "PAYMENT_SETUP",
  "TRAINING",
  "ACTIVE",
];

/** Stages with no way out. */
export const TERMINAL_STAGES: readonly Stage[] = ["WITHDRAWN", "DECLINED", "OFFBOARDED"];

export function isTerminal(stage: Stage): boolean {
  return TERMINAL_STAGES.includes(stage);
}

// ---------------------------------------------------------------------------
// Actors
// ---------------------------------------------------------------------------

export const ACTOR_ROLES = ["PROFESSIONAL", "LAB_MEMBER", "COORDINATOR", "ADMIN", "SYSTEM"] as const;
export type ActorRole = (typeof ACTOR_ROLES)[number];

const STAFF: readonly ActorRole[] = ["COORDINATOR", "ADMIN"];
const LAB_AND_STAFF: readonly ActorRole[] = ["LAB_MEMBER", "COORDINATOR", "ADMIN"];

// ---------------------------------------------------------------------------
// Checklist
// ---------------------------------------------------------------------------

/** Timestamps are ISO 8601 strings so the checklist can be stored as JSON. */
export interface Checklist {
  /** `answer`: what the professional wrote (or linked) when submitting; null for a bare "done". */
  screening: { sentAt: string | null; submittedAt: string | null; answer: string | null; score: number | null; feedback: string | null };
  nda: { acceptedAt: string | null; acceptedBy: string | null; textVersion: string | null };
  contract: { acceptedAt: string | null; acceptedBy: string | null; textVersion: string | null };
  payment: { taxFormConfirmed: boolean; payoutConfirmed: boolean };
  training: { modulesAcknowledged: string[] };
}

export function emptyChecklist(): Checklist {
  return {
    screening: { sentAt: null, submittedAt: null, answer: null, score: null, feedback: null },
    nda: { acceptedAt: null, acceptedBy: null, textVersion: null },
    contract: { acceptedAt: null, acceptedBy: null, textVersion: null },
    payment: { taxFormConfirmed: false, payoutConfirmed: false },
    training: { modulesAcknowledged: [] },
  };
}

function obj(v: unknown): Record<string, unknown> {
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}
function strOrNull(v: unknown): string | null {
  return typeof v === "string" ? v : null;
}
function scoreOrNull(v: unknown): number | null {
  return typeof v === "number" && Number.isFinite(v) && v >= 0 && v <= 100 ? v : null;
}

/**
 * Turn whatever was stored (e.g. a JSON column, possibly from an older shape or
 * null) into a well-formed Checklist. Unknown or malformed fields become empty.
 */
export function normalizeChecklist(raw: unknown): Checklist {
  const r = obj(raw);
  const s = obj(r.screening);
  const n = obj(r.nda);
  const c = obj(r.contract);
  const p = obj(r.payment);
  const t = obj(r.training);
  const modules = Array.isArray(t.modulesAcknowledged)
    ? [...new Set(t.modulesAcknowledged.filter((m): m is string => typeof m === "string"))]
    : [];
  return {
    screening: {
      sentAt: strOrNull(s.sentAt),
      submittedAt: strOrNull(s.submittedAt),
      answer: strOrNull(s.answer),
      score: scoreOrNull(s.score),
      feedback: strOrNull(s.feedback),
    },
    nda: { acceptedAt: strOrNull(n.acceptedAt), acceptedBy: strOrNull(n.acceptedBy), textVersion: strOrNull(n.textVersion) },
    contract: {
      acceptedAt: strOrNull(c.acceptedAt),
      acceptedBy: strOrNull(c.acceptedBy),
      textVersion: strOrNull(c.textVersion),
    },
    payment: { taxFormConfirmed: p.taxFormConfirmed === true, payoutConfirmed: p.payoutConfirmed === true },
    training: { modulesAcknowledged: modules },
  };
}

// ---------------------------------------------------------------------------
// Transition table
// ---------------------------------------------------------------------------

export interface GigRules {
  screeningRequired: boolean;
  ndaRequired: boolean;
  trainingModules: readonly string[];
}

export interface ApplicationState {
  stage: Stage;
  checklist: Checklist;
}

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

// ---------------------------------------------------------------------------
// Checklist action permissions
// ---------------------------------------------------------------------------

export type ChecklistActionKey =
  | "sendScreening"
  | "submitScreening"
  | "scoreScreening"
  | "acceptNda"
  | "acceptContract"
  | "confirmTaxForm"
  | "confirmPayout"
  | "acknowledgeModule";

export interface ChecklistActionRule {
  action: ChecklistActionKey;
  /** The only stage in which the action is valid. */
  stage: Stage;
  roles: readonly ActorRole[];
  label: string;
}

export const CHECKLIST_ACTIONS: readonly ChecklistActionRule[] = [
  { action: "sendScreening", stage: "SCREENING", roles: [...LAB_AND_STAFF, "SYSTEM"], label: "Send screening task" },
  { action: "submitScreening", stage: "SCREENING", roles: ["PROFESSIONAL"], label: "Submit screening" },
  { action: "scoreScreening", stage: "SCREENING", roles: LAB_AND_STAFF, label: "Score screening" },
  { action: "acceptNda", stage: "CONTRACTING", roles: ["PROFESSIONAL"], label: "Sign the NDA" },
  { action: "acceptContract", stage: "CONTRACTING", roles: ["PROFESSIONAL"], label: "Sign the contract" },
  {
    action: "confirmTaxForm",
    stage: "PAYMENT_SETUP",
    roles: ["PROFESSIONAL", ...STAFF, "SYSTEM"],
    label: "Confirm tax form",
  },
  {
    action: "confirmPayout",
    stage: "PAYMENT_SETUP",
    roles: ["PROFESSIONAL", ...STAFF, "SYSTEM"],
    label: "Confirm payout details",
  },
  { action: "acknowledgeModule", stage: "TRAINING", roles: ["PROFESSIONAL"], label: "Mark module as read" },
];

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

function screeningScored(c: Checklist): boolean {
  return c.screening.submittedAt !== null && typeof c.screening.score === "number";
}

export function missingTrainingModules(checklist: Checklist, gig: GigRules): string[] {
  const done = new Set(checklist.training.modulesAcknowledged);
  return [...new Set(gig.trainingModules)].filter((m) => !done.has(m));
}

/**
 * Everything still missing before the application may become ACTIVE
 * (empty = ready). Re-checks the whole checklist, not just training.
 */
export function activationBlockers(checklist: Checklist, gig: GigRules): string[] {
  const out: string[] = [];
  if (gig.screeningRequired && !screeningScored(checklist)) out.push("the screening hasn't been submitted and scored");
  if (gig.ndaRequired && checklist.nda.acceptedAt === null) out.push("the NDA hasn't been signed");
  if (checklist.contract.acceptedAt === null) out.push("the contract hasn't been signed");
  if (!checklist.payment.taxFormConfirmed) out.push("the tax form hasn't been confirmed");
  if (!checklist.payment.payoutConfirmed) out.push("the payout details haven't been confirmed");
  const missing = missingTrainingModules(checklist, gig);
  if (missing.length > 0) {
    out.push(
      `${missing.length === 1 ? "training module" : "training modules"} ${joinList(missing.map((m) => `"${m}"`))} ${
        missing.length === 1 ? "hasn't" : "haven't"
      } been acknowledged`,
    );
  }
  return out;
}

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

function joinList(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  if (items.length === 2) return `${items[0]} and ${items[1]}`;
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
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

function describeRoles(roles: readonly ActorRole[]): string {
  const names: Record<ActorRole, string> = {
    PROFESSIONAL: "the professional",
    LAB_MEMBER: "the lab",
    COORDINATOR: "a coordinator",
    ADMIN: "an admin",
    SYSTEM: "the system",
  };
  return joinList(roles.filter((r) => r !== "SYSTEM").map((r) => names[r])).replace(/ and /g, " or ");
}

function hasText(s: string | null | undefined): s is string {
  return typeof s === "string" && s.trim().length > 0;
}

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
export function transition(
  app: ApplicationState,
  to: Stage,
  ctx: TransitionContext & { at: Date },
): TransitionResult {
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
export function allowedTransitions(
  app: ApplicationState,
  ctx: Omit<TransitionContext, "reason">,
): TransitionOption[] {
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

// ---------------------------------------------------------------------------
// Checklist actions
// ---------------------------------------------------------------------------

export type ChecklistErrorCode = "WRONG_STAGE" | "FORBIDDEN_ACTOR" | "INVALID_INPUT" | "NOT_READY" | "ALREADY_DONE";

export type ChecklistResult =
  | { ok: true; checklist: Checklist }
  | { ok: false; code: ChecklistErrorCode; message: string };

function actionRule(action: ChecklistActionKey): ChecklistActionRule {
  const rule = CHECKLIST_ACTIONS.find((a) => a.action === action);
  if (!rule) throw new Error(`Unknown checklist action ${action}`);
  return rule;
}

function checkAction(
  app: ApplicationState,
  actorRole: ActorRole,
  action: ChecklistActionKey,
): { ok: false; code: ChecklistErrorCode; message: string } | null {
  const rule = actionRule(action);
  if (app.stage !== rule.stage) {
    return {
      ok: false,
      code: "WRONG_STAGE",
      message: `"${rule.label}" is only possible during ${stageLabel(rule.stage)}; this application is at ${stageLabel(app.stage)}.`,
    };
  }
  if (!rule.roles.includes(actorRole)) {
    return {
      ok: false,
      code: "FORBIDDEN_ACTOR",
      message: `Only ${describeRoles(rule.roles) || "the system"} can ${rule.label.charAt(0).toLowerCase()}${rule.label.slice(1)}.`,
    };
  }
  return null;
}

function validDate(at: unknown): at is Date {
  return at instanceof Date && !Number.isNaN(at.getTime());
}

function invalid(message: string): ChecklistResult {
  return { ok: false, code: "INVALID_INPUT", message };
}

/** Coordinator/lab (or SYSTEM) sends the screening task. Re-sending before submission updates sentAt. */
export function sendScreening(app: ApplicationState, actorRole: ActorRole, at: Date): ChecklistResult {
  const err = checkAction(app, actorRole, "sendScreening");
  if (err) return err;
  if (!validDate(at)) return invalid("A valid send time is required.");
  const c = app.checklist;
  if (c.screening.submittedAt !== null) {
    return { ok: false, code: "ALREADY_DONE", message: "The screening was already submitted; it can't be sent again." };
  }
  return { ok: true, checklist: { ...c, screening: { ...c.screening, sentAt: at.toISOString() } } };
}

/** The professional submits their screening task. */
export function submitScreening(app: ApplicationState, actorRole: ActorRole, at: Date, answer?: string | null): ChecklistResult {
  const err = checkAction(app, actorRole, "submitScreening");
  if (err) return err;
  if (!validDate(at)) return invalid("A valid submission time is required.");
  const c = app.checklist;
  if (c.screening.sentAt === null) {
    return { ok: false, code: "NOT_READY", message: "The screening task hasn't been sent yet, so there's nothing to submit." };
  }
  if (c.screening.submittedAt !== null) {
    return { ok: false, code: "ALREADY_DONE", message: "You've already submitted your screening." };
  }
  const text = hasText(answer) ? answer.trim() : null;
  return { ok: true, checklist: { ...c, screening: { ...c.screening, submittedAt: at.toISOString(), answer: text } } };
}

/** Score (integer 0–100) and feedback for a submitted screening. Re-scoring replaces the previous score. */
export function scoreScreening(
  app: ApplicationState,
  actorRole: ActorRole,
  score: number,
  feedback: string | null,
): ChecklistResult {
  const err = checkAction(app, actorRole, "scoreScreening");
  if (err) return err;
  if (typeof score !== "number" || !Number.isInteger(score) || score < 0 || score > 100) {
    return invalid("The score must be a whole number from 0 to 100.");
  }
  const c = app.checklist;
  if (c.screening.submittedAt === null) {
    return { ok: false, code: "NOT_READY", message: "The screening hasn't been submitted yet, so it can't be scored." };
  }
  const fb = hasText(feedback) ? feedback.trim() : null;
  return { ok: true, checklist: { ...c, screening: { ...c.screening, score, feedback: fb } } };
}

function acceptDocument(
  app: ApplicationState,
  actorRole: ActorRole,
  which: "nda" | "contract",
  by: string,
  textVersion: string,
  at: Date,
): ChecklistResult {
  const err = checkAction(app, actorRole, which === "nda" ? "acceptNda" : "acceptContract");
  if (err) return err;
  const name = which === "nda" ? "NDA" : "contract";
  if (!hasText(by)) return invalid(`Who accepted the ${name} is required.`);
  if (!hasText(textVersion)) return invalid(`The ${name} text version is required.`);
  if (!validDate(at)) return invalid(`A valid acceptance time is required for the ${name}.`);
  const c = app.checklist;
  const current = c[which];
  // Accepting the same version again is a no-op (double-submit safe).
  if (current.acceptedAt !== null && current.textVersion === textVersion.trim()) return { ok: true, checklist: c };
  return {
    ok: true,
    checklist: {
      ...c,
      [which]: { acceptedAt: at.toISOString(), acceptedBy: by.trim(), textVersion: textVersion.trim() },
    },
  };
}

/** The professional signs the NDA (only during CONTRACTING). A different text version replaces the earlier acceptance. */
export function acceptNda(
  app: ApplicationState,
  actorRole: ActorRole,
  by: string,
  textVersion: string,
  at: Date,
): ChecklistResult {
  return acceptDocument(app, actorRole, "nda", by, textVersion, at);
}

/** The professional signs the contract (only during CONTRACTING). */
export function acceptContract(
  app: ApplicationState,
  actorRole: ActorRole,
  by: string,
  textVersion: string,
  at: Date,
): ChecklistResult {
  return acceptDocument(app, actorRole, "contract", by, textVersion, at);
}

/** Idempotent. */
export function confirmTaxForm(app: ApplicationState, actorRole: ActorRole): ChecklistResult {
  const err = checkAction(app, actorRole, "confirmTaxForm");
  if (err) return err;
  const c = app.checklist;
  return { ok: true, checklist: { ...c, payment: { ...c.payment, taxFormConfirmed: true } } };
}

/** Idempotent. */
export function confirmPayout(app: ApplicationState, actorRole: ActorRole): ChecklistResult {
  const err = checkAction(app, actorRole, "confirmPayout");
  if (err) return err;
  const c = app.checklist;
  return { ok: true, checklist: { ...c, payment: { ...c.payment, payoutConfirmed: true } } };
}

/**
 * The professional marks a training module as read. Idempotent. When
 * `gigModules` is given, the module must be one of them.
 */
export function acknowledgeModule(
  app: ApplicationState,
  actorRole: ActorRole,
  module: string,
  gigModules?: readonly string[],
): ChecklistResult {
  const err = checkAction(app, actorRole, "acknowledgeModule");
  if (err) return err;
  if (!hasText(module)) return invalid("Which training module was read is required.");
  if (gigModules && !gigModules.includes(module)) return invalid(`"${module}" isn't a training module for this gig.`);
  const c = app.checklist;
  if (c.training.modulesAcknowledged.includes(module)) return { ok: true, checklist: c };
  return {
    ok: true,
    checklist: { ...c, training: { modulesAcknowledged: [...c.training.modulesAcknowledged, module] } },
  };
}

// ---------------------------------------------------------------------------
// SLAs
// ---------------------------------------------------------------------------

export type SlaTable = Record<Stage, number | null>;

/** How many days an application should sit in a stage before it's flagged. null = no SLA. */
export const DEFAULT_SLA_DAYS: SlaTable = {
  APPLIED: 5,
  INVITED: 7,
  SHORTLISTED: 3,
  SCREENING: 5,
  OFFERED: 5,
  CONTRACTING: 5,
  PAYMENT_SETUP: 5,
  TRAINING: 7,
  ACTIVE: null,
  WITHDRAWN: null,
  DECLINED: null,
  OFFBOARDED: null,
};

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days elapsed since the stage was entered (0 on the first day; never negative; 0 for invalid dates). */
export function daysInStage(stageEnteredAt: Date, now: Date): number {
  const ms = now.getTime() - stageEnteredAt.getTime();
  if (!Number.isFinite(ms) || ms <= 0) return 0;
  return Math.floor(ms / DAY_MS);
}

/** True when more than the SLA's days have fully elapsed in this stage. Stages without an SLA are never stale. */
export function isStale(stageEnteredAt: Date, stage: Stage, now: Date, sla: Partial<SlaTable> = DEFAULT_SLA_DAYS): boolean {
  const days = stage in sla ? sla[stage] : DEFAULT_SLA_DAYS[stage];
  if (days === null || days === undefined) return false;
  const ms = now.getTime() - stageEnteredAt.getTime();
  if (!Number.isFinite(ms)) return false;
  return ms > days * DAY_MS;
}

/** Stages an SLA can apply to: everything before ACTIVE (terminal stages and ACTIVE never wait on anyone). */
export const SLA_STAGES: readonly Stage[] = (Object.keys(DEFAULT_SLA_DAYS) as Stage[]).filter((s) => DEFAULT_SLA_DAYS[s] !== null);

/** Longest SLA a coordinator can set, in days. */
export const MAX_SLA_DAYS = 90;

/**
 * The SLA table in force: coordinator overrides (one row per stage; `days: null` turns the SLA
 * off) on top of DEFAULT_SLA_DAYS. Rows for stages that never have an SLA, and out-of-range
 * values, are ignored so a bad row can never make ACTIVE or a terminal stage "overdue".
 */
export function resolveSlaTable(overrides: ReadonlyArray<{ stage: string; days: number | null }>): SlaTable {
  const table: SlaTable = { ...DEFAULT_SLA_DAYS };
  for (const o of overrides) {
    const stage = o.stage as Stage;
    if (!SLA_STAGES.includes(stage)) continue;
    if (o.days === null) table[stage] = null;
    else if (Number.isInteger(o.days) && o.days >= 1 && o.days <= MAX_SLA_DAYS) table[stage] = o.days;
  }
  return table;
}

/** When an application in `stage` since `stageEnteredAt` becomes overdue (null: never). */
export function slaDueAt(stageEnteredAt: Date, stage: Stage, sla: Partial<SlaTable> = DEFAULT_SLA_DAYS): Date | null {
  const days = stage in sla ? sla[stage] : DEFAULT_SLA_DAYS[stage];
  if (days === null || days === undefined) return null;
  return new Date(stageEnteredAt.getTime() + days * DAY_MS);
}

// ---------------------------------------------------------------------------
// SLA reminders ("nudges")
// ---------------------------------------------------------------------------

export interface ReminderCandidate {
  /** The gig's named coordinator, if any, and whether that account can still act (active staff). */
  gigCoordinator: { id: string; active: boolean } | null;
  /** The most recent coordinator/admin who moved this application (from its transitions), if still active staff. */
  lastStaffActorId: string | null;
  /** Every active coordinator: the fallback when nobody is named and no coordinator has touched it. */
  allCoordinatorIds: readonly string[];
}

/**
 * Who is answerable for an overdue application: the gig's named coordinator; else the last
 * coordinator who moved it; else every coordinator (so a reminder is never sent to nobody).
 */
export function responsibleCoordinators(c: ReminderCandidate): string[] {
  if (c.gigCoordinator?.active) return [c.gigCoordinator.id];
  if (c.lastStaffActorId) return [c.lastStaffActorId];
  return [...new Set(c.allCoordinatorIds)].sort();
}

export interface OverdueItem {
  applicationId: string;
  gigId: string;
  gigTitle: string;
  personName: string;
  stage: Stage;
  days: number;
  slaDays: number;
  waitingOn: WaitingOn;
  todo: string | null;
}

/**
 * When the responsible coordinator was reminded about the application's CURRENT wait, or null
 * (a reminder recorded for an earlier visit to a stage does not count).
 */
export function reminderSentAt(a: { stageEnteredAt: Date; slaNudgedStageAt: Date | null; slaNudgedAt: Date | null }): Date | null {
  if (!a.slaNudgedStageAt || !a.slaNudgedAt) return null;
  return a.slaNudgedStageAt.getTime() === a.stageEnteredAt.getTime() ? a.slaNudgedAt : null;
}

/** The professional's honest "where it stands" message for an overdue application. */
export function professionalReminder(item: OverdueItem): { title: string; body: string } {
  const stage = stageLabel(item.stage).toLowerCase();
  const late = `It has been at "${stage}" for ${item.days} days; we aim for ${item.slaDays}.`;
  if (item.waitingOn === "YOU") {
    return {
      title: `"${item.gigTitle}" is waiting on you`,
      body: `${late} The next step is yours: ${item.todo ?? "open the application to see what is needed"}. The coordinator has also been told, in case you need help.`,
    };
  }
  return {
    title: `"${item.gigTitle}" is taking longer than it should`,
    body: `${late} This is waiting on the coordinator, not on you, and we have just reminded them. You will get a notification as soon as it moves.`,
  };
}

/**
 * The tracker's line for an overdue application: who it waits on and whether the coordinator
 * has actually been reminded (never claims a reminder that was not sent).
 */
export function overdueNotice(o: { waitingOn: WaitingOn; todo: string | null; days: number; slaDays: number; remindedAt: Date | null }): string {
  const late = `This step has been open for ${o.days} days; we aim for ${o.slaDays}.`;
  if (o.waitingOn === "YOU") return `${late} It is waiting on you: ${o.todo ?? "see below"}.`;
  const when = o.remindedAt ? `We reminded the coordinator on ${o.remindedAt.toISOString().slice(0, 10)}.` : "The coordinator has not been reminded yet; an automatic reminder goes out when an application waits past its SLA.";
  return `${late} It is waiting on the coordinator, not on you. ${when}`;
}

/** One digest per coordinator per sweep (not one notification per application). */
export function coordinatorDigest(items: readonly OverdueItem[]): { title: string; body: string } {
  const n = items.length;
  const sorted = [...items].sort((a, b) => b.days - a.days || a.applicationId.localeCompare(b.applicationId));
  const shown = sorted.slice(0, 10).map((i) => {
    const who = i.waitingOn === "YOU" ? " (waiting on them)" : "";
    return `- ${i.personName}, "${i.gigTitle}": ${stageLabel(i.stage).toLowerCase()} for ${i.days} days (SLA ${i.slaDays})${who}`;
  });
  const more = n > shown.length ? [`…and ${n - shown.length} more.`] : [];
  return {
    title: n === 1 ? `1 application is past its SLA` : `${n} applications are past their SLA`,
    body: [...shown, ...more].join("\n"),
  };
}

// ---------------------------------------------------------------------------
// Progress tracker (professional-facing)
// ---------------------------------------------------------------------------

export type StepStatus = "done" | "current" | "next" | "skipped";
export type WaitingOn = "YOU" | "COORDINATOR" | null;

export interface ProgressStep {
  stage: Stage;
  label: string;
  status: StepStatus;
  description: string;
  /** Only on the current step: the concrete next thing ("Sign the NDA"). */
  todo: string | null;
  waitingOn: WaitingOn;
}

export interface ProgressInput extends ApplicationState {
  /** When the current stage was entered; enables "(day 3 of 5)". */
  stageEnteredAt?: Date | null;
  /** For terminal stages: the stage the application was in before it ended. */
  previousStage?: Stage | null;
  /** Whether the application started as an application or an invitation (defaults to APPLIED, or INVITED when at INVITED). */
  startedAs?: "APPLIED" | "INVITED";
}

export interface ProgressOptions {
  now?: Date;
  sla?: Partial<SlaTable>;
  /** For DECLINED / OFFBOARDED / WITHDRAWN: the reason recorded on the event. */
  reason?: string | null;
}

export interface Progress {
  steps: ProgressStep[];
  stage: Stage;
  outcome: "IN_PROGRESS" | "ACTIVE" | "WITHDRAWN" | "DECLINED" | "OFFBOARDED";
  /** The current step's todo, repeated for convenience. */
  nextAction: { text: string; waitingOn: WaitingOn } | null;
  daysInStage: number | null;
  slaDays: number | null;
  stale: boolean;
}

function currentTodo(
  app: ApplicationState,
  gig: GigRules,
  dayNote: string,
  reason: string | null,
): { text: string; waitingOn: WaitingOn } {
  const c = app.checklist;
  const waiting = (text: string) => ({ text: `${text}${dayNote}`, waitingOn: "COORDINATOR" as const });
  const you = (text: string) => ({ text, waitingOn: "YOU" as const });
  switch (app.stage) {
    case "APPLIED":
      return waiting("Waiting for the coordinator to review your application");
    case "INVITED":
      return you("Accept or decline the invitation");
    case "SHORTLISTED":
      return gig.screeningRequired
        ? waiting("Waiting for the coordinator to send your screening task")
        : waiting("Waiting for the coordinator to prepare your offer");
    case "SCREENING":
      if (c.screening.sentAt === null) return waiting("Waiting for your screening task to be sent");
      if (c.screening.submittedAt === null) return you("Submit your screening");
      if (c.screening.score === null) return waiting("Waiting for your screening to be scored");
      return waiting("Waiting for the coordinator to decide on an offer");
    case "OFFERED":
      return you("Review and accept your offer");
    case "CONTRACTING":
      if (gig.ndaRequired && c.nda.acceptedAt === null) return you("Sign the NDA");
      if (c.contract.acceptedAt === null) return you("Sign the contract");
      return waiting("Waiting for the coordinator to start payment setup");
    case "PAYMENT_SETUP":
      if (!c.payment.taxFormConfirmed) return you("Confirm your tax form");
      if (!c.payment.payoutConfirmed) return you("Confirm your payout details");
      return waiting("Waiting for the coordinator to start your training");
    case "TRAINING": {
      const missing = missingTrainingModules(c, gig);
      const total = new Set(gig.trainingModules).size;
      if (missing.length > 0) {
        return you(`Read training module "${missing[0]}" (${total - missing.length} of ${total} done)`);
      }
      return waiting("Waiting for the coordinator to activate you");
    }
    case "ACTIVE":
      return { text: "You're active — work on your tasks for this gig", waitingOn: null };
    case "WITHDRAWN":
      return { text: reason ? `You withdrew: ${reason}` : "You withdrew from this gig", waitingOn: null };
    case "DECLINED":
      return { text: reason ? `Not selected: ${reason}` : "Not selected for this gig", waitingOn: null };
    case "OFFBOARDED":
      return { text: reason ? `Offboarded: ${reason}` : "Your work on this gig has ended", waitingOn: null };
  }
}

/**
 * The professional's tracker: every step with done / current / next / skipped,
 * and for the current step the concrete thing they must do (or who they're
 * waiting on, with "(day 3 of 5)" when stageEnteredAt and now are known).
 */
export function progress(app: ProgressInput, gig: GigRules, options: ProgressOptions = {}): Progress {
  const stage = app.stage;
  const slaTable = options.sla ?? DEFAULT_SLA_DAYS;
  const slaDays = (stage in slaTable ? slaTable[stage] : DEFAULT_SLA_DAYS[stage]) ?? null;
  const days = app.stageEnteredAt && options.now ? daysInStage(app.stageEnteredAt, options.now) : null;
  const stale = app.stageEnteredAt && options.now ? isStale(app.stageEnteredAt, stage, options.now, slaTable) : false;
  const dayNote =
    days === null
      ? ""
      : slaDays === null
        ? ` (day ${days + 1})`
        : ` (day ${days + 1} of ${slaDays}${days + 1 > slaDays ? " — overdue" : ""})`;
  const reason = hasText(options.reason) ? options.reason.trim() : null;
  const todo = currentTodo(app, gig, dayNote, reason);

  const entry: Stage = stage === "INVITED" ? "INVITED" : (app.startedAs ?? "APPLIED");
  const path: Stage[] = [entry, ...PIPELINE_STAGES.slice(1)];

  const makeStep = (s: Stage, status: StepStatus): ProgressStep => ({
    stage: s,
    label: stageLabel(s),
    status,
    description: stageInfo(s).description,
    todo: status === "current" ? todo.text : null,
    waitingOn: status === "current" ? todo.waitingOn : null,
  });
  const pastStatus = (s: Stage): StepStatus => (s === "SCREENING" && !gig.screeningRequired ? "skipped" : "done");
  const futureStatus = (s: Stage): StepStatus => (s === "SCREENING" && !gig.screeningRequired ? "skipped" : "next");

  let steps: ProgressStep[];
  if (!isTerminal(stage)) {
    const idx = path.indexOf(stage);
    steps = path.map((s, i) => makeStep(s, i < idx ? pastStatus(s) : i === idx ? "current" : futureStatus(s)));
  } else {
    const before: Stage | null = stage === "OFFBOARDED" ? "ACTIVE" : (app.previousStage ?? null);
    steps = [];
    if (before && !isTerminal(before)) {
      const p: Stage[] = before === "INVITED" ? ["INVITED"] : path;
      const idx = p.indexOf(before);
      // Everything the professional got through; the stage it ended in counts as
      // reached only for OFFBOARDED (they did become active).
      const upTo = stage === "OFFBOARDED" ? idx + 1 : idx;
      steps = p.slice(0, Math.max(0, upTo)).map((s) => makeStep(s, pastStatus(s)));
    }
    steps.push(makeStep(stage, "current"));
  }

  const outcome: Progress["outcome"] =
    stage === "ACTIVE" || stage === "WITHDRAWN" || stage === "DECLINED" || stage === "OFFBOARDED"
      ? stage
      : "IN_PROGRESS";

  return {
    steps,
    stage,
    outcome,
    nextAction: todo.waitingOn === null && outcome !== "IN_PROGRESS" ? null : { text: todo.text, waitingOn: todo.waitingOn },
    daysInStage: days,
    slaDays,
    stale,
  };
}
