/**
 * One candidate on a gig: the person (profile summary, transfer scores and match reasons for this
 * gig, credits) beside the application (their note, the screening submission and its scoring, the
 * decision buttons, the stage history). Reached from every board card and from the gig page.
 * Coordinators and admins see everything; the gig's lab sees what the person shares with it
 * (app/services/candidates.server.ts decides); everyone else gets a 404.
 */
import { getFormProps } from "@conform-to/react";
import { PublicCredentials } from "~/components/credential";
import { publicCredentialItems } from "~/services/credentials.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import {
  InputField,
  RefusalMessage,
  type SubmissionResult,
  TextareaField,
  firstErrorField,
  parseSubmission,
  refusalResult,
  replyOptions,
  useAppForm,
  useResetKey,
  formPropsFocusing,
} from "~/components/conform";
import { CsrfInput } from "~/components/csrf";
import { boardQuery, candidateMoveSchema, candidateScoreSchema, readBoardFilters } from "~/domain/board";
import { WorkSummaryCard } from "~/components/work";
import { workView } from "~/services/work.server";
import { languageName } from "~/domain/profile";
import { formatLabel, genreLabel, roleLabel, taskTypeName } from "~/domain/taxonomy";
import { getFlash, redirectWithFlash } from "~/flash.server";
import { notFound, readForm } from "~/http.server";
import { canActOnCandidate, candidateView, moveCandidate, scoreCandidate } from "~/services/candidates.server";
import { requireUser } from "~/session.server";
import { Time } from "~/components/time";
import { Conversation } from "~/components/messages";
import { hideFormSchema, messageFormSchema } from "~/domain/messages";
import { conversationFor, hideMessage, sendMessage } from "~/services/messages.server";
import { refusalMessages } from "~/services/result";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.candidate.person.displayName ?? "Candidate"} for ${data?.candidate.gig.title ?? "a gig"} · Second Act` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const candidate = await candidateView(params.id ?? "", params.applicationId ?? "", user);
  if (!candidate) throw notFound("No such application on this gig.");
  const { flash, clear } = await getFlash(request);
  const headers: HeadersInit = clear ? { "Set-Cookie": clear } : {};
  // Work credentials the person chose to show, only to a viewer who may see their profile.
  const credentials = candidate.person.shared ? await publicCredentialItems(candidate.person.profileId) : [];
  // Viewing the newest page of the conversation marks it read.
  const conversation = await conversationFor(candidate.application.id, user, {
    gigId: candidate.gig.id,
    earlier: new URL(request.url).searchParams.get("earlier"),
    markRead: true,
  });
  return data({ candidate, flash, credentials, work: await workView(candidate.application.id), conversation }, { headers });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const gigId = params.id ?? "";
  const applicationId = params.applicationId ?? "";
  if (!(await canActOnCandidate(gigId, applicationId, user))) throw notFound("No such application on this gig.");
  const form = await readForm(request, context);
  const actor = { id: user.id, role: user.role, profileId: user.profileId, labId: user.labId, ip: context.ip };
  // Back to this view with the board filters it was opened with (and nothing else from the URL).
  const here = (anchor: string) =>
    `/coord/gigs/${gigId}/candidates/${applicationId}${boardQuery(readBoardFilters(new URL(request.url).searchParams))}#${anchor}`;
  const intent = form.get("intent");
  if (intent === "move") {
    const submission = parseSubmission(form, candidateMoveSchema);
    if (submission.status !== "success") return refuse("decision", submission.reply({ hideFields: HIDE }));
    const r = await moveCandidate(gigId, { ...submission.value, applicationId }, actor);
    if (!r.ok) return refuse("decision", submission.reply({ formErrors: refusalMessages(r), hideFields: HIDE }), r.status);
    return redirectWithFlash(request, here("decision"), r.message, { about: "decision" });
  }
  if (intent === "score") {
    const submission = parseSubmission(form, candidateScoreSchema);
    if (submission.status !== "success") return refuse("screening", submission.reply({ hideFields: HIDE }));
    const r = await scoreCandidate(gigId, { ...submission.value, applicationId }, actor);
    if (!r.ok) return refuse("screening", submission.reply({ formErrors: refusalMessages(r), hideFields: HIDE }), r.status);
    return redirectWithFlash(request, here("screening"), r.message, { about: "screening" });
  }
  if (intent === "message") {
    const submission = parseSubmission(form, messageFormSchema);
    if (submission.status !== "success") return refuse("messages", submission.reply({ hideFields: HIDE }));
    const r = await sendMessage(applicationId, submission.value.body, actor, { gigId });
    if (!r.ok)
      return refuse("messages", submission.reply(replyOptions(r.field ? { [r.field]: [r.message] } : { _form: [r.message] })), r.status);
    return redirectWithFlash(request, here("messages"), r.message, { about: "messages" });
  }
  if (intent === "hide") {
    const submission = parseSubmission(form, hideFormSchema);
    if (submission.status !== "success") return refuse("hide", submission.reply({ hideFields: HIDE }));
    const r = await hideMessage(applicationId, submission.value, actor, { gigId });
    if (!r.ok)
      return refuse("hide", submission.reply(replyOptions(r.field ? { [r.field]: [r.message] } : { _form: [r.message] })), r.status);
    return redirectWithFlash(request, here("messages"), r.message, { about: "messages" });
  }
  return refuse(null, refusalResult({ _form: ["Unknown action."] }));
}

