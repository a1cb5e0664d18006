/** A professional asks for a human review of a decline or an offboarding (coordinators answer in work.server.ts). */
import { db } from "~/db.server";
import type { ActingUser } from "./actor";
import { audit } from "./audit.server";
import { notifyUsers } from "./notifications.server";
import { type Result, fail } from "./result";

/**
 * Opens an appeal on the person's own application (the caller has checked it is theirs): the
 * appeal, the audit entry and a notification to every active coordinator, in one transaction.
 */
export async function openAppeal(
  app: { id: string; stage: string; gig: { title: string }; appeals: { status: string }[] },
  message: string,
  actor: ActingUser,
): Promise<Result> {
  if (!["DECLINED", "OFFBOARDED"].includes(app.stage))
    return fail(400, "Only declined or offboarded applications can be appealed.", { code: "NOT_APPEALABLE" });
  if (app.appeals.some((a) => a.status === "OPEN")) return fail(400, "You already have an open review request.", { code: "ALREADY_OPEN" });
  await db().$transaction(async (tx) => {
    const appeal = await tx.appeal.create({ data: { applicationId: app.id, message } });
    await audit({ actorId: actor.id, actorRole: "PROFESSIONAL", action: "appeal.opened", entityType: "Appeal", entityId: appeal.id }, tx);
    const coordinators = await tx.user.findMany({ where: { role: "COORDINATOR", disabledAt: null }, select: { id: true } });
    await notifyUsers(
      tx,
      coordinators.map((c) => c.id),
      { kind: "appeal.opened", title: `Review requested for "${app.gig.title}"`, body: message, link: "/coord" },
    );
  });
  return { ok: true };
}
