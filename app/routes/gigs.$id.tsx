import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "../components/csrf";
import { ErrorSummary, TextArea } from "../components/form";
import { PayFacts, genreLabel, taskLabel } from "../components/gig";
import { db } from "../db.server";
import { env } from "../env.server";
import { allowedStatusChanges, gigSummary, lowPayWarning, publishProblems } from "../domain/gigs";
import { type Stage, stageLabel } from "../domain/onboarding";
import { formatMoney } from "../domain/pay";
import { formToObject, invalid, notFound, parseWith, readForm, refused } from "../http.server";
import { readFlash } from "../flash.server";
import { renderMarkdown } from "../markdown.server";
import { canManageLab, canSeeGig, deny } from "../permissions.server";
import { changeGigStatus } from "../services/gigs.server";
import { applyToGig, gigPipelineCounts } from "../services/applications.server";
import { gigCandidates } from "../services/matching.server";
import { getSessionUser, requireUser } from "../session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.gig.title ?? "Gig"} · Second Act` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  const gig = await db().gig.findUnique({ where: { id: params.id ?? "" }, include: { lab: true } });
  if (!gig || !canSeeGig(user, gig)) throw notFound("No such gig.");
  const manager = canManageLab(user, gig.labId);
  const application =
    user?.profileId != null
      ? await db().application.findUnique({ where: { profileId_gigId: { profileId: user.profileId, gigId: gig.id } }, select: { id: true, stage: true } })
      : null;
  const floor = env().PAY_FLOOR_CENTS_PER_HOUR;
  const candidates = manager && (gig.status === "OPEN" || gig.status === "DRAFT") ? await gigCandidates(gig.id, { limit: 10, viewerRole: user?.role }) : [];
  // Recommended people who already have an application link to their candidate view.
  const applied = candidates.some((c) => c.applicationStage)
    ? await db().application.findMany({ where: { gigId: gig.id, profileId: { in: candidates.map((c) => c.profileId) } }, select: { id: true, profileId: true } })
    : [];
  const { flash, headers } = manager ? readFlash(request) : { flash: null, headers: {} };
  return data({
    gig: {
      ...gigSummary(gig),
      descriptionHtml: renderMarkdown(gig.description),
      labSlug: gig.lab.slug,
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
    },
    manager: manager
      ? {
          problems: publishProblems(gig),
          lowPay: lowPayWarning(gig, floor),
          statusChanges: allowedStatusChanges(gig.status),
          pipeline: await gigPipelineCounts(gig.id),
          candidates: candidates.map((c) => ({ ...c, applicationId: applied.find((a) => a.profileId === c.profileId)?.id ?? null })),
          flash,
        }
      : null,
    viewer: { role: user?.role ?? null, loggedIn: Boolean(user), application },
  }, { headers });
}

const statusSchema = z.object({
  intent: z.literal("status"),
  to: z.enum(["OPEN", "PAUSED", "CLOSED"], { error: "Choose a valid status." }),
  reason: z.string().max(1000, "Use at most 1000 characters.").optional(),
  acknowledgeLowPay: z.enum(["on"]).optional(),
});
const applySchema = z.object({ intent: z.literal("apply"), note: z.string().trim().max(2000, "Use at most 2000 characters.").default("") });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const gig = await db().gig.findUnique({ where: { id: params.id ?? "" } });
  if (!gig || !canSeeGig(user, gig)) throw notFound("No such gig.");
  const values = formToObject(await readForm(request, context));
  if (values.intent === "apply") {
    if (user.role !== "PROFESSIONAL" || !user.profileId) deny("Only professionals can apply to gigs.");
    const parsed = parseWith(applySchema, values);
    if (!parsed.ok) return invalid(parsed.errors);
    const result = await applyToGig(user.profileId, gig.id, parsed.data.note, { id: user.id, role: user.role, ip: context.ip });
    if (!result.ok) return refused(result);
    return redirect(`/me/applications/${result.applicationId}`);
  }
  if (!canManageLab(user, gig.labId)) deny();
  const parsed = parseWith(statusSchema, values);
  if (!parsed.ok) return invalid(parsed.errors);
  const result = await changeGigStatus(gig.id, parsed.data.to, { id: user.id, role: user.role, ip: context.ip }, {
    reason: parsed.data.reason,
    acknowledgeLowPay: parsed.data.acknowledgeLowPay === "on",
  });
  if (!result.ok) return invalid(result.errors);
  return { ok: true as const, message: `The gig is now ${parsed.data.to.toLowerCase()}.`, errors: undefined };
}

const CREATIVE = { NO: "No: outputs will not be used to generate scripts or other creative work.", YES: "Yes: outputs may be used to generate scripts or other creative work.", UNDECIDED: "Not decided yet." } as Record<string, string>;

