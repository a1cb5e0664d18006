/**
 * Lab webhooks, the pure part (issue 24): event types, the endpoint form, URL and address rules
 * (the SSRF guard's classification), the signature and the retry schedule. No I/O here; the
 * delivery itself is app/services/webhooks.server.ts.
 */
import { z } from "zod";

export const WEBHOOK_EVENTS = [
  "application.created",
  "application.stage_changed",
  "gig.status_changed",
  "message.created",
  "work_entry.recorded",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

export const WEBHOOK_EVENT_LABELS: Record<WebhookEventType, string> = {
  "application.created": "Someone applied or was invited",
  "application.stage_changed": "An application moved to another stage",
  "gig.status_changed": "A gig was opened, paused or closed",
  "message.created": "A message was written on an application",
  "work_entry.recorded": "Work was recorded in the ledger",
};

/**
 * What each event's `data` carries: ids, stage and status names, ledger quantities. Never a
 * professional's private fields (email, minimum rate, available-from, demographics) nor free text.
 */
export type WebhookEventData =
  | { type: "application.created"; applicationId: string; gigId: string; origin: string; stage: string }
  | { type: "application.stage_changed"; applicationId: string; gigId: string; fromStage: string; toStage: string }
  | { type: "gig.status_changed"; gigId: string; fromStatus: string; toStatus: string }
  | { type: "message.created"; messageId: string; applicationId: string; gigId: string; authorRole: string }
  | {
      type: "work_entry.recorded";
      workEntryId: string;
      applicationId: string;
      gigId: string;
      workDate: string;
      unit: string;
      quantity: number;
      amountCents: number;
      currency: string;
      review: string;
      source: string;
    };

/** Deliveries with the same key reach an endpoint in the order they were created. */
export function orderKeyOf(e: WebhookEventData): string {
  return "applicationId" in e ? `application:${e.applicationId}` : `gig:${e.gigId}`;
}

/** The JSON body sent (and signed). `data` is copied field by field: nothing else can slip in. */
export function eventBody(e: WebhookEventData, meta: { eventId: string; labId: string; createdAt: Date }): string {
  const { type, ...data } = e;
  return JSON.stringify({ id: meta.eventId, type, createdAt: meta.createdAt.toISOString(), labId: meta.labId, data });
}

// ------------------------------------------------------------------------------- signature

/** The string that is signed: `<unix seconds>.<body>`. Header: `Webhook-Signature: v1=<hex>`. */
export const signedContent = (timestamp: number, body: string) => `${timestamp}.${body}`;

/** How old a delivery's timestamp may be before a receiver should refuse it (the README recipe). */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

// ------------------------------------------------------------------------------- retries

export interface RetryPolicy {
  /** Attempts in all, the first included; after the last one the delivery is abandoned (FAILED). */
  maxAttempts: number;
  /** Delay before the second attempt; doubles each time (with ±20% jitter), capped at maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** An endpoint is disabled after this many consecutive failed attempts ... */
  disableAfterFailures: number;
  /** ... spread over at least this long (a short outage does not disable it). */
  disableAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 8,
  baseDelayMs: 30_000,
  maxDelayMs: 6 * 3600_000,
  disableAfterFailures: 20,
  disableAfterMs: 24 * 3600_000,
};

/** Delay after failed attempt number `attempt` (1-based); `random` in [0, 1). */
export function retryDelayMs(attempt: number, policy: Pick<RetryPolicy, "baseDelayMs" | "maxDelayMs">, random: number): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  const jitter = 0.8 + 0.4 * random;
  return Math.max(1, Math.round(Math.min(policy.maxDelayMs, exp * jitter)));
}

export function shouldDisable(
  failures: number,
  firstFailureAt: Date,
  now: Date,
  policy: Pick<RetryPolicy, "disableAfterFailures" | "disableAfterMs">,
): boolean {
  return failures >= policy.disableAfterFailures && now.getTime() - firstFailureAt.getTime() >= policy.disableAfterMs;
}

// ------------------------------------------------------------------------------- addresses (SSRF guard)

export type AddressClass = "public" | "private" | "loopback" | "link-local" | "cgnat" | "multicast" | "reserved" | "invalid";

type V4 = [number, number, number, number];

function parseV4(s: string): V4 | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  if (parts.some((p, i) => p > 255 || (m[i + 1].length > 1 && m[i + 1].startsWith("0")))) return null;
  return parts as V4;
}

