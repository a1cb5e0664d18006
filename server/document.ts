/**
 * Sending a rendered document (issue #21, decision 0030). app/entry.server.tsx renders the whole
 * page into one buffer and hangs it on the Response under DOCUMENT_BODY; here that buffer is
 * compressed in ONE call and written with one `res.end`, instead of going web stream -> Node
 * stream -> the `compression` middleware's per-response zlib stream (its set-up alone was ~13% of
 * an `/about` request's CPU). Everything else (static files, single-fetch `.data` streams, resource
 * routes, HEAD) still goes through `compression` as before.
 *
 * Same observable behaviour as `compression` had for these responses: `Vary: Accept-Encoding`
 * always; bodies under 1 KB, `Cache-Control: no-transform` and responses that already carry a
 * Content-Encoding are sent as they are; br preferred over gzip over deflate when the client
 * accepts several with the same q; Content-Length of what is actually sent.
 */
import type { ServerResponse } from "node:http";
import { brotliCompressSync, deflateSync, gzipSync, constants as zlib } from "node:zlib";
import { DOCUMENT_BODY } from "~/document-body";

export { DOCUMENT_BODY };

/** Below this, compression saves less than the headers it adds (the `compression` default). */
export const COMPRESS_THRESHOLD = 1024;

export type Encoding = "br" | "gzip" | "deflate";

/** Preference when q values tie (as `compression` 1.8). */
const PREFERRED: Encoding[] = ["br", "gzip", "deflate"];

/**
 * The encoding to send for an Accept-Encoding header, or null for none (identity). `*` matches any
 * encoding not named; q=0 refuses. Header absent: identity.
 */
export function negotiateEncoding(header: string | string[] | undefined): Encoding | null {
  if (!header) return null;
  const text = Array.isArray(header) ? header.join(",") : header;
  const q = new Map<string, number>();
  for (const part of text.split(",")) {
    const [rawName, ...params] = part.split(";");
    const name = rawName.trim().toLowerCase();
    if (!name) continue;
    let value = 1;
    for (const p of params) {
      const m = /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(p);
      if (m) value = Number(m[1]);
    }
    if (!Number.isFinite(value)) continue;
    // The highest q wins when a name is repeated.
    q.set(name, Math.max(value, q.get(name) ?? -1));
  }
  const star = q.get("*");
  let best: Encoding | null = null;
  let bestQ = 0;
  for (const enc of PREFERRED) {
    const value = q.get(enc) ?? star ?? 0;
    if (value > bestQ) {
      best = enc;
      bestQ = value;
    }
  }
  return best;
}

/**
 * One-shot compression at the cheap end (decision 0015: gzip level 1, brotli quality 1): an 8 KB
 * page costs ~0.1-0.3 ms, a few percent more bytes than the default levels.
 */
export function compress(body: Buffer, encoding: Encoding): Buffer {
  if (encoding === "br") {
    return brotliCompressSync(body, {
      params: {
        [zlib.BROTLI_PARAM_QUALITY]: 1,
        [zlib.BROTLI_PARAM_SIZE_HINT]: body.length,
        [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT,
      },
    });
  }
  if (encoding === "gzip") return gzipSync(body, { level: 1 });
  return deflateSync(body, { level: 1 });
}

/** The whole document buffer entry.server.tsx attached to `response`, if it did. */
export function documentBody(response: Response): Buffer | undefined {
  return (response as unknown as Record<symbol, Buffer | undefined>)[DOCUMENT_BODY];
}

/**
 * Writes `response` (whose whole body is `body`) to `res` in one call, compressed when worth it.
 * Headers are copied as @remix-run/express does (one `append` per value, Set-Cookie kept apart).
 */
export function sendDocument(acceptEncoding: string | string[] | undefined, res: ServerResponse, response: Response, body: Buffer) {
  res.statusCode = response.status;
  if (response.statusText) res.statusMessage = response.statusText;
  for (const [key, value] of response.headers) appendHeader(res, key, value);
  appendHeader(res, "Vary", "Accept-Encoding");
  let out = body;
  const encoding =
    body.length >= COMPRESS_THRESHOLD &&
    !res.hasHeader("Content-Encoding") &&
    !/(?:^|,)\s*no-transform\s*(?:,|$)/i.test(String(res.getHeader("Cache-Control") ?? ""))
      ? negotiateEncoding(acceptEncoding)
      : null;
  if (encoding) {
    out = compress(body, encoding);
    res.setHeader("Content-Encoding", encoding);
  }
  res.setHeader("Content-Length", String(out.length));
  res.end(out);
}

function appendHeader(res: ServerResponse, key: string, value: string) {
  const prev = res.getHeader(key);
  if (prev === undefined) {
    res.setHeader(key, key.toLowerCase() === "set-cookie" ? [value] : value);
    return;
  }
  if (key.toLowerCase() === "vary") {
    // Merge without duplicates, like the `vary` package: "Accept-Encoding" once.
    const have = String(prev)
      .split(",")
      .map((v) => v.trim().toLowerCase());
    if (!have.includes(value.toLowerCase())) res.setHeader(key, `${prev}, ${value}`);
    return;
  }
  res.setHeader(
    key,
    Array.isArray(prev) ? [...prev, value] : key.toLowerCase() === "set-cookie" ? [String(prev), value] : `${prev}, ${value}`,
  );
}
