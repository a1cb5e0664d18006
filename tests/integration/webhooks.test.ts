/**
 * Lab webhooks end to end (issue 24) with a REAL receiving HTTP server on 127.0.0.1: events are
 * written in the transactions that make the changes, delivered signed (checked with the README's
 * recipe), retried after 500s and timeouts with back-off, in order per application, once under
 * concurrent workers, disabled after repeated failure (owners notified and emailed), replayed with
 * the same event id; a board move arrives within seconds with the worker running; production refuses
 * private addresses; another lab gets 404 in the UI and the API.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { transitionApplication } from "~/services/applications.server";
import { changeGigStatus } from "~/services/gigs.server";
import { sendMessage } from "~/services/messages.server";
import { createEndpoint, deliverWebhooks, replayDelivery, sendWebhook, startWebhookDeliveries } from "~/services/webhooks.server";
import type { WebhookEventType } from "~/domain/webhooks";
import type { SessionUser } from "~/session.server";
import { logIn, signUp } from "../setup/http";
import { useTestServer } from "../setup/server";
import { apiTokenFor, labWithOpenGig, rand } from "./fixtures";

const base = await useTestServer();

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies are read loosely in assertions
type Json = Record<string, any>;

// ------------------------------------------------------------------ the README's verification recipe

function verifyWebhook(
  secret: string,
  headers: http.IncomingHttpHeaders,
  rawBody: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): boolean {
  const timestamp = Number(headers["webhook-timestamp"]);
  if (!Number.isInteger(timestamp) || Math.abs(nowSeconds - timestamp) > 300) return false;
  const expected = createHmac("sha256", secret).update(`${timestamp}.${rawBody}`).digest();
  const given = /^v1=([0-9a-f]{64})$/.exec(String(headers["webhook-signature"] ?? ""))?.[1];
  return given !== undefined && timingSafeEqual(expected, Buffer.from(given, "hex"));
}

// ------------------------------------------------------------------ a real receiver

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
  json: Json;
  at: number;
}

/** `answer(n, json)` decides per request: a status, or "hang" (never answers). */
async function receiver(answer: (n: number, json: Json) => number | "hang" = () => 200) {
  const received: Received[] = [];
  const hanging: http.ServerResponse[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const json = JSON.parse(body) as Json;
      received.push({ headers: req.headers, body, json, at: Date.now() });
      const a = answer(received.length, json);
      if (a === "hang") {
        hanging.push(res);
        return;
      }
      res.writeHead(a, { "content-type": "text/plain" }).end(a >= 400 ? "receiver says no" : "ok");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  const close = () => {
    for (const r of hanging) r.destroy();
    server.closeAllConnections();
    return new Promise<void>((r) => server.close(() => r()));
  };
  closers.push(close);
  return { url, received, close };
}
const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  await Promise.all(closers.map((c) => c()));
});

// ------------------------------------------------------------------ fixtures

const ALL: WebhookEventType[] = [
  "application.created",
  "application.stage_changed",
  "gig.status_changed",
  "message.created",
  "work_entry.recorded",
];

async function labWithEndpoint(url: string, events: WebhookEventType[] = ALL) {
  const lab = await labWithOpenGig(base, { title: `Webhook gig ${rand()}` });
  const actor = { id: lab.ownerUser.id, role: "LAB_MEMBER" as const, labId: lab.labId, profileId: null };
  const created = await createEndpoint(lab.labId, { url, description: "test receiver", events }, actor, { production: false });
  if (!created.ok) throw new Error(created.message);
  return { ...lab, actor, endpoint: created.endpoint, secret: created.secret };
}

async function apply(gigId: string) {
  const pro = await signUp(base);
  const res = await pro.client.post(`/gigs/${gigId}`, { intent: "apply", note: "Twenty years of sitcom rooms." });
  expect(res.status).toBe(303);
  const appId = res.headers.get("location")!.split("/").pop()!;
  return { pro, appId };
}

