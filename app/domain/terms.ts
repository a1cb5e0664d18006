/**
 * Engagement terms (issue 22): what a lab promises before a gig opens, the effective hourly rate
 * once unpaid onboarding time is counted, and which later edits break those promises. Pure: no I/O,
 * no clock (callers pass `now`).
 */
import { DAY_MS } from "./dates";
import { type Money, effectiveHourly, formatMoney, hourlyEquivalent } from "./pay";

/** When paid assessment or training time is paid. "" = it is not paid. */
export const PAID_WHEN = ["ON_COMPLETION", "IF_ACCEPTED"] as const;
export type PaidWhen = (typeof PAID_WHEN)[number];
export const PAID_WHEN_LABELS: Record<PaidWhen, string> = {
  ON_COMPLETION: "paid once completed, whatever the outcome",
  IF_ACCEPTED: "paid only if you are accepted",
};

/** The effective hourly rate is computed over the first weeks of work (or the whole engagement when shorter). */
export const EFFECTIVE_RATE_WEEKS = 4;

export interface GigTerms {
  payAmountCents: number | null;
  payUnit: "HOUR" | "TASK";
  payCurrency: string;
  minutesPerTask: number | null;
  hoursPerWeek: number | null;
  startDate: Date | null;
  endDate: Date | null;
  noticeDays: number | null;
  rateLockDays: number | null;
  minimumPaidHoursPerWeek: number | null;
  killFeeCents: number | null;
  assessmentMinutes: number | null;
  trainingMinutes: number | null;
  screeningPaid: boolean;
  screeningRateCents: number | null;
  onboardingPaid: boolean;
  assessmentPaidWhen: string;
  trainingPaidWhen: string;
}

/** The terms a gig needs before it opens, as [field, words] pairs: the refusal names every missing one. */
export function missingTerms(
  g: Pick<
    GigTerms,
    | "hoursPerWeek"
    | "startDate"
    | "endDate"
    | "noticeDays"
    | "rateLockDays"
    | "assessmentMinutes"
    | "trainingMinutes"
    | "screeningPaid"
    | "onboardingPaid"
    | "assessmentPaidWhen"
    | "trainingPaidWhen"
  >,
): [string, string][] {
  const out: [string, string][] = [];
  if (g.hoursPerWeek == null) out.push(["hoursPerWeek", "expected hours per week"]);
  if (!g.startDate) out.push(["startDate", "start date"]);
  if (!g.endDate) out.push(["endDate", "end date"]);
  if (g.noticeDays == null) out.push(["noticeDays", "notice period (days)"]);
  if (g.rateLockDays == null) out.push(["rateLockDays", "rate lock (days)"]);
  if (g.assessmentMinutes == null) out.push(["assessmentMinutes", "assessment minutes (0 if none)"]);
  if (g.trainingMinutes == null) out.push(["trainingMinutes", "training minutes (0 if none)"]);
  if (g.screeningPaid && (g.assessmentMinutes ?? 0) > 0 && !g.assessmentPaidWhen)
    out.push(["assessmentPaidWhen", "when the assessment is paid"]);
  if (g.onboardingPaid && (g.trainingMinutes ?? 0) > 0 && !g.trainingPaidWhen) out.push(["trainingPaidWhen", "when training is paid"]);
  return out;
}

/** One sentence for the publish checklist: "Set the engagement terms: notice period (days), end date." */
export function missingTermsProblem(g: Parameters<typeof missingTerms>[0]): string | null {
  const missing = missingTerms(g);
  return missing.length ? `Set the engagement terms: ${missing.map(([, w]) => w).join(", ")}.` : null;
}

/** Whole days from `from` to `to` (UTC calendar days), negative when `to` is earlier. */
export function daysBetween(from: Date, to: Date): number {
  const a = Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate());
  const b = Date.UTC(to.getUTCFullYear(), to.getUTCMonth(), to.getUTCDate());
  return Math.round((b - a) / DAY_MS);
}

/** Hours of paid work the effective rate is spread over: the first EFFECTIVE_RATE_WEEKS weeks, or the engagement if shorter. */
export function effectiveRateHours(g: Pick<GigTerms, "hoursPerWeek" | "startDate" | "endDate">): number | null {
  if (g.hoursPerWeek == null || g.hoursPerWeek <= 0) return null;
  let weeks = EFFECTIVE_RATE_WEEKS;
  if (g.startDate && g.endDate) weeks = Math.min(weeks, Math.max(1, daysBetween(g.startDate, g.endDate) + 1) / 7);
  return g.hoursPerWeek * weeks;
}

/** The onboarding time and what it is paid (assessment at the screening rate, else the nominal rate). */
export function onboardingTimes(g: GigTerms, nominal: Money | null) {
  const assessmentRate = g.screeningPaid && g.assessmentPaidWhen ? (g.screeningRateCents ?? nominal?.amount ?? 0) : 0;
  const trainingRate = g.onboardingPaid && g.trainingPaidWhen ? (nominal?.amount ?? 0) : 0;
  return [
    { minutes: g.assessmentMinutes ?? 0, rate: assessmentRate },
    { minutes: g.trainingMinutes ?? 0, rate: trainingRate },
  ];
}

