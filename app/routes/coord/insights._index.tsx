/**
 * /insights: the onboarding funnel, drop-outs, time in stage, applications over time and the
 * transfer heat map. Coordinators and admins see everything and can pick a lab or gig; lab
 * members see only their own lab (and its gigs), and only the funnel and time in stage.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { BoxChart, ColumnChart, HeatMap, HorizontalBarChart, fmt, pct } from "~/components/charts";
import { stageLabel } from "~/domain/onboarding";
import { formatLabel, roleLabel, taskTypeName } from "~/domain/taxonomy";
import { deny, isStaff } from "~/permissions.server";
import { canSeeInsights, loadInsights, resolveScope, scopeOptions } from "~/services/insights.server";
import { requireUser } from "~/session.server";

export const meta: MetaFunction = () => [{ title: "Insights · Second Act" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  if (!canSeeInsights(user)) deny();
  const url = new URL(request.url);
  const scope = await resolveScope(user, url.searchParams.get("scope"));
  const staff = isStaff(user);
  const by = url.searchParams.get("by") === "format" ? "format" : "role";
  const [data, options] = await Promise.all([
    loadInsights(scope, { weekly: staff, transfer: staff ? by : null }),
    scopeOptions(user, scope),
  ]);
  const label = by === "role" ? roleLabel : formatLabel;
  return {
    staff,
    by,
    scope: { kind: scope.kind, param: scope.param, name: scope.kind === "gig" ? `${scope.name} (${scope.labName})` : scope.name },
    options,
    funnel: data.funnel,
    dropOuts: data.funnel.dropOuts.map((d) => ({ ...d, label: stageLabel(d.stage), fromLabel: d.from ? stageLabel(d.from) : "Unknown" })),
    reasons: data.funnel.topReasons.map((r) => ({ ...r, label: stageLabel(r.stage) })),
    timeInStage: data.timeInStage,
    weekly: data.weekly,
    transfer: data.transfer
      ? {
          totalActive: data.transfer.totalActive,
          rows: data.transfer.rows.map((r) => ({ key: r.key, label: label(r.key), total: r.total })),
          cols: data.transfer.cols.map((c) => ({ key: c.key, label: taskTypeName(c.key), total: c.total })),
          cells: data.transfer.cells,
          omittedRows: data.transfer.omittedRows,
          omittedCols: data.transfer.omittedCols,
        }
      : null,
  };
}

export default function Insights() {
  const d = useLoaderData<typeof loader>();
  const f = d.funnel;
  const scopeQuery = `scope=${encodeURIComponent(d.scope.param)}`;
  return (
    <div className="stack" style={{ maxWidth: 980 }}>
      <h1>Insights: {d.scope.name}</h1>
      <p className="muted">
        {d.staff
          ? "How applications move through onboarding, where people drop out, how long each stage takes, and which TV backgrounds end up in which kinds of AI-training work."
          : "How applications to your lab's gigs move through onboarding and how long each stage takes."}
      </p>

      <Form method="get" className="row card" aria-label="Choose what to show">
        <div className="field">
          <label htmlFor="scope">Show</label>
          <select id="scope" name="scope" defaultValue={!d.staff && d.scope.kind === "lab" ? "all" : d.scope.param}>
            <option value="all">{d.staff ? "All labs" : "My lab (all its gigs)"}</option>
            {d.options.labs.length > 0 && (
              <optgroup label="Labs">
                {d.options.labs.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </optgroup>
            )}
            {d.options.gigs.length > 0 && (
              <optgroup label="Gigs">
                {d.options.gigs.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </optgroup>
            )}
          </select>
        </div>
        {d.staff && <input type="hidden" name="by" value={d.by} />}
        <button type="submit">Show</button>
        <a href={`/insights/export.csv?${scopeQuery}`} download>
          Download the numbers (CSV)
        </a>
        {d.staff && <Link to={`/insights/fairness?${scopeQuery}`}>Fairness audit</Link>}
      </Form>

      <section aria-labelledby="funnel-h">
        <h2 id="funnel-h">Onboarding funnel</h2>
        {f.total === 0 ? (
          <p className="empty">No applications here yet.</p>
        ) : (
          <>
            <p>
              {f.total} applications: {f.entries.APPLIED} applied, {f.entries.INVITED} invited
              {f.entries.RECOMMENDED ? `, ${f.entries.RECOMMENDED} recommended` : ""}.
            </p>
            <HorizontalBarChart
              id="funnel-chart"
              title="Applications that reached each onboarding step"
              description={`Of ${f.total} applications, ${f.steps.map((s) => `${s.reached} reached ${s.label}`).join(", ")}.`}
              rows={f.steps.map((s) => ({
                label: s.label,
                value: s.reached,
                note: s.conversion === null ? undefined : `${pct(s.conversion)} of previous`,
              }))}
              valueLabel="Applications"
            />
            <table>
              <caption className="visually-hidden">Funnel details</caption>
              <thead>
                <tr>
                  <th scope="col">Step</th>
                  <th scope="col">Reached (this step or later)</th>
                  <th scope="col">From previous step</th>
                  <th scope="col">Passed through this stage</th>
                  <th scope="col">Here now</th>
                  <th scope="col">Dropped out here</th>
                </tr>
              </thead>
              <tbody>
                {f.steps.map((s) => (
                  <tr key={s.stage}>
                    <th scope="row">{s.label}</th>
                    <td>{s.reached}</td>
                    <td>{pct(s.conversion)}</td>
                    <td>{s.entered}</td>
                    <td>{s.current}</td>
                    <td>{s.droppedHere}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="muted small">
              "Reached" counts applications that got to a step or any later one, so gigs that skip screening still count as having passed it
              ("Passed through this stage" shows who really did). Invitations count on the first step.
            </p>

            <h3>Drop-outs</h3>
            {f.dropOuts.length === 0 ? (
              <p className="muted">Nobody has withdrawn, been declined or been offboarded.</p>
            ) : (
              <div className="grid">
                <table>
                  <caption>Where people left, and how</caption>
                  <thead>
                    <tr>
                      <th scope="col">Outcome</th>
                      <th scope="col">Left from</th>
                      <th scope="col">Applications</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.dropOuts.map((x) => (
                      <tr key={`${x.stage}-${x.from}`}>
                        <td>{x.label}</td>
                        <td>{x.fromLabel}</td>
                        <td>{x.count}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <div>
                  <h4>Most common reasons</h4>
                  {d.reasons.length === 0 ? (
                    <p className="muted">No reasons recorded.</p>
                  ) : (
                    <ol>
                      {d.reasons.map((r) => (
                        <li key={`${r.stage}-${r.reason}`}>
                          "{r.reason}"{" "}
                          <span className="muted small">
                            ({r.label}, {r.count}×)
                          </span>
                        </li>
                      ))}
                    </ol>
                  )}
                  {f.withoutReason > 0 && <p className="muted small">{f.withoutReason} without a reason (withdrawing needs none).</p>}
                </div>
              </div>
            )}
          </>
        )}
      </section>

      <section aria-labelledby="time-h">
        <h2 id="time-h">Time in each stage</h2>
        <BoxChart
          id="time-chart"
          title="Days spent in each stage (completed stays)"
          description={
            d.timeInStage
              .filter((r) => r.n > 0)
              .map((r) => `${r.label}: median ${fmt(r.median)} days, middle half ${fmt(r.p25)} to ${fmt(r.p75)} days, ${r.n} stays`)
              .join("; ") || "No completed stays yet."
          }
          rows={d.timeInStage}
          unit="days"
          caption="The box spans the 25th to 75th percentile, the thick line is the median."
        />
        <p className="muted small">
          A stay runs from the moment an application enters a stage until its next move. Stays still in progress are not in these numbers
          (they are counted as "still in stage" in the CSV and table), so where many people are still waiting the real wait is longer than
          shown.
        </p>
      </section>

      {d.weekly && (
        <section aria-labelledby="weekly-h">
          <h2 id="weekly-h">Applications over time</h2>
          {d.weekly.length === 0 ? (
            <p className="empty">No applications yet.</p>
          ) : (
            <ColumnChart
              id="weekly-chart"
              title="New applications per week"
              description={`${d.weekly.reduce((s, w) => s + w.count, 0)} applications over ${d.weekly.length} weeks, at most ${Math.max(...d.weekly.map((w) => w.count))} in one week.`}
              points={d.weekly.map((w) => ({ label: w.weekStart, value: w.count }))}
              valueLabel="Applications"
              caption="Weeks start on Monday (UTC); the last 52 weeks at most."
            />
          )}
        </section>
      )}

      {d.transfer && (
        <section aria-labelledby="transfer-h">
          <h2 id="transfer-h">Where TV experience goes</h2>
          <p>
            Active placements ({d.transfer.totalActive}) by the person's TV {d.by === "role" ? "roles" : "formats"} and the gig's task
            types. One placement counts once for each of the person's {d.by === "role" ? "roles" : "formats"} and each task type of the gig.{" "}
            {d.by === "role" ? (
              <Link to={`/insights?${scopeQuery}&by=format`}>Show by format instead</Link>
            ) : (
              <Link to={`/insights?${scopeQuery}&by=role`}>Show by role instead</Link>
            )}
          </p>
          {d.transfer.totalActive === 0 ? (
            <p className="empty">Nobody is active on a gig here yet.</p>
          ) : (
            <>
              <HeatMap
                id="transfer-chart"
                title={`Active placements by TV ${d.by} and task type`}
                description={`Darker cells mean more active placements. Largest: ${d.transfer.cells
                  .slice()
                  .sort((a, b) => b.count - a.count)
                  .slice(0, 3)
                  .map(
                    (c) =>
                      `${d.transfer!.rows.find((r) => r.key === c.row)?.label} in ${d.transfer!.cols.find((x) => x.key === c.col)?.label}: ${c.count}`,
                  )
                  .join("; ")}.`}
                rows={d.transfer.rows}
                cols={d.transfer.cols}
                cells={d.transfer.cells}
                rowHeader={d.by === "role" ? "TV role" : "TV format"}
                caption={
                  d.transfer.omittedRows || d.transfer.omittedCols
                    ? `Showing the 12 largest rows and columns; ${d.transfer.omittedRows} ${d.by === "role" ? "roles" : "formats"} and ${d.transfer.omittedCols} task types left out.`
                    : undefined
                }
              />
              <nav aria-label="Transfer rules by task type" className="small">
                <p>
                  Transfer rules for:{" "}
                  {d.transfer.cols.map((c, i) => (
                    <span key={c.key}>
                      {i > 0 && " · "}
                      <Link to={`/coord/rules?task=${encodeURIComponent(c.key)}`}>{c.label}</Link>
                    </span>
                  ))}
                </p>
                {d.by === "role" && (
                  <p>
                    Rules that mention a role:{" "}
                    {d.transfer.rows.map((r, i) => (
                      <span key={r.key}>
                        {i > 0 && " · "}
                        <Link to={`/coord/rules?scope=${encodeURIComponent(r.key)}`}>{r.label}</Link>
                      </span>
                    ))}
                  </p>
                )}
              </nav>
            </>
          )}
        </section>
      )}
    </div>
  );
}
