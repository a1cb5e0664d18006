/** In-app notifications, mirrored to email (the mail outbox) for people who want email. */
import type { Tx } from "../db.server";
import { appUrl } from "./mail.server";

export interface NotificationInput {
  kind: string;
  title: string;
  body: string;
  link?: string;
}

export async function notifyUsers(tx: Tx, userIds: string[], n: NotificationInput) {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return;
  await tx.notification.createMany({ data: unique.map((userId) => ({ userId, kind: n.kind, title: n.title, body: n.body, link: n.link ?? null })) });
  const recipients = await tx.user.findMany({ where: { id: { in: unique }, emailNotifications: true, disabledAt: null }, select: { email: true } });
  if (recipients.length) {
    await tx.mailMessage.createMany({
      data: recipients.map((r) => ({
        to: r.email,
        kind: n.kind,
        subject: n.title,
        text: `${n.body}${n.link ? `\n\n${appUrl(n.link)}` : ""}\n\nYou can turn these emails off under Account > Email notifications.`,
      })),
    });
  }
}
