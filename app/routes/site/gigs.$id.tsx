import { type FieldMetadata, getFormProps, getInputProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import {
  FormLevelErrors,
  InputField,
  RefusalMessage,
  type SubmissionResult,
  TextareaField,
  asSubmissionResult,
  parseSubmission,
  refusalResult,
  replyOptions,
  useAppForm,
} from "~/components/conform";
import { CsrfInput } from "~/components/csrf";
import { PayFacts, genreLabel, taskLabel } from "~/components/gig";
import { LabBrand, LabLogo } from "~/components/lab-brand";
import { Day, Time } from "~/components/time";
import { labLogoUrl } from "~/domain/lab-profile";
import { env } from "~/env.server";
import { RESEND_CONFIRMATION_PATH, confirmEmailMessage } from "~/domain/accounts";
import { getFlash, redirectWithFlash } from "~/flash.server";
import { allowedStatusChanges, gigSummary, lowPayWarning, publishProblems } from "~/domain/gigs";
import { gigStatusLabel } from "~/domain/taxonomy";
import { type Stage, stageLabel } from "~/domain/onboarding";
import { formatMoney } from "~/domain/pay";
import { languageName } from "~/domain/languages";
import { notFound, readForm } from "~/http.server";
import { renderMarkdown } from "~/markdown.server";
import { assertCanApply, canManageLab, canSeeGig, deny, isStaff } from "~/permissions.server";
import { changeGigStatus, getGigRow } from "~/services/gigs.server";
import { gigPageReads } from "~/services/gig-page.server";
import { TermChangesNotice } from "~/components/terms";
import { gigEffectiveHourly, termsSentences, unpaidMinutes } from "~/domain/terms";
import { applyToGig } from "~/services/applications.server";
import { gigCandidates, yourMatch } from "~/services/matching.server";
import { getSessionUser, requireUser } from "~/session.server";
import { refusalMessages } from "~/services/result";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.gig.title ?? "Gig"} · Second Act` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  // The gig, its term changes, the viewer's application and match profile, and (for someone who may
  // manage a lab) the pipeline counts: one statement (app/services/gig-page.server.ts).
  const reads = await gigPageReads(params.id ?? "", {
    profileId: user?.profileId ?? null,
    pipeline: Boolean(user && (isStaff(user) || user.role === "LAB_MEMBER")),
  });
  if (!reads || !canSeeGig(user, reads.gig)) throw notFound("No such gig.");
  const { gig, application, person, termChanges } = reads;
  const manager = canManageLab(user, gig.labId);
  const pipeline = manager ? reads.pipeline : null;
  const floor = env().PAY_FLOOR_CENTS_PER_HOUR;
  // Recommended people (with the id of the application of those who have one: it links to their candidate view).
  const [candidates, { flash, clear }] = await Promise.all([
    manager && (gig.status === "OPEN" || gig.status === "DRAFT")
      ? gigCandidates(gig.id, { limit: 10, viewerRole: user?.role, gig, applicationIds: true })
      : [],
    manager ? getFlash(request) : { flash: null, clear: null },
  ]);
  const headers: HeadersInit = clear ? { "Set-Cookie": clear } : {};
  return data(
    {
      gig: {
        ...gigSummary(gig),
        descriptionHtml: renderMarkdown(gig.description),
        labSlug: gig.lab.slug,
        lab: {
          name: gig.lab.name,
          slug: gig.lab.slug,
          description: gig.lab.description,
          website: gig.lab.website,
          logoUrl: labLogoUrl(gig.lab.slug, gig.lab.logo?.sha256),
        },
        publishedAt: gig.publishedAt?.toISOString() ?? null,
        formats: gig.formats,
        slots: gig.slots,
        startDate: gig.startDate?.toISOString().slice(0, 10) ?? null,
        endDate: gig.endDate?.toISOString().slice(0, 10) ?? null,
        screeningInstructions: gig.screeningInstructions,
        screeningRateText: gig.screeningRateCents != null ? `${formatMoney(gig.screeningRateCents, gig.payCurrency)}/h` : null,
        onboardingPaid: gig.onboardingPaid,
        ndaRequired: gig.ndaRequired,
        trainingModules: gig.trainingModules,
        disclosure: { trains: gig.disclosureTrains, creativeUse: gig.disclosureCreativeUse, retention: gig.disclosureRetention },
        closedReason: gig.closedReason,
        terms: termsSentences(gig),
        effectiveText: (() => {
          const e = gigEffectiveHourly(gig);
          return e ? `${formatMoney(e.amount, e.currency)}/h` : null;
        })(),
        unpaidMinutes: unpaidMinutes(gig),
      },
      termChanges,
      manager: manager
        ? {
            problems: publishProblems(gig),
            lowPay: lowPayWarning(gig, floor),
            statusChanges: allowedStatusChanges(gig.status),
            pipeline: pipeline!,
            candidates: candidates.map((c) => ({ ...c, applicationId: c.applicationId ?? null })),
            flash,
          }
        : null,
      viewer: { role: user?.role ?? null, loggedIn: Boolean(user), application, emailConfirmed: Boolean(user?.emailVerified) },
      // The professional's own match, with every reason (their private rate included): shown to them only.
      yourMatch: person ? yourMatch(person, gig) : null,
    },
    { headers },
  );
}

export const statusSchema = z.object({
  intent: z.literal("status"),
  to: z.enum(["OPEN", "PAUSED", "CLOSED"], { error: "Choose a valid status." }),
  reason: z.string().max(1000, "Use at most 1000 characters.").optional(),
  acknowledgeLowPay: z.enum(["on"]).optional(),
});
export const applySchema = z.object({
  intent: z.literal("apply"),
  note: z.string().trim().max(2000, "Use at most 2000 characters.").default(""),
});

/** The fields each status form shows; a refusal about anything else is about the whole form. */
const STATUS_FIELDS = ["reason", "acknowledgeLowPay"];
function statusErrors(errors: Record<string, string[] | null | undefined>, formKey: "" | "_form") {
  const out: Record<string, string[]> = {};
  for (const [key, list] of Object.entries(errors)) {
    if (!list?.length) continue;
    const at = STATUS_FIELDS.includes(key) ? key : formKey;
    out[at] = [...(out[at] ?? []), ...list];
  }
  return out;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const gig = await getGigRow(params.id ?? "");
  if (!gig || !canSeeGig(user, gig)) throw notFound("No such gig.");
  const form = await readForm(request, context);
  const intent = form.get("intent");
  if (intent === "apply") {
    assertCanApply(user);
    const submission = parseSubmission(form, applySchema);
    if (submission.status !== "success") return data(submission.reply({ hideFields: ["_csrf"] }), { status: 400 });
    const result = await applyToGig(
      user.profileId,
      gig.id,
      submission.value.note,
      { id: user.id, role: user.role, ip: context.ip },
      { gig },
    );
    if (!result.ok) {
      const status = result.status >= 400 && result.status < 500 ? result.status : 400;
      return data(submission.reply(replyOptions({ _form: refusalMessages(result) })), { status });
    }
    return redirectWithFlash(
      request,
      `/me/applications/${result.applicationId}`,
      `Application sent: "${gig.title}". The lab has been notified; you will hear back here and by email.`,
    );
  }
  if (!canManageLab(user, gig.labId)) deny();
  if (intent !== "status") return data(refusalResult({ _form: ["Unknown action."] }), { status: 400 });
  const submission = parseSubmission(form, statusSchema);
  if (submission.status !== "success") {
    const reply = submission.reply({ hideFields: ["_csrf"] });
    // A bad `to` is not a field of any form: say so at the top of the form it came from.
    return data({ ...reply, error: statusErrors(reply.error ?? {}, "") }, { status: 400 });
  }
  const parsed = submission.value;
  const result = await changeGigStatus(
    gig.id,
    parsed.to,
    { id: user.id, role: user.role, ip: context.ip },
    {
      reason: parsed.reason,
      acknowledgeLowPay: parsed.acknowledgeLowPay === "on",
    },
  );
  if (!result.ok) {
    // The low-pay refusal is about the acknowledgement box beside the "Open gig" button.
    const errors =
      result.code === "LOW_PAY_UNACKNOWLEDGED" ? { acknowledgeLowPay: result.errors.status ?? [] } : statusErrors(result.errors, "_form");
    return data(submission.reply(replyOptions(errors)), { status: result.status === 403 ? 403 : 400 });
  }
  return redirectWithFlash(request, `/gigs/${gig.id}`, `The gig is now ${gigStatusLabel(parsed.to).toLowerCase()}.`);
}

function ConfirmEmailNotice({ action }: { action: "apply" | "open-gig" }) {
  return (
    <p className="alert warn" data-testid="confirm-email-notice">
      {confirmEmailMessage(action)} <Link to={RESEND_CONFIRMATION_PATH}>Send a new confirmation link</Link>.
    </p>
  );
}
/** The low-pay acknowledgement box; a refusal about it is shown beside it, focused and in view. */
function LowPayAcknowledgement({ field }: { field: FieldMetadata<string | undefined, Record<string, unknown>, string[]> }) {
  const { key, ...box } = getInputProps(field, { type: "checkbox", value: "on", ariaAttributes: false });
  const error = field.errors?.[0];
  return (
    <span className="field">
      <label>
        <input
          key={key}
          {...box}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? field.errorId : undefined}
          autoFocus={Boolean(error)}
        />{" "}
        I have read the low-pay warning
      </label>
      {error && (
        <span className="field-error" id={field.errorId} role="alert">
          {error} Tick the box to open it anyway.
        </span>
      )}
    </span>
  );
}

const STATUS_BUTTON: Record<string, string> = { OPEN: "Open gig", PAUSED: "Pause gig", CLOSED: "Close gig" };

/** One status change (open, pause, close) as its own form; its refusal is shown inside it. */
function StatusForm({ to, lowPay, lastResult }: { to: string; lowPay: boolean; lastResult?: SubmissionResult<string[]> }) {
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useAppForm({ id: `status-${to}`, schema: statusSchema, lastResult, shouldValidate: "onSubmit" });
  return (
    <Form method="post" className="stack" {...getFormProps(form)} aria-label={STATUS_BUTTON[to]}>
      <CsrfInput />
      <input type="hidden" name="intent" value="status" />
      <input type="hidden" name="to" value={to} />
      <FormLevelErrors form={form} />
      {(form.errors ?? []).some((m) => m.startsWith("Confirm your email address")) && (
        <p>
          <Link to={RESEND_CONFIRMATION_PATH}>Send a new confirmation link</Link>
        </p>
      )}
      <div className="row">
        {to === "OPEN" && lowPay && (
          <LowPayAcknowledgement field={fields.acknowledgeLowPay as FieldMetadata<string | undefined, Record<string, unknown>, string[]>} />
        )}
        {to === "CLOSED" && (
          <InputField
            field={fields.reason}
            label="Reason (people on the gig see it)"
            hint="Up to 1000 characters."
            autoFocus={Boolean(fields.reason.errors?.length)}
          />
        )}
        <button type="submit" className={to === "CLOSED" ? "danger" : "secondary"} disabled={busy}>
          {STATUS_BUTTON[to]}
        </button>
      </div>
    </Form>
  );
}

/** The professional's application, with an optional note for the lab. */
function ApplyForm({
  labName,
  emailConfirmed,
  lastResult,
}: {
  labName: string;
  emailConfirmed: boolean;
  lastResult?: SubmissionResult<string[]>;
}) {
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useAppForm({ id: "apply", schema: applySchema, lastResult, shouldValidate: "onSubmit" });
  const unconfirmed = (form.errors ?? []).some((m) => m.startsWith("Confirm your email address"));
  return (
    <Form method="post" className="stack" {...getFormProps(form)} aria-labelledby="apply-h">
      <CsrfInput />
      <input type="hidden" name="intent" value="apply" />
      <h2 id="apply-h">Apply</h2>
      {!emailConfirmed && <ConfirmEmailNotice action="apply" />}
      <p className="muted">You have read the disclosure above. Applying shares your public profile and transfer scores with {labName}.</p>
      <FormLevelErrors form={form} />
      {unconfirmed && (
        <p>
          <Link to={RESEND_CONFIRMATION_PATH}>Send a new confirmation link</Link>
        </p>
      )}
      <TextareaField
        field={fields.note}
        label="A note for the lab"
        rows={3}
        hint="What makes you a good fit, in up to 2000 characters: the lab reads it with your application."
        autoFocus={Boolean(fields.note.errors?.length)}
      />
      <p>
        <button type="submit" disabled={busy}>
          Apply to this gig
        </button>
      </p>
    </Form>
  );
}

const CREATIVE = {
  NO: "No: outputs will not be used to generate scripts or other creative work.",
  YES: "Yes: outputs may be used to generate scripts or other creative work.",
  UNDECIDED: "Not decided yet.",
} as Record<string, string>;

export default function GigPage() {
  const { gig, manager, viewer, yourMatch, termChanges } = useLoaderData<typeof loader>();
  const result = asSubmissionResult(useActionData<typeof action>());
  // Each form gets the answer to its own submission only (told apart by the values it sent).
  const answered = result?.initialValue;
  return (
    <article className="stack" style={{ maxWidth: 860 }}>
      {result && !answered && <RefusalMessage result={result} />}
      <header>
        <p className="muted lab-line">
          <LabLogo url={gig.lab.logoUrl} name={gig.labName} size={32} />
          <span>
            <Link to={`/labs/${gig.labSlug}`}>{gig.labName}</Link>
            {viewer.loggedIn && (
              <>
                {" "}
                (<Link to={`/labs/${gig.labSlug}#track-record`}>track record</Link>)
              </>
            )}{" "}
            · {gigStatusLabel(gig.status)}
            {gig.publishedAt && (
              <>
                {" "}
                · posted <Time iso={gig.publishedAt} />
              </>
            )}
          </span>
        </p>
        <h1>{gig.title}</h1>
        <p>
          {gig.taskTypes.map((t) => (
            <span key={t} className="pill">
              {taskLabel(t)}
            </span>
          ))}
        </p>
      </header>
      {yourMatch && (
        <section className="card" aria-labelledby="your-match-h">
          <h2 id="your-match-h">
            Your match: <span className="score">{yourMatch.score}/100</span>
          </h2>
          {yourMatch.belowMinimum && (
            <p className="alert warn">
              This gig pays less than your minimum rate, so it is not among your recommendations.{" "}
              <Link to="/me/profile">Change your minimum rate</Link>
            </p>
          )}
          <ul>
            {yourMatch.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
          <p className="muted small">
            Only you see this. The lab never sees your minimum rate or anything computed from it.{" "}
            <Link to="/about">How matching works</Link>
          </p>
        </section>
      )}
      {gig.status === "CLOSED" && <p className="alert warn">This gig is closed.{gig.closedReason ? ` Reason: ${gig.closedReason}` : ""}</p>}
      <section className="disclosure" aria-labelledby="disclosure-h">
        <h2 id="disclosure-h">What your work will train</h2>
        <p>
          <strong>Trains:</strong> {gig.disclosure.trains || "Not stated yet."}
        </p>
        <p>
          <strong>Creative use of outputs:</strong> {CREATIVE[gig.disclosure.creativeUse] ?? "Not stated yet."}
        </p>
        <p>
          <strong>Retention:</strong> {gig.disclosure.retention || "Not stated yet."}
        </p>
      </section>
      <TermChangesNotice changes={termChanges} />
      <section className="card" aria-labelledby="terms-h">
        <h2 id="terms-h">Pay and terms</h2>
        <PayFacts gig={gig} />
        {gig.effectiveText && (
          <p data-testid="effective-hourly">
            <strong>Effective hourly: {gig.effectiveText}</strong>{" "}
            <span className="muted">
              {gig.unpaidMinutes > 0
                ? `counting ${gig.unpaidMinutes} minutes of unpaid assessment and training over your first 4 weeks of expected hours (or the whole gig if shorter).`
                : "no unpaid onboarding time."}
            </span>
          </p>
        )}
        {gig.terms.length > 0 && (
          <ul data-testid="engagement-terms">
            {gig.terms.map((t) => (
              <li key={t}>{t}</li>
            ))}
          </ul>
        )}
        <ul>
          {gig.screeningRateText && <li>Screening paid at {gig.screeningRateText}</li>}
          <li>{gig.ndaRequired ? "An NDA is required" : "No NDA"}</li>
          <li>
            {gig.slots} slot{gig.slots === 1 ? "" : "s"}
            {gig.startDate && (
              <>
                {" "}
                · starts <Day day={gig.startDate} />
              </>
            )}
            {gig.endDate && (
              <>
                {" "}
                · ends <Day day={gig.endDate} />
              </>
            )}
          </li>
          {gig.languages.length > 0 && <li>Languages: {gig.languages.map(languageName).join(", ")}</li>}
          {gig.genres.length > 0 && <li>Genres: {gig.genres.map(genreLabel).join(", ")}</li>}
        </ul>
      </section>
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: Markdown rendered with raw HTML disabled (app/markdown.server.ts) */}
      <section className="markdown" dangerouslySetInnerHTML={{ __html: gig.descriptionHtml }} />
      {gig.screeningInstructions && (
        <section className="card">
          <h2>Screening</h2>
          <p>{gig.screeningInstructions}</p>
        </section>
      )}
      <section className="card" aria-labelledby="about-lab-h">
        <h2 id="about-lab-h">About the lab</h2>
        <LabBrand lab={gig.lab} heading="h3" />
      </section>
      {viewer.role === "PROFESSIONAL" && gig.status === "OPEN" && (
        <section className="card">
          {viewer.application ? (
            <p>
              You have applied: <Link to={`/me/applications/${viewer.application.id}`}>see where your application stands</Link>.
            </p>
          ) : (
            <ApplyForm
              labName={gig.labName}
              emailConfirmed={viewer.emailConfirmed}
              lastResult={answered?.intent === "apply" ? result : undefined}
            />
          )}
        </section>
      )}
      {!viewer.loggedIn && gig.status === "OPEN" && (
        <p>
          <Link className="button" to={`/login?next=/gigs/${gig.id}`}>
            Log in to apply
          </Link>
        </p>
      )}
      {manager && (
        <section className="card">
          <h2>Manage this gig</h2>
          <p>
            <Link to={`/gigs/${gig.id}/edit`}>Edit details</Link> · <Link to={`/coord/gigs/${gig.id}`}>Open the board</Link>
          </p>
          {manager.problems.length > 0 && (
            <div className="alert warn">
              <p>Before this gig can open:</p>
              <ul>
                {manager.problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </div>
          )}
          {manager.lowPay && <p className="alert warn">{manager.lowPay}</p>}
          {viewer.role === "LAB_MEMBER" && !viewer.emailConfirmed && manager.statusChanges.includes("OPEN") && (
            <ConfirmEmailNotice action="open-gig" />
          )}
          <p>
            Pipeline:{" "}
            {manager.pipeline.length === 0
              ? "no applicants yet"
              : manager.pipeline.map((p) => `${stageLabel(p.stage as Stage)}: ${p.count}`).join(" · ")}
          </p>
          {manager.statusChanges.map((to) => (
            <StatusForm
              key={to}
              to={to}
              lowPay={Boolean(manager.lowPay)}
              lastResult={answered?.intent === "status" && answered.to === to ? result : undefined}
            />
          ))}
          <h3 id="recommended">Recommended candidates</h3>
          {manager.flash?.about && !manager.flash.about.startsWith("candidate-") && (
            <p className="alert ok" role="status">
              {manager.flash.message}
            </p>
          )}
          {manager.candidates.length === 0 ? (
            <p className="muted">No recommendations yet.</p>
          ) : (
            <table className="records">
              <thead>
                <tr>
                  <th>Candidate</th>
                  <th>Match</th>
                  <th>Why</th>
                  <th>
                    <span className="visually-hidden">Invite</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {manager.candidates.map((c) => (
                  <tr key={c.profileId} id={`candidate-${c.profileId}`}>
                    <td data-label="Candidate">
                      <Link to={`/people/${c.profileId}`}>{c.displayName}</Link>
                      <br />
                      <span className="muted small">{c.headline}</span>
                    </td>
                    <td data-label="Match" className="score">
                      {c.score}
                    </td>
                    <td data-label="Why" className="small">
                      {c.reasons.slice(0, 2).join(" · ")}
                    </td>
                    <td data-label="Invite">
                      {manager.flash?.about === `candidate-${c.profileId}` && (
                        <p className="alert ok small" role="status">
                          {manager.flash.message}
                        </p>
                      )}
                      {c.applicationStage ? (
                        c.applicationId ? (
                          <Link to={`/coord/gigs/${gig.id}/candidates/${c.applicationId}`} className="pill">
                            {stageLabel(c.applicationStage as Stage)}
                            <span className="visually-hidden">: open {c.displayName}'s application</span>
                          </Link>
                        ) : (
                          <span className="pill">{stageLabel(c.applicationStage as Stage)}</span>
                        )
                      ) : (
                        <Form method="post" action={`/coord/gigs/${gig.id}`} preventScrollReset>
                          <CsrfInput />
                          <input type="hidden" name="intent" value="invite" />
                          <input type="hidden" name="profileId" value={c.profileId} />
                          <input type="hidden" name="source" value="recommendation" />
                          <input type="hidden" name="returnTo" value={`/gigs/${gig.id}#candidate-${c.profileId}`} />
                          <button type="submit" className="small">
                            Invite<span className="visually-hidden"> {c.displayName}</span>
                          </button>
                        </Form>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
    </article>
  );
}
