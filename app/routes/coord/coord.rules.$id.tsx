/**
 * One transfer rule: /coord/rules/new creates, /coord/rules/:id edits, retires or restores and
 * shows the version history (who, when, what changed). Coordinators and admins only.
 */
import { getFormProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import {
  FormErrors,
  InputField,
  RefusalMessage,
  SelectInput,
  type SubmissionResult,
  TextareaField,
  firstErrorField,
  parseSubmission,
  refusalResult,
  replyOptions,
  useAppForm,
  useResetKey,
  formPropsFocusing,
} from "~/components/conform";
import { CsrfInput } from "~/components/csrf";
import { ruleFormSchema } from "~/domain/coord-forms";
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
} from "~/domain/taxonomy";
import { getFlash, redirectWithFlash } from "~/flash.server";
import { notFound, readForm } from "~/http.server";
import { requireStaff } from "~/permissions.server";
import { createRule, restoreRule, retireRule, ruleWithHistory, updateRule } from "~/services/transfer.server";
import { Time } from "~/components/time";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.rule ? `Rule ${data.rule.key}` : "New transfer rule"} · Second Act` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request);
  const { flash, clear } = await getFlash(request);
  const headers: HeadersInit = clear ? { "Set-Cookie": clear } : {};
  if (params.id === "new") return data({ rule: null, history: [], flash }, { headers });
  const found = await ruleWithHistory(params.id ?? "");
  if (!found) throw notFound("No such rule.");
  const r = found.rule;
  return data(
    {
      flash,
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
    },
    { headers },
  );
}

const HIDE = ["_csrf"];
/** A refusal and the form it is about: the rule's fields ("rule") or retire/restore ("status"). */
type Refusal = { about: "rule" | "status"; result: SubmissionResult<string[]> };
function refuse(about: Refusal["about"], result: SubmissionResult<string[]>, status = 400) {
  return data<Refusal>({ about, result }, { status: status >= 400 && status < 500 ? status : 400 });
}

function expectedVersion(v: FormDataEntryValue | null): number | undefined {
  const n = typeof v === "string" ? Number(v) : Number.NaN;
  return Number.isInteger(n) ? n : undefined;
}

const RECOMPUTE_HINT = "Stored scores change when you recompute all scores.";

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireStaff(request);
  const form = await readForm(request, context);
  const actor = { id: user.id, role: user.role, ip: context.ip };
  const intent = form.get("intent");
  const id = params.id ?? "";
  if (params.id !== "new" && (intent === "retire" || intent === "restore")) {
    const result =
      intent === "retire"
        ? await retireRule(id, actor, expectedVersion(form.get("version")))
        : await restoreRule(id, actor, expectedVersion(form.get("version")));
    if (!result.ok) {
      if (result.status === 404) throw notFound("No such rule.");
      return refuse("status", refusalResult(result.errors), result.status);
    }
    const message = intent === "retire" ? "Rule retired: it no longer counts." : "Rule restored.";
    return redirectWithFlash(request, `/coord/rules/${id}`, `${message} ${RECOMPUTE_HINT}`, { about: "rule" });
  }
  const submission = parseSubmission(form, ruleFormSchema);
  if (submission.status !== "success") return refuse("rule", submission.reply({ hideFields: HIDE }));
  const { key, version, intent: _intent, ...input } = submission.value;
  if (params.id === "new") {
    const result = await createRule(input, actor, key);
    if (!result.ok) return refuse("rule", submission.reply(replyOptions(result.errors)), result.status);
    return redirectWithFlash(request, `/coord/rules/${result.rule.id}`, `Rule created. ${RECOMPUTE_HINT}`, { about: "rule" });
  }
  const result = await updateRule(id, input, actor, version);
  if (!result.ok) {
    if (result.status === 404) throw notFound("No such rule.");
    return refuse("rule", submission.reply(replyOptions(result.errors)), result.status);
  }
  return redirectWithFlash(request, `/coord/rules/${id}`, `Rule saved as version ${result.rule.version}. ${RECOMPUTE_HINT}`, {
    about: "rule",
  });
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

const RULE_FIELDS = ["key", "role", "department", "format", "genre", "taskType", "weight", "rationale"] as const;
const RULE_LABELS: Record<string, string> = {
  key: "Key",
  role: "Role",
  department: "Department",
  format: "Only on format",
  genre: "Only on genre",
  taskType: "Task type",
  weight: "Weight",
  rationale: "Rationale",
};

type RuleValues = {
  key: string;
  role: string;
  department: string;
  format: string;
  genre: string;
  taskType: string;
  weight: string;
  rationale: string;
  version: number;
};

function RuleForm({ rule, lastResult }: { rule: RuleValues | null; lastResult?: SubmissionResult<string[]> }) {
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useAppForm({ id: "rule", schema: ruleFormSchema, lastResult, defaultValue: rule ?? undefined });
  const first = firstErrorField(lastResult, RULE_FIELDS);
  return (
    <Form method="post" className="stack card" {...formPropsFocusing(getFormProps(form))}>
      <CsrfInput />
      <FormErrors form={form} labels={RULE_LABELS} />
      {rule && <input type="hidden" name="version" value={rule.version} />}
      {rule && <input type="hidden" name="intent" value="update" />}
      {!rule && (
        <InputField
          field={fields.key}
          label="Key"
          maxLength={120}
          hint="A stable identifier, e.g. editor+documentary->video_captioning. Leave empty to generate one."
          autoFocus={first === "key"}
        />
      )}
      <p className="muted small">Target a role, or a whole department. Format and genre narrow the rule to those shows.</p>
      <SelectInput
        field={fields.role}
        label="Role"
        plain
        empty="(whole department)"
        groups={DEPARTMENTS.map((d) => ({
          label: d.label,
          options: ROLES.filter((r) => r.department === d.key).map((r) => ({ value: r.key, label: r.label })),
        }))}
        autoFocus={first === "role"}
      />
      <SelectInput
        field={fields.department}
        label="Department"
        plain
        empty="(none: the rule targets a role)"
        options={DEPARTMENTS.map((d) => ({ value: d.key, label: d.label }))}
        hint="Ignored when a role is chosen."
        autoFocus={first === "department"}
      />
      <SelectInput
        field={fields.format}
        label="Only on format"
        plain
        empty="(any format)"
        options={FORMATS.map((f) => ({ value: f.key, label: f.label }))}
        autoFocus={first === "format"}
      />
      <SelectInput
        field={fields.genre}
        label="Only on genre"
        plain
        empty="(any genre)"
        options={GENRES.map((g) => ({ value: g.key, label: g.label }))}
        autoFocus={first === "genre"}
      />
      <SelectInput
        field={fields.taskType}
        label="Task type"
        required
        empty="Choose a task type"
        options={TASK_TYPES.map((t) => ({ value: t.key, label: t.name }))}
        autoFocus={first === "taskType"}
      />
      <InputField
        field={fields.weight}
        label="Weight (0 to 1)"
        type="number"
        step="0.05"
        min={0}
        max={1}
        required
        autoFocus={first === "weight"}
      />
      <TextareaField
        field={fields.rationale}
        label="Rationale"
        required
        rows={3}
        maxLength={1000}
        hint="Shown to professionals as the reason a credit transfers. Write it for them."
        autoFocus={first === "rationale"}
      />
      <p>
        <button type="submit" disabled={busy}>
          {rule ? "Save as new version" : "Create rule"}
        </button>
      </p>
    </Form>
  );
}

export default function RulePage() {
  const { rule, history, flash } = useLoaderData<typeof loader>();
  const refusal = useActionData<typeof action>() as Refusal | undefined;
  const resetKey = useResetKey();
  const busy = useNavigation().state === "submitting";
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
      {flash && !refusal && (
        <p className="alert ok" role="status">
          {flash.message} <Link to="/coord/rules">Recompute on the rules page</Link>.
        </p>
      )}
      {refusal?.about === "status" && <RefusalMessage result={refusal.result} />}
      <RuleForm
        key={`${rule?.version ?? "new"}:${resetKey}`}
        rule={rule}
        lastResult={refusal?.about === "rule" ? refusal.result : undefined}
      />

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
          <table className="records">
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
                  <td data-label="Version">v{h.version}</td>
                  <td data-label="Change">{CHANGE_LABEL[h.change] ?? h.change}</td>
                  <td data-label="Who">{h.by}</td>
                  <td data-label="When">
                    <Time iso={h.at} />
                  </td>
                  <td data-label="What changed" className="small">
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
