import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSubmit } from "@remix-run/react";
import { useRef } from "react";
import { FacetGroup } from "../components/facets";
import { genreLabel, taskLabel } from "../components/gig";
import { TASK_TYPES, departmentLabel, formatLabel } from "../domain/taxonomy";
import { requireRole } from "../permissions.server";
import { SearchUnavailable, paramsToObject, searchTalent, talentSearchSchema } from "../services/search.server";

export const meta: MetaFunction = () => [{ title: "Talent search · Second Act" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "LAB_MEMBER", "COORDINATOR", "ADMIN");
  const parsed = talentSearchSchema.safeParse(paramsToObject(new URL(request.url).searchParams));
  const params = parsed.success ? parsed.data : talentSearchSchema.parse({});
  const problem = parsed.success ? null : parsed.error.issues[0]?.message ?? "Some filters were not valid and were ignored.";
  try {
    return { params, problem, results: await searchTalent(params, user), error: null };
  } catch (e) {
    if (e instanceof SearchUnavailable) return { params, problem, results: null, error: e.message };
    throw e;
  }
}

export default function Talent() {
  const { params, results, error, problem } = useLoaderData<typeof loader>();
  const submit = useSubmit();
  const form = useRef<HTMLFormElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const refresh = (delay = 0) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => form.current && submit(form.current, { replace: true, preventScrollReset: true }), delay);
  };
  const taskRows = [0, 1, 2];
  return (
    <div>
      <h1>Talent search</h1>
      <p className="muted">Search credits and headlines, filter on transfer scores. {results?.canFilterRate ? "" : "Rates and demographics are private and are not searchable by labs."}</p>
      {problem && <p className="alert warn">{problem}</p>}
      <Form method="get" ref={form} className="two-col" role="search" aria-label="Search talent">
        <aside className="stack">
          <FacetGroup name="languages" legend="Languages" counts={results?.facets.languages} selected={params.languages} label={(k) => k} onChange={() => refresh()} />
          <FacetGroup name="departments" legend="Departments" counts={results?.facets.departments} selected={params.departments} label={departmentLabel} onChange={() => refresh()} />
          <FacetGroup name="formats" legend="Formats" counts={results?.facets.formats} selected={params.formats} label={formatLabel} onChange={() => refresh()} />
          <FacetGroup name="genres" legend="Genres" counts={results?.facets.genres} selected={params.genres} label={genreLabel} onChange={() => refresh()} />
          {results?.facets.topTasks && (
            <div className="small">
              <strong>Strong in (score 50+)</strong>
              <ul>{Object.entries(results.facets.topTasks).sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, n]) => <li key={k}>{taskLabel(k)} ({n})</li>)}</ul>
            </div>
          )}
        </aside>
        <section className="stack" style={{ maxWidth: "none" }}>
          <div className="row">
            <div className="field" style={{ flex: 1 }}>
              <label htmlFor="q">Search credits and headlines</label>
              <input id="q" name="q" type="search" defaultValue={params.q} placeholder="e.g. showrunner, procedural, documentary editor" onChange={() => refresh(250)} />
            </div>
            <button type="submit">Search</button>
          </div>
          <fieldset className="field">
            <legend>Transfer scores (up to 3)</legend>
            {taskRows.map((i) => (
              <div className="row" key={i}>
                <label className="small">
                  Task type{" "}
                  <select name="task" defaultValue={params.task[i] ?? ""}>
                    <option value="">Any</option>
                    {TASK_TYPES.map((t) => <option key={t.key} value={t.key}>{t.name}</option>)}
                  </select>
                </label>
                <label className="small">
                  at least <input name="min" type="number" min={0} max={100} defaultValue={params.min[i] ?? 70} style={{ width: "5em" }} />
                </label>
              </div>
            ))}
          </fieldset>
          <div className="row">
            <label className="small">Min hours/week <input name="minHours" type="number" min={0} max={80} defaultValue={params.minHours ?? ""} style={{ width: "5em" }} /></label>
            {results?.canFilterRate && <label className="small">Max hourly rate <input name="maxRate" type="number" min={0} defaultValue={params.maxRate ?? ""} style={{ width: "6em" }} /></label>}
            <label className="small">UTC offset from <input name="tzMin" type="number" min={-12} max={14} defaultValue={params.tzMin ?? ""} style={{ width: "4em" }} /></label>
            <label className="small">to <input name="tzMax" type="number" min={-12} max={14} defaultValue={params.tzMax ?? ""} style={{ width: "4em" }} /></label>
            <label className="small"><input type="checkbox" name="verified" value="1" defaultChecked={params.verified === "1"} /> Has verified credits</label>
          </div>
          {error && <p className="alert warn" role="status">{error}</p>}
          {results && <p className="muted" aria-live="polite">{results.total} people</p>}
          {results?.items.length === 0 && <p className="empty">Nobody matches these filters.</p>}
          {results && results.items.length > 0 && (
            <table>
              <thead><tr><th>Person</th><th>Top transfer scores</th><th>Hours</th><th>Languages</th></tr></thead>
              <tbody>
                {results.items.map((p) => (
                  <tr key={p.id}>
                    <td><Link to={`/people/${p.id}`}>{p.displayName}</Link><br /><span className="small muted">{p.headline}</span></td>
                    <td className="small">{p.topScores.map(([k, s]) => `${taskLabel(k)} ${s}`).join(" · ")}</td>
                    <td>{p.hoursPerWeek ?? "—"}</td>
                    <td>{p.languages.join(", ")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {results && results.totalPages > 1 && <p className="muted">Page {results.page} of {results.totalPages}: narrow the search to see others.</p>}
        </section>
      </Form>
    </div>
  );
}
