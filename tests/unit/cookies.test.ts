import { describe, expect, it } from "vitest";
import { cookieFromHeader, cookiePairs, cookieParts, readCookie } from "~/cookies.server";

describe("cookie header parsing (app/cookies.server.ts)", () => {
  it("finds a cookie among others, trims spaces and decodes the value", () => {
    const header = "a=1; sa_session=tok%20en ;  __csrf=abc_DEF-123";
    expect(cookieFromHeader(header, "sa_session")).toBe("tok en");
    expect(cookieFromHeader(header, "__csrf")).toBe("abc_DEF-123");
    expect(cookieFromHeader(header, "missing")).toBeUndefined();
  });

  it("keeps '=' inside a value and ignores parts without '='", () => {
    expect(cookieFromHeader("junk; x=a=b==", "x")).toBe("a=b==");
    expect(cookiePairs("junk; x=1;; y=")).toEqual([
      ["x", "1"],
      ["y", ""],
    ]);
  });

  it("answers undefined for a malformed escape or no header at all", () => {
    expect(cookieFromHeader("sa_tz=%E0%A4%A", "sa_tz")).toBeUndefined();
    expect(cookieFromHeader(undefined, "sa_tz")).toBeUndefined();
    expect(readCookie(new Request("http://x/", { headers: { cookie: "sa_tz=Europe%2FBerlin" } }), "sa_tz")).toBe("Europe/Berlin");
    expect(readCookie(new Request("http://x/"), "sa_tz")).toBeUndefined();
  });

  it("reports a part without '=' as null in cookieParts and skips empty parts", () => {
    expect(cookieParts("junk; x=1;; y=")).toEqual([null, ["x", "1"], ["y", ""]]);
    expect(cookieParts(" ; ")).toEqual([]);
    expect(cookieParts(undefined)).toEqual([]);
  });
});
