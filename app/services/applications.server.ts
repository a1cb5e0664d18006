/**
 * Applications and the onboarding pipeline: apply, invite, transitions, checklist actions and
 * bulk moves. Rules live in app/domain/onboarding/; this module persists them with
 * optimistic concurrency (a version column): of two people acting on the same version, exactly
 * one wins and the other gets a conflict. Every change writes a StageTransition, an audit
 * entry and the notifications in the same transaction.
 */
import { db, type Tx } from "~/db.server";
import { row, rows, sql } from "~/sql.server";
import { type Application, type Gig, Prisma } from "~/generated/prisma/client";
import { newId } from "~/ids.server";
import type { ProfileVisibility } from "~/generated/prisma/enums";
import { LEGAL_TEXTS } from "~/domain/legal";
import { confirmEmailMessage } from "~/domain/accounts";
import {
  type ActorRole,
  type Checklist,
  type ChecklistResult,
  type Stage,
  acceptContract,
  acceptNda,
  acknowledgeModule,
  autoAdvanceTarget,
  confirmPayout,
  confirmTaxForm,
  emptyChecklist,
  normalizeChecklist,
  scoreScreening,
  sendScreening,
  stageLabel,
  submitScreening,
  transition,
} from "~/domain/onboarding";
import { isStaff } from "~/permissions.server";
import type { SessionUser } from "~/session.server";
import { audit } from "./audit.server";
import { getGigRow } from "./gigs.server";
import { applicationMatch } from "./matching.server";
import { notificationRows, notifyUsers } from "./notifications.server";
import { type ViewerPersonRow, viewerPersonOf } from "./people.server";
import { emitLabEvent, labEventDeliveries } from "./webhooks.server";

export type { ActingUser } from "./actor";
import type { ActingUser } from "./actor";

/** The one result shape (app/services/result.ts); kept under this name for existing imports. */
export type ServiceResult<T extends object = object> = Result<T>;
import type { Failure, Result } from "./result";

const ACTIVEISH: Stage[] = ["CONTRACTING", "PAYMENT_SETUP", "TRAINING", "ACTIVE"];

/** The role a user acts in on this application, or null when they may not act on it. */
export function actorRoleFor(user: ActingUser, app: { profileId: string; gig: { labId: string } }): ActorRole | null {
  if (user.profileId && user.profileId === app.profileId) return "PROFESSIONAL";
  if (user.role === "COORDINATOR" || user.role === "ADMIN") return user.role;
  if (user.role === "LAB_MEMBER" && user.labId === app.gig.labId) return "LAB_MEMBER";
  return null;
}

/** Who hears about a professional's moves on a gig: the lab's members and the gig's named coordinator. */
export async function gigTeamIds(tx: Tx, gig: { labId: string; coordinatorId: string | null }) {
  const [members, coordinator] = await Promise.all([
    tx.labMember.findMany({ where: { labId: gig.labId }, select: { userId: true } }),
    gig.coordinatorId ? tx.user.findFirst({ where: { id: gig.coordinatorId, disabledAt: null }, select: { id: true } }) : null,
  ]);
  return [...members.map((m) => m.userId), ...(coordinator ? [coordinator.id] : [])];
}

/**
 * What writing an application needs besides the gig's row, read in ONE statement on the bare pool before
 * the write (decision 0040): whether the actor's email is confirmed, the person (as
 * loadViewerPerson reads them, for the match) and their user id, the gig's team (gigTeamIds: the
 * lab's members and its named coordinator unless disabled), who of the people notified wants email
 * (notifyUsers' read of emailNotifications and disabledAt) and the lab's enabled endpoints
 * subscribed to application.created (emitLabEvent's read). Read before the write rather than inside
 * its transaction: under READ COMMITTED each read sees what was committed when it runs in either place.
 */
interface ApplicationReads extends ViewerPersonRow {
  emailVerified: boolean | null;
  userId: string | null;
  members: string[];
  coordinator: string | null;
  mailable: [id: string, email: string][];
  endpoints: string[];
}

