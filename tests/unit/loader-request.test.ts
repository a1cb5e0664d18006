/**
 * The request a loader or action gets (patch to @remix-run/server-runtime's data.js, docs/perf/data.md
 * round 8): Remix strips its own search parameters ("index" without a value, "_routes", "_data") by
 * copying the request. When there is nothing to strip the loader now gets the request itself; the
 * URL it sees must be exactly what the copy had (the query re-serialized, e.g. "%20" -> "+"), and
 * its body, headers and signal must behave as before.
 *
 * Loaded with require(), as the production server loads the package (CommonJS `main`).
 */
import { createRequire } from "node:module";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const { callRouteLoader, callRouteAction } = require("@remix-run/server-runtime/dist/data.js") as {
  callRouteLoader: (o: Record<string, unknown>) => Promise<unknown>;
  callRouteAction: (o: Record<string, unknown>) => Promise<unknown>;
};

/** The URL the loader saw, and whether it was the very request passed in. */
async function seen(url: string, singleFetch = true) {
  const request = new Request(url, { headers: { cookie: "a=b" } });
  let got: Request | undefined;
  await callRouteLoader({
    loader: async ({ request: r }: { request: Request }) => {
      got = r;
      return null;
    },
    request,
    params: {},
    loadContext: {},
    routeId: "routes/x",
    singleFetch,
  });
  if (!got) throw new Error("the loader was not called");
  return { url: got.url, same: got === request, cookie: got.headers.get("cookie") };
}

/** What Remix 2.17.5 gave before the patch: strip, re-serialize, always a copy. */
function strippedBefore(url: string, singleFetch = true): string {
  const u = new URL(url);
  const keep = u.searchParams.getAll("index").filter(Boolean);
  u.searchParams.delete("index");
  for (const v of keep) u.searchParams.append("index", v);
  const v = new URL(u.href);
  v.searchParams.delete(singleFetch ? "_routes" : "_data");
  return v.href;
}

describe("the request a loader gets", () => {
  it("is the request itself when there is nothing to strip", async () => {
    expect(await seen("http://localhost/gigs/gig_1")).toEqual({ url: "http://localhost/gigs/gig_1", same: true, cookie: "a=b" });
    expect(await seen("http://localhost/gigs?q=dialogue&page=2")).toMatchObject({ same: true });
    expect(await seen("http://localhost/gigs?q=dialogue", false)).toMatchObject({ same: true });
  });

  it("still has Remix's own parameters taken out", async () => {
    expect(await seen("http://localhost/gigs?index&q=a")).toMatchObject({ url: "http://localhost/gigs?q=a", same: false });
    expect(await seen("http://localhost/gigs?index=keep")).toMatchObject({ url: "http://localhost/gigs?index=keep", same: true });
    expect(await seen("http://localhost/gigs.data?_routes=routes%2Fx&q=a")).toMatchObject({
      url: "http://localhost/gigs.data?q=a",
      same: false,
    });
    expect(await seen("http://localhost/gigs?_data=routes%2Fx&q=a", false)).toMatchObject({
      url: "http://localhost/gigs?q=a",
      same: false,
    });
  });

  it("sees the query re-serialized, as before, when that changes it", async () => {
    expect(await seen("http://localhost/gigs?q=dialogue%20ranking")).toMatchObject({
      url: "http://localhost/gigs?q=dialogue+ranking",
      same: false,
    });
  });

  it("gives every URL exactly what the copy had before the patch", async () => {
    const part = fc.constantFrom("q", "index", "_routes", "_data", "page", "a b", "%20", "é", "=", "&", "+", "");
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(part, part), { maxLength: 5 }), fc.boolean(), fc.boolean(), async (pairs, raw, single) => {
        const query = pairs.map(([k, v]) => (raw ? `${k}=${v}` : `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)).join("&");
        let url: string;
        try {
          url = new Request(`http://localhost/gigs${query ? `?${query}` : ""}`).url;
        } catch {
          return; // not a URL a request can have
        }
        const got = await seen(url, single);
        expect(got.url).toBe(strippedBefore(url, single));
        expect(got.cookie).toBe("a=b");
      }),
      { numRuns: 400 },
    );
  });

  it("lets an action read the body and follows the request's signal", async () => {
    const controller = new AbortController();
    const request = new Request("http://localhost/gigs/gig_1", { method: "POST", body: "intent=apply&note=hi", signal: controller.signal });
    const out = (await callRouteAction({
      action: async ({ request: r }: { request: Request }) => {
        const body = await r.text();
        controller.abort();
        return { body, aborted: r.signal.aborted };
      },
      request,
      params: {},
      loadContext: {},
      routeId: "routes/x",
      singleFetch: true,
    })) as { body: string; aborted: boolean };
    expect(out).toEqual({ body: "intent=apply&note=hi", aborted: true });
  });
});
