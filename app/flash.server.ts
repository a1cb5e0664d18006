/**
 * One-time messages after a redirect (post/redirect/get): the action sets a short-lived signed
 * cookie, the next page's loader reads it once and clears it, so a reload neither re-posts nor
 * repeats the message. `about` names the item the message is about (e.g. an application id), so
 * the page can show it next to that item instead of at the top.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { redirect } from "@remix-run/node";
import { env } from "./env.server";
import { readCookie } from "./session.server";

const NAME = "__flash";

export interface Flash {
  message: string;
  about?: string;
}

function sign(payload: string) {
  return createHmac("sha256", env().SESSION_SECRET).update(`flash:${payload}`).digest("base64url");
}

function cookie(value: string, maxAge: number) {
  const secure = env().NODE_ENV === "production" ? "; Secure" : "";
  return `${NAME}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${secure}`;
}

/** The Set-Cookie header that carries `flash` to the next page. */
export function flashCookie(flash: Flash): string {
  const payload = Buffer.from(JSON.stringify({ m: flash.message.slice(0, 500), a: flash.about?.slice(0, 100) })).toString("base64url");
  return cookie(`${payload}.${sign(payload)}`, 60);
}

/** A redirect that shows `flash` once on the page it lands on. */
export function redirectWithFlash(location: string, flash: Flash): Response {
  return redirect(location, { headers: { "Set-Cookie": flashCookie(flash) } });
}

/** Reads the pending message (if any) and the header that clears it. */
export function readFlash(request: Request): { flash: Flash | null; headers: HeadersInit } {
  const raw = readCookie(request, NAME);
  if (!raw) return { flash: null, headers: {} };
  const clear = { "Set-Cookie": cookie("", 0) };
  const [payload, mac] = raw.split(".");
  if (!payload || !mac) return { flash: null, headers: clear };
  const expected = Buffer.from(sign(payload));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { flash: null, headers: clear };
  try {
    const o = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { m?: unknown; a?: unknown };
    if (typeof o.m !== "string") return { flash: null, headers: clear };
    return { flash: { message: o.m, about: typeof o.a === "string" ? o.a : undefined }, headers: clear };
  } catch {
    return { flash: null, headers: clear };
  }
}

/** A same-site path to return to (from a form's `returnTo`), or null: never another origin. */
export function safeReturnTo(value: unknown): string | null {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.includes("\\")) return null;
  if (value.length > 500 || [...value].some((ch) => ch.charCodeAt(0) < 32)) return null;
  return value;
}
