/**
 * The anonymous gig-page cache (app/page-cache.server.ts, served by server/index.ts): a hit
 * must look exactly like a fresh render to its requester (own nonce in body and CSP header, own
 * CSRF token), signed-in people never get it, and gig writes invalidate it.
 */
import { describe, expect, it } from "vitest";
import { csrfToken } from "~/csrf.server";
import { changeGigStatus, updateGig } from "~/services/gigs.server";
import { Client, PASSWORD, signUp } from "../setup/http";
import { useTestServer } from "../setup/server";
import { labWithOpenGig } from "./fixtures";

const base = await useTestServer();

const nonceIn = (res: Response) => /'nonce-([^']+)'/.exec(res.headers.get("content-security-policy") ?? "")?.[1];
const bodyNonces = (html: string) => [...html.matchAll(/nonce="([^"]+)"/g)].map((m) => m[1]);

describe("anonymous gig page cache", () => {
  it("serves repeat anonymous views from the cache, each with its own nonce and CSRF token", async () => {
    const { gig } = await labWithOpenGig(base);
    const path = `/gigs/${gig.id}`;
    const a = new Client(base);
    const b = new Client(base);
    const first = await a.get(path);
    const firstHtml = await first.text();
    const second = await b.get(path);
    const secondHtml = await second.text();
    const third = await a.get(path); // a now has a __csrf cookie
    const thirdHtml = await third.text();
    for (const r of [first, second, third]) expect(r.status).toBe(200);
    expect(first.headers.get("x-page-cache")).toBe("MISS");
    expect(second.headers.get("x-page-cache")).toBe("HIT");
    expect(third.headers.get("x-page-cache")).toBe("HIT");

    const nonces = [first, second, third].map(nonceIn);
    expect(new Set(nonces).size).toBe(3);
    for (const [i, html] of [firstHtml, secondHtml, thirdHtml].entries()) {
      const inBody = bodyNonces(html);
      expect(inBody.length).toBeGreaterThan(0);
      expect(new Set(inBody)).toEqual(new Set([nonces[i]])); // every script nonce is this response's
    }
    // same page apart from the per-request values
    const normalise = (html: string, n: string, token: string) => html.split(n).join("NONCE").split(token).join("TOKEN");
    const tokenA = csrfToken(a.cookies.get("__csrf")!);
    const tokenB = csrfToken(b.cookies.get("__csrf")!);
    expect(tokenA).not.toBe(tokenB);
    expect(secondHtml).toContain(tokenB);
    expect(secondHtml).not.toContain(tokenA);
    expect(thirdHtml).toContain(tokenA);
    expect(third.headers.getSetCookie().some((c) => c.startsWith("__csrf="))).toBe(false); // kept its cookie
    expect(normalise(secondHtml, nonces[1]!, tokenB)).toBe(normalise(thirdHtml, nonces[2]!, tokenA));
    expect(normalise(firstHtml, nonces[0]!, tokenA)).toBe(normalise(thirdHtml, nonces[2]!, tokenA));
    // the security headers are the normal ones
    expect(third.headers.get("x-frame-options")).toBe("DENY");
    expect(third.headers.get("content-type")).toMatch(/^text\/html/);

    // the CSRF token on a cached page works for that browser: log in with it
    const email = (await signUp(base)).email;
    const login = await a.post("/login", { email, password: PASSWORD }, { csrf: tokenA });
    expect(login.status).toBe(302);
  });

  it("compresses like the normal path and keeps one body per encoding", async () => {
    const { gig } = await labWithOpenGig(base);
    const path = `/gigs/${gig.id}`;
    await new Client(base).get(path);
    for (const enc of ["gzip", "br", "identity"]) {
      const res = await fetch(new URL(path, base), { headers: { "accept-encoding": enc } });
      expect(res.headers.get("x-page-cache")).toBe("HIT");
      expect(res.headers.get("content-encoding") ?? "identity").toBe(enc);
      expect(res.headers.get("vary")).toMatch(/accept-encoding/i);
      expect(await res.text()).toContain(gig.title); // fetch decodes
    }
  });

  it("never serves the cached page to a signed-in user, or to a request with any other cookie", async () => {
    const { gig } = await labWithOpenGig(base, { title: "Cached for anonymous only" });
    const path = `/gigs/${gig.id}`;
    await new Client(base).get(path);
    expect((await new Client(base).get(path)).headers.get("x-page-cache")).toBe("HIT");

    const pro = await signUp(base, { name: "Signed In Person" });
    const res = await pro.client.get(path);
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(res.headers.get("x-page-cache")).toBeNull();
    expect(html).toContain("Signed In Person");
    expect(html).toContain("Apply to this gig");

    const stale = new Client(base);
    stale.cookies.set("sa_session", "not-a-real-session-token");
    expect((await stale.get(path)).headers.get("x-page-cache")).toBeNull();
    const other = new Client(base);
    other.cookies.set("something", "else");
    expect((await other.get(path)).headers.get("x-page-cache")).toBeNull();
    // query strings and other methods take the normal path too
    expect((await new Client(base).get(`${path}?saved=1`)).headers.get("x-page-cache")).toBeNull();
    expect((await fetch(new URL(path, base), { method: "HEAD" })).headers.get("x-page-cache")).toBeNull();
  });

  it("a browser that reported its time zone gets the page of its zone from the cache, never another zone's", async () => {
    const { gig, ownerUser } = await labWithOpenGig(base, { title: "Zoned page" });
    const path = `/gigs/${gig.id}`;
    const inZone = (zone: string) => {
      const c = new Client(base);
      c.cookies.set("sa_tz", encodeURIComponent(zone));
      return c;
    };
    const firstParis = await inZone("Europe/Paris").get(path);
    const firstParisHtml = await firstParis.text();
    const paris = await inZone("Europe/Paris").get(path);
    const parisHtml = await paris.text();
    const tokyo = await inZone("Asia/Tokyo").get(path);
    const tokyoHtml = await tokyo.text();
    const plain = await new Client(base).get(path);
    expect([firstParis, paris, tokyo, plain].map((r) => r.headers.get("x-page-cache"))).toEqual(["MISS", "HIT", "MISS", "MISS"]);
    // each page shows its own zone, as the normal path would (the footer names it)
    expect(firstParisHtml).toContain("Europe/Paris");
    expect(parisHtml).toContain("Europe/Paris");
    expect(parisHtml).not.toContain("Asia/Tokyo");
    expect(tokyoHtml).toContain("Asia/Tokyo");
    expect(tokyoHtml).not.toContain("Europe/Paris");
    const plainHtml = await plain.text();
    expect(plainHtml).not.toContain("Europe/Paris");
    expect(plainHtml).not.toContain("Asia/Tokyo");
    // the cached Paris page equals the normal path's Paris page apart from per-request values
    const { setPageCacheEnabled } = await import("~/page-cache.server");
    setPageCacheEnabled(false);
    try {
      const normal = await inZone("Europe/Paris").get(path);
      expect(normal.headers.get("x-page-cache")).toBeNull();
      // the same times, written the same way in the same zone, and the same footer
      const times = (html: string) => [...html.matchAll(/<time[^>]*>[^<]*<\/time>/g)].map((m) => m[0]);
      const normalHtml = await normal.text();
      expect(times(parisHtml).length).toBeGreaterThan(0);
      expect(times(parisHtml)).toEqual(times(normalHtml));
      expect(times(parisHtml).join(" ")).toMatch(/\bCES?T\b/); // the absolute times (title) are in Paris time
      expect(parisHtml).toMatch(/Times are shown in (<!-- -->)?Europe\/Paris/);
      expect(normalHtml).toMatch(/Times are shown in (<!-- -->)?Europe\/Paris/);
    } finally {
      setPageCacheEnabled(true);
    }
    // an edit drops every zone's copy
    const edited = await updateGig(gig.id, { title: "Zoned page, edited" }, { id: ownerUser.id, role: "LAB_MEMBER" }, { merge: true });
    expect(edited.ok).toBe(true);
    for (const zone of ["Europe/Paris", "Asia/Tokyo"]) {
      const again = await inZone(zone).get(path);
      expect(again.headers.get("x-page-cache")).toBe("MISS");
      expect(await again.text()).toContain("Zoned page, edited");
    }
  });

  it("drops a gig's page when the gig is edited or closed, and never caches a 404", async () => {
    const { gig, ownerUser } = await labWithOpenGig(base, { title: "Before the edit" });
    const path = `/gigs/${gig.id}`;
    const actor = { id: ownerUser.id, role: "LAB_MEMBER" };
    await new Client(base).get(path);
    const hit = await new Client(base).get(path);
    expect(hit.headers.get("x-page-cache")).toBe("HIT");
    expect(await hit.text()).toContain("Before the edit");

    const edited = await updateGig(gig.id, { title: "After the edit" }, actor, { merge: true });
    expect(edited.ok).toBe(true);
    const after = await new Client(base).get(path);
    expect(after.headers.get("x-page-cache")).toBe("MISS");
    const afterHtml = await after.text();
    expect(afterHtml).toContain("After the edit");
    expect(afterHtml).not.toContain("Before the edit");

    const closed = await changeGigStatus(gig.id, "CLOSED", actor, { reason: "Filled" });
    expect(closed.ok).toBe(true);
    const closedHtml = await (await new Client(base).get(path)).text();
    expect(closedHtml).toContain("This gig is closed");

    const missing = await new Client(base).get("/gigs/no-such-gig");
    expect(missing.status).toBe(404);
    expect(missing.headers.get("x-page-cache")).toBeNull();
    expect((await new Client(base).get("/gigs/no-such-gig")).headers.get("x-page-cache")).toBeNull();
  });
});
