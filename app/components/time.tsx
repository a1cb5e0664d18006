/**
 * Every time the app shows goes through <Time> (instants) or <Day> (calendar days such as a gig's
 * end date). Both render on the server in the viewer's zone, resolved by the root loader
 * (app/viewer-time.server.ts: the zone chosen on /account, else the browser's zone reported in a
 * cookie, else UTC), relative where natural ("3 hours ago", "in 2 days") with the absolute time on
 * hover. The browser hydrates the same text (same zone, same "now"), then moves "now" to its
 * clock. Only when the server did not know the zone (first visit, no cookie yet) does the browser
 * switch to the zone it detects, after hydration.
 */
import { useRouteLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { type TimeZoneSource, calendarDay, displayTime } from "~/domain/time";

function useViewerClock(): { zone: string; now: Date } {
  const time = useRouteLoaderData<{ time?: { zone: string; source: TimeZoneSource; now: number } }>("root")?.time;
  const [client, setClient] = useState<{ zone?: string; now: number } | null>(null);
  useEffect(() => {
    setClient({ now: Date.now(), zone: time?.source === "default" ? Intl.DateTimeFormat().resolvedOptions().timeZone : undefined });
  }, [time?.source]);
  return { zone: client?.zone ?? time?.zone ?? "UTC", now: new Date(client?.now ?? time?.now ?? Date.now()) };
}

export function Time({ iso, relative = true }: { iso: string; relative?: boolean }) {
  const { zone, now } = useViewerClock();
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return <>{iso}</>;
  const { shown, absolute } = displayTime(date, zone, now, relative);
  return (
    <time dateTime={date.toISOString()} title={absolute}>
      {shown}
    </time>
  );
}

/** A calendar day (YYYY-MM-DD): never shifted by a zone; "in 3 days" counts from the viewer's today. */
export function Day({ day }: { day: string }) {
  const { zone, now } = useViewerClock();
  const text = calendarDay(day, zone, now);
  if (!text) return <>{day}</>;
  return (
    <time dateTime={day} title={text.absolute}>
      {text.shown}
    </time>
  );
}
