/** Sign-up, log-in, password reset and email verification. */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { db } from "~/db.server";
import { enqueue } from "~/search/outbox.server";
import { Prisma } from "~/generated/prisma/client";
import { dummyHash, hashPassword, verifyPassword } from "~/password.server";
import { destroyAllSessions, hashToken } from "~/session.server";
import { audit } from "./audit.server";
import { appUrl, sendMail } from "./mail.server";
import { clear, hit, retryMessage } from "./ratelimit.server";
import { LEGAL_TEXTS } from "~/domain/legal";
import { type FormFailure, formFail } from "./result";
import type { Actor } from "./actor";

/** A refused sign-up or sign-in: the one result shape's failure with `errors` always there (see ./result.ts). */
export type AuthError = FormFailure;

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

/**
 * Creates an account and mails the confirmation link. Answers the same whether or not the address
 * is registered (no enumeration): nobody is signed in by sign-up itself (the emailed link signs the
 * person in), and the owner of an already registered address is told by email instead.
 */
export async function signup(
  input: { name: string; email: string; password: string; accountType: "PROFESSIONAL" | "LAB"; labName?: string },
  meta: { ip: string; request?: Request },
): Promise<{ ok: true; userId: string | null } | AuthError> {
  const limit = await hit({ key: `signup:ip:${meta.ip}`, max: 20, windowSeconds: 3600 });
  if (!limit.ok) return formFail(429, { _form: [retryMessage(limit.retryAfterSeconds)] });
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
        const profile = await tx.profile.create({ data: { userId: user.id, displayName: input.name } });
        // In talent search from the start (coordinators find new sign-ups by name), on every instance.
        await enqueue(tx, "people", profile.id);
      } else {
        let slug = slugify(input.labName ?? input.name);
        if (await tx.lab.findUnique({ where: { slug } })) slug = `${slug}-${randomBytes(3).toString("hex")}`;
        const lab = await tx.lab.create({ data: { name: input.labName ?? input.name, slug } });
        await tx.labMember.create({ data: { labId: lab.id, userId: user.id, role: "OWNER" } });
      }
      // Sign-up requires accepting the terms and the privacy notice: record which versions, and when.
      await tx.consentRecord.createMany({
        data: (["TERMS_OF_USE", "PRIVACY_NOTICE"] as const).map((kind) => ({
          userId: user.id,
          kind,
          textVersion: LEGAL_TEXTS[kind].version,
        })),
      });
      await audit(
        { actorId: user.id, actorRole: user.role, action: "user.signup", entityType: "User", entityId: user.id, ip: meta.ip },
        tx,
      );
      return user;
    });
    const token = await issueToken(user.id, "VERIFY_EMAIL");
    await sendMail({
      to: user.email,
      kind: "verify-email",
      subject: "Confirm your email for Second Act",
      text: `Hello ${user.name},\n\nConfirm your email address by opening this link:\n${appUrl(`/verify-email?token=${token}`)}\n\nThe link is valid for 48 hours.`,
    });
    return { ok: true, userId: user.id };
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
      await sendMail({
        to: input.email,
        kind: "signup-existing",
        subject: "Someone tried to sign up with your address on Second Act",
        text: `Hello,\n\nSomeone (hopefully you) tried to create a Second Act account with this address, which already has one. Nothing was changed.\n\nIf it was you, log in: ${appUrl("/login")}\nForgot the password? Reset it: ${appUrl("/forgot-password")}\n\nIf it wasn't you, ignore this message.`,
      });
      await audit({ action: "user.signup_existing_email", entityType: "User", ip: meta.ip });
      return { ok: true, userId: null };
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
    return formFail(429, { _form: [retryMessage(wait)] });
  }
  const user = await db().user.findUnique({ where: { email: input.email } });
  let valid = false;
  if (user && !user.disabledAt) valid = await verifyPassword(user.passwordHash, input.password);
  else await verifyPassword(await dummyHash(), input.password); // same timing for unknown emails
  if (!user || !valid) {
    await audit({ actorId: user?.id, action: "auth.login_failed", entityType: "User", entityId: user?.id, ip: meta.ip });
    return formFail(400, { _form: ["That email and password do not match an account."] });
  }
  await clear(emailKey);
  await audit({ actorId: user.id, actorRole: user.role, action: "auth.login", entityType: "User", entityId: user.id, ip: meta.ip });
  return { ok: true, userId: user.id };
}

