/**
 * CSRF protection: a random per-browser secret lives in the httpOnly `__csrf` cookie (set by
 * the server for every request that lacks it); every form carries HMAC(secret) in `_csrf`.
 * A cross-site page can neither read the cookie nor compute the HMAC. Requests whose Origin
 * header names another site are refused as well.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "./env.server";

export function csrfToken(secret: string): string {
  return createHmac("sha256", env().SESSION_SECRET).update(`csrf:${secret}`).digest("base64url");
}

export function verifyCsrfToken(secret: string | undefined, token: unknown): boolean {
  if (!secret || typeof token !== "string" || token.length === 0) return false;
  const expected = Buffer.from(csrfToken(secret));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export function sameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (!origin || origin === "null") return origin !== "null";
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
