/**
 * /me/credentials: the professional's work credentials (issue 23). Engagements with approved
 * recorded work can be turned into a signed credential; each credential has a stable public link,
 * a download (the signed file, and JSON Resume), and a choice whether it shows on the profile labs see.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { RefusalMessage, asSubmissionResult, refusalResult } from "~/components/conform";
import { CsrfInput } from "~/components/csrf";
import { Time } from "~/components/time";
import { clientDescriptor, taskTypeList, workSummary } from "~/domain/credential";
import { roundHours } from "~/domain/credential";
import { redirectWithFlash } from "~/flash.server";
import { readForm } from "~/http.server";
import { requireProfessional } from "~/permissions.server";
import {
  credentialUrl,
  credentialsOfProfile,
  engagementsWithWork,
  issueCredential,
  setOnPublicProfile,
} from "~/services/credentials.server";
import { actingUser } from "~/services/actor";

export const meta: MetaFunction = () => [{ title: "Work credentials · Second Act" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireProfessional(request);
  const [engagements, credentials] = await Promise.all([engagementsWithWork(user.profileId), credentialsOfProfile(user.profileId)]);
  return {
    engagements: engagements.map((e) => ({
      applicationId: e.applicationId,
      gigTitle: e.gigTitle,
      client: clientDescriptor(e.descriptor),
      qualityNotesAllowed: e.qualityNotesAllowed,
      hours: roundHours(e.work.hours),
      tasks: e.work.tasks,
      from: e.work.firstWorkDate,
      to: e.work.lastWorkDate,
      issued: credentials.filter((c) => c.applicationId === e.applicationId && !c.revokedAt).length,
    })),
    credentials: credentials.map((c) => ({
      id: c.id,
      url: credentialUrl(c.id),
      path: `/credentials/${c.id}`,
      client: c.signed.credential.work.client,
      taskTypes: taskTypeList(c.signed.credential),
      summary: workSummary(c.signed.credential),
      qualityNote: c.signed.credential.work.qualityNote ?? null,
      issuedAt: c.issuedAt.toISOString(),
      onPublicProfile: c.onPublicProfile,
      revokedAt: c.revokedAt?.toISOString() ?? null,
      revokedReason: c.revokedReason,
    })),
  };
}

const schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("issue"), applicationId: z.string().min(1).max(64) }),
  z.object({ intent: z.literal("show"), credentialId: z.string().min(1).max(64) }),
  z.object({ intent: z.literal("hide"), credentialId: z.string().min(1).max(64) }),
]);

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireProfessional(request);
  const form = await readForm(request, context);
  const parsed = schema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return data(refusalResult({ _form: ["That action is not available here."] }), { status: 400 });
  const actor = actingUser(user, context.ip);
  switch (parsed.data.intent) {
    case "issue": {
      const r = await issueCredential(actor, parsed.data.applicationId);
      if (!r.ok) return refused(r);
      return redirectWithFlash(
        request,
        `/me/credentials#credential-${r.id}`,
        "Credential issued. Share its link, or download it for your CV.",
      );
    }
    case "show": {
      const r = await setOnPublicProfile(actor, parsed.data.credentialId, true);
      if (!r.ok) return refused(r);
      return redirectWithFlash(
        request,
        `/me/credentials#credential-${parsed.data.credentialId}`,
        "Shown on your profile: labs and coordinators see it there.",
      );
    }
    case "hide": {
      const r = await setOnPublicProfile(actor, parsed.data.credentialId, false);
      if (!r.ok) return refused(r);
      return redirectWithFlash(
        request,
        `/me/credentials#credential-${parsed.data.credentialId}`,
        "Hidden from your profile. Its link still works for anyone you gave it to.",
      );
    }
  }
}

const refused = (r: { status: number; message: string }) => data(refusalResult({ _form: [r.message] }), { status: r.status });

export default function Credentials() {
  const d = useLoaderData<typeof loader>();
  const refusal = asSubmissionResult(useActionData<typeof action>());
  return (
    <div className="stack wide">
      <p className="muted">
        <Link to="/me">My dashboard</Link>
      </p>
      <h1>Work credentials</h1>
      <p className="lede">
        A signed record of AI-training work you did through Second Act: the kind of work, hours and period, and the client only as the lab
        agreed to be named. Anyone can check a credential on its link; a changed copy does not verify.
      </p>
      {refusal && <RefusalMessage result={refusal} />}

      <section className="card" aria-labelledby="work-h">
        <h2 id="work-h">Recorded work</h2>
        {d.engagements.length === 0 ? (
          <p className="muted">
            No approved recorded work yet. When a lab records hours or tasks for a gig you are active on (or approves what you report), you
            can turn them into a credential here.
          </p>
        ) : (
          <ul className="plain stack">
            {d.engagements.map((e) => (
              <li key={e.applicationId} className="row between">
                <div>
                  <strong>{e.gigTitle}</strong>
                  <div className="muted">
                    {[e.hours > 0 ? `${e.hours} h` : null, e.tasks > 0 ? `${e.tasks} tasks` : null].filter(Boolean).join(", ")}, {e.from} to{" "}
                    {e.to}. The credential will name the client as “{e.client}”
                    {e.qualityNotesAllowed ? " and may include the lab's quality note" : ""}.
                  </div>
                  {e.issued > 0 && (
                    <div className="muted">
                      {e.issued === 1 ? "One credential issued" : `${e.issued} credentials issued`} for this work.
                    </div>
                  )}
                </div>
                <Form method="post">
                  <CsrfInput />
                  <input type="hidden" name="applicationId" value={e.applicationId} />
                  <button type="submit" name="intent" value="issue" className={e.issued > 0 ? "secondary" : undefined}>
                    {e.issued > 0 ? "Issue an updated credential" : "Issue credential"}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="card" aria-labelledby="issued-h">
        <h2 id="issued-h">Your credentials</h2>
        {d.credentials.length === 0 ? (
          <p className="muted">None issued yet.</p>
        ) : (
          <>
            <p>
              <a href="/me/credentials/resume.json" download>
                Download all as JSON Resume
              </a>{" "}
              <span className="muted">
                (work and certificate entries with the signed copies inside, for CV tools that read JSON Resume)
              </span>
            </p>
            <ul className="plain stack">
              {d.credentials.map((c) => (
                <li key={c.id} id={`credential-${c.id}`} className="card inset">
                  <div className="row between">
                    <h3 style={{ margin: 0 }}>{c.taskTypes}</h3>
                    {c.revokedAt ? <span className="pill bad">Revoked</span> : <span className="pill ok">Valid</span>}
                  </div>
                  <p>
                    For {c.client}: {c.summary}. Issued <Time iso={c.issuedAt} />.
                  </p>
                  {c.qualityNote && <blockquote className="note">{c.qualityNote}</blockquote>}
                  {c.revokedAt && (
                    <p className="alert error">
                      Revoked <Time iso={c.revokedAt} />
                      {c.revokedReason ? `: ${c.revokedReason}` : "."}
                    </p>
                  )}
                  <p className="break">
                    Link: <Link to={c.path}>{c.url}</Link>
                  </p>
                  <div className="row">
                    <a href={`/credentials/${c.id}/credential.json`} download={`second-act-credential-${c.id}.json`}>
                      Download signed file
                    </a>
                    <a href={`/me/credentials/resume.json?id=${encodeURIComponent(c.id)}`} download>
                      As JSON Resume
                    </a>
                    {!c.revokedAt && (
                      <Form method="post">
                        <CsrfInput />
                        <input type="hidden" name="credentialId" value={c.id} />
                        {c.onPublicProfile ? (
                          <button type="submit" name="intent" value="hide" className="secondary">
                            Hide from my profile
                          </button>
                        ) : (
                          <button type="submit" name="intent" value="show" className="secondary">
                            Show on my profile
                          </button>
                        )}
                      </Form>
                    )}
                  </div>
                  <p className="muted">{c.onPublicProfile ? "On your profile: labs and coordinators see it." : "Not on your profile."}</p>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </div>
  );
}
