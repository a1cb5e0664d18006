/**
 * /insights/fairness: selection, invitation and completion rates by demographic group for people
 * who opted in, with the four-fifths rule and small-group suppression. Coordinators and admins
 * only; labs never see this page or anyone's demographic answers.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { RatioChart, fmt, pct } from "~/components/charts";
import { FAIRNESS_METRICS, type FairnessCell } from "~/domain/insights";
import { requireStaff } from "~/permissions.server";
import { loadFairness, resolveScope, scopeOptions } from "~/services/insights.server";

export const meta: MetaFunction = () => [{ title: "Fairness audit · Insights · Second Act" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request);
  const url = new URL(request.url);
  const scope = await resolveScope(user, url.searchParams.get("scope"));
  const [report, options] = await Promise.all([loadFairness(scope), scopeOptions(user, scope)]);
  return {
    scope: { param: scope.param, name: scope.kind === "gig" ? `${scope.name} (${scope.labName})` : scope.name, kind: scope.kind },
    options,
    report,
  };
}

function Cell({ cell, k }: { cell: FairnessCell; k: number }) {
  if (cell.suppressed) {
    return (
      <td className="muted" data-suppressed={cell.why}>
        {cell.why === "small-group" ? `Suppressed (fewer than ${k})` : "Suppressed (would reveal a small group)"}
      </td>
    );
  }
  return (
    <td data-count={cell.count} data-denominator={cell.denominator}>
      {pct(cell.rate, 1)}{" "}
      <span className="muted small">
        ({cell.count} of {cell.denominator})
      </span>
      <br />
      ratio {cell.ratio === null ? "–" : fmt(cell.ratio, 2)}
      {cell.isReference && <span className="pill"> reference</span>}
      {cell.flagged && <span className="pill warn"> below 4/5</span>}
    </td>
  );
}

export default function Fairness() {
  const { scope, options, report } = useLoaderData<typeof loader>();
  const k = report.k;
  return (
    <div className="stack" style={{ maxWidth: 1100 }}>
      <p className="muted">
        <Link to={`/insights?scope=${encodeURIComponent(scope.param)}`}>Insights</Link>
      </p>
      <h1>Fairness audit: {scope.name}</h1>

      <Form method="get" className="row card" aria-label="Choose what to show">
        <div className="field">
          <label htmlFor="scope">Applications to</label>
          <select id="scope" name="scope" defaultValue={scope.param}>
            <option value="all">All labs</option>
            <optgroup label="Labs">
              {options.labs.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </optgroup>
            {options.gigs.length > 0 && (
              <optgroup label="Gigs">
                {options.gigs.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </optgroup>
            )}
          </select>
        </div>
        <button type="submit">Show</button>
        <a href={`/insights/export.csv?scope=${encodeURIComponent(scope.param)}&report=fairness`} download>
          Download these numbers (CSV)
        </a>
      </Form>

      <section className="card" aria-labelledby="method-h">
        <h2 id="method-h">How this is calculated</h2>
        <ul>
          <li>
            <strong>Who is included:</strong> professionals who chose to share demographic answers for fairness reporting (
            {report.included === null ? `fewer than ${k}` : report.included} of {report.professionals} professionals). Everyone else is left
            out. Each person is in one group per question: their answer, or "Not answered".
          </li>
          <li>
            <strong>Selected (invited or recommended):</strong> the share of the group with at least one application that started as an
            invitation or a recommendation{scope.kind === "all" ? "" : " to the gigs shown"}.
          </li>
          <li>
            <strong>Invited:</strong> the share of the group with at least one invitation.
          </li>
          <li>
            <strong>Reached Active:</strong> among group members who applied or were invited at least once, the share with at least one
            application that reached Active (finished onboarding), even if it ended later.
          </li>
          <li>
            <strong>Four-fifths rule:</strong> each group's rate is divided by the highest rate among the groups shown ("reference"; "Prefer
            not to say" and "Not answered" are never the reference). A ratio below 0.8 is flagged. It is a prompt to look closer, not proof
            of unfair treatment; with small groups, chance alone moves rates a lot.
          </li>
          <li>
            <strong>Small groups are suppressed:</strong> any group with fewer than {k} people (fewer than {k} applicants for "Reached
            Active") shows no rate and no count, and is never the reference. Because the total is shown, a further group is hidden whenever
            the hidden groups together would number between 1 and {k - 1}, so no small group can be worked out by subtraction. Suppressed
            groups are still listed.
          </li>
          <li>
            <strong>Privacy:</strong> only these group totals leave the database; no page or export shows a person's answers. Labs never see
            demographic answers or this page, and the answers never affect matching.
          </li>
        </ul>
      </section>

      {report.attributes.map((a) => (
        <section key={a.key} aria-labelledby={`attr-${a.key}`} data-attribute={a.key}>
          <h2 id={`attr-${a.key}`}>
            {a.label}{" "}
            {a.flagged > 0 ? <span className="pill warn">{a.flagged} below four-fifths</span> : <span className="pill ok">no flags</span>}
          </h2>
          <table>
            <caption className="visually-hidden">Rates by {a.label.toLowerCase()}</caption>
            <thead>
              <tr>
                <th scope="col">Group</th>
                <th scope="col">People</th>
                {FAIRNESS_METRICS.map((m) => (
                  <th scope="col" key={m.key}>
                    {m.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {a.groups.map((g) => {
                const size = g.cells.selection;
                return (
                  <tr key={g.group} data-group={g.group}>
                    <th scope="row">{g.group}</th>
                    <td>{size.suppressed ? (size.why === "small-group" ? `fewer than ${k}` : "hidden") : size.denominator}</td>
                    {FAIRNESS_METRICS.map((m) => (
                      <Cell key={m.key} cell={g.cells[m.key]} k={k} />
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
          <RatioChart
            id={`ratio-${a.key}`}
            title={`Selection-rate ratio by ${a.label.toLowerCase()}`}
            description={
              a.reference.selection
                ? `Each group's selection rate divided by the highest (${a.reference.selection.group}, ${pct(a.reference.selection.rate, 1)}). The dashed line marks 0.8. ${a.groups
                    .map((g) => {
                      const c = g.cells.selection;
                      return `${g.group}: ${c.suppressed ? "suppressed" : c.ratio === null ? "no ratio" : fmt(c.ratio, 2)}`;
                    })
                    .join("; ")}.`
                : "No group can serve as the reference, so there are no ratios."
            }
            rows={a.groups.map((g) => {
              const c = g.cells.selection;
              return { label: g.group, ratio: c.suppressed ? null : c.ratio, suppressed: c.suppressed };
            })}
            threshold={report.threshold}
          />
        </section>
      ))}
    </div>
  );
}
