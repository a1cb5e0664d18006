/** Coordinators' transfer-rule list: grouped by task type, filterable, plus "recompute all scores". */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { RefusalMessage, asSubmissionResult, refusalResult } from "~/components/conform";
import { CsrfInput } from "~/components/csrf";
import { DEPARTMENTS, ROLES, TASK_TYPES, departmentLabel, formatLabel, genreLabel, roleLabel, taskTypeName } from "~/domain/taxonomy";
import { readForm } from "~/http.server";
import { requireStaff } from "~/permissions.server";
import { listTransferRules, recomputeAllFor, staleProfileCount } from "~/services/transfer.server";
import { redirectWithFlash, samePage } from "~/flash.server";

export const meta: MetaFunction = () => [{ title: "Transfer rules · Second Act" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const url = new URL(request.url);
  const task = url.searchParams.get("task") ?? "";
  const scope = url.searchParams.get("scope") ?? "";
  const q = (url.searchParams.get("q") ?? "").trim().slice(0, 100);
  const retired = url.searchParams.get("retired") === "1";
  const [{ rules, activeCount, retiredCount }, stale] = await Promise.all([
    listTransferRules({ task, scope, q, retired }),
    staleProfileCount(),
  ]);
  const groups = TASK_TYPES.map((t) => ({
    taskType: t.key,
    rules: rules
      .filter((r) => r.taskType === t.key)
      .map((r) => ({
        id: r.id,
        key: r.key,
        scope: r.role ? roleLabel(r.role) : r.department ? `${departmentLabel(r.department)} (department)` : "—",
        format: r.format ? formatLabel(r.format) : null,
        genre: r.genre ? genreLabel(r.genre) : null,
        weight: r.weight,
        rationale: r.rationale,
        active: r.active,
        version: r.version,
      })),
  })).filter((g) => g.rules.length > 0);
  return {
    filters: { task, scope, q, retired },
    groups,
    total: rules.length,
    activeCount,
    retiredCount,
    stale,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireStaff(request);
  const form = await readForm(request, context);
  if (form.get("intent") !== "recompute") return data(refusalResult({ _form: ["Unknown action."] }), { status: 400 });
  const result = await recomputeAllFor({ id: user.id, role: user.role, ip: context.ip });
  return redirectWithFlash(
    request,
    samePage(request),
    `Recomputed transfer scores for ${result.profiles} profile${result.profiles === 1 ? "" : "s"} (${result.changed} changed).`,
  );
}

export default function RulesPage() {
  const data = useLoaderData<typeof loader>();
  // Success redirects with a flash (shown at the top of the page); only a refusal comes back here.
  const result = asSubmissionResult(useActionData<typeof action>());
  const busy = useNavigation().state === "submitting";
  const f = data.filters;
  return (
    <section className="stack">
      <header className="row">
        <h1>Transfer rules</h1>
        <span className="nav-spacer" />
        <Link className="button" to="/coord/rules/new">
          New rule
        </Link>
      </header>
      <p className="muted">
        Each rule says how strongly a role or department (optionally only on a format or genre) transfers to an AI-training task type. For
        each credit and task type only the best-weighted matching rule counts. {data.activeCount} active, {data.retiredCount} retired.
      </p>
      {result && <RefusalMessage result={result} />}
      <div className="card row">
        <p>
          {data.stale > 0
            ? `${data.stale} profile${data.stale === 1 ? " has" : "s have"} scores computed before the latest rule change or by an older transfer model.`
            : "All stored scores are up to date with the rules."}
        </p>
        <Form method="post">
          <CsrfInput />
          <button type="submit" name="intent" value="recompute" disabled={busy} className={data.stale > 0 ? "" : "secondary"}>
            {busy ? "Recomputing…" : "Recompute all scores"}
          </button>
        </Form>
      </div>
      <Form method="get" className="row" aria-label="Filter rules">
        <div className="field">
          <label htmlFor="f-task">Task type</label>
          <select id="f-task" name="task" defaultValue={f.task}>
            <option value="">All task types</option>
            {TASK_TYPES.map((t) => (
              <option key={t.key} value={t.key}>
                {t.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-scope">Role or department</label>
          <select id="f-scope" name="scope" defaultValue={f.scope}>
            <option value="">Any</option>
            {DEPARTMENTS.map((d) => (
              <optgroup key={d.key} label={d.label}>
                <option value={d.key}>{d.label} (whole department)</option>
                {ROLES.filter((r) => r.department === d.key).map((r) => (
                  <option key={r.key} value={r.key}>
                    {r.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-q">Key or rationale contains</label>
          <input id="f-q" name="q" defaultValue={f.q} />
        </div>
        <label>
          <input type="checkbox" name="retired" value="1" defaultChecked={f.retired} /> Show retired rules
        </label>
        <button type="submit" className="secondary">
          Filter
        </button>
      </Form>
      {data.groups.length === 0 ? (
        <p className="empty">No rules match these filters.</p>
      ) : (
        data.groups.map((g) => (
          <section key={g.taskType} aria-labelledby={`g-${g.taskType}`}>
            <h2 id={`g-${g.taskType}`}>
              {taskTypeName(g.taskType)} <span className="muted small">({g.rules.length})</span>
            </h2>
            <table className="records">
              <thead>
                <tr>
                  <th scope="col">Applies to</th>
                  <th scope="col">Only on</th>
                  <th scope="col">Weight</th>
                  <th scope="col">Rationale</th>
                  <th scope="col">Version</th>
                </tr>
              </thead>
              <tbody>
                {g.rules.map((r) => (
                  <tr key={r.id}>
                    <td data-label="Applies to">
                      <Link to={`/coord/rules/${r.id}`}>{r.scope}</Link>
                      {!r.active && <span className="pill"> Retired</span>}
                      <br />
                      <code className="small muted">{r.key}</code>
                    </td>
                    <td data-label="Only on">{[r.format, r.genre].filter(Boolean).join(" + ") || "any show"}</td>
                    <td data-label="Weight" className="score">
                      {r.weight.toFixed(2)}
                    </td>
                    <td data-label="Rationale" className="small">
                      {r.rationale}
                    </td>
                    <td data-label="Version">v{r.version}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))
      )}
    </section>
  );
}
