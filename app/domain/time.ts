/**
 * Times in people's words: relative where natural ("3 hours ago", "in 2 days"), absolute in the
 * viewer's time zone otherwise and on hover ("3 Dec 2026, 14:05 CET"). Pure: the caller passes
 * "now" and the time zone (resolved per request by app/viewer-time.server.ts, see components/time.tsx).
 */

import { DAY_MS as DAY, HOUR_MS as HOUR, MINUTE_MS as MINUTE } from "./dates";

/**
 * Building an Intl.DateTimeFormat costs tens of microseconds (ICU loads the zone and the
 * pattern); formatting with a built one about one. A page with 25 times built 50+ of them per
 * render, so formatters are kept per (kind, zone), at most MAX_FORMATTERS of them (a zone comes
 * from a cookie or a form: an unbounded map would let a client grow it). A zone the runtime does
 * not know throws here as before and is never stored.
 */
const MAX_FORMATTERS = 1000;
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(kind: "absolute" | "day" | "date" | "offset" | "check", timeZone: string): Intl.DateTimeFormat {
  const key = `${kind}|${timeZone}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(kind === "day" ? "en-CA" : "en-GB", { ...FORMAT_OPTIONS[kind], timeZone });
    if (formatters.size < MAX_FORMATTERS) formatters.set(key, f);
  }
  return f;
}
const FORMAT_OPTIONS: Record<Parameters<typeof formatter>[0], Intl.DateTimeFormatOptions> = {
  absolute: {
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZoneName: "short",
  },
  day: { year: "numeric", month: "2-digit", day: "2-digit" },
  date: { day: "numeric", month: "short", year: "numeric" },
  offset: { timeZoneName: "shortOffset" },
  check: {},
};

/** Beyond this distance from now a relative time stops being useful: show the date. */
export const RELATIVE_LIMIT_DAYS = 7;

/** "just now", "5 minutes ago", "in 3 hours", "yesterday", "6 days ago"; null when more than a week away. */
export function relativeTime(date: Date, now: Date): string | null {
  const diff = now.getTime() - date.getTime();
  if (!Number.isFinite(diff)) return null;
  const past = diff >= 0;
  const abs = Math.abs(diff);
  const say = (n: number, unit: string) => {
    const phrase = `${n} ${unit}${n === 1 ? "" : "s"}`;
    return past ? `${phrase} ago` : `in ${phrase}`;
  };
  if (abs < MINUTE) return "just now";
  if (abs < HOUR) return say(Math.floor(abs / MINUTE), "minute");
  if (abs < DAY) return say(Math.floor(abs / HOUR), "hour");
  const days = Math.floor(abs / DAY);
  if (days > RELATIVE_LIMIT_DAYS) return null;
  if (days === 1) return past ? "yesterday" : "tomorrow";
  return say(days, "day");
}

/** "3 Dec 2026, 14:05 CET" in `timeZone` (an IANA name); falls back to UTC for an unknown zone. */
export function absoluteTime(date: Date, timeZone: string): string {
  try {
    return formatter("absolute", timeZone).format(date);
  } catch {
    return formatter("absolute", "UTC").format(date);
  }
}

/** The cookie the browser's detected zone travels in (written by a one-line script in app/root.tsx). */
export const TIME_ZONE_COOKIE = "sa_tz";

/** Whether `zone` is an IANA time zone this runtime knows (cookies and forms are checked with it). */
export function isValidTimeZone(zone: unknown): zone is string {
  if (typeof zone !== "string" || zone.length === 0 || zone.length > 64) return false;
  try {
    formatter("check", zone);
    return true;
  } catch {
    return false;
  }
}

/** Where the zone times are shown in came from: chosen on /account, reported by the browser, or neither (UTC). */
export type TimeZoneSource = "account" | "browser" | "default";

/** The viewer's zone: their own choice first, then what their browser reported, else UTC (and say so). */
export function resolveTimeZone(
  chosen: string | null | undefined,
  detected: string | null | undefined,
): { zone: string; source: TimeZoneSource } {
  if (isValidTimeZone(chosen)) return { zone: chosen, source: "account" };
  if (isValidTimeZone(detected)) return { zone: detected, source: "browser" };
  return { zone: "UTC", source: "default" };
}

/** The time shown for an instant: relative where natural, else the absolute time in `timeZone`. */
export function displayTime(date: Date, timeZone: string, now: Date, relative = true): { shown: string; absolute: string } {
  const absolute = absoluteTime(date, timeZone);
  const shown = relative ? (relativeTime(date, now) ?? absolute) : absolute;
  return { shown, absolute };
}

/** "2026-12-03": the calendar day an instant falls on in `timeZone` (UTC for an unknown zone). */
export function dayIn(date: Date, timeZone: string): string {
  try {
    return formatter("day", timeZone).format(date);
  } catch {
    return formatter("day", "UTC").format(date);
  }
}

/**
 * A calendar day (a gig's start or end date: a date, not an instant, so it is never shifted by a
 * zone) in words: "20 Dec 2026", with "today", "tomorrow", "in 3 days", "2 days ago" counted from
 * the viewer's own today in `timeZone` when within a week. Null for anything that is not YYYY-MM-DD.
 */
export function calendarDay(isoDay: string, timeZone: string, now: Date): { shown: string; absolute: string } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDay);
  if (!m) return null;
  const day = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (!Number.isFinite(day)) return null;
  const absolute = formatter("date", "UTC").format(new Date(day));
  const today = Date.parse(`${dayIn(now, timeZone)}T00:00:00Z`);
  const diff = Math.round((day - today) / DAY);
  let relative: string | null = null;
  if (diff === 0) relative = "today";
  else if (diff === 1) relative = "tomorrow";
  else if (diff === -1) relative = "yesterday";
  else if (Math.abs(diff) <= RELATIVE_LIMIT_DAYS) relative = diff > 0 ? `in ${diff} days` : `${-diff} days ago`;
  return { shown: relative ? `${absolute} (${relative})` : absolute, absolute };
}

/** Every IANA zone the runtime knows, for the /account choice (UTC first). */
export function timeZoneNames(): string[] {
  const all = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return ["UTC", ...all.filter((z) => z !== "UTC")];
}

/** "Europe/Paris" -> "Europe / Paris (GMT+1)": a zone as the /account list shows it. */
export function timeZoneLabel(zone: string, at: Date): string {
  let offset = "";
  try {
    offset =
      formatter("offset", zone)
        .formatToParts(at)
        .find((p) => p.type === "timeZoneName")?.value ?? "";
  } catch {
    offset = "";
  }
  const name = zone.replace(/_/g, " ").replace(/\//g, " / ");
  return offset ? `${name} (${offset})` : name;
}
