import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "../components/csrf";
import { ErrorSummary } from "../components/form";
import { db } from "../db.server";
import { DEFAULT_SLA_DAYS, MAX_SLA_DAYS, SLA_STAGES, type Stage, stageLabel } from "../domain/onboarding";
import { formToObject, invalid, parseWith, readForm } from "../http.server";
import { requireStaff } from "../permissions.server";
import { loadSlaTable, saveSlaTable } from "../services/sla.server";
import { redirectWithFlash, samePage } from "../flash.server";
import { Time } from "../components/time";

export const meta: MetaFunction = () => [{ title: "Stage SLAs · Second Act" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const [table, rows, reminders] = await Promise.all([
    loadSlaTable(),
    db().stageSla.findMany({ orderBy: { updatedAt: "desc" }, take: 1 }),
    db().application.count({ where: { slaNudgedAt: { gte: new Date(Date.now() - 7 * 24 * 3600 * 1000) } } }),
  ]);
  const last = rows[0];
  const editor = last?.updatedById ? await db().user.findUnique({ where: { id: last.updatedById }, select: { name: true } }) : null;
  return {
    stages: SLA_STAGES.map((s) => ({ stage: s, label: stageLabel(s), days: table[s], defaultDays: DEFAULT_SLA_DAYS[s] })),
    lastChange: last ? { at: last.updatedAt.toISOString(), by: editor?.name ?? "someone" } : null,
    remindersLastWeek: reminders,
  };
}

const daysField = z
  .string()
  .trim()
  .max(3, `Use a number of days from 1 to ${MAX_SLA_DAYS}, or leave it empty for no SLA.`)
  .regex(/^\d*$/, "Use a whole number of days, or leave it empty for no SLA.")
  .transform((v) => (v === "" ? null : Number(v)))
  .refine((v) => v === null || (v >= 1 && v <= MAX_SLA_DAYS), `Use 1 to ${MAX_SLA_DAYS} days, or leave it empty for no SLA.`);

// A stage missing from the post keeps its current SLA; an empty field turns it off.
const slaFormSchema = z.object(Object.fromEntries(SLA_STAGES.map((s) => [s, daysField.optional()])));

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireStaff(request);
  const values = formToObject(await readForm(request, context));
  const parsed = parseWith(slaFormSchema, values);
  if (!parsed.ok) return invalid(parsed.errors, values);
  await saveSlaTable(parsed.data as Partial<Record<Stage, number | null>>, { id: user.id, role: user.role, ip: context.ip });
  return redirectWithFlash(request, samePage(request), "Stage SLAs saved. The board, the overdue list and the reminders use them from now on.");
}

export default function StageSlas() {
  const { stages, lastChange, remindersLastWeek } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result?.ok ? undefined : result?.errors;
  const values = (result?.ok ? undefined : result?.values) as Record<string, string> | undefined;
  return (
    <div className="stack">
      <p className="muted"><Link to="/coord">Coordinator workspace</Link></p>
      <h1>Stage SLAs</h1>
      <p>
        How many days an application may wait in each stage. Past that it is marked overdue on the boards and the
        overdue list; the responsible coordinator gets one reminder per wait, and the professional is told where it
        stands. Leave a stage empty to turn its SLA off.
      </p>
      <p className="muted">
        {lastChange ? <>Last changed <Time iso={lastChange.at} /> by {lastChange.by}.</> : "Using the built-in defaults."} Reminders sent in the last 7 days: {remindersLastWeek}.
      </p>
      <ErrorSummary errors={errors} />
      <Form method="post" className="stack">
        <CsrfInput />
        <table>
          <thead>
            <tr><th scope="col">Stage</th><th scope="col">Days before overdue</th><th scope="col">Default</th></tr>
          </thead>
          <tbody>
            {stages.map((s) => {
              const error = errors?.[s.stage]?.[0];
              return (
                <tr key={s.stage}>
                  <th scope="row"><label htmlFor={`sla-${s.stage}`}>{s.label}</label></th>
                  <td>
                    <input
                      id={`sla-${s.stage}`}
                      name={s.stage}
                      inputMode="numeric"
                      pattern="\d*"
                      size={4}
                      defaultValue={values?.[s.stage] ?? (s.days === null ? "" : String(s.days))}
                      aria-invalid={error ? true : undefined}
                      aria-describedby={error ? `sla-${s.stage}-error` : undefined}
                    />
                    {error && <span className="error" id={`sla-${s.stage}-error`}> {error}</span>}
                  </td>
                  <td>{s.defaultDays ?? "none"}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <p><button type="submit">Save SLAs</button></p>
      </Form>
    </div>
  );
}
