/**
 * Lab webhooks (issue 24): endpoints, the delivery outbox and the worker that drains it.
 *
 * - `emitLabEvent(tx, event)` is called inside the transaction that made the change (application
 *   created, stage changed, gig status changed, work entry recorded; message.created from the
 *   messages service). It writes one WebhookDelivery row per enabled endpoint of the gig's lab that
 *   subscribed to the event type: nothing is sent unless the change commits, and nothing is lost.
 * - `deliverWebhooks()` claims due deliveries (FOR UPDATE SKIP LOCKED plus a lease, so several
 *   workers or instances never send the same row twice at once), skipping any whose earlier
 *   delivery with the same order key (the application, else the gig) is still pending: events about
 *   one application arrive in order. Each is POSTed signed (see the README's recipe), with a
 *   timeout, no redirects followed and at most MAX_RESPONSE_BYTES of the answer read. Failures are
 *   retried with exponential back-off and jitter, then abandoned; an endpoint failing for long
 *   enough is disabled and the lab's owners are told (notification and email).
 * - In production every address the host resolves to must be public (classifyAddress); checked at
 *   registration and again at delivery, on the very addresses the connection uses.
 * - The signing secret is stored encrypted (AES-256-GCM, key derived from SESSION_SECRET) and shown
 *   only when created or rotated (docs/decisions/0013-webhook-secrets-and-delivery.md).
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, randomUUID } from "node:crypto";
import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import { db, type Tx } from "~/db.server";
import {
  checkEndpointUrl,
  classifyAddress,
  DEFAULT_RETRY_POLICY,
  eventBody,
  orderKeyOf,
  type RetryPolicy,
  retryDelayMs,
  shouldDisable,
  signedContent,
  WEBHOOK_EVENTS,
  type WebhookEventData,
  type WebhookEventType,
} from "~/domain/webhooks";
import { env } from "~/env.server";
import type { Actor } from "./actor";
import { audit } from "./audit.server";
import { notifyUsers } from "./notifications.server";
import { type Failure, fail, type Result } from "./result";

export const MAX_RESPONSE_BYTES = 64 * 1024;
const LEASE_MS = 60_000;

/** Who changes a lab's webhooks: a lab member, staff, or an API token (app/services/actor.ts). */
export type WebhookActor = Actor;

// ------------------------------------------------------------------------------- secrets

function secretKey(): Buffer {
  return Buffer.from(hkdfSync("sha256", env().SESSION_SECRET, "second-act-webhooks", "webhook-secret-v1", 32));
}

export function generateSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

export function encryptSecret(secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", secretKey(), iv);
  const ct = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), ct.toString("base64url")].join(":");
}

export function decryptSecret(stored: string): string {
  const [v, iv, tag, ct] = stored.split(":");
  if (v !== "v1" || !iv || !tag || !ct) throw new Error("Unknown webhook secret format");
  const decipher = createDecipheriv("aes-256-gcm", secretKey(), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ct, "base64url")), decipher.final()]).toString("utf8");
}

/** hex HMAC-SHA256 over `<timestamp>.<body>`, keyed with the whole secret string (UTF-8). */
export function signatureFor(secret: string, timestamp: number, body: string): string {
  return createHmac("sha256", secret).update(signedContent(timestamp, body)).digest("hex");
}

const hintOf = (secret: string) => `${secret.slice(0, 10)}…`;

// ------------------------------------------------------------------------------- emitting

export type LabEvent = WebhookEventData & { labId?: string };

/**
 * Writes the event's deliveries (one per subscribed, enabled endpoint of the lab) in `tx`.
 * Pass `labId` when known; otherwise it is the lab of `gigId`. Returns the event id (null when no
 * endpoint wanted it).
 */