const deliveriesOf = (endpointId: string) => db().webhookDelivery.findMany({ where: { endpointId }, orderBy: { seq: "asc" } });
const later = (minutes: number) => new Date(Date.now() + minutes * 60_000);

/** Runs the worker until nothing is due at `now` (each pass sends the first pending delivery per application). */
async function drain(now?: Date, opts: Parameters<typeof deliverWebhooks>[0] = {}) {
  for (let i = 0; i < 20; i++) {
    const r = await deliverWebhooks({ ...opts, now: now ?? new Date() });
    if (r.attempted === 0) return;
  }
}

// ------------------------------------------------------------------ tests

describe("delivery", () => {
  it("sends application events signed (the README recipe verifies them), with ids and stage names only", async () => {
    const rx = await receiver();
    const lab = await labWithEndpoint(rx.url);
    const { pro, appId } = await apply(lab.gig.id);
    expect((await transitionApplication(appId, "SHORTLISTED", lab.actor)).ok).toBe(true);
    await drain();
    expect(rx.received.map((r) => r.json.type)).toEqual(["application.created", "application.stage_changed"]);
    for (const r of rx.received) {
      expect(verifyWebhook(lab.secret, r.headers, r.body), r.body).toBe(true);
      // A changed body, another secret or an old timestamp is refused by the same recipe.
      expect(verifyWebhook(lab.secret, r.headers, r.body.replace("SHORTLISTED", "ACTIVE").replace("APPLIED", "ACTIVE"))).toBe(false);
      expect(verifyWebhook(`${lab.secret}x`, r.headers, r.body)).toBe(false);
      expect(verifyWebhook(lab.secret, r.headers, r.body, Number(r.headers["webhook-timestamp"]) + 301)).toBe(false);
      expect(r.headers["webhook-id"]).toBe(r.json.id);
      expect(r.headers["content-type"]).toBe("application/json");
      expect(r.json.labId).toBe(lab.labId);
    }
    expect(rx.received[0].json.data).toEqual({ applicationId: appId, gigId: lab.gig.id, origin: "APPLIED", stage: "APPLIED" });
    expect(rx.received[1].json.data).toEqual({ applicationId: appId, gigId: lab.gig.id, fromStage: "APPLIED", toStage: "SHORTLISTED" });
    // Nothing private about the professional travels.
    const all = rx.received.map((r) => r.body).join("\n");
    expect(all).not.toContain(pro.email);
    expect(all).not.toContain("Twenty years");
    const rows = await deliveriesOf(lab.endpoint.id);
    expect(rows.map((d) => [d.status, d.attempts, d.responseStatus])).toEqual([
      ["SUCCEEDED", 1, 200],
      ["SUCCEEDED", 1, 200],
    ]);
  });

  it("a message on an application is announced as message.created with ids and the author's role, never its text", async () => {
    const rx = await receiver();
    const lab = await labWithEndpoint(rx.url, ["message.created"]);
    const { pro, appId } = await apply(lab.gig.id);
    const proUser = await db().user.findUniqueOrThrow({
      where: { email: pro.email },
      select: { id: true, profile: { select: { id: true } } },
    });
    const viewer = { id: proUser.id, role: "PROFESSIONAL", profileId: proUser.profile?.id ?? null, labId: null };
    const sent = await sendMessage(appId, "Happy to start on Monday, see https://example.org/reel", viewer);
    expect(sent.ok).toBe(true);
    const messageId = sent.ok ? sent.messageId : "";
    await drain();
    expect(rx.received.map((r) => [r.json.type, r.json.data])).toEqual([
      ["message.created", { messageId, applicationId: appId, gigId: lab.gig.id, authorRole: "PROFESSIONAL" }],
    ]);
    expect(verifyWebhook(lab.secret, rx.received[0].headers, rx.received[0].body)).toBe(true);
    expect(rx.received[0].body).not.toContain("Monday");
    expect(rx.received[0].body).not.toContain(pro.email);
  });

  it("only the gig's own lab's endpoints get its events, and only the subscribed event types", async () => {
    const rxA = await receiver();
    const rxB = await receiver();
    const a = await labWithEndpoint(rxA.url, ["gig.status_changed"]);
    const b = await labWithEndpoint(rxB.url);
    await apply(a.gig.id); // application.created: A did not subscribe, B is another lab
    expect((await changeGigStatus(a.gig.id, "PAUSED", a.actor)).ok).toBe(true);
    await drain();
    expect(rxA.received.map((r) => [r.json.type, r.json.data])).toEqual([
      ["gig.status_changed", { gigId: a.gig.id, fromStatus: "OPEN", toStatus: "PAUSED" }],
    ]);
    expect(rxB.received).toEqual([]);
    expect(await db().webhookDelivery.count({ where: { endpointId: b.endpoint.id } })).toBe(0);
  });

  it("retries after a 500 and after a timeout, with growing back-off, then succeeds", async () => {
    const rx = await receiver((n) => (n === 1 ? 500 : n === 2 ? "hang" : 200));
    const lab = await labWithEndpoint(rx.url);
    await apply(lab.gig.id);
    const policy = { baseDelayMs: 60_000, maxDelayMs: 3600_000 };
    const t0 = new Date();
    let run = await deliverWebhooks({ now: t0, policy, timeoutMs: 400 });
    expect(run).toMatchObject({ attempted: 1, failed: 1 });
    let [d] = await deliveriesOf(lab.endpoint.id);
    expect(d).toMatchObject({ status: "PENDING", attempts: 1, responseStatus: 500 });
    expect(d.lastError).toContain("HTTP 500");
    const firstDelay = d.nextAttemptAt.getTime() - t0.getTime();
    expect(firstDelay).toBeGreaterThanOrEqual(48_000);
    expect(firstDelay).toBeLessThanOrEqual(72_000);
    // Not due yet: nothing is sent.
    expect(await deliverWebhooks({ now: new Date(t0.getTime() + 30_000), policy, timeoutMs: 400 })).toMatchObject({ attempted: 0 });
    const t1 = new Date(t0.getTime() + 80_000);
    const started = Date.now();
    run = await deliverWebhooks({ now: t1, policy, timeoutMs: 400 });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(run).toMatchObject({ attempted: 1, failed: 1 });
    [d] = await deliveriesOf(lab.endpoint.id);
    expect(d).toMatchObject({ status: "PENDING", attempts: 2, responseStatus: null });
    expect(d.lastError).toMatch(/Timed out after 400 ms/);
    const secondDelay = d.nextAttemptAt.getTime() - t1.getTime();
    expect(secondDelay).toBeGreaterThanOrEqual(96_000);
    expect(secondDelay).toBeLessThanOrEqual(144_000);
    run = await deliverWebhooks({ now: new Date(t1.getTime() + 200_000), policy, timeoutMs: 400 });
    expect(run).toMatchObject({ attempted: 1, succeeded: 1 });
    [d] = await deliveriesOf(lab.endpoint.id);
    expect(d).toMatchObject({ status: "SUCCEEDED", attempts: 3, responseStatus: 200, lastError: null });
    // Three requests, one event id, each correctly signed.
    expect(rx.received).toHaveLength(3);
    expect(new Set(rx.received.map((r) => r.headers["webhook-id"])).size).toBe(1);
    for (const r of rx.received) expect(verifyWebhook(lab.secret, r.headers, r.body)).toBe(true);
    expect((await db().webhookEndpoint.findUniqueOrThrow({ where: { id: lab.endpoint.id } })).consecutiveFailures).toBe(0);
  });

  it("keeps the order per application while an earlier event is retried; other applications are not held up", async () => {
    let failX = true;
    let appX = "";
    const rx = await receiver((_n, json) => (json.data.applicationId === appX && failX ? 503 : 200));
    const lab = await labWithEndpoint(rx.url);
    appX = (await apply(lab.gig.id)).appId;
    expect((await transitionApplication(appX, "SHORTLISTED", lab.actor)).ok).toBe(true);
    expect((await transitionApplication(appX, "OFFERED", lab.actor)).ok).toBe(true);
    const appY = (await apply(lab.gig.id)).appId;
    await drain();
    // X's first event failed; X's later events were not sent; Y's went through.
    expect(rx.received.filter((r) => r.json.data.applicationId === appX).map((r) => r.json.type)).toEqual(["application.created"]);
    expect(rx.received.filter((r) => r.json.data.applicationId === appY).map((r) => r.json.type)).toEqual(["application.created"]);
    failX = false;
    await drain(later(60));
    const xs = rx.received
      .filter((r) => r.json.data.applicationId === appX)
      .map((r) => `${r.json.type}:${r.json.data.toStage ?? r.json.data.stage}`);
    expect(xs).toEqual([
      "application.created:APPLIED",
      "application.created:APPLIED",
      "application.stage_changed:SHORTLISTED",
      "application.stage_changed:OFFERED",
    ]);
  });

  it("an abandoned delivery (last attempt failed) releases the ones behind it", async () => {
    let appX = "";
    const rx = await receiver((_n, json) => (json.type === "application.created" ? 500 : 200));
    const lab = await labWithEndpoint(rx.url);
    appX = (await apply(lab.gig.id)).appId;
    expect((await transitionApplication(appX, "SHORTLISTED", lab.actor)).ok).toBe(true);
    const policy = { maxAttempts: 2, baseDelayMs: 1000 };
    await drain(new Date(), { policy });
    await drain(later(10), { policy });
    const rows = await deliveriesOf(lab.endpoint.id);
    expect(rows.map((d) => [d.eventType, d.status, d.attempts])).toEqual([
      ["application.created", "FAILED", 2],
      ["application.stage_changed", "SUCCEEDED", 1],
    ]);
  });

  it("several concurrent workers deliver each event exactly once, in order per application", async () => {
    const rx = await receiver();
    const lab = await labWithEndpoint(rx.url);
    const apps: string[] = [];
    for (let i = 0; i < 4; i++) apps.push((await apply(lab.gig.id)).appId);
    for (const id of apps) {
      expect((await transitionApplication(id, "SHORTLISTED", lab.actor)).ok).toBe(true);
      expect((await transitionApplication(id, "OFFERED", lab.actor)).ok).toBe(true);
    }
    const expected = await db().webhookDelivery.count({ where: { endpointId: lab.endpoint.id } });
    expect(expected).toBe(12);
    for (let round = 0; round < 10; round++) {
      const runs = await Promise.all([0, 1, 2, 3].map(() => deliverWebhooks({ batchSize: 3 })));
      if (runs.every((r) => r.attempted === 0)) break;
    }
    expect(rx.received).toHaveLength(12);
    expect(new Set(rx.received.map((r) => r.headers["webhook-id"])).size).toBe(12);
    for (const id of apps) {
      expect(rx.received.filter((r) => r.json.data.applicationId === id).map((r) => r.json.data.toStage ?? r.json.data.stage)).toEqual([
        "APPLIED",
        "SHORTLISTED",
        "OFFERED",
      ]);
    }
  });

  it("disables an endpoint that keeps failing, tells the lab's owners (with email), and queues nothing more for it", async () => {
    const rx = await receiver(() => 500);
    const lab = await labWithEndpoint(rx.url);
    const { appId } = await apply(lab.gig.id);
    const policy = { disableAfterFailures: 3, disableAfterMs: 10 * 60_000, baseDelayMs: 1000, maxAttempts: 100 };
    const t0 = Date.now();
    // Three failures within two minutes: not yet (the span is too short).
    for (let i = 0; i < 3; i++) await deliverWebhooks({ now: new Date(t0 + i * 60_000), policy });
    let e = await db().webhookEndpoint.findUniqueOrThrow({ where: { id: lab.endpoint.id } });
    expect(e).toMatchObject({ enabled: true, consecutiveFailures: 3 });
    // The fourth, eleven minutes after the first failure: disabled.
    const run = await deliverWebhooks({ now: new Date(t0 + 11 * 60_000), policy });
    expect(run).toMatchObject({ attempted: 1, failed: 1, disabled: 1 });
    e = await db().webhookEndpoint.findUniqueOrThrow({ where: { id: lab.endpoint.id } });
    expect(e.enabled).toBe(false);
    expect(e.disabledReason).toMatch(/4 failed deliveries in a row/);
    const notes = await db().notification.findMany({ where: { userId: lab.ownerUser.id, kind: "webhook.disabled" } });
    expect(notes).toHaveLength(1);
    expect(notes[0].link).toMatch(/\/webhooks$/);
    expect(await db().mailMessage.count({ where: { to: lab.ownerUser.email, kind: "webhook.disabled" } })).toBe(1);
    // Not called any more, and new events are not queued for it.
    expect(await deliverWebhooks({ now: new Date(t0 + 60 * 60_000), policy })).toMatchObject({ attempted: 0 });
    expect((await transitionApplication(appId, "SHORTLISTED", lab.actor)).ok).toBe(true);
    expect(await db().webhookDelivery.count({ where: { endpointId: lab.endpoint.id } })).toBe(1);
    expect(rx.received).toHaveLength(4);
  });

  it("replays a delivery as a new attempt with the same event id and a fresh signature", async () => {
    const rx = await receiver();
    const lab = await labWithEndpoint(rx.url);
    await apply(lab.gig.id);
    await drain();
    const [first] = await deliveriesOf(lab.endpoint.id);
    expect(first.status).toBe("SUCCEEDED");
    const replayed = await replayDelivery(lab.labId, first.id, lab.actor);
    expect(replayed.ok).toBe(true);
    await drain();
    expect(rx.received).toHaveLength(2);
    expect(rx.received[1].headers["webhook-id"]).toBe(rx.received[0].headers["webhook-id"]);
    expect(rx.received[1].body).toBe(rx.received[0].body);
    expect(verifyWebhook(lab.secret, rx.received[1].headers, rx.received[1].body)).toBe(true);
    const rows = await deliveriesOf(lab.endpoint.id);
    expect(rows.map((d) => [d.replayOf, d.status])).toEqual([
      [null, "SUCCEEDED"],
      [first.id, "SUCCEEDED"],
    ]);
    // Another lab cannot replay it.
    const other = await labWithOpenGig(base);
    expect(await replayDelivery(other.labId, first.id, { id: other.ownerUser.id, role: "LAB_MEMBER" })).toMatchObject({
      ok: false,
      status: 404,
    });
  });

  it("a board move reaches the receiver, correctly signed, within seconds while the worker runs", async () => {
    const rx = await receiver();
    const lab = await labWithEndpoint(rx.url, ["application.stage_changed"]);
    const { appId } = await apply(lab.gig.id);
    const worker = startWebhookDeliveries({ intervalMs: 200, log: () => {} });
    try {
      const app = await db().application.findUniqueOrThrow({ where: { id: appId } });
      const moved = await lab.owner.client.post(`/coord/gigs/${lab.gig.id}`, {
        intent: "move",
        applicationId: appId,
        version: app.version,
        to: "SHORTLISTED",
      });
      expect(moved.status).toBe(303);
      const t0 = Date.now();
      while (rx.received.length === 0 && Date.now() - t0 < 10_000) await new Promise((r) => setTimeout(r, 50));
      const took = Date.now() - t0;
      expect(rx.received).toHaveLength(1);
      expect(took).toBeLessThan(5000);
      expect(rx.received[0].json).toMatchObject({
        type: "application.stage_changed",
        data: { applicationId: appId, fromStage: "APPLIED", toStage: "SHORTLISTED" },
      });
      expect(verifyWebhook(lab.secret, rx.received[0].headers, rx.received[0].body)).toBe(true);
      console.log(`[webhooks] board move -> receiver in ${took} ms`);
    } finally {
      await worker.stop();
    }
  });
});