/** 8 groups of 16 bits, or null. Accepts `::`, a trailing dotted IPv4 and a zone id (dropped). */
function parseV6(input: string): number[] | null {
  let s = input;
  const zone = s.indexOf("%");
  if (zone >= 0) s = s.slice(0, zone);
  if (!/^[0-9a-fA-F:.]+$/.test(s)) return null;
  let tail: number[] = [];
  if (s.includes(".")) {
    const i = s.lastIndexOf(":");
    if (i < 0) return null;
    const v4 = parseV4(s.slice(i + 1));
    if (!v4) return null;
    tail = [(v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]];
    s = s.slice(0, i + 1);
    if (!s.endsWith("::")) s = s.slice(0, -1);
  }
  const halves = s.split("::");
  if (halves.length > 2) return null;
  const groups = (h: string) => (h === "" ? [] : h.split(":"));
  const head = groups(halves[0]);
  const rest = halves.length === 2 ? groups(halves[1]) : [];
  if ([...head, ...rest].some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return null;
  const want = 8 - tail.length;
  const known = head.length + rest.length;
  const hex = (g: string) => Number.parseInt(g, 16);
  if (halves.length === 1) return known === want ? [...head.map(hex), ...tail] : null;
  // "::" stands for at least one group of zeros.
  if (known > want - 1) return null;
  return [...head.map(hex), ...new Array<number>(want - known).fill(0), ...rest.map(hex), ...tail];
}

function classifyV4([a, b, c]: V4): AddressClass {
  if (a === 127) return "loopback";
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return "private";
  if (a === 169 && b === 254) return "link-local";
  if (a === 100 && b >= 64 && b <= 127) return "cgnat";
  if (a >= 224 && a <= 239) return "multicast";
  if (a === 0 || a >= 240) return "reserved";
  // IETF protocol assignments, documentation ranges, benchmarking.
  if (
    (a === 192 && b === 0 && (c === 0 || c === 2)) ||
    (a === 198 && (b === 18 || b === 19)) ||
    (a === 198 && b === 51 && c === 100) ||
    (a === 203 && b === 0 && c === 113)
  ) {
    return "reserved";
  }
  return "public";
}

function v4FromGroups(hi: number, lo: number): V4 {
  return [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff];
}

/**
 * What kind of address `ip` is. Only "public" may be called in production. IPv4-mapped
 * (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d), NAT64 (64:ff9b::/96) and 6to4 (2002::/16)
 * addresses are judged by the IPv4 address inside them.
 */
export function classifyAddress(ip: string): AddressClass {
  const v4 = parseV4(ip);
  if (v4) return classifyV4(v4);
  const g = parseV6(ip);
  if (!g) return "invalid";
  const zeros = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeros(8)) return "reserved"; // ::
  if (zeros(7) && g[7] === 1) return "loopback"; // ::1
  if (zeros(5) && g[5] === 0xffff) return classifyV4(v4FromGroups(g[6], g[7])); // ::ffff:0:0/96
  if (zeros(6)) return classifyV4(v4FromGroups(g[6], g[7])); // ::/96 (deprecated IPv4-compatible)
  if (zeros(4) && g[4] === 0xffff && g[5] === 0) return classifyV4(v4FromGroups(g[6], g[7])); // ::ffff:0:0:0/96 (SIIT)
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return classifyV4(v4FromGroups(g[6], g[7]));
  if (g[0] === 0x2002) return classifyV4(v4FromGroups(g[1], g[2]));
  if ((g[0] & 0xfe00) === 0xfc00) return "private"; // fc00::/7 unique local
  if ((g[0] & 0xffc0) === 0xfe80) return "link-local"; // fe80::/10
  if ((g[0] & 0xffc0) === 0xfec0) return "private"; // fec0::/10 site-local (deprecated)
  if ((g[0] & 0xff00) === 0xff00) return "multicast";
  if (g[0] === 0x2001 && g[1] === 0x0db8) return "reserved"; // documentation
  if (g[0] === 0x0100 && g.slice(1, 4).every((x) => x === 0)) return "reserved"; // discard
  if (g[0] === 0x2001 && g[1] < 0x0200) return "reserved"; // 2001::/23 IETF protocol assignments (Teredo etc.)
  if ((g[0] & 0xe000) !== 0x2000) return "reserved"; // outside 2000::/3 global unicast
  return "public";
}

/** Hosts a local run may call over plain HTTP (a receiver on the developer's machine). */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return h === "localhost" || h.endsWith(".localhost") || classifyAddress(h) === "loopback";
}

/** The URL rules, without DNS: https (http only for loopback hosts outside production), no credentials. */
export function checkEndpointUrl(raw: string, opts: { production: boolean }): { ok: true; url: URL } | { ok: false; message: string } {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, message: "Enter a full URL such as https://hooks.example.org/second-act." };
  }
  if (url.username || url.password)
    return { ok: false, message: "Leave the user name and password out of the URL; check the signature instead." };
  if (url.hash) return { ok: false, message: "Leave out the #fragment." };
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (url.protocol === "http:") {
    if (opts.production || !isLoopbackHost(host))
      return { ok: false, message: "Use https://. Plain http:// is only accepted for localhost while running locally." };
  } else if (url.protocol !== "https:") {
    return { ok: false, message: "Use an https:// URL." };
  }
  if (opts.production) {
    const cls = classifyAddress(host);
    if (cls !== "invalid" && cls !== "public") return { ok: false, message: `Webhooks cannot be sent to a ${cls} address.` };
    if (host === "localhost" || host.endsWith(".localhost"))
      return { ok: false, message: "Webhooks cannot be sent to a loopback address." };
  }
  return { ok: true, url };
}

// ------------------------------------------------------------------------------- forms

export const webhookUrlField = z
  .string({ error: "Enter the URL that should receive the events." })
  .trim()
  .min(1, "Enter the URL that should receive the events.")
  .max(2000, "Use at most 2000 characters.");

export const webhookEventsField = z
  .array(z.enum(WEBHOOK_EVENTS, { error: "Choose events from the list." }), { error: "Choose at least one event." })
  .min(1, "Choose at least one event.")
  .max(WEBHOOK_EVENTS.length)
  .transform((events) => [...new Set(events)]);

export const webhookDescriptionField = z.string().trim().max(200, "Use at most 200 characters.").default("");
