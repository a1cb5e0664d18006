import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useEffect, useState } from "react";
import { z } from "zod";
import { CsrfInput } from "../components/csrf";
import { ErrorSummary } from "../components/form";
import { db } from "../db.server";
import { redirectWithFlash, samePage } from "../flash.server";
import { type ActorRole, type Stage, allowedTransitions, daysInStage, isStale, normalizeChecklist, reminderSentAt, STAGES } from "../domain/onboarding";
import { formToObject, invalid, notFound, parseWith, readForm, refused } from "../http.server";
import { assertCanManageLab, isStaff } from "../permissions.server";
import { applyChecklistAction, bulkTransition, inviteToGig, transitionApplication } from "../services/applications.server";
import { audit } from "../services/audit.server";
import { notifyUsers } from "../services/notifications.server";
import { loadSlaTable } from "../services/sla.server";
import { requireUser } from "../session.server";
import { gigStatusLabel } from "../domain/taxonomy";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Board: ${data?.gig.title ?? ""} · Second Act` }];

const STAGE_KEYS = STAGES.map((s) => s.key) as [Stage, ...Stage[]];

async function guard(request: Request, id: string | undefined) {
  const user = await requireUser(request);
  const gig = id ? await db().gig.findUnique({ where: { id }, include: { lab: { select: { name: true, slug: true } }, coordinator: { select: { id: true, name: true } } } }) : null;
  if (!gig) throw notFound("No such gig.");
  assertCanManageLab(user, gig.labId);
  return { user, gig };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, gig } = await guard(request, params.id);
  const url = new URL(request.url);
  const q = (url.searchParams.get("q") ?? "").trim().toLowerCase().slice(0, 100);
  const staleOnly = url.searchParams.get("stale") === "1";
  const [apps, sla, staff] = await Promise.all([
    db().application.findMany({
      where: { gigId: gig.id },
      include: { profile: { select: { id: true, displayName: true, headline: true } } },
      orderBy: [{ matchScore: "desc" }, { createdAt: "asc" }],
    }),
    loadSlaTable(),
    // Only staff choose the responsible coordinator, so only they get the list.
    isStaff(user) ? db().user.findMany({ where: { role: { in: ["COORDINATOR", "ADMIN"] }, disabledAt: null }, select: { id: true, name: true, role: true }, orderBy: { name: "asc" } }) : Promise.resolve([]),
  ]);
  const now = new Date();
  const actorRole = (isStaff(user) ? user.role : "LAB_MEMBER") as ActorRole;
  const rules = { screeningRequired: gig.screeningRequired, ndaRequired: gig.ndaRequired, trainingModules: gig.trainingModules };
  const cards = apps
    .map((a) => {
      const checklist = normalizeChecklist(a.checklist);
      return {
        id: a.id,
        version: a.version,
        stage: a.stage as Stage,
        name: a.profile.displayName,
        profileId: a.profile.id,
        headline: a.profile.headline,
        matchScore: a.matchScore,
        origin: a.origin,
        days: daysInStage(a.stageEnteredAt, now),
        stale: isStale(a.stageEnteredAt, a.stage as Stage, now, sla),
        sla: sla[a.stage as Stage],
        reminded: reminderSentAt(a) !== null,
        screening: a.stage === "SCREENING" ? checklist.screening : null,
        actions: allowedTransitions({ stage: a.stage as Stage, checklist }, { actorRole, gig: rules }),
      };
    })
    .filter((c) => (!q || c.name.toLowerCase().includes(q) || c.headline.toLowerCase().includes(q)) && (!staleOnly || c.stale));
  return {
    gig: { id: gig.id, title: gig.title, status: gig.status, labName: gig.lab.name, screeningRequired: gig.screeningRequired, coordinator: gig.coordinator },
    staff: staff.map((u) => ({ id: u.id, name: u.name, role: u.role })),
    canAssign: isStaff(user),
    columns: STAGES.map((s) => ({ stage: s.key, label: s.label, cards: cards.filter((c) => c.stage === s.key) })),
    total: apps.length,
    staleCount: cards.filter((c) => c.stale).length,
  };
}

const moveSchema = z.object({
  intent: z.literal("move"),
  applicationId: z.string().min(1).max(40),
  version: z.coerce.number({ error: "Missing version." }).int().min(0),
  to: z.enum(STAGE_KEYS, { error: "Choose a stage." }),
  reason: z.string().trim().max(1000, "Use at most 1000 characters.").optional(),
});
const bulkSchema = z.object({
  intent: z.enum(["bulk-move", "bulk-message"]),
  select: z.array(z.string().regex(/^[\w-]{1,40}:\d{1,9}$/, "Invalid selection.")).min(1, "Tick at least one person on the board.").max(500),
  // "Choose a stage" submits an empty value: only "Move selected" needs a stage.
  to: z.preprocess((v) => (v === "" ? undefined : v), z.enum(STAGE_KEYS, { error: "Choose a stage from the list." }).optional()),
  reason: z.string().trim().max(1000, "Use at most 1000 characters.").optional(),
  message: z.string().trim().max(2000, "Use at most 2000 characters.").optional(),
});
const scoreSchema = z.object({
  intent: z.literal("score"),
  applicationId: z.string().min(1).max(40),
  version: z.coerce.number().int().min(0),
  score: z.coerce.number({ error: "Enter a score from 0 to 100." }).int("Use a whole number.").min(0, "Use 0 to 100.").max(100, "Use 0 to 100."),
  feedback: z.string().trim().min(1, "Give the person feedback with their score.").max(2000),
});
const inviteSchema = z.object({ intent: z.literal("invite"), profileId: z.string().min(1).max(40), source: z.enum(["recommendation"]).optional() });
const assignSchema = z.object({ intent: z.literal("assign"), coordinatorId: z.string().max(40).optional().transform((v) => v || null) });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, gig } = await guard(request, params.id);
  const values = formToObject(await readForm(request, context), ["select"]);
  const actor = { id: user.id, role: user.role, profileId: user.profileId, labId: user.labId, ip: context.ip };
  switch (values.intent) {
    case "move": {
      const parsed = parseWith(moveSchema, values);
      if (!parsed.ok) return invalid(parsed.errors);
      const r = await transitionApplication(parsed.data.applicationId, parsed.data.to, actor, { expectedVersion: parsed.data.version, reason: parsed.data.reason });
      if (!r.ok) return refused(r);
      return redirectWithFlash(request, samePage(request), "Moved.");
    }
    case "score": {
      const parsed = parseWith(scoreSchema, values);
      if (!parsed.ok) return invalid(parsed.errors);
      const r = await applyChecklistAction(parsed.data.applicationId, { action: "scoreScreening", score: parsed.data.score, feedback: parsed.data.feedback }, actor, { expectedVersion: parsed.data.version });
      if (!r.ok) return refused(r);
      return redirectWithFlash(request, samePage(request), "Screening scored.");
    }
    case "invite": {
      const parsed = parseWith(inviteSchema, values);
      if (!parsed.ok) return invalid(parsed.errors);
      const r = await inviteToGig(parsed.data.profileId, gig.id, actor, { recommended: parsed.data.source === "recommendation" });
      if (!r.ok) return refused(r);
      return redirectWithFlash(request, samePage(request), "Invitation sent.");
    }
    case "assign": {
      if (!isStaff(user)) return refused({ status: 403, message: "Only coordinators can choose who is responsible for a gig." });
      const parsed = parseWith(assignSchema, values);
      if (!parsed.ok) return invalid(parsed.errors);
      const to = parsed.data.coordinatorId;
      const coordinator = to ? await db().user.findFirst({ where: { id: to, role: { in: ["COORDINATOR", "ADMIN"] }, disabledAt: null }, select: { id: true, name: true } }) : null;
      if (to && !coordinator) return invalid({ coordinatorId: ["Choose an active coordinator."] });
      await db().$transaction(async (tx) => {
        await tx.gig.update({ where: { id: gig.id }, data: { coordinatorId: coordinator?.id ?? null } });
        await audit({ actorId: user.id, actorRole: user.role, action: "gig.coordinator_assigned", entityType: "Gig", entityId: gig.id, before: { coordinatorId: gig.coordinatorId }, after: { coordinatorId: coordinator?.id ?? null }, ip: context.ip }, tx);
        if (coordinator && coordinator.id !== user.id) {
          await notifyUsers(tx, [coordinator.id], { kind: "gig.assigned", title: `You are responsible for "${gig.title}"`, body: `${user.name} made you the coordinator for this gig's onboarding. SLA reminders for its applications now come to you.`, link: `/coord/gigs/${gig.id}` });
        }
      });
      return redirectWithFlash(request, samePage(request), coordinator ? `${coordinator.name} is now responsible for this gig.` : "No named coordinator: reminders go to whoever last moved each application.");
    }
    case "bulk-move":
    case "bulk-message": {
      const parsed = parseWith(bulkSchema, values);
      if (!parsed.ok) return invalid(parsed.errors);
      const items = parsed.data.select.map((s) => {
        const [applicationId, version] = s.split(":");
        return { applicationId, expectedVersion: Number(version) };
      });
      if (parsed.data.intent === "bulk-message") {
        if (!parsed.data.message) return invalid({ message: ["Write the message to send."] });
        const apps = await db().application.findMany({ where: { id: { in: items.map((i) => i.applicationId) }, gigId: gig.id }, select: { profile: { select: { userId: true } } } });
        await db().$transaction((tx) =>
          notifyUsers(tx, apps.map((a) => a.profile.userId), { kind: "message", title: `Message about "${gig.title}"`, body: parsed.data.message ?? "", link: `/gigs/${gig.id}` }),
        );
        return redirectWithFlash(request, samePage(request), `Message sent to ${apps.length} people.`);
      }
      if (!parsed.data.to) return invalid({ to: ["Choose a stage to move to."] });
      const r = await bulkTransition(items, parsed.data.to, actor, parsed.data.reason);
      if (!r.ok) return refused(r);
      return redirectWithFlash(request, samePage(request), `Moved ${r.moved} applications.`);
    }
    default:
      return invalid({ _form: ["Unknown action."] });
  }
}

