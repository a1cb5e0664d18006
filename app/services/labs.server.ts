/** Labs: members, invitations and API tokens. */
import { randomBytes } from "node:crypto";
import { db } from "~/db.server";
import { canRevokeTokens, tokenCreationRefusal } from "~/domain/accounts";
import { type ApiToken, Prisma } from "~/generated/prisma/client";
import { hashPassword } from "~/password.server";
import { hashToken } from "~/session.server";
import type { Actor, LabActor } from "./actor";
import { audit } from "./audit.server";
import { appUrl, sendMail } from "./mail.server";
import { type Failure, type FormResult, fail, formFail, type Result } from "./result";

export async function getLabBySlug(slug: string) {
  return db().lab.findUnique({ where: { slug } });
}

/**
 * Invites an address to the lab. Answers the same whether or not the address already has an
 * account (no enumeration through this form): the invitation is recorded and mailed either way.
 * The owner of a registered address gets a message saying so, with the same link; following it
 * leads to "sign in to accept" (see acceptInviteAsUser).
 */
export async function inviteMember(labId: string, email: string, actor: LabActor) {
  const token = randomBytes(32).toString("base64url");
  const [lab, existing] = await Promise.all([
    db().lab.findUniqueOrThrow({ where: { id: labId } }),
    db().user.findUnique({ where: { email }, select: { id: true } }),
  ]);
  const link = appUrl(`/join-lab?token=${token}`);
  await db().$transaction(async (tx) => {
    await tx.labInvite.create({
      data: { labId, email, tokenHash: hashToken(token), invitedBy: actor.id, expiresAt: new Date(Date.now() + 7 * 86_400_000) },
    });
    await audit(
      {
        actorId: actor.id,
        actorRole: actor.role,
        action: "lab.member_invited",
        entityType: "Lab",
        entityId: labId,
        after: { email },
        ip: actor.ip,
      },
      tx,
    );
    await sendMail(
      existing
        ? {
            to: email,
            kind: "lab-invite-registered",
            subject: `${actor.name} invited you to ${lab.name} on Second Act`,
            text: `Hello,\n\n${actor.name} invited this address to join ${lab.name} on Second Act. This address already has a Second Act account, and a lab account belongs to one lab only.\n\nIf your account is a lab account without a lab, sign in and accept within 7 days: ${link}\nOtherwise, ask ${actor.name} to invite another address. If you don't know ${lab.name}, ignore this message.`,
          }
        : {
            to: email,
            kind: "lab-invite",
            subject: `${actor.name} invited you to ${lab.name} on Second Act`,
            text: `Hello,\n\n${actor.name} invited you to join ${lab.name} on Second Act.\nAccept within 7 days: ${link}`,
          },
      tx,
    );
  });
  return { ok: true as const };
}

export async function findInvite(token: string) {
  const invite = await db().labInvite.findUnique({ where: { tokenHash: hashToken(token) }, include: { lab: true } });
  if (!invite || invite.acceptedAt || invite.expiresAt < new Date()) return null;
  return invite;
}

/** The one result shape, narrowed so `errors` is always there (see ./result.ts); `signIn`: the address already has an account (409). */
export type AcceptResult = FormResult<{ userId: string }> & { signIn?: boolean };

/** Accepts an invitation by creating a new lab account for the invited address. */
export async function acceptInvite(token: string, input: { name: string; password: string }): Promise<AcceptResult> {
  const invite = await findInvite(token);
  if (!invite) return formFail(400, { _form: ["This invitation is invalid, used or expired."] });
  if (await db().user.findUnique({ where: { email: invite.email }, select: { id: true } })) {
    return { ...formFail(409, { _form: [alreadyRegistered(invite.email)] }), signIn: true };
  }
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await db().$transaction(async (tx) => {
      const claimed = await tx.labInvite.updateMany({ where: { id: invite.id, acceptedAt: null }, data: { acceptedAt: new Date() } });
      if (claimed.count !== 1) return null;
      const user = await tx.user.create({
        data: { email: invite.email, name: input.name, passwordHash, role: "LAB_MEMBER", emailVerifiedAt: new Date() },
      });
      await tx.labMember.create({ data: { labId: invite.labId, userId: user.id, role: "MEMBER" } });
      await audit(
        { actorId: user.id, actorRole: "LAB_MEMBER", action: "lab.member_joined", entityType: "Lab", entityId: invite.labId },
        tx,
      );
      return user;
    });
    if (!user) return formFail(400, { _form: ["This invitation was already used."] });
    return { ok: true, userId: user.id };
  } catch (e) {
    // The address registered between the check above and the insert: the same answer as above.
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
      return { ...formFail(409, { _form: [alreadyRegistered(invite.email)] }), signIn: true };
    }
    throw e;
  }
}

