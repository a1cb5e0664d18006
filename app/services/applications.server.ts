/**
 * Applications and the onboarding pipeline: apply, invite, transitions, checklist actions and
 * bulk moves. Rules live in app/domain/onboarding/; this module persists them with
 * optimistic concurrency (a version column): of two people acting on the same version, exactly
 * one wins and the other gets a conflict. Every change writes a StageTransition, an audit
 * entry and the notifications in the same transaction.
 */
import { db, type Tx } from "~/db.server";
import { rows, sql } from "~/sql.server";
import { type Application, Prisma } from "~/generated/prisma/client";
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
import { matchForApplication } from "./matching.server";
import { notifyUsers } from "./notifications.server";
import { emitLabEvent } from "./webhooks.server";

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

async function createApplication(
  profileId: string,
  gigId: string,
  origin: "APPLIED" | "INVITED" | "RECOMMENDED",
  note: string,
  actor: ActingUser,
): Promise<ServiceResult<{ applicationId: string }>> {
  // An invitation (made freely, or from the recommended candidates) starts at INVITED.
  const stage = origin === "APPLIED" ? "APPLIED" : "INVITED";
  const gig = await db().gig.findUnique({ where: { id: gigId } });
  if (!gig) return { ok: false, status: 404, code: "NOT_FOUND", message: "No such gig." };
  if (gig.status !== "OPEN" && !(stage === "INVITED" && gig.status === "DRAFT")) {
    return { ok: false, status: 409, code: "GIG_NOT_OPEN", message: "This gig is not open for applications." };
  }
  const [profile, match] = await Promise.all([
    db().profile.findUnique({ where: { id: profileId }, select: { displayName: true, user: { select: { id: true, name: true } } } }),
    matchForApplication(profileId, gigId, { gig }),
  ]);
  if (!profile) return { ok: false, status: 404, code: "NOT_FOUND", message: "No such profile." };
  try {
    const id = await db().$transaction(async (tx) => {
      const app = await tx.application.create({
        data: {
          profileId,
          gigId,
          origin,
          note,
          stage,
          checklist: emptyChecklist() as unknown as Prisma.InputJsonValue,
          // Labs read the stored score: store the lab score, which never depends on the private rate.
          matchScore: match?.labScore ?? null,
          matchReasons: (match?.sharedReasons ?? []) as Prisma.InputJsonValue,
        },
      });
      await tx.stageTransition.create({
        data: {
          applicationId: app.id,
          fromStage: null,
          toStage: stage,
          actorId: actor.id,
          actorRole: origin === "APPLIED" ? "PROFESSIONAL" : actor.role,
        },
      });
      await audit(
        {
          actorId: actor.id,
          actorRole: actor.role,
          action: origin === "APPLIED" ? "application.applied" : "application.invited",
          entityType: "Application",
          entityId: app.id,
          after: { gigId, profileId, origin },
          ip: actor.ip,
        },
        tx,
      );
      await emitLabEvent(tx, { type: "application.created", labId: gig.labId, applicationId: app.id, gigId, origin, stage });
      if (origin === "APPLIED") {
        await notifyUsers(tx, await gigTeamIds(tx, gig), {
          kind: "application.new",
          title: `New applicant for "${gig.title}"`,
          body: `${profile.displayName} applied. Review them on the board.`,
          link: `/coord/gigs/${gig.id}`,
        });
        // The confirmation the professional keeps (and gets by email): the application was sent.
        await notifyUsers(tx, [profile.user.id], {
          kind: "application.sent",
          title: `Your application to "${gig.title}" was sent`,
          body: "The lab has been told. You will hear here and by email when it moves; follow it on your application's page.",
          link: `/me/applications/${app.id}`,
        });
      } else {
        await notifyUsers(tx, [profile.user.id], {
          kind: "application.invited",
          title: `You are invited to "${gig.title}"`,
          body: "A lab thinks your experience fits this gig. Read the disclosure and accept the invitation if you are interested.",
          link: `/me/applications/${app.id}`,
        });
      }
      return app.id;
    });
    return { ok: true, applicationId: id };
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
      return {
        ok: false,
        status: 409,
        code: "DUPLICATE",
        message: origin === "APPLIED" ? "You have already applied to this gig." : "This person already has an application for this gig.",
      };
    }
    throw e;
  }
}

/** A professional applies; profile building needs no confirmed email, applying does. */
export async function applyToGig(
  profileId: string,
  gigId: string,
  note: string,
  actor: ActingUser,
): Promise<ServiceResult<{ applicationId: string }>> {
  const who = await db().user.findUnique({ where: { id: actor.id }, select: { emailVerifiedAt: true } });
  if (!who?.emailVerifiedAt) return { ok: false, status: 403, code: "EMAIL_NOT_CONFIRMED", message: confirmEmailMessage("apply") };
  return createApplication(profileId, gigId, "APPLIED", note, { ...actor, profileId });
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
