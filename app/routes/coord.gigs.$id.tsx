import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { z } from "zod";
import { CsrfInput } from "../components/csrf";
import { ErrorSummary } from "../components/form";
import { db } from "../db.server";
import { boardQuery, boardReturn, countLine, moveSchema, readBoardFilters, scoreSchema } from "../domain/board";
import { type ActorRole, type Stage, allowedTransitions, daysInStage, isStale, normalizeChecklist, reminderSentAt, STAGES, stageLabel } from "../domain/onboarding";
import { getFlash, redirectWithFlash } from "../flash.server";
import { safeNext } from "../domain/schemas";
import { formToObject, notFound, parseWith, readForm } from "../http.server";
import { assertCanManageLab, isStaff } from "../permissions.server";
import { bulkTransition, inviteToGig } from "../services/applications.server";
import { audit } from "../services/audit.server";
import { labVisibleApplicants, moveCandidate, scoreCandidate } from "../services/candidates.server";
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
  const filters = readBoardFilters(new URL(request.url).searchParams);
  const [apps, sla, staff] = await Promise.all([
    db().application.findMany({
      where: { gigId: gig.id },
      include: { profile: { select: { id: true, displayName: true, headline: true, visibility: true } } },
      orderBy: [{ matchScore: "desc" }, { createdAt: "asc" }],
    }),
    loadSlaTable(),
    // Only staff choose the responsible coordinator, so only they get the list.
    isStaff(user) ? db().user.findMany({ where: { role: { in: ["COORDINATOR", "ADMIN"] }, disabledAt: null }, select: { id: true, name: true, role: true }, orderBy: { name: "asc" } }) : Promise.resolve([]),
  ]);
  // Labs see a headline only where the person shares their profile with the lab.
  const visible = isStaff(user) ? null : await labVisibleApplicants(apps);
  const now = new Date();
  const actorRole = (isStaff(user) ? user.role : "LAB_MEMBER") as ActorRole;
  const rules = { screeningRequired: gig.screeningRequired, ndaRequired: gig.ndaRequired, trainingModules: gig.trainingModules };
  const query = boardQuery(filters);
  const all = apps.map((a) => {
    const checklist = normalizeChecklist(a.checklist);
    const actions = allowedTransitions({ stage: a.stage as Stage, checklist }, { actorRole, gig: rules });
    return {
      id: a.id,
      version: a.version,
      stage: a.stage as Stage,
      name: a.profile.displayName,
      headline: !visible || visible.has(a.id) ? a.profile.headline : "",
      href: `/coord/gigs/${gig.id}/candidates/${a.id}${query}`,
      matchScore: a.matchScore,
      origin: a.origin,
      days: daysInStage(a.stageEnteredAt, now),
      stale: isStale(a.stageEnteredAt, a.stage as Stage, now, sla),
      sla: sla[a.stage as Stage],
      reminded: reminderSentAt(a) !== null,
      screening: a.stage === "SCREENING" ? checklist.screening : null,
      // One visible next step per card; moves that need a reason (decline, offboard) open a box first.
      next: actions.find((x) => x.reason !== "required") ?? null,
      ending: actions.filter((x) => x.reason === "required"),
    };
  });
  const matching = all.filter((c) => !filters.q || c.name.toLowerCase().includes(filters.q) || c.headline.toLowerCase().includes(filters.q));
  const cards = matching.filter((c) => !filters.stale || c.stale);
  const { flash, clear } = await getFlash(request);
  const headers: HeadersInit = clear ? { "Set-Cookie": clear } : {};
  return data(
    {
      gig: { id: gig.id, title: gig.title, status: gig.status, labName: gig.lab.name, screeningRequired: gig.screeningRequired, coordinator: gig.coordinator },
      staff: staff.map((u) => ({ id: u.id, name: u.name, role: u.role })),
      canAssign: isStaff(user),
      filters,
      columns: STAGES.map((s) => ({ stage: s.key, label: s.label, cards: cards.filter((c) => c.stage === s.key) })),
      countLine: countLine(cards.length, all.length, Boolean(filters.q || filters.stale)),
      // Overdue among what the name filter shows, so the checkbox says what ticking it will show.
      staleCount: matching.filter((c) => c.stale).length,
      flash,
    },
    { headers },
  );
}

