/** The admin page's use cases: staff accounts, disabling and enabling a user, the sign-in log. */
import { db } from "~/db.server";
import { Prisma } from "~/generated/prisma/client";
import type { ActingUser } from "./actor";
import { audit } from "./audit.server";
import { createStaffUser } from "./auth.server";
import { type Result, fail } from "./result";

/** Staff accounts, users per role and the last 20 sign-in events. */
export async function adminOverview() {
  const [staff, counts, events] = await Promise.all([
    db().user.findMany({
      where: { role: { in: ["COORDINATOR", "ADMIN"] } },
      select: { id: true, name: true, email: true, role: true, disabledAt: true },
      orderBy: { createdAt: "asc" },
    }),
    db().user.groupBy({ by: ["role"], _count: true }),
    db().event.findMany({ where: { action: { startsWith: "auth." } }, orderBy: { id: "desc" }, take: 20 }),
  ]);
  return { staff, counts, events };
}

/**
 * Disables an enabled account (ending its sessions) or enables a disabled one, with the audit
 * entry, in one transaction. An admin cannot disable themself.
 */
export async function toggleUserDisabled(admin: ActingUser, userId: string): Promise<Result<{ name: string; disabled: boolean }>> {
  if (userId === admin.id) return fail(400, "You cannot disable your own account.", { code: "SELF" });
  const user = await db().user.findUnique({ where: { id: userId } });
  if (!user) return fail(400, "No such user.", { code: "NOT_FOUND" });
  const disabledAt = user.disabledAt ? null : new Date();
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { disabledAt } });
    if (disabledAt) await tx.session.deleteMany({ where: { userId: user.id } });
    await audit(
      {
        actorId: admin.id,
        actorRole: "ADMIN",
        action: disabledAt ? "user.disabled" : "user.enabled",
        entityType: "User",
        entityId: user.id,
        ip: admin.ip,
      },
      tx,
    );
  });
  return { ok: true, name: user.name, disabled: Boolean(disabledAt) };
}

/** Creates a coordinator or admin account; refuses an email that already has an account. */
export async function createStaffAccount(
  input: { email: string; name: string; password: string; role: "COORDINATOR" | "ADMIN" },
  admin: ActingUser,
): Promise<Result> {
  try {
    await createStaffUser(input, { id: admin.id, ip: admin.ip });
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
      return fail(400, "An account with this email already exists.", {
        code: "EMAIL_TAKEN",
        errors: { email: ["An account with this email already exists."] },
      });
    }
    throw e;
  }
  return { ok: true };
}
