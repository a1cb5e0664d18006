/**
 * /labs/:slug/credentials: the lab's side of work credentials (issue 23). The quality note it may
 * write per engagement (in a credential only when the gig allows quality notes), and the
 * credentials issued for its gigs, each revocable with a reason (for example disputed hours).
 */
import { getFormProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import {
  FormErrors,
  RefusalMessage,
  TextareaField,
  asSubmissionResult,
  parseSubmission,
  refusalResult,
  useAppForm,
  useResetKey,
} from "~/components/conform";
import { CsrfInput } from "~/components/csrf";
import { Time } from "~/components/time";
import { clientDescriptor, taskTypeList, workSummary } from "~/domain/credential";
import { redirectWithFlash, samePage } from "~/flash.server";
import { notFound, readForm } from "~/http.server";
import { assertCanManageLab } from "~/permissions.server";
import { labCredentials, labEngagements, revokeCredential, setQualityNote } from "~/services/credentials.server";
import { actingUser } from "~/services/actor";
import { getLabBySlug } from "~/services/labs.server";
import { requireUser } from "~/session.server";

export const meta: MetaFunction = () => [{ title: "Work credentials · Second Act" }];

async function guard(request: Request, slug?: string) {
  const user = await requireUser(request);
  const lab = slug ? await getLabBySlug(slug) : null;
  if (!lab) throw notFound("No such lab.");
  assertCanManageLab(user, lab.id);
  return { user, lab };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { lab } = await guard(request, params.slug);
  const [credentials, engagements] = await Promise.all([labCredentials(lab.id), labEngagements(lab.id)]);
  return {
    lab: { name: lab.name, slug: lab.slug },
    credentials: credentials.map((c) => ({
      id: c.id,
      holder: c.holder,
      taskTypes: taskTypeList(c.signed.credential),
      summary: workSummary(c.signed.credential),
      client: c.signed.credential.work.client,
      issuedAt: c.issuedAt.toISOString(),
      revokedAt: c.revokedAt?.toISOString() ?? null,
      revokedReason: c.revokedReason,
    })),
    engagements: engagements.map((e) => ({ ...e, client: clientDescriptor(e.descriptor) })),
  };
}

const revokeSchema = z.object({
  intent: z.literal("revoke"),
  credentialId: z.string().min(1).max(64),
  reason: z.preprocess(
    (v) => (typeof v === "string" ? v.trim() : ""),
    z.string().min(5, "Say why (at least 5 characters): the professional sees it.").max(500, "Use at most 500 characters."),
  ),
});
const noteSchema = z.object({
  intent: z.literal("note"),
  applicationId: z.string().min(1).max(64),
  qualityNote: z.preprocess((v) => (typeof v === "string" ? v.trim() : ""), z.string().max(1000, "Use at most 1,000 characters.")),
});

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, lab } = await guard(request, params.slug);
  const form = await readForm(request, context);
  const refused = (r: { status: number; message: string }) =>
    data({ about: "", result: refusalResult({ _form: [r.message] }) }, { status: r.status });
  if (form.get("intent") === "revoke") {
    const submission = parseSubmission(form, revokeSchema);
    if (submission.status !== "success")
      return data({ about: String(form.get("credentialId") ?? ""), result: submission.reply({ hideFields: ["_csrf"] }) }, { status: 400 });
    const r = await revokeCredential(actingUser(user, context.ip), submission.value.credentialId, submission.value.reason);
    if (!r.ok) return refused(r);
    return redirectWithFlash(
      request,
      `${samePage(request)}#credential-${submission.value.credentialId}`,
      "Credential revoked. The professional has been told why; verification now shows it as revoked.",
    );
  }
  if (form.get("intent") === "note") {
    const submission = parseSubmission(form, noteSchema);
    if (submission.status !== "success")
      return data({ about: String(form.get("applicationId") ?? ""), result: submission.reply({ hideFields: ["_csrf"] }) }, { status: 400 });
    const r = await setQualityNote(actingUser(user, context.ip), lab.id, submission.value.applicationId, submission.value.qualityNote);
    if (!r.ok) return refused(r);
    return redirectWithFlash(request, `${samePage(request)}#engagement-${submission.value.applicationId}`, "Quality note saved.");
  }
  return data({ about: "", result: refusalResult({ _form: ["Unknown action."] }) }, { status: 400 });
}

