/**
 * Two app processes against one PostgreSQL and the run's one Meilisearch (the production shape):
 * a gig created, edited and closed through instance A's API is found, changed and gone in
 * instance B's search, and a person who deletes their account through A disappears from talent
 * search on A and on B. Either instance's outbox worker may apply an update (SKIP LOCKED claims);
 * the index they share is what both search. Both run with the production outbox poll interval.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { db } from "~/db.server";
import { createApiToken } from "~/services/labs.server";
import { useFreshDatabase } from "../setup/db";
import { meiliAvailable } from "../setup/engines";
import { type Client, logIn, signUp } from "../setup/http";
import { type ChildServer, freePort, startChildServer } from "./fault-helpers";
import { staff } from "./fixtures";

const available = meiliAvailable("multi-instance-meilisearch");
const url = await useFreshDatabase();

/**
 * Search convergence bound. The target is 2 s on an idle machine (measured values are printed);
 * the bound is wider because this machine is shared and often loaded.
 */
const CONVERGE_MS = 15_000;

/** ms until `check(html)` holds for the page `get` returns. */
async function until(what: string, get: () => Promise<string>, check: (html: string) => boolean): Promise<number> {
  const t0 = Date.now();
  for (;;) {
    const html = await get();
    if (check(html)) return Date.now() - t0;
    if (Date.now() - t0 > CONVERGE_MS) {
      const main = html
        .replace(/[\s\S]*<main/, "<main")
        .replace(/<[^>]+>/g, " ")
        .replace(/\s+/g, " ");
      const results = /(?:\d+ (?:people|person)|Nobody matches)[\s\S]{0,300}/.exec(main)?.[0] ?? main.slice(0, 300);
      throw new Error(`${what} did not converge within ${CONVERGE_MS} ms; last page: ${results}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.skipIf(!available)("two instances, one PostgreSQL, one Meilisearch", () => {
  const servers: ChildServer[] = [];
  let a: ChildServer;
  let b: ChildServer;
  const prefix = `mi_${process.pid}_${Date.now().toString(36)}_`;

  beforeAll(async () => {
    const env = {
      SEARCH_ENGINE: "meilisearch",
      MEILI_HOST: inject("meiliHost"),
      MEILI_API_KEY: inject("meiliKey"),
      MEILI_INDEX_PREFIX: prefix,
      OUTBOX_POLL_MS: "500", // the production default
    };
    const buildDir = inject("buildDir");
    [a, b] = await Promise.all([
      startChildServer({ databaseUrl: url, buildDir, port: await freePort(), appName: "sa-a", env, timeoutMs: 60_000 }),
      startChildServer({ databaseUrl: url, buildDir, port: await freePort(), appName: "sa-b", env, timeoutMs: 60_000 }),
    ]);
    servers.push(a, b);
    for (const s of [a, b]) {
      for (const deadline = Date.now() + 60_000; ; ) {
        const body = await (await fetch(`${s.url}/readyz`)).json();
        if (body.checks.search.ok && body.checks.search.engine === "meilisearch") break;
        if (Date.now() > deadline) throw new Error(`instance not ready: ${JSON.stringify(body)}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  }, 150_000);

  afterAll(async () => {
    for (const s of servers) await s.terminate(10_000);
    const { createMeilisearchEngine } = await import("~/search/meilisearch.server");
    const { INDEXES } = await import("~/search/indexes");
    const e = createMeilisearchEngine({ host: inject("meiliHost"), apiKey: inject("meiliKey"), indexPrefix: prefix });
    for (const def of INDEXES) await e.dropIndex(def.name).catch(() => {});
  });

  async function outboxDrained() {
    for (const deadline = Date.now() + CONVERGE_MS; (await db().outboxEvent.count()) > 0; ) {
      if (Date.now() > deadline) throw new Error("the outbox did not drain");
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** How long Meilisearch itself spent on the latest task of an index (ms): the rest is poll, load and page. */
  async function lastTaskMs(index: string): Promise<number> {
    const res = await fetch(`${inject("meiliHost")}/tasks?indexUids=${prefix}${index}&limit=1`, {
      headers: { Authorization: `Bearer ${inject("meiliKey")}` },
    });
    const task = ((await res.json()) as { results: { enqueuedAt: string; finishedAt: string | null }[] }).results[0];
    return task?.finishedAt ? new Date(task.finishedAt).getTime() - new Date(task.enqueuedAt).getTime() : -1;
  }

  async function searchB(q: string) {
    return (await fetch(`${b.url}/gigs?q=${encodeURIComponent(q)}`)).text();
  }

  it("a gig created, edited and closed through A is found, changed and gone in B's search", async () => {
    const lab = await db().lab.create({ data: { slug: `multi-${Date.now()}`, name: "Multi Lab" } });
    const user = await db().user.create({
      data: {
        email: `owner-${Date.now()}@multi.example`,
        name: "Multi Owner",
        passwordHash: "x",
        role: "LAB_MEMBER",
        emailVerifiedAt: new Date(),
      },
    });
    await db().labMember.create({ data: { labId: lab.id, userId: user.id, role: "OWNER" } });
    const { token } = await createApiToken(lab.id, "multi", {
      id: user.id,
      email: user.email,
      name: user.name,
      role: "LAB_MEMBER",
      emailVerified: true,
      labId: lab.id,
      labRole: "OWNER",
      profileId: null,
    });
    const api = (method: string, path: string, body: unknown) =>
      fetch(`${a.url}${path}`, {
        method,
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });

    const created = await api("POST", "/api/v1/gigs", {
      title: "Rank quokka dialogue",
      taskTypes: ["DIALOGUE_PREFERENCE_RANKING"],
      payAmount: 55,
      payUnit: "HOUR",
      payCurrency: "USD",
      weeklyCapHours: 20,
      // The engagement terms a gig needs before it opens (issue 22).
      hoursPerWeek: 10,
      startDate: "2027-01-04",
      endDate: "2027-06-30",
      noticeDays: 14,
      rateLockDays: 30,
      assessmentMinutes: 0,
      trainingMinutes: 0,
      disclosureTrains: "A dialogue model",
      disclosureCreativeUse: "NO",
      disclosureRetention: "Ratings kept for 2 years",
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const id = ((await created.json()) as { id: string }).id;
    expect((await api("POST", `/api/v1/gigs/${id}/status`, { status: "OPEN" })).status).toBe(200);
    const found = await until(
      "B's gig search",
      () => searchB("quokka"),
      (html) => html.includes("Rank quokka dialogue"),
    );
    const foundTask = await lastTaskMs("gigs");

    expect((await api("PATCH", `/api/v1/gigs/${id}`, { title: "Rank wombat dialogue" })).status).toBe(200);
    const changed = await until(
      "B's gig search",
      () => searchB("wombat"),
      (html) => html.includes("Rank wombat dialogue"),
    );
    const changedTask = await lastTaskMs("gigs");
    expect(await searchB("quokka")).not.toContain("dialogue</");

    expect((await api("POST", `/api/v1/gigs/${id}/status`, { status: "CLOSED" })).status).toBe(200);
    // the page also hides closed gigs by re-reading them from PostgreSQL: the engine's total is what shows the index
    const gone = await until(
      "B's gig search",
      () => searchB("wombat"),
      (html) => !html.includes("Rank wombat dialogue") && /\b0 open gigs\b/.test(html),
    );
    const goneTask = await lastTaskMs("gigs");
    console.info(
      `[multi-instance] B saw the change after: created ${found} ms, edited ${changed} ms, closed ${gone} ms (target 2000 ms; of which the Meilisearch task, enqueued to finished: ${foundTask}, ${changedTask}, ${goneTask} ms)`,
    );
    await outboxDrained();
  }, 120_000);

  it("a person who deletes their account through A disappears from talent search on A and on B", async () => {
    const name = `Zephyrine Quillfeather${Date.now().toString(36)}`;
    const surname = name.split(" ")[1];
    const pro = await signUp(a.url, { name });
    const profile = await db().profile.findFirstOrThrow({ where: { user: { email: pro.email } }, select: { id: true } });
    const coordinator = await staff("COORDINATOR");
    const viewers: [string, Client][] = [
      ["A", await logIn(a.url, coordinator.email)],
      ["B", await logIn(b.url, coordinator.email)],
    ];
    const talent = (c: Client) => async () => {
      const res = await c.get(`/talent?q=${encodeURIComponent(surname)}`);
      expect(res.status).toBe(200);
      return res.text();
    };
    // the total comes from the engine (the page also re-reads the people from PostgreSQL)
    for (const [label, c] of viewers) {
      await until(`talent search on ${label}`, talent(c), (html) => html.includes(name) && /\b1 person\b/.test(html));
    }

    const t0 = Date.now();
    const deleted = await pro.client.post("/me/data", { intent: "delete", confirmEmail: pro.email });
    expect(deleted.status).toBe(302);
    expect(deleted.headers.get("location")).toBe("/me/data/deleted");
    expect(await db().profile.count({ where: { id: profile.id } })).toBe(0);
    const gone: string[] = [];
    for (const [label, c] of viewers) {
      await until(`talent search on ${label}`, talent(c), (html) => !html.includes(name) && /\b0 people\b/.test(html));
      gone.push(`${label} ${Date.now() - t0} ms`);
    }
    console.info(
      `[multi-instance] deleted person gone from talent search after: ${gone.join(", ")} (target 2000 ms; Meilisearch task ${await lastTaskMs("people")} ms)`,
    );
    await outboxDrained();
  }, 120_000);
});
