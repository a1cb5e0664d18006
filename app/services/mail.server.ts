/**
 * The app's mail outbox. There is no SMTP server here: every message is stored in the
 * MailMessage table, and in development it is readable at /dev/mail.
 */
import type { Tx } from "../db.server";
import { db } from "../db.server";
import { env } from "../env.server";

export async function sendMail(msg: { to: string; subject: string; text: string; kind: string }, tx?: Tx) {
  await (tx ?? db()).mailMessage.create({ data: msg });
}

export function appUrl(path: string, request?: Request) {
  const base = env().APP_URL ?? (request ? new URL(request.url).origin : `http://localhost:${env().PORT}`);
  return new URL(path, base).toString();
}