const BULK_LABELS = { select: "People", to: "Move to", reason: "Reason", message: "Message" };

/** Bulk actions on the ticked cards; a refusal names and marks the field it is about, here. */
function BulkForm({ errors }: { errors?: Record<string, string[] | undefined> }) {
  const err = (name: string) => errors?.[name]?.[0];
  const aria = (name: string) => (err(name) ? { "aria-invalid": true as const, "aria-describedby": `bulk-${name}-error` } : {});
  const bulkErrors = errors && ["select", "to", "reason", "message"].some((k) => errors[k]) ? errors : undefined;
  return (
    <Form method="post" id="bulk" className="card stack">
      <CsrfInput />
      {bulkErrors && <ErrorSummary errors={bulkErrors} labels={BULK_LABELS} idPrefix="bulk-" />}
      <div className="row">
        <strong id="bulk-select" tabIndex={-1} {...aria("select")}>
          With selected:
        </strong>
        {err("select") && (
          <span className="field-error" id="bulk-select-error">
            {err("select")}
          </span>
        )}
      </div>
      <div className="row">
        <div className="field">
          <label htmlFor="bulk-to">Move to</label>
          <select id="bulk-to" name="to" defaultValue="" {...aria("to")}>
            <option value="">Choose a stage</option>
            {STAGES.map((s) => <option key={s.key} value={s.key}>{s.label}</option>)}
          </select>
          {err("to") && <p className="field-error" id="bulk-to-error">{err("to")}</p>}
        </div>
        <div className="field">
          <label htmlFor="bulk-reason">Reason (required to decline)</label>
          <input id="bulk-reason" name="reason" {...aria("reason")} />
          {err("reason") && <p className="field-error" id="bulk-reason-error">{err("reason")}</p>}
        </div>
        <button type="submit" name="intent" value="bulk-move">Move selected</button>
      </div>
      <div className="row">
        <div className="field">
          <label htmlFor="bulk-message">Message</label>
          <input id="bulk-message" name="message" {...aria("message")} />
          {err("message") && <p className="field-error" id="bulk-message-error">{err("message")}</p>}
        </div>
        <button type="submit" name="intent" value="bulk-message" className="secondary">Message selected</button>
      </div>
    </Form>
  );
}

