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
import { row, sql } from "./sql.server";
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

/** One row of `SESSION_SQL`: the session, its user, lab membership, profile and unread count. */
interface SessionRow {
  sessionId: string;
  expiresAt: Date;
  lastSeenAt: Date;
  id: string;
  email: string;
  name: string;
  role: UserRole;
  emailVerified: boolean;
  disabled: boolean;
  timeZone: string | null;
  labId: string | null;
  labSlug: string | null;
  labRole: "OWNER" | "MEMBER" | null;
  profileId: string | null;
  unread: number;
}

/**
 * The session lookup of every signed-in request, in ONE statement (decision 0029): Prisma's
 * `include` sent five (Session, User + unread count, LabMember, Lab, Profile), each costing
 * Prisma's per-query CPU; it runs on the bare pg pool (app/sql.server.ts, decision 0032). Nothing here is cached: expiry, revocation (the row is gone), disabled
 * users and role or membership changes take effect on the next request, as before.
 * tests/integration/session-lookup.test.ts compares it with the Prisma `include` it replaced.
 */
export async function lookupSession(tokenHash: string): Promise<SessionRow | null> {
  return row<SessionRow>(sql`
    SELECT s.id AS "sessionId", s."expiresAt", s."lastSeenAt",
           u.id, u.email, u.name, u.role::text AS role, u."emailVerifiedAt" IS NOT NULL AS "emailVerified",
           u."disabledAt" IS NOT NULL AS disabled, u."timeZone",
           m."labId", l.slug AS "labSlug", m.role::text AS "labRole", p.id AS "profileId",
           (SELECT count(*)::int FROM "Notification" n WHERE n."userId" = u.id AND n."readAt" IS NULL) AS unread
    FROM "Session" s
    JOIN "User" u ON u.id = s."userId"
    LEFT JOIN "LabMember" m ON m."userId" = u.id
    LEFT JOIN "Lab" l ON l.id = m."labId"
    LEFT JOIN "Profile" p ON p."userId" = u.id
    WHERE s."tokenHash" = ${tokenHash}`);
}

/**
 * Remix hands each loader of one request its own Request object (it strips `?index` / `_routes`
 * into a new one), so the WeakMap above cannot share the lookup between the root loader and the
 * page's loader. Lookups of the same token started in the same tick share one statement (Prisma's
 * findUnique batching did the same before, so the root and the page cost one lookup); the map is
 * emptied before the event loop can run any I/O, so no lookup started after another request's
 * write was acknowledged can get an older answer. Not a cache.
 */
const thisTick = new Map<string, Promise<SessionRow | null>>();
function lookupSessionThisTick(tokenHash: string): Promise<SessionRow | null> {
  let pending = thisTick.get(tokenHash);
  if (!pending) {
    if (thisTick.size === 0) process.nextTick(() => thisTick.clear());
    pending = lookupSession(tokenHash);
    thisTick.set(tokenHash, pending);
  }
  return pending;
}

async function loadSessionUser(request: Request): Promise<SessionUser | null> {
  const token = readCookie(request, SESSION_COOKIE);
  if (!token || token.length > 100) return null;
  const row = await lookupSessionThisTick(hashToken(token));
  if (!row || row.expiresAt < new Date() || row.disabled) return null;
  if (Date.now() - row.lastSeenAt.getTime() > 10 * 60_000) {
    const ttl = env().SESSION_TTL_DAYS * 86_400_000;
    await db()
      .session.update({
        where: { id: row.sessionId },
        data: { lastSeenAt: new Date(), expiresAt: new Date(Date.now() + ttl) },
      })
      .catch(() => {});
  }
  return {
    id: row.id,
    sessionId: row.sessionId,
    email: row.email,
    name: row.name,
    role: row.role,
    emailVerified: row.emailVerified,
    labId: row.labId,
    labSlug: row.labSlug,
    labRole: row.labRole,
    profileId: row.profileId,
    unreadNotifications: row.unread,
    timeZone: row.timeZone,
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
