import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "../components/csrf";
import { ErrorSummary, TextArea } from "../components/form";
import { db } from "../db.server";
import { LEGAL_TEXTS } from "../domain/legal";
import { type Stage, allowedTransitions, normalizeChecklist, overdueNotice, progress, reminderSentAt, stageLabel } from "../domain/onboarding";
import { formToObject, invalid, notFound, parseWith, readForm, refused } from "../http.server";
import { requireProfessional } from "../permissions.server";
import { audit } from "../services/audit.server";
import { applyChecklistAction, transitionApplication } from "../services/applications.server";
import { notifyUsers } from "../services/notifications.server";
import { loadSlaTable } from "../services/sla.server";
import { redirectWithFlash, samePage } from "../flash.server";
import { Time } from "../components/time";
import { WorkTracker } from "../components/work";
import { workView } from "../services/work.server";

export const meta: MetaFunction = () => [{ title: "Application · Second Act" }];

async function load(request: Request, id: string | undefined) {
  const user = await requireProfessional(request);
  const app = id ? await db().application.findUnique({ where: { id }, include: { gig: { include: { lab: { select: { name: true } } } }, appeals: { orderBy: { createdAt: "desc" } }, transitions: { orderBy: { at: "asc" } } } }) : null;
  if (!app || app.profileId !== user.profileId) throw notFound("No such application.");
  return { user, app };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { app } = await load(request, params.id);
  const checklist = normalizeChecklist(app.checklist);
  const rules = { screeningRequired: app.gig.screeningRequired, ndaRequired: app.gig.ndaRequired, trainingModules: app.gig.trainingModules };
  const previous = app.transitions.length > 1 ? (app.transitions[app.transitions.length - 1].fromStage as Stage | null) : null;
  const tracker = progress(
    { stage: app.stage as Stage, checklist, stageEnteredAt: app.stageEnteredAt, previousStage: previous, startedAs: app.origin === "APPLIED" ? "APPLIED" : "INVITED" },
    rules,
    { now: new Date(), reason: app.lastReason, sla: await loadSlaTable() },
  );
  const overdue =
    tracker.stale && tracker.slaDays !== null
      ? overdueNotice({ waitingOn: tracker.nextAction?.waitingOn ?? null, todo: tracker.nextAction?.text ?? null, days: tracker.daysInStage ?? 0, slaDays: tracker.slaDays, remindedAt: reminderSentAt(app) })
      : null;
  return {
    work: await workView(app.id),
    overdue,
    app: { id: app.id, version: app.version, stage: app.stage, lastReason: app.lastReason, matchScore: app.matchScore, matchReasons: app.matchReasons as string[] },
    gig: { id: app.gig.id, title: app.gig.title, labName: app.gig.lab.name, disclosureTrains: app.gig.disclosureTrains, screeningInstructions: app.gig.screeningInstructions, trainingModules: app.gig.trainingModules, ndaRequired: app.gig.ndaRequired },
    checklist,
    tracker,
    actions: allowedTransitions({ stage: app.stage as Stage, checklist }, { actorRole: "PROFESSIONAL", gig: rules }),
    history: app.transitions.map((t) => ({ to: t.toStage, at: t.at.toISOString(), reason: t.reason })),
    appeals: app.appeals.map((a) => ({ id: a.id, message: a.message, status: a.status, outcome: a.outcome })),
    legal: { nda: LEGAL_TEXTS.NDA, contract: LEGAL_TEXTS.CONTRACT },
  };
}

const schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("move"), to: z.enum(["SHORTLISTED", "CONTRACTING", "WITHDRAWN"]), version: z.coerce.number().int().min(0), reason: z.string().trim().max(1000).optional() }),
  z.object({ intent: z.literal("check"), action: z.enum(["submitScreening", "acceptNda", "acceptContract", "confirmTaxForm", "confirmPayout", "acknowledgeModule"]), module: z.string().max(200).optional(), answer: z.string().trim().max(5000, "Use at most 5000 characters.").optional(), version: z.coerce.number().int().min(0) }),
  z.object({ intent: z.literal("appeal"), message: z.string().trim().min(10, "Tell us in a sentence or two why you'd like a review.").max(2000, "Use at most 2000 characters.") }),
]);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, app } = await load(request, params.id);
  const parsed = parseWith(schema, formToObject(await readForm(request, context)));
  if (!parsed.ok) return invalid(parsed.errors);
  const actor = { id: user.id, role: user.role, profileId: user.profileId, labId: null, ip: context.ip };
  const d = parsed.data;
  if (d.intent === "appeal") {
    if (!["DECLINED", "OFFBOARDED"].includes(app.stage)) return invalid({ _form: ["Only declined or offboarded applications can be appealed."] });
    if (app.appeals.some((a) => a.status === "OPEN")) return invalid({ _form: ["You already have an open review request."] });
    await db().$transaction(async (tx) => {
      const appeal = await tx.appeal.create({ data: { applicationId: app.id, message: d.message } });
      await audit({ actorId: user.id, actorRole: "PROFESSIONAL", action: "appeal.opened", entityType: "Appeal", entityId: appeal.id }, tx);
      const coordinators = await tx.user.findMany({ where: { role: "COORDINATOR", disabledAt: null }, select: { id: true } });
      await notifyUsers(tx, coordinators.map((c) => c.id), { kind: "appeal.opened", title: `Review requested for "${app.gig.title}"`, body: d.message, link: "/coord" });
    });
    return redirectWithFlash(request, samePage(request), "Your request for a human review was sent. A coordinator will answer it.");
  }
  const r =
    d.intent === "move"
      ? await transitionApplication(app.id, d.to, actor, { expectedVersion: d.version, reason: d.reason })
      : await applyChecklistAction(
          app.id,
          d.action === "acknowledgeModule" ? { action: d.action, module: d.module ?? "" } : d.action === "submitScreening" ? { action: d.action, answer: d.answer ?? null } : { action: d.action },
          actor,
          { expectedVersion: d.version },
        );
  if (!r.ok) return refused(r);
  return redirectWithFlash(request, samePage(request), "Done.");
}

function Step({ action, version, label, children }: { action: string; version: number; label: string; children?: React.ReactNode }) {
  return (
    <Form method="post" className="stack">
      <CsrfInput />
      <input type="hidden" name="intent" value="check" />
      <input type="hidden" name="action" value={action} />
      <input type="hidden" name="version" value={version} />
      {children}
      <p><button type="submit">{label}</button></p>
    </Form>
  );
}