export default function Board() {
  const { gig, columns, total, staleCount, staff, canAssign } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  // After a bulk action succeeded, its form starts empty (a second press must not send it again).
  const [bulkKey, setBulkKey] = useState(0);
  useEffect(() => {
    if (result?.ok) setBulkKey((k) => k + 1);
  }, [result]);
  return (
    <section>
      <p className="muted">
        <Link to={`/gigs/${gig.id}`}>{gig.title}</Link> · {gig.labName} · {gigStatusLabel(gig.status)}
      </p>
      <h1>Onboarding board</h1>
      {result?.errors && !["select", "to", "reason", "message"].some((k) => result.errors?.[k]) && <ErrorSummary errors={result.errors} />}
      <Form method="get" className="row" style={{ marginBottom: "1rem" }}>
        <div className="field">
          <label htmlFor="q">Filter by name or headline</label>
          <input id="q" name="q" defaultValue={params.get("q") ?? ""} />
        </div>
        <label>
          <input type="checkbox" name="stale" value="1" defaultChecked={params.get("stale") === "1"} /> Only overdue ({staleCount})
        </label>
        <button type="submit" className="secondary">Filter</button>
      </Form>
      {canAssign ? (
        <Form method="post" className="row" style={{ marginBottom: "1rem" }}>
          <CsrfInput />
          <input type="hidden" name="intent" value="assign" />
          <div className="field">
            <label htmlFor="coordinatorId">Responsible coordinator</label>
            <span className="hint" id="coordinatorId-hint">Gets the SLA reminders for this gig. Without one, reminders go to whoever last moved the application, else to every coordinator.</span>
            <select id="coordinatorId" name="coordinatorId" defaultValue={gig.coordinator?.id ?? ""} aria-describedby="coordinatorId-hint">
              <option value="">Nobody named</option>
              {staff.map((u) => <option key={u.id} value={u.id}>{u.name}{u.role === "ADMIN" ? " (admin)" : ""}</option>)}
            </select>
          </div>
          <button type="submit" className="secondary">Save</button>
        </Form>
      ) : (
        <p className="muted">Responsible coordinator: {gig.coordinator?.name ?? "nobody named yet"}</p>
      )}
      <p className="muted">{total} application{total === 1 ? "" : "s"}. Cards marked overdue have waited longer than their stage's SLA (<Link to="/coord/sla">stage SLAs</Link>); "reminded" means the coordinator has been sent a reminder for this wait.</p>
      <BulkForm key={bulkKey} errors={result?.errors} />
      <div className="board">
        {columns.map((col) => (
          <section key={col.stage} className="board-col" aria-label={`${col.label}: ${col.cards.length}`}>
            <h2>{col.label} <span className="muted">({col.cards.length})</span></h2>
            {col.cards.map((c) => (
              <article key={c.id} className={`board-card${c.stale ? " stale" : ""}`} data-testid={`card-${c.id}`}>
                <label>
                  <input type="checkbox" name="select" value={`${c.id}:${c.version}`} form="bulk" aria-label={`Select ${c.name}`} /> <strong>{c.name}</strong>
                </label>
                <div className="small muted">
                  {c.matchScore != null ? `match ${c.matchScore}` : "no score"} · day {c.days}
                  {c.stale && <span className="pill warn" title={`SLA ${c.sla} days`}>overdue</span>}
                  {c.stale && c.reminded && <span className="pill">reminded</span>}
                  {c.origin === "INVITED" && <span className="pill">invited</span>}
                  {c.origin === "RECOMMENDED" && <span className="pill" title="Invited from the recommended candidates">recommended</span>}
                </div>
                {c.screening && (
                  <div className="small">
                    {c.screening.submittedAt ? (c.screening.score != null ? `Scored ${c.screening.score}` : "Submitted, not scored") : "Screening sent"}
                    {c.screening.submittedAt && c.screening.score == null && (
                      <Form method="post" className="stack">
                        <CsrfInput />
                        <input type="hidden" name="intent" value="score" />
                        <input type="hidden" name="applicationId" value={c.id} />
                        <input type="hidden" name="version" value={c.version} />
                        <label>Score <input name="score" type="number" min={0} max={100} required style={{ width: "5em" }} /></label>
                        <label>Feedback <input name="feedback" required /></label>
                        <button type="submit" className="small">Save score</button>
                      </Form>
                    )}
                  </div>
                )}
                {c.actions.map((a) => (
                  <Form method="post" key={a.to} className="row">
                    <CsrfInput />
                    <input type="hidden" name="intent" value="move" />
                    <input type="hidden" name="applicationId" value={c.id} />
                    <input type="hidden" name="version" value={c.version} />
                    <input type="hidden" name="to" value={a.to} />
                    {a.reason === "required" && <input name="reason" aria-label={`Reason to ${a.label.toLowerCase()} ${c.name}`} placeholder="Reason they will see" required />}
                    <button type="submit" className={`small ${a.destructive ? "danger" : "secondary"}`}>{a.label}</button>
                  </Form>
                ))}
              </article>
            ))}
          </section>
        ))}
      </div>
    </section>
  );
}
