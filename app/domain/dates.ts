/**
 * Time constants and calendar helpers shared by the domain (pure, UTC, no clock: callers pass
 * the dates). Formatting times for people (relative, in the viewer's zone) is app/domain/time.ts.
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** The calendar year in UTC: credit years are compared against it. */
export function currentUtcYear(now: Date = new Date()): number {
  return now.getUTCFullYear();
}

/** Monday 00:00 UTC of the ISO week containing `d`. */
export function weekStart(d: Date): Date {
  const day = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const dow = (day.getUTCDay() + 6) % 7; // Monday = 0
  return new Date(day.getTime() - dow * DAY_MS);
}

/** The UTC calendar day `n` days after `day` (both "YYYY-MM-DD"). */
export const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/** The UTC calendar day ("YYYY-MM-DD") of an instant. */
export const dayOf = (d: Date) => d.toISOString().slice(0, 10);
