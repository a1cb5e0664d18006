/**
 * The onboarding board's gig-level writes: naming the responsible coordinator, messaging the
 * selected applicants and moving a selection. Routes call one of these; each writes in one
 * transaction with its audit entry and notifications.
 */
import { db } from "~/db.server";
import type { Stage } from "~/domain/onboarding";
import type { ActingUser, Actor } from "./actor";
import { type ServiceResult, bulkTransition } from "./applications.server";
import { audit } from "./audit.server";
import { type MessageViewer, sendBulkMessages } from "./messages.server";
import { notifyUsers } from "./notifications.server";

/** The coordinator who acts, named in the notification the new coordinator gets. */
type NamedActor = Actor & { id: string; name?: string | null };

/**
 * Makes `coordinatorId` (an active coordinator or admin; null = nobody) responsible for the gig's
 * onboarding: SLA reminders go to them. Audited; the new coordinator is told (unless it is the actor).
 */
export async function assignCoordinator(
  gig: { id: string; title: string; coordinatorId: string | null },
  coordinatorId: string | null,
  actor: NamedActor,
): Promise<ServiceResult<{ coordinator: { id: string; name: string } | null }>> {
  const coordinator = coordinatorId
    ? await db().user.findFirst({
        where: { id: coordinatorId, role: { in: ["COORDINATOR", "ADMIN"] }, disabledAt: null },
        select: { id: true, name: true },
      })
    : null;
  if (coordinatorId && !coordinator)
    return {
      ok: false,
      status: 400,
      code: "NOT_A_COORDINATOR",
      message: "Choose an active coordinator.",
      errors: { coordinatorId: ["Choose an active coordinator."] },
    };
  await db().$transaction(async (tx) => {
    await tx.gig.update({ where: { id: gig.id }, data: { coordinatorId: coordinator?.id ?? null } });
    await audit(
      {
        actorId: actor.id,
        actorRole: actor.role,
        action: "gig.coordinator_assigned",
        entityType: "Gig",
        entityId: gig.id,
        before: { coordinatorId: gig.coordinatorId },
        after: { coordinatorId: coordinator?.id ?? null },
        ip: actor.ip ?? null,
      },
      tx,
    );
    if (coordinator && coordinator.id !== actor.id) {
      await notifyUsers(tx, [coordinator.id], {
        kind: "gig.assigned",
        title: `You are responsible for "${gig.title}"`,
        body: `${actor.name ?? "A coordinator"} made you the coordinator for this gig's onboarding. SLA reminders for its applications now come to you.`,
        link: `/coord/gigs/${gig.id}`,
      });
    }
  });
  return { ok: true, coordinator };
}

/** Sends `message` to the professionals behind the selected applications of this gig; returns how many got it. */
/**
 * "Message selected" on the board: one message in each selected application's conversation (only
 * those on this gig), each professional notified, all in one transaction (app/services/messages.server.ts).
 */
export async function messageApplicants(
  gig: { id: string; title: string },
  applicationIds: string[],
  message: string,
  actor: MessageViewer,
): Promise<ServiceResult<{ sent: number }>> {
  return sendBulkMessages(gig, applicationIds, message, actor);
}

/** Moves the selected applications (all on this gig, each at the version the board showed) together, or none. */
export async function bulkMoveOnGig(
  gigId: string,
  items: { applicationId: string; expectedVersion: number }[],
  to: Stage,
  actor: ActingUser,
  reason?: string,
): Promise<ServiceResult<{ moved: number }>> {
  const onGig = await db().application.count({ where: { id: { in: items.map((i) => i.applicationId) }, gigId } });
  if (onGig !== items.length)
    return { ok: false, status: 404, code: "NOT_FOUND", message: "Nothing was moved: some selected applications are not on this gig." };
  const r = await bulkTransition(items, to, actor, reason);
  return r;
}
