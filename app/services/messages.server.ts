/**
 * Conversations per application (issue 24): send, list, mark read, hide, unread counts and the
 * board's bulk message. Authorization is decided here (app/domain/messages.ts, conversationAccess)
 * for every call, whatever the route checked: only the application's professional, the gig's lab
 * and staff see a conversation, and a lab never sees another lab's. People are named by display
 * name ("<name>, <lab>" for lab members); no email address is put in a page, a notification or an email body.
 */
import type { Tx } from "~/db.server";
import { db } from "~/db.server";
import {
  type Access,
  MESSAGE_PAGE,
  type Viewer,
  checkRate,
  conversationAccess,
  excerpt,
  hideFormSchema,
  messageBodySchema,
  participantLabel,
  recipientsOf,
} from "~/domain/messages";
import type { ServiceResult } from "./applications.server";
import { audit } from "./audit.server";
import { notifyEach } from "./notifications.server";
import { emitLabEvent } from "./webhooks.server";

export type MessageViewer = Viewer & { ip?: string };

export interface MessageView {
  id: string;
  author: string;
  /** Which side wrote it (for the layout): the professional, the lab, or Second Act staff. */
  side: "professional" | "lab" | "staff";
  mine: boolean;
  at: string;
  /** null when the message is hidden and the viewer may not moderate. */
  body: string | null;
  hidden: { reason: string; at: string } | null;
  /** Written by someone else after the viewer last read the conversation. */
  isNew: boolean;
}

export interface ConversationView {
  access: Access;
  messages: MessageView[];
  /** Cursor (a message id) of the page before this one, when there is one. */
  earlier: string | null;
  /** Whether this is an earlier page (a link back to the newest is shown). */
  paged: boolean;
  total: number;
}

interface Scope {
  id: string;
  profileId: string;
  proUserId: string;
  proName: string;
  gig: { id: string; title: string; labId: string; labName: string; coordinatorId: string | null };
}

async function scopeOf(applicationId: string, client: Tx | ReturnType<typeof db> = db()): Promise<Scope | null> {
  if (!applicationId || applicationId.length > 64) return null;
  const app = await client.application.findUnique({
    where: { id: applicationId },
    select: {
      id: true,
      profileId: true,
      profile: { select: { userId: true, displayName: true } },
      gig: { select: { id: true, title: true, labId: true, coordinatorId: true, lab: { select: { name: true } } } },
    },
  });
  if (!app) return null;
  return {
    id: app.id,
    profileId: app.profileId,
    proUserId: app.profile.userId,
    proName: app.profile.displayName,
    gig: { id: app.gig.id, title: app.gig.title, labId: app.gig.labId, labName: app.gig.lab.name, coordinatorId: app.gig.coordinatorId },
  };
}

const accessOf = (viewer: Viewer, scope: Scope) => conversationAccess(viewer, { profileId: scope.profileId, labId: scope.gig.labId });

const NOT_FOUND = { ok: false as const, status: 404, code: "NOT_FOUND", message: "No such conversation." };

/** Links in notifications: each side's own page for the application. */
const linkFor = (scope: Scope, recipientId: string) =>
  recipientId === scope.proUserId ? `/me/applications/${scope.id}#messages` : `/coord/gigs/${scope.gig.id}/candidates/${scope.id}#messages`;

type AuthorRow = { authorId: string | null; authorRole: string; author: { name: string } | null };

function labelOf(m: AuthorRow, scope: Scope): string {
  if (!m.author) return participantLabel(null);
  if (m.authorRole === "PROFESSIONAL") return scope.proName;
  return participantLabel({ name: m.author.name, role: m.authorRole, labName: scope.gig.labName });
}

const sideOf = (role: string): MessageView["side"] => (role === "PROFESSIONAL" ? "professional" : role === "LAB_MEMBER" ? "lab" : "staff");

/**
 * The conversation as `viewer` may see it, one page (newest page by default, oldest message first),
 * or null when they may not read it. With `markRead` the viewer's read marker moves to now.
 */
