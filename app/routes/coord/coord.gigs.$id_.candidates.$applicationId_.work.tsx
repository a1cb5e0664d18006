/**
 * Work and pay for one active person on a gig, for the gig's lab and staff: record hours or tasks,
 * review self-reported entries, move payouts, set this person's queue status, offboard or remove.
 */
import { randomUUID } from "node:crypto";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { parseSubmission, refusalResult, replyOptions, useResetKey } from "~/components/conform";
import { EarningsSummary, LedgerTable, OffboardingNote, QueueStatusNote } from "~/components/work";
import {
  EntryButton,
  EntryNoteForm,
  type FormReply,
  OffboardForm,
  QueueForm,
  RecordWorkForm,
  entryNoteSchema,
} from "~/components/work-forms";
import {
  PAYOUT_LABELS,
  PAYOUT_STATES,
  dayOf,
  offboardFormSchema,
  queueFormSchema,
  queueFormToInput,
  workEntryInputSchema,
  workFormSchema,
  workFormToInput,
} from "~/domain/work";
import { redirectWithFlash } from "~/flash.server";
import { notFound, readForm } from "~/http.server";
import { canActOnCandidate } from "~/services/candidates.server";
import {
  applicationForWork,
  offboardEngagement,
  recordWork,
  reviewWork,
  setPayout,
  setQueueStatus,
  workView,
} from "~/services/work.server";
import { requireUser } from "~/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Work and pay: ${data?.person ?? "person"} · Second Act` }];

async function load(request: Request, gigId: string, applicationId: string) {
  const user = await requireUser(request);
  if (!(await canActOnCandidate(gigId, applicationId, user))) throw notFound("No such person on this gig.");
  const app = await applicationForWork(applicationId);
  return { user, app };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const gigId = params.id ?? "";
  const applicationId = params.applicationId ?? "";
  const { app } = await load(request, gigId, applicationId);
  const work = await workView(applicationId);
  if (!work) throw notFound("This person has not been active on this gig.");
  return data({
    work,
    gig: app.gig,
    person: app.profile.displayName,
    version: app.version,
    today: dayOf(new Date()),
    clientEntryId: randomUUID(),
  });
}

const buttonSchema = z.object({
  intent: z.enum(["accept", "payout"]),
  entryId: z.string().min(1).max(100),
  to: z.enum(PAYOUT_STATES).optional(),
});

export async function action({ request, params, context }: ActionFunctionArgs) {
  const gigId = params.id ?? "";
  const applicationId = params.applicationId ?? "";
  const { user, app } = await load(request, gigId, applicationId);
  const form = await readForm(request, context);
  const actor = { id: user.id, role: user.role, profileId: user.profileId, labId: user.labId, ip: context.ip };
  const here = `/coord/gigs/${gigId}/candidates/${applicationId}/work`;
  const refuse = (formName: string, errors: Record<string, string[] | undefined>, status = 400) =>
    data({ form: formName, result: refusalResult(errors) }, { status });
  switch (form.get("intent")) {
    case "record": {
      const submission = parseSubmission(form, workFormSchema);
      if (submission.status !== "success")
        return data({ form: "record", result: submission.reply({ hideFields: ["_csrf"] }) }, { status: 400 });
      const input = workEntryInputSchema.safeParse(workFormToInput(submission.value, app.gig.payUnit, applicationId));
      if (!input.success) {
        const errors: Record<string, string[]> = {};
        for (const i of input.error.issues) {
          const key = i.path[0] === "hours" || i.path[0] === "tasks" ? "amount" : String(i.path[0] ?? "_form");
          errors[key] = [...(errors[key] ?? []), i.message];
        }
        return data({ form: "record", result: submission.reply(replyOptions(errors)) }, { status: 400 });
      }
      const r = await recordWork(gigId, input.data, actor, { source: "LAB" });
      if (!r.ok) {
        const errors: Record<string, string[]> = {};
        for (const [field, messages] of Object.entries(r.errors ?? { _form: [r.message] })) {
          const key = field === "hours" || field === "tasks" ? "amount" : field;
          errors[key] = [...(errors[key] ?? []), ...messages];
        }
        return data({ form: "record", result: submission.reply(replyOptions(errors)) }, { status: r.status === 404 ? 404 : 400 });
      }
      return redirectWithFlash(
        request,
        `${here}#entry-${r.entry.id}`,
        r.replayed ? "That entry was already recorded." : `Recorded for ${app.profile.displayName}. They can see it on their tracker.`,
      );
    }
    case "queue": {
      const submission = parseSubmission(form, queueFormSchema);
      if (submission.status !== "success")
        return data({ form: "queue", result: submission.reply({ hideFields: ["_csrf"] }) }, { status: 400 });
      const r = await setQueueStatus(gigId, [applicationId], queueFormToInput(submission.value), actor);
      if (!r.ok)
        return data(
          {
            form: "queue",
            result: submission.reply(
              replyOptions(
                Object.fromEntries(
                  Object.entries(r.errors ?? { _form: [r.message] }).map(([field, messages]) => [
                    field === "applicationIds" ? "_form" : field,
                    messages.slice(-1),
                  ]),
                ),
              ),
            ),
          },
          { status: 400 },
        );
      return redirectWithFlash(request, `${here}#queue-h`, `Queue status saved. ${app.profile.displayName} has been told.`);
    }
    case "offboard": {
      const submission = parseSubmission(form, offboardFormSchema);
      if (submission.status !== "success")
        return data({ form: "offboard", result: submission.reply({ hideFields: ["_csrf"] }) }, { status: 400 });
      const r = await offboardEngagement(gigId, applicationId, { ...submission.value }, actor);
      if (!r.ok) return data({ form: "offboard", result: submission.reply(replyOptions({ _form: [r.message] })) }, { status: 400 });
      return redirectWithFlash(request, here, r.message);
    }
    case "reject":
    case "hold": {
      const submission = parseSubmission(form, entryNoteSchema);
      const formName = `${form.get("intent")}-${form.get("entryId")}`;
      if (submission.status !== "success")
        return data({ form: formName, result: submission.reply({ hideFields: ["_csrf"] }) }, { status: 400 });
      const v = submission.value;
      const r =
        v.intent === "reject"
          ? await reviewWork(gigId, v.entryId, "REJECT", v.note, actor)
          : await setPayout(gigId, v.entryId, "HELD", v.note, actor);
      if (!r.ok) return data({ form: formName, result: submission.reply(replyOptions({ _form: [r.message] })) }, { status: 400 });
      return redirectWithFlash(
        request,
        `${here}#entry-${v.entryId}`,
        v.intent === "reject" ? "Entry rejected; the person can read why." : "Payout held; the person can read why.",
      );
    }
    case "accept":
    case "payout": {
      const parsed = buttonSchema.safeParse(Object.fromEntries(form));
      if (!parsed.success) return refuse("", { _form: ["Unknown entry or payout state."] });
      const v = parsed.data;
      const r =
        v.intent === "accept"
          ? await reviewWork(gigId, v.entryId, "ACCEPT", "", actor)
          : v.to
            ? await setPayout(gigId, v.entryId, v.to, null, actor)
            : null;
      if (!r) return refuse("", { _form: ["Choose a payout state."] });
      if (!r.ok) return refuse("", { _form: [r.message] }, r.status === 404 ? 404 : 400);
      return redirectWithFlash(
        request,
        `${here}#entry-${v.entryId}`,
        v.intent === "accept"
          ? "Entry accepted: earned, payout pending."
          : `Payout: ${PAYOUT_LABELS[v.to as keyof typeof PAYOUT_LABELS].toLowerCase()}.`,
      );
    }
    default:
      return refuse("", { _form: ["Unknown action."] });
  }
}

