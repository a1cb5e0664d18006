/**
 * One transfer rule: /coord/rules/new creates, /coord/rules/:id edits, retires or restores and
 * shows the version history (who, when, what changed). Coordinators and admins only.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { CsrfInput } from "../components/csrf";
import { type Errors, ErrorSummary, SelectField, TextArea, TextField } from "../components/form";
import {
  DEPARTMENTS,
  FORMATS,
  GENRES,
  ROLES,
  TASK_TYPES,
  departmentLabel,
  formatLabel,
  genreLabel,
  roleLabel,
  taskTypeName,
} from "../domain/taxonomy";
import { formToObject, invalid, notFound, readForm } from "../http.server";
import { requireStaff } from "../permissions.server";
import { createRule, restoreRule, retireRule, ruleWithHistory, updateRule } from "../services/transfer.server";
import { Time } from "../components/time";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.rule ? `Rule ${data.rule.key}` : "New transfer rule"} · Second Act` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request);
  if (params.id === "new") return { rule: null, history: [] };
  const found = await ruleWithHistory(params.id ?? "");
  if (!found) throw notFound("No such rule.");
  const r = found.rule;
  return {
    rule: {
      id: r.id,
      key: r.key,
      role: r.role ?? "",
      department: r.department ?? "",
      format: r.format ?? "",
      genre: r.genre ?? "",
      taskType: r.taskType,
      weight: String(r.weight),
      rationale: r.rationale,
      active: r.active,
      version: r.version,
    },
    history: found.history.map((h) => ({ ...h, at: h.at.toISOString() })),
  };
}

function expectedVersion(v: unknown): number | undefined {
  const n = typeof v === "string" ? Number(v) : Number.NaN;
  return Number.isInteger(n) ? n : undefined;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireStaff(request);
  const form = await readForm(request, context);
  const values = formToObject(form);
  const actor = { id: user.id, role: user.role, ip: context.ip };
  if (params.id === "new") {
    const result = await createRule(values, actor, values.key);
    if (!result.ok) return invalid(result.errors, values);
    return redirect(`/coord/rules/${result.rule.id}?created=1`);
  }
  const id = params.id ?? "";
  const version = expectedVersion(values.version);
  const result =
    values.intent === "retire"
      ? await retireRule(id, actor, version)
      : values.intent === "restore"
        ? await restoreRule(id, actor, version)
        : await updateRule(id, values, actor, version);
  if (!result.ok) {
    if (result.status === 404) throw notFound("No such rule.");
    return data({ ok: false as const, errors: result.errors, values }, { status: result.status ?? 400 });
  }
  const done = values.intent === "retire" ? "retired" : values.intent === "restore" ? "restored" : "saved";
  return redirect(`/coord/rules/${id}?${done}=1`);
}

const CHANGE_LABEL: Record<string, string> = { CREATED: "Created", UPDATED: "Updated", RETIRED: "Retired", RESTORED: "Restored" };

function describeValue(field: string, v: unknown): string {
  if (v === null || v === undefined || v === "") return "—";
  const s = String(v);
  switch (field) {
    case "role":
      return roleLabel(s);
    case "department":
      return departmentLabel(s);
    case "format":
      return formatLabel(s);
    case "genre":
      return genreLabel(s);
    case "taskType":
      return taskTypeName(s);
    case "active":
      return v ? "active" : "retired";
    default:
      return s.length > 80 ? `${s.slice(0, 80)}…` : s;
  }
}

function str(v: unknown): string {
  return typeof v === "string" ? v : typeof v === "number" ? String(v) : "";
}

export default function RulePage() {
  const { rule, history } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const errors: Errors = result && !result.ok ? result.errors : undefined;
  const values: Record<string, unknown> = result && !result.ok && result.values.intent !== "retire" && result.values.intent !== "restore" ? result.values : (rule ?? {});
  const message = params.get("created")
    ? "Rule created."
    : params.get("saved")
      ? "Rule saved as a new version."
      : params.get("retired")
        ? "Rule retired: it no longer counts."
        : params.get("restored")
          ? "Rule restored."
          : null;
  return (
    <section className="stack">
      <p>
        <Link to="/coord/rules">← All rules</Link>
      </p>
      <h1>{rule ? `Rule ${rule.key}` : "New transfer rule"}</h1>
      {rule && (
        <p className="muted">
          Version {rule.version} · {rule.active ? "active" : "retired"}
        </p>
      )}
      {message && (
        <p className="alert ok" role="status">
          {message} Stored scores change when you <Link to="/coord/rules">recompute all scores</Link>.
        </p>
      )}
      <ErrorSummary errors={errors} />
      <Form method="post" className="stack card" noValidate>
        <CsrfInput />
        {rule && <input type="hidden" name="version" value={rule.version} />}
        {rule && <input type="hidden" name="intent" value="update" />}
        {!rule && (
          <TextField
            name="key"
            label="Key"
            maxLength={120}
            defaultValue={str(values.key)}
            errors={errors}
            hint="A stable identifier, e.g. editor+documentary->video_captioning. Leave empty to generate one."
          />
        )}
        <p className="muted small">Target a role, or a whole department. Format and genre narrow the rule to those shows.</p>
        <div className="field">
          <label htmlFor="f-role">Role</label>
          <select id="f-role" name="role" defaultValue={str(values.role)} aria-invalid={errors?.role ? true : undefined}>
            <option value="">(whole department)</option>
            {DEPARTMENTS.map((d) => (
              <optgroup key={d.key} label={d.label}>
                {ROLES.filter((r) => r.department === d.key).map((r) => (
                  <option key={r.key} value={r.key}>
                    {r.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
          {errors?.role && <p className="field-error">{errors.role[0]}</p>}
        </div>
        <SelectField
          name="department"
          label="Department"
          includeEmpty="(none: the rule targets a role)"
          defaultValue={str(values.department)}
          options={DEPARTMENTS.map((d) => ({ value: d.key, label: d.label }))}
          errors={errors}
          hint="Ignored when a role is chosen."
        />
        <SelectField name="format" label="Only on format" includeEmpty="(any format)" defaultValue={str(values.format)} options={FORMATS.map((f) => ({ value: f.key, label: f.label }))} errors={errors} />
        <SelectField name="genre" label="Only on genre" includeEmpty="(any genre)" defaultValue={str(values.genre)} options={GENRES.map((g) => ({ value: g.key, label: g.label }))} errors={errors} />
        <SelectField
          name="taskType"
          label="Task type"
          required
          includeEmpty="Choose a task type"
          defaultValue={str(values.taskType)}
          options={TASK_TYPES.map((t) => ({ value: t.key, label: t.name }))}
          errors={errors}
        />
        <TextField name="weight" label="Weight (0 to 1)" type="number" step="0.05" min={0} max={1} required defaultValue={str(values.weight)} errors={errors} />
        <TextArea
          name="rationale"
          label="Rationale"
          required
          rows={3}
          maxLength={1000}
          defaultValue={str(values.rationale)}
          errors={errors}
          hint="Shown to professionals as the reason a credit transfers. Write it for them."
        />
        <p>
          <button type="submit" disabled={busy}>
            {rule ? "Save as new version" : "Create rule"}
          </button>
        </p>
      </Form>

      {rule && (
        <Form method="post" className="card row">
          <CsrfInput />
          <input type="hidden" name="version" value={rule.version} />
          {rule.active ? (
            <>
              <p>Retiring a rule stops it counting; its history is kept and it can be restored.</p>
              <button type="submit" name="intent" value="retire" className="danger" disabled={busy}>
                Retire rule
              </button>
            </>
          ) : (
            <>
              <p>This rule is retired and does not count.</p>
              <button type="submit" name="intent" value="restore" disabled={busy}>
                Restore rule
              </button>
            </>
          )}
        </Form>
      )}

      {rule && (
        <section aria-labelledby="history-h">
          <h2 id="history-h">Version history</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Change</th>
                <th scope="col">Who</th>
                <th scope="col">When</th>
                <th scope="col">What changed</th>
              </tr>
            </thead>
            <tbody>
              {history.map((h) => (
                <tr key={h.version}>
                  <td>v{h.version}</td>
                  <td>{CHANGE_LABEL[h.change] ?? h.change}</td>
                  <td>{h.by}</td>
                  <td><Time iso={h.at} /></td>
                  <td className="small">
                    {h.change === "CREATED" ? (
                      "First version"
                    ) : h.diff.length === 0 ? (
                      "No field changes"
                    ) : (
                      <ul>
                        {h.diff.map((d) => (
                          <li key={d.field}>{`${d.field}: ${describeValue(d.field, d.from)} → ${describeValue(d.field, d.to)}`}</li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </section>
  );
}