export async function conversationFor(
  applicationId: string,
  viewer: Viewer,
  opts: { gigId?: string; earlier?: string | null; markRead?: boolean } = {},
): Promise<ConversationView | null> {
  const scope = await scopeOf(applicationId);
  if (!scope || (opts.gigId !== undefined && scope.gig.id !== opts.gigId)) return null;
  const access = accessOf(viewer, scope);
  if (!access.read) return null;
  const cursor = opts.earlier
    ? await db().message.findFirst({ where: { id: opts.earlier, applicationId }, select: { id: true, createdAt: true } })
    : null;
  const [rows, total, read] = await Promise.all([
    db().message.findMany({
      where: {
        applicationId,
        ...(cursor ? { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] } : {}),
      },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: MESSAGE_PAGE + 1,
      select: {
        id: true,
        authorId: true,
        authorRole: true,
        body: true,
        createdAt: true,
        hiddenAt: true,
        hiddenReason: true,
        author: { select: { name: true } },
      },
    }),
    db().message.count({ where: { applicationId } }),
    db().messageRead.findUnique({ where: { applicationId_userId: { applicationId, userId: viewer.id } }, select: { lastReadAt: true } }),
  ]);
  const more = rows.length > MESSAGE_PAGE;
  const page = rows.slice(0, MESSAGE_PAGE).reverse();
  if (opts.markRead && !cursor) {
    const lastReadAt = new Date();
    await db().messageRead.upsert({
      where: { applicationId_userId: { applicationId, userId: viewer.id } },
      create: { applicationId, userId: viewer.id, lastReadAt },
      update: { lastReadAt },
    });
  }
  return {
    access,
    total,
    paged: Boolean(cursor),
    earlier: more ? page[0].id : null,
    messages: page.map((m) => ({
      id: m.id,
      author: labelOf(m, scope),
      side: sideOf(m.authorRole),
      mine: m.authorId === viewer.id,
      at: m.createdAt.toISOString(),
      body: m.hiddenAt && !access.moderate ? null : m.body,
      hidden: m.hiddenAt ? { reason: m.hiddenReason ?? "", at: m.hiddenAt.toISOString() } : null,
      isNew: m.authorId !== viewer.id && !m.hiddenAt && (!read || m.createdAt > read.lastReadAt),
    })),
  };
}

/** Moves the viewer's read marker to now (they have seen the conversation). */
export async function markRead(applicationId: string, viewer: Viewer): Promise<boolean> {
  const scope = await scopeOf(applicationId);
  if (!scope || !accessOf(viewer, scope).read) return false;
  const lastReadAt = new Date();
  await db().messageRead.upsert({
    where: { applicationId_userId: { applicationId, userId: viewer.id } },
    create: { applicationId, userId: viewer.id, lastReadAt },
    update: { lastReadAt },
  });
  return true;
}

const notice = (gigTitle: string, label: string, body: string, userId: string, link: string) => ({
  userId,
  kind: "message",
  title: `New message about "${gigTitle}"`,
  body: `${label} wrote: ${excerpt(body)}`,
  link,
});

/**
 * THE one place a message is written (single sends and the board's bulk message): the row, the
 * author's read marker and the notifications (with their emails through the mail outbox), inside
 * the caller's transaction.
 */
async function writeMessage(
  tx: Tx,
  m: { applicationId: string; authorId: string; authorRole: string; body: string; createdAt: Date },
  notices: ReadonlyArray<ReturnType<typeof notice>>,
) {
  const created = await tx.message.create({ data: m, select: { id: true, applicationId: true, createdAt: true } });
  await tx.messageRead.upsert({
    where: { applicationId_userId: { applicationId: m.applicationId, userId: m.authorId } },
    create: { applicationId: m.applicationId, userId: m.authorId, lastReadAt: m.createdAt },
    update: { lastReadAt: m.createdAt },
  });
  await notifyEach(tx, notices);
  // The lab's integrations hear about it (ids and the author's role only, never the text).
  const app = await tx.application.findUniqueOrThrow({
    where: { id: m.applicationId },
    select: { gigId: true, gig: { select: { labId: true } } },
  });
  await emitLabEvent(tx, {
    type: "message.created",
    labId: app.gig.labId,
    messageId: created.id,
    applicationId: m.applicationId,
    gigId: app.gigId,
    authorRole: m.authorRole,
  });
  return created;
}

