/** A person's own settings on /account: email notifications and the time zone times are shown in. */
import { db } from "~/db.server";
import { rows, sql } from "~/sql.server";
import { isValidTimeZone } from "~/domain/time";
import type { Actor } from "./actor";
import type { StaffMember } from "./gigs.server";
import { audit } from "./audit.server";
import { type FormResult, formFail } from "./result";

export async function setEmailNotifications(userId: string, on: boolean) {
  await db().user.update({ where: { id: userId }, data: { emailNotifications: on } });
}

/** `null` = detect from the browser again. Refuses a zone the runtime does not know. */
export async function setTimeZone(actor: Actor & { id: string }, timeZone: string | null): Promise<FormResult> {
  if (timeZone !== null && !isValidTimeZone(timeZone)) return formFail(400, { timeZone: ["Unknown time zone."] });
  const userId = actor.id;
  await db().$transaction(async (tx) => {
    const before = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { timeZone: true } });
    await tx.user.update({ where: { id: userId }, data: { timeZone } });
    await audit(
      {
        actorId: userId,
        actorRole: actor.role,
        action: "account.time_zone_set",
        entityType: "User",
        entityId: userId,
        before: { timeZone: before.timeZone },
        after: { timeZone },
        ip: actor.ip,
      },
      tx,
    );
  });
  return { ok: true };
}

/** What /account shows about the signed-in user. */
export function accountDetails(userId: string) {
  return db().user.findUniqueOrThrow({
    where: { id: userId },
    select: { email: true, name: true, role: true, emailVerifiedAt: true, emailNotifications: true, timeZone: true },
  });
}

/** How many unexpired sessions (signed-in browsers) the user has. */
export function activeSessionCount(userId: string) {
  return db().session.count({ where: { userId, expiresAt: { gt: new Date() } } });
}

/** Whether an account with this email exists. */
export async function hasAccount(email: string) {
  return Boolean(await db().user.findUnique({ where: { email }, select: { id: true } }));
}

/** The user's role (where a page sends them after signing in). */
export async function roleOf(userId: string) {
  return (await db().user.findUniqueOrThrow({ where: { id: userId }, select: { role: true } })).role;
}

/** Enabled coordinators and admins by name: who may be made responsible for a gig. */
export function assignableStaff(): Promise<StaffMember[]> {
  // On the bare pg pool (app/sql.server.ts, decision 0036): the board reads it on every request.
  return rows(sql`
    SELECT id, name, role::text AS role FROM "User"
    WHERE role IN ('COORDINATOR', 'ADMIN') AND "disabledAt" IS NULL
    ORDER BY name ASC`);
}