function applicationReads(args: { actorId: string; profileId: string; labId: string | null; coordinatorId: string | null }) {
  const { actorId, profileId, labId, coordinatorId } = args;
  return row<ApplicationReads>(sql`
    SELECT (SELECT u."emailVerifiedAt" IS NOT NULL FROM "User" u WHERE u.id = ${actorId}) AS "emailVerified",
           p.id, p."userId", p."displayName", p."transferScores", p.languages, p."hoursPerWeek", p."minRateCents", p."rateCurrency", p.timezone,
           to_char(p."availableFrom", 'YYYY-MM-DD') AS "availableFrom",
           (SELECT coalesce(json_agg(json_build_array(c.format, c.genres, c."verifiedAt" IS NOT NULL) ORDER BY c.position ASC, c."startYear" DESC), '[]'::json)
              FROM "Credit" c WHERE c."profileId" = p.id) AS credits,
           ARRAY(SELECT m."userId" FROM "LabMember" m WHERE m."labId" = ${labId}) AS members,
           (SELECT u.id FROM "User" u WHERE u.id = ${coordinatorId} AND u."disabledAt" IS NULL) AS coordinator,
           (SELECT coalesce(json_agg(json_build_array(u.id, u.email)), '[]'::json) FROM "User" u
              WHERE u.id = ANY(ARRAY(SELECT m."userId" FROM "LabMember" m WHERE m."labId" = ${labId}) || ARRAY[p."userId", ${coordinatorId}::text])
                AND u."emailNotifications" AND u."disabledAt" IS NULL) AS mailable,
           ARRAY(SELECT e.id FROM "WebhookEndpoint" e
                  WHERE e."labId" = ${labId} AND e.enabled AND e.events @> ARRAY['application.created']::text[]) AS endpoints
    FROM (VALUES (1)) AS one (x) LEFT JOIN "Profile" p ON p.id = ${profileId}`);
}