describe("SSRF guard in production mode", () => {
  it("refuses private, link-local and loopback addresses at delivery, without connecting", async () => {
    for (const url of [
      "https://10.0.0.1/hook",
      "https://169.254.169.254/latest/meta-data",
      "https://[::1]/hook",
      "https://[::ffff:10.0.0.1]/hook",
      "https://100.64.1.1/",
    ]) {
      const r = await sendWebhook(url, "{}", {}, { timeoutMs: 1000, guard: true });
      expect(r.ok, url).toBe(false);
      expect(r.error, url).toMatch(/^Refused/);
    }
    // A host NAME that resolves to loopback is refused too (checked on the resolved address), and
    // plain http is refused in production: the receiver on this machine is never reached.
    const rx = await receiver();
    const port = new URL(rx.url).port;
    const byName = await sendWebhook(`https://localhost:${port}/hook`, "{}", {}, { timeoutMs: 1000, guard: true });
    expect(byName.error).toMatch(/^Refused: localhost resolves to a loopback address/);
    expect((await sendWebhook(rx.url, "{}", {}, { timeoutMs: 1000, guard: true })).error).toMatch(/^Refused/);
    expect(rx.received).toHaveLength(0);
    // Outside production the same receiver is reachable (so the refusal above is the guard's doing).
    expect((await sendWebhook(rx.url, "{}", {}, { timeoutMs: 1000, guard: false })).ok).toBe(true);
  });

  it("refuses such endpoints at registration", async () => {
    const lab = await labWithOpenGig(base);
    const actor = { id: lab.ownerUser.id, role: "LAB_MEMBER" };
    for (const url of [
      "http://127.0.0.1:9/hook",
      "https://10.1.2.3/hook",
      "https://169.254.169.254/",
      "https://[::1]/",
      "https://localhost/",
      "https://[fe80::1]/",
      "http://example.org/",
    ]) {
      const r = await createEndpoint(lab.labId, { url, description: "", events: ["gig.status_changed"] }, actor, { production: true });
      expect(r, url).toMatchObject({ ok: false, status: 400, code: "INVALID_URL", errors: { url: [expect.any(String)] } });
    }
    // Locally, http is accepted for loopback only.
    expect(
      (
        await createEndpoint(lab.labId, { url: "http://127.0.0.1:9/hook", description: "", events: ["gig.status_changed"] }, actor, {
          production: false,
        })
      ).ok,
    ).toBe(true);
    expect(
      (
        await createEndpoint(lab.labId, { url: "http://example.org/hook", description: "", events: ["gig.status_changed"] }, actor, {
          production: false,
        })
      ).ok,
    ).toBe(false);
    expect(await db().webhookEndpoint.count({ where: { labId: lab.labId } })).toBe(1);
  });
});