const bulkSchema = z.object({
  intent: z.enum(["bulk-move", "bulk-message"]),
  select: z.array(z.string().regex(/^[\w-]{1,40}:\d{1,9}$/, "Invalid selection.")).min(1, "Select at least one person.").max(500),
  to: z.preprocess((v) => (v === "" ? undefined : v), z.enum(STAGE_KEYS).optional()),
  reason: z.string().trim().max(1000, "Use at most 1000 characters.").optional(),
  message: z.string().trim().max(2000, "Use at most 2000 characters.").optional(),
});
const inviteSchema = z.object({ intent: z.literal("invite"), profileId: z.string().min(1).max(40), source: z.enum(["recommendation"]).optional(), returnTo: z.string().max(500).optional() });
const assignSchema = z.object({ intent: z.literal("assign"), coordinatorId: z.string().max(40).optional().transform((v) => v || null) });

/** A refusal shown where it happened: on the card (`about` = application id), the bulk bar or the top. */
function refusedAt(about: string | null, r: { status: number; message: string; details?: string[] }) {
  const status = r.status >= 400 && r.status < 500 ? r.status : 400;
  return data({ ok: false as const, about, errors: { _form: [r.message, ...(r.details ?? [])] } as Record<string, string[]> }, { status });
}
function invalidAt(about: string | null, errors: Record<string, string[]>) {
  return data({ ok: false as const, about, errors }, { status: 400 });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, gig } = await guard(request, params.id);
  const values = formToObject(await readForm(request, context), ["select"]);
  const actor = { id: user.id, role: user.role, profileId: user.profileId, labId: user.labId, ip: context.ip };
  // Back to the same board, same filters, with what was acted on in view.
  const filters = readBoardFilters(new URL(request.url).searchParams);
  switch (values.intent) {
    case "move": {
      const about = typeof values.applicationId === "string" ? values.applicationId.slice(0, 40) : null;
      const parsed = parseWith(moveSchema, values);
      if (!parsed.ok) return invalidAt(about, parsed.errors);
      const r = await moveCandidate(gig.id, parsed.data, actor);
      if (!r.ok) return refusedAt(about, r);
      return redirectWithFlash(request, boardReturn(gig.id, filters, parsed.data.applicationId), r.message, { about: parsed.data.applicationId });
    }
    case "score": {
      const about = typeof values.applicationId === "string" ? values.applicationId.slice(0, 40) : null;
      const parsed = parseWith(scoreSchema, values);
      if (!parsed.ok) return invalidAt(about, parsed.errors);
      const r = await scoreCandidate(gig.id, parsed.data, actor);
      if (!r.ok) return refusedAt(about, r);
      return redirectWithFlash(request, boardReturn(gig.id, filters, parsed.data.applicationId), r.message, { about: parsed.data.applicationId });
    }
    case "invite": {
      const parsed = parseWith(inviteSchema, values);
      if (!parsed.ok) return invalidAt(null, parsed.errors);
      const r = await inviteToGig(parsed.data.profileId, gig.id, actor, { recommended: parsed.data.source === "recommendation" });
      if (!r.ok) return refusedAt(null, r);
      const person = await db().profile.findUnique({ where: { id: parsed.data.profileId }, select: { displayName: true } });
      const message = `Invitation sent to ${person?.displayName ?? "them"}. They are in the Invited column of the board.`;
      // Inviting from a list (the gig page's recommendations, talent search) returns to that list.
      const back = safeNext(parsed.data.returnTo, "") || null;
      if (back) return redirectWithFlash(request, back, message, { about: `candidate-${parsed.data.profileId}` });
      return redirectWithFlash(request, boardReturn(gig.id, filters, r.applicationId), message, { about: r.applicationId });
    }
    case "assign": {
      if (!isStaff(user)) return refusedAt(null, { status: 403, message: "Only coordinators can choose who is responsible for a gig." });
      const parsed = parseWith(assignSchema, values);
      if (!parsed.ok) return invalidAt(null, parsed.errors);
      const to = parsed.data.coordinatorId;
      const coordinator = to ? await db().user.findFirst({ where: { id: to, role: { in: ["COORDINATOR", "ADMIN"] }, disabledAt: null }, select: { id: true, name: true } }) : null;
      if (to && !coordinator) return invalidAt(null, { coordinatorId: ["Choose an active coordinator."] });
      await db().$transaction(async (tx) => {
        await tx.gig.update({ where: { id: gig.id }, data: { coordinatorId: coordinator?.id ?? null } });
        await audit({ actorId: user.id, actorRole: user.role, action: "gig.coordinator_assigned", entityType: "Gig", entityId: gig.id, before: { coordinatorId: gig.coordinatorId }, after: { coordinatorId: coordinator?.id ?? null }, ip: context.ip }, tx);
        if (coordinator && coordinator.id !== user.id) {
          await notifyUsers(tx, [coordinator.id], { kind: "gig.assigned", title: `You are responsible for "${gig.title}"`, body: `${user.name} made you the coordinator for this gig's onboarding. SLA reminders for its applications now come to you.`, link: `/coord/gigs/${gig.id}` });
        }
      });
      return redirectWithFlash(request, `${boardReturn(gig.id, filters)}#assign`, coordinator ? `${coordinator.name} is now responsible for this gig.` : "No named coordinator: reminders go to whoever last moved each application.", { about: "assign" });
    }
    case "bulk-move":
    case "bulk-message": {
      const parsed = parseWith(bulkSchema, values);
      if (!parsed.ok) return invalidAt("bulk", parsed.errors);
      const items = parsed.data.select.map((s) => {
        const [applicationId, version] = s.split(":");
        return { applicationId, expectedVersion: Number(version) };
      });
      if (parsed.data.intent === "bulk-message") {
        if (!parsed.data.message) return invalidAt("bulk", { message: ["Write a message."] });
        const apps = await db().application.findMany({ where: { id: { in: items.map((i) => i.applicationId) }, gigId: gig.id }, select: { profile: { select: { userId: true } } } });
        await db().$transaction((tx) =>
          notifyUsers(tx, apps.map((a) => a.profile.userId), { kind: "message", title: `Message about "${gig.title}"`, body: parsed.data.message ?? "", link: `/gigs/${gig.id}` }),
        );
        return redirectWithFlash(request, `${boardReturn(gig.id, filters)}#bulk`, `Message sent to ${apps.length} ${apps.length === 1 ? "person" : "people"}.`, { about: "bulk" });
      }
      if (!parsed.data.to) return invalidAt("bulk", { to: ["Choose a stage to move to."] });
      const onGig = await db().application.count({ where: { id: { in: items.map((i) => i.applicationId) }, gigId: gig.id } });
      if (onGig !== items.length) return refusedAt("bulk", { status: 404, message: "Nothing was moved: some selected applications are not on this gig." });
      const r = await bulkTransition(items, parsed.data.to, actor, parsed.data.reason);
      if (!r.ok) return refusedAt("bulk", r);
      return redirectWithFlash(request, `${boardReturn(gig.id, filters)}#bulk`, `Moved ${r.moved} application${r.moved === 1 ? "" : "s"} to ${stageLabel(parsed.data.to)}.`, { about: "bulk" });
    }
    default:
      return invalidAt(null, { _form: ["Unknown action."] });
  }
}

