/**
 * A professional's profile as another user sees it. profileAccess decides: "none" → 404,
 * "public" (lab members, LABS visibility) → public fields only, "private" (owner, staff) → also
 * rate, availability date, email and verification notes. Demographics are never sent here.
 * Staff can mark credits verified.
 */
import { getFormProps } from "@conform-to/react";
import { PublicCredentials } from "~/components/credential";
import { publicCredentialItems } from "~/services/credentials.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import {
  FormLevelErrors,
  InputField,
  RefusalMessage,
  type SubmissionResult,
  asSubmissionResult,
  parseSubmission,
  refusalResult,
  replyOptions,
  useAppForm,
  useResetKey,
} from "~/components/conform";
import { CsrfInput } from "~/components/csrf";
import { languageName } from "~/domain/profile";
import { formatLabel, genreLabel, roleLabel, taskTypeName } from "~/domain/taxonomy";
import { getFlash, redirectWithFlash } from "~/flash.server";
import { notFound, readForm } from "~/http.server";
import { deny, isStaff } from "~/permissions.server";
import { creditOnProfile, profileForViewer, unverifyCredit, verifyCredit } from "~/services/profiles.server";
import { getSessionUser, requireUser } from "~/session.server";
import { Time } from "~/components/time";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.profile.displayName ?? "Profile"} · Second Act` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  const profile = await profileForViewer(params.id ?? "", user);
  if (!profile) throw notFound("No such profile.");
  const canVerify = isStaff(user);
  // A verification's confirmation is shown on the credit's row (where the button was pressed).
  const { flash, clear } = canVerify ? await getFlash(request) : { flash: null, clear: null };
  const credentials = await publicCredentialItems(profile.id);
  return data(
    { profile, canVerify, credentials, flash: flash?.about?.startsWith("credit-") ? flash : null },
    { headers: clear ? { "Set-Cookie": clear } : {} },
  );
}

export const verifySchema = z.object({
  intent: z.literal("verify"),
  creditId: z.string().min(1).max(40),
  note: z.string().trim().max(500, "Use at most 500 characters.").default(""),
});
export const unverifySchema = z.object({ intent: z.literal("unverify"), creditId: z.string().min(1).max(40) });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readForm(request, context);
  if (!isStaff(user)) deny("Only coordinators can verify credits.");
  const creditId = form.get("creditId");
  const credit = typeof creditId === "string" ? await creditOnProfile(creditId, params.id ?? "") : null;
  if (!credit) throw notFound("No such credit on this profile.");
  const actor = { id: user.id, role: user.role, ip: context.ip };
  const back = `/people/${params.id}#credit-${credit.id}`;
  const intent = form.get("intent");
  if (intent === "verify") {
    const submission = parseSubmission(form, verifySchema);
    if (submission.status !== "success") return data(submission.reply({ hideFields: ["_csrf"] }), { status: 400 });
    const result = await verifyCredit(credit.id, submission.value.note, actor);
    if (!result.ok) return data(submission.reply(replyOptions(result.errors)), { status: 400 });
    return redirectWithFlash(request, back, "Credit marked verified. The transfer scores were recomputed.", {
      about: `credit-${credit.id}`,
    });
  }
  if (intent === "unverify") {
    const submission = parseSubmission(form, unverifySchema);
    if (submission.status !== "success") return data(submission.reply({ hideFields: ["_csrf"] }), { status: 400 });
    const result = await unverifyCredit(credit.id, actor);
    if (!result.ok) return data(submission.reply(replyOptions(result.errors)), { status: 400 });
    return redirectWithFlash(request, back, "Verification removed.", { about: `credit-${credit.id}` });
  }
  return data(refusalResult({ _form: ["Unknown action."] }), { status: 400 });
}

function VerifyForm({ creditId, lastResult }: { creditId: string; lastResult?: SubmissionResult<string[]> }) {
  const [form, fields] = useAppForm({ id: `verify-${creditId}`, schema: verifySchema, lastResult, shouldValidate: "onSubmit" });
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <CsrfInput />
      <input type="hidden" name="intent" value="verify" />
      <input type="hidden" name="creditId" value={creditId} />
      <FormLevelErrors form={form} />
      <InputField
        field={fields.note}
        label="How you checked it"
        placeholder="e.g. IMDbPro, WGA directory"
        autoFocus={Boolean(fields.note.errors?.length)}
      />
      <p>
        <button type="submit" className="small">
          Mark verified
        </button>
      </p>
    </Form>
  );
}

function UnverifyForm({ creditId, lastResult }: { creditId: string; lastResult?: SubmissionResult<string[]> }) {
  const [form] = useAppForm({ id: `unverify-${creditId}`, schema: unverifySchema, lastResult });
  return (
    <Form method="post" {...getFormProps(form)}>
      <CsrfInput />
      <input type="hidden" name="intent" value="unverify" />
      <input type="hidden" name="creditId" value={creditId} />
      <FormLevelErrors form={form} />
      <button type="submit" className="secondary small">
        Remove verification
      </button>
    </Form>
  );
}

