/**
 * The professional's work on an active gig: report hours or tasks they did (the lab accepts or
 * rejects each report), the whole ledger with payout states, and the queue status.
 */
import { randomUUID } from "node:crypto";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { parseSubmission, replyOptions, useResetKey } from "~/components/conform";
import { EarningsSummary, LedgerTable, OffboardingNote, QueueStatusNote } from "~/components/work";
import { type FormReply, RecordWorkForm } from "~/components/work-forms";
import { dayOf, workEntryInputSchema, workFormSchema, workFormToInput } from "~/domain/work";
import { redirectWithFlash } from "~/flash.server";
import { notFound, readForm } from "~/http.server";
import { ownsApplication, requireProfessional } from "~/permissions.server";
import { ownApplicationForWork, recordWork, workView } from "~/services/work.server";

export const meta: MetaFunction = () => [{ title: "Your work and pay · Second Act" }];

async function load(request: Request, id: string | undefined) {
  const user = await requireProfessional(request);
  const app = id ? await ownApplicationForWork(id) : null;
  if (!app || !ownsApplication(user, app)) throw notFound("No such application.");
  return { user, app };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { app } = await load(request, params.id);
  const work = await workView(app.id);
  if (!work) throw notFound("You have not been active on this gig.");
  return data({ work, gig: app.gig, today: dayOf(new Date()), clientEntryId: randomUUID() });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, app } = await load(request, params.id);
  const form = await readForm(request, context);
  const submission = parseSubmission(form, workFormSchema);
  if (submission.status !== "success")
    return data({ form: "record", result: submission.reply({ hideFields: ["_csrf"] }) }, { status: 400 });
  const input = workEntryInputSchema.safeParse(workFormToInput(submission.value, app.gig.payUnit, app.id));
  const fieldOf = (p: string) => (p === "hours" || p === "tasks" ? "amount" : p || "_form");
  if (!input.success) {
    const errors: Record<string, string[]> = {};
    for (const i of input.error.issues) errors[fieldOf(String(i.path[0] ?? ""))] = [i.message];
    return data({ form: "record", result: submission.reply(replyOptions(errors)) }, { status: 400 });
  }
  const r = await recordWork(
    app.gig.id,
    input.data,
    { id: user.id, role: user.role, profileId: user.profileId, labId: null, ip: context.ip },
    { source: "PROFESSIONAL" },
  );
  if (!r.ok) {
    const errors: Record<string, string[]> = {};
    for (const [field, messages] of Object.entries(r.errors ?? { _form: [r.message] })) errors[fieldOf(field)] = messages.slice(-1);
    return data({ form: "record", result: submission.reply(replyOptions(errors)) }, { status: 400 });
  }
  return redirectWithFlash(
    request,
    `/me/applications/${app.id}/work#entry-${r.entry.id}`,
    r.replayed ? "That report was already sent." : "Reported. The lab will accept or reject it; you will hear here.",
  );
}

export default function MyWorkPage() {
  const { work, gig, today, clientEntryId } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as FormReply;
  const resetKey = useResetKey();
  return (
    <article className="stack" style={{ maxWidth: 860 }}>
      <p className="muted">
        <Link to={`/me/applications/${work.applicationId}`}>← {gig.title}</Link>
      </p>
      <h1>Your work on {gig.title}</h1>
      {work.offboarding ? (
        <OffboardingNote offboarding={work.offboarding} />
      ) : (
        <QueueStatusNote queue={work.queue} audience="professional" />
      )}
      <EarningsSummary work={work} />
      {work.active && (
        <section className="card">
          <RecordWorkForm
            key={resetKey}
            unit={work.payUnit}
            today={today}
            clientEntryId={clientEntryId}
            reply={reply}
            title="Report work you did"
          />
          <p className="small muted">The lab reviews each report. Accepted work counts as earned at the gig's rate.</p>
        </section>
      )}
      <section className="card stack" aria-labelledby="ledger-h">
        <h2 id="ledger-h">Ledger</h2>
        <LedgerTable work={work} />
      </section>
    </article>
  );
}
