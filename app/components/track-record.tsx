/** A lab's track record (issue 22): what its recorded events say about how it treats people. */
import type { Figure, TrackRecord } from "~/domain/track-record";
import { FIRST_WORK_WITHIN_DAYS, MIN_PEOPLE, RECENT_DAYS } from "~/domain/track-record";
import { formatMoney } from "~/domain/pay";

const pct = (x: number) => `${Math.round(x * 100)}%`;

function FigureValue<T>({ figure, show }: { figure: Figure<T>; show: (v: T) => string }) {
  if (!figure.shown)
    return (
      <span className="muted">
        Not enough people yet ({figure.basis} of {MIN_PEOPLE} needed)
      </span>
    );
  return (
    <>
      <strong>{show(figure.value)}</strong> <span className="muted small">(of {figure.basis})</span>
    </>
  );
}

export function TrackRecordCard({ record, labName }: { record: TrackRecord; labName: string }) {
  const c = record.changesWithinNotice;
  return (
    <section className="card" aria-labelledby="track-h" id="track-record">
      <h2 id="track-h">{labName}'s track record</h2>
      <p className="muted small">
        From what Second Act recorded: changes to promised terms, work recorded after onboarding, and the pay its gigs state.
      </p>
      <dl className="track-record">
        <div>
          <dt>Changes made with the promised notice</dt>
          <dd>
            {c.total === 0 ? (
              <span className="muted">No changes to promised terms recorded</span>
            ) : (
              <>
                <strong className={c.kept < c.total ? "warn-text" : undefined}>
                  {c.kept} of {c.total}
                </strong>{" "}
                <span className="muted small">({pct(c.share ?? 0)})</span>
                {c.kept < c.total && (
                  <div className="small">
                    {c.total - c.kept === 1 ? "One change broke" : `${c.total - c.kept} changes broke`} the notice it promised.
                  </div>
                )}
              </>
            )}
          </dd>
        </div>
        <div>
          <dt>Median days from onboarding to first paid work</dt>
          <dd>
            <FigureValue figure={record.medianDaysToFirstPaidWork} show={(v) => `${v} day${v === 1 ? "" : "s"}`} />
          </dd>
        </div>
        <div>
          <dt>
            Onboarded in the last {RECENT_DAYS} days who got paid work within {FIRST_WORK_WITHIN_DAYS} days
          </dt>
          <dd>
            <FigureValue figure={record.paidWithin7Days} show={pct} />
          </dd>
        </div>
        <div>
          <dt>Effective hourly pay, unpaid onboarding included (median of its gigs)</dt>
          <dd>
            {record.effectiveHourly.length === 0 ? (
              <span className="muted">No hourly-comparable gigs</span>
            ) : (
              record.effectiveHourly.map((r) => (
                <div key={r.currency}>
                  <strong>{formatMoney(r.medianCents, r.currency, { suffix: "/h" })}</strong>{" "}
                  <span className="muted small">
                    ({r.gigs} gig{r.gigs === 1 ? "" : "s"})
                  </span>
                </div>
              ))
            )}
          </dd>
        </div>
      </dl>
    </section>
  );
}
