/**
 * Flash messages for post/redirect/get: an action that succeeds redirects and leaves a one-time
 * message in a short-lived signed cookie; the root loader reads it, clears it and shows it at the
 * top of <main>. A reload or "back" therefore neither re-posts the form nor repeats the message.
 *
 *   return redirectWithFlash(request, `/gigs/${id}`, "The gig is now paused.");
 */
import { createCookie, redirect } from "@remix-run/node";
import { env } from "./env.server";

export interface Flash {
  message: string;
  /** A secret shown once with the message (a new API token); never logged, gone after one read. */
  secret?: string;
  /**
   * The item the message is about (an application id, "bulk", "decision"...): the page shows it
   * next to that item, where the person is looking, instead of at the top of <main>.
   */
  about?: string;
}

let cookie: ReturnType<typeof createCookie> | undefined;
function flashCookie() {
  cookie ??= createCookie("sa_flash", {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: env().production,
    secrets: [env().SESSION_SECRET],
    // Long enough to survive the redirect, short enough that a forgotten message never shows up later.
    maxAge: 120,
  });
  return cookie;
}

/** The Set-Cookie header that leaves `message` for the next page the browser loads. */
export async function setFlash(_request: Request, message: string, extra: Omit<Flash, "message"> = {}): Promise<string> {
  return flashCookie().serialize({ message, ...extra } satisfies Flash);
}

/** A 303 redirect (so the browser follows it with GET) carrying a flash message. */
export async function redirectWithFlash(request: Request, to: string, message: string, extra: Omit<Flash, "message"> = {}) {
  return redirect(to, { status: 303, headers: { "Set-Cookie": await setFlash(request, message, extra) } });
}

/** Reads the message (if any) and the Set-Cookie header that clears it: the message is shown once. */
export async function getFlash(request: Request): Promise<{ flash: Flash | null; clear: string | null }> {
  const header = request.headers.get("cookie");
  if (!header?.includes("sa_flash=")) return { flash: null, clear: null };
  const value = (await flashCookie().parse(header)) as unknown;
  const clear = await flashCookie().serialize("", { maxAge: 0 });
  if (!value || typeof value !== "object" || typeof (value as Flash).message !== "string") return { flash: null, clear };
  const { message, secret, about } = value as Flash;
  return { flash: { message, ...(typeof secret === "string" ? { secret } : {}), ...(typeof about === "string" ? { about } : {}) }, clear };
}

/** The page the form was posted from (path and query, without Remix's `index` marker): where to redirect back to. */
export function samePage(request: Request): string {
  const url = new URL(request.url);
  url.searchParams.delete("index");
  url.searchParams.delete("_data");
  const query = url.searchParams.toString();
  return `${url.pathname}${query ? `?${query}` : ""}`;
}