function alreadyRegistered(email: string) {
  return `${email} already has a Second Act account. Sign in with it to accept this invitation.`;
}

/**
 * Accepts an invitation for the signed-in account whose address it was sent to. Lab accounts
 * belong to one lab only, so only a lab account without a lab can be attached; anyone else is
 * told why and what to do.
 */
export async function acceptInviteAsUser(token: string, user: LabActor): Promise<AcceptResult> {
  const invite = await findInvite(token);
  if (!invite) return formFail(400, { _form: ["This invitation is invalid, used or expired."] });
  if (invite.email.toLowerCase() !== user.email.toLowerCase()) {
    return formFail(400, {
      _form: [
        `This invitation was sent to ${invite.email}, and you are signed in as ${user.email}. Log out and sign in with ${invite.email} to accept it.`,
      ],
    });
  }
  if (user.role !== "LAB_MEMBER" || user.labId) {
    const why = user.labId ? "your account already belongs to a lab" : "your account is not a lab account";
    return formFail(400, {
      _form: [
        `You can't join ${invite.lab.name} with this account: ${why}, and a lab account belongs to one lab only. Ask the lab to invite another address.`,
      ],
    });
  }
  const joined = await db().$transaction(async (tx) => {
    const claimed = await tx.labInvite.updateMany({ where: { id: invite.id, acceptedAt: null }, data: { acceptedAt: new Date() } });
    if (claimed.count !== 1) return false;
    await tx.labMember.create({ data: { labId: invite.labId, userId: user.id, role: "MEMBER" } });
    // Following the emailed link proves the address.
    await tx.user.update({ where: { id: user.id }, data: { emailVerifiedAt: new Date() } });
    await audit(
      {
        actorId: user.id,
        actorRole: "LAB_MEMBER",
        action: "lab.member_joined",
        entityType: "Lab",
        entityId: invite.labId,
        after: { existingAccount: true },
        ip: user.ip,
      },
      tx,
    );
    return true;
  });
  if (!joined) return formFail(400, { _form: ["This invitation was already used."] });
  return { ok: true, userId: user.id };
}

/**
 * Removes a member: their lab membership, sessions and account end, and every API token they
 * created for this lab is revoked in the same transaction (audited per token).
 */
export async function removeMember(labId: string, memberUserId: string, actor: Actor): Promise<Result<{ tokensRevoked: number }>> {
  const member = await db().labMember.findUnique({ where: { userId: memberUserId } });
  if (!member || member.labId !== labId) return fail(404, "That person is not a member of this lab.");
  if (member.role === "OWNER") {
    const owners = await db().labMember.count({ where: { labId, role: "OWNER" } });
    if (owners <= 1) return fail(409, "A lab needs at least one owner.");
  }
  const revoked = await db().$transaction(async (tx) => {
    await tx.labMember.delete({ where: { id: member.id } });
    await tx.session.deleteMany({ where: { userId: memberUserId } });
    await tx.user.update({ where: { id: memberUserId }, data: { disabledAt: new Date() } });
    const tokens = await tx.apiToken.findMany({
      where: { labId, createdById: memberUserId, revokedAt: null },
      select: { id: true, prefix: true },
    });
    if (tokens.length > 0) {
      await tx.apiToken.updateMany({ where: { id: { in: tokens.map((t) => t.id) }, revokedAt: null }, data: { revokedAt: new Date() } });
      for (const t of tokens) {
        await audit(
          {
            actorId: actor.id,
            actorRole: actor.role,
            action: "token.revoked",
            entityType: "ApiToken",
            entityId: t.id,
            after: { labId, prefix: t.prefix, reason: "creator removed from the lab" },
          },
          tx,
        );
      }
    }
    await audit(
      {
        actorId: actor.id,
        actorRole: actor.role,
        action: "lab.member_removed",
        entityType: "Lab",
        entityId: labId,
        after: { userId: memberUserId, tokensRevoked: tokens.length },
      },
      tx,
    );
    return tokens.length;
  });
  return { ok: true as const, tokensRevoked: revoked };
}

// ---------------------------------------------------------------- API tokens

export type CreateTokenResult =
  | { ok: true; token: string; record: ApiToken }
  // token/record are named (undefined) on a refusal so callers can destructure either way.
  | (Failure & { token?: undefined; record?: undefined });