async function createApplication(
  profileId: string,
  gigId: string,
  origin: "APPLIED" | "INVITED" | "RECOMMENDED",
  note: string,
  actor: ActingUser,
  opts: { gig?: Gig; requireConfirmedEmail?: boolean } = {},
): Promise<ServiceResult<{ applicationId: string }>> {
  // An invitation (made freely, or from the recommended candidates) starts at INVITED.
  const stage = origin === "APPLIED" ? "APPLIED" : "INVITED";
  const gig = opts.gig?.id === gigId ? opts.gig : await getGigRow(gigId);
  const reads = await applicationReads({
    actorId: actor.id,
    profileId,
    labId: gig?.labId ?? null,
    coordinatorId: gig?.coordinatorId ?? null,
  });
  if (opts.requireConfirmedEmail && !reads?.emailVerified) {
    return { ok: false, status: 403, code: "EMAIL_NOT_CONFIRMED", message: confirmEmailMessage("apply") };
  }
  if (!gig) return { ok: false, status: 404, code: "NOT_FOUND", message: "No such gig." };
  if (gig.status !== "OPEN" && !(stage === "INVITED" && gig.status === "DRAFT")) {
    return { ok: false, status: 409, code: "GIG_NOT_OPEN", message: "This gig is not open for applications." };
  }
  if (!reads?.id || !reads.userId) return { ok: false, status: 404, code: "NOT_FOUND", message: "No such profile." };
  const match = applicationMatch(viewerPersonOf(reads), gig);
  const id = newId();
  const emailOf = new Map(reads.mailable);
  const team = [...reads.members, ...(reads.coordinator ? [reads.coordinator] : [])];
  const notices =
    origin === "APPLIED"
      ? [
          notificationRows(
            team,
            {
              kind: "application.new",
              title: `New applicant for "${gig.title}"`,
              body: `${reads.displayName} applied. Review them on the board.`,
              link: `/coord/gigs/${gig.id}`,
            },
            emailOf,
          ),
          // The confirmation the professional keeps (and gets by email): the application was sent.
          notificationRows(
            [reads.userId],
            {
              kind: "application.sent",
              title: `Your application to "${gig.title}" was sent`,
              body: "The lab has been told. You will hear here and by email when it moves; follow it on your application's page.",
              link: `/me/applications/${id}`,
            },
            emailOf,
          ),
        ]
      : [
          notificationRows(
            [reads.userId],
            {
              kind: "application.invited",
              title: `You are invited to "${gig.title}"`,
              body: "A lab thinks your experience fits this gig. Read the disclosure and accept the invitation if you are interested.",
              link: `/me/applications/${id}`,
            },
            emailOf,
          ),
        ];
  const notifications = notices.flatMap((n) => n.notifications).map((n) => ({ ...n, id: newId() }));
  const mails = notices.flatMap((n) => n.mails).map((m) => ({ ...m, id: newId() }));
  const deliveries = labEventDeliveries(
    { type: "application.created", applicationId: id, gigId, origin, stage },
    gig.labId,
    reads.endpoints,
  ).map((d) => ({ ...d, id: newId() }));
  const now = new Date().toISOString();
  const at = Prisma.sql`(${now}::timestamptz AT TIME ZONE 'UTC')`;
  const col = <T>(list: T[], f: (x: T) => string | null) => list.map(f);
  // Every row in ONE statement, so in one transaction: the application (none when this person
  // already has one for the gig: the unique (profileId, gigId) pair), and from it its first stage
  // transition, the audit entry, the lab's webhook deliveries, the notifications and their emails.
  // The same rows as Prisma's creates wrote (tests/integration/apply-writes.test.ts); ids are cuids
  // made here (app/ids.server.ts), times are this one instant in UTC, like Prisma's now() defaults.
  const created = await db().$queryRaw<{ id: string }[]>`
    WITH app AS (
      INSERT INTO "Application" (id, "profileId", "gigId", origin, note, stage, "stageEnteredAt", checklist, "matchScore", "matchReasons", "createdAt", "updatedAt")
      VALUES (${id}, ${profileId}, ${gigId}, ${origin}::"ApplicationOrigin", ${note}, ${stage}::"Stage", ${at},
              ${JSON.stringify(emptyChecklist())}::jsonb, ${match?.labScore ?? null}::int, ${JSON.stringify(match?.sharedReasons ?? [])}::jsonb, ${at}, ${at})
      ON CONFLICT ("profileId", "gigId") DO NOTHING
      RETURNING id
    ), transition AS (
      INSERT INTO "StageTransition" (id, "applicationId", "fromStage", "toStage", "actorId", "actorRole", at)
      SELECT ${newId()}, app.id, NULL, ${stage}::"Stage", ${actor.id}, ${origin === "APPLIED" ? "PROFESSIONAL" : actor.role}, ${at} FROM app
    ), audit AS (
      INSERT INTO "Event" ("actorId", "actorRole", action, "entityType", "entityId", after, ip, at)
      SELECT ${actor.id}, ${actor.role}, ${origin === "APPLIED" ? "application.applied" : "application.invited"}, 'Application', app.id,
             ${JSON.stringify({ gigId, profileId, origin })}::jsonb, ${actor.ip ?? null}, ${at} FROM app
    ), delivery AS (
      INSERT INTO "WebhookDelivery" (id, "endpointId", "eventId", "eventType", "orderKey", body, "nextAttemptAt", "createdAt", "updatedAt")
      SELECT d.id, d."endpointId", d."eventId", d."eventType", d."orderKey", d.body, ${at}, ${at}, ${at}
      FROM app, unnest(${col(deliveries, (d) => d.id)}::text[], ${col(deliveries, (d) => d.endpointId)}::text[], ${col(deliveries, (d) => d.eventId)}::text[],
                       ${col(deliveries, (d) => d.eventType)}::text[], ${col(deliveries, (d) => d.orderKey)}::text[], ${col(deliveries, (d) => d.body)}::text[])
           AS d (id, "endpointId", "eventId", "eventType", "orderKey", body)
    ), notification AS (
      INSERT INTO "Notification" (id, "userId", kind, title, body, link, "createdAt")
      SELECT n.id, n."userId", n.kind, n.title, n.body, n.link, ${at}
      FROM app, unnest(${col(notifications, (n) => n.id)}::text[], ${col(notifications, (n) => n.userId)}::text[], ${col(notifications, (n) => n.kind)}::text[],
                       ${col(notifications, (n) => n.title)}::text[], ${col(notifications, (n) => n.body)}::text[], ${col(notifications, (n) => n.link)}::text[])
           AS n (id, "userId", kind, title, body, link)
    ), mail AS (
      INSERT INTO "MailMessage" (id, "to", subject, text, kind, "createdAt")
      SELECT m.id, m."to", m.subject, m.text, m.kind, ${at}
      FROM app, unnest(${col(mails, (m) => m.id)}::text[], ${col(mails, (m) => m.to)}::text[], ${col(mails, (m) => m.subject)}::text[],
                       ${col(mails, (m) => m.text)}::text[], ${col(mails, (m) => m.kind)}::text[])
           AS m (id, "to", subject, text, kind)
    )
    SELECT id FROM app`;
  if (created.length === 0) {
    return {
      ok: false,
      status: 409,
      code: "DUPLICATE",
      message: origin === "APPLIED" ? "You have already applied to this gig." : "This person already has an application for this gig.",
    };
  }
  return { ok: true, applicationId: id };
}