/** A user id that matches no row: lets the unknown-address path run the same statements. */
const NO_USER = "-";

/**
 * Always does the same work for known and unknown emails (no enumeration, no timing difference):
 * one lookup, then one transaction with the same statements in the same order. For an unknown or
 * disabled address the statements match no rows (INSERT ... SELECT from the user row), so nothing
 * is issued or mailed; the audit entry is written either way. Issuing a link ends the account's
 * older reset links.
 */
export async function requestPasswordReset(
  email: string,
  meta: { ip: string; request?: Request },
): Promise<{ ok: boolean; status?: number; message?: string }> {
  const ipLimit = await hit({ key: `reset:ip:${meta.ip}`, max: 10, windowSeconds: 900 });
  const accountLimit = await hit({ key: `reset:email:${createHash("sha256").update(email).digest("hex")}`, max: 3, windowSeconds: 900 });
  if (!ipLimit.ok || !accountLimit.ok)
    return { ok: false, status: 429, message: retryMessage(Math.max(ipLimit.retryAfterSeconds, accountLimit.retryAfterSeconds)) };
  const user = await db().user.findUnique({ where: { email }, select: { id: true, name: true, disabledAt: true } });
  const userId = user && !user.disabledAt ? user.id : NO_USER;
  const token = randomBytes(32).toString("base64url");
  const now = new Date();
  const text = `Hello ${user?.name ?? ""},\n\nSomeone (hopefully you) asked to reset your password. Open this link within an hour to choose a new one:\n${appUrl(`/reset-password?token=${token}`)}\nAny earlier reset link for your account no longer works.\n\nIf it wasn't you, ignore this message.`;
  await db().$transaction(async (tx) => {
    await tx.authToken.updateMany({ where: { userId, kind: "RESET_PASSWORD", usedAt: null }, data: { usedAt: now } });
    await tx.$executeRaw`
      INSERT INTO "AuthToken" (id, "userId", kind, "tokenHash", "expiresAt", "createdAt")
      SELECT ${randomUUID()}, u.id, 'RESET_PASSWORD', ${hashToken(token)}, ${new Date(now.getTime() + TOKEN_TTL.RESET_PASSWORD)}, ${now}
      FROM "User" u WHERE u.id = ${userId}`;
    await tx.$executeRaw`
      INSERT INTO "MailMessage" (id, "to", subject, text, kind, "createdAt")
      SELECT ${randomUUID()}, u.email, 'Reset your Second Act password', ${text}, 'reset-password', ${now}
      FROM "User" u WHERE u.id = ${userId}`;
    await audit(
      {
        actorId: user && userId !== NO_USER ? user.id : null,
        action: "auth.reset_requested",
        entityType: "User",
        entityId: userId === NO_USER ? null : userId,
        ip: meta.ip,
      },
      tx,
    );
  });
  return { ok: true };
}

/** Sends a new confirmation link to a signed-in person whose address is not confirmed yet. */
export async function resendConfirmation(
  userId: string,
  meta: { ip: string; request?: Request },
): Promise<{ ok: true; message: string } | { ok: false; status: number; message: string }> {
  const user = await db().user.findUniqueOrThrow({
    where: { id: userId },
    select: { id: true, email: true, name: true, emailVerifiedAt: true },
  });
  if (user.emailVerifiedAt) return { ok: true, message: "Your email address is already confirmed." };
  const limit = await hit({ key: `verify-resend:${user.id}`, max: 3, windowSeconds: 3600 });
  if (!limit.ok) return { ok: false, status: 429, message: retryMessage(limit.retryAfterSeconds) };
  const token = randomBytes(32).toString("base64url");
  await db().$transaction(async (tx) => {
    // Only the newest confirmation link works.
    await tx.authToken.updateMany({ where: { userId: user.id, kind: "VERIFY_EMAIL", usedAt: null }, data: { usedAt: new Date() } });
    await tx.authToken.create({
      data: {
        userId: user.id,
        kind: "VERIFY_EMAIL",
        tokenHash: hashToken(token),
        expiresAt: new Date(Date.now() + TOKEN_TTL.VERIFY_EMAIL),
      },
    });
    await sendMail(
      {
        to: user.email,
        kind: "verify-email",
        subject: "Confirm your email for Second Act",
        text: `Hello ${user.name},\n\nConfirm your email address by opening this link:\n${appUrl(`/verify-email?token=${token}`)}\n\nThe link is valid for 48 hours.`,
      },
      tx,
    );
    await audit({ actorId: user.id, action: "auth.verification_resent", entityType: "User", entityId: user.id, ip: meta.ip }, tx);
  });
  return { ok: true, message: `We sent a new confirmation link to ${user.email}. It is valid for 48 hours.` };
}

