/**
 * The candidate view: one application on a gig, with the person behind it, as the people deciding
 * on it see it. Coordinators and admins see everything (including private profile fields, never
 * demographics); members of the gig's lab see only what the professional shares with that lab
 * (see app/domain/candidate.ts) and only the match reasons that reveal no private field.
 * Everyone else gets null (the route answers 404).
 */
import { db } from "~/db.server";
import { actorLabel, labSeesProfile } from "~/domain/candidate";
import { type ActorRole, type Stage, allowedTransitions, normalizeChecklist, stageLabel } from "~/domain/onboarding";
import { isStaff } from "~/permissions.server";
import type { SessionUser } from "~/session.server";
import type { ActingUser } from "./actor";
import { type ServiceResult, applyChecklistAction, transitionApplication } from "./applications.server";
import { matchForApplication } from "./matching.server";
import { profileForViewer } from "./profiles.server";

export type CandidateView = NonNullable<Awaited<ReturnType<typeof candidateView>>>;

/** The actor role a viewer acts in on this gig's board, or null when they may not see it. */
function boardRole(viewer: SessionUser, labId: string): ActorRole | null {
  if (isStaff(viewer)) return viewer.role as ActorRole;
  if (viewer.role === "LAB_MEMBER" && viewer.labId === labId) return "LAB_MEMBER";
  return null;
}

export async function candidateView(gigId: string, applicationId: string, viewer: SessionUser) {
  const app = await db().application.findUnique({
    where: { id: applicationId },
    include: {
      gig: { include: { lab: { select: { name: true } } } },
      profile: { select: { id: true, displayName: true, headline: true, visibility: true } },
      transitions: { orderBy: { at: "asc" } },
    },
  });
  if (!app || app.gigId !== gigId) return null;
  const role = boardRole(viewer, app.gig.labId);
  if (!role) return null;
  const staff = role !== "LAB_MEMBER";
  const history = app.transitions.map((t) => ({
    fromStage: t.fromStage as Stage | null,
    toStage: t.toStage as Stage,
    actorRole: t.actorRole,
  }));
  const shared = staff || labSeesProfile({ visibility: app.profile.visibility, origin: app.origin, history });

  const actorIds = [...new Set(app.transitions.map((t) => t.actorId).filter((x): x is string => Boolean(x)))];
  const [profile, match, actors] = await Promise.all([
    shared ? profileForViewer(app.profile.id, viewer, { grantPublic: true }) : Promise.resolve(null),
    shared ? matchForApplication(app.profile.id, app.gigId) : Promise.resolve(null),
    actorIds.length ? db().user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } }) : Promise.resolve([]),
  ]);
  const names = new Map(actors.map((a) => [a.id, a.name]));
  const checklist = normalizeChecklist(app.checklist);
  const rules = {
    screeningRequired: app.gig.screeningRequired,
    ndaRequired: app.gig.ndaRequired,
    trainingModules: app.gig.trainingModules,
  };
  const gigTasks = new Set(app.gig.taskTypes);
  const scores = profile?.transfer.scores ?? [];

  return {
    viewer: { staff },
    gig: {
      id: app.gig.id,
      title: app.gig.title,
      labName: app.gig.lab.name,
      taskTypes: app.gig.taskTypes,
      screeningRequired: app.gig.screeningRequired,
      screeningInstructions: app.gig.screeningInstructions,
    },
    application: {
      id: app.id,
      version: app.version,
      stage: app.stage as Stage,
      stageLabel: stageLabel(app.stage as Stage),
      origin: app.origin,
      note: app.note,
      appliedAt: app.createdAt.toISOString(),
      lastReason: app.lastReason,
      actions: allowedTransitions({ stage: app.stage as Stage, checklist }, { actorRole: role, gig: rules }),
      screening: {
        ...checklist.screening,
        // Scoring is open once submitted, while the application is still in screening.
        canScore: app.stage === "SCREENING" && checklist.screening.submittedAt !== null,
      },
      history: app.transitions.map((t) => ({
        id: t.id,
        from: t.fromStage ? stageLabel(t.fromStage as Stage) : null,
        to: stageLabel(t.toStage as Stage),
        by: actorLabel(t.actorRole, t.actorId ? (names.get(t.actorId) ?? null) : null),
        at: t.at.toISOString(),
        reason: t.reason,
      })),
    },
    person: {
      profileId: app.profile.id,
      displayName: app.profile.displayName,
      // A person who keeps their profile to coordinators and has not accepted the lab's
      // invitation: the lab sees the name and the score it already had, nothing more.
      shared,
      // Whether /people/<id> opens for this viewer (labs: only profiles shared with labs).
      fullProfile: staff || app.profile.visibility === "LABS",
      headline: shared ? app.profile.headline : null,
      profile,
    },
    match: shared
      ? { score: match?.score ?? app.matchScore, reasons: staff ? (match?.reasons ?? []) : (match?.sharedReasons ?? []) }
      : { score: app.matchScore, reasons: [] as string[] },
    transfer: {
      forGig: scores.filter((s) => gigTasks.has(s.taskType)),
      other: scores.filter((s) => !gigTasks.has(s.taskType)).slice(0, 5),
      missingForGig: app.gig.taskTypes.filter((t) => !scores.some((s) => s.taskType === t)),
    },
  };
}

