/** Onboarding SLAs (days per stage, overdue checks) and the reminder texts sent when a wait runs past its SLA. */
import { DAY_MS } from "~/domain/dates";
import type { WaitingOn } from "./progress";
import { type Stage, stageLabel } from "./stages";

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
export function overdueNotice(o: {
  waitingOn: WaitingOn;
  todo: string | null;
  days: number;
  slaDays: number;
  remindedAt: Date | null;
}): string {
  const late = `This step has been open for ${o.days} days; we aim for ${o.slaDays}.`;
  if (o.waitingOn === "YOU") return `${late} It is waiting on you: ${o.todo ?? "see below"}.`;
  const when = o.remindedAt
    ? `We reminded the coordinator on ${o.remindedAt.toISOString().slice(0, 10)}.`
    : "The coordinator has not been reminded yet; an automatic reminder goes out when an application waits past its SLA.";
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