export default function ApplicationPage() {
  const { app, gig, checklist, tracker, actions, history, appeals, legal, overdue, work } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const c = checklist;
  return (
    <article className="stack" style={{ maxWidth: 860 }}>
      <p className="muted"><Link to="/me">My dashboard</Link></p>
      <h1>{gig.title}</h1>
      <p className="muted">{gig.labName} · <Link to={`/gigs/${gig.id}`}>gig page and AI-use disclosure</Link></p>
      <ErrorSummary errors={result?.errors} />
      <section className="card" aria-labelledby="progress-h">
        <h2 id="progress-h">Where you stand</h2>
        <ol className="steps">
          {tracker.steps.map((s) => (
            <li key={s.stage} className={s.status} aria-current={s.status === "current" ? "step" : undefined}>
              {s.label}
              <span className="visually-hidden"> ({s.status})</span>
            </li>
          ))}
        </ol>
        {tracker.nextAction && (
          <p>
            <strong>{tracker.nextAction.waitingOn === "YOU" ? "Your next step: " : "Next: "}</strong>
            {tracker.nextAction.text}
          </p>
        )}
        {overdue && <p className="alert warn" data-testid="overdue">{overdue}</p>}
        {app.lastReason && ["DECLINED", "OFFBOARDED", "WITHDRAWN"].includes(app.stage) && <p className="alert warn">Reason: {app.lastReason}</p>}
      </section>
      {work && <WorkTracker work={work} reportHref={`/me/applications/${app.id}/work`} />}
      {app.stage === "SCREENING" && c.screening.sentAt && !c.screening.submittedAt && (
        <section className="card">
          <h2>Screening</h2>
          <p>{gig.screeningInstructions || "Complete the assessment the lab sent you."}</p>
          <Step action="submitScreening" version={app.version} label="I have completed the screening">
            <TextArea
              name="answer"
              label="Your answer, or a link to it"
              hint={`${gig.labName} reads this with your application. Leave it empty if you completed the task elsewhere.`}
              rows={6}
              maxLength={5000}
              errors={result?.errors}
            />
          </Step>
        </section>
      )}
      {c.screening.score != null && (
        <section className="card">
          <h2>Screening result</h2>
          <p>Score {c.screening.score}/100. {c.screening.feedback}</p>
        </section>
      )}
      {app.stage === "CONTRACTING" && (
        <section className="card">
          <h2>Paperwork</h2>
          {gig.ndaRequired && !c.nda.acceptedAt && (
            <Step action="acceptNda" version={app.version} label="I accept the NDA">
              <h3>{legal.nda.title} <span className="muted small">(version {legal.nda.version})</span></h3>
              <p>{legal.nda.text}</p>
            </Step>
          )}
          {c.nda.acceptedAt && <p className="pill ok">NDA accepted {c.nda.acceptedAt.slice(0, 10)} (version {c.nda.textVersion})</p>}
          {!c.contract.acceptedAt && (!gig.ndaRequired || c.nda.acceptedAt) && (
            <Step action="acceptContract" version={app.version} label="I accept the contract">
              <h3>{legal.contract.title} <span className="muted small">(version {legal.contract.version})</span></h3>
              <p>{legal.contract.text}</p>
            </Step>
          )}
        </section>
      )}
      {app.stage === "PAYMENT_SETUP" && (
        <section className="card">
          <h2>Payment setup</h2>
          {!c.payment.taxFormConfirmed && <Step action="confirmTaxForm" version={app.version} label="I have submitted my tax form" />}
          {c.payment.taxFormConfirmed && !c.payment.payoutConfirmed && <Step action="confirmPayout" version={app.version} label="My payout details are correct" />}
        </section>
      )}
      {app.stage === "TRAINING" && (
        <section className="card">
          <h2>Training</h2>
          <ul>
            {gig.trainingModules.map((m) => (
              <li key={m}>
                {c.training.modulesAcknowledged.includes(m) ? (
                  <span>✓ {m}</span>
                ) : (
                  <Step action="acknowledgeModule" version={app.version} label={`Mark "${m}" as read`}>
                    <input type="hidden" name="module" value={m} />
                  </Step>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      {actions.length > 0 && (
        <section className="card">
          <h2>Your choices</h2>
          {actions.map((a) => (
            <Form method="post" key={a.to} className="row">
              <CsrfInput />
              <input type="hidden" name="intent" value="move" />
              <input type="hidden" name="to" value={a.to} />
              <input type="hidden" name="version" value={app.version} />
              {a.to === "WITHDRAWN" && <input name="reason" aria-label="Reason for withdrawing (optional)" placeholder="Reason (optional)" />}
              <button type="submit" className={a.destructive ? "danger" : undefined}>{a.label}</button>
            </Form>
          ))}
        </section>
      )}
      {["DECLINED", "OFFBOARDED"].includes(app.stage) && (
        <section className="card">
          <h2>Ask for a human review</h2>
          {appeals.map((a) => (
            <p key={a.id}>
              Your request: "{a.message}" — {a.status === "OPEN" ? "waiting for a coordinator" : `answered: ${a.outcome}`}
            </p>
          ))}
          {!appeals.some((a) => a.status === "OPEN") && (
            <Form method="post" className="stack">
              <CsrfInput />
              <input type="hidden" name="intent" value="appeal" />
              <TextArea name="message" label="Why should a person look at this again?" required errors={result?.errors} />
              <p><button type="submit">Request a review</button></p>
            </Form>
          )}
        </section>
      )}
      <section className="card">
        <h2>Why you were matched</h2>
        {app.matchScore != null ? <p>Match {app.matchScore}/100 when you applied.</p> : <p>No match score recorded.</p>}
        <ul>{app.matchReasons.map((r) => <li key={r}>{r}</li>)}</ul>
      </section>
      <section className="card">
        <h2>History</h2>
        <ul>{history.map((h, i) => <li key={i}><Time iso={h.at} />: {stageLabel(h.to as Stage)}{h.reason ? ` (${h.reason})` : ""}</li>)}</ul>
      </section>
    </article>
  );
}
