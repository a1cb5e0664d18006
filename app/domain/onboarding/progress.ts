/** The professional's progress tracker: every step with its status and the concrete next thing to do. */
import { type ApplicationState, type GigRules, missingTrainingModules } from "./checklist";
import { hasText } from "./internal";
import { DEFAULT_SLA_DAYS, type SlaTable, daysInStage, isStale } from "./sla";
import { PIPELINE_STAGES, type Stage, isTerminal, stageInfo, stageLabel } from "./stages";

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

function currentTodo(app: ApplicationState, gig: GigRules, dayNote: string, reason: string | null): { text: string; waitingOn: WaitingOn } {
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
    stage === "ACTIVE" || stage === "WITHDRAWN" || stage === "DECLINED" || stage === "OFFBOARDED" ? stage : "IN_PROGRESS";

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
