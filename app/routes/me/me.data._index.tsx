/**
 * /me/data: transparency for professionals. What they agreed to (every consent and contract,
 * version and time), what each gig they applied to will train, links to "why matched",
 * "Download my data" and "Delete my account".
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import {
  FocusedFormErrors,
  InputField,
  asSubmissionResult,
  firstErrorField,
  parseSubmission,
  replyOptions,
  useAppForm,
} from "~/components/conform";
import { CsrfInput } from "~/components/csrf";
import { stageLabel, type Stage } from "~/domain/onboarding";
import { readForm } from "~/http.server";
import { requireProfessional } from "~/permissions.server";
import { deleteAccount, transparency } from "~/services/privacy.server";
import { destroySession } from "~/session.server";
import { Time } from "~/components/time";

export const meta: MetaFunction = () => [{ title: "My data · Second Act" }];

const CREATIVE: Record<string, string> = {
  NO: "No: outputs will not be used to generate scripts or other creative work.",
  YES: "Yes: outputs may be used to generate scripts or other creative work.",
  UNDECIDED: "Not decided yet.",
};

const when = (d: Date | string) => new Date(d).toISOString();

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireProfessional(request);
  const t = await transparency(user.id);
  return {
    ...t,
    memberSince: when(t.memberSince),
    consents: t.consents.map((c) => ({ ...c, acceptedAt: when(c.acceptedAt) })),
    applications: t.applications.map((a) => ({ ...a, createdAt: when(a.createdAt), stageLabel: stageLabel(a.stage as Stage) })),
    profile: t.profile ? { ...t.profile, aiUseConsentAt: t.profile.aiUseConsentAt ? when(t.profile.aiUseConsentAt) : null } : null,
  };
}

const schema = z.object({
  intent: z.literal("delete"),
  confirmEmail: z.string().trim().min(1, "Type your email address to confirm.").max(320),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireProfessional(request);
  const form = await readForm(request, context);
  const submission = parseSubmission(form, schema);
  if (submission.status !== "success") return data(submission.reply({ hideFields: ["_csrf"] }), { status: 400 });
  if (submission.value.confirmEmail.toLowerCase() !== user.email.trim().toLowerCase()) {
    return data(
      submission.reply(replyOptions({ confirmEmail: ["That is not the email address of this account. Type it exactly to confirm."] })),
      { status: 400 },
    );
  }
  const result = await deleteAccount(user.id);
  if (!result.ok)
    return data(submission.reply(replyOptions({ _form: [result.message] })), {
      status: result.status >= 400 && result.status < 500 ? result.status : 400,
    });
  return redirect("/me/data/deleted", { headers: { "Set-Cookie": await destroySession(request) } });
}

/** "Delete my account": the one form on this page. */
function DeleteAccountForm({ email }: { email: string }) {
  const result = asSubmissionResult(useActionData<typeof action>());
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useAppForm({ id: "delete-account", schema, lastResult: result });
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <FocusedFormErrors form={form} labels={{ confirmEmail: "Your email address" }} result={result} />
      <CsrfInput />
      <input type="hidden" name="intent" value="delete" />
      <InputField
        field={fields.confirmEmail}
        type="email"
        label="Type your email address to confirm"
        required
        autoComplete="off"
        hint={`The address you sign in with (${email}).`}
        autoFocus={firstErrorField(result, ["confirmEmail"]) === "confirmEmail"}
      />
      <p>
        <button type="submit" className="danger" disabled={busy}>
          Delete my account permanently
        </button>
      </p>
    </Form>
  );
}

