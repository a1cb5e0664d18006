/**
 * WEB_WORKERS=2 (node:cluster, server/cluster.ts): two web workers share the port, each with
 * its own anonymous page cache and its own embedded search index. A gig edited through one worker
 * must show on the other at once: the page-cache invalidation and the search update are relayed
 * (app/cluster.server.ts). Requests go on fresh connections (`Connection: close`), which the
 * cluster hands to the workers in turn, so consecutive requests reach both.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { db } from "~/db.server";
import type { SessionUser } from "~/session.server";
import { useFreshDatabase } from "../setup/db";
import { type ChildServer, freePort, startChildServer, waitFor } from "./fault-helpers";
import { apiTokenFor, labWithOpenGig, rand } from "./fixtures";

const url = await useFreshDatabase();
let child: ChildServer;
let base: string;

beforeAll(async () => {
  child = await startChildServer({
    databaseUrl: url,
    buildDir: inject("buildDir"),
    port: await freePort(),
    appName: "sa-workers",
    env: { WEB_WORKERS: "2" },
    timeoutMs: 120_000,
  });
  base = child.url;
}, 150_000);
afterAll(async () => {
  const r = await child?.terminate(30_000);
  expect(r).not.toBe("timeout");
  if (r !== "timeout") expect(r?.code).toBe(0); // every worker drained and stopped
});

const fresh = async (path: string) => {
  const res = await fetch(new URL(path, base), { headers: { connection: "close" } });
  return { cache: res.headers.get("x-page-cache"), html: await res.text(), status: res.status };
};

describe("two web workers", () => {
  it("serves from both, and a gig edit through one shows on the other's cached page and search at once", async () => {
    expect(child.stdout()).toMatch(/serving on http:\/\/\S+ \(2 web workers\)/);
    const word = `Quokkaparade${rand()}`;
    const { gig, ownerUser } = await labWithOpenGig(base, { title: "Relay check before the edit" });
    await db().user.update({ where: { id: ownerUser.id }, data: { emailVerifiedAt: new Date() } });
    const actor: SessionUser = {
      id: ownerUser.id,
      sessionId: "test",
      email: ownerUser.email,
      name: ownerUser.name,
      role: "LAB_MEMBER",
      emailVerified: true,
      labId: ownerUser.labMember!.labId,
      labSlug: null,
      labRole: "OWNER",
      profileId: null,
      unreadNotifications: 0,
    };
    const { token } = await apiTokenFor(ownerUser.labMember!.labId, "relay test", actor);
    const path = `/gigs/${gig.id}`;

    // Both caches warm: each worker renders the page once (MISS), then serves it (HIT).
    const warm = [];
    for (let i = 0; i < 6; i++) warm.push(await fresh(path));
    expect(warm.every((r) => r.status === 200 && r.html.includes("Relay check before the edit"))).toBe(true);
    expect(warm.filter((r) => r.cache === "MISS").length).toBeGreaterThanOrEqual(2); // two caches, not one
    expect(warm.slice(2).some((r) => r.cache === "HIT")).toBe(true);

    const patched = await fetch(new URL(`/api/v1/gigs/${gig.id}`, base), {
      method: "PATCH",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json", connection: "close" },
      body: JSON.stringify({ title: `Relay check ${word}` }),
    });
    expect(patched.status).toBe(200);

    // Within the cache's 2 s lifetime: no worker may still serve the old page.
    for (let i = 0; i < 4; i++) {
      const r = await fresh(path);
      expect(r.html).toContain(`Relay check ${word}`);
      expect(r.html).not.toContain("Relay check before the edit");
    }

    // Search: once one worker drained the outbox, both workers' indexes have the new title.
    await waitFor(
      "both workers' search to find the new title",
      async () => {
        const results = [await fresh(`/gigs?q=${word}`), await fresh(`/gigs?q=${word}`)];
        return results.every((r) => r.status === 200 && r.html.includes(path));
      },
      20_000,
      200,
    );
    // ...and keep finding it (not one lucky pair of requests).
    for (let i = 0; i < 4; i++) expect((await fresh(`/gigs?q=${word}`)).html).toContain(path);
  }, 120_000);
});
