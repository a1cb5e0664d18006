/**
 * Reading cookies: the one parser of the Cookie header (the session, the CSRF secret, the time
 * zone). Writing cookies stays with their owners (session.server.ts, flash.server.ts, the server).
 */

/**
 * Every non-empty part of a Cookie header, in order: a [name, raw value] pair, or null for a part
 * without `=` (something no cookie reader can use). Callers that must treat such a part as "unknown
 * cookie present" (the page cache) read the nulls; everyone else uses cookiePairs().
 */
export function cookieParts(header: string | null | undefined): ([string, string] | null)[] {
  const parts: ([string, string] | null)[] = [];
  for (const part of (header ?? "").split(";")) {
    if (part.trim() === "") continue;
    const eq = part.indexOf("=");
    parts.push(eq < 0 ? null : [part.slice(0, eq).trim(), part.slice(eq + 1).trim()]);
  }
  return parts;
}

/** The cookies of a Cookie header as [name, raw value] pairs, in order; parts without `=` are left out. */
export function cookiePairs(header: string | null | undefined): [string, string][] {
  return cookieParts(header).filter((pair): pair is [string, string] => pair !== null);
}

/** The value of cookie `name` in a Cookie header (URI-decoded), or undefined when it is absent or malformed. */
export function cookieFromHeader(header: string | null | undefined, name: string): string | undefined {
  for (const [key, value] of cookiePairs(header)) {
    if (key !== name) continue;
    try {
      return decodeURIComponent(value);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** The value of cookie `name` on a Fetch request. */
export function readCookie(request: Request, name: string): string | undefined {
  return cookieFromHeader(request.headers.get("cookie"), name);
}