/**
 * A professional applies; profile building needs no confirmed email, applying does. `loaded.gig`:
 * the gig's row when the caller has just read it (the apply action), which saves reading it again.
 */
export async function applyToGig(
  profileId: string,
  gigId: string,
  note: string,
  actor: ActingUser,
  loaded: { gig?: Gig } = {},
): Promise<ServiceResult<{ applicationId: string }>> {
  return createApplication(profileId, gigId, "APPLIED", note, { ...actor, profileId }, { gig: loaded.gig, requireConfirmedEmail: true });
}

/** Invites a person; `recommended` records that they came from the gig's recommended candidates (fairness audit). */
export async function inviteToGig(profileId: string, gigId: string, actor: ActingUser, opts: { recommended?: boolean } = {}) {
  const gig = await db().gig.findUnique({ where: { id: gigId }, select: { labId: true } });
  if (!gig) return { ok: false as const, status: 404, code: "NOT_FOUND", message: "No such gig." };
  if (!(isStaff(actor as SessionUser) || (actor.role === "LAB_MEMBER" && actor.labId === gig.labId))) {
    return { ok: false as const, status: 403, code: "FORBIDDEN", message: "You cannot invite people to this gig." };
  }
  const profile = await db().profile.findUnique({ where: { id: profileId }, select: { visibility: true } });
  if (!profile || (actor.role === "LAB_MEMBER" && profile.visibility !== "LABS")) {
    return { ok: false as const, status: 404, code: "NOT_FOUND", message: "No such profile." };
  }
  return createApplication(profileId, gigId, opts.recommended ? "RECOMMENDED" : "INVITED", "", actor);
}

type LoadedApp = Prisma.ApplicationGetPayload<{ include: { gig: true; profile: { select: { userId: true; displayName: true } } } }>;

async function loadApp(tx: Tx, id: string): Promise<LoadedApp | null> {
  return tx.application.findUnique({ where: { id }, include: { gig: true, profile: { select: { userId: true, displayName: true } } } });
}

const STAGE_NOTICE: Partial<Record<Stage, string>> = {
  SHORTLISTED: "You are on the shortlist. Next, the lab will send an assessment or an offer.",
  SCREENING: "Your screening assessment is ready. Submit it from your application page.",
  OFFERED: "You have an offer. Review the terms and accept it from your application page.",
  CONTRACTING: "Sign the NDA and contract from your application page.",
  PAYMENT_SETUP: "Confirm your tax form and payout details.",
  TRAINING: "Read the training modules and mark them done.",
  ACTIVE: "You are active on this gig. Welcome aboard!",
};