const HIDE = ["_csrf"];
/** A refusal and the section it is about ("decision", "screening"; null = the page), shown there. */
type Refusal = { about: "decision" | "screening" | "messages" | "hide" | null; result: SubmissionResult<string[]> };
function refuse(about: Refusal["about"], result: SubmissionResult<string[]>, status = 400) {
  return data<Refusal>({ about, result }, { status: status >= 400 && status < 500 ? status : 400 });
}

/** In the viewer's zone, relative where natural (app/components/time.tsx). */
const when = (iso: string) => <Time iso={iso} />;

export default function CandidatePage() {
  const { candidate: c, flash, work, credentials, conversation } = useLoaderData<typeof loader>();
  const refusal = useActionData<typeof action>() as Refusal | undefined;
  const resetKey = useResetKey();
  const location = useLocation();
  const filters = readBoardFilters(new URLSearchParams(location.search));
  const back = `/coord/gigs/${c.gig.id}${boardQuery(filters)}#card-${c.application.id}`;
  const about = (a: Refusal["about"]) => (refusal?.about === a ? refusal.result : undefined);
  const p = c.person.profile;
  const s = c.application.screening;
  const notice = (about: string) =>
    flash?.about === about ? (
      <p className="alert ok" role="status">
        {flash.message}
      </p>
    ) : null;
  const forward = c.application.actions.filter((a) => a.reason !== "required");
  const ending = c.application.actions.filter((a) => a.reason === "required" && a.to !== "OFFBOARDED");
  return (
    <article className="stack candidate-page">
      <p className="muted">
        <Link to={back}>← Back to the board{filters.q || filters.stale ? " (same filters)" : ""}</Link> ·{" "}
        <Link to={`/gigs/${c.gig.id}`}>{c.gig.title}</Link> · {c.gig.labName}
      </p>
      <header>
        <h1>{c.person.displayName}</h1>
        {c.person.headline && <p className="lede">{c.person.headline}</p>}
        <p>
          <span className="pill">{c.application.stageLabel}</span>
          {c.match.score != null && (
            <span className="pill" title="Match score for this gig">
              Match {c.match.score}/100
            </span>
          )}
          <span className="pill">
            {c.application.origin === "APPLIED"
              ? "Applied"
              : c.application.origin === "RECOMMENDED"
                ? "Invited from recommendations"
                : "Invited"}
          </span>
        </p>
        <nav aria-label="On this page" className="small jump-links">
          Jump to: <a href="#note">their note</a>
          {(c.gig.screeningRequired || s.sentAt) && (
            <>
              {" · "}
              <a href="#screening">screening</a>
            </>
          )}
          {" · "}
          <a href="#decision">decision</a> · <a href="#messages">messages</a> · <a href="#history">history</a>
        </nav>
      </header>
      {flash && !["decision", "screening", "messages"].includes(flash.about ?? "") && (
        <p className="alert ok" role="status">
          {flash.message}
        </p>
      )}
      {refusal && refusal.about === null && <RefusalMessage result={refusal.result} />}
      <div className="candidate-cols">
        <section className="stack" aria-labelledby="person-h">
          <h2 id="person-h">The person</h2>
          {!c.person.shared || !p ? (
            <p className="card">
              {c.person.displayName} shares their profile with coordinators only. You will see their profile, credits and transfer scores
              here if they accept the invitation.
            </p>
          ) : (
            <>
              <section className="card" aria-labelledby="why-h">
                <h3 id="why-h">Why they match this gig</h3>
                {c.match.reasons.length ? (
                  <ul>
                    {c.match.reasons.map((r) => (
                      <li key={r}>{r}</li>
                    ))}
                  </ul>
                ) : (
                  <p className="muted">No match reasons recorded.</p>
                )}
                <h4>Transfer scores for this gig's tasks</h4>
                <ul className="stack plain">
                  {c.transfer.forGig.map((t) => (
                    <li key={t.taskType}>
                      <strong>{taskTypeName(t.taskType)}</strong> <span className="score">{t.score}</span>
                      <div className="meter" role="img" aria-label={`${t.score} out of 100`}>
                        <span style={{ width: `${t.score}%` }} />
                      </div>
                      <span className="small">{t.explanation}</span>
                    </li>
                  ))}
                  {c.transfer.missingForGig.map((t) => (
                    <li key={t}>
                      <strong>{taskTypeName(t)}</strong> <span className="muted small">no transfer from their credits yet</span>
                    </li>
                  ))}
                </ul>
                {c.transfer.other.length > 0 && (
                  <p className="small">
                    Other strengths: {c.transfer.other.map((t) => `${taskTypeName(t.taskType)} ${t.score}`).join(" · ")}
                  </p>
                )}
              </section>
              <PublicCredentials items={credentials} />
              <section className="card" aria-labelledby="about-h">
                <h3 id="about-h">Profile</h3>
                {p.bio ? <p style={{ whiteSpace: "pre-line" }}>{p.bio}</p> : <p className="muted">No bio.</p>}
                <ul>
                  {p.location && <li>Location: {p.location}</li>}
                  <li>Time zone: {p.timezone}</li>
                  {p.hoursPerWeek != null && <li>Available {p.hoursPerWeek} hours a week</li>}
                  {p.languages.length > 0 && (
                    <li>Languages: {p.languages.map((l) => `${languageName(l.code)} (${l.level})`).join(", ")}</li>
                  )}
                  {p.links.map((l) => (
                    <li key={l}>
                      <a href={l} rel="noopener noreferrer nofollow ugc" target="_blank">
                        {l}
                      </a>
                    </li>
                  ))}
                </ul>
                {p.private && (
                  <div className="small">
                    <p className="muted">Coordinators only:</p>
                    <ul>
                      <li>Email: {p.private.email}</li>
                      <li>Minimum rate: {p.private.minRate ? `${p.private.minRate}/h` : "not set"}</li>
                      <li>Available from: {p.private.availableFrom ?? "not set"}</li>
                      <li>Profile visible to: {p.private.visibility === "LABS" ? "labs and coordinators" : "coordinators only"}</li>
                    </ul>
                  </div>
                )}
                {c.person.fullProfile && (
                  <p className="small">
                    <Link to={`/people/${c.person.profileId}`}>Full profile</Link>
                  </p>
                )}
              </section>
              <section className="card" aria-labelledby="credits-h">
                <h3 id="credits-h">Credits ({p.credits.length})</h3>
                {p.credits.length === 0 ? (
                  <p className="muted">No credits yet.</p>
                ) : (
                  <ul className="stack plain">
                    {p.credits.map((cr) => (
                      <li key={cr.id}>
                        <strong>{cr.showTitle}</strong> {cr.verified && <span className="pill ok">Verified</span>}
                        <br />
                        {roleLabel(cr.role)} · {cr.startYear}–{cr.endYear ?? "present"} · {cr.episodes} episode
                        {cr.episodes === 1 ? "" : "s"}
                        <br />
                        <span className="small muted">
                          {[cr.network, formatLabel(cr.format), ...cr.genres.map(genreLabel)].filter(Boolean).join(" · ")}
                        </span>
                      </li>
                    ))}
                  </ul>
                )}
              </section>
            </>
          )}
        </section>

        <section className="stack" aria-labelledby="application-h">
          <h2 id="application-h">The application</h2>
          <section className="card" id="note" aria-labelledby="note-h">
            <h3 id="note-h">Their note</h3>
            {c.application.note ? (
              <blockquote className="note">{c.application.note}</blockquote>
            ) : (
              <p className="muted">{c.application.origin === "APPLIED" ? "They applied without a note." : "Invited: no note."}</p>
            )}
            <p className="small muted">
              {c.application.origin === "APPLIED" ? "Applied" : "Invited"} {when(c.application.appliedAt)}
            </p>
          </section>

          {(c.gig.screeningRequired || s.sentAt) && (
            <section className="card" id="screening" aria-labelledby="screening-h">
              <h3 id="screening-h">Screening</h3>
              {notice("screening")}
              {c.gig.screeningInstructions && <p className="small muted">Task: {c.gig.screeningInstructions}</p>}
              {!s.sentAt ? (
                <p className="muted">Not sent yet: it is sent when you move them to screening.</p>
              ) : !s.submittedAt ? (
                <p>Sent {when(s.sentAt)}; not submitted yet.</p>
              ) : (
                <>
                  <p className="small">Submitted {when(s.submittedAt)}</p>
                  {s.answer ? (
                    <blockquote className="note" data-testid="screening-answer">
                      {s.answer}
                    </blockquote>
                  ) : (
                    <p className="muted">They marked it done without a written answer (the task was completed outside Second Act).</p>
                  )}
                  {s.score != null && (
                    <p>
                      <strong>Scored {s.score}/100.</strong> {s.feedback}
                    </p>
                  )}
                  {s.canScore && (
                    <ScoreForm
                      key={resetKey}
                      version={c.application.version}
                      score={s.score}
                      feedback={s.feedback}
                      lastResult={about("screening")}
                    />
                  )}
                </>
              )}
            </section>
          )}

          <section className="card" id="decision" aria-labelledby="decision-h">
            <h3 id="decision-h">Decision</h3>
            {notice("decision")}
            <p>
              Stage: <strong>{c.application.stageLabel}</strong>
              {c.application.lastReason ? ` · last reason given: ${c.application.lastReason}` : ""}
            </p>
            {c.application.actions.length === 0 ? (
              <p className="muted">Nothing for you to do at this stage.</p>
            ) : (
              <DecisionForms
                key={resetKey}
                name={c.person.displayName}
                version={c.application.version}
                forward={forward}
                ending={ending}
                lastResult={about("decision")}
              />
            )}
          </section>

          {conversation && (
            <Conversation
              data={conversation}
              with={`With ${c.person.displayName}${c.viewer.staff ? `, ${c.gig.labName}` : ""} and Second Act's coordinators. Everyone is named by display name; email addresses are never shown here.`}
              pageHref={(earlier) => {
                const qs = new URLSearchParams(location.search);
                qs.delete("earlier");
                if (earlier) qs.set("earlier", earlier);
                const q = qs.toString();
                return `/coord/gigs/${c.gig.id}/candidates/${c.application.id}${q ? `?${q}` : ""}`;
              }}
              messageResult={about("messages")}
              hideResult={about("hide")}
              resetKey={resetKey}
              flash={flash?.about === "messages" ? flash.message : null}
            />
          )}

          {work && <WorkSummaryCard work={work} workHref={`/coord/gigs/${c.gig.id}/candidates/${c.application.id}/work`} />}

          <section className="card" id="history" aria-labelledby="history-h">
            <h3 id="history-h">History</h3>
            <ol className="history">
              {c.application.history.map((h) => (
                <li key={h.id}>
                  <strong>{h.to}</strong>
                  {h.from ? <span className="muted"> from {h.from}</span> : null} · {h.by} · <span className="small">{when(h.at)}</span>
                  {h.reason && <div className="small">Reason: {h.reason}</div>}
                </li>
              ))}
            </ol>
          </section>
        </section>
      </div>
    </article>
  );
}

