/**
 * A micro-cache for the one public page that gets hammered: the gig page (/gigs/:id) as an
 * ANONYMOUS visitor sees it. server/index.ts consults it before Express and Remix; see
 * docs/ARCHITECTURE.md ("Anonymous page cache") for the rules. In short:
 *
 * - only GET /gigs/<id> without a query string, from a request that carries no cookie other
 *   than `__csrf` and the time zone `sa_tz` (no session cookie at all, valid or not) is served
 *   from here, one entry per zone (cacheableKey);
 * - a page is stored only when Remix answered 200 text/html WITHOUT a Set-Cookie header;
 * - the page is stored as a template: the CSP nonce and the CSRF token it was rendered with are
 *   cut out and every response gets its own nonce (matching its CSP header) and the token for
 *   its own `__csrf` cookie;
 * - entries live TTL_MS (2 s); gig writes (app/services/gigs.server.ts) drop the gig's entry
 *   after their transaction commits, and a render that started before an invalidation is
 *   served to its requester but not stored. The web workers of one server (WEB_WORKERS)
 *   drop it too (app/cluster.server.ts); other app instances see the change within TTL_MS.
 *
 * The store is process-wide (globalThis), because the server script and the Remix build are
 * two module graphs in one process.
 */

import { constants, crc32, deflateRawSync } from "node:zlib";
import { cookieParts } from "~/cookies.server";
import { TIME_ZONE_COOKIE, resolveTimeZone } from "~/domain/time";
import { onPeerMessage, tellPeers } from "./cluster.server";

export const PAGE_CACHE_TTL_MS = 2_000;
const MAX_ENTRIES = 1_000;
const GIG_PAGE = /^\/gigs\/([A-Za-z0-9_-]{1,100})$/;

export interface PageTemplate {
  /** Body text between the cut-out values: segments.length === slots.length + 1. */
  segments: string[];
  slots: ("nonce" | "csrf")[];
  /** Response headers from Remix (no Set-Cookie, Content-Length or Content-Encoding). */
  headers: [string, string][];
  /** The segments as UTF-8, and deflated once (see gzipTemplate). */
  raw: Buffer[];
  deflated: Buffer[];
  /** Each segment's own CRC-32, and the operator that shifts a CRC past it (see crc32Combine). */
  crcs: number[];
  shifts: number[];
}

interface Entry {
  template: PageTemplate;
  expiresAt: number;
}

interface Store {
  entries: Map<string, Entry>;
  /** key -> time of the last invalidation (kept TTL-long, for renders still in flight) */
  invalidatedAt: Map<string, number>;
  pending: Map<string, Promise<PageTemplate | null>>;
  enabled: boolean;
  stats: { hits: number; misses: number; stored: number; invalidations: number };
}

const g = globalThis as unknown as { __secondActPageCache?: Store };

function store(): Store {
  g.__secondActPageCache ??= {
    entries: new Map(),
    invalidatedAt: new Map(),
    pending: new Map(),
    enabled: true,
    stats: { hits: 0, misses: 0, stored: 0, invalidations: 0 },
  };
  return g.__secondActPageCache;
}

/**
 * The cache key for a request, or null when it must not be served from the cache. A page shows its
 * times in the viewer's zone, which an anonymous browser reports in the `sa_tz` cookie (app/root.tsx
 * writes it on the first visit): each zone the browser can report is its own page, keyed
 * `<path>\u0000<zone>`; a missing or unknown zone renders as UTC by default, like the normal path.
 */
export function cacheableKey(method: string | undefined, url: string | undefined, cookieHeader: string | undefined): string | null {
  if (method !== "GET" || !url || !store().enabled) return null;
  if (!GIG_PAGE.test(url)) return null; // no query string, no trailing slash, no encoded characters
  let reported: string | null = null;
  if (cookieHeader) {
    // Any cookie but the CSRF and time-zone ones (a session, valid or not; anything else) takes the
    // normal path, and so does a part without "=" (something we cannot read): cookieParts() reports it as null.
    for (const pair of cookieParts(cookieHeader)) {
      if (pair === null) return null;
      if (pair[0] === TIME_ZONE_COOKIE) {
        if (reported !== null) return null; // two zone cookies: let the normal path decide
        try {
          reported = decodeURIComponent(pair[1]);
        } catch {
          reported = ""; // unreadable, as for the normal path (cookieFromHeader): the default zone
        }
      } else if (pair[0] !== "__csrf") return null;
    }
  }
  const { zone, source } = resolveTimeZone(null, reported);
  return source === "browser" ? `${url}${ZONE_SEPARATOR}${zone}` : url;
}

const ZONE_SEPARATOR = "\u0000";