type CardData = ReturnType<typeof useLoaderData<typeof loader>>["columns"][number]["cards"][number];

function CardAlert({ id, flash, result }: { id: string; flash: { message: string; about?: string } | null; result: ReturnType<typeof useActionData<typeof action>> }) {
  if (flash?.about === id) return <p className="alert ok" role="status">{flash.message}</p>;
  if (result && !result.ok && result.about === id) {
    return (
      <div className="alert error" role="alert">
        {(Object.values(result.errors) as string[][]).flat().map((m) => <p key={m}>{m}</p>)}
      </div>
    );
  }
  return null;
}

function Card({ c, flash, result }: { c: CardData; flash: { message: string; about?: string } | null; result: ReturnType<typeof useActionData<typeof action>> }) {
  const hidden = (to: Stage) => (
    <>
      <CsrfInput />
      <input type="hidden" name="intent" value="move" />
      <input type="hidden" name="applicationId" value={c.id} />
      <input type="hidden" name="version" value={c.version} />
      <input type="hidden" name="to" value={to} />
    </>
  );
  return (
    <article id={`card-${c.id}`} className={`board-card${c.stale ? " stale" : ""}`} data-testid={`card-${c.id}`}>
      <div className="card-head">
        <input type="checkbox" name="select" value={`${c.id}:${c.version}`} form="bulk" aria-label={`Select ${c.name}`} />
        <Link to={c.href} className="card-name">{c.name}</Link>
      </div>
      {c.headline && <p className="small muted card-headline">{c.headline}</p>}
      <div className="small muted">
        {c.matchScore != null ? `Match ${c.matchScore}` : "No score"} · day {c.days}
        {c.stale && <span className="pill warn" title={`SLA ${c.sla} days`}>overdue</span>}
        {c.stale && c.reminded && <span className="pill">reminded</span>}
        {c.origin === "INVITED" && <span className="pill">invited</span>}
        {c.origin === "RECOMMENDED" && <span className="pill" title="Invited from the recommended candidates">recommended</span>}
      </div>
      {c.screening && (
        <p className="small card-screening">
          {c.screening.submittedAt ? (c.screening.score != null ? `Screening scored ${c.screening.score}` : "Submitted, not scored") : "Screening sent"}
          {c.screening.submittedAt && (
            <>
              {" · "}
              <Link to={`${c.href}#screening`}>{c.screening.score != null ? "Open screening" : "Read and score"}<span className="visually-hidden"> for {c.name}</span></Link>
            </>
          )}
        </p>
      )}
      <CardAlert id={c.id} flash={flash} result={result} />
      {(c.next || c.ending.length > 0) && (
        <div className="card-actions">
          {c.next && (
            <Form method="post" preventScrollReset>
              {hidden(c.next.to)}
              <button type="submit" className="small secondary">{c.next.label}</button>
            </Form>
          )}
          {c.ending.map((a) => (
            <details key={a.to} className="decline">
              <summary className="small">{a.label}…</summary>
              <Form method="post" className="stack" preventScrollReset>
                {hidden(a.to)}
                <label htmlFor={`reason-${c.id}-${a.to}`} className="small">Reason to {a.label.toLowerCase()} {c.name} (they will see it)</label>
                <textarea id={`reason-${c.id}-${a.to}`} name="reason" rows={2} required />
                <button type="submit" className="small danger">{a.label}</button>
              </Form>
            </details>
          ))}
        </div>
      )}
    </article>
  );
}