/** Writes a message and tells the other participants, in one transaction. Refuses over the rate limit (429). */
export async function sendMessage(
  applicationId: string,
  rawBody: unknown,
  viewer: MessageViewer,
  opts: { gigId?: string; now?: Date } = {},
): Promise<ServiceResult<{ messageId: string; message: string }> & { field?: "body" }> {
  const scope = await scopeOf(applicationId);
  if (!scope || (opts.gigId !== undefined && scope.gig.id !== opts.gigId)) return NOT_FOUND;
  const access = accessOf(viewer, scope);
  if (!access.read) return NOT_FOUND;
  if (!access.write)
    return {
      ok: false,
      status: 403,
      code: "FORBIDDEN",
      message: "Admins moderate conversations; the professional, the lab and coordinators write in them.",
    };
  const parsed = messageBodySchema.safeParse(rawBody);
  if (!parsed.success)
    return { ok: false, status: 400, code: "INVALID", message: parsed.error.issues[0]?.message ?? "Write a message.", field: "body" };
  const body = parsed.data;
  return db().$transaction(async (tx) => {
    // One sender at a time per author, so two quick submissions cannot both pass the limit.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`message:${viewer.id}`}))`;
    const now = opts.now ?? new Date();
    const recent = await tx.message.findMany({
      where: { authorId: viewer.id, createdAt: { gt: new Date(now.getTime() - 3_600_000) } },
      select: { applicationId: true, createdAt: true },
    });
    const rate = checkRate(
      now,
      recent.filter((m) => m.applicationId === applicationId).map((m) => m.createdAt),
      recent.map((m) => m.createdAt),
    );
    if (!rate.ok) return { ok: false as const, status: 429, code: "RATE_LIMITED", message: rate.message };
    const author = await tx.user.findUnique({ where: { id: viewer.id }, select: { name: true } });
    const label =
      viewer.role === "PROFESSIONAL"
        ? scope.proName
        : participantLabel({ name: author?.name ?? "", role: viewer.role, labName: scope.gig.labName });
    const [members, wrote, coordinators] = await Promise.all([
      tx.labMember.findMany({ where: { labId: scope.gig.labId, user: { disabledAt: null } }, select: { userId: true } }),
      tx.message.findMany({
        where: { applicationId, authorRole: "COORDINATOR", authorId: { not: null } },
        distinct: ["authorId"],
        select: { authorId: true },
      }),
      tx.user.findMany({ where: { role: "COORDINATOR", disabledAt: null }, select: { id: true } }),
    ]);
    const recipients = recipientsOf({
      authorId: viewer.id,
      professionalUserId: scope.proUserId,
      labMemberIds: members.map((m) => m.userId),
      responsibleCoordinatorId: scope.gig.coordinatorId,
      coordinatorsWhoWrote: wrote.map((m) => m.authorId).filter((x): x is string => Boolean(x)),
      allCoordinatorIds: coordinators.map((c) => c.id),
    });
    const created = await writeMessage(
      tx,
      { applicationId, authorId: viewer.id, authorRole: viewer.role, body, createdAt: now },
      recipients.map((userId) => notice(scope.gig.title, label, body, userId, linkFor(scope, userId))),
    );
    const told =
      viewer.role === "PROFESSIONAL" ? `${scope.gig.labName} and the coordinators were notified.` : `${scope.proName} was notified.`;
    return { ok: true as const, messageId: created.id, message: `Message sent. ${told}` };
  });
}

