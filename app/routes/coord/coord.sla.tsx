import { getFormProps, getInputProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import {
  FormErrors,
  type SubmissionResult,
  asSubmissionResult,
  firstErrorField,
  formPropsFocusing,
  parseSubmission,
  useAppForm,
  useResetKey,
} from "~/components/conform";
import { CsrfInput } from "~/components/csrf";
import { slaFormSchema } from "~/domain/coord-forms";
import { DEFAULT_SLA_DAYS, SLA_STAGES, type Stage, stageLabel } from "~/domain/onboarding";
import { readForm } from "~/http.server";
import { requireStaff } from "~/permissions.server";
import { lastSlaChange, loadSlaTable, remindersSentSince, saveSlaTable } from "~/services/sla.server";
import { redirectWithFlash, samePage } from "~/flash.server";
import { Time } from "~/components/time";

export const meta: MetaFunction = () => [{ title: "Stage SLAs · Second Act" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const [table, last, reminders] = await Promise.all([
    loadSlaTable(),
    lastSlaChange(),
    remindersSentSince(new Date(Date.now() - 7 * 24 * 3600 * 1000)),
  ]);
  return {
    stages: SLA_STAGES.map((s) => ({ stage: s, label: stageLabel(s), days: table[s], defaultDays: DEFAULT_SLA_DAYS[s] })),
    lastChange: last ? { at: last.at.toISOString(), by: last.by ?? "someone" } : null,
    remindersLastWeek: reminders,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireStaff(request);
  const submission = parseSubmission(await readForm(request, context), slaFormSchema);
  if (submission.status !== "success") return data(submission.reply({ hideFields: ["_csrf"] }), { status: 400 });
  await saveSlaTable(submission.value as Partial<Record<Stage, number | null>>, { id: user.id, role: user.role, ip: context.ip });
  return redirectWithFlash(
    request,
    samePage(request),
    "Stage SLAs saved. The board, the overdue list and the reminders use them from now on.",
  );
}

type StageRow = { stage: Stage; label: string; days: number | null; defaultDays: number | null };

/** The SLA table as one Conform form: each stage's days next to its name, errors in the row. */
function SlaForm({ stages, lastResult }: { stages: StageRow[]; lastResult?: SubmissionResult<string[]> }) {
  const defaultValue = Object.fromEntries(stages.map((s) => [s.stage, s.days === null ? "" : String(s.days)]));
  const [form, fields] = useAppForm({ id: "sla", schema: slaFormSchema, lastResult, defaultValue });
  const first = firstErrorField(lastResult, SLA_STAGES);
  const labels = Object.fromEntries(stages.map((s) => [s.stage, s.label]));
  return (
    <Form method="post" className="stack" {...formPropsFocusing(getFormProps(form))}>
      <CsrfInput />
      <FormErrors form={form} labels={labels} />
      <table>
        <thead>
          <tr>
            <th scope="col">Stage</th>
            <th scope="col">Days before overdue</th>
            <th scope="col">Default</th>
          </tr>
        </thead>
        <tbody>
          {stages.map((s) => {
            const field = fields[s.stage];
            const { key, ...input } = getInputProps(field, { type: "text", ariaAttributes: false });
            const error = field.errors?.[0];
            return (
              <tr key={s.stage}>
                <th scope="row">
                  <label htmlFor={field.id}>{s.label}</label>
                </th>
                <td>
                  <input
                    key={key}
                    {...input}
                    inputMode="numeric"
                    size={4}
                    autoFocus={first === s.stage}
                    aria-invalid={error ? true : undefined}
                    aria-describedby={error ? field.errorId : undefined}
                  />
                  {error && (
                    <p className="field-error" id={field.errorId}>
                      {error}
                    </p>
                  )}
                </td>
                <td>{s.defaultDays ?? "none"}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p>
        <button type="submit">Save SLAs</button>
      </p>
    </Form>
  );
}

export default function StageSlas() {
  const { stages, lastChange, remindersLastWeek } = useLoaderData<typeof loader>();
  const result = asSubmissionResult(useActionData<typeof action>());
  const resetKey = useResetKey();
  return (
    <div className="stack">
      <p className="muted">
        <Link to="/coord">Coordinator workspace</Link>
      </p>
      <h1>Stage SLAs</h1>
      <p>
        How many days an application may wait in each stage. Past that it is marked overdue on the boards and the overdue list; the
        responsible coordinator gets one reminder per wait, and the professional is told where it stands. Leave a stage empty to turn its
        SLA off.
      </p>
      <p className="muted">
        {lastChange ? (
          <>
            Last changed <Time iso={lastChange.at} /> by {lastChange.by}.
          </>
        ) : (
          "Using the built-in defaults."
        )}{" "}
        Reminders sent in the last 7 days: {remindersLastWeek}.
      </p>
      <SlaForm key={`${lastChange?.at ?? ""}:${resetKey}`} stages={stages as StageRow[]} lastResult={result} />
    </div>
  );
}