/** Unpaid minutes before paid work (assessment and training that are not paid). */
export function unpaidMinutes(g: GigTerms): number {
  const assessmentPaid = g.screeningPaid && Boolean(g.assessmentPaidWhen);
  const trainingPaid = g.onboardingPaid && Boolean(g.trainingPaidWhen);
  return (assessmentPaid ? 0 : (g.assessmentMinutes ?? 0)) + (trainingPaid ? 0 : (g.trainingMinutes ?? 0));
}

export function nominalHourly(g: Pick<GigTerms, "payAmountCents" | "payUnit" | "payCurrency" | "minutesPerTask">): Money | null {
  if (g.payAmountCents == null) return null;
  return hourlyEquivalent({ amount: g.payAmountCents, currency: g.payCurrency, unit: g.payUnit, minutesPerTask: g.minutesPerTask });
}

/** The gig's effective hourly rate including onboarding time; null while pay or hours are unknown. */
export function gigEffectiveHourly(g: GigTerms): Money | null {
  const nominal = nominalHourly(g);
  return effectiveHourly(nominal, effectiveRateHours(g), onboardingTimes(g, nominal));
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The compact line on gig cards: "10 h/week · 14 days' notice · rate locked 60 days · 90 min unpaid". */
export function termsLine(g: GigTerms): string | null {
  if (missingTerms(g).length) return null;
  const parts = [`${g.hoursPerWeek} h/week`, `${plural(g.noticeDays ?? 0, "day")}' notice`];
  parts.push(g.rateLockDays ? `rate locked ${plural(g.rateLockDays, "day")}` : "no rate lock");
  const unpaid = unpaidMinutes(g);
  parts.push(unpaid > 0 ? `${unpaid} min unpaid onboarding` : "onboarding paid");
  return parts.join(" · ");
}

/** The terms as sentences for the gig page. */
export function termsSentences(g: GigTerms): string[] {
  const money = (c: number) => formatMoney(c, g.payCurrency);
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const out: string[] = [];
  if (g.hoursPerWeek != null) out.push(`About ${g.hoursPerWeek} hours a week.`);
  if (g.startDate || g.endDate)
    out.push(
      `Runs ${g.startDate ? `from ${day(g.startDate)}` : ""}${g.startDate && g.endDate ? " " : ""}${g.endDate ? `to ${day(g.endDate)}` : ""}.`,
    );
  if (g.noticeDays != null) out.push(`At least ${plural(g.noticeDays, "day")}' notice before the gig ends early or weekly hours are cut.`);
  if (g.rateLockDays != null)
    out.push(
      g.rateLockDays > 0
        ? `The rate cannot go down for ${plural(g.rateLockDays, "day")} after the gig opens.`
        : "No rate lock: the rate may change after opening.",
    );
  if (g.minimumPaidHoursPerWeek) out.push(`At least ${plural(g.minimumPaidHoursPerWeek, "paid hour")} a week.`);
  if (g.killFeeCents) out.push(`Kill fee if the gig ends early: ${money(g.killFeeCents)}.`);
  const describe = (what: string, minutes: number | null, paid: boolean, when: string) => {
    if (minutes == null) return;
    if (minutes === 0) return out.push(`No ${what}.`);
    const w = PAID_WHEN_LABELS[when as PaidWhen];
    out.push(`${what[0].toUpperCase()}${what.slice(1)}: ${minutes} minutes, ${paid && w ? w : "unpaid"}.`);
  };
  describe("assessment", g.assessmentMinutes, g.screeningPaid, g.assessmentPaidWhen);
  describe("training", g.trainingMinutes, g.onboardingPaid, g.trainingPaidWhen);
  return out;
}

// ------------------------------------------------------------------ changes against the terms

export const TERM_CHANGE_KINDS = ["RATE_CUT", "END_EARLY", "HOURS_CUT", "NOTICE_CUT", "RATE_LOCK_CUT"] as const;
export type TermChangeKind = (typeof TERM_CHANGE_KINDS)[number];

export interface TermChange {
  kind: TermChangeKind;
  before: { value: number | string | null; text: string };
  after: { value: number | string | null; text: string };
  /** Days of notice (or, for RATE_CUT, of rate lock) promised; null when none was. */
  promisedNoticeDays: number | null;
  actualNoticeDays: number;
  effectiveAt: Date;
  withinPromise: boolean;
  /** One sentence for people on the gig. */
  summary: string;
}

export type TermsBefore = GigTerms & { publishedAt: Date | null };

/**
 * The changes an edit makes against a published gig's promises. Promises are read from the terms
 * BEFORE the edit (lowering the notice period and then cutting hours is judged by the old notice).
 * - RATE_CUT: the hourly rate goes down; breaks the promise while the rate lock (from opening) runs.
 * - END_EARLY: the end date moves earlier; kept when the new end is at least `noticeDays` away.
 * - HOURS_CUT: expected weekly hours go down from `effectiveDate` (default today); kept with enough notice.
 * - NOTICE_CUT / RATE_LOCK_CUT: a promise itself is weakened: always a broken promise.
 * A gig that was never opened promised nothing: no changes.
 */
export function termChanges(before: TermsBefore, after: GigTerms, now: Date, effectiveDate?: Date | null): TermChange[] {
  if (!before.publishedAt) return [];
  const out: TermChange[] = [];
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const notice = before.noticeDays;
  const day = (d: Date) => d.toISOString().slice(0, 10);

  const oldRate = nominalHourly(before);
  const newRate = nominalHourly(after);
  if (oldRate && newRate && oldRate.currency === newRate.currency && newRate.amount < oldRate.amount) {
    const lock = before.rateLockDays ?? 0;
    const lockEnds = new Date(before.publishedAt.getTime() + lock * DAY_MS);
    const within = now.getTime() >= lockEnds.getTime();
    out.push({
      kind: "RATE_CUT",
      before: { value: oldRate.amount, text: `${formatMoney(oldRate.amount, oldRate.currency)}/h` },
      after: { value: newRate.amount, text: `${formatMoney(newRate.amount, newRate.currency)}/h` },
      promisedNoticeDays: before.rateLockDays,
      actualNoticeDays: daysBetween(before.publishedAt, now),
      effectiveAt: now,
      withinPromise: within,
      summary: `The rate went down from ${formatMoney(oldRate.amount, oldRate.currency)}/h to ${formatMoney(newRate.amount, newRate.currency)}/h${within ? "" : `, during the ${plural(lock, "day")} the lab promised it would not go down (until ${day(lockEnds)})`}.`,
    });
  }

  if (before.endDate && after.endDate && after.endDate.getTime() < before.endDate.getTime()) {
    const actual = Math.max(0, daysBetween(today, after.endDate));
    const within = notice == null || actual >= notice;
    out.push({
      kind: "END_EARLY",
      before: { value: day(before.endDate), text: day(before.endDate) },
      after: { value: day(after.endDate), text: day(after.endDate) },
      promisedNoticeDays: notice,
      actualNoticeDays: actual,
      effectiveAt: after.endDate.getTime() < today.getTime() ? today : after.endDate,
      withinPromise: within,
      summary: `The gig now ends on ${day(after.endDate)} instead of ${day(before.endDate)}: ${plural(actual, "day")}' notice${notice != null ? ` (promised: ${plural(notice, "day")})` : ""}.`,
    });
  }

  if (before.hoursPerWeek != null && after.hoursPerWeek != null && after.hoursPerWeek < before.hoursPerWeek) {
    const from = effectiveDate && effectiveDate.getTime() > today.getTime() ? effectiveDate : today;
    const actual = daysBetween(today, from);
    const within = notice == null || actual >= notice;
    out.push({
      kind: "HOURS_CUT",
      before: { value: before.hoursPerWeek, text: `${before.hoursPerWeek} h/week` },
      after: { value: after.hoursPerWeek, text: `${after.hoursPerWeek} h/week` },
      promisedNoticeDays: notice,
      actualNoticeDays: actual,
      effectiveAt: from,
      withinPromise: within,
      summary: `Expected hours go down from ${before.hoursPerWeek} to ${after.hoursPerWeek} a week from ${day(from)}: ${plural(actual, "day")}' notice${notice != null ? ` (promised: ${plural(notice, "day")})` : ""}.`,
    });
  }

  for (const [kind, key, what] of [
    ["NOTICE_CUT", "noticeDays", "notice period"],
    ["RATE_LOCK_CUT", "rateLockDays", "rate lock"],
  ] as const) {
    const was = before[key];
    const now_ = after[key];
    if (was != null && (now_ == null || now_ < was)) {
      out.push({
        kind,
        before: { value: was, text: plural(was, "day") },
        after: { value: now_ ?? null, text: now_ == null ? "none" : plural(now_, "day") },
        promisedNoticeDays: was,
        actualNoticeDays: 0,
        effectiveAt: now,
        withinPromise: false,
        summary: `The ${what} went down from ${plural(was, "day")} to ${now_ == null ? "none" : plural(now_, "day")}.`,
      });
    }
  }
  return out;
}

/** The message that refuses changes breaking a promise without a reason (names each change). */
export function reasonRequiredMessage(changes: readonly TermChange[]): string | null {
  const broken = changes.filter((c) => !c.withinPromise);
  if (!broken.length) return null;
  return `This change breaks the terms you promised: ${broken.map((c) => c.summary).join(" ")} Give a reason; everyone on the gig will see it, and it counts against your lab's record.`;
}

export const TERM_CHANGE_LABELS: Record<TermChangeKind, string> = {
  RATE_CUT: "Rate lowered",
  END_EARLY: "Ends earlier",
  HOURS_CUT: "Weekly hours cut",
  NOTICE_CUT: "Notice period shortened",
  RATE_LOCK_CUT: "Rate lock shortened",
};
