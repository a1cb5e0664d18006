/**
 * Everyone active on a gig, for its lab and staff: each person's queue status, hours and earnings,
 * and one form that sets the queue status for everyone (or the people ticked) in one step.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { parseSubmission, replyOptions, useResetKey } from "~/components/conform";
import { QueueForm, type FormReply } from "~/components/work-forms";
import { formatMoney } from "~/domain/pay";
import { formatMinutes, queueFormSchema, queueFormToInput } from "~/domain/work";
import { redirectWithFlash } from "~/flash.server";
import { notFound, readForm } from "~/http.server";
import { canManageLab } from "~/permissions.server";
import { activeApplications, gigForWork, setQueueStatus, workView } from "~/services/work.server";
import { requireUser } from "~/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Work: ${data?.gig.title ?? "gig"} · Second Act` }];

async function loadGig(request: Request, id: string) {
  const user = await requireUser(request);
  const gig = await gigForWork(id);
  if (!gig || !canManageLab(user, gig.labId)) throw notFound("No such gig.");
  return { user, gig };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { gig } = await loadGig(request, params.id ?? "");
  const apps = await activeApplications(gig.id);
  const views = await Promise.all(apps.map(async (a) => ({ id: a.id, name: a.profile.displayName, work: await workView(a.id) })));
  return data({
    gig: { id: gig.id, title: gig.title },
    people: views.flatMap((v) =>
      v.work
        ? [{ id: v.id, name: v.name, queue: v.work.queue, unit: v.work.payUnit, currency: v.work.currency, totals: v.work.totals }]
        : [],
    ),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, gig } = await loadGig(request, params.id ?? "");
  const form = await readForm(request, context);
  const submission = parseSubmission(form, queueFormSchema);
  if (submission.status !== "success") return data({ form: "queue", result: submission.reply({ hideFields: ["_csrf"] }) }, { status: 400 });
  const ticked = form.getAll("applicationIds").filter((v): v is string => typeof v === "string" && v.length > 0 && v.length <= 100);
  const actor = { id: user.id, role: user.role, profileId: user.profileId, labId: user.labId, ip: context.ip };
  const r = await setQueueStatus(gig.id, ticked.length ? ticked : null, queueFormToInput(submission.value), actor);
  if (!r.ok) {
    const errors = Object.fromEntries(
      Object.entries(r.errors ?? { _form: [r.message] }).map(([field, messages]) => [
        field === "applicationIds" ? "_form" : field,
        messages.slice(-1),
      ]),
    );
    return data({ form: "queue", result: submission.reply(replyOptions(errors)) }, { status: 400 });
  }
  return redirectWithFlash(
    request,
    `/coord/gigs/${gig.id}/work`,
    `Queue status saved for ${r.updated} ${r.updated === 1 ? "person" : "people"}. Each has been told.`,
  );
}

export default function GigWorkPage() {
  const { gig, people } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as FormReply;
  const resetKey = useResetKey();
  const first = people[0]?.queue ?? { state: "WORK_AVAILABLE", reason: null, checkAgainOn: null };
  return (
    <article className="stack" style={{ maxWidth: 980 }}>
      <p className="muted">
        <Link to={`/coord/gigs/${gig.id}`}>← Board for {gig.title}</Link>
      </p>
      <h1>Work on {gig.title}</h1>
      {people.length === 0 ? (
        <p className="muted">Nobody is active on this gig yet.</p>
      ) : (
        <section className="card">
          <QueueForm
            key={resetKey}
            reply={reply}
            current={first}
            scopeNote="For everyone active on the gig, or only the people you tick below."
          >
            <fieldset className="field">
              <legend>Only these people (leave all unticked for everyone)</legend>
              <div className="checks">
                {people.map((p) => (
                  <label key={p.id}>
                    <input type="checkbox" name="applicationIds" value={p.id} /> {p.name}
                  </label>
                ))}
              </div>
            </fieldset>
          </QueueForm>
        </section>
      )}
      {people.length > 0 && (
        <section className="card" aria-labelledby="people-h">
          <h2 id="people-h">Active people ({people.length})</h2>
          <div className="table-scroll">
            <table className="records">
              <thead>
                <tr>
                  <th scope="col">Person</th>
                  <th scope="col">Queue</th>
                  <th scope="col">Work</th>
                  <th scope="col">Earned</th>
                  <th scope="col">Held</th>
                </tr>
              </thead>
              <tbody>
                {people.map((p) => (
                  <tr key={p.id}>
                    <td data-label="Person">
                      <Link to={`/coord/gigs/${gig.id}/candidates/${p.id}/work`}>{p.name}</Link>
                    </td>
                    <td data-label="Queue">
                      {p.queue.label}
                      {p.queue.checkAgainOn && (
                        <div className={`small${p.queue.overdue ? " field-error" : ""}`}>
                          check again {p.queue.checkAgainOn}
                          {p.queue.overdue ? " (passed)" : ""}
                        </div>
                      )}
                    </td>
                    <td data-label="Work">{p.unit === "HOUR" ? formatMinutes(p.totals.minutes) : `${p.totals.tasks} tasks`}</td>
                    <td data-label="Earned">{formatMoney(p.totals.earnedCents, p.currency)}</td>
                    <td data-label="Held">{formatMoney(p.totals.byPayout.HELD, p.currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </article>
  );
}
