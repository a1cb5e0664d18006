/**
 * One-time messages after a redirect (post/redirect/get): an action sets a short-lived signed
 * cookie, the next loader reads it and clears it, so the message shows once and a reload or the
 * back button never repeats it (unlike a `?saved=1` URL flag).
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "./env.server";
import { readCookie } from "./session.server";

export const FLASH_COOKIE = "sa_flash";
const MAX_AGE_SECONDS = 120;
const MAX_MESSAGE = 500;

export interface Flash {
  message: string;
  kind: string;
}

function sign(payload: string): string {
  return createHmac("sha256", env().SESSION_SECRET).update(`flash:${payload}`).digest("base64url");
}

function cookie(value: string, maxAge: number): string {
  const secure = env().NODE_ENV === "production" ? "; Secure" : "";
  return `${FLASH_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${secure}`;
}

/** The Set-Cookie header value that makes the next page show `message` once. */
export async function setFlash(_request: Request, message: string, kind: "success" | "error" = "success"): Promise<string> {
  const payload = Buffer.from(JSON.stringify({ message: message.slice(0, MAX_MESSAGE), kind }), "utf8").toString("base64url");
  return cookie(`${payload}.${sign(payload)}`, MAX_AGE_SECONDS);
}

/** Reads (and, through `setCookie`, clears) the pending flash message. */
export async function getFlash(request: Request): Promise<{ flash: Flash | null; setCookie: string | null }> {
  const raw = readCookie(request, FLASH_COOKIE);
  if (!raw) return { flash: null, setCookie: null };
  const clear = cookie("", 0);
  const dot = raw.lastIndexOf(".");
  if (dot < 0) return { flash: null, setCookie: clear };
  const payload = raw.slice(0, dot);
  const given = Buffer.from(raw.slice(dot + 1));
  const expected = Buffer.from(sign(payload));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { flash: null, setCookie: clear };
  try {
    const parsed = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Partial<Flash>;
    if (typeof parsed.message !== "string" || typeof parsed.kind !== "string") return { flash: null, setCookie: clear };
    return { flash: { message: parsed.message, kind: parsed.kind === "error" ? "error" : "success" }, setCookie: clear };
  } catch {
    return { flash: null, setCookie: clear };
  }
}