/** Refusals about a whole form (a conflict, a guard): above its fields. */
function FormLevelErrors({ result }: { result?: SubmissionResult<string[]> }) {
  const messages = result?.error?.[""] ?? [];
  if (!messages.length) return null;
  return (
    <div className="alert error" role="alert">
      {messages.map((m) => (
        <p key={m}>{m}</p>
      ))}
    </div>
  );
}

function ScoreForm({
  version,
  score,
  feedback,
  lastResult,
}: {
  version: number;
  score: number | null;
  feedback: string | null;
  lastResult?: SubmissionResult<string[]>;
}) {
  const [form, fields] = useAppForm({
    id: "score",
    schema: candidateScoreSchema,
    lastResult,
    defaultValue: { score: score == null ? "" : String(score), feedback: feedback ?? "" },
  });
  const first = firstErrorField(lastResult, ["score", "feedback"]);
  return (
    <Form method="post" className="stack" preventScrollReset {...formPropsFocusing(getFormProps(form))}>
      <CsrfInput />
      <FormLevelErrors result={lastResult} />
      <input type="hidden" name="intent" value="score" />
      <input type="hidden" name="version" value={version} />
      <div className="score-input">
        <InputField
          field={fields.score}
          label={score != null ? "Change the score (0 to 100)" : "Score (0 to 100)"}
          type="number"
          min={0}
          max={100}
          required
          autoFocus={first === "score"}
        />
      </div>
      <TextareaField
        field={fields.feedback}
        label="Feedback they will read"
        rows={3}
        maxLength={2000}
        required
        autoFocus={first === "feedback"}
      />
      <p>
        <button type="submit">Save score</button>
      </p>
    </Form>
  );
}