describe("UI and API", () => {
  it("the page adds an endpoint and shows its secret once; another lab's member gets 404 for everything", async () => {
    const lab = await labWithOpenGig(base);
    const slug = (await db().lab.findUniqueOrThrow({ where: { id: lab.labId } })).slug;
    const page = `/labs/${slug}/webhooks`;
    const added = await lab.owner.client.post(page, {
      intent: "create",
      url: "http://127.0.0.1:9/hook",
      description: "CRM",
      events: ["application.created", "gig.status_changed"],
    });
    expect(added.status).toBe(303);
    const shown = await (await lab.owner.client.get(added.headers.get("location")!)).text();
    const secret = /data-testid="new-token">(whsec_[A-Za-z0-9_-]+)</.exec(shown)?.[1];
    expect(secret).toBeTruthy();
    const again = await (await lab.owner.client.get(page)).text();
    expect(again).not.toContain(secret!);
    expect(again).toContain("http://127.0.0.1:9/hook");
    const endpoint = await db().webhookEndpoint.findFirstOrThrow({ where: { labId: lab.labId } });
    expect(endpoint.events).toEqual(["application.created", "gig.status_changed"]);
    expect(endpoint.secretEnc).not.toContain(secret!.slice(6));
    // Field errors, values kept.
    const bad = await lab.owner.client.post(page, { intent: "create", url: "ftp://x.example/", description: "kept" });
    expect(bad.status).toBe(400);

    const other = await labWithOpenGig(base);
    expect((await other.owner.client.get(page)).status).toBe(404);
    expect((await other.owner.client.get(`${page}?endpoint=${endpoint.id}`)).status).toBe(404);
    for (const intent of ["disable", "rotate", "delete"]) {
      expect((await other.owner.client.post(page, { intent, endpointId: endpoint.id })).status).toBe(404);
    }
    expect((await db().webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).enabled).toBe(true);
    const professional = await signUp(base);
    expect((await professional.client.get(page)).status).toBe(404);

    // The owner disables it and rotates its secret (a new one, shown once).
    expect((await lab.owner.client.post(page, { intent: "disable", endpointId: endpoint.id })).status).toBe(303);
    expect((await db().webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).enabled).toBe(false);
    const rotated = await lab.owner.client.post(page, { intent: "rotate", endpointId: endpoint.id });
    expect(rotated.status).toBe(303);
    const newSecret = /data-testid="new-token">(whsec_[A-Za-z0-9_-]+)</.exec(
      await (await lab.owner.client.get(rotated.headers.get("location")!)).text(),
    )?.[1];
    expect(newSecret).toBeTruthy();
    expect(newSecret).not.toBe(secret);
    expect((await lab.owner.client.post(page, { intent: "delete", endpointId: endpoint.id })).status).toBe(303);
    expect(await db().webhookEndpoint.count({ where: { id: endpoint.id } })).toBe(0);
  });

  it("the JSON API creates (secret once), lists, pages the log, replays and deletes; another lab's token gets 404", async () => {
    const rx = await receiver();
    const lab = await labWithOpenGig(base);
    const owner = {
      id: lab.ownerUser.id,
      email: lab.ownerUser.email,
      name: lab.ownerUser.name,
      role: "LAB_MEMBER",
      emailVerified: true,
      labId: lab.labId,
      labSlug: "x",
      labRole: "OWNER",
      profileId: null,
      unreadNotifications: 0,
    } as unknown as SessionUser;
    const { token } = await apiTokenFor(lab.labId, "hooks", owner);
    const other = await labWithOpenGig(base);
    const otherOwner = { ...owner, id: other.ownerUser.id, labId: other.labId } as unknown as SessionUser;
    const { token: otherToken } = await apiTokenFor(other.labId, "hooks", otherOwner);
    const call = async (t: string, method: string, path: string, body?: unknown) => {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: { Authorization: `Bearer ${t}`, ...(body ? { "Content-Type": "application/json" } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : null) as Json };
    };
    const invalid = await call(token, "POST", "/api/v1/webhooks", { url: "https://x.example/", events: [] });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors.map((e: Json) => e.path)).toContain("events");
    // A URL the service refuses (plain http off loopback) is a field error on `url`, as before.
    const refusedUrl = await call(token, "POST", "/api/v1/webhooks", { url: "http://example.org/hook", events: ["gig.status_changed"] });
    expect(refusedUrl.status).toBe(400);
    expect(refusedUrl.body).toMatchObject({ status: 400, detail: "The request body has invalid fields." });
    expect(refusedUrl.body.errors).toEqual([{ path: "url", message: expect.stringMatching(/https/i) }]);
    const created = await call(token, "POST", "/api/v1/webhooks", { url: rx.url, events: ["gig.status_changed"] });
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^whsec_/);
    const id = created.body.id;
    const listed = await call(token, "GET", "/api/v1/webhooks");
    expect(listed.body.data.map((e: Json) => e.id)).toEqual([id]);
    expect(JSON.stringify(listed.body)).not.toContain(created.body.secret);
    expect((await call(otherToken, "GET", "/api/v1/webhooks")).body.data).toEqual([]);
    expect((await call(otherToken, "GET", `/api/v1/webhooks/${id}`)).status).toBe(404);
    expect((await call(otherToken, "GET", `/api/v1/webhooks/${id}/deliveries`)).status).toBe(404);

    const actor = { id: lab.ownerUser.id, role: "LAB_MEMBER" };
    expect((await changeGigStatus(lab.gig.id, "PAUSED", actor)).ok).toBe(true);
    expect((await changeGigStatus(lab.gig.id, "OPEN", actor)).ok).toBe(true);
    expect((await changeGigStatus(lab.gig.id, "PAUSED", actor)).ok).toBe(true);
    await drain();
    expect(rx.received.map((r) => r.json.data.toStatus)).toEqual(["PAUSED", "OPEN", "PAUSED"]);
    for (const r of rx.received) expect(verifyWebhook(created.body.secret, r.headers, r.body)).toBe(true);
    const page1 = await call(token, "GET", `/api/v1/webhooks/${id}/deliveries?limit=2`);
    expect(page1.body.data).toHaveLength(2);
    expect(page1.body.data[0]).toMatchObject({ status: "SUCCEEDED", attempts: 1, responseStatus: 200, eventType: "gig.status_changed" });
    const page2 = await call(token, "GET", `/api/v1/webhooks/${id}/deliveries?limit=2&cursor=${page1.body.nextCursor}`);
    expect(page2.body.data).toHaveLength(1);
    expect(page2.body.nextCursor).toBeNull();
    const oldest = page2.body.data[0];
    expect((await call(otherToken, "POST", `/api/v1/webhooks/${id}/deliveries/${oldest.id}/replay`)).status).toBe(404);
    const replay = await call(token, "POST", `/api/v1/webhooks/${id}/deliveries/${oldest.id}/replay`);
    expect(replay.status).toBe(202);
    expect(replay.body).toMatchObject({ eventId: oldest.eventId, replayOf: oldest.id, status: "PENDING" });
    await drain();
    expect(rx.received).toHaveLength(4);
    expect(rx.received[3].headers["webhook-id"]).toBe(oldest.eventId);
    expect((await call(otherToken, "DELETE", `/api/v1/webhooks/${id}`)).status).toBe(404);
    expect(await call(token, "DELETE", `/api/v1/webhooks/${id}`)).toMatchObject({ status: 200, body: { id, deleted: true } });
    expect((await call(token, "GET", `/api/v1/webhooks/${id}`)).status).toBe(404);
  });

  it("a plain member of the lab sees the endpoints but cannot change them", async () => {
    const lab = await labWithOpenGig(base);
    const labRow = await db().lab.findUniqueOrThrow({ where: { id: lab.labId } });
    const created = await createEndpoint(
      lab.labId,
      { url: "http://127.0.0.1:9/x", description: "", events: ["gig.status_changed"] },
      { id: lab.ownerUser.id, role: "LAB_MEMBER" },
      { production: false },
    );
    if (!created.ok) throw new Error(created.message);
    const member = await signUp(base);
    const user = await db().user.findUniqueOrThrow({ where: { email: member.email } });
    await db().user.update({ where: { id: user.id }, data: { role: "LAB_MEMBER" } });
    await db().profile.deleteMany({ where: { userId: user.id } });
    await db().labMember.create({ data: { labId: lab.labId, userId: user.id, role: "MEMBER" } });
    const client = await logIn(base, member.email);
    const page = `/labs/${labRow.slug}/webhooks`;
    const res = await client.get(page);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("http://127.0.0.1:9/x");
    expect((await client.post(page, { intent: "delete", endpointId: created.endpoint.id })).status).toBe(403);
    expect(await db().webhookEndpoint.count({ where: { id: created.endpoint.id } })).toBe(1);
  });
});
