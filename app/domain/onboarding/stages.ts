/** The onboarding stages (display order, labels, the main path, terminal stages) and the actor roles. */

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
    description: "The lab wants to work with you. Read the offer — pay, hours and start date — and accept it to move on to the paperwork.",
  },
  {
    key: "CONTRACTING",
    label: "Contract & NDA",
    kind: "pipeline",
    description: "Sign the contract, and the NDA if this gig has one. You can read both in full before you sign.",
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

const STAGE_INFO: Record<Stage, StageInfo> = Object.fromEntries(STAGES.map((s) => [s.key, s])) as Record<Stage, StageInfo>;

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