/** The page path and the browser-reported zone (null: none, or one the app does not know) of a key. */
export function keyParts(key: string): { path: string; zone: string | null } {
  const at = key.indexOf(ZONE_SEPARATOR);
  return at < 0 ? { path: key, zone: null } : { path: key.slice(0, at), zone: key.slice(at + 1) };
}

export function gigPageKey(gigId: string): string {
  return `/gigs/${gigId}`;
}

/**
 * Drops the gig page from this process's cache, and from the other web workers' (WEB_WORKERS > 1,
 * app/cluster.server.ts). Call after the write has committed.
 */
export function invalidateGigPage(gigId: string): void {
  invalidateHere(gigId);
  tellPeers(PEER_TOPIC, gigId);
}

const PEER_TOPIC = "page-cache:invalidate";
onPeerMessage(PEER_TOPIC, (gigId) => {
  if (typeof gigId === "string") invalidateHere(gigId);
});

function invalidateHere(gigId: string): void {
  const s = store();
  const path = gigPageKey(gigId);
  // every zone's copy of the page
  for (const key of s.entries.keys()) if (keyParts(key).path === path) s.entries.delete(key);
  s.invalidatedAt.set(path, performance.now());
  s.stats.invalidations++;
  if (s.invalidatedAt.size > MAX_ENTRIES * 4) {
    const cutoff = performance.now() - 60_000;
    for (const [k, t] of s.invalidatedAt) if (t < cutoff) s.invalidatedAt.delete(k);
  }
}

/** Drops every cached page (tests; a change that affects all pages). */
export function clearPageCache(): void {
  const s = store();
  const now = performance.now();
  for (const key of s.entries.keys()) s.invalidatedAt.set(keyParts(key).path, now);
  s.entries.clear();
}

export function setPageCacheEnabled(on: boolean): void {
  store().enabled = on;
  if (!on) clearPageCache();
}

export function pageCacheStats() {
  return { ...store().stats, entries: store().entries.size };
}

/** The cached template for `key` if it is fresh (counted as a hit), without a promise: the hot path. */
export function freshTemplate(key: string): PageTemplate | null {
  const s = store();
  const entry = s.entries.get(key);
  if (!entry || entry.expiresAt <= performance.now()) return null;
  s.stats.hits++;
  return entry.template;
}

/**
 * The template for `key`: from the cache, or rendered with `render` (concurrent misses share
 * one render). `render` returns null when the response must not be cached.
 */
export async function cachedPage(
  key: string,
  render: () => Promise<PageTemplate | null>,
): Promise<{ template: PageTemplate | null; hit: boolean }> {
  const s = store();
  const entry = s.entries.get(key);
  const now = performance.now();
  if (entry && entry.expiresAt > now) {
    s.stats.hits++;
    return { template: entry.template, hit: true };
  }
  if (entry) s.entries.delete(key);
  s.stats.misses++;
  let pending = s.pending.get(key);
  if (!pending) {
    const started = performance.now();
    pending = render()
      .then((template) => {
        const inv = s.invalidatedAt.get(keyParts(key).path);
        if (template && s.enabled && (inv === undefined || inv < started)) {
          if (s.entries.size >= MAX_ENTRIES) s.entries.delete(s.entries.keys().next().value as string);
          s.entries.set(key, { template, expiresAt: performance.now() + PAGE_CACHE_TTL_MS });
          s.stats.stored++;
        }
        return template;
      })
      .finally(() => s.pending.delete(key));
    s.pending.set(key, pending);
  }
  return { template: await pending, hit: false };
}

/**
 * Cuts the values a response was rendered with out of its body. Returns null when the nonce
 * does not occur (then the page cannot be personalised safely and is not cached).
 */
export function makeTemplate(body: string, values: { nonce: string; csrf: string }, headers: [string, string][]): PageTemplate | null {
  const segments: string[] = [];
  const slots: PageTemplate["slots"] = [];
  let i = 0;
  for (;;) {
    const n = body.indexOf(values.nonce, i);
    const c = body.indexOf(values.csrf, i);
    if (n < 0 && c < 0) break;
    const isNonce = n >= 0 && (c < 0 || n < c);
    const at = isNonce ? n : c;
    segments.push(body.slice(i, at));
    slots.push(isNonce ? "nonce" : "csrf");
    i = at + (isNonce ? values.nonce.length : values.csrf.length);
  }
  segments.push(body.slice(i));
  if (!slots.includes("nonce")) return null;
  const raw = segments.map((x) => Buffer.from(x, "utf8"));
  // Every segment but the last ends with a full flush: byte-aligned, and the next piece may not
  // refer back into it, so pieces compressed separately can be concatenated (gzipTemplate).
  const deflated = raw.map((b, k) =>
    deflateRawSync(b, { level: 6, finishFlush: k === raw.length - 1 ? constants.Z_FINISH : constants.Z_FULL_FLUSH }),
  );
  return { segments, slots, headers, raw, deflated, crcs: raw.map((b) => crc32(b)), shifts: raw.map((b) => crc32Shift(b.length)) };
}

