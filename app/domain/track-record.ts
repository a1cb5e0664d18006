/**
 * A lab's track record (issue 22), computed only from recorded events: how it kept the terms it
 * promised, how fast people it onboarded got paid work, and what its gigs really pay per hour once
 * unpaid onboarding time is counted. Pure: the service loads the events, this decides the figures.
 *
 * Figures about people (days to first paid work, share paid within 7 days) are suppressed below
 * MIN_PEOPLE so no one's experience can be read off a small number. Figures about the lab's own
 * acts (term changes) are never suppressed: a lab's broken promise is its own record.
 */

import { DAY_MS } from "./dates";
import { daysBetween as calendarDays } from "./terms";

export const MIN_PEOPLE = 5;
export const RECENT_DAYS = 90;
export const FIRST_WORK_WITHIN_DAYS = 7;

export interface TermChangeEvent {
  withinPromise: boolean;
}

export interface EngagementEvent {
  /** When the person became Active (onboarded). */
  activeSince: Date;
  /** Work date of their first paid (accepted) ledger entry, or null. */
  firstWorkDate: Date | null;
}

export interface GigRate {
  /** Effective hourly rate including unpaid onboarding time, in minor units, or null when not hourly-comparable. */
  effectiveHourlyCents: number | null;
  currency: string;
}

export type Figure<T> = { shown: true; value: T; basis: number } | { shown: false; basis: number; why: string };

export interface TrackRecord {
  changesWithinNotice: { kept: number; total: number; share: number | null };
  medianDaysToFirstPaidWork: Figure<number>;
  paidWithin7Days: Figure<number>;
  effectiveHourly: { currency: string; medianCents: number; gigs: number }[];
}

function shown<T>(value: T, basis: number): Figure<T> {
  return { shown: true, value, basis };
}
function hidden<T>(basis: number): Figure<T> {
  return { shown: false, basis, why: `Fewer than ${MIN_PEOPLE} people: not shown, so no one's experience can be read from it.` };
}

/** The median of a non-empty list (mean of the middle two for even lengths). */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Whole UTC calendar days from `from` to `to`, never negative (a first work date before activation counts as day 0). */
export function daysBetween(from: Date, to: Date): number {
  return Math.max(0, calendarDays(from, to));
}

export function trackRecord(input: {
  changes: readonly TermChangeEvent[];
  engagements: readonly EngagementEvent[];
  gigs: readonly GigRate[];
  now: Date;
}): TrackRecord {
  const kept = input.changes.filter((c) => c.withinPromise).length;
  const total = input.changes.length;

  const withWork = input.engagements.filter((e) => e.firstWorkDate !== null && e.firstWorkDate.getTime() >= 0);
  const days = withWork.map((e) => daysBetween(e.activeSince, e.firstWorkDate as Date));
  const medianDays = days.length >= MIN_PEOPLE ? shown(median(days), days.length) : hidden<number>(days.length);

  // Onboarded in the last 90 days, and at least 7 days ago (a person onboarded yesterday has not
  // had their 7 days yet: counting them would make a lab look worse for onboarding recently).
  const nowMs = input.now.getTime();
  const recent = input.engagements.filter((e) => {
    const age = nowMs - e.activeSince.getTime();
    return age <= RECENT_DAYS * DAY_MS && age >= FIRST_WORK_WITHIN_DAYS * DAY_MS;
  });
  const paidFast = recent.filter(
    (e) => e.firstWorkDate !== null && daysBetween(e.activeSince, e.firstWorkDate) <= FIRST_WORK_WITHIN_DAYS,
  ).length;
  const within = recent.length >= MIN_PEOPLE ? shown(paidFast / recent.length, recent.length) : hidden<number>(recent.length);

  const byCurrency = new Map<string, number[]>();
  for (const g of input.gigs) {
    if (g.effectiveHourlyCents === null || !Number.isFinite(g.effectiveHourlyCents) || g.effectiveHourlyCents < 0) continue;
    const cur = g.currency.toUpperCase();
    byCurrency.set(cur, [...(byCurrency.get(cur) ?? []), g.effectiveHourlyCents]);
  }
  const effectiveHourly = [...byCurrency.entries()]
    .map(([currency, list]) => ({ currency, medianCents: Math.round(median(list)), gigs: list.length }))
    .sort((a, b) => b.gigs - a.gigs || (a.currency < b.currency ? -1 : 1));

  return {
    changesWithinNotice: { kept, total, share: total > 0 ? kept / total : null },
    medianDaysToFirstPaidWork: medianDays,
    paidWithin7Days: within,
    effectiveHourly,
  };
}