/** Ends a reason with one full stop ("Not a fit." stays as it is; "Not a fit" gets one). */
function sentence(text: string) {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

async function persist(
  tx: Tx,
  app: LoadedApp,
  expectedVersion: number,
  next: { stage: Stage; checklist: Checklist; reason?: string | null },
  actor: ActingUser,
  actorRole: ActorRole,
  action: string,
): Promise<boolean> {
  const moved = next.stage !== app.stage;
  const updated = await tx.application.updateMany({
    where: { id: app.id, version: expectedVersion },
    data: {
      stage: next.stage,
      checklist: next.checklist as unknown as Prisma.InputJsonValue,
      version: { increment: 1 },
      ...(moved ? { stageEnteredAt: new Date(), lastReason: next.reason ?? null } : {}),
    },
  });
  if (updated.count !== 1) return false;
  if (moved && next.stage === "ACTIVE") {
    // The active phase starts: its queue status (work available) and dates (app/services/work.server.ts).
    const now = new Date();
    await tx.engagement.upsert({
      where: { applicationId: app.id },
      create: { applicationId: app.id, gigId: app.gigId, activeSince: now, queueSetAt: now },
      update: {},
    });
  }
  if (moved) {
    await tx.stageTransition.create({
      data: { applicationId: app.id, fromStage: app.stage, toStage: next.stage, actorId: actor.id, actorRole, reason: next.reason ?? null },
    });
    await emitLabEvent(tx, {
      type: "application.stage_changed",
      labId: app.gig.labId,
      applicationId: app.id,
      gigId: app.gigId,
      fromStage: app.stage,
      toStage: next.stage,
    });
  }
  await audit(
    {
      actorId: actor.id,
      actorRole,
      action,
      entityType: "Application",
      entityId: app.id,
      before: { stage: app.stage, version: expectedVersion },
      after: { stage: next.stage, reason: next.reason ?? null },
      ip: actor.ip,
    },
    tx,
  );
  if (moved) {
    const terminal = next.stage === "DECLINED" || next.stage === "OFFBOARDED" || next.stage === "WITHDRAWN";
    if (actorRole !== "PROFESSIONAL") {
      await notifyUsers(tx, [app.profile.userId], {
        kind: `application.${next.stage.toLowerCase()}`,
        title: `"${app.gig.title}": ${stageLabel(next.stage)}`,
        body: terminal
          ? `Reason: ${sentence(next.reason ?? "none given")} You can ask for a human review from your application page.`
          : (STAGE_NOTICE[next.stage] ?? `Your application moved to ${stageLabel(next.stage)}.`),
        link: `/me/applications/${app.id}`,
      });
    } else {
      await notifyUsers(tx, await gigTeamIds(tx, app.gig), {
        kind: `application.${next.stage.toLowerCase()}`,
        title: `${app.profile.displayName}: ${stageLabel(next.stage)} on "${app.gig.title}"`,
        body:
          next.stage === "WITHDRAWN" ? `They withdrew${next.reason ? `: ${next.reason}` : "."}` : "They moved their application forward.",
        link: `/coord/gigs/${app.gigId}`,
      });
    }
  }
  return true;
}

function conflict(): { ok: false; status: number; code: string; message: string } {
  return {
    ok: false,
    status: 409,
    code: "CONFLICT",
    message: "Someone else changed this application at the same time. Reload to see its current stage, then try again.",
  };
}

/** Moves one application (in `tx` when given, e.g. a bulk action). */
export async function transitionApplication(
  applicationId: string,
  to: Stage,
  actor: ActingUser,
  opts: { expectedVersion?: number; reason?: string | null; tx?: Tx; offboardingRecorded?: boolean } = {},
): Promise<ServiceResult<{ stage: Stage; version: number }>> {
  // Ending an active engagement needs a reason code, evidence and who decided: offboardEngagement
  // (app/services/work.server.ts) records them and passes offboardingRecorded.
  if (to === "OFFBOARDED" && !opts.offboardingRecorded) {
    return {
      ok: false,
      status: 422,
      code: "OFFBOARD_RECORD_REQUIRED",
      message: "Offboarding needs a reason code, the evidence and who decided: use the offboarding form on the candidate page.",
    };
  }
  const run = async (tx: Tx): Promise<ServiceResult<{ stage: Stage; version: number }>> => {
    const app = await loadApp(tx, applicationId);
    if (!app) return { ok: false, status: 404, code: "NOT_FOUND", message: "No such application." };
    const role = actorRoleFor(actor, app);
    if (!role) return { ok: false, status: 404, code: "NOT_FOUND", message: "No such application." };
    const version = opts.expectedVersion ?? app.version;
    if (version !== app.version) return conflict();
    const rules = {
      screeningRequired: app.gig.screeningRequired,
      ndaRequired: app.gig.ndaRequired,
      trainingModules: app.gig.trainingModules,
    };
    const state = { stage: app.stage as Stage, checklist: normalizeChecklist(app.checklist) };
    const result = transition(state, to, { actorRole: role, gig: rules, reason: opts.reason, at: new Date() });
    if (!result.ok) {
      return {
        ok: false,
        status: result.code === "FORBIDDEN_ACTOR" ? 403 : 422,
        code: result.code,
        message: result.message,
        ...(result.details?.length ? { errors: { _form: result.details } } : {}),
      };
    }
    let checklist = state.checklist;
    if (to === "SCREENING") {
      const sent = sendScreening({ stage: "SCREENING", checklist }, "SYSTEM", new Date());
      if (sent.ok) checklist = sent.checklist;
    }
    if (
      !(await persist(
        tx,
        app,
        version,
        { stage: result.stage, checklist, reason: result.event.reason },
        actor,
        role,
        `application.${to.toLowerCase()}`,
      ))
    ) {
      return conflict();
    }
    return { ok: true, stage: result.stage, version: version + 1 };
  };
  try {
    return opts.tx ? await run(opts.tx) : await db().$transaction(run);
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && (e.code === "P2034" || e.code === "P2028")) return conflict();
    throw e;
  }
}

