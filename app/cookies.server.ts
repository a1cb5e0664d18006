/**
 * Reading cookies: the one parser of the Cookie header (the session, the CSRF secret, the time
 * zone). Writing cookies stays with their owners (session.server.ts, flash.server.ts, the server).
 */

/** The cookies of a Cookie header as [name, raw value] pairs, in order; parts without `=` are left out. */
export function cookiePairs(header: string | null | undefined): [string, string][] {
  const pairs: [string, string][] = [];
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    pairs.push([part.slice(0, eq).trim(), part.slice(eq + 1).trim()]);
  }
  return pairs;
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