const MOVE_LABEL: Record<string, string> = { APPROVED: "Approve payout", PAID: "Mark paid", PENDING: "Back to pending" };

export default function EngagementWorkPage() {
  const { work, gig, person, version, today, clientEntryId } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as FormReply;
  const resetKey = useResetKey();
  const general = reply && reply.form === "" ? reply.result : undefined;
  return (
    <article className="stack" style={{ maxWidth: 980 }}>
      <p className="muted">
        <Link to={`/coord/gigs/${gig.id}/candidates/${work.applicationId}`}>← {person}</Link> ·{" "}
        <Link to={`/coord/gigs/${gig.id}/work`}>Everyone active on {gig.title}</Link>
      </p>
      <h1>Work and pay: {person}</h1>
      {general && (
        <div className="alert error" role="alert">
          {Object.values(general.error ?? {})
            .flat()
            .map((m) => (
              <p key={m}>{m}</p>
            ))}
        </div>
      )}
      {work.offboarding ? <OffboardingNote offboarding={work.offboarding} /> : <QueueStatusNote queue={work.queue} audience="lab" />}
      <EarningsSummary work={work} />
      {work.active && (
        <section className="card">
          <RecordWorkForm
            key={resetKey}
            unit={work.payUnit}
            today={today}
            clientEntryId={clientEntryId}
            reply={reply}
            title="Record work"
          />
        </section>
      )}
      <section className="card stack" aria-labelledby="ledger-h">
        <h2 id="ledger-h">Ledger</h2>
        <LedgerTable
          work={work}
          actions={(e) => (
            <div className="stack">
              {e.review === "SUBMITTED" && (
                <>
                  <EntryButton intent="accept" entryId={e.id} label="Accept" />
                  <EntryNoteForm intent="reject" entryId={e.id} reply={reply} />
                </>
              )}
              {e.moves
                .filter((m) => m !== "HELD")
                .map((m) => (
                  <EntryButton key={m} intent="payout" entryId={e.id} to={m} label={MOVE_LABEL[m] ?? m} />
                ))}
              {e.moves.includes("HELD") && <EntryNoteForm intent="hold" entryId={e.id} reply={reply} />}
            </div>
          )}
        />
      </section>
      {work.active && (
        <section className="card">
          <QueueForm
            key={resetKey}
            reply={reply}
            current={work.queue}
            scopeNote={`For ${person} only; set it for everyone on the gig from the gig's work page.`}
          />
        </section>
      )}
      {work.active && (
        <section className="card">
          <OffboardForm reply={reply} version={version} personName={person} />
        </section>
      )}
    </article>
  );
}