export async function emitLabEvent(tx: Tx, event: LabEvent): Promise<string | null> {
  const { labId: given, ...data } = event;
  const labId = given ?? (await tx.gig.findUnique({ where: { id: data.gigId }, select: { labId: true } }))?.labId;
  if (!labId) return null;
  const endpoints = await tx.webhookEndpoint.findMany({
    where: { labId, enabled: true, events: { has: data.type } },
    select: { id: true },
  });
  const deliveries = labEventDeliveries(
    data as WebhookEventData,
    labId,
    endpoints.map((e) => e.id),
  );
  if (deliveries.length === 0) return null;
  await tx.webhookDelivery.createMany({ data: deliveries });
  return deliveries[0].eventId;
}

/** The WebhookDelivery rows of one event for these (enabled, subscribed) endpoints: what emitLabEvent writes. */
export function labEventDeliveries(event: WebhookEventData, labId: string, endpointIds: string[]) {
  if (endpointIds.length === 0) return [];
  const eventId = `evt_${randomUUID().replace(/-/g, "")}`;
  const body = eventBody(event, { eventId, labId, createdAt: new Date() });
  return endpointIds.map((endpointId) => ({ endpointId, eventId, eventType: event.type, orderKey: orderKeyOf(event), body }));
}

// ------------------------------------------------------------------------------- endpoints

export interface EndpointInput {
  url: string;
  description: string;
  events: WebhookEventType[];
}

/** The one result shape (app/services/result.ts); a bad URL is a field error on `url`. */
export type WebhookResult<T extends object = object> = Result<T>;

/** Resolves `hostname` and refuses it unless every address is public (production only). */
export async function checkResolvedHost(hostname: string): Promise<{ ok: true } | { ok: false; message: string }> {
  const host = hostname.replace(/^\[|\]$/g, "");
  if (net.isIP(host)) {
    const cls = classifyAddress(host);
    return cls === "public" ? { ok: true } : { ok: false, message: `Webhooks cannot be sent to a ${cls} address.` };
  }
  try {
    const addresses = await dns.promises.lookup(host, { all: true, verbatim: true });
    const bad = addresses.find((a) => classifyAddress(a.address) !== "public");
    if (bad)
      return {
        ok: false,
        message: `${host} resolves to a ${classifyAddress(bad.address)} address (${bad.address}); webhooks go only to public addresses.`,
      };
    return { ok: true };
  } catch {
    return { ok: false, message: `${host} could not be resolved. Check the host name.` };
  }
}

async function checkUrl(raw: string, production: boolean): Promise<WebhookResult<{ url: string }>> {
  const checked = checkEndpointUrl(raw, { production });
  if (!checked.ok) return fail(400, checked.message, { code: "INVALID_URL", errors: { url: [checked.message] } });
  if (production) {
    const resolved = await checkResolvedHost(checked.url.hostname);
    if (!resolved.ok) return fail(400, resolved.message, { code: "INVALID_URL", errors: { url: [resolved.message] } });
  }
  return { ok: true, url: checked.url.toString() };
}

export const MAX_ENDPOINTS_PER_LAB = 20;

export async function createEndpoint(
  labId: string,
  input: EndpointInput,
  actor: WebhookActor,
  opts: { production?: boolean } = {},
): Promise<WebhookResult<{ endpoint: EndpointView; secret: string }>> {
  const url = await checkUrl(input.url, opts.production ?? env().production);
  if (!url.ok) return url;
  const count = await db().webhookEndpoint.count({ where: { labId } });
  if (count >= MAX_ENDPOINTS_PER_LAB)
    return fail(409, `A lab may have at most ${MAX_ENDPOINTS_PER_LAB} endpoints. Delete one first.`, { code: "TOO_MANY_ENDPOINTS" });
  const secret = generateSecret();
  const endpoint = await db().$transaction(async (tx) => {
    const e = await tx.webhookEndpoint.create({
      data: {
        labId,
        url: url.url,
        description: input.description,
        events: input.events,
        secretEnc: encryptSecret(secret),
        secretHint: hintOf(secret),
        createdById: actor.id,
      },
    });
    await audit(
      {
        actorId: actor.id,
        actorRole: actor.role,
        action: "webhook.created",
        entityType: "WebhookEndpoint",
        entityId: e.id,
        after: { labId, url: e.url, events: e.events },
        ip: actor.ip ?? null,
      },
      tx,
    );
    return e;
  });
  return { ok: true, endpoint: toView(endpoint), secret };
}

