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

const g = globalThis as unknown as { __secondActOrigin?: string };

/** The server's own address, recorded once it listens (scripts/server.ts); used when APP_URL is unset. */
export function setServerOrigin(origin: string) {
  g.__secondActOrigin = origin;
}

/**
 * Absolute link for emails: APP_URL when set (production behind a proxy must set it), else the
 * request's origin, else the address this server listens on (messages sent outside a request,
 * e.g. by the SLA reminders), else localhost:PORT.
 */
export function appUrl(path: string, request?: Request) {
  const base = env().APP_URL ?? (request ? new URL(request.url).origin : (g.__secondActOrigin ?? `http://localhost:${env().PORT}`));
  return new URL(path, base).toString();
}
