/**
 * A professional's profile as another user sees it. profileAccess decides: "none" → 404,
 * "public" (lab members, LABS visibility) → public fields only, "private" (owner, staff) → also
 * rate, availability date, email and verification notes. Demographics are never sent here.
 * Staff can mark credits verified.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { CsrfInput } from "../components/csrf";
import { ErrorSummary } from "../components/form";
import { db } from "../db.server";
import { languageName } from "../domain/profile";
import { formatLabel, genreLabel, roleLabel, taskTypeName } from "../domain/taxonomy";
import { formToObject, invalid, notFound, readForm } from "../http.server";
import { deny, isStaff } from "../permissions.server";
import { profileForViewer, unverifyCredit, verifyCredit } from "../services/profiles.server";
import { getSessionUser, requireUser } from "../session.server";
import { Time } from "../components/time";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.profile.displayName ?? "Profile"} · Second Act` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  const profile = await profileForViewer(params.id ?? "", user);
  if (!profile) throw notFound("No such profile.");
  return { profile, canVerify: isStaff(user) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readForm(request, context);
  if (!isStaff(user)) deny("Only coordinators can verify credits.");
  const values = formToObject(form);
  const creditId = typeof values.creditId === "string" ? values.creditId : "";
  const credit = await db().credit.findFirst({ where: { id: creditId, profileId: params.id ?? "" }, select: { id: true } });
  if (!credit) throw notFound("No such credit on this profile.");
  const actor = { id: user.id, role: user.role, ip: context.ip };
  if (values.intent === "verify") {
    const result = await verifyCredit(credit.id, typeof values.note === "string" ? values.note : "", actor);
    if (!result.ok) return invalid(result.errors, values);
    return redirect(`/people/${params.id}?verified=1#credit-${credit.id}`);
  }
  if (values.intent === "unverify") {
    const result = await unverifyCredit(credit.id, actor);
    if (!result.ok) return invalid(result.errors, values);
    return redirect(`/people/${params.id}?unverified=1#credit-${credit.id}`);
  }
  return invalid({ _form: ["Unknown action."] });
}

export default function PersonPage() {
  const { profile, canVerify } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const priv = profile.private;
  return (
    <article className="stack">
      {params.get("verified") && (
        <p className="alert ok" role="status">
          Credit marked verified. The transfer scores were recomputed.
        </p>
      )}
      {params.get("unverified") && (
        <p className="alert ok" role="status">
          Verification removed.
        </p>
      )}
      <ErrorSummary errors={result && !result.ok ? result.errors : undefined} />
      <header>
        <h1>{profile.displayName}</h1>
        {profile.headline && <p className="lede">{profile.headline}</p>}
        {profile.isOwner && (
          <p className="muted small">
            This is how your profile looks to coordinators{priv?.visibility === "LABS" ? " and, without the private section, to lab members" : ""}.{" "}
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
          {profile.languages.length > 0 && <li>Languages: {profile.languages.map((l) => `${languageName(l.code)} (${l.level})`).join(", ")}</li>}
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
            <li>AI-use terms: {priv.aiUseConsent ? <>accepted <Time iso={priv.aiUseConsent.at} /> ({priv.aiUseConsent.version})</> : "not accepted"}</li>
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

      <section aria-labelledby="credits-h" className="stack">
        <h2 id="credits-h">Credits</h2>
        {profile.credits.length === 0 ? (
          <p className="empty">No credits yet.</p>
        ) : (
          <table>
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
                    <td>
                      <strong>{c.showTitle}</strong> {c.verified && <span className="pill">Verified</span>}
                      <br />
                      <span className="small muted">{[c.network, formatLabel(c.format), ...c.genres.map(genreLabel)].filter(Boolean).join(" · ")}</span>
                    </td>
                    <td>{roleLabel(c.role)}</td>
                    <td>
                      {c.startYear}–{c.endYear ?? "present"}
                    </td>
                    <td>{c.episodes}</td>
                    {canVerify && (
                      <td>
                        {c.verified ? (
                          <>
                            {v && (
                              <p className="small">
                                By {v.by}, <Time iso={v.at} />
                                {v.note ? `: ${v.note}` : ""}
                              </p>
                            )}
                            <Form method="post">
                              <CsrfInput />
                              <input type="hidden" name="creditId" value={c.id} />
                              <button type="submit" name="intent" value="unverify" className="secondary small">
                                Remove verification
                              </button>
                            </Form>
                          </>
                        ) : (
                          <Form method="post" className="stack">
                            <CsrfInput />
                            <input type="hidden" name="creditId" value={c.id} />
                            <label htmlFor={`note-${c.id}`} className="small">
                              How you checked it (optional)
                            </label>
                            <input id={`note-${c.id}`} name="note" maxLength={500} placeholder="e.g. IMDbPro, WGA directory" />
                            <button type="submit" name="intent" value="verify" className="small">
                              Mark verified
                            </button>
                          </Form>
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