export interface EndpointView {
  id: string;
  url: string;
  description: string;
  events: string[];
  enabled: boolean;
  disabledAt: string | null;
  disabledReason: string | null;
  secretHint: string;
  consecutiveFailures: number;
  createdAt: string;
}

type EndpointRow = Awaited<ReturnType<ReturnType<typeof db>["webhookEndpoint"]["findFirstOrThrow"]>>;

export function toView(e: EndpointRow): EndpointView {
  return {
    id: e.id,
    url: e.url,
    description: e.description,
    events: e.events,
    enabled: e.enabled,
    disabledAt: e.disabledAt?.toISOString() ?? null,
    disabledReason: e.disabledReason,
    secretHint: e.secretHint,
    consecutiveFailures: e.consecutiveFailures,
    createdAt: e.createdAt.toISOString(),
  };
}

export async function listEndpoints(labId: string): Promise<EndpointView[]> {
  const rows = await db().webhookEndpoint.findMany({ where: { labId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return rows.map(toView);
}

/** The endpoint when it belongs to `labId`, else null (another lab's endpoint is "not found"). */
export async function findEndpoint(labId: string, endpointId: string): Promise<EndpointRow | null> {
  if (!endpointId || endpointId.length > 100) return null;
  return db().webhookEndpoint.findFirst({ where: { id: endpointId, labId } });
}

const notFound = (what = "endpoint"): Failure => fail(404, `No such ${what}.`, { code: "NOT_FOUND" });

export async function setEndpointEnabled(
  labId: string,
  endpointId: string,
  enabled: boolean,
  actor: WebhookActor,
): Promise<WebhookResult<{ endpoint: EndpointView }>> {
  const found = await findEndpoint(labId, endpointId);
  if (!found) return notFound();
  const endpoint = await db().$transaction(async (tx) => {
    const e = await tx.webhookEndpoint.update({
      where: { id: found.id },
      data: enabled
        ? { enabled: true, disabledAt: null, disabledReason: null, consecutiveFailures: 0, firstFailureAt: null }
        : { enabled: false, disabledAt: new Date(), disabledReason: "Disabled by the lab." },
    });
    await audit(
      {
        actorId: actor.id,
        actorRole: actor.role,
        action: enabled ? "webhook.enabled" : "webhook.disabled",
        entityType: "WebhookEndpoint",
        entityId: e.id,
        ip: actor.ip ?? null,
      },
      tx,
    );
    return e;
  });
  return { ok: true, endpoint: toView(endpoint) };
}

export async function rotateSecret(
  labId: string,
  endpointId: string,
  actor: WebhookActor,
): Promise<WebhookResult<{ endpoint: EndpointView; secret: string }>> {
  const found = await findEndpoint(labId, endpointId);
  if (!found) return notFound();
  const secret = generateSecret();
  const endpoint = await db().$transaction(async (tx) => {
    const e = await tx.webhookEndpoint.update({
      where: { id: found.id },
      data: { secretEnc: encryptSecret(secret), secretHint: hintOf(secret) },
    });
    await audit(
      {
        actorId: actor.id,
        actorRole: actor.role,
        action: "webhook.secret_rotated",
        entityType: "WebhookEndpoint",
        entityId: e.id,
        ip: actor.ip ?? null,
      },
      tx,
    );
    return e;
  });
  return { ok: true, endpoint: toView(endpoint), secret };
}

export async function deleteEndpoint(labId: string, endpointId: string, actor: WebhookActor): Promise<WebhookResult> {
  const found = await findEndpoint(labId, endpointId);
  if (!found) return notFound();
  await db().$transaction(async (tx) => {
    await tx.webhookEndpoint.delete({ where: { id: found.id } });
    await audit(
      {
        actorId: actor.id,
        actorRole: actor.role,
        action: "webhook.deleted",
        entityType: "WebhookEndpoint",
        entityId: found.id,
        before: { url: found.url, events: found.events },
        ip: actor.ip ?? null,
      },
      tx,
    );
  });
  return { ok: true };
}

// ------------------------------------------------------------------------------- deliveries (log, replay)

export interface DeliveryView {
  id: string;
  eventId: string;
  eventType: string;
  status: string;
  attempts: number;
  responseStatus: number | null;
  durationMs: number | null;
  lastError: string | null;
  lastAttemptAt: string | null;
  nextAttemptAt: string | null;
  replayOf: string | null;
  createdAt: string;
}

type DeliveryRow = Awaited<ReturnType<ReturnType<typeof db>["webhookDelivery"]["findFirstOrThrow"]>>;

export function deliveryView(d: DeliveryRow): DeliveryView {
  return {
    id: d.id,
    eventId: d.eventId,
    eventType: d.eventType,
    status: d.status,
    attempts: d.attempts,
    responseStatus: d.responseStatus,
    durationMs: d.durationMs,
    lastError: d.lastError,
    lastAttemptAt: d.lastAttemptAt?.toISOString() ?? null,
    nextAttemptAt: d.status === "PENDING" ? d.nextAttemptAt.toISOString() : null,
    replayOf: d.replayOf,
    createdAt: d.createdAt.toISOString(),
  };
}

/** A page of an endpoint's deliveries, newest first (keyset on createdAt, id). */
export async function listDeliveries(endpointId: string, opts: { limit: number; after?: { createdAt: Date; id: string } | null }) {
  const rows = await db().webhookDelivery.findMany({
    where: {
      endpointId,
      ...(opts.after
        ? { OR: [{ createdAt: { lt: opts.after.createdAt } }, { createdAt: opts.after.createdAt, id: { lt: opts.after.id } }] }
        : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: opts.limit + 1,
  });
  return rows;
}

/** Sends a delivery again: a new delivery row with the same event id and body. */
export async function replayDelivery(
  labId: string,
  deliveryId: string,
  actor: WebhookActor,
): Promise<WebhookResult<{ delivery: DeliveryView }>> {
  if (!deliveryId || deliveryId.length > 100) return notFound("delivery");
  const original = await db().webhookDelivery.findFirst({ where: { id: deliveryId, endpoint: { labId } } });
  if (!original) return notFound("delivery");
  const created = await db().$transaction(async (tx) => {
    const d = await tx.webhookDelivery.create({
      data: {
        endpointId: original.endpointId,
        eventId: original.eventId,
        eventType: original.eventType,
        orderKey: original.orderKey,
        body: original.body,
        replayOf: original.id,
      },
    });
    await audit(
      {
        actorId: actor.id,
        actorRole: actor.role,
        action: "webhook.replayed",
        entityType: "WebhookDelivery",
        entityId: d.id,
        after: { replayOf: original.id, eventId: original.eventId },
        ip: actor.ip ?? null,
      },
      tx,
    );
    return d;
  });
  return { ok: true, delivery: deliveryView(created) };
}

// ------------------------------------------------------------------------------- sending

export interface SendResult {
  ok: boolean;
  status: number | null;
  durationMs: number;
  error: string | null;
}

/**
 * POSTs `body` to `rawUrl`. In production (`guard`) only public addresses are connected to: an IP
 * literal is checked before, a host name on every address DNS returns, inside the connection's own
 * lookup (so the address checked is the address used). Redirects are not followed; at most
 * MAX_RESPONSE_BYTES of the response are read; the whole exchange is cut at `timeoutMs`.
 */
export function sendWebhook(
  rawUrl: string,
  body: string,
  headers: Record<string, string>,
  opts: { timeoutMs: number; guard: boolean },
): Promise<SendResult> {
  const started = performance.now();
  const done = (status: number | null, error: string | null): SendResult => ({
    ok: status !== null && status >= 200 && status < 300 && !error,
    status,
    durationMs: Math.round(performance.now() - started),
    error,
  });
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return Promise.resolve(done(null, "The endpoint URL is invalid."));
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return Promise.resolve(done(null, "Only http(s) URLs are called."));
  if (opts.guard && url.protocol !== "https:") return Promise.resolve(done(null, "Refused: plain http:// is not used in production."));
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (opts.guard && net.isIP(host) && classifyAddress(host) !== "public") {
    return Promise.resolve(done(null, `Refused: ${host} is a ${classifyAddress(host)} address.`));
  }
  const lookup: net.LookupFunction = (hostname, options, callback) => {
    dns.lookup(hostname, { all: true, verbatim: true, family: options.family }, (err, addresses) => {
      if (err) return (callback as (e: Error) => void)(err);
      if (opts.guard) {
        const bad = addresses.find((a) => classifyAddress(a.address) !== "public");
        if (bad)
          return (callback as (e: Error) => void)(
            new Error(`Refused: ${hostname} resolves to a ${classifyAddress(bad.address)} address (${bad.address}).`),
          );
      }
      if (options.all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, addresses);
      const first = addresses[0];
      if (!first) return (callback as (e: Error) => void)(new Error(`${hostname} has no address.`));
      callback(null, first.address, first.family);
    });
  };
  return new Promise((resolve) => {
    let settled = false;
    const finish = (r: SendResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(r);
    };
    const client = url.protocol === "https:" ? https : http;
    const req = client.request(
      url,
      {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          "User-Agent": "SecondAct-Webhooks/1",
          "Content-Length": String(Buffer.byteLength(body)),
          ...headers,
        },
        lookup,
        agent: false,
      },
      (res) => {
        const status = res.statusCode ?? null;
        let read = 0;
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => {
          if (read < 512) chunks.push(chunk.subarray(0, 512 - read));
          read += chunk.length;
          if (read > MAX_RESPONSE_BYTES) {
            res.destroy();
            finish(done(status, status !== null && status >= 200 && status < 300 ? null : `HTTP ${status}`));
          }
        });
        res.on("end", () => {
          const ok = status !== null && status >= 200 && status < 300;
          const snippet = Buffer.concat(chunks).toString("utf8").replace(/\s+/g, " ").trim().slice(0, 200);
          const redirect = status !== null && status >= 300 && status < 400 ? " (redirects are not followed)" : "";
          finish(done(status, ok ? null : `HTTP ${status}${redirect}${snippet ? `: ${snippet}` : ""}`));
        });
        res.on("error", (e) => finish(done(status, e.message)));
      },
    );
    const timer = setTimeout(() => {
      req.destroy();
      finish(done(null, `Timed out after ${opts.timeoutMs} ms.`));
    }, opts.timeoutMs);
    req.on("error", (e) => finish(done(null, e.message.slice(0, 300))));
    req.end(body);
  });
}

// ------------------------------------------------------------------------------- the worker

export interface DeliveryOptions {
  /** The clock (tests move it forward to pass the back-off). */
  now?: Date;
  batchSize?: number;
  timeoutMs?: number;
  policy?: Partial<RetryPolicy>;
  /** Refuse non-public addresses (default: in production). */
  guard?: boolean;
  random?: () => number;
}

export interface DeliveryRun {
  attempted: number;
  succeeded: number;
  failed: number;
  disabled: number;
}

interface Claimed {
  id: string;
  endpointId: string;
  eventId: string;
  eventType: string;
  body: string;
  attempts: number;
}

/** Claims up to `limit` due deliveries: the first pending one per (endpoint, order key) only. */
async function claim(now: Date, limit: number): Promise<Claimed[]> {
  const at = now.toISOString();
  const leaseUntil = new Date(now.getTime() + LEASE_MS).toISOString();
  return db().$queryRaw<Claimed[]>`
    WITH due AS (
      SELECT d.id FROM "WebhookDelivery" d
      JOIN "WebhookEndpoint" e ON e.id = d."endpointId"
      WHERE d.status = 'PENDING' AND d."nextAttemptAt" <= (${at}::timestamptz AT TIME ZONE 'UTC') AND e.enabled
        AND (d."leaseUntil" IS NULL OR d."leaseUntil" < (${at}::timestamptz AT TIME ZONE 'UTC'))
        AND NOT EXISTS (
          SELECT 1 FROM "WebhookDelivery" p
          WHERE p."endpointId" = d."endpointId" AND p."orderKey" = d."orderKey" AND p.status = 'PENDING' AND p.seq < d.seq
        )
      ORDER BY d.seq
      LIMIT ${limit}
      FOR UPDATE OF d SKIP LOCKED
    )
    UPDATE "WebhookDelivery" w
    SET "leaseUntil" = (${leaseUntil}::timestamptz AT TIME ZONE 'UTC'), attempts = w.attempts + 1,
      "lastAttemptAt" = (${at}::timestamptz AT TIME ZONE 'UTC'), "updatedAt" = (${at}::timestamptz AT TIME ZONE 'UTC')
    FROM due WHERE w.id = due.id
    RETURNING w.id, w."endpointId", w."eventId", w."eventType", w.body, w.attempts`;
}

/** One pass: claims due deliveries, sends them (in parallel), records each outcome. */
export async function deliverWebhooks(opts: DeliveryOptions = {}): Promise<DeliveryRun> {
  const now = opts.now ?? new Date();
  const policy = { ...DEFAULT_RETRY_POLICY, ...opts.policy };
  const guard = opts.guard ?? env().production;
  const timeoutMs = opts.timeoutMs ?? env().WEBHOOK_TIMEOUT_MS;
  const random = opts.random ?? Math.random;
  const run: DeliveryRun = { attempted: 0, succeeded: 0, failed: 0, disabled: 0 };
  const claimed = await claim(now, opts.batchSize ?? 20);
  if (claimed.length === 0) return run;
  const endpoints = new Map(
    (
      await db().webhookEndpoint.findMany({
        where: { id: { in: [...new Set(claimed.map((c) => c.endpointId))] } },
        include: { lab: { select: { slug: true, name: true } } },
      })
    ).map((e) => [e.id, e]),
  );
  await Promise.all(
    claimed.map(async (d) => {
      const endpoint = endpoints.get(d.endpointId);
      if (!endpoint) return;
      run.attempted++;
      let result: SendResult;
      try {
        const secret = decryptSecret(endpoint.secretEnc);
        const timestamp = Math.floor(Date.now() / 1000);
        result = await sendWebhook(
          endpoint.url,
          d.body,
          {
            "Webhook-Id": d.eventId,
            "Webhook-Timestamp": String(timestamp),
            "Webhook-Signature": `v1=${signatureFor(secret, timestamp, d.body)}`,
            "Webhook-Event": d.eventType,
          },
          { timeoutMs, guard },
        );
      } catch (e) {
        result = { ok: false, status: null, durationMs: 0, error: (e as Error).message.slice(0, 300) };
      }
      const disabled = await record(d, endpoint, result, { now, policy, random });
      if (result.ok) run.succeeded++;
      else run.failed++;
      if (disabled) run.disabled++;
    }),
  );
  return run;
}

/** Stores one attempt's outcome; returns true when this failure disabled the endpoint. */
async function record(
  d: Claimed,
  endpoint: { id: string; labId: string; url: string; lab: { slug: string; name: string } },
  result: SendResult,
  ctx: { now: Date; policy: RetryPolicy; random: () => number },
): Promise<boolean> {
  return db().$transaction(async (tx) => {
    const common = { responseStatus: result.status, durationMs: result.durationMs, leaseUntil: null, updatedAt: ctx.now };
    if (result.ok) {
      await tx.webhookDelivery.update({ where: { id: d.id }, data: { ...common, status: "SUCCEEDED", lastError: null } });
      await tx.webhookEndpoint.update({ where: { id: endpoint.id }, data: { consecutiveFailures: 0, firstFailureAt: null } });
      return false;
    }
    const last = d.attempts >= ctx.policy.maxAttempts;
    await tx.webhookDelivery.update({
      where: { id: d.id },
      data: {
        ...common,
        status: last ? "FAILED" : "PENDING",
        lastError: result.error?.slice(0, 500) ?? "Failed.",
        nextAttemptAt: new Date(ctx.now.getTime() + (last ? 0 : retryDelayMs(d.attempts, ctx.policy, ctx.random()))),
      },
    });
    const [state] = await tx.$queryRaw<{ consecutiveFailures: number; firstFailureAt: Date; enabled: boolean }[]>`
      UPDATE "WebhookEndpoint" SET "consecutiveFailures" = "consecutiveFailures" + 1, "firstFailureAt" = COALESCE("firstFailureAt", ${ctx.now.toISOString()}::timestamptz AT TIME ZONE 'UTC'), "updatedAt" = now()
      WHERE id = ${endpoint.id} RETURNING "consecutiveFailures", "firstFailureAt", enabled`;
    if (!state?.enabled || !shouldDisable(state.consecutiveFailures, state.firstFailureAt, ctx.now, ctx.policy)) return false;
    const reason = `Disabled after ${state.consecutiveFailures} failed deliveries in a row (last: ${result.error ?? "failed"}).`.slice(
      0,
      500,
    );
    const switched = await tx.webhookEndpoint.updateMany({
      where: { id: endpoint.id, enabled: true },
      data: { enabled: false, disabledAt: ctx.now, disabledReason: reason },
    });
    if (switched.count !== 1) return false;
    const owners = await tx.labMember.findMany({ where: { labId: endpoint.labId, role: "OWNER" }, select: { userId: true } });
    await notifyUsers(
      tx,
      owners.map((o) => o.userId),
      {
        kind: "webhook.disabled",
        title: `A webhook endpoint of ${endpoint.lab.name} was disabled`,
        body: `${endpoint.url} failed ${state.consecutiveFailures} deliveries in a row, so it is no longer called. Fix the receiver, then enable it again: the deliveries waiting for it will be sent.`,
        link: `/labs/${endpoint.lab.slug}/webhooks`,
      },
    );
    await audit(
      {
        actorId: null,
        actorRole: "SYSTEM",
        action: "webhook.auto_disabled",
        entityType: "WebhookEndpoint",
        entityId: endpoint.id,
        after: { reason },
      },
      tx,
    );
    return true;
  });
}

export interface WebhookWorker {
  runNow(): Promise<DeliveryRun>;
  stop(): Promise<void>;
}

/**
 * Runs `deliverWebhooks` every `intervalMs` (a setTimeout chain, never overlapping; a full batch is
 * followed at once by the next). Failures are logged and retried at the next tick.
 */
export function startWebhookDeliveries(opts: { intervalMs: number; log?: (m: string) => void; options?: DeliveryOptions }): WebhookWorker {
  const log = opts.log ?? console.log;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<DeliveryRun> | null = null;
  let stopped = false;
  const sweep = async (): Promise<DeliveryRun> => {
    while (running) await running.catch(() => {});
    running = (async () => {
      const total: DeliveryRun = { attempted: 0, succeeded: 0, failed: 0, disabled: 0 };
      for (let i = 0; i < 10 && !stopped; i++) {
        const r = await deliverWebhooks({ ...opts.options, now: undefined });
        for (const k of Object.keys(total) as (keyof DeliveryRun)[]) total[k] += r[k];
        if (r.attempted < (opts.options?.batchSize ?? 20)) break;
      }
      if (total.disabled > 0) log(`Webhooks: ${total.disabled} endpoint(s) disabled after repeated failures`);
      return total;
    })();
    try {
      return await running;
    } finally {
      running = null;
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      sweep()
        .catch((e) => log(`Webhook deliveries failed (will retry): ${(e as Error).message.split("\n")[0]}`))
        .finally(schedule);
    }, opts.intervalMs);
    timer.unref();
  };
  schedule();
  return {
    runNow: sweep,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running?.catch(() => {});
    },
  };
}

export const KNOWN_EVENTS = WEBHOOK_EVENTS;

/** The id of this endpoint's delivery, or null when it is not one of the endpoint's. */
export async function endpointDeliveryId(endpointId: string, deliveryId: string): Promise<string | null> {
  if (deliveryId.length > 100) return null;
  const row = await db().webhookDelivery.findFirst({ where: { id: deliveryId, endpointId }, select: { id: true } });
  return row?.id ?? null;
}
