import { getFormProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import {
  FormLevelErrors,
  RefusalMessage,
  type SubmissionResult,
  TextareaField,
  asSubmissionResult,
  parseSubmission,
  replyOptions,
  useAppForm,
  useResetKey,
} from "~/components/conform";
import { CsrfInput } from "~/components/csrf";
import { type Stage, daysInStage, isStale, reminderSentAt, stageLabel } from "~/domain/onboarding";
import { readForm } from "~/http.server";
import { requireStaff } from "~/permissions.server";
import { answerAppeal } from "~/services/work.server";
import { loadSlaTable } from "~/services/sla.server";
import { redirectWithFlash, samePage } from "~/flash.server";
import { gigStatusLabel } from "~/domain/taxonomy";
import { Time } from "~/components/time";
import { applicationsInOnboarding, liveGigsForStaff, openAppeals } from "~/services/dashboards.server";

export const meta: MetaFunction = () => [{ title: "Coordinator workspace · Second Act" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const [gigs, open, appeals, sla] = await Promise.all([liveGigsForStaff(), applicationsInOnboarding(), openAppeals(), loadSlaTable()]);
  const now = new Date();
  const stale = open
    .filter((a) => isStale(a.stageEnteredAt, a.stage as Stage, now, sla))
    .map((a) => ({
      id: a.id,
      gigId: a.gigId,
      gigTitle: a.gig.title,
      name: a.profile.displayName,
      stage: a.stage,
      days: daysInStage(a.stageEnteredAt, now),
      sla: sla[a.stage as Stage],
      remindedAt: reminderSentAt(a)?.toISOString() ?? null,
    }))
    .sort((a, b) => b.days - a.days);
  return {
    gigs: gigs.map((g) => ({
      id: g.id,
      title: g.title,
      lab: g.lab.name,
      status: g.status,
      applicants: g._count.applications,
      stale: stale.filter((s) => s.gigId === g.id).length,
    })),
    stale: stale.slice(0, 50),
    staleTotal: stale.length,
    appeals: appeals.map((a) => ({
      id: a.id,
      message: a.message,
      name: a.application.profile.displayName,
      gigTitle: a.application.gig.title,
      gigId: a.application.gig.id,
      stage: a.application.stage,
      reason: a.application.lastReason,
    })),
  };
}

const OUTCOME = "Write the outcome the person will read.";
export const answerSchema = z.object({
  intent: z.literal("answer"),
  appealId: z.string().min(1).max(40),
  outcome: z.string({ error: OUTCOME }).trim().min(5, OUTCOME).max(2000, "Use at most 2000 characters."),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireStaff(request);
  const submission = parseSubmission(await readForm(request, context), answerSchema);
  if (submission.status !== "success") return data(submission.reply({ hideFields: ["_csrf"] }), { status: 400 });
  // The service enforces that a different coordinator answers than the one who decided.
  const r = await answerAppeal(submission.value.appealId, submission.value.outcome, {
    id: user.id,
    role: user.role,
    name: user.name,
    ip: context.ip,
  });
  // A refusal (already answered, or the coordinator who decided) is shown in the form: 400; an unknown appeal: 404.
  if (!r.ok) return data(submission.reply(replyOptions({ _form: [r.message] })), { status: r.status === 404 ? 404 : 400 });
  return redirectWithFlash(request, samePage(request), r.message || "Answer sent.");
}

/** The answer to one review request; its errors are shown in it. */
function AnswerForm({ appealId, lastResult }: { appealId: string; lastResult?: SubmissionResult<string[]> }) {
  const [form, fields] = useAppForm({ id: `answer-${appealId}`, schema: answerSchema, lastResult, shouldValidate: "onSubmit" });
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <CsrfInput />
      <input type="hidden" name="intent" value="answer" />
      <input type="hidden" name="appealId" value={appealId} />
      <FormLevelErrors form={form} />
      <TextareaField
        field={fields.outcome}
        label="Outcome they will read"
        required
        rows={2}
        autoFocus={Boolean(fields.outcome.errors?.length)}
      />
      <p>
        <button type="submit">Send answer</button>
      </p>
    </Form>
  );
}

export default function Coordinator() {
  const { gigs, stale, staleTotal, appeals } = useLoaderData<typeof loader>();
  const result = asSubmissionResult(useActionData<typeof action>());
  const answered = result?.initialValue;
  const resetKey = useResetKey();
  return (
    <div className="stack" style={{ maxWidth: "none" }}>
      <h1>Coordinator workspace</h1>
      <p className="row">
        <Link to="/talent">Talent search</Link> <Link to="/coord/rules">Transfer rules</Link>{" "}
        <Link to="/insights">Funnel and fairness</Link> <Link to="/coord/sla">Stage SLAs</Link>
      </p>
      {result && !answered && <RefusalMessage result={result} />}
      <section>
        <h2>Review requests ({appeals.length})</h2>
        {appeals.length === 0 ? (
          <p className="empty">No open review requests.</p>
        ) : (
          appeals.map((a) => (
            <article key={a.id} className="card">
              <p>
                <strong>{a.name}</strong> on <Link to={`/coord/gigs/${a.gigId}`}>{a.gigTitle}</Link> ({stageLabel(a.stage as Stage)}, reason
                given: {a.reason ?? "none"})
              </p>
              <blockquote>{a.message}</blockquote>
              <AnswerForm key={resetKey} appealId={a.id} lastResult={answered?.appealId === a.id ? result : undefined} />
            </article>
          ))
        )}
      </section>
      <section id="overdue">
        <h2>Overdue applications ({staleTotal})</h2>
        {stale.length === 0 ? (
          <p className="empty">Nothing is waiting past its SLA.</p>
        ) : (
          <table className="records">
            <thead>
              <tr>
                <th>Person</th>
                <th>Gig</th>
                <th>Stage</th>
                <th>Waiting</th>
                <th>Reminder</th>
              </tr>
            </thead>
            <tbody>
              {stale.map((s) => (
                <tr key={s.id}>
                  <td data-label="Person">{s.name}</td>
                  <td data-label="Gig">
                    <Link to={`/coord/gigs/${s.gigId}`}>{s.gigTitle}</Link>
                  </td>
                  <td data-label="Stage">{stageLabel(s.stage as Stage)}</td>
                  <td data-label="Waiting">
                    {s.days} days (SLA {s.sla})
                  </td>
                  <td data-label="Reminder">
                    {s.remindedAt ? (
                      <>
                        sent <Time iso={s.remindedAt} />
                      </>
                    ) : (
                      "not yet"
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section>
        <h2>Open gigs</h2>
        {gigs.length === 0 ? (
          <p className="empty">No open gigs.</p>
        ) : (
          <table className="records">
            <thead>
              <tr>
                <th>Gig</th>
                <th>Lab</th>
                <th>Status</th>
                <th>Applicants</th>
                <th>Overdue</th>
              </tr>
            </thead>
            <tbody>
              {gigs.map((g) => (
                <tr key={g.id}>
                  <td data-label="Gig">
                    <Link to={`/coord/gigs/${g.id}`}>{g.title}</Link>
                  </td>
                  <td data-label="Lab">{g.lab}</td>
                  <td data-label="Status">{gigStatusLabel(g.status)}</td>
                  <td data-label="Applicants">{g.applicants}</td>
                  <td data-label="Overdue">{g.stale}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