export default function MyData() {
  const d = useLoaderData<typeof loader>();
  return (
    <div className="stack" style={{ maxWidth: 900 }}>
      <p className="muted">
        <Link to="/me">My dashboard</Link>
      </p>
      <h1>My data</h1>
      <p className="lede">What you agreed to, what your work trains, and everything we hold about you: download it or delete it.</p>

      <section className="card" aria-labelledby="consents-h">
        <h2 id="consents-h">What you agreed to</h2>
        {d.consents.length === 0 ? (
          <p className="muted">You have not accepted any terms, agreements or notices yet.</p>
        ) : (
          <table className="records">
            <thead>
              <tr>
                <th scope="col">Agreement</th>
                <th scope="col">Version</th>
                <th scope="col">Accepted</th>
                <th scope="col">For</th>
              </tr>
            </thead>
            <tbody>
              {d.consents.map((c) => (
                <tr key={c.id}>
                  <td data-label="Agreement">
                    {c.kindLabel}
                    {c.text ? (
                      <details>
                        <summary className="small">Read the text you accepted</summary>
                        <p className="small">
                          <strong>{c.text.title}.</strong> {c.text.text}
                        </p>
                      </details>
                    ) : (
                      <p className="muted small">An earlier version; ask a coordinator for its text.</p>
                    )}
                  </td>
                  <td data-label="Version">{c.version}</td>
                  <td data-label="Accepted">
                    <Time iso={c.acceptedAt} relative={false} />
                  </td>
                  <td data-label="For">
                    {c.gig ? (
                      <>
                        <Link to={`/me/applications/${c.applicationId}`}>{c.gig.title}</Link>
                        <br />
                        <span className="muted small">{c.gig.lab}</span>
                      </>
                    ) : c.applicationId ? (
                      "A gig application"
                    ) : (
                      "Your account"
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {d.profile && (
          <p className="small">
            Demographic reporting: {d.profile.demographicsOptIn ? "you opted in" : "you have not opted in"}.
            {d.profile.demographicsOptIn && d.profile.demographics && Object.keys(d.profile.demographics).length > 0 && (
              <> Your answers: {Object.values(d.profile.demographics).join(", ")}.</>
            )}{" "}
            They are used only in aggregate fairness reports with groups under 10 people hidden; labs never see them.{" "}
            <Link to="/me/profile#demographics">Change or remove them</Link>.
          </p>
        )}
      </section>

      <section className="card" aria-labelledby="gigs-h">
        <h2 id="gigs-h">What your work trains</h2>
        {d.applications.length === 0 ? (
          <p className="muted">
            You have not applied to or been invited to any gig. <Link to="/gigs">Browse gigs</Link>.
          </p>
        ) : (
          d.applications.map((a) => (
            <article key={a.id} className="disclosure" style={{ marginBottom: "0.75rem" }}>
              <h3 style={{ marginTop: 0 }}>
                <Link to={`/gigs/${a.gig.id}`}>{a.gig.title}</Link> <span className="muted small">· {a.gig.lab}</span>
              </h3>
              <p>
                <strong>Trains:</strong> {a.gig.trains || "Not stated."}
              </p>
              <p>
                <strong>Creative use of outputs:</strong> {CREATIVE[a.gig.creativeUse] ?? "Not stated."}
              </p>
              <p>
                <strong>Retention:</strong> {a.gig.retention || "Not stated."}
              </p>
              <p className="small">
                {a.origin === "APPLIED" ? "Applied" : a.origin === "RECOMMENDED" ? "Invited (recommended to the lab)" : "Invited"}{" "}
                <Time iso={a.createdAt} /> · now: {a.stageLabel} ·{" "}
                <Link to={`/me/applications/${a.id}`}>
                  Why you were matched{a.matchScore != null ? ` (${a.matchScore}/100)` : ""} and your history
                </Link>
              </p>
            </article>
          ))
        )}
      </section>

      <section className="card" aria-labelledby="download-h">
        <h2 id="download-h">Download my data</h2>
        <p>
          One JSON file with your account ({d.email}, member since <Time iso={d.memberSince} relative={false} />
          ), profile including demographic answers, {d.counts.credits} credits, {d.counts.applications} applications with their full
          history, {d.counts.consents} accepted agreements, {d.counts.notifications} notifications, your sign-in sessions and the actions
          you took. Your password is stored only as a one-way hash and is not included.
        </p>
        <p>
          <a className="button secondary" href="/me/data/export.json" download>
            Download my data (JSON)
          </a>{" "}
          <a className="button secondary" href="/me/data/resume.json" download>
            Profile as JSON Resume
          </a>
        </p>
      </section>

      <section className="card" aria-labelledby="delete-h">
        <h2 id="delete-h">Delete my account</h2>
        <p>This cannot be undone. We delete, straight away:</p>
        <ul>
          <li>your account, sign-in sessions and any reset or verification links;</li>
          <li>your profile, including demographic answers, and all your credits;</li>
          <li>your applications with their history, screening results and review requests (labs stop seeing you as an applicant);</li>
          <li>your accepted agreements, notifications and the emails we sent you;</li>
          <li>your entry in talent search (removed from the search index shortly after).</li>
        </ul>
        <p>What we keep, and why:</p>
        <ul>
          <li>
            <strong>A deletion record</strong>: your account's internal id, a one-way hash of your email address (not the address), when you
            deleted the account, how many items were deleted, and, for each NDA or contract you accepted, its version, when you accepted it
            and for which gig. Labs may rely on those agreements, so we keep proof of what was agreed in case of a dispute.
          </li>
          <li>
            <strong>The audit log</strong> of actions taken in the app (for example "application moved to Training"), by internal account
            id. It holds no name or email; we remove your IP addresses from it and replace any stored email address with its hash.
          </li>
          <li>Lab members' notifications that said you applied are reworded so they no longer show your name.</li>
        </ul>
        <DeleteAccountForm email={d.email} />
      </section>
    </div>
  );
}