export type ChecklistAction =
  | { action: "submitScreening"; answer?: string | null }
  | { action: "scoreScreening"; score: number; feedback: string }
  | { action: "acceptNda" }
  | { action: "acceptContract" }
  | { action: "confirmTaxForm" }
  | { action: "confirmPayout" }
  | { action: "acknowledgeModule"; module: string };

/** A checklist step; paperwork stages then advance on their own once complete (actor SYSTEM). */
export async function applyChecklistAction(
  applicationId: string,
  input: ChecklistAction,
  actor: ActingUser,
  opts: { expectedVersion?: number } = {},
): Promise<ServiceResult<{ stage: Stage; version: number }>> {
  return db().$transaction(async (tx): Promise<ServiceResult<{ stage: Stage; version: number }>> => {
    const app = await loadApp(tx, applicationId);
    if (!app) return { ok: false, status: 404, code: "NOT_FOUND", message: "No such application." };
    const role = actorRoleFor(actor, app);
    if (!role) return { ok: false, status: 404, code: "NOT_FOUND", message: "No such application." };
    const version = opts.expectedVersion ?? app.version;
    if (version !== app.version) return conflict();
    const state = { stage: app.stage as Stage, checklist: normalizeChecklist(app.checklist) };
    const now = new Date();
    let result: ChecklistResult;
    switch (input.action) {
      case "submitScreening":
        result = submitScreening(state, role, now, input.answer);
        break;
      case "scoreScreening":
        result = scoreScreening(state, role, input.score, input.feedback || null);
        break;
      case "acceptNda":
        result = acceptNda(state, role, actor.id, LEGAL_TEXTS.NDA.version, now);
        break;
      case "acceptContract":
        result = acceptContract(state, role, actor.id, LEGAL_TEXTS.CONTRACT.version, now);
        break;
      case "confirmTaxForm":
        result = confirmTaxForm(state, role);
        break;
      case "confirmPayout":
        result = confirmPayout(state, role);
        break;
      case "acknowledgeModule":
        result = acknowledgeModule(state, role, input.module, app.gig.trainingModules);
        break;
    }
    if (!result.ok) return { ok: false, status: result.code === "FORBIDDEN_ACTOR" ? 403 : 422, code: result.code, message: result.message };
    const rules = {
      screeningRequired: app.gig.screeningRequired,
      ndaRequired: app.gig.ndaRequired,
      trainingModules: app.gig.trainingModules,
    };
    if (
      !(await persist(
        tx,
        app,
        version,
        { stage: state.stage, checklist: result.checklist },
        actor,
        role,
        `application.checklist.${input.action}`,
      ))
    )
      return conflict();
    if (input.action === "acceptNda" || input.action === "acceptContract") {
      const kind = input.action === "acceptNda" ? "NDA" : "CONTRACT";
      await tx.consentRecord.create({ data: { userId: actor.id, kind, textVersion: LEGAL_TEXTS[kind].version, applicationId: app.id } });
    }
    if (input.action === "submitScreening") {
      await notifyUsers(tx, await gigTeamIds(tx, app.gig), {
        kind: "application.screening_submitted",
        title: `${app.profile.displayName} submitted the screening for "${app.gig.title}"`,
        body: "Read it and score it with feedback.",
        link: `/coord/gigs/${app.gigId}/candidates/${app.id}#screening`,
      });
    }
    // Auto-advance through completed paperwork stages.
    let current = { stage: state.stage, checklist: result.checklist };
    let v = version + 1;
    for (let target = autoAdvanceTarget(current, rules); target; target = autoAdvanceTarget(current, rules)) {
      const fresh = await loadApp(tx, app.id);
      if (
        !fresh ||
        !(await persist(
          tx,
          fresh,
          v,
          { stage: target, checklist: current.checklist },
          { id: actor.id, role: actor.role },
          "SYSTEM",
          `application.${target.toLowerCase()}`,
        ))
      ) {
        return conflict();
      }
      current = { stage: target, checklist: current.checklist };
      v += 1;
    }
    return { ok: true, stage: current.stage, version: v };
  });
}

