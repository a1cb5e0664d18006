/**
 * Pure security helpers (issue 17): the redirect-target check, the loopback test behind the
 * development mailbox, and the configuration rules for HOST and APP_URL.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeNext } from "~/domain/schemas";
import { parseEnv } from "~/env.server";
import { isDirectLocalRequest, isLoopbackAddress } from "~/net.server";

describe("safeNext: only a same-origin path, else the fallback", () => {
  const HOME = "/home";

  it.each([
    ["/\t/evil.example", "a tab the browser's URL parser drops, leaving //evil.example"],
    ["/\n/evil.example", "a line feed (dropped the same way)"],
    ["/\r\n/evil.example", "CR LF"],
    ["//evil.example", "protocol-relative"],
    ["/\\evil.example", "a backslash (read as / by browsers)"],
    ["/\\/evil.example", "backslash then slash"],
    ["/.//evil.example", "a dot segment that normalizes to //evil.example"],
    ["/a/..//evil.example", "a parent segment that normalizes to //evil.example"],
    ["https://evil.example/", "an absolute URL"],
    ["javascript:alert(1)", "a javascript: URL"],
    ["  /gigs", "leading spaces"],
    ["gigs", "a relative path"],
    ["", "empty"],
  ])("%j falls back (%s)", (next) => {
    expect(safeNext(next, HOME)).toBe(HOME);
  });

  it("null and undefined fall back", () => {
    expect(safeNext(undefined, HOME)).toBe(HOME);
    expect(safeNext(null, HOME)).toBe(HOME);
    expect(safeNext(undefined)).toBe("/");
  });

  it.each([
    ["/gigs", "/gigs"],
    ["/gigs/abc?tab=apply#top", "/gigs/abc?tab=apply#top"],
    ["/gigs?q=sitcom%20writer", "/gigs?q=sitcom%20writer"],
    // Non-Latin-1 characters and line breaks can never reach the Location header raw.
    ["/gigs?q=日本語", "/gigs?q=%E6%97%A5%E6%9C%AC%E8%AA%9E"],
    ["/gigs?q=a\r\nSet-Cookie: x=1", "/gigs?q=aSet-Cookie:%20x=1"],
    ["/people/é", "/people/%C3%A9"],
  ])("%j is kept as %j", (next, expected) => {
    expect(safeNext(next, HOME)).toBe(expected);
  });

  it("property: the result is the fallback or a same-origin path that is safe in a Location header", () => {
    const pieces = fc.constantFrom(
      "/",
      "\\",
      "\t",
      "\n",
      "\r",
      ".",
      "..",
      "evil.example",
      "gigs",
      ":",
      "//",
      "?",
      "#",
      "%2F",
      "@",
      "é",
      "日",
      " ",
      "javascript:",
    );
    const candidates = fc.oneof(
      fc.string({ unit: "grapheme", maxLength: 40 }),
      fc.array(pieces, { maxLength: 10 }).map((a) => a.join("")),
    );
    fc.assert(
      fc.property(candidates, (next) => {
        const out = safeNext(next, HOME);
        if (out === HOME) return;
        expect(out.startsWith("/")).toBe(true);
        expect(out.startsWith("//")).toBe(false);
        expect(out).toMatch(/^[\x21-\x7e]+$/);
        // Resolved the way a browser resolves a Location header, it stays on the site.
        expect(new URL(out, "https://secondact.example.org").origin).toBe("https://secondact.example.org");
        // And it is stable: checking it again changes nothing.
        expect(safeNext(out, HOME)).toBe(out);
      }),
      { numRuns: 3000 },
    );
  });
});

describe("loopback and direct local requests", () => {
  it.each(["127.0.0.1", "127.0.0.53", "::1", "::ffff:127.0.0.1", "0:0:0:0:0:0:0:1"])("%s is loopback", (a) => {
    expect(isLoopbackAddress(a)).toBe(true);
  });
  it.each(["192.0.2.2", "10.0.0.1", "::ffff:192.0.2.2", "fd00::2", "0.0.0.0", "::", "1127.0.0.1", "127.0.0.1.evil", "", undefined])(
    "%s is not loopback",
    (a) => {
      expect(isLoopbackAddress(a)).toBe(false);
    },
  );
  it("a loopback socket counts as local only without proxy forwarding headers", () => {
    expect(isDirectLocalRequest("127.0.0.1", {})).toBe(true);
    expect(isDirectLocalRequest("127.0.0.1", { "x-forwarded-for": "203.0.113.9" })).toBe(false);
    expect(isDirectLocalRequest("::1", { forwarded: "for=203.0.113.9" })).toBe(false);
    expect(isDirectLocalRequest("127.0.0.1", { "x-real-ip": "203.0.113.9" })).toBe(false);
    expect(isDirectLocalRequest("127.0.0.1", { "x-forwarded-host": "secondact.example.org" })).toBe(false);
    // Headers can only take "local" away: a remote socket claiming to be local is still remote.
    expect(isDirectLocalRequest("192.0.2.2", { "x-forwarded-for": "127.0.0.1" })).toBe(false);
  });
});

describe("configuration: HOST and APP_URL", () => {
  const SECRET = "a-production-session-secret-0123456789";

  it("HOST defaults to loopback", () => {
    expect(parseEnv({}).HOST).toBe("127.0.0.1");
    expect(parseEnv({ HOST: "0.0.0.0" }).HOST).toBe("0.0.0.0");
  });

  it("APP_URL is required in production, with a one-line message naming it", () => {
    expect(() => parseEnv({ NODE_ENV: "production", SESSION_SECRET: SECRET })).toThrow(
      /^Invalid configuration: APP_URL is required in production[^\n]*$/,
    );
    expect(parseEnv({ NODE_ENV: "production", SESSION_SECRET: SECRET, APP_URL: "https://secondact.example.org" }).APP_URL).toBe(
      "https://secondact.example.org",
    );
    expect(parseEnv({}).APP_URL).toBeUndefined();
  });

  it("APP_URL must be an http(s) origin; a trailing slash is dropped", () => {
    expect(parseEnv({ APP_URL: "https://secondact.example.org/" }).APP_URL).toBe("https://secondact.example.org");
    expect(parseEnv({ APP_URL: "http://127.0.0.1:3110" }).APP_URL).toBe("http://127.0.0.1:3110");
    expect(() => parseEnv({ APP_URL: "https://secondact.example.org/app" })).toThrow(/APP_URL must be the site's origin/);
    expect(() => parseEnv({ APP_URL: "ftp://secondact.example.org" })).toThrow(/APP_URL must be an http\(s\) URL/);
    expect(() => parseEnv({ APP_URL: "secondact.example.org" })).toThrow(/APP_URL must be an http\(s\) URL/);
  });
});