function RevokeForm({ id }: { id: string }) {
  const answer = useActionData<typeof action>();
  const lastResult = answer?.about === id ? asSubmissionResult(answer.result) : undefined;
  const [form, fields] = useAppForm({ id: `revoke-${id}`, schema: revokeSchema, lastResult });
  return (
    <details open={Boolean(lastResult)}>
      <summary>Revoke…</summary>
      <Form method="post" {...getFormProps(form)} className="stack">
        <CsrfInput />
        <input type="hidden" name="credentialId" value={id} />
        <FormErrors form={form} labels={{ reason: "Reason" }} />
        <TextareaField
          field={fields.reason}
          label="Reason"
          hint="For example: hours disputed. The professional sees it, and so does anyone who verifies the credential."
          rows={2}
          required
        />
        <p>
          <button type="submit" name="intent" value="revoke" className="danger">
            Revoke credential
          </button>
        </p>
      </Form>
    </details>
  );
}

function NoteForm({ e }: { e: { applicationId: string; qualityNote: string; notesAllowed: boolean } }) {
  const answer = useActionData<typeof action>();
  const lastResult = answer?.about === e.applicationId ? asSubmissionResult(answer.result) : undefined;
  const resetKey = useResetKey();
  const [form, fields] = useAppForm({
    id: `note-${e.applicationId}-${resetKey}`,
    schema: noteSchema,
    lastResult,
    defaultValue: { qualityNote: e.qualityNote },
  });
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <CsrfInput />
      <input type="hidden" name="applicationId" value={e.applicationId} />
      <TextareaField
        field={fields.qualityNote}
        label="Quality note"
        hint={
          e.notesAllowed
            ? "May appear in this person's work credentials."
            : "This gig does not allow quality notes in credentials: the note stays with the lab."
        }
        rows={2}
      />
      <p>
        <button type="submit" name="intent" value="note" className="secondary">
          Save note
        </button>
      </p>
    </Form>
  );
}

export default function LabCredentials() {
  const d = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const general = answer && !answer.about ? asSubmissionResult(answer.result) : undefined;
  return (
    <div className="stack wide">
      <p className="muted">
        <Link to={`/labs/${d.lab.slug}`}>{d.lab.name}</Link>
      </p>
      <h1>Work credentials</h1>
      <p className="lede">
        Professionals can turn the work you record into a signed credential. It names your lab only as each gig's credential descriptor
        says, and includes your quality note only where the gig allows it. Revoke a credential you dispute: verification then shows it as
        revoked.
      </p>
      {general && <RefusalMessage result={general} />}
      <div className="card-grid">
        <section className="card" aria-labelledby="issued-h">
          <h2 id="issued-h">Issued for your gigs</h2>
          {d.credentials.length === 0 ? (
            <p className="muted">No credentials issued for your gigs yet.</p>
          ) : (
            <ul className="plain stack">
              {d.credentials.map((c) => (
                <li key={c.id} id={`credential-${c.id}`} className="card inset">
                  <div className="row between">
                    <strong>{c.holder}</strong>
                    {c.revokedAt ? <span className="pill bad">Revoked</span> : <span className="pill ok">Valid</span>}
                  </div>
                  <p>
                    {c.taskTypes}: {c.summary}, for “{c.client}”. Issued <Time iso={c.issuedAt} />.{" "}
                    <Link to={`/credentials/${c.id}`}>Public page</Link>
                  </p>
                  {c.revokedAt ? (
                    <p className="muted">
                      Revoked <Time iso={c.revokedAt} />: {c.revokedReason}
                    </p>
                  ) : (
                    <RevokeForm id={c.id} />
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="card" aria-labelledby="notes-h">
          <h2 id="notes-h">Quality notes</h2>
          {d.engagements.length === 0 ? (
            <p className="muted">No one is active on your gigs yet.</p>
          ) : (
            <ul className="plain stack">
              {d.engagements.map((e) => (
                <li key={e.applicationId} id={`engagement-${e.applicationId}`} className="card inset">
                  <strong>{e.person}</strong>{" "}
                  <span className="muted">
                    on {e.gigTitle} (credentials name the client “{e.client}”)
                  </span>
                  <NoteForm e={e} />
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </div>
  );
}
