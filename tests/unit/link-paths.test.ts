/**
 * Links' paths (patch to @remix-run/router, docs/perf/data.md round 8): an absolute path without
 * "." or ".." segments resolves to itself without being split and joined, and `resolveTo`'s checks
 * of an object `to` build their messages only when they fail. Both must give exactly what the
 * unpatched code gave; the reference below is a copy of @remix-run/router 1.23.3's own logic.
 *
 * Loaded with require(), as the production server loads it (CommonJS `main`).
 */
import { createRequire } from "node:module";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const { resolvePath, resolveTo } = require("@remix-run/router") as typeof import("@remix-run/router") & {
  resolveTo: (to: unknown, routePathnames: string[], locationPathname: string, isPathRelative?: boolean) => { pathname: string };
};

/** @remix-run/router 1.23.3's resolvePathname, unpatched. */
function referencePathname(relativePath: string, fromPathname: string): string {
  const segments = fromPathname.replace(/\/+$/, "").split("/");
  for (const segment of relativePath.split("/")) {
    if (segment === "..") {
      if (segments.length > 1) segments.pop();
    } else if (segment !== ".") {
      segments.push(segment);
    }
  }
  return segments.length > 1 ? segments.join("/") : "/";
}

/** resolvePath's pathname for a string without "?" or "#", unpatched. */
function referenceResolve(to: string, from: string): string {
  if (!to) return from;
  if (/^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(to)) return to; // an absolute URL ("//host/...") is kept
  const path = to.includes("//") ? to.replace(/\/\/+/g, "/") : to;
  return path.startsWith("/") ? referencePathname(path.substring(1), "/") : referencePathname(path, from);
}

describe("link paths", () => {
  it("resolves the app's kinds of links as before", () => {
    for (const [to, from, want] of [
      ["/gigs/gig_000001", "/me", "/gigs/gig_000001"],
      ["/", "/gigs", "/"],
      ["/gigs/", "/", "/gigs/"],
      ["/a/../b", "/", "/b"],
      ["/a/./b", "/x", "/a/b"],
      ["..", "/a/b", "/a"],
      ["x/./y", "/a/b", "/a/b/x/y"],
    ] as const) {
      expect(resolvePath(to, from).pathname).toBe(want);
      expect(referenceResolve(to, from)).toBe(want);
    }
  });

  it("gives what the unpatched code gave, for any path", () => {
    const segment = fc.constantFrom("a", "gig_1", ".", "..", "", "...", ".a", "a.");
    const path = fc.array(segment, { maxLength: 6 }).map((s) => s.join("/"));
    const lead = fc.constantFrom("", "/", "//");
    const from = fc.constantFrom("/", "/a", "/a/b", "/a/", "/a/b//");
    fc.assert(
      fc.property(lead, path, from, (l, p, f) => {
        const to = l + p;
        expect(resolvePath(to, f).pathname).toBe(referenceResolve(to, f));
      }),
      { numRuns: 2000 },
    );
  });

  it("still refuses '?' and '#' in the wrong field of an object `to`, with the same message", () => {
    expect(() => resolveTo({ pathname: "/a?b=1" }, ["/"], "/")).toThrow(
      `Cannot include a '?' character in a manually specified \`to.pathname\` field [{"pathname":"/a?b=1"}].`,
    );
    expect(() => resolveTo({ pathname: "/a#h" }, ["/"], "/")).toThrow(
      "Cannot include a '#' character in a manually specified `to.pathname` field",
    );
    expect(() => resolveTo({ pathname: "/a", search: "?q#h" }, ["/"], "/")).toThrow(
      "Cannot include a '#' character in a manually specified `to.search` field",
    );
    expect(resolveTo({ pathname: "/a", search: "?q=1", hash: "#h" }, ["/"], "/")).toEqual({ pathname: "/a", search: "?q=1", hash: "#h" });
  });
});
