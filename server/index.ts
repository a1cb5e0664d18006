/**
 * The HTTP server: Express + the Remix request handler, security headers with a CSP nonce per
 * request, the CSRF cookie, static assets, and graceful shutdown (drain requests, stop the
 * outbox worker, then let the caller stop PostgreSQL).
 */
import { randomBytes, randomFillSync, randomUUID } from "node:crypto";
import { readdirSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import path from "node:path";
import { brotliCompressSync, constants as zlibConstants } from "node:zlib";
// The two halves of @remix-run/express's handler (exported by its server module, not its index):
// server/index.ts sends rendered documents its own way (decision 0030) and everything else through these.
import { createRemixRequest, sendRemixResponse } from "@remix-run/express/dist/server.js";
import { createRequestHandler as createFetchHandler, type ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { cookieFromHeader } from "~/cookies.server";
import { csrfToken } from "~/csrf.server";
import { TIME_ZONE_COOKIE } from "~/domain/time";
import { isDirectLocalRequest } from "~/net.server";
import {
  cacheableKey,
  cachedPage,
  freshTemplate,
  gzipTemplate,
  keyParts,
  makeTemplate,
  type PageTemplate,
  templateBuffer,
} from "~/page-cache.server";
import { ROOT } from "../scripts/lib/migrate";
import { documentBody, sendDocument } from "./document";

type AppBuild = ServerBuild & {
  entry: {
    module: ServerBuild["entry"]["module"] & {
      startRuntime?: () => Promise<void>;
      setServerOrigin?: (origin: string) => void;
      stopRuntime?: () => Promise<void>;
    };
  };
};

export interface RunningServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

const CSRF_COOKIE = "__csrf";

/**
 * Random bytes for the per-request nonce and CSRF secrets, drawn from a 4 KB buffer refilled from
 * the CSPRNG when used up (one system call per ~100 requests instead of two per request; each
 * byte is handed out once). Web workers are separate processes, each with its own buffer.
 */
const RANDOM_POOL = Buffer.alloc(4096);
let randomAt = RANDOM_POOL.length;
function randomToken(bytes: number, encoding: "base64" | "base64url"): string {
  if (randomAt + bytes > RANDOM_POOL.length) {
    randomFillSync(RANDOM_POOL);
    randomAt = 0;
  }
  const out = RANDOM_POOL.toString(encoding, randomAt, randomAt + bytes);
  randomAt += bytes;
  return out;
}

export function securityHeaders(nonce: string, dev: boolean) {
  const connect = dev ? "'self' ws: wss:" : "'self'";
  return {
    "Content-Security-Policy": [
      "default-src 'self'",
      `script-src 'self' 'nonce-${nonce}'${dev ? " 'unsafe-inline'" : ""}`,
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "font-src 'self'",
      `connect-src ${connect}`,
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join("; "),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cross-Origin-Opener-Policy": "same-origin",
  };
}

function badRequest(req: express.Request, res: express.Response, detail: string, status = 400) {
  if (res.headersSent) return;
  if (req.url.startsWith("/api/")) {
    res
      .status(status)
      .type("application/problem+json")
      .send(JSON.stringify({ type: "urn:second-act:problem:invalid-request", title: "Invalid request", status, detail }));
  } else {
    res.status(status).type("text/plain").send(detail);
  }
}

/** After a response to a request whose body is still arriving: discard at most this much more... */
const LINGER_BYTES = 8_000_000;
/** ...for at most this long, then close the connection. */
const LINGER_MS = 5_000;

/**
 * A response can finish before its request body has arrived (a 413 for an oversized body, a 401
 * answered before reading). Closing the socket then, with bytes still unread, makes the kernel
 * reset the connection, and a client still sending sees "connection reset" instead of the
 * answer; keeping it open and paused would let a client hold it forever. So once the response
 * is out, the rest of the body is read and thrown away (nothing is buffered: the consumers the
 * app attached are removed first) for at most LINGER_BYTES or LINGER_MS, then the socket is
 * closed. A body that ends in time leaves a reusable keep-alive connection. Node closes a
 * `Connection: close` connection right after the response (socket.destroySoon): that close is
 * held back until the lingering is over.
 */
function lingerOnUnreadBody(req: IncomingMessage, res: ServerResponse) {
  res.once("finish", () => {
    if (req.complete || req.destroyed) return;
    const socket = req.socket;
    // Node has already called socket.destroySoon() for a closing connection: end() now, destroy()
    // once the response is flushed, which would reset the connection while the client sends.
    const closing = socket.writableEnded;
    if (closing) socket.removeListener("finish", socket.destroy);
    const close = () => {
      clearTimeout(timer);
      socket.destroy();
    };
    const timer = setTimeout(close, LINGER_MS);
    timer.unref();
    let discarded = 0;
    req.removeAllListeners("data");
    req.on("data", (chunk: Buffer) => {
      discarded += chunk.length;
      if (discarded > LINGER_BYTES) close();
    });
    req.once("end", () => (closing ? close() : clearTimeout(timer)));
    socket.once("close", () => clearTimeout(timer));
    req.resume();
  });
}

export async function startServer(opts: {
  port: number;
  host?: string;
  build?: AppBuild;
  dev?: boolean;
  production?: boolean;
  buildDir?: string;
  log?: (m: string) => void;
  /** The anonymous gig-page cache (app/page-cache.server.ts). Default: on, except in dev. */
  pageCache?: boolean;
}): Promise<RunningServer> {
  const buildDir = opts.buildDir ?? path.join(ROOT, "build");
  const log = opts.log ?? console.log;
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback");
  // `compression` for everything except rendered documents: static files, single-fetch `.data`
  // streams, resource routes, HEAD. Documents are compressed in one call by server/document.ts
  // (decision 0030), at the same cheap settings: an 8 KB page at gzip level 6 0.80 ms -> level 1
  // 0.58 ms for 4% more bytes, brotli quality 4 0.90 ms -> quality 1 0.23 ms for 12% more
  // (docs/perf/README.md). Below 1 KB: not compressed.
  const compress = compression({ level: 1, threshold: 1024, brotli: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 1 } } });

  let vite: import("vite").ViteDevServer | undefined;
  let build: AppBuild | (() => Promise<AppBuild>);
  if (opts.dev) {
    const { createServer } = await import("vite");
    vite = await createServer({ server: { middlewareMode: true }, root: ROOT });
    app.use(compress); // dev: every response, as before (documents already encoded are left alone)
    app.use(vite.middlewares);
    build = () => vite!.ssrLoadModule("virtual:remix/server-build") as Promise<AppBuild>;
  } else {
    const clientDir = path.join(buildDir, "client");
    app.use("/assets", compress, express.static(path.join(clientDir, "assets"), { immutable: true, maxAge: "1y" }));
    // Top-level public files only (favicon, robots.txt...): a stat() of every page URL
    // (ENOENT, an Error with a stack trace) was measurable under load.
    const serveTop = express.static(clientDir, { maxAge: "1h", index: false });
    const topEntries = new Set(readdirSync(clientDir));
    app.use((req, res, next) => (topEntries.has(req.path.split("/")[1]) ? compress(req, res, () => serveTop(req, res, next)) : next()));
    build = opts.build ?? ((await import(path.join(buildDir, "server/index.js"))) as AppBuild);
  }
  const loaded = typeof build === "function" ? await build() : build;
  await loaded.entry.module.startRuntime?.();

  // Reject URLs that cannot name anything before they reach a route: malformed percent-encoding,
  // NUL or line-break characters in the path or query (PostgreSQL cannot even compare NUL).
  app.use((req, res, next) => {
    const [rawPath, rawQuery = ""] = req.url.split("?", 2);
    let path: string;
    try {
      path = decodeURIComponent(rawPath);
    } catch {
      return badRequest(req, res, "The address is not valid (malformed percent-encoding).");
    }
    const query = [...new URLSearchParams(rawQuery)].flat().join("");
    if (["\u0000", "\n", "\r", "\u2028", "\u2029"].some((c) => path.includes(c)) || query.includes("\u0000")) {
      return badRequest(req, res, "The address contains characters that are not allowed.");
    }
    next();
  });

  // Cross-site form posts are refused here (403), before Remix's own origin check would 500.
  // The JSON API is authenticated by Bearer tokens, not cookies, so it is exempt.
  app.use((req, res, next) => {
    if (["GET", "HEAD", "OPTIONS"].includes(req.method) || req.path.startsWith("/api/v1/")) return next();
    const origin = req.headers.origin;
    if (origin !== undefined) {
      let host: string | null = null;
      try {
        host = origin === "null" ? null : new URL(origin).host;
      } catch {
        host = null;
      }
      if (host !== req.headers.host) {
        res.status(403).type("text/plain").send("Cross-site request refused.");
        return;
      }
    }
    next();
  });

  /** The browser's CSRF secret, or a new one with the cookie that stores it. */
  function csrfSecretFor(req: IncomingMessage): { secret: string; setCookie?: string } {
    const secret = cookieFromHeader(req.headers.cookie, CSRF_COOKIE);
    if (secret && /^[A-Za-z0-9_-]{20,64}$/.test(secret)) return { secret };
    const fresh = randomToken(24, "base64url");
    const secure = opts.production ? "; Secure" : "";
    return { secret: fresh, setCookie: `${CSRF_COOKIE}=${fresh}; Path=/; HttpOnly; SameSite=Lax${secure}` };
  }

  let inFlight = 0;
  let draining = false;
  app.use((req, res, next) => {
    if (draining) {
      res.setHeader("Connection", "close");
    }
    inFlight++;
    res.on("close", () => {
      inFlight--;
    });
    lingerOnUnreadBody(req, res);
    const nonce = randomToken(16, "base64");
    res.locals.nonce = nonce;
    for (const [k, v] of Object.entries(securityHeaders(nonce, Boolean(opts.dev)))) res.setHeader(k, v);
    const csrf = csrfSecretFor(req);
    if (csrf.setCookie) res.append("Set-Cookie", csrf.setCookie);
    res.locals.csrfSecret = csrf.secret;
    next();
  });

  // Remix, as @remix-run/express's handler does, except how the answer is written: a rendered
  // document (its whole body in one buffer, app/entry.server.tsx) is compressed and sent in one
  // call (server/document.ts); any other response goes through `compression` and the web stream.
  const remixHandler = createFetchHandler(build as never, opts.dev ? "development" : "production");
  app.all("*", async (req, res, next) => {
    try {
      const request = createRemixRequest(req, res);
      const response = await remixHandler(request, {
        nonce: res.locals.nonce as string,
        csrfSecret: res.locals.csrfSecret as string,
        ip: req.ip ?? "unknown",
        requestId: randomUUID(),
        // The socket's own address, not req.ip (which trusts X-Forwarded-For from loopback).
        directLocal: isDirectLocalRequest(req.socket.remoteAddress, req.headers),
      });
      const body = documentBody(response);
      if (body) return sendDocument(req.headers["accept-encoding"], res, response, body);
      compress(req, res, () => sendRemixResponse(res, response).catch(next));
    } catch (error) {
      next(error);
    }
  });

  // Last-resort error handler: never leak a stack trace; keep client errors (e.g. a body Express
  // could not parse) as the 4xx they are.
  app.use(
    (err: Error & { status?: number; statusCode?: number }, req: express.Request, res: express.Response, _next: express.NextFunction) => {
      const status = err.status ?? err.statusCode ?? 500;
      if (status >= 400 && status < 500) return badRequest(req, res, "The request is not valid.", status);
      console.error(err);
      if (!res.headersSent) res.status(500).json({ title: "Internal error", status: 500 });
    },
  );

  // Anonymous gig pages from the micro-cache (app/page-cache.server.ts), before Express. A miss
  // renders the page through Remix's fetch handler with a throwaway nonce and CSRF secret; a
  // page that is not 200 text/html or sets a cookie is not cached and the request takes the
  // normal path. Every response gets its own nonce, CSP header and CSRF token.
  const usePageCache = (opts.pageCache ?? !opts.dev) && !opts.dev;
  const remixFetch = usePageCache ? createFetchHandler(loaded, "production") : null;
  async function renderTemplate(key: string, req: IncomingMessage): Promise<PageTemplate | null> {
    const nonce = randomBytes(16).toString("base64");
    const secret = randomBytes(24).toString("base64url");
    // A fixed origin: nothing the client sends (Host, cookies, headers) reaches a shared page, except
    // the time zone of the key (a zone the app knows, checked by cacheableKey).
    const { path: pagePath, zone } = keyParts(key);
    const sent: Record<string, string> = { accept: "text/html" };
    if (zone) sent.cookie = `${TIME_ZONE_COOKIE}=${encodeURIComponent(zone)}`;
    const request = new Request(`http://localhost${pagePath}`, { headers: sent });
    const response = await remixFetch!(request, {
      nonce,
      csrfSecret: secret,
      ip: req.socket.remoteAddress ?? "unknown",
      requestId: randomUUID(),
      directLocal: false,
    });
    const type = response.headers.get("content-type") ?? "";
    if (response.status !== 200 || response.headers.has("set-cookie") || !type.startsWith("text/html")) {
      await response.body?.cancel();
      return null;
    }
    const body = await response.text();
    const skip = new Set(["content-length", "content-encoding", "transfer-encoding", "set-cookie", "date", "connection", "vary"]);
    const headers = [...response.headers].filter(([k]) => !skip.has(k.toLowerCase()));
    return makeTemplate(body, { nonce, csrf: csrfToken(secret) }, headers);
  }
  // The security headers with a placeholder nonce, split once (same text as securityHeaders()).
  const NONCE_MARK = "\u0000nonce\u0000";
  const cachedSecurityHeaders = Object.entries(securityHeaders(NONCE_MARK, false)).map(([k, v]) => [k, v.split(NONCE_MARK)] as const);
  async function serveCached(key: string, req: IncomingMessage, res: ServerResponse) {
    const { template, hit } = await cachedPage(key, () => renderTemplate(key, req));
    if (!template) return app(req, res); // not cacheable (404, redirect, cookie...): the normal path answers
    sendTemplate(template, hit, req, res);
  }
  function sendTemplate(template: PageTemplate, hit: boolean, req: IncomingMessage, res: ServerResponse) {
    const nonce = randomToken(16, "base64");
    const csrf = csrfSecretFor(req);
    const values = { nonce, csrf: csrfToken(csrf.secret) };
    const headers: Record<string, string | string[]> = {};
    for (const [k, v] of template.headers) headers[k] = v;
    for (const [k, parts] of cachedSecurityHeaders) headers[k] = parts.join(nonce);
    headers.Vary = "Accept-Encoding";
    headers["X-Page-Cache"] = hit ? "HIT" : "MISS";
    if (csrf.setCookie) headers["Set-Cookie"] = [csrf.setCookie];
    // gzip first here (unlike `compression`, which prefers br): the cached page is gzipped
    // without compressing it per request (gzipTemplate).
    const accepts = String(req.headers["accept-encoding"] ?? "");
    let body: Buffer;
    if (/\bgzip\b(?!\s*;\s*q=0(\.0*)?\b)/.test(accepts)) {
      body = gzipTemplate(template, values);
      headers["Content-Encoding"] = "gzip";
    } else if (/\bbr\b(?!\s*;\s*q=0(\.0*)?\b)/.test(accepts)) {
      const plain = templateBuffer(template, values);
      body = brotliCompressSync(plain, {
        params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: plain.length },
      });
      headers["Content-Encoding"] = "br";
    } else {
      body = templateBuffer(template, values);
    }
    headers["Content-Length"] = String(body.length);
    res.writeHead(200, headers);
    res.end(body);
  }

  const server = createServer((req, res) => {
    const key = usePageCache && !draining ? cacheableKey(req.method, req.url, req.headers.cookie) : null;
    if (!key) return app(req, res);
    inFlight++;
    res.on("close", () => {
      inFlight--;
    });
    // A fresh entry is answered in this tick (no promise); a miss renders or waits for the render.
    const fresh = freshTemplate(key);
    if (fresh) return sendTemplate(fresh, true, req, res);
    serveCached(key, req, res).catch((e) => {
      console.error(e);
      if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain" }).end("Internal error");
    });
  });
  await new Promise<void>((resolve) => server.listen(opts.port, opts.host ?? "127.0.0.1", () => resolve()));
  server.keepAliveTimeout = 5_000;
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : opts.port;
  const url = `http://localhost:${port}`;
  loaded.entry.module.setServerOrigin?.(url); // email links when APP_URL is unset
  log(`Second Act is serving on ${url}`);

  return {
    server,
    url,
    async close() {
      draining = true;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        const deadline = Date.now() + 10_000;
        const timer = setInterval(() => {
          if (inFlight <= 0 || Date.now() > deadline) {
            clearInterval(timer);
            server.closeAllConnections();
          }
        }, 50);
      });
      await loaded.entry.module.stopRuntime?.();
      await vite?.close();
    },
  };
}