/** Creates a token for the lab; only a confirmed owner of that lab may (app/domain/accounts.ts). */
export async function createApiToken(labId: string, name: string, actor: LabActor): Promise<CreateTokenResult> {
  const refusal = tokenCreationRefusal(actor, labId);
  if (refusal) return fail(403, refusal.message, { code: "FORBIDDEN" });
  const prefix = randomBytes(4).toString("hex");
  const secret = randomBytes(24).toString("base64url");
  const token = `sa_${prefix}_${secret}`;
  const record = await db().$transaction(async (tx) => {
    const record = await tx.apiToken.create({ data: { labId, name, prefix, tokenHash: hashToken(token), createdById: actor.id } });
    await audit(
      {
        actorId: actor.id,
        actorRole: actor.role,
        action: "token.created",
        entityType: "ApiToken",
        entityId: record.id,
        after: { labId, name, prefix },
        ip: actor.ip,
      },
      tx,
    );
    return record;
  });
  return { ok: true, token, record };
}

// inviteMember, createApiToken and revokeApiToken take a LabActor (app/services/actor.ts): the invitation
// mail names the inviter and the token rules (app/domain/accounts.ts) read the lab, lab role and confirmed address.
export async function revokeApiToken(labId: string, tokenId: string, actor: LabActor) {
  if (!canRevokeTokens(actor, labId)) return false;
  return db().$transaction(async (tx) => {
    const result = await tx.apiToken.updateMany({ where: { id: tokenId, labId, revokedAt: null }, data: { revokedAt: new Date() } });
    if (result.count === 1) {
      await audit(
        {
          actorId: actor.id,
          actorRole: actor.role,
          action: "token.revoked",
          entityType: "ApiToken",
          entityId: tokenId,
          after: { labId },
          ip: actor.ip,
        },
        tx,
      );
    }
    return result.count === 1;
  });
}

/** The lab's tokens with who created each (a removed member shows as such) and when it was last used. */
export async function listApiTokens(labId: string) {
  const tokens = await db().apiToken.findMany({ where: { labId }, orderBy: { createdAt: "desc" } });
  const creators = await db().user.findMany({
    where: { id: { in: [...new Set(tokens.map((t) => t.createdById))] } },
    select: { id: true, name: true, email: true, disabledAt: true, labMember: { select: { labId: true } } },
  });
  const byId = new Map(creators.map((u) => [u.id, u]));
  return tokens.map((t) => {
    const u = byId.get(t.createdById);
    return {
      id: t.id,
      name: t.name,
      prefix: t.prefix,
      createdAt: t.createdAt,
      lastUsedAt: t.lastUsedAt,
      revokedAt: t.revokedAt,
      createdBy: u ? { name: u.name, email: u.email, stillMember: u.labMember?.labId === labId && !u.disabledAt } : null,
    };
  });
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
    await db()
      .apiToken.update({ where: { id: token.id }, data: { lastUsedAt: new Date() } })
      .catch(() => {});
  }
  return { tokenId: token.id, labId: token.labId };
}

/** The lab's gigs (200, by status then newest): every status for its managers, open and paused for others. */
export function labGigs(labId: string, opts: { allStatuses: boolean }) {
  return db().gig.findMany({
    where: { labId, ...(opts.allStatuses ? {} : { status: { in: ["OPEN", "PAUSED"] } }) },
    include: { lab: { select: { name: true } } },
    orderBy: [{ status: "asc" }, { createdAt: "desc" }],
    take: 200,
  });
}

/** Applications per gig and stage for these gigs. */
export function applicationCountsByStage(gigIds: string[]) {
  return db().application.groupBy({ by: ["gigId", "stage"], where: { gigId: { in: gigIds } }, _count: true });
}

/** The lab's members (with name and email) and its pending, unexpired invitations. */
export async function labMembersAndInvites(labId: string) {
  const [members, invites] = await Promise.all([
    db().labMember.findMany({ where: { labId }, include: { user: { select: { id: true, name: true, email: true } } } }),
    db().labInvite.findMany({ where: { labId, acceptedAt: null, expiresAt: { gt: new Date() } } }),
  ]);
  return { members, invites };
}

/** Who created an API token (the audit log's actor for the token's requests), or null when unknown. */
export async function apiTokenCreatorId(tokenId: string): Promise<string | null> {
  const token = await db().apiToken.findUnique({ where: { id: tokenId }, select: { createdById: true } });
  return token?.createdById ?? null;
}