type Move = { to: string; label: string };

/** The decision buttons: next steps, and moves that need a reason behind a disclosure with the reason box. */
function DecisionForms({
  name,
  version,
  forward,
  ending,
  lastResult,
}: {
  name: string;
  version: number;
  forward: Move[];
  ending: Move[];
  lastResult?: SubmissionResult<string[]>;
}) {
  const failedTo = typeof lastResult?.initialValue?.to === "string" ? lastResult.initialValue.to : undefined;
  return (
    <>
      {!ending.some((a) => a.to === failedTo) && <FormLevelErrors result={lastResult} />}
      <div className="row">
        {forward.map((a) => (
          <Form method="post" key={a.to} preventScrollReset>
            <CsrfInput />
            <input type="hidden" name="intent" value="move" />
            <input type="hidden" name="version" value={version} />
            <input type="hidden" name="to" value={a.to} />
            <button type="submit">{a.label}</button>
          </Form>
        ))}
        {ending.map((a) => (
          <ReasonForm key={a.to} name={name} version={version} move={a} lastResult={failedTo === a.to ? lastResult : undefined} />
        ))}
      </div>
    </>
  );
}

function ReasonForm({
  name,
  version,
  move,
  lastResult,
}: {
  name: string;
  version: number;
  move: Move;
  lastResult?: SubmissionResult<string[]>;
}) {
  const [form, fields] = useAppForm({ id: `move-${move.to}`, schema: candidateMoveSchema, lastResult });
  // Open when the server sent it back (without JavaScript the page is new); the person's own toggle is left alone.
  return (
    <details className="decline" open={lastResult ? true : undefined}>
      <summary>{move.label}…</summary>
      <Form method="post" className="stack" preventScrollReset {...formPropsFocusing(getFormProps(form))}>
        <CsrfInput />
        <FormLevelErrors result={lastResult} />
        <input type="hidden" name="intent" value="move" />
        <input type="hidden" name="version" value={version} />
        <input type="hidden" name="to" value={move.to} />
        <TextareaField
          field={fields.reason}
          label={`Reason ${name} will see`}
          rows={2}
          maxLength={1000}
          required
          autoFocus={firstErrorField(lastResult, ["reason"]) === "reason"}
        />
        <p>
          <button type="submit" className="danger">
            {move.label}
          </button>
        </p>
      </Form>
    </details>
  );
}
