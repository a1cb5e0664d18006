/**
 * The viewer's time zone, resolved on the server so that every <Time> is rendered in it (and the
 * browser hydrates the same text): the zone chosen on /account wins; else the zone the browser
 * reported in the `sa_tz` cookie (written by a one-line script in app/root.tsx, so nothing depends
 * on JavaScript for correctness: without it the cookie is missing and times are in UTC, which the
 * page footer says); else UTC.
 */
import { TIME_ZONE_COOKIE, type TimeZoneSource, resolveTimeZone } from "./domain/time";
import { readCookie } from "./cookies.server";
import type { SessionUser } from "./session.server";

export { TIME_ZONE_COOKIE };

export interface ViewerTime {
  zone: string;
  source: TimeZoneSource;
  /** The server's "now" (ms) the page was rendered with: relative times hydrate to the same words. */
  now: number;
}

export function viewerTime(request: Request, user: Pick<SessionUser, "timeZone"> | null): ViewerTime {
  const { zone, source } = resolveTimeZone(user?.timeZone, readCookie(request, TIME_ZONE_COOKIE));
  return { zone, source, now: Date.now() };
}
