/** In-app notifications, mirrored to email (the mail outbox) for people who want email. */
import { type Tx, db } from "~/db.server";
import { appUrl } from "./mail.server";

export interface NotificationInput {
  kind: string;
  title: string;
  body: string;
  link?: string;
}

const mailText = (n: NotificationInput) =>
  `${n.body}${n.link ? `\n\n${appUrl(n.link)}` : ""}\n\nYou can turn these emails off under Account > Email notifications.`;

/**
 * The rows `notifyUsers` writes for one notification, given who of `userIds` wants email (their
 * address by id, from a read of `emailNotifications` and `disabledAt` as notifyUsers makes): for a
 * caller that writes them itself in one statement (app/services/applications.server.ts).
 */
export function notificationRows(userIds: string[], n: NotificationInput, emailOf: ReadonlyMap<string, string>) {
  const unique = [...new Set(userIds)];
  return {
    notifications: unique.map((userId) => ({ userId, kind: n.kind, title: n.title, body: n.body, link: n.link ?? null })),
    mails: unique.flatMap((id) => {
      const to = emailOf.get(id);
      return to ? [{ to, kind: n.kind, subject: n.title, text: mailText(n) }] : [];
    }),
  };
}

export async function notifyUsers(tx: Tx, userIds: string[], n: NotificationInput) {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return;
  await tx.notification.createMany({
    data: unique.map((userId) => ({ userId, kind: n.kind, title: n.title, body: n.body, link: n.link ?? null })),
  });
  const recipients = await tx.user.findMany({
    where: { id: { in: unique }, emailNotifications: true, disabledAt: null },
    select: { email: true },
  });
  if (recipients.length) {
    await tx.mailMessage.createMany({
      data: recipients.map((r) => ({
        to: r.email,
        kind: n.kind,
        subject: n.title,
        text: mailText(n),
      })),
    });
  }
}

/** Different notifications for different people in three statements (batch jobs such as the SLA reminders). */
export async function notifyEach(tx: Tx, items: ReadonlyArray<NotificationInput & { userId: string }>) {
  if (items.length === 0) return;
  await tx.notification.createMany({
    data: items.map((n) => ({ userId: n.userId, kind: n.kind, title: n.title, body: n.body, link: n.link ?? null })),
  });
  const wantEmail = await tx.user.findMany({
    where: { id: { in: [...new Set(items.map((n) => n.userId))] }, emailNotifications: true, disabledAt: null },
    select: { id: true, email: true },
  });
  const emailOf = new Map(wantEmail.map((u) => [u.id, u.email]));
  const mails = items.flatMap((n) => {
    const to = emailOf.get(n.userId);
    return to ? [{ to, kind: n.kind, subject: n.title, text: mailText(n) }] : [];
  });
  if (mails.length) await tx.mailMessage.createMany({ data: mails });
}

/** One page (30 per page, newest first) of a user's notifications, and how many they have. */
export async function notificationsPage(userId: string, page: number, perPage = 30) {
  const [items, total] = await Promise.all([
    db().notification.findMany({ where: { userId }, orderBy: { createdAt: "desc" }, skip: (page - 1) * perPage, take: perPage }),
    db().notification.count({ where: { userId } }),
  ]);
  return { items, total };
}

export async function markAllNotificationsRead(userId: string) {
  await db().notification.updateMany({ where: { userId, readAt: null }, data: { readAt: new Date() } });
}