/** Which applicants of a gig the lab may see beyond their name (board cards show headlines only for those). */
export async function labVisibleApplicants(
  apps: { id: string; origin: "APPLIED" | "INVITED" | "RECOMMENDED"; profile: { visibility: "LABS" | "COORDINATORS" } }[],
) {
  const hidden = apps.filter((a) => a.profile.visibility !== "LABS" && a.origin !== "APPLIED");
  const accepted = hidden.length
    ? await db().stageTransition.findMany({
        where: { applicationId: { in: hidden.map((a) => a.id) }, fromStage: "INVITED", toStage: "SHORTLISTED", actorRole: "PROFESSIONAL" },
        select: { applicationId: true, fromStage: true, toStage: true, actorRole: true },
      })
    : [];
  return new Set(
    apps
      .filter((a) =>
        labSeesProfile({
          visibility: a.profile.visibility,
          origin: a.origin,
          history: accepted
            .filter((t) => t.applicationId === a.id)
            .map((t) => ({ fromStage: t.fromStage as Stage | null, toStage: t.toStage as Stage, actorRole: t.actorRole })),
        }),
      )
      .map((a) => a.id),
  );
}

async function onGig(gigId: string, applicationId: string) {
  return db().application.findFirst({
    where: { id: applicationId, gigId },
    select: { id: true, profile: { select: { displayName: true } } },
  });
}

/** Moves one application of this gig (board card or candidate view) and says what happened, by name. */
export async function moveCandidate(
  gigId: string,
  input: { applicationId: string; version: number; to: Stage; reason?: string },
  actor: ActingUser,
): Promise<ServiceResult<{ message: string }>> {
  const app = await onGig(gigId, input.applicationId);
  if (!app) return { ok: false, status: 404, code: "NOT_FOUND", message: "No such application on this gig." };
  const r = await transitionApplication(input.applicationId, input.to, actor, { expectedVersion: input.version, reason: input.reason });
  if (!r.ok) return r;
  return { ok: true, message: `${app.profile.displayName} moved to ${stageLabel(r.stage)}.` };
}

/** Scores a submitted screening of this gig. */
export async function scoreCandidate(
  gigId: string,
  input: { applicationId: string; version: number; score: number; feedback: string },
  actor: ActingUser,
): Promise<ServiceResult<{ message: string }>> {
  const app = await onGig(gigId, input.applicationId);
  if (!app) return { ok: false, status: 404, code: "NOT_FOUND", message: "No such application on this gig." };
  const r = await applyChecklistAction(
    input.applicationId,
    { action: "scoreScreening", score: input.score, feedback: input.feedback },
    actor,
    { expectedVersion: input.version },
  );
  if (!r.ok) return r;
  return { ok: true, message: `Screening scored ${input.score}/100 for ${app.profile.displayName}. They can read your feedback.` };
}

/** Cheap check for actions: the viewer may act on this gig's applications (staff, or the gig's lab). */
export async function canActOnCandidate(gigId: string, applicationId: string, viewer: SessionUser) {
  const app = await db().application.findFirst({ where: { id: applicationId, gigId }, select: { gig: { select: { labId: true } } } });
  return Boolean(app && boardRole(viewer, app.gig.labId));
}