export default function PersonPage() {
  const { profile, canVerify, credentials, flash } = useLoaderData<typeof loader>();
  const result = asSubmissionResult(useActionData<typeof action>());
  const answered = result?.initialValue;
  const resetKey = useResetKey();
  const priv = profile.private;
  return (
    <article className="stack">
      {result && !answered && <RefusalMessage result={result} />}
      <header>
        <h1>{profile.displayName}</h1>
        {profile.headline && <p className="lede">{profile.headline}</p>}
        {profile.isOwner && (
          <p className="muted small">
            This is how your profile looks to coordinators
            {priv?.visibility === "LABS" ? " and, without the private section, to lab members" : ""}.{" "}
            <Link to="/me/profile">Edit your profile</Link>
          </p>
        )}
      </header>

      <section className="card">
        <h2>About</h2>
        {profile.bio ? <p style={{ whiteSpace: "pre-line" }}>{profile.bio}</p> : <p className="muted">No bio yet.</p>}
        <ul>
          {profile.location && <li>Location: {profile.location}</li>}
          <li>Time zone: {profile.timezone}</li>
          {profile.hoursPerWeek != null && <li>Available {profile.hoursPerWeek} hours a week</li>}
          {profile.languages.length > 0 && (
            <li>Languages: {profile.languages.map((l) => `${languageName(l.code)} (${l.level})`).join(", ")}</li>
          )}
        </ul>
        {profile.links.length > 0 && (
          <>
            <h3>Portfolio</h3>
            <ul>
              {profile.links.map((l) => (
                <li key={l}>
                  <a href={l} rel="noopener noreferrer nofollow ugc" target="_blank">
                    {l}
                  </a>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      {priv && (
        <section className="card" aria-labelledby="private-h">
          <h2 id="private-h">Private details</h2>
          <p className="muted small">Only {profile.isOwner ? "you and " : ""}Second Act coordinators see this section.</p>
          <ul>
            <li>Email: {priv.email}</li>
            <li>Minimum rate: {priv.minRate ? `${priv.minRate}/h` : "not set"}</li>
            <li>Available from: {priv.availableFrom ?? "not set"}</li>
            <li>Visible to: {priv.visibility === "LABS" ? "labs and coordinators" : "coordinators only"}</li>
            <li>
              AI-use terms:{" "}
              {priv.aiUseConsent ? (
                <>
                  accepted <Time iso={priv.aiUseConsent.at} /> ({priv.aiUseConsent.version})
                </>
              ) : (
                "not accepted"
              )}
            </li>
          </ul>
        </section>
      )}

      <section aria-labelledby="transfer-h" className="stack">
        <h2 id="transfer-h">Transfer profile</h2>
        {profile.transfer.scores.length === 0 ? (
          <p className="empty">{profile.transfer.guidance ?? "No transfer scores yet."}</p>
        ) : (
          <ol className="stack">
            {profile.transfer.scores.map((s) => (
              <li key={s.taskType}>
                <strong>{taskTypeName(s.taskType)}</strong> <span className="score">{s.score}</span>
                <div className="meter" role="img" aria-label={`${s.score} out of 100`}>
                  <span style={{ width: `${s.score}%` }} />
                </div>
                <p className="small">{s.explanation}</p>
                <details>
                  <summary className="small">Evidence</summary>
                  <ul className="small">
                    {s.evidence.map((e) => (
                      <li key={`${e.creditId}`}>
                        <strong>{e.showTitle}</strong> ({Math.round(e.contribution * 100)}): {e.rationale}
                      </li>
                    ))}
                  </ul>
                </details>
              </li>
            ))}
          </ol>
        )}
      </section>

      <PublicCredentials items={credentials} />

      <section aria-labelledby="credits-h" className="stack">
        <h2 id="credits-h">Credits</h2>
        {profile.credits.length === 0 ? (
          <p className="empty">No credits yet.</p>
        ) : (
          <table className="records">
            <thead>
              <tr>
                <th scope="col">Show</th>
                <th scope="col">Role</th>
                <th scope="col">Years</th>
                <th scope="col">Episodes</th>
                {canVerify && <th scope="col">Verification</th>}
              </tr>
            </thead>
            <tbody>
              {profile.credits.map((c) => {
                const v = priv?.verification[c.id];
                return (
                  <tr key={c.id} id={`credit-${c.id}`}>
                    <td data-label="Show">
                      <strong>{c.showTitle}</strong> {c.verified && <span className="pill">Verified</span>}
                      <br />
                      <span className="small muted">
                        {[c.network, formatLabel(c.format), ...c.genres.map(genreLabel)].filter(Boolean).join(" · ")}
                      </span>
                    </td>
                    <td data-label="Role">{roleLabel(c.role)}</td>
                    <td data-label="Years">
                      {c.startYear}–{c.endYear ?? "present"}
                    </td>
                    <td data-label="Episodes">{c.episodes}</td>
                    {canVerify && (
                      <td data-label="Verification">
                        {flash?.about === `credit-${c.id}` && (
                          <p className="alert ok small" role="status">
                            {flash.message}
                          </p>
                        )}
                        {c.verified ? (
                          <>
                            {v && (
                              <p className="small">
                                By {v.by}, <Time iso={v.at} />
                                {v.note ? `: ${v.note}` : ""}
                              </p>
                            )}
                            <UnverifyForm
                              key={resetKey}
                              creditId={c.id}
                              lastResult={answered?.intent === "unverify" && answered.creditId === c.id ? result : undefined}
                            />
                          </>
                        ) : (
                          <VerifyForm
                            key={resetKey}
                            creditId={c.id}
                            lastResult={answered?.intent === "verify" && answered.creditId === c.id ? result : undefined}
                          />
                        )}
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
    </article>
  );
}