export default function Board() {
  const { gig, columns, countLine, staleCount, staff, canAssign, filters, flash } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [ticked, setTicked] = useState<number | null>(null);
  const topError = result && !result.ok && (result.about === null || !columns.some((col) => col.cards.some((c) => c.id === result.about))) && result.about !== "bulk";
  const known = new Set(["bulk", "assign", ...columns.flatMap((col) => col.cards.map((c) => c.id))]);
  const countTicked = () => setTicked(document.querySelectorAll('input[name="select"][form="bulk"]:checked').length);
  const bulkErrors = result && !result.ok && result.about === "bulk" ? result.errors : undefined;
  const bulkInvalid = (field: string) => (bulkErrors?.[field]?.length ? true : undefined);
  // A message that was sent leaves the box: pressing the button again must not send it twice.
  const messageRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (flash?.about === "bulk" && messageRef.current) messageRef.current.value = "";
  }, [flash]);
  // After an action the cards are new (new versions, maybe other columns): count again what is still ticked.
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-count whenever the loader data changes
  useEffect(countTicked, [columns]);
  return (
    <section>
      <p className="muted">
        <Link to={`/gigs/${gig.id}`}>{gig.title}</Link> · {gig.labName} · {gigStatusLabel(gig.status)}
      </p>
      <h1>Onboarding board</h1>
      <p><Link to={`/coord/gigs/${gig.id}/work`}>Work, pay and queue status of the people active on this gig</Link></p>
      {flash?.about && !known.has(flash.about) && <p className="alert ok" role="status">{flash.message}</p>}
      {topError && <ErrorSummary errors={result.errors} />}
      <Form method="get" className="row" style={{ marginBottom: "1rem" }}>
        <div className="field">
          <label htmlFor="q">Filter by name or headline</label>
          <input id="q" name="q" defaultValue={filters.q} />
        </div>
        <label>
          <input type="checkbox" name="stale" value="1" defaultChecked={filters.stale} /> Only overdue ({staleCount})
        </label>
        <button type="submit" className="secondary">Filter</button>
        {(filters.q || filters.stale) && <Link to={`/coord/gigs/${gig.id}`}>Clear filters</Link>}
      </Form>
      {canAssign ? (
        <Form method="post" className="row" id="assign" style={{ marginBottom: "1rem" }}>
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
          {flash?.about === "assign" && <p className="alert ok" role="status">{flash.message}</p>}
        </Form>
      ) : (
        <p className="muted">Responsible coordinator: {gig.coordinator?.name ?? "nobody named yet"}</p>
      )}
      <p className="muted" data-testid="board-count">{countLine}. Cards marked overdue have waited longer than their stage's SLA (<Link to="/coord/sla">stage SLAs</Link>); "reminded" means the coordinator has been sent a reminder for this wait.</p>
      <Form method="post" id="bulk" className="card bulk-bar">
        <CsrfInput />
        <p className="bulk-title" id="bulk-select"><strong>With selected</strong>{ticked !== null && <span aria-live="polite"> ({ticked} selected)</span>}:</p>
        {/* A refusal replaces the earlier success (a refused action does not reload the page's data). */}
        {flash?.about === "bulk" && !bulkErrors && <p className="alert ok" role="status">{flash.message}</p>}
        {bulkErrors && <ErrorSummary errors={bulkErrors} idPrefix="bulk-" labels={{ select: "People", to: "Move to", reason: "Reason", message: "Message" }} />}
        <div className="row">
          <div className="field">
            <label htmlFor="bulk-to">Move to</label>
            <select id="bulk-to" name="to" defaultValue="" aria-invalid={bulkInvalid("to")}>
              <option value="">Choose a stage</option>
              {STAGES.map((s) => <option key={s.key} value={s.key}>{s.label}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor="bulk-reason">Reason (required to decline)</label>
            <input id="bulk-reason" name="reason" aria-invalid={bulkInvalid("reason")} />
          </div>
          <button type="submit" name="intent" value="bulk-move">{ticked ? `Move ${ticked} selected` : "Move selected"}</button>
        </div>
        <div className="row">
          <div className="field">
            <label htmlFor="bulk-message">Message</label>
            <input id="bulk-message" name="message" ref={messageRef} aria-invalid={bulkInvalid("message")} />
          </div>
          <button type="submit" name="intent" value="bulk-message" className="secondary">{ticked ? `Message ${ticked} selected` : "Message selected"}</button>
        </div>
      </Form>
      <div className="board" onChange={countTicked}>
        {columns.map((col) => (
          <section key={col.stage} className="board-col" aria-label={`${col.label}: ${col.cards.length}`}>
            <h2>{col.label} <span className="muted">({col.cards.length})</span></h2>
            {col.cards.map((c) => <Card key={c.id} c={c} flash={flash} result={result} />)}
          </section>
        ))}
      </div>
    </section>
  );
}
