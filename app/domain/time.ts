/**
 * Times in people's words: relative where natural ("3 hours ago", "in 2 days"), absolute in the
 * viewer's time zone otherwise and on hover ("3 Dec 2026, 14:05 CET"). Pure: the caller passes
 * "now" and the time zone (detected in the browser by components/time.tsx).
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
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
  const options: Intl.DateTimeFormatOptions = {
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZoneName: "short",
  };
  try {
    return new Intl.DateTimeFormat("en-GB", { ...options, timeZone }).format(date);
  } catch {
    return new Intl.DateTimeFormat("en-GB", { ...options, timeZone: "UTC" }).format(date);
  }
}
