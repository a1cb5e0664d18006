/** Engagement terms and the changes recorded against them, as shown on the gig page and the tracker. */
import { Time } from "./time";

export interface TermChangeView {
  id: string;
  label: string;
  before: string;
  after: string;
  promisedNoticeDays: number | null;
  actualNoticeDays: number;
  withinPromise: boolean;
  reason: string;
  createdAt: string;
}

/** The recorded changes, newest first; a broken promise is a warning everyone on the gig sees. */
export function TermChangesNotice({ changes, heading = "Changes to the terms" }: { changes: readonly TermChangeView[]; heading?: string }) {
  if (!changes.length) return null;
  const broken = changes.filter((c) => !c.withinPromise).length;
  return (
    <section id="term-changes" className={`alert ${broken ? "warn" : "info"}`} aria-labelledby="term-changes-h" data-testid="term-changes">
      <h2 id="term-changes-h">{heading}</h2>
      {broken > 0 && (
        <p>
          <strong>
            {broken} change{broken === 1 ? " was" : "s were"} made with less notice than the lab promised.
          </strong>
        </p>
      )}
      <ul>
        {changes.map((c) => (
          <li key={c.id}>
            <strong>{c.label}:</strong> {c.before} → {c.after}.{" "}
            {c.promisedNoticeDays != null && (
              <>
                {c.label.startsWith("Rate")
                  ? `Rate lock promised: ${c.promisedNoticeDays} days`
                  : `Notice: ${c.actualNoticeDays} days (promised ${c.promisedNoticeDays})`}
                .{" "}
              </>
            )}
            <span className={`pill ${c.withinPromise ? "ok" : "warn"}`}>
              {c.withinPromise ? "Within the promise" : "Broke the promise"}
            </span>{" "}
            {c.reason && <>Reason: {c.reason} </>}
            <span className="muted small">
              (<Time iso={c.createdAt} />)
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
