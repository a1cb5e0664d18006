/**
 * Every time the app shows goes through <Time>. The server renders the absolute time in UTC
 * (it cannot know the viewer's zone; without JavaScript that is what stays); in the browser the
 * viewer's time zone is detected and the time is shown relative where natural ("3 hours ago"),
 * with the absolute local time on hover.
 */
import { useEffect, useState } from "react";
import { absoluteTime, relativeTime } from "../domain/time";

export function Time({ iso, relative = true }: { iso: string; relative?: boolean }) {
  const [viewer, setViewer] = useState<{ timeZone: string; now: number } | null>(null);
  useEffect(() => {
    setViewer({ timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone, now: Date.now() });
  }, []);
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return <>{iso}</>;
  const absolute = absoluteTime(date, viewer?.timeZone ?? "UTC");
  const shown = viewer && relative ? (relativeTime(date, new Date(viewer.now)) ?? absolute) : absolute;
  return (
    <time dateTime={date.toISOString()} title={absolute}>
      {shown}
    </time>
  );
}