async function consumeToken(token: string, kind: keyof typeof TOKEN_TTL) {
  const record = await db().authToken.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!record || record.kind !== kind || record.usedAt || record.expiresAt < new Date()) return null;
  const used = await db().authToken.updateMany({ where: { id: record.id, usedAt: null }, data: { usedAt: new Date() } });
  return used.count === 1 ? record : null;
}

/** Uses a reset link: the new password, every session ended, and every other reset link ended. */
export async function resetPassword(token: string, password: string, meta: { ip: string }) {
  const record = await consumeToken(token, "RESET_PASSWORD");
  if (!record) return formFail(400, { token: ["This reset link is invalid or has expired. Ask for a new one."] });
  const passwordHash = await hashPassword(password);
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: record.userId }, data: { passwordHash } });
    const { count } = await tx.authToken.updateMany({
      where: { userId: record.userId, kind: "RESET_PASSWORD", usedAt: null },
      data: { usedAt: new Date() },
    });
    await tx.session.deleteMany({ where: { userId: record.userId } });
    await audit(
      {
        actorId: record.userId,
        action: "auth.password_reset",
        entityType: "User",
        entityId: record.userId,
        after: { otherResetLinksEnded: count },
        ip: meta.ip,
      },
      tx,
    );
  });
  return { ok: true as const };
}

/** Confirms the address; returns the account (for signing in from the emailed link) or null. */
export async function verifyEmail(token: string) {
  const record = await consumeToken(token, "VERIFY_EMAIL");
  if (!record) return null;
  const user = await db().user.update({
    where: { id: record.userId },
    data: { emailVerifiedAt: new Date() },
    select: { id: true, role: true, disabledAt: true },
  });
  await audit({ actorId: record.userId, action: "auth.email_verified", entityType: "User", entityId: record.userId });
  return user.disabledAt ? null : user;
}

/** Changes the password and ends every other session of the account (this one stays signed in). */
export async function changePassword(userId: string, current: string, password: string, meta: { ip: string; sessionId: string }) {
  const user = await db().user.findUniqueOrThrow({ where: { id: userId } });
  if (!(await verifyPassword(user.passwordHash, current))) {
    return formFail(400, { current: ["That is not your current password."] });
  }
  const passwordHash = await hashPassword(password);
  const ended = await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash } });
    const { count } = await tx.session.deleteMany({ where: { userId, id: { not: meta.sessionId } } });
    await audit(
      {
        actorId: userId,
        action: "auth.password_changed",
        entityType: "User",
        entityId: userId,
        after: { otherSessionsEnded: count },
        ip: meta.ip,
      },
      tx,
    );
    return count;
  });
  return { ok: true as const, otherSessionsEnded: ended };
}

export async function createStaffUser(
  input: { email: string; name: string; password: string; role: "COORDINATOR" | "ADMIN" },
  /** Who creates the account (null: the command line); the audit role is derived from it. */
  actor: Pick<Actor, "id" | "ip">,
) {
  const user = await db().user.create({
    data: {
      email: input.email,
      name: input.name,
      role: input.role,
      passwordHash: await hashPassword(input.password),
      emailVerifiedAt: new Date(),
    },
  });
  await audit({
    actorId: actor.id,
    actorRole: actor.id ? "ADMIN" : "SYSTEM",
    action: "user.role_granted",
    entityType: "User",
    entityId: user.id,
    after: { role: input.role },
    ip: actor.ip,
  });
  return user;
}

/** Signing out (the caller ends this browser's session): "everywhere" also ends every other session. Audited. */
export async function recordLogout(actor: Actor & { id: string }, everywhere: boolean) {
  if (everywhere) await destroyAllSessions(actor.id);
  await audit({
    actorId: actor.id,
    actorRole: actor.role,
    action: everywhere ? "auth.logout_everywhere" : "auth.logout",
    entityType: "User",
    entityId: actor.id,
    ip: actor.ip,
  });
}
