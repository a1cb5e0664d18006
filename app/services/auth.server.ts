/** Sign-up, log-in, password reset and email verification. */
import { createHash, randomBytes } from "node:crypto";
import { db } from "../db.server";
import { Prisma } from "../generated/prisma/client";
import { dummyHash, hashPassword, verifyPassword } from "../password.server";
import { destroyAllSessions, hashToken } from "../session.server";
import { audit } from "./audit.server";
import { appUrl, sendMail } from "./mail.server";
import { clear, hit, retryMessage } from "./ratelimit.server";
import { LEGAL_TEXTS } from "../domain/legal";

export type AuthError = { ok: false; status: number; errors: Record<string, string[]> };

const TOKEN_TTL = { VERIFY_EMAIL: 48 * 3600_000, RESET_PASSWORD: 3600_000 } as const;

function slugify(name: string) {
  const base = name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^\w\s-]/g, "")
    .trim()
    .replace(/[\s_-]+/g, "-")
    .slice(0, 40);
  return base || "lab";
}

async function issueToken(userId: string, kind: keyof typeof TOKEN_TTL) {
  const token = randomBytes(32).toString("base64url");
  await db().authToken.create({
    data: { userId, kind, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + TOKEN_TTL[kind]) },
  });
  return token;
}

export async function signup(
  input: { name: string; email: string; password: string; accountType: "PROFESSIONAL" | "LAB"; labName?: string },
  meta: { ip: string; request?: Request },
): Promise<{ ok: true; userId: string } | AuthError> {
  const limit = await hit({ key: `signup:ip:${meta.ip}`, max: 20, windowSeconds: 3600 });
  if (!limit.ok) return { ok: false, status: 429, errors: { _form: [retryMessage(limit.retryAfterSeconds)] } };
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await db().$transaction(async (tx) => {
      const user = await tx.user.create({
        data: {
          email: input.email,
          name: input.name,
          passwordHash,
          role: input.accountType === "LAB" ? "LAB_MEMBER" : "PROFESSIONAL",
        },
      });
      if (input.accountType === "PROFESSIONAL") {
        await tx.profile.create({ data: { userId: user.id, displayName: input.name } });
      } else {
        let slug = slugify(input.labName ?? input.name);
        if (await tx.lab.findUnique({ where: { slug } })) slug = `${slug}-${randomBytes(3).toString("hex")}`;
        const lab = await tx.lab.create({ data: { name: input.labName ?? input.name, slug } });
        await tx.labMember.create({ data: { labId: lab.id, userId: user.id, role: "OWNER" } });
      }
      // Sign-up requires accepting the terms and the privacy notice: record which versions, and when.
      await tx.consentRecord.createMany({
        data: (["TERMS_OF_USE", "PRIVACY_NOTICE"] as const).map((kind) => ({ userId: user.id, kind, textVersion: LEGAL_TEXTS[kind].version })),
      });
      await audit({ actorId: user.id, actorRole: user.role, action: "user.signup", entityType: "User", entityId: user.id, ip: meta.ip }, tx);
      return user;
    });
    const token = await issueToken(user.id, "VERIFY_EMAIL");
    await sendMail({
      to: user.email,
      kind: "verify-email",
      subject: "Confirm your email for Second Act",
      text: `Hello ${user.name},\n\nConfirm your email address by opening this link:\n${appUrl(`/verify-email?token=${token}`, meta.request)}\n\nThe link is valid for 48 hours.`,
    });
    return { ok: true, userId: user.id };
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
      // Say it, but only on sign-up where the person chose the address; log-in and reset never tell.
      return { ok: false, status: 400, errors: { email: ["An account with this email already exists. Log in or reset your password."] } };
    }
    throw e;
  }
}

export async function login(
  input: { email: string; password: string },
  meta: { ip: string },
): Promise<{ ok: true; userId: string } | AuthError> {
  const ipLimit = await hit({ key: `login:ip:${meta.ip}`, max: 30, windowSeconds: 900 });
  const emailKey = `login:email:${createHash("sha256").update(input.email).digest("hex")}`;
  const accountLimit = await hit({ key: emailKey, max: 8, windowSeconds: 900 });
  if (!ipLimit.ok || !accountLimit.ok) {
    await audit({ action: "auth.login_rate_limited", entityType: "User", after: { email: input.email }, ip: meta.ip });
    const wait = Math.max(ipLimit.ok ? 0 : ipLimit.retryAfterSeconds, accountLimit.ok ? 0 : accountLimit.retryAfterSeconds);
    return { ok: false, status: 429, errors: { _form: [retryMessage(wait)] } };
  }
  const user = await db().user.findUnique({ where: { email: input.email } });
  let valid = false;
  if (user && !user.disabledAt) valid = await verifyPassword(user.passwordHash, input.password);
  else await verifyPassword(await dummyHash(), input.password); // same timing for unknown emails
  if (!user || !valid) {
    await audit({ actorId: user?.id, action: "auth.login_failed", entityType: "User", entityId: user?.id, ip: meta.ip });
    return { ok: false, status: 400, errors: { _form: ["That email and password do not match an account."] } };
  }
  await clear(emailKey);
  await audit({ actorId: user.id, actorRole: user.role, action: "auth.login", entityType: "User", entityId: user.id, ip: meta.ip });
  return { ok: true, userId: user.id };
}

