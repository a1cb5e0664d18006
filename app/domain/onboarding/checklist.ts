/** The onboarding checklist (screening, NDA, contract, payment, training) and the actions that fill it in. */
import { LAB_AND_STAFF, STAFF, describeRoles, hasText, joinList } from "./internal";
import { type ActorRole, type Stage, stageLabel } from "./stages";

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
// The gig rules and application state the checklist is checked against
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

// ---------------------------------------------------------------------------
// Checklist actions
// ---------------------------------------------------------------------------

export type ChecklistErrorCode = "WRONG_STAGE" | "FORBIDDEN_ACTOR" | "INVALID_INPUT" | "NOT_READY" | "ALREADY_DONE";

export type ChecklistResult = { ok: true; checklist: Checklist } | { ok: false; code: ChecklistErrorCode; message: string };

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
export function scoreScreening(app: ApplicationState, actorRole: ActorRole, score: number, feedback: string | null): ChecklistResult {
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
export function acceptNda(app: ApplicationState, actorRole: ActorRole, by: string, textVersion: string, at: Date): ChecklistResult {
  return acceptDocument(app, actorRole, "nda", by, textVersion, at);
}

/** The professional signs the contract (only during CONTRACTING). */
export function acceptContract(app: ApplicationState, actorRole: ActorRole, by: string, textVersion: string, at: Date): ChecklistResult {
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
