/** Labs: members, invitations and API tokens. */
import { randomBytes } from "node:crypto";
import { db } from "../db.server";
import { hashPassword } from "../password.server";
import { hashToken } from "../session.server";
import type { SessionUser } from "../session.server";
import { audit } from "./audit.server";
import { appUrl, sendMail } from "./mail.server";

export async function getLabBySlug(slug: string) {
  return db().lab.findUnique({ where: { slug } });
}

export async function inviteMember(labId: string, email: string, actor: SessionUser) {
  const existing = await db().user.findUnique({ where: { email } });
  if (existing) {
    return { ok: false as const, errors: { email: ["This person already has a Second Act account; lab accounts belong to one lab only. Ask them to use another address."] } };
  }
  const token = randomBytes(32).toString("base64url");
  const lab = await db().lab.findUniqueOrThrow({ where: { id: labId } });
  await db().$transaction(async (tx) => {
    await tx.labInvite.create({ data: { labId, email, tokenHash: hashToken(token), invitedBy: actor.id, expiresAt: new Date(Date.now() + 7 * 86_400_000) } });
    await audit({ actorId: actor.id, actorRole: actor.role, action: "lab.member_invited", entityType: "Lab", entityId: labId, after: { email } }, tx);
  });
  await sendMail({
    to: email,
    kind: "lab-invite",
    subject: `${actor.name} invited you to ${lab.name} on Second Act`,
    text: `Hello,\n\n${actor.name} invited you to join ${lab.name} on Second Act.\nAccept within 7 days: ${appUrl(`/join-lab?token=${token}`)}`,
  });
  return { ok: true as const };
}

export async function findInvite(token: string) {
  const invite = await db().labInvite.findUnique({ where: { tokenHash: hashToken(token) }, include: { lab: true } });
  if (!invite || invite.acceptedAt || invite.expiresAt < new Date()) return null;
  return invite;
}

export async function acceptInvite(token: string, input: { name: string; password: string }) {
  const invite = await findInvite(token);
  if (!invite) return { ok: false as const, errors: { _form: ["This invitation is invalid, used or expired."] } };
  const passwordHash = await hashPassword(input.password);
  const user = await db().$transaction(async (tx) => {
    const claimed = await tx.labInvite.updateMany({ where: { id: invite.id, acceptedAt: null }, data: { acceptedAt: new Date() } });
    if (claimed.count !== 1) return null;
    const user = await tx.user.create({ data: { email: invite.email, name: input.name, passwordHash, role: "LAB_MEMBER", emailVerifiedAt: new Date() } });
    await tx.labMember.create({ data: { labId: invite.labId, userId: user.id, role: "MEMBER" } });
    await audit({ actorId: user.id, actorRole: "LAB_MEMBER", action: "lab.member_joined", entityType: "Lab", entityId: invite.labId }, tx);
    return user;
  });
  if (!user) return { ok: false as const, errors: { _form: ["This invitation was already used."] } };
  return { ok: true as const, userId: user.id };
}

export async function removeMember(labId: string, memberUserId: string, actor: SessionUser) {
  const member = await db().labMember.findUnique({ where: { userId: memberUserId } });
  if (!member || member.labId !== labId) return { ok: false as const, message: "That person is not a member of this lab." };
  if (member.role === "OWNER") {
    const owners = await db().labMember.count({ where: { labId, role: "OWNER" } });
    if (owners <= 1) return { ok: false as const, message: "A lab needs at least one owner." };
  }
  await db().$transaction(async (tx) => {
    await tx.labMember.delete({ where: { id: member.id } });
    await tx.session.deleteMany({ where: { userId: memberUserId } });
    await tx.user.update({ where: { id: memberUserId }, data: { disabledAt: new Date() } });
    await audit({ actorId: actor.id, actorRole: actor.role, action: "lab.member_removed", entityType: "Lab", entityId: labId, after: { userId: memberUserId } }, tx);
  });
  return { ok: true as const };
}

// ---------------------------------------------------------------- API tokens

export async function createApiToken(labId: string, name: string, actor: SessionUser) {
  const prefix = randomBytes(4).toString("hex");
  const secret = randomBytes(24).toString("base64url");
  const token = `sa_${prefix}_${secret}`;
  const record = await db().$transaction(async (tx) => {
    const record = await tx.apiToken.create({ data: { labId, name, prefix, tokenHash: hashToken(token), createdById: actor.id } });
    await audit({ actorId: actor.id, actorRole: actor.role, action: "token.created", entityType: "ApiToken", entityId: record.id, after: { labId, name, prefix } }, tx);
    return record;
  });
  return { token, record };
}

export async function revokeApiToken(labId: string, tokenId: string, actor: SessionUser) {
  const result = await db().apiToken.updateMany({ where: { id: tokenId, labId, revokedAt: null }, data: { revokedAt: new Date() } });
  if (result.count === 1) {
    await audit({ actorId: actor.id, actorRole: actor.role, action: "token.revoked", entityType: "ApiToken", entityId: tokenId, after: { labId } });
  }
  return result.count === 1;
}

export interface ApiCaller {
  tokenId: string;
  labId: string;
}

/** Resolves `Authorization: Bearer sa_...` to its lab; null for a missing, unknown or revoked token. */
export async function authenticateBearer(request: Request): Promise<ApiCaller | null> {
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(sa_[a-f0-9]{8}_[A-Za-z0-9_-]{20,64})$/.exec(header.trim());
  if (!match) return null;
  const token = await db().apiToken.findUnique({ where: { tokenHash: hashToken(match[1]) } });
  if (!token || token.revokedAt) return null;
  if (!token.lastUsedAt || Date.now() - token.lastUsedAt.getTime() > 60_000) {
    await db().apiToken.update({ where: { id: token.id }, data: { lastUsedAt: new Date() } }).catch(() => {});
  }
  return { tokenId: token.id, labId: token.labId };
}