/** A coordinator or admin hides a message (the row stays, with who hid it, when and why; audited). */
export async function hideMessage(
  applicationId: string,
  input: { messageId: unknown; reason: unknown },
  viewer: MessageViewer,
  opts: { gigId?: string } = {},
): Promise<ServiceResult<{ message: string }> & { field?: "reason" | "messageId" }> {
  const scope = await scopeOf(applicationId);
  if (!scope || (opts.gigId !== undefined && scope.gig.id !== opts.gigId)) return NOT_FOUND;
  const access = accessOf(viewer, scope);
  if (!access.read) return NOT_FOUND;
  if (!access.moderate) return { ok: false, status: 403, code: "FORBIDDEN", message: "Only coordinators and admins can hide messages." };
  const parsed = hideFormSchema.safeParse({ intent: "hide", ...input });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      status: 400,
      code: "INVALID",
      message: issue?.message ?? "Say why.",
      field: issue?.path[0] === "messageId" ? "messageId" : "reason",
    };
  }
  const { messageId, reason } = parsed.data;
  return db().$transaction(async (tx) => {
    const m = await tx.message.findFirst({ where: { id: messageId, applicationId }, select: { id: true, hiddenAt: true, authorId: true } });
    if (!m) return { ok: false as const, status: 404, code: "NOT_FOUND", message: "That message is not in this conversation." };
    if (m.hiddenAt) return { ok: false as const, status: 409, code: "ALREADY_HIDDEN", message: "That message is already hidden." };
    const hiddenAt = new Date();
    await tx.message.update({ where: { id: m.id }, data: { hiddenAt, hiddenById: viewer.id, hiddenReason: reason } });
    await audit(
      {
        actorId: viewer.id,
        actorRole: viewer.role,
        action: "message.hidden",
        entityType: "Message",
        entityId: m.id,
        before: { hiddenAt: null },
        after: { hiddenAt: hiddenAt.toISOString(), reason, applicationId, authorId: m.authorId },
        ip: viewer.ip ?? null,
      },
      tx,
    );
    return { ok: true as const, message: "The message is hidden. Its author and the other side see that it was hidden by a coordinator." };
  });
}

/**
 * A message to every selected person is one transaction (all or none), one insert, notification and
 * webhook lookup per person: like the board's bulk move (30 s), it gets more than Prisma's 5 s default,
 * which a loaded machine exceeded (one 500 from the board lane of the form fuzz run at load average 20).
 */
const BULK_TX = { timeout: 30_000 };

/**
 * The board's "Message selected": one message in each selected application's conversation (those
 * on this gig), and a notification (and email) to each professional, all in one transaction.
 * Not rate limited per message: it is one deliberate action on people the sender manages.
 */
export async function sendBulkMessages(
  gig: { id: string; title: string },
  applicationIds: readonly string[],
  rawBody: unknown,
  viewer: MessageViewer,
): Promise<ServiceResult<{ sent: number }>> {
  const parsed = messageBodySchema.safeParse(rawBody);
  if (!parsed.success) return { ok: false, status: 400, code: "INVALID", message: parsed.error.issues[0]?.message ?? "Write a message." };
  const body = parsed.data;
  const apps = await db().application.findMany({
    where: { id: { in: [...new Set(applicationIds)] }, gigId: gig.id },
    select: {
      id: true,
      profileId: true,
      profile: { select: { userId: true } },
      gig: { select: { labId: true, lab: { select: { name: true } } } },
    },
  });
  for (const a of apps) {
    const access = conversationAccess(viewer, { profileId: a.profileId, labId: a.gig.labId });
    if (!access.read) return NOT_FOUND;
    if (!access.write)
      return {
        ok: false,
        status: 403,
        code: "FORBIDDEN",
        message: "Admins moderate conversations; a coordinator or the lab writes to people.",
      };
  }
  if (apps.length === 0) return { ok: true, sent: 0 };
  const labName = apps[0].gig.lab.name;
  return db().$transaction(async (tx) => {
    const now = new Date();
    const author = await tx.user.findUnique({ where: { id: viewer.id }, select: { name: true } });
    const label = participantLabel({ name: author?.name ?? "", role: viewer.role, labName });
    for (const a of apps) {
      await writeMessage(tx, { applicationId: a.id, authorId: viewer.id, authorRole: viewer.role, body, createdAt: now }, [
        notice(gig.title, label, body, a.profile.userId, `/me/applications/${a.id}#messages`),
      ]);
    }
    return { ok: true as const, sent: apps.length };
  }, BULK_TX);
}
