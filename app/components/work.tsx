/**
 * The active phase on screen: the queue status (never blank), earnings by payout status, the work
 * ledger, and the offboarding record. Used by the professional's tracker, the candidate view and
 * the lab's work pages. Presentation only: data comes from workView (app/services/work.server.ts).
 */
import { Link } from "@remix-run/react";
import { formatMinutes } from "~/domain/work";
import { formatMoney } from "~/domain/pay";
import type { WorkView } from "~/services/work.server";
import { Time } from "./time";

type View = Omit<WorkView, "activeSince"> & { activeSince: string | null };

export function QueueStatusNote({ queue, audience }: { queue: View["queue"]; audience: "professional" | "lab" }) {
  if (queue.state === "WORK_AVAILABLE") {
    return (
      <p className="alert ok" data-testid="queue-status">
        <strong>Work available.</strong>{" "}
        {audience === "professional" ? "The lab says there is work for you." : "The person sees that there is work."}{" "}
        <span className="small muted">
          Since <Time iso={queue.setAt} />
        </span>
      </p>
    );
  }
  return (
    <div className={`alert ${queue.overdue ? "error" : "warn"}`} data-testid="queue-status">
      <p>
        <strong>No work right now: {queue.reasonLabel}.</strong> {queue.note && <>“{queue.note}” </>}
        {audience === "professional" ? "The lab will check again by " : "Check-again date: "}
        <strong>{queue.checkAgainOn}</strong>.
      </p>
      {queue.overdue && (
        <p>
          {audience === "professional"
            ? "That date has passed without an update. Your coordinator has been reminded; this is the lab's delay, not something you did."
            : "The check-again date has passed: update the status (the coordinator and the person have been told)."}
        </p>
      )}
    </div>
  );
}

const money = (cents: number, currency: string) => formatMoney(cents, currency, { fraction: "always" });

export function EarningsSummary({ work }: { work: View }) {
  const t = work.totals;
  const c = work.currency;
  return (
    <dl className="work-totals" data-testid="work-totals">
      <div>
        <dt>{work.payUnit === "HOUR" ? "Hours" : "Tasks"}</dt>
        <dd>{work.payUnit === "HOUR" ? formatMinutes(t.minutes) : t.tasks}</dd>
      </div>
      <div>
        <dt>Earned</dt>
        <dd>{money(t.earnedCents, c)}</dd>
      </div>
      <div>
        <dt>Pending</dt>
        <dd>{money(t.byPayout.PENDING, c)}</dd>
      </div>
      <div>
        <dt>Approved</dt>
        <dd>{money(t.byPayout.APPROVED, c)}</dd>
      </div>
      <div>
        <dt>Paid</dt>
        <dd>{money(t.byPayout.PAID, c)}</dd>
      </div>
      <div>
        <dt>Held</dt>
        <dd>{money(t.byPayout.HELD, c)}</dd>
      </div>
      {t.awaitingReview.count > 0 && (
        <div>
          <dt>Awaiting the lab's review</dt>
          <dd>
            {t.awaitingReview.count} ({money(t.awaitingReview.cents, c)})
          </dd>
        </div>
      )}
    </dl>
  );
}

export function LedgerTable({ work, actions }: { work: View; actions?: (entry: View["entries"][number]) => React.ReactNode }) {
  if (work.entries.length === 0) return <p className="muted">No work recorded yet.</p>;
  return (
    <div className="table-scroll">
      <table className="ledger">
        <caption className="visually-hidden">Work ledger</caption>
        <thead>
          <tr>
            <th scope="col">Work date</th>
            <th scope="col">Work</th>
            <th scope="col">Pay</th>
            <th scope="col">Status</th>
            {actions && <th scope="col">Actions</th>}
          </tr>
        </thead>
        <tbody>
          {work.entries.map((e) => (
            <tr key={e.id} id={`entry-${e.id}`}>
              <td>{e.workDate}</td>
              <td>
                {e.what}
                {e.note && <div className="small muted">{e.note}</div>}
                <div className="small muted">{e.source === "LAB" ? "Recorded by the lab" : "Self-reported"}</div>
              </td>
              <td>{money(e.amountCents, work.currency)}</td>
              <td>
                {e.review === "SUBMITTED" ? (
                  "Awaiting review"
                ) : e.review === "REJECTED" ? (
                  <>Rejected{e.reviewNote && <div className="small">{e.reviewNote}</div>}</>
                ) : (
                  <>
                    {e.payoutLabel}
                    {e.holdReason && <div className="small">Reason: {e.holdReason}</div>}
                  </>
                )}
              </td>
              {actions && <td>{actions(e)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function OffboardingNote({ offboarding }: { offboarding: NonNullable<View["offboarding"]> }) {
  return (
    <div className="alert warn" data-testid="offboarding">
      <p>
        <strong>
          {offboarding.kind === "REMOVAL" ? "Removed" : "Offboarded"}: {offboarding.reasonLabel}.
        </strong>{" "}
        Decided by {offboarding.decidedBy}, <Time iso={offboarding.at} />.
      </p>
      <p>Evidence: {offboarding.evidence}</p>
    </div>
  );
}

/** The professional's view of an Active (or formerly active) gig: queue, earnings, recent ledger. */
export function WorkTracker({ work, reportHref }: { work: View; reportHref: string }) {
  return (
    <section className="card stack" id="work" aria-labelledby="work-h">
      <h2 id="work-h">Work and pay</h2>
      {work.offboarding ? (
        <OffboardingNote offboarding={work.offboarding} />
      ) : (
        <QueueStatusNote queue={work.queue} audience="professional" />
      )}
      <EarningsSummary work={work} />
      <p className="small muted">
        Pay at the gig's rate
        {work.rateCents != null ? ` (${money(work.rateCents, work.currency)} ${work.payUnit === "HOUR" ? "an hour" : "a task"})` : ""}.
        Second Act records payout states; the lab pays you.
        {work.firstWorkDate ? ` First paid work: ${work.firstWorkDate}.` : ""}
      </p>
      <LedgerTable work={{ ...work, entries: work.entries.slice(0, 10) }} />
      {work.active && (
        <p>
          <Link to={reportHref}>Report work you did{work.entries.length > 10 ? " and see the whole ledger" : ""}</Link>
        </p>
      )}
    </section>
  );
}

/** The lab's summary on the candidate view: queue, totals, and the way to the work page. */
export function WorkSummaryCard({ work, workHref }: { work: View; workHref: string }) {
  return (
    <section className="card stack" id="work" aria-labelledby="work-h">
      <h3 id="work-h">Work and pay</h3>
      {work.offboarding ? <OffboardingNote offboarding={work.offboarding} /> : <QueueStatusNote queue={work.queue} audience="lab" />}
      <EarningsSummary work={work} />
      <p>
        <Link to={workHref}>{work.active ? "Record work, payouts, queue status and offboarding" : "Work ledger"}</Link>
      </p>
    </section>
  );
}