export default function GigPage() {
  const { gig, manager, viewer } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <article className="stack" style={{ maxWidth: 860 }}>
      {params.get("created") && <p className="alert ok" role="status">Draft saved. Fill in anything missing below, then open it.</p>}
      {params.get("saved") && <p className="alert ok" role="status">Changes saved.</p>}
      {result?.ok && <p className="alert ok" role="status">{result.message}</p>}
      {result?.errors?.status ? (
        <div className="alert error" role="alert">
          <ul>{result.errors.status.map((m) => <li key={m}>{m}</li>)}</ul>
        </div>
      ) : (
        <ErrorSummary errors={result?.errors} />
      )}
      <header>
        <p className="muted">
          <Link to={`/labs/${gig.labSlug}`}>{gig.labName}</Link> · {gig.status.toLowerCase()}
        </p>
        <h1>{gig.title}</h1>
        <p>{gig.taskTypes.map((t) => <span key={t} className="pill">{taskLabel(t)}</span>)}</p>
      </header>
      {gig.status === "CLOSED" && <p className="alert warn">This gig is closed.{gig.closedReason ? ` Reason: ${gig.closedReason}` : ""}</p>}
      <section className="disclosure" aria-labelledby="disclosure-h">
        <h2 id="disclosure-h">What your work will train</h2>
        <p><strong>Trains:</strong> {gig.disclosure.trains || "Not stated yet."}</p>
        <p><strong>Creative use of outputs:</strong> {CREATIVE[gig.disclosure.creativeUse] ?? "Not stated yet."}</p>
        <p><strong>Retention:</strong> {gig.disclosure.retention || "Not stated yet."}</p>
      </section>
      <section className="card">
        <h2>Pay and terms</h2>
        <PayFacts gig={gig} />
        <ul>
          {gig.screeningRateText && <li>Screening paid at {gig.screeningRateText}</li>}
          <li>Onboarding and training time is {gig.onboardingPaid ? "paid" : "unpaid"}</li>
          <li>{gig.ndaRequired ? "An NDA is required" : "No NDA"}</li>
          <li>{gig.slots} slot{gig.slots === 1 ? "" : "s"}{gig.startDate ? ` · starts ${gig.startDate}` : ""}{gig.endDate ? ` · ends ${gig.endDate}` : ""}</li>
          {gig.languages.length > 0 && <li>Languages: {gig.languages.join(", ")}</li>}
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
      {viewer.role === "PROFESSIONAL" && gig.status === "OPEN" && (
        <section className="card">
          {viewer.application ? (
            <p>
              You have applied: <Link to={`/me/applications/${viewer.application.id}`}>see where your application stands</Link>.
            </p>
          ) : (
            <Form method="post" className="stack">
              <CsrfInput />
              <input type="hidden" name="intent" value="apply" />
              <h2>Apply</h2>
              <p className="muted">You have read the disclosure above. Applying shares your public profile and transfer scores with {gig.labName}.</p>
              <TextArea name="note" label="A note for the lab" rows={3} errors={result?.errors} />
              <p><button type="submit">Apply to this gig</button></p>
            </Form>
          )}
        </section>
      )}
      {!viewer.loggedIn && gig.status === "OPEN" && (
        <p><Link className="button" to={`/login?next=/gigs/${gig.id}`}>Log in to apply</Link></p>
      )}
      {manager && (
        <section className="card">
          <h2>Manage this gig</h2>
          <p><Link to={`/gigs/${gig.id}/edit`}>Edit details</Link> · <Link to={`/coord/gigs/${gig.id}`}>Open the board</Link></p>
          {manager.problems.length > 0 && (
            <div className="alert warn">
              <p>Before this gig can open:</p>
              <ul>{manager.problems.map((p) => <li key={p}>{p}</li>)}</ul>
            </div>
          )}
          {manager.lowPay && <p className="alert warn">{manager.lowPay}</p>}
          <p>
            Pipeline:{" "}
            {manager.pipeline.length === 0 ? "no applicants yet" : manager.pipeline.map((p) => `${p.stage.toLowerCase().replace("_", " ")}: ${p.count}`).join(" · ")}
          </p>
          {manager.statusChanges.map((to) => (
            <Form method="post" key={to} className="row">
              <CsrfInput />
              <input type="hidden" name="intent" value="status" />
              <input type="hidden" name="to" value={to} />
              {to === "OPEN" && manager.lowPay && (
                <label><input type="checkbox" name="acknowledgeLowPay" /> I have read the low-pay warning</label>
              )}
              {to === "CLOSED" && (
                <span className="field">
                  <label htmlFor={`reason-${to}`}>Reason (people on the gig see it)</label>
                  <input id={`reason-${to}`} name="reason" />
                </span>
              )}
              <button type="submit" className={to === "CLOSED" ? "danger" : "secondary"}>
                {to === "OPEN" ? "Open gig" : to === "PAUSED" ? "Pause gig" : "Close gig"}
              </button>
            </Form>
          ))}
          <h3 id="recommended">Recommended candidates</h3>
          {manager.flash && !manager.flash.about?.startsWith("candidate-") && <p className="alert ok" role="status">{manager.flash.message}</p>}
          {manager.candidates.length === 0 ? (
            <p className="muted">No recommendations yet.</p>
          ) : (
            <table>
              <thead><tr><th>Candidate</th><th>Match</th><th>Why</th><th><span className="visually-hidden">Invite</span></th></tr></thead>
              <tbody>
                {manager.candidates.map((c) => (
                  <tr key={c.profileId} id={`candidate-${c.profileId}`}>
                    <td><Link to={`/people/${c.profileId}`}>{c.displayName}</Link><br /><span className="muted small">{c.headline}</span></td>
                    <td className="score">{c.score}</td>
                    <td className="small">{c.reasons.slice(0, 2).join(" · ")}</td>
                    <td>
                      {manager.flash?.about === `candidate-${c.profileId}` && <p className="alert ok small" role="status">{manager.flash.message}</p>}
                      {c.applicationStage ? (
                        c.applicationId ? (
                          <Link to={`/coord/gigs/${gig.id}/candidates/${c.applicationId}`} className="pill">{stageLabel(c.applicationStage as Stage)}<span className="visually-hidden">: open {c.displayName}'s application</span></Link>
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
                          <button type="submit" className="small">Invite<span className="visually-hidden"> {c.displayName}</span></button>
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