/** Moves many applications at once: all of them or none (one transaction). */
export async function bulkTransition(
  items: { applicationId: string; expectedVersion: number }[],
  to: Stage,
  actor: ActingUser,
  reason?: string | null,
): Promise<ServiceResult<{ moved: number }>> {
  if (items.length === 0) return { ok: false, status: 400, code: "EMPTY", message: "Select at least one application." };
  try {
    return await db().$transaction(
      async (tx) => {
        for (const item of items) {
          const result = await transitionApplication(item.applicationId, to, actor, { expectedVersion: item.expectedVersion, reason, tx });
          if (!result.ok) throw new BulkAbort(result);
        }
        return { ok: true as const, moved: items.length };
      },
      { timeout: 30_000 },
    );
  } catch (e) {
    if (e instanceof BulkAbort) {
      const r = e.result as Failure;
      return {
        ok: false,
        status: r.status,
        code: r.code,
        message: `Nothing was moved: ${r.message}`,
        ...(r.errors ? { errors: r.errors } : {}),
      };
    }
    throw e;
  }
}

class BulkAbort extends Error {
  constructor(public result: unknown) {
    super("bulk aborted");
  }
}

export async function activePeopleCount(gigId: string) {
  return db().application.count({ where: { gigId, stage: { in: ACTIVEISH } } });
}

/** Everything the professional's application page shows: gig and lab, appeals (newest first), stage history. */
export function applicationForTracker(id: string) {
  return db().application.findUnique({
    where: { id },
    include: {
      gig: { include: { lab: { select: { name: true } } } },
      appeals: { orderBy: { createdAt: "desc" } },
      transitions: { orderBy: { at: "asc" } },
    },
  });
}

/** One card of the board: the application's columns the board uses, the person's card fields, unread messages. */
export interface BoardApplication {
  id: string;
  origin: Application["origin"];
  stage: Application["stage"];
  stageEnteredAt: Date;
  checklist: Application["checklist"];
  matchScore: number | null;
  slaNudgedStageAt: Date | null;
  slaNudgedAt: Date | null;
  version: number;
  profile: { displayName: string; headline: string; visibility: ProfileVisibility };
  /** Messages on it that `viewerId` has not read (written by others, not hidden, after their read marker). */
  unread: number;
}

type BoardRow = Omit<BoardApplication, "profile"> & { displayName: string; headline: string; visibility: ProfileVisibility };

/**
 * Every application on the gig with what its card shows, best match first, and the viewer's unread
 * message count per application, in ONE statement on the bare pg pool (decisions 0029, 0036; it was
 * two, the second a $queryRaw). Only the columns the board uses: no note, reasons, quality note or
 * timestamps it does not show. Equal to the Prisma query and the unread count it replaced
 * (tests/integration/hot-reads.test.ts).
 */
export async function applicationsOnBoard(gigId: string, viewerId: string): Promise<BoardApplication[]> {
  const found = await rows<BoardRow>(sql`
    SELECT a.id, a.origin::text AS origin, a.stage::text AS stage, a."stageEnteredAt", a.checklist, a."matchScore",
           a."slaNudgedStageAt", a."slaNudgedAt", a.version,
           p."displayName", p.headline, p.visibility::text AS visibility,
           (SELECT count(*)::int FROM "Message" m
             LEFT JOIN "MessageRead" r ON r."applicationId" = m."applicationId" AND r."userId" = ${viewerId}
             WHERE m."applicationId" = a.id
               AND m."hiddenAt" IS NULL
               AND m."authorId" IS DISTINCT FROM ${viewerId}
               AND (r."lastReadAt" IS NULL OR m."createdAt" > r."lastReadAt")) AS unread
    FROM "Application" a
    JOIN "Profile" p ON p.id = a."profileId"
    WHERE a."gigId" = ${gigId}
    ORDER BY a."matchScore" DESC, a."createdAt" ASC`);
  return found.map(({ displayName, headline, visibility, ...a }) => ({ ...a, profile: { displayName, headline, visibility } }));
}