export function fillTemplate(t: PageTemplate, values: { nonce: string; csrf: string }): string {
  let out = t.segments[0];
  for (let k = 0; k < t.slots.length; k++) out += (t.slots[k] === "nonce" ? values.nonce : values.csrf) + t.segments[k + 1];
  return out;
}

/** The filled-in page as UTF-8, without re-encoding the static text. */
export function templateBuffer(t: PageTemplate, values: { nonce: string; csrf: string }): Buffer {
  const parts: Buffer[] = [t.raw[0]];
  for (let k = 0; k < t.slots.length; k++)
    parts.push(Buffer.from(t.slots[k] === "nonce" ? values.nonce : values.csrf, "utf8"), t.raw[k + 1]);
  return Buffer.concat(parts);
}

const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff]);

/**
 * The filled-in page as a gzip member, without compressing the page per request: the static
 * segments were deflated once (makeTemplate); the per-request values go in between as stored
 * (uncompressed) deflate blocks; only the CRC-32 runs over the whole body. The result is an
 * ordinary gzip stream (RFC 1951/1952) that any client inflates; tests/unit/page-cache.test.ts.
 */
export function gzipTemplate(t: PageTemplate, values: { nonce: string; csrf: string }): Buffer {
  const parts: Buffer[] = [GZIP_HEADER, t.deflated[0]];
  let crc = t.crcs[0];
  let size = t.raw[0].length;
  for (let k = 0; k < t.slots.length; k++) {
    const v = Buffer.from(t.slots[k] === "nonce" ? values.nonce : values.csrf, "utf8");
    if (v.length > 0xffff) throw new Error("value too long for a stored block");
    // stored block: BFINAL=0 BTYPE=00 (padded to a byte), LEN, NLEN, the bytes
    const head = Buffer.from([0, v.length & 0xff, v.length >>> 8, ~v.length & 0xff, (~v.length >>> 8) & 0xff]);
    parts.push(head, v, t.deflated[k + 1]);
    // (zlib.crc32 of an empty buffer returns 0, not the running value, in Node 20)
    if (v.length > 0) crc = crc32(v, crc);
    // The segment's CRC was computed once (makeTemplate): combine instead of running over its bytes.
    crc = crc32Combine(crc, t.crcs[k + 1], t.shifts[k + 1]);
    size += v.length + t.raw[k + 1].length;
  }
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(size >>> 0, 4);
  parts.push(trailer);
  return Buffer.concat(parts);
}

// CRC-32 of a concatenation from the parts' CRCs (the method of zlib's crc32_combine): appending
// n bytes multiplies the running CRC by x^(8n) modulo the CRC polynomial (bit-reflected). The
// per-request values are short; the page's segments are not, so their CRCs are computed once per
// template and a request pays one 32-step multiplication per segment instead of reading its bytes.
const CRC_POLY = 0xedb88320;

/** a(x) * b(x) modulo the CRC-32 polynomial, in zlib's reflected bit order. */
function multModP(a: number, b: number): number {
  let m = 0x80000000;
  let p = 0;
  for (;;) {
    if ((a & m) >>> 0 !== 0) {
      p = (p ^ b) >>> 0;
      if (((a >>> 0) & (m - 1)) === 0) break;
    }
    m >>>= 1;
    b = b & 1 ? ((b >>> 1) ^ CRC_POLY) >>> 0 : b >>> 1;
  }
  return p >>> 0;
}

/** x^(2^k) modulo the polynomial, k = 0..31 (x^1 is 0x40000000 in reflected order). */
const X2N: number[] = [0x40000000];
for (let k = 1; k < 32; k++) X2N.push(multModP(X2N[k - 1], X2N[k - 1]));

/** The operator x^(8 * length) modulo the polynomial: what appending `length` bytes does to a CRC. */
export function crc32Shift(length: number): number {
  let p = 0x80000000; // x^0
  let k = 3; // 8 = 2^3 bits per byte
  for (let n = length; n > 0; n = Math.floor(n / 2), k++) if (n % 2 === 1) p = multModP(X2N[k & 31], p);
  return p;
}

/** CRC-32 of A followed by B, from crc(A), crc(B) and crc32Shift(B.length). */
export function crc32Combine(crcA: number, crcB: number, shiftB: number): number {
  return (multModP(shiftB, crcA) ^ crcB) >>> 0;
}
