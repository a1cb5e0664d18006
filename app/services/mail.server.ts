/**
 * The app's mail outbox. There is no SMTP server here: every message is stored in the
 * MailMessage table, and in development it is readable at /dev/mail.
 */
import type { Tx } from "~/db.server";
import { db } from "~/db.server";
import { env } from "~/env.server";

export async function sendMail(msg: { to: string; subject: string; text: string; kind: string }, tx?: Tx) {
  await (tx ?? db()).mailMessage.create({ data: msg });
}

const g = globalThis as unknown as { __secondActOrigin?: string };

/** The server's own address, recorded once it listens (server/index.ts); used when APP_URL is unset. */
export function setServerOrigin(origin: string) {
  g.__secondActOrigin = origin;
}

/**
 * Absolute link for emails (reset, invitation, verification, notifications). Only configured
 * values: APP_URL (required in production, checked at start-up), else, in development, the
 * address this server listens on, else localhost:PORT. Never the request's Host header, which
 * the client writes: a reset requested with `Host: evil.example` must not mail a link there.
 */
export function appUrl(path: string) {
  const base = env().APP_URL ?? g.__secondActOrigin ?? `http://localhost:${env().PORT}`;
  return new URL(path, base).toString();
}

/** The 50 newest stored messages, optionally only those to one address (the development mailbox). */
export function recentMail(to?: string) {
  return db().mailMessage.findMany({ where: to ? { to } : {}, orderBy: { createdAt: "desc" }, take: 50 });
}
