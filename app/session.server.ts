/**
 * Database-backed sessions. The cookie holds a random token; the database holds its SHA-256,
 * so a leaked database cannot be replayed as cookies. httpOnly, SameSite=Lax, Secure in
 * production, rotated on login (a fresh token every time), sliding expiry, "log out everywhere".
 */
import { createHash, randomBytes } from "node:crypto";
import { redirect } from "@remix-run/node";
import { db } from "./db.server";
import { readCookie } from "./cookies.server";
import { env } from "./env.server";
import type { UserRole } from "./generated/prisma/enums";

export const SESSION_COOKIE = "sa_session";

export interface SessionUser {
  id: string;
  sessionId: string;
  email: string;
  name: string;
  role: UserRole;
  emailVerified: boolean;
  labId: string | null;
  labSlug: string | null;
  labRole: "OWNER" | "MEMBER" | null;
  profileId: string | null;
  unreadNotifications: number;
  /** The IANA zone chosen on /account, or null (then the browser's zone is used; app/viewer-time.server.ts). */
  timeZone?: string | null;
}

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

function cookie(value: string, maxAgeSeconds: number) {
  const secure = env().production ? "; Secure" : "";
  return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secure}`;
}

/** Creates a new session (never reuses the old token) and returns the Set-Cookie header. */
export async function createSession(userId: string, meta: { ip?: string; userAgent?: string | null }) {
  const token = randomBytes(32).toString("base64url");
  const ttl = env().SESSION_TTL_DAYS * 86_400;
  await db().session.create({
    data: {
      userId,
      tokenHash: hashToken(token),
      expiresAt: new Date(Date.now() + ttl * 1000),
      ip: meta.ip ?? null,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
    },
  });
  return cookie(token, ttl);
}

export async function destroySession(request: Request) {
  const token = readCookie(request, SESSION_COOKIE);
  if (token) await db().session.deleteMany({ where: { tokenHash: hashToken(token) } });
  return cookie("", 0);
}

export async function destroyAllSessions(userId: string) {
  await db().session.deleteMany({ where: { userId } });
}

const cache = new WeakMap<Request, Promise<SessionUser | null>>();

export function getSessionUser(request: Request): Promise<SessionUser | null> {
  let pending = cache.get(request);
  if (!pending) {
    pending = loadSessionUser(request);
    cache.set(request, pending);
  }
  return pending;
}

async function loadSessionUser(request: Request): Promise<SessionUser | null> {
  const token = readCookie(request, SESSION_COOKIE);
  if (!token || token.length > 100) return null;
  const session = await db().session.findUnique({
    where: { tokenHash: hashToken(token) },
    include: {
      user: {
        include: {
          labMember: { include: { lab: { select: { slug: true } } } },
          profile: { select: { id: true } },
          _count: { select: { notifications: { where: { readAt: null } } } },
        },
      },
    },
  });
  if (!session || session.expiresAt < new Date() || session.user.disabledAt) return null;
  if (Date.now() - session.lastSeenAt.getTime() > 10 * 60_000) {
    const ttl = env().SESSION_TTL_DAYS * 86_400_000;
    await db()
      .session.update({
        where: { id: session.id },
        data: { lastSeenAt: new Date(), expiresAt: new Date(Date.now() + ttl) },
      })
      .catch(() => {});
  }
  const u = session.user;
  return {
    id: u.id,
    sessionId: session.id,
    email: u.email,
    name: u.name,
    role: u.role,
    emailVerified: Boolean(u.emailVerifiedAt),
    labId: u.labMember?.labId ?? null,
    labSlug: u.labMember?.lab.slug ?? null,
    labRole: u.labMember?.role ?? null,
    profileId: u.profile?.id ?? null,
    unreadNotifications: u._count.notifications,
    timeZone: u.timeZone,
  };
}

/** For loaders/actions that need a signed-in user: redirects to /login otherwise. */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getSessionUser(request);
  if (!user) {
    const url = new URL(request.url);
    const next = url.pathname.endsWith(".data") ? url.pathname.slice(0, -5) : url.pathname;
    throw redirect(`/login?next=${encodeURIComponent(next + url.search)}`);
  }
  return user;
}