/** Always behaves the same for known and unknown emails (no enumeration). */
export async function requestPasswordReset(email: string, meta: { ip: string; request?: Request }): Promise<{ ok: boolean; status?: number; message?: string }> {
  const ipLimit = await hit({ key: `reset:ip:${meta.ip}`, max: 10, windowSeconds: 900 });
  const accountLimit = await hit({ key: `reset:email:${createHash("sha256").update(email).digest("hex")}`, max: 3, windowSeconds: 900 });
  if (!ipLimit.ok || !accountLimit.ok) return { ok: false, status: 429, message: retryMessage(Math.max(ipLimit.retryAfterSeconds, accountLimit.retryAfterSeconds)) };
  const user = await db().user.findUnique({ where: { email } });
  if (user && !user.disabledAt) {
    const token = await issueToken(user.id, "RESET_PASSWORD");
    await sendMail({
      to: user.email,
      kind: "reset-password",
      subject: "Reset your Second Act password",
      text: `Hello ${user.name},\n\nSomeone (hopefully you) asked to reset your password. Open this link within an hour to choose a new one:\n${appUrl(`/reset-password?token=${token}`, meta.request)}\n\nIf it wasn't you, ignore this message.`,
    });
    await audit({ actorId: user.id, action: "auth.reset_requested", entityType: "User", entityId: user.id, ip: meta.ip });
  }
  return { ok: true };
}

async function consumeToken(token: string, kind: keyof typeof TOKEN_TTL) {
  const record = await db().authToken.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!record || record.kind !== kind || record.usedAt || record.expiresAt < new Date()) return null;
  const used = await db().authToken.updateMany({ where: { id: record.id, usedAt: null }, data: { usedAt: new Date() } });
  return used.count === 1 ? record : null;
}

export async function resetPassword(token: string, password: string, meta: { ip: string }) {
  const record = await consumeToken(token, "RESET_PASSWORD");
  if (!record) return { ok: false as const, errors: { token: ["This reset link is invalid or has expired. Ask for a new one."] } };
  await db().user.update({ where: { id: record.userId }, data: { passwordHash: await hashPassword(password) } });
  await destroyAllSessions(record.userId);
  await audit({ actorId: record.userId, action: "auth.password_reset", entityType: "User", entityId: record.userId, ip: meta.ip });
  return { ok: true as const };
}

export async function verifyEmail(token: string) {
  const record = await consumeToken(token, "VERIFY_EMAIL");
  if (!record) return false;
  await db().user.update({ where: { id: record.userId }, data: { emailVerifiedAt: new Date() } });
  await audit({ actorId: record.userId, action: "auth.email_verified", entityType: "User", entityId: record.userId });
  return true;
}

/** Changes the password and ends every other session of the account (this one stays signed in). */
export async function changePassword(userId: string, current: string, password: string, meta: { ip: string; sessionId: string }) {
  const user = await db().user.findUniqueOrThrow({ where: { id: userId } });
  if (!(await verifyPassword(user.passwordHash, current))) {
    return { ok: false as const, errors: { current: ["That is not your current password."] } };
  }
  const passwordHash = await hashPassword(password);
  const ended = await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash } });
    const { count } = await tx.session.deleteMany({ where: { userId, id: { not: meta.sessionId } } });
    await audit({ actorId: userId, action: "auth.password_changed", entityType: "User", entityId: userId, after: { otherSessionsEnded: count }, ip: meta.ip }, tx);
    return count;
  });
  return { ok: true as const, otherSessionsEnded: ended };
}

export async function createStaffUser(input: { email: string; name: string; password: string; role: "COORDINATOR" | "ADMIN" }, actor: { id: string | null; ip?: string }) {
  const user = await db().user.create({
    data: { email: input.email, name: input.name, role: input.role, passwordHash: await hashPassword(input.password), emailVerifiedAt: new Date() },
  });
  await audit({ actorId: actor.id, actorRole: actor.id ? "ADMIN" : "SYSTEM", action: "user.role_granted", entityType: "User", entityId: user.id, after: { role: input.role }, ip: actor.ip });
  return user;
}
